"""Template helpers: ``{% load pramoen %}``.

``be_date`` shows a date the way Thai readers expect it: day, abbreviated month
and Buddhist-era year (พ.ศ. = ค.ศ. + 543) when the page is in Thai, and a plain
English date with the Common-era year otherwise. The month names are spelled out
here rather than taken from the C library's locale, which may not include Thai.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.conf import settings
from django.utils import timezone, translation

from pramoen.scoring.fiscal import ce_to_be

register = template.Library()

THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
ENGLISH_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_be_date(value: date, language: str | None = None) -> str:
    """``value`` as "1 ต.ค. 2566" in Thai, "1 Oct 2023" in any other language.

    ``language`` defaults to the active language. A datetime is shown as its date
    in the current time zone.
    """
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language.split("-")[0] == "th":
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {ce_to_be(value.year)}"
    return f"{value.day} {ENGLISH_MONTHS_SHORT[value.month - 1]} {value.year}"


@register.filter(expects_localtime=False)
def be_date(value: object) -> str:
    """``{{ value|be_date }}``; empty for anything that is not a date, like Django's ``date``."""
    if not isinstance(value, date):
        return ""
    return format_be_date(value)
