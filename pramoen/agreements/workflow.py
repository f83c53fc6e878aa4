"""Drafting and signing an agreement: PPP → PP → PA (manual §3.2 steps 2–5, App. 2 items 1–3).

    ppp_drafting --submit_ppp--> ppp_submitted --hold_meeting--> pp_drafting --submit_pp--> pp_review
         ^                            |                              ^                         |  |
         +--------return_ppp----------+                              +-------send_back---------+  |
                                                                     |                            approve
    in_force <--mof_sign-- fund_signed <--fund_sign-- sent <--send_to_fund-- approved <-----------+
                                                       |  ^
                                               object  |  | decide_objection (re-sent, 15 days)
                                                       v  |
                                                    objection --amend--> pp_drafting

Every step is recorded as an AgreementEvent (who, when, the real-world date,
comment); the PPP, each PP sent to the committee and the final PA are frozen
as AgreementVersion snapshots.
"""

from __future__ import annotations

from datetime import date, timedelta

import django.dispatch
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pramoen.access.models import Role
from pramoen.access.policy import ADMIN, roles_for
from pramoen.core.templatetags.pramoen import format_be_date
from pramoen.core.workflow import Step, StepRefused, available, check_step

from . import scorecard, snapshot, validation
from .models import Agreement, AgreementEvent, AgreementVersion, Stage, Status

FUND = frozenset({Role.FUND_STAFF, Role.FUND_APPROVER})
APPROVER = frozenset({Role.FUND_APPROVER})
CGD = frozenset({Role.CGD_OFFICER})
CGD_OR_CONSULTANT = frozenset({Role.CGD_OFFICER, Role.CONSULTANT})
COMMITTEE = frozenset({Role.COMMITTEE})

STEPS: dict[str, Step] = {
    s.name: s
    for s in [
        Step("submit_ppp", _("Submit the PPP (approved by the fund board)"), (Status.PPP_DRAFTING,),
             Status.PPP_SUBMITTED, FUND, date_label=_("Date of the board's approval"), needs_valid=True,
             snapshot=Stage.PPP),
        Step("return_ppp", _("Return the PPP to the fund"), (Status.PPP_SUBMITTED,), Status.PPP_DRAFTING, CGD,
             comment_required=True, style="danger"),
        Step("hold_meeting", _("Record the CGD–consultant–fund meeting and start the PP"), (Status.PPP_SUBMITTED,),
             Status.PP_DRAFTING, CGD_OR_CONSULTANT, date_label=_("Meeting date")),
        Step("submit_pp", _("Send the PP to the committee"), (Status.PP_DRAFTING,), Status.PP_REVIEW,
             CGD_OR_CONSULTANT, needs_valid=True, snapshot=Stage.PP),
        Step("send_back", _("Send the PP back for revision"), (Status.PP_REVIEW,), Status.PP_DRAFTING, COMMITTEE,
             comment_required=True, date_label=_("Meeting date"), style="danger"),
        Step("approve", _("Approve the KPIs"), (Status.PP_REVIEW,), Status.APPROVED, COMMITTEE,
             date_label=_("Meeting date"), needs_valid=True),
        Step("send_to_fund", _("Notify the fund and send the agreement for signature"), (Status.APPROVED,),
             Status.SENT, CGD, date_label=_("Date sent"), needs_valid=True),
        Step("fund_sign", _("Record the fund's signature"), (Status.SENT,), Status.FUND_SIGNED, APPROVER,
             date_label=_("Date signed by the fund"), needs_valid=True),
        Step("object", _("File an objection"), (Status.SENT,), Status.OBJECTION, APPROVER, comment_required=True,
             date_label=_("Date of the objection"), style="danger"),
        Step("decide_objection", _("Decide the objection and re-send the agreement"), (Status.OBJECTION,),
             Status.SENT, COMMITTEE, comment_required=True, date_label=_("Date re-sent")),
        Step("amend", _("Accept the objection: revise the PP"), (Status.OBJECTION,), Status.PP_DRAFTING, COMMITTEE,
             comment_required=True, style="secondary"),
        Step("mof_sign", _("Record the MoF signature (agreement in force)"), (Status.FUND_SIGNED,), Status.IN_FORCE,
             CGD, date_label=_("Date signed by MoF"), needs_valid=True, snapshot=Stage.PA),
    ]
}

