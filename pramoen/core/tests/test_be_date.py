from __future__ import annotations

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.test import SimpleTestCase, override_settings
from django.utils import translation

from pramoen.core.templatetags.pramoen import format_be_date


def render(value: object) -> str:
    return Template("{% load pramoen %}{{ value|be_date }}").render(Context({"value": value}))


class BeDateTestCase(SimpleTestCase):
    def test_it_shows_thai_month_and_buddhist_year(self) -> None:
        with translation.override("th"):
            self.assertEqual(render(date(2023, 10, 1)), "1 ต.ค. 2566")

    def test_it_shows_english_month_and_common_era_year(self) -> None:
        with translation.override("en"):
            self.assertEqual(render(date(2023, 10, 1)), "1 Oct 2023")

    def test_it_spells_every_thai_month(self) -> None:
        months = [format_be_date(date(2024, month, 1), "th").split()[1] for month in range(1, 13)]
        self.assertEqual(
            months,
            ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."],
        )

    def test_it_handles_the_last_day_of_a_leap_february(self) -> None:
        self.assertEqual(format_be_date(date(2024, 2, 29), "th"), "29 ก.พ. 2567")
        self.assertEqual(format_be_date(date(2024, 2, 29), "en"), "29 Feb 2024")

    def test_it_treats_regional_thai_as_thai(self) -> None:
        self.assertEqual(format_be_date(date(2024, 12, 31), "th-TH"), "31 ธ.ค. 2567")

    @override_settings(TIME_ZONE="Asia/Bangkok")
    def test_it_shows_an_aware_datetime_in_the_local_time_zone(self) -> None:
        # 20:00 UTC on 30 September is already 1 October in Bangkok (UTC+7).
        moment = datetime(2023, 9, 30, 20, 0, tzinfo=UTC)
        with translation.override("th"):
            self.assertEqual(render(moment), "1 ต.ค. 2566")

    def test_it_uses_the_date_of_a_naive_datetime(self) -> None:
        self.assertEqual(format_be_date(datetime(2023, 9, 30, 23, 59), "th"), "30 ก.ย. 2566")

    def test_it_renders_nothing_for_missing_or_non_dates(self) -> None:
        with translation.override("th"):
            self.assertEqual(render(None), "")
            self.assertEqual(render(""), "")
            self.assertEqual(render("2023-10-01"), "")
