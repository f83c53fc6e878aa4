"""Fiscal years (named by their ending พ.ศ. year) and cumulative rounds."""

from datetime import date

import pytest

from pramoen.scoring.fiscal import JANUARY, fiscal_year_of, fiscal_year_span, round_period


def test_an_october_fiscal_year_ends_in_the_year_it_is_named_after():
    assert fiscal_year_span(2567) == (date(2023, 10, 1), date(2024, 9, 30))


def test_a_calendar_fiscal_year_is_the_calendar_year():
    assert fiscal_year_span(2567, JANUARY) == (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize("round_no, end", [(1, date(2023, 12, 31)), (2, date(2024, 3, 31)),
                                           (3, date(2024, 6, 30)), (4, date(2024, 9, 30))])
def test_rounds_are_cumulative_quarters_of_an_october_year(round_no, end):
    assert round_period(2567, round_no) == (date(2023, 10, 1), end)


@pytest.mark.parametrize("round_no, end", [(1, date(2024, 3, 31)), (2, date(2024, 6, 30)),
                                           (3, date(2024, 9, 30)), (4, date(2024, 12, 31))])
def test_rounds_of_a_calendar_year(round_no, end):
    assert round_period(2567, round_no, JANUARY) == (date(2024, 1, 1), end)


def test_the_fiscal_year_of_a_day():
    assert fiscal_year_of(date(2023, 10, 1)) == 2567
    assert fiscal_year_of(date(2023, 9, 30)) == 2566
    assert fiscal_year_of(date(2023, 10, 1), JANUARY) == 2566


@pytest.mark.parametrize("call", [lambda: fiscal_year_span(2567, 4), lambda: round_period(2567, 5),
                                  lambda: fiscal_year_of(date(2024, 1, 1), 7)])
def test_it_refuses_other_start_months_and_rounds(call):
    with pytest.raises(ValueError):
        call()
