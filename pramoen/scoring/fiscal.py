"""Fiscal years and reporting rounds.

A fiscal year is named by the Buddhist-era (พ.ศ.) year in which it ends. Most
funds run 1 October – 30 September (ปีงบประมาณ); some run on the calendar year
1 January – 31 December (ปีบัญชีปฏิทิน). Rounds are cumulative to the end of
each quarter: round 1 = 3 months, round 2 = half-year, round 4 = year-end.
"""

from __future__ import annotations

import calendar
from datetime import date

BE_OFFSET = 543  # พ.ศ. = ค.ศ. + 543
OCTOBER = 10
JANUARY = 1
START_MONTHS = (OCTOBER, JANUARY)
ROUNDS = (1, 2, 3, 4)


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def fiscal_year_span(fiscal_year_be: int, start_month: int = OCTOBER) -> tuple[date, date]:
    """First and last day of fiscal year ``fiscal_year_be`` (พ.ศ.).

    >>> fiscal_year_span(2567)
    (datetime.date(2023, 10, 1), datetime.date(2024, 9, 30))
    >>> fiscal_year_span(2567, JANUARY)
    (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))
    """
    if start_month not in START_MONTHS:
        raise ValueError(f"fiscal years start in October or January, not month {start_month}")
    end_ce = be_to_ce(fiscal_year_be)
    if start_month == JANUARY:
        return date(end_ce, 1, 1), date(end_ce, 12, 31)
    return date(end_ce - 1, 10, 1), date(end_ce, 9, 30)


def round_period(fiscal_year_be: int, round_no: int, start_month: int = OCTOBER) -> tuple[date, date]:
    """Cumulative period covered by round ``round_no`` (1–4): from the start of
    the fiscal year to the end of its ``round_no``-th quarter.

    >>> round_period(2567, 2)
    (datetime.date(2023, 10, 1), datetime.date(2024, 3, 31))
    """
    if round_no not in ROUNDS:
        raise ValueError(f"round must be 1-4, not {round_no}")
    start, _ = fiscal_year_span(fiscal_year_be, start_month)
    month_index = start.month - 1 + 3 * round_no - 1  # zero-based month of the quarter's last month
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    return start, date(year, month, calendar.monthrange(year, month)[1])


def fiscal_year_of(day: date, start_month: int = OCTOBER) -> int:
    """The fiscal year (พ.ศ.) that contains ``day``."""
    if start_month not in START_MONTHS:
        raise ValueError(f"fiscal years start in October or January, not month {start_month}")
    year_ce = day.year + 1 if (start_month == OCTOBER and day.month >= OCTOBER) else day.year
    return ce_to_be(year_ce)
