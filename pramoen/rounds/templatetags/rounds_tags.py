"""``{% load rounds_tags %}``: numbers of a round shown the one way the core rounds them."""

from __future__ import annotations

from decimal import Decimal

from django import template

from pramoen.scoring.numbers import as_written, percent_text, score_text

register = template.Library()


@register.filter
def score(value: Decimal | None) -> str:
    """A score to 4 places, half-up (``scoring.numbers.score_text``); empty for None."""
    return "" if value is None else score_text(value)


@register.filter
def percent(value: Decimal | None) -> str:
    """A percentage to 2 places, half-up; empty for None."""
    return "" if value is None else percent_text(value)


@register.filter
def number(value: Decimal | None) -> str:
    """A stored number as it was typed: no exponent; trailing zeros only where the field keeps
    them (a result reported as 6.90), since other fields store none."""
    return "" if value is None else as_written(value)


@register.filter
def signed_percent(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = percent_text(value)
    return text if text.startswith("-") else f"+{text}"


@register.filter
def get_item(mapping: dict, key: str):
    """``mapping[key]`` in a template, or None."""
    return mapping.get(key) if mapping else None


@register.filter
def step_label(name: str) -> str:
    """The label of a round workflow step from its name (as recorded on a RoundEvent)."""
    from pramoen.rounds.workflow import STEPS

    step = STEPS.get(name)
    return str(step.label) if step else name
