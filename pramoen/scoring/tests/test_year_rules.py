"""A file may name its fiscal year's late-penalty rate and cap; left out, the manual's apply."""

from decimal import Decimal as D

from pramoen import scoring
from pramoen.scoring.rules import ScoringRules

from .helpers import levelled, single


def late(**top):
    data = single(levelled("1.1", 100, result=5))
    data.update({"late_days": 12, **top})
    return data


def test_without_rules_the_manuals_penalty_applies():
    assert scoring.score_card(scoring.read(late())).penalty == D("0.6")  # 12 × 0.05


def test_the_rules_named_in_the_file_apply():
    result = scoring.score_card(scoring.read(late(late_penalty_per_day="0.1", late_penalty_cap=2)))
    assert result.penalty == D("1.2")
    assert result.total == D("3.8")


def test_a_named_cap_still_caps():
    assert scoring.score_card(scoring.read(late(late_penalty_per_day="0.5"))).penalty == D(1)


def test_rules_given_by_the_caller_win_over_the_file():
    card = scoring.read(late(late_penalty_per_day="0.1"))
    assert scoring.score_card(card, ScoringRules()).penalty == D("0.6")


def test_negative_or_non_numeric_rules_are_refused():
    try:
        scoring.read(late(late_penalty_per_day="-0.1", late_penalty_cap="many"))
    except scoring.ScorecardInvalid as invalid:
        kinds = sorted(p.kind for p in invalid.problems)
    else:
        raise AssertionError("accepted")
    assert kinds == ["negative", "not_number"]
