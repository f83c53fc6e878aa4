"""Journey 0: someone trying the demo logs in as a demo user and reads the sample fund's scorecard."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from pramoen.agreements.models import Agreement, Status
from pramoen.demo.users import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_demo_fund_shows_the_sample_reports_round_2_score(page: Any, log_in: Any, shot: Any, th: Any) -> None:
    call_command("load_demo", "--force", stdout=StringIO())
    agreement = Agreement.objects.get(fund__code="1-06", fiscal_year=2567)
    round2 = agreement.rounds.get(number=2)

    log_in(page, User.objects.get(username="fund-staff"), DEMO_PASSWORD)

    page.goto(agreement.get_absolute_url())
    expect(page.locator(".agreement-head .status")).to_contain_text(th(Status.IN_FORCE.label))
    expect(page.locator("#versions")).to_contain_text("PA")
    shot(page, "1-agreement-in-force")

    page.goto(f"/rounds/{round2.pk}/scorecard/")
    expect(page.locator(".scorecard-total")).to_have_text("2.0179")
    expect(page.locator("body")).to_contain_text("+52.64 %")
    shot(page, "2-round-2-scorecard", full_page=True)
