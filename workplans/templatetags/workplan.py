"""The work plan's one list of places (every meeting, every month, "Afventer dato"), written
once per page and marked per row: a busy committee's plan has a hundred rows, each with the
same choice of some forty places, and a template loop per row would dominate the page's time."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag
def target_options(targets: list[tuple[str, str]]) -> SafeString:
    return format_html_join("", '<option value="{}">{}</option>', targets)


@register.filter
def selecting(options: SafeString, where: str) -> SafeString:
    """The options with the entry's place selected ("" is "Afventer dato")."""
    value = format_html('value="{}"', where or "none")
    return mark_safe(options.replace(value, f"{value} selected", 1))
