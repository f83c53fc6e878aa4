from __future__ import annotations

from typing import Any

from pramoen.agreements.workflow import agreement_in_force

from .services import create_rounds


def on_agreement_in_force(sender: Any, agreement: Any, **kwargs: Any) -> None:
    create_rounds(agreement)


agreement_in_force.connect(on_agreement_in_force, dispatch_uid="rounds.create_rounds")
