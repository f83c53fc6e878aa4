"""Journey 1: a PPP drafted and submitted by the fund, revised into a PP, approved and signed.

Every step is taken in the browser, through the agreement page, by the user whose
role takes it; each user logs in through the login page.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, Kpi, Status
from pramoen.agreements.workflow import STEPS
from pramoen.testing import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take_step(page: Any, name: str, *, on: Any = None, comment: str = "") -> None:
    """Fill in and press the button of one workflow step on the agreement page."""
    form = page.locator(f"form#step-{name}")
    if on is not None:
        form.locator("input[type=date]").fill(on.isoformat())
    if comment:
        form.locator("textarea").fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_ppp_goes_from_the_fund_to_an_agreement_in_force(page: Any, log_in: Any, shot: Any, th: Any) -> None:
    agency = f.make_agency()
    fund = f.make_fund(owner_agency=agency)
    staff = f.make_user(Role.FUND_STAFF, fund=fund, first_name="สมศรี", last_name="ใจดี")
    approver = f.make_user(Role.FUND_APPROVER, fund=fund, first_name="ประเสริฐ", last_name="มั่นคง")
    consultant = f.make_user(Role.CONSULTANT, fund=fund, first_name="อรวรรณ", last_name="ปรึกษากิจ")
    cgd = f.make_user(Role.CGD_OFFICER, first_name="กิตติ", last_name="บัญชีกลาง")
    committee = f.make_user(Role.COMMITTEE, first_name="สมชาย", last_name="พิจารณ์")
    agreement = f.make_agreement(fund, 2570)
    kpi = Kpi.objects.get(agreement=agreement, code="1.1")
    detail = reverse("agreements:detail", args=[agreement.pk])
    status = page.locator(".agreement-head .status")
    today = timezone.localdate()

    # The fund drafts: a KPI weight typed wrong is caught live, next to the form, then fixed.
    log_in(page, staff)
    page.goto(detail)
    expect(status).to_contain_text(th(Status.PPP_DRAFTING.label))
    shot(page, "1-ppp-draft")
    page.locator(f"#kpi-{kpi.pk} a[href$='/kpis/{kpi.pk}/']").click()
    weight = page.locator("input[name=weight]")
    weight.fill("25")
    panel = page.locator("#validation")
    expect(panel).to_have_class(re.compile(r"\bvalidation--errors\b"))
    expect(panel.locator(".issues--errors")).to_contain_text("25")
    shot(page, "2-live-validation-error")
    weight.fill("20")
    expect(panel).to_contain_text(th("No problems found: the weights, levels and framework rules all check out."))
    shot(page, "3-live-validation-fixed")
    page.get_by_role("button", name=th("Save")).click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text(th("KPI %(code)s has been saved.") % {"code": "1.1"})

    # ... and submits the PPP with the date of the board's approval.
    take_step(page, "submit_ppp", on=today - timedelta(days=60))
    expect(status).to_contain_text(th(Status.PPP_SUBMITTED.label))
    expect(page.locator("#versions")).to_contain_text("PPP")
    shot(page, "4-ppp-submitted")

    # CGD records the meeting; the consultant revises the PP and sends it to the committee.
    log_in(page, cgd)
    page.goto(detail)
    take_step(page, "hold_meeting", on=today - timedelta(days=50))
    expect(status).to_contain_text(th(Status.PP_DRAFTING.label))

    log_in(page, consultant)
    page.goto(reverse("agreements:kpi_edit", args=[agreement.pk, kpi.pk]))
    page.locator("input[name=level_3]").fill("82")
    page.get_by_role("button", name=th("Save")).click()
    page.wait_for_load_state()
    expect(page.locator(f"#kpi-{kpi.pk}")).to_contain_text("82")
    take_step(page, "submit_pp")
    expect(status).to_contain_text(th(Status.PP_REVIEW.label))
    shot(page, "5-pp-with-the-committee")

    # The committee approves at its meeting.
    log_in(page, committee)
    page.goto(detail)
    take_step(page, "approve", on=today - timedelta(days=40), comment="เห็นชอบตัวชี้วัด")
    expect(status).to_contain_text(th(Status.APPROVED.label))

    # CGD sends it, the fund approver signs, CGD records the MoF signature.
    log_in(page, cgd)
    page.goto(detail)
    take_step(page, "send_to_fund", on=today - timedelta(days=30))
    expect(status).to_contain_text(th(Status.SENT.label))

    log_in(page, approver)
    page.goto(detail)
    take_step(page, "fund_sign", on=today - timedelta(days=20))
    expect(status).to_contain_text(th(Status.FUND_SIGNED.label))

    log_in(page, cgd)
    page.goto(detail)
    take_step(page, "mof_sign", on=today - timedelta(days=10))
    expect(status).to_contain_text(th(Status.IN_FORCE.label))
    expect(page.locator("#versions")).to_contain_text("PA")
    timeline = page.locator("#timeline")
    for name in ("submit_ppp", "hold_meeting", "submit_pp", "approve", "send_to_fund", "fund_sign", "mof_sign"):
        expect(timeline).to_contain_text(th(STEPS[name].label))
    expect(timeline).to_contain_text("อรวรรณ ปรึกษากิจ")
    expect(page.locator("#rounds")).to_be_visible()
    shot(page, "6-in-force", full_page=True)

    agreement.refresh_from_db()
    assert agreement.status == Status.IN_FORCE
    assert [v.label for v in agreement.versions.all()] == ["PPP", "PP", "PA"]
    assert Agreement.objects.get(pk=agreement.pk).kpis.get(code="1.1").level_3 == 82
