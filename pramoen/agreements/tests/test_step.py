"""Taking workflow steps from the agreement page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pramoen.access.models import Role
from pramoen.agreements.models import AgreementEvent, Kpi, Status
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def step(client, agreement, name: str, **data):
    prefixed = {f"{name}-{k}": v for k, v in data.items()}
    return client.post(f"/agreements/{agreement.pk}/steps/{name}/", prefixed)


def test_fund_staff_submit_the_ppp_with_the_board_date(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    day = timezone.localdate() - timedelta(days=3)
    r = step(client, agreement, "submit_ppp", occurred_on=day.isoformat())
    assert r.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.PPP_SUBMITTED
    assert agreement.events.get().occurred_on == day
    assert agreement.versions.get().label == "PPP"


def test_an_invalid_agreement_cannot_move_forward_and_the_page_says_why(client, agreement):
    Kpi.objects.filter(agreement=agreement, code="1.1").update(weight="14")
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = step(client, agreement, "submit_ppp")
    assert r.status_code == 400
    agreement.refresh_from_db()
    assert agreement.status == Status.PPP_DRAFTING
    failed = [s for s in r.context["steps"] if s["step"].name == "submit_ppp"][0]
    assert any("14" in e for e in failed["errors"])
    assert "14" in r.content.decode()


def test_a_return_without_a_comment_is_refused_next_to_the_comment(client, agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    login(client, Role.CGD_OFFICER)
    r = step(client, agreement, "return_ppp", comment="  ")
    assert r.status_code == 400
    failed = [s for s in r.context["steps"] if s["step"].name == "return_ppp"][0]
    assert failed["form"].errors["comment"]
    agreement.refresh_from_db()
    assert agreement.status == Status.PPP_SUBMITTED


def test_a_date_in_the_future_is_refused(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    tomorrow = timezone.localdate() + timedelta(days=1)
    r = step(client, agreement, "submit_ppp", occurred_on=tomorrow.isoformat())
    assert r.status_code == 400
    assert not AgreementEvent.objects.exists()


def test_a_role_the_step_does_not_allow_gets_403(client, agreement):
    login(client, Role.CGD_OFFICER)
    assert step(client, agreement, "submit_ppp").status_code == 403
    assert not AgreementEvent.objects.exists()


def test_a_step_from_the_wrong_state_is_refused_with_400(client, agreement):
    login(client, Role.CGD_OFFICER)
    r = step(client, agreement, "hold_meeting")
    assert r.status_code == 400
    assert not AgreementEvent.objects.exists()


def test_an_unknown_step_is_404(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert step(client, agreement, "skip_to_the_end").status_code == 404


def test_another_funds_staff_get_404(client, agreement):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    assert step(client, agreement, "submit_ppp").status_code == 404


def test_steps_are_post_only(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert client.get(f"/agreements/{agreement.pk}/steps/submit_ppp/").status_code == 405


def test_a_step_dated_before_the_previous_one_is_refused_next_to_the_date(client, agreement):
    factories.advance(agreement, Status.APPROVED, on=timezone.localdate() - timedelta(days=3))
    login(client, Role.CGD_OFFICER)
    r = step(client, agreement, "send_to_fund", occurred_on=(timezone.localdate() - timedelta(days=4)).isoformat())
    assert r.status_code == 400
    assert r.context["steps"][0]["form"].errors["occurred_on"]
    agreement.refresh_from_db()
    assert agreement.status == Status.APPROVED


def test_the_whole_workflow_through_the_pages(client, agreement):
    """PPP → returned → PPP → PP → sent back → PP → approved → sent → objection → re-sent → signed → in force."""
    fund = agreement.fund
    today = timezone.localdate()
    staff = factories.make_user(Role.FUND_STAFF, fund=fund)
    approver = factories.make_user(Role.FUND_APPROVER, fund=fund)
    cgd = factories.make_user(Role.CGD_OFFICER)
    consultant = factories.make_user(Role.CONSULTANT, fund=fund)
    committee = factories.make_user(Role.COMMITTEE)
    walk = [
        (staff, "submit_ppp", {}, Status.PPP_SUBMITTED),
        (cgd, "return_ppp", {"comment": "แก้นิยาม"}, Status.PPP_DRAFTING),
        (staff, "submit_ppp", {}, Status.PPP_SUBMITTED),
        (consultant, "hold_meeting", {}, Status.PP_DRAFTING),
        (consultant, "submit_pp", {}, Status.PP_REVIEW),
        (committee, "send_back", {"comment": "ปรับค่าเป้าหมาย"}, Status.PP_DRAFTING),
        (consultant, "submit_pp", {}, Status.PP_REVIEW),
        (committee, "approve", {"occurred_on": (today - timedelta(days=70)).isoformat()}, Status.APPROVED),
        (cgd, "send_to_fund", {"occurred_on": (today - timedelta(days=60)).isoformat()}, Status.SENT),
        (approver, "object", {"comment": "ค่าเป้าหมายสูงเกินไป", "occurred_on": (today - timedelta(days=30)).isoformat()},
         Status.OBJECTION),
        (committee, "decide_objection", {"comment": "ยืนตามเดิม", "occurred_on": (today - timedelta(days=20)).isoformat()}, Status.SENT),
        (approver, "fund_sign", {"occurred_on": today.isoformat()}, Status.FUND_SIGNED),
        (cgd, "mof_sign", {}, Status.IN_FORCE),
    ]
    for user, name, data, expected in walk:
        client.force_login(user)
        r = step(client, agreement, name, **data)
        assert r.status_code == 302, (name, r.status_code)
        agreement.refresh_from_db()
        assert agreement.status == expected, name
    # Re-sent 20 days ago with 15 days to sign: signed 5 days late.
    assert agreement.signature_due_on == today - timedelta(days=5)
    assert agreement.late_signature_days == 5
    assert [v.label for v in agreement.versions.all()] == ["PPP", "PPP 2", "PP", "PP 2", "PA"]
    assert agreement.rounds.count() == 4
    page = client.get(f"/agreements/{agreement.pk}/").content.decode()
    assert "ปรับค่าเป้าหมาย" in page
