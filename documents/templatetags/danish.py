"""Template filters for Danish dates and amounts: {{ plan.adopted_on|long_date }}."""

from django import template

from documents import formatting

register = template.Library()

register.filter("long_date", formatting.long_date)
register.filter("short_date", formatting.short_date)
register.filter("amount", formatting.amount)
register.filter("number_da", formatting.number)


@register.filter
def date_no_weekday(value):
    return formatting.long_date(value, weekday=False)
