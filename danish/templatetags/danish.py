"""Template filters for Danish dates and amounts: {{ plan.adopted_on|long_date }}."""

from django import template

from danish import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("amount", formatting.amount)
register.filter("number_da", formatting.number)


@register.filter
def date_no_weekday(value):
    return formatting.long_date(value, weekday=False)


@register.filter
def richtext(value):
    """A section's plain formatting as escaped HTML (paragraphs, bullets, tables)."""
    from danish.richtext import to_html

    return to_html(value or "")


@register.filter
def capfirst_date(value):
    """'Onsdag den 22. november 2023', as a front page starts the date."""
    text = formatting.long_date(value)
    return text[:1].upper() + text[1:]


@register.filter
def clock(value):
    """'9.00': a time of day as Danish writes it (the mails and history say 'kl. 14.05')."""
    return f"{value.hour}.{value.minute:02d}" if value else ""


@register.filter
def when_da(value):
    """'6. december 2022' for a date, '6. december 2022 kl. 14.05' for a moment (local time)."""
    import datetime

    from django.utils import timezone

    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{formatting.long_date(value, weekday=False)} kl. {value:%H.%M}"
    return formatting.long_date(value, weekday=False)
