"""Journey: the fund downloads its round report; CGD reads the portfolio and makes every fund's report."""

from __future__ import annotations

import zipfile
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from pramoen.agreements.models import Agreement
from pramoen.demo.users import DEMO_PASSWORD
from pramoen.reports.tests.readback import normalise, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_round_report_and_the_portfolio(page: Any, log_in: Any, shot: Any, tmp_path: Path) -> None:
    call_command("load_demo", "--force", stdout=StringIO())
    round2 = Agreement.objects.get(fund__code="1-06", fiscal_year=2567).rounds.get(number=2)

    log_in(page, User.objects.get(username="fund-staff"), DEMO_PASSWORD)
    page.goto(f"/rounds/{round2.pk}/scorecard/")
    expect(page.locator(".report-downloads")).to_be_visible()
    expect(page.locator(".site-nav")).not_to_contain_text("ภาพรวมทุนหมุนเวียน")  # the portfolio is CGD's
    shot(page, "1-scorecard-with-report-buttons")
    with page.expect_download() as download_info:
        page.locator(".report-downloads a[data-format=pdf]").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.name == "rfes-1-06-2567-r2.pdf"
    assert normalise("ได้ค่าคะแนน ๒.๐๑๗๙") in normalise(pdf_text(saved.read_bytes()))

    page.context.clear_cookies()
    log_in(page, User.objects.get(username="cgd"), DEMO_PASSWORD)
    page.goto("/")
    page.locator(".site-nav").get_by_text("ภาพรวมทุนหมุนเวียน").click()
    expect(page.locator("table.portfolio")).to_contain_text("1-06")
    expect(page.locator("table.portfolio")).to_contain_text("2.0179")
    shot(page, "2-portfolio", full_page=True)

    page.locator("#bulk-format").select_option("xlsx")
    page.get_by_role("button", name="จัดทำรายงานของทุกทุนหมุนเวียนเป็นไฟล์ zip").click()
    expect(page.locator("#job-progress")).to_contain_text("เสร็จแล้ว")
    shot(page, "3-bulk-job-done")
    with page.expect_download() as download_info:
        page.locator("#job-progress a[download]").click()
    archive = tmp_path / "all.zip"
    download_info.value.save_as(archive)
    assert zipfile.ZipFile(archive).namelist() == ["rfes-1-06-2567-r2.xlsx"]
