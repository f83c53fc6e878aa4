"""Validation messages use the words of the form (translated), not the keys of the scorecard file."""

from __future__ import annotations

import pytest
from django.utils import translation

from pramoen.agreements import validation
from pramoen.agreements.models import Criterion, Kpi

pytestmark = pytest.mark.django_db


@pytest.fixture
def thai_labels(monkeypatch):
    # The Thai catalogue is compiled at release; stand in for its words so the test does not depend on it.
    monkeypatch.setitem(validation.FIELD_LABELS, "weight", "น้ำหนัก")
    monkeypatch.setitem(validation.FIELD_LABELS, "criteria", "ประเด็นพิจารณา")


def test_a_bad_weight_is_named_with_the_forms_label(agreement, thai_labels):
    Kpi.objects.filter(agreement=agreement, code="2.1").update(weight="0")
    with translation.override("th"):
        found = [i for i in validation.errors(agreement) if i.where == "2.1"]
    assert found and "“น้ำหนัก”" in found[0].message and "weight" not in found[0].message


def test_a_composite_without_criteria_is_named_with_the_forms_label(agreement, thai_labels):
    Criterion.objects.filter(kpi__agreement=agreement, kpi__code="4.1").delete()
    with translation.override("th"):
        found = [i for i in validation.errors(agreement) if i.where == "4.1"]
    assert found and "“ประเด็นพิจารณา”" in found[0].message and "criteria" not in found[0].message


def test_the_labels_are_marked_for_translation():
    from django.utils.functional import Promise

    assert all(isinstance(label, Promise) for label in validation.FIELD_LABELS.values())


def test_english_keeps_plain_words(agreement):
    Kpi.objects.filter(agreement=agreement, code="2.1").update(weight="0")
    with translation.override("en"):
        found = [i for i in validation.errors(agreement) if i.where == "2.1"]
    assert "“weight”" in found[0].message
