"""Template filters of the public portal: {% url 'portal:body' body|body_key %},
{{ size|file_size }}, {{ content_type|file_kind }}.

Dates, times and sections use the site-wide filters of danish.templatetags.danish
(long_date, clock, richtext).
"""

from django import template

register = template.Library()

FILE_KINDS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "image/png": "PNG-billede",
    "image/jpeg": "JPEG-billede",
}


@register.filter
def body_key(body) -> str:
    """The body's slug in portal URLs ("ØK" -> "oek")."""
    from portal.views import body_key as key

    return key(body)


@register.filter
def file_size(size: int | None) -> str:
    """'120 KB', '2,4 MB': the size of an attachment, with a Danish decimal comma."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


@register.filter
def file_kind(content_type: str) -> str:
    """'PDF', 'Word': the kind of file behind a download link."""
    return FILE_KINDS.get(content_type or "", "Fil")
