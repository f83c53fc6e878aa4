"""Freezing an agreement and comparing two snapshots."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pramoen.agreements import snapshot
from pramoen.agreements.models import Criterion, Kpi, KpiHistory, Status
from pramoen.testing import factories

pytestmark = pytest.mark.django_db


def test_take_freezes_sections_areas_kpis_criteria_and_past_results(agreement):
    agreement.vision = "วิสัยทัศน์"
    agreement.save()
    KpiHistory.objects.create(kpi=agreement.kpis.get(code="1.1"), fiscal_year=2567, value=Decimal("7.50"))
    data = snapshot.take(agreement)
    assert data["sections"]["vision"] == "วิสัยทัศน์"
    assert [a["weight"] for a in data["areas"]] == ["20", "30", "15", "35"]
    assert [k["code"] for k in data["kpis"]] == ["1.1", "2.1", "3.1", "3.1.1", "3.1.2", "4.1"]
    by_code = {k["code"]: k for k in data["kpis"]}
    assert by_code["3.1.1"]["parent"] == "3.1"
    assert by_code["1.1"]["past_results"] == [{"fiscal_year": 2567, "value": "7.5", "text": "", "is_preliminary": False}]
    assert [c["weight"] for c in by_code["4.1"]["criteria"]] == ["60", "40"]


def test_a_snapshot_does_not_change_when_the_working_copy_does(agreement):
    factories.advance(agreement, Status.PPP_SUBMITTED)
    frozen = agreement.versions.get().snapshot
    Kpi.objects.filter(agreement=agreement, code="1.1").update(name_th="ใหม่")
    assert {k["code"]: k for k in agreement.versions.get().snapshot["kpis"]}["1.1"]["name_th"] == "ตัวชี้วัด 1.1"
    assert frozen == agreement.versions.get().snapshot


def test_diff_finds_changed_added_and_removed_kpis_and_changed_criteria(agreement):
    before = snapshot.take(agreement)
    Kpi.objects.filter(agreement=agreement, code="1.1").update(level_3="85")
    Kpi.objects.get(agreement=agreement, code="2.1").delete()
    Kpi.objects.create(agreement=agreement, area=agreement.areas.get(code="2"), code="2.9", name_th="ใหม่",
                       weight=Decimal(30), order=50)
    Criterion.objects.filter(kpi__agreement=agreement, order=2).update(weight="45")
    changes = snapshot.diff(before, snapshot.take(agreement))
    found = {(c.where, c.field, c.before, c.after, c.kind) for c in changes}
    assert ("1.1", "level_3", "80", "85", "changed") in found
    assert ("2.1", "", "ตัวชี้วัด 2.1", None, "removed") in found
    assert ("2.9", "", None, "ใหม่", "added") in found
    assert ("4.1", "criteria[2].weight", "40", "45", "changed") in found
    assert len(changes) == 4


def test_diff_of_identical_snapshots_is_empty(agreement):
    assert snapshot.diff(snapshot.take(agreement), snapshot.take(agreement)) == []


def test_diff_treats_empty_and_missing_text_alike(agreement):
    before = snapshot.take(agreement)
    agreement.other_terms = ""
    agreement.save()
    assert snapshot.diff(before, snapshot.take(agreement)) == []
