"""The shape shared by the agreement and round workflows: a table of steps.

Each app lists its steps as :class:`Step` rows — from which states, to which
state, which roles may take it, whether a comment is required. Views, buttons,
the permission test and the docs all read the same table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from pramoen.access.policy import ADMIN


@dataclass(frozen=True)
class Step:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    comment_required: bool = False
    date_label: str | Promise | None = None  # the date asked for ("meeting date", "date signed"); None: today
    needs_valid: bool = False  # refuse unless the object passes validation
    snapshot: str | None = None  # agreements: freeze a version of this stage
    style: str = "primary"  # "primary" | "danger" | "secondary" for the button

    def allowed_for(self, roles: frozenset[str]) -> bool:
        return ADMIN in roles or bool(self.roles & roles)


class StepRefused(ValidationError):
    """The step cannot be taken now (wrong state, invalid content, missing comment)."""


def check_step(step: Step, status: str, roles: frozenset[str], comment: str, occurred_on: date | None, today: date) -> None:
    if not step.allowed_for(roles):
        raise PermissionDenied
    if status not in step.sources:
        raise StepRefused(_("This step is not possible in the current state; the page may be out of date — reload it."))
    if step.comment_required and not (comment or "").strip():
        raise StepRefused({"comment": _("Give the reason: this step needs a comment.")})
    if occurred_on is not None and occurred_on > today:
        raise StepRefused({"occurred_on": _("The date cannot be in the future.")})


def available(steps: dict[str, Step], status: str, roles: frozenset[str]) -> list[Step]:
    return [s for s in steps.values() if status in s.sources and s.allowed_for(roles)]

