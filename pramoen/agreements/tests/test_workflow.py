"""The workflow functions: who may take which step, dates, late signature, versions, the in-force signal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from pramoen.access.models import Role
from pramoen.agreements import workflow
from pramoen.agreements.models import Kpi, Status
from pramoen.core.workflow import StepRefused
from pramoen.testing import factories

pytestmark = pytest.mark.django_db


def test_steps_for_lists_the_steps_of_the_users_roles_in_the_current_state(agreement):
    staff = factories.make_user(Role.FUND_STAFF, fund=agreement.fund)
    cgd = factories.make_user(Role.CGD_OFFICER)
    assert [s.name for s in workflow.steps_for(agreement, staff)] == ["submit_ppp"]
    assert workflow.steps_for(agreement, cgd) == []
    factories.advance(agreement, Status.PPP_SUBMITTED)
    cgd = factories.make_user(Role.CGD_OFFICER)
    assert [s.name for s in workflow.steps_for(agreement, cgd)] == ["return_ppp", "hold_meeting"]


def test_may_edit_follows_the_stage(agreement):
    fund, cgd, consultant = frozenset({Role.FUND_STAFF}), frozenset({Role.CGD_OFFICER}), frozenset({Role.CONSULTANT})
    assert workflow.may_edit(agreement, fund) and not workflow.may_edit(agreement, cgd)
    factories.advance(agreement, Status.PP_DRAFTING)
    assert workflow.may_edit(agreement, consultant) and workflow.may_edit(agreement, cgd)
    assert not workflow.may_edit(agreement, fund)
    workflow.perform(agreement, "submit_pp", factories.make_user(Role.CONSULTANT, fund=agreement.fund))
    assert not workflow.may_edit(agreement, frozenset({"admin"}))


def test_perform_refuses_a_role_not_in_the_table(agreement):
    with pytest.raises(PermissionDenied):
        workflow.perform(agreement, "submit_ppp", factories.make_user(Role.COMMITTEE))


def test_perform_refuses_an_invalid_agreement_naming_the_kpi(agreement):
    Kpi.objects.filter(agreement=agreement, code="2.1").update(level_3="50")
    staff = factories.make_user(Role.FUND_STAFF, fund=agreement.fund)
    with pytest.raises(StepRefused) as refused:
        workflow.perform(agreement, "submit_ppp", staff)
    assert any(m.startswith("2.1: ") for m in refused.value.messages)
    agreement.refresh_from_db()
    assert agreement.status == Status.PPP_DRAFTING
    assert not agreement.events.exists() and not agreement.versions.exists()


def test_signature_days_are_counted_from_the_deadline(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    assert agreement.signature_due_on == date(2025, 2, 9)  # 30 days
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    workflow.perform(agreement, "fund_sign", approver, occurred_on=date(2025, 2, 12))
    assert agreement.late_signature_days == 3


def test_signing_on_the_deadline_is_not_late(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    workflow.perform(agreement, "fund_sign", approver, occurred_on=date(2025, 2, 9))
    assert agreement.late_signature_days == 0


def test_an_objection_decided_gives_15_days_from_the_re_sending(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    committee = factories.make_user(Role.COMMITTEE)
    workflow.perform(agreement, "object", approver, occurred_on=date(2025, 1, 20), comment="ไม่เห็นด้วย")
    workflow.perform(agreement, "decide_objection", committee, occurred_on=date(2025, 2, 1), comment="ยืนตามเดิม")
    assert agreement.signature_due_on == date(2025, 2, 16)
    workflow.perform(agreement, "fund_sign", approver, occurred_on=date(2025, 2, 20))
    assert agreement.late_signature_days == 4


def test_an_accepted_objection_goes_back_to_the_pp(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    committee = factories.make_user(Role.COMMITTEE)
    workflow.perform(agreement, "object", approver, comment="ไม่เห็นด้วย")
    workflow.perform(agreement, "amend", committee, comment="ปรับตามข้อโต้แย้ง")
    assert agreement.status == Status.PP_DRAFTING


def test_the_fund_cannot_sign_before_it_was_sent(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    with pytest.raises(StepRefused):
        workflow.perform(agreement, "fund_sign", approver, occurred_on=date(2025, 1, 9))
    assert agreement.status == Status.SENT


def test_mof_cannot_sign_before_the_fund(agreement):
    factories.advance(agreement, Status.FUND_SIGNED, on=date(2025, 1, 10))
    cgd = factories.make_user(Role.CGD_OFFICER)
    with pytest.raises(StepRefused):
        workflow.perform(agreement, "mof_sign", cgd, occurred_on=date(2025, 1, 9))


def test_coming_into_force_freezes_the_pa_and_sends_the_signal(agreement):
    received = []

    def listener(sender, agreement, user, **kwargs):
        received.append(agreement.pk)

    workflow.agreement_in_force.connect(listener)
    try:
        factories.advance(agreement, Status.IN_FORCE)
    finally:
        workflow.agreement_in_force.disconnect(listener)
    assert received == [agreement.pk]
    assert [v.label for v in agreement.versions.all()] == ["PPP", "PP", "PA"]
    assert agreement.is_locked


def test_the_step_name_is_the_change_reason_in_the_audit_trail(agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    assert agreement.history.first().history_change_reason == "submit_ppp"


def test_the_send_back_loop_numbers_the_pp_versions(agreement):
    factories.advance(agreement, Status.PP_REVIEW)
    committee = factories.make_user(Role.COMMITTEE)
    consultant = factories.make_user(Role.CONSULTANT, fund=agreement.fund)
    workflow.perform(agreement, "send_back", committee, comment="แก้")
    assert agreement.status == Status.PP_DRAFTING
    workflow.perform(agreement, "submit_pp", consultant)
    assert [v.label for v in agreement.versions.all()] == ["PPP", "PP", "PP 2"]
    assert agreement.events.last().occurred_on <= date.today() + timedelta(days=1)


def test_the_agreement_cannot_be_sent_before_the_committee_approved_it(agreement):
    # The date sent starts the 30 signing days: a date before the approval would invent late days.
    factories.advance(agreement, Status.APPROVED, on=date(2025, 1, 10))
    cgd = factories.make_user(Role.CGD_OFFICER)
    with pytest.raises(StepRefused) as refused:
        workflow.perform(agreement, "send_to_fund", cgd, occurred_on=date(2025, 1, 9))
    assert "occurred_on" in refused.value.error_dict
    assert "2568" in str(refused.value.error_dict["occurred_on"][0].message)  # the approval date, in พ.ศ.
    assert agreement.status == Status.APPROVED and agreement.signature_due_on is None
    workflow.perform(agreement, "send_to_fund", cgd, occurred_on=date(2025, 1, 10))
    assert agreement.signature_due_on == date(2025, 2, 9)


def test_an_objection_cannot_be_decided_before_it_was_filed(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    committee = factories.make_user(Role.COMMITTEE)
    workflow.perform(agreement, "object", approver, occurred_on=date(2025, 1, 20), comment="ไม่เห็นด้วย")
    with pytest.raises(StepRefused):
        workflow.perform(agreement, "decide_objection", committee, occurred_on=date(2025, 1, 19), comment="ยืนตามเดิม")
    assert agreement.status == Status.OBJECTION


def test_an_objection_cannot_be_filed_before_the_agreement_was_sent(agreement):
    factories.advance(agreement, Status.SENT, on=date(2025, 1, 10))
    approver = factories.make_user(Role.FUND_APPROVER, fund=agreement.fund)
    with pytest.raises(StepRefused):
        workflow.perform(agreement, "object", approver, occurred_on=date(2025, 1, 9), comment="ไม่เห็นด้วย")
    assert agreement.status == Status.SENT
