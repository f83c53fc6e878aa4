"""A round as a format-v1 scorecard file: what the scorecard page offers and ``export_scorecard`` writes."""

from __future__ import annotations

import json

from .models import Round
from .services import RoundCard


def scorecard_filename(round_: Round) -> str:
    """e.g. ``scorecard-1-06-2567-r2.json``"""
    agreement = round_.agreement
    return f"scorecard-{agreement.fund.code}-{agreement.fiscal_year}-r{round_.number}.json"


def scorecard_json(card: RoundCard) -> str:
    """The file's text: UTF-8 friendly (Thai names as they are), indented, ending in a newline."""
    return json.dumps(card.data, ensure_ascii=False, indent=2) + "\n"
