"""A round's review: draft → submitted → (returned ↺ | accepted) → approved (locked) → reopened.

    draft ──submit──▶ submitted ──accept──▶ accepted ──approve──▶ approved
      ▲                 │   │                  │                     │
      │                 │   └─────approve──────┼────────────────────▶│
      │              return                 return                   │
      │                 ▼                      ▼                     │
      └──────────── returned ◀─────────────────┘                     │
      └──────────────────────────── reopen (reason, audited) ◀───────┘
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pramoen.access.models import Role
from pramoen.access.policy import ADMIN, roles_for
from pramoen.agreements.models import Status
from pramoen.agreements.scorecard import Content
from pramoen.core.workflow import Step, StepRefused, available, check_step

from .models import Round, RoundEvent, RoundStatus
from .services import missing, results_of

FUND = frozenset({Role.FUND_STAFF, Role.FUND_APPROVER})
REVIEWERS = frozenset({Role.CONSULTANT, Role.CGD_OFFICER})
APPROVERS = frozenset({Role.COMMITTEE, Role.CGD_OFFICER})
CGD = frozenset({Role.CGD_OFFICER})

STEPS: dict[str, Step] = {
    s.name: s
    for s in [
        Step("submit", _("Submit the results"), (RoundStatus.DRAFT, RoundStatus.RETURNED), RoundStatus.SUBMITTED,
             FUND, needs_valid=True),
        Step("return", _("Return to the fund"), (RoundStatus.SUBMITTED, RoundStatus.ACCEPTED), RoundStatus.RETURNED,
             REVIEWERS, comment_required=True, style="danger"),
        Step("accept", _("Accept after review"), (RoundStatus.SUBMITTED,), RoundStatus.ACCEPTED, REVIEWERS),
        Step("approve", _("Approve the round"), (RoundStatus.SUBMITTED, RoundStatus.ACCEPTED), RoundStatus.APPROVED,
             APPROVERS),
        Step("reopen", _("Reopen the approved round"), (RoundStatus.APPROVED,), RoundStatus.DRAFT, CGD,
             comment_required=True, style="danger"),
    ]
}


def may_edit_results(round_: Round, roles: frozenset[str]) -> bool:
    """Fund staff enter results while the round is a draft or has been returned."""
    if round_.agreement.status != Status.IN_FORCE or not round_.fund_may_edit:
        return False
    return ADMIN in roles or bool(FUND & roles)


def steps_for(round_: Round, user) -> list[Step]:
    if round_.agreement.status != Status.IN_FORCE:
        return []
    return available(STEPS, round_.status, roles_for(user, round_.agreement.fund))


def lock_editable(round_: Round) -> Round:
    """Lock the round row for this transaction; refuse if it left draft/returned meanwhile."""
    locked = Round.objects.select_for_update().get(pk=round_.pk)
    if not locked.fund_may_edit:
        raise StepRefused(_("The round is no longer open for editing; reload the page."))
    return locked


def missing_results(round_: Round) -> list[str]:
    """Codes of KPIs with no result yet (for a composite KPI: a criterion without a level)."""
    return missing(Content.load(round_.agreement), results_of(round_))


def perform(round_: Round, step_name: str, user, *, occurred_on: date | None = None, comment: str = "") -> RoundEvent:
    step = STEPS[step_name]
    today = timezone.localdate()
    with transaction.atomic():
        locked = Round.objects.select_for_update().select_related("agreement__fund").get(pk=round_.pk)
        if locked.agreement.status != Status.IN_FORCE:
            raise StepRefused(_("Results can only be reported against an agreement in force."))
        check_step(step, locked.status, roles_for(user, locked.agreement.fund), comment, occurred_on, today)
        if step.needs_valid:
            missing = missing_results(locked)
            if missing:
                raise StepRefused(_("Enter a result for every KPI before submitting. Missing: %(codes)s.")
                                  % {"codes": ", ".join(missing)})
        on = occurred_on or today
        if step.name == "submit" and locked.submitted_on is None:
            # Lateness counts from the first submission; fixing a returned round is not late.
            locked.submitted_on = on
            locked.late_days = max(0, (on - locked.due_on).days)
        elif step.name == "approve":
            locked.approved_on = on
        elif step.name == "reopen":
            locked.approved_on = None
        event = RoundEvent.objects.create(
            round=locked, action=step.name, from_status=locked.status, to_status=step.target, actor=user,
            occurred_on=on, comment=(comment or "").strip(),
        )
        locked.status = step.target
        locked._change_reason = step.name
        locked.save()
    round_.refresh_from_db()
    return event