# Steps whose date starts or follows a signing deadline: they cannot predate the step before them
# (the approval, the sending, the objection), or the late days would count from a date that never was.
DATED_AFTER_PREVIOUS = frozenset({"send_to_fund", "object", "decide_objection"})

# Who may edit the working copy in each state; nobody once it has left drafting.
EDITORS = {
    Status.PPP_DRAFTING: FUND,
    Status.PP_DRAFTING: CGD_OR_CONSULTANT,
}

# Sent when an agreement comes into force (the rounds app creates its rounds).
agreement_in_force = django.dispatch.Signal()


def may_edit(agreement: Agreement, roles: frozenset[str]) -> bool:
    editors = EDITORS.get(agreement.status)
    return editors is not None and (ADMIN in roles or bool(editors & roles))


def steps_for(agreement: Agreement, user) -> list[Step]:
    return available(STEPS, agreement.status, roles_for(user, agreement.fund))


def perform(agreement: Agreement, step_name: str, user, *, occurred_on: date | None = None, comment: str = "") -> AgreementEvent:
    """Take one step, all or nothing. Raises PermissionDenied or StepRefused."""
    step = STEPS[step_name]
    today = timezone.localdate()
    with transaction.atomic():
        locked = Agreement.objects.select_for_update().select_related("framework", "fund").get(pk=agreement.pk)
        check_step(step, locked.status, roles_for(user, locked.fund), comment, occurred_on, today)
        # Read once for the check and the snapshot: a step changes the status, never the content.
        content = scorecard.Content.load(locked) if step.needs_valid or step.snapshot else None
        if step.needs_valid:
            problems = validation.errors(locked, content)
            if problems:
                raise StepRefused([f"{p.where}: {p.message}" if p.where else p.message for p in problems])
        on = occurred_on or today
        if step.name in DATED_AFTER_PREVIOUS:
            previous = locked.events.order_by("-created_at", "-pk").first()
            if previous is not None and on < previous.occurred_on:
                raise StepRefused({"occurred_on": _(
                    "The date cannot be before %(date)s, the date of the previous step."
                ) % {"date": format_be_date(previous.occurred_on)}})
        framework = locked.framework
        if step.name == "send_to_fund":
            locked.sent_on = on
            locked.signature_due_on = on + timedelta(days=framework.signature_days)
        elif step.name == "decide_objection":
            locked.sent_on = on
            locked.signature_due_on = on + timedelta(days=framework.signature_days_after_objection)
        elif step.name == "fund_sign":
            if locked.sent_on and on < locked.sent_on:
                raise StepRefused({"occurred_on": _("The fund cannot sign before the agreement was sent.")})
            locked.fund_signed_on = on
            due = locked.signature_due_on
            locked.late_signature_days = max(0, (on - due).days) if due else 0
        elif step.name == "mof_sign":
            if locked.fund_signed_on and on < locked.fund_signed_on:
                raise StepRefused({"occurred_on": _("MoF cannot sign before the fund.")})
            locked.mof_signed_on = on
        event = AgreementEvent.objects.create(
            agreement=locked, action=step.name, from_status=locked.status, to_status=step.target, actor=user,
            occurred_on=on, comment=(comment or "").strip(),
        )
        locked.status = step.target
        locked._change_reason = step.name  # recorded by simple-history
        locked.save()
        if step.snapshot:
            number = AgreementVersion.objects.filter(agreement=locked, stage=step.snapshot).count() + 1
            AgreementVersion.objects.create(
                agreement=locked, stage=step.snapshot, number=number, event=event,
                snapshot=snapshot.take(locked, content), created_by=user,
            )
        if locked.status == Status.IN_FORCE:
            agreement_in_force.send(sender=Agreement, agreement=locked, user=user)
    agreement.refresh_from_db()
    return event


__all__ = ["STEPS", "EDITORS", "StepRefused", "may_edit", "perform", "steps_for", "agreement_in_force"]
