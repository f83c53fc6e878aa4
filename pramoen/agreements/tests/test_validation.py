"""validation.issues: the core's rules plus the framework of the year, each naming the area or KPI."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from pramoen.agreements import validation
from pramoen.agreements.models import AgreementArea, Kpi, KpiKind
from pramoen.frameworks.models import StandardKpi
from pramoen.testing import factories

pytestmark = pytest.mark.django_db


def where(issues) -> set[str]:
    return {i.where for i in issues}


def test_the_factory_agreement_has_no_errors(agreement):
    assert validation.errors(agreement) == []


def test_area_kpi_weights_must_add_up_to_the_area_weight(agreement):
    Kpi.objects.filter(agreement=agreement, code="3.1").update(weight="14")
    with translation.override("en"):
        found = validation.errors(agreement)
    assert "3" in where(found) or "3.1" in where(found)
    assert any("14" in i.message for i in found)


def test_levels_must_be_monotonic(agreement):
    Kpi.objects.filter(agreement=agreement, code="2.1").update(level_4="75")
    assert "2.1" in where(validation.errors(agreement))


def test_an_area_outside_the_framework_band_is_an_error(agreement):
    AgreementArea.objects.filter(agreement=agreement, code="1").update(weight="35")
    AgreementArea.objects.filter(agreement=agreement, code="4").update(weight="20")
    Kpi.objects.filter(agreement=agreement, code="1.1").update(weight="35")
    Kpi.objects.filter(agreement=agreement, code="4.1").update(weight="20")
    with translation.override("en"):
        found = validation.errors(agreement)
    assert [i.message for i in found if i.where == "1"] == ["Area 1 “การเงิน” weighs 35; the framework allows 10 to 30."]
    assert where(found) == {"1", "4"}  # area 4 (20) is below its band 25–45


def test_a_missing_framework_area_is_an_error(agreement):
    AgreementArea.objects.filter(agreement=agreement, code="3").delete()
    assert "3" in where(validation.errors(agreement))


def test_an_area_with_too_few_kpis_is_an_error(agreement):
    Kpi.objects.filter(agreement=agreement, code="2.1").delete()
    assert "2" in where(validation.errors(agreement))


def test_the_kpi_limit_of_the_limited_areas_counts_leaves(fund):
    framework = factories.make_framework(2569, max_kpis_limited_areas=3)
    agreement = factories.make_agreement(fund, 2569, framework=framework)  # 1.1, 2.1, 3.1.1, 3.1.2: 4 leaves
    with translation.override("en"):
        messages = [i.message for i in validation.errors(agreement) if i.where == ""]
    assert any("4 KPIs together" in m and "at most 3" in m for m in messages)


def test_a_required_standard_kpi_must_be_used(agreement):
    standard = StandardKpi.objects.create(framework=agreement.framework, area=agreement.framework.areas.get(code="4"),
                                          code="4.9", name_th="การบริหารความเสี่ยง")
    assert "4.9" in where(validation.errors(agreement))
    Kpi.objects.filter(agreement=agreement, code="4.1").update(standard_kpi=standard)
    assert validation.errors(agreement) == []


def test_a_framework_of_another_year_is_an_error(fund):
    framework = factories.make_framework(2567)
    agreement = factories.make_agreement(fund, 2568, framework=framework)
    assert "" in where(validation.errors(agreement))


def test_missing_definitions_and_units_are_warnings_only(agreement):
    Kpi.objects.filter(agreement=agreement, code="1.1").update(definition="", unit="")
    found = validation.issues(agreement)
    assert validation.errors(agreement) == []
    assert {(i.where, i.severity) for i in found} >= {("1.1", validation.WARNING)}
    assert len([i for i in found if i.where == "1.1"]) == 2


def test_an_undescribed_milestone_level_is_a_warning(agreement):
    Kpi.objects.filter(agreement=agreement, code="3.1.2").update(level_text_5="")
    found = [i for i in validation.issues(agreement) if i.where == "3.1.2"]
    assert found and not found[0].is_error


def test_a_milestone_level_written_as_a_dash_is_not_defined(agreement):
    Kpi.objects.filter(agreement=agreement, code="3.1.2").update(level_text_2="-", level_text_4="-")
    assert validation.issues(agreement) == [i for i in validation.issues(agreement) if i.where != "3.1.2"]


def test_composite_criteria_weights_must_add_up_to_100(agreement):
    from pramoen.agreements.models import Criterion

    Criterion.objects.filter(kpi__agreement=agreement, order=2).update(weight=Decimal("30"))
    assert "4.1" in where(validation.errors(agreement))


def test_a_group_without_children_is_reported(agreement):
    Kpi.objects.filter(agreement=agreement, parent__code="3.1").delete()
    group = Kpi.objects.get(agreement=agreement, code="3.1")
    assert group.kind == KpiKind.GROUP
    assert validation.errors(agreement)


def test_the_kpi_limit_follows_the_linked_framework_area_even_if_the_code_differs(fund):
    framework = factories.make_framework(2569, max_kpis_limited_areas=3)
    agreement = factories.make_agreement(fund, 2569, framework=framework)
    # Area 4 (not limited) renamed "G": its KPIs still do not count; areas 1-3 still do.
    AgreementArea.objects.filter(agreement=agreement, code="4").update(code="G")
    with translation.override("en"):
        messages = [i.message for i in validation.errors(agreement) if i.where == ""]
    assert any("4 KPIs together" in m for m in messages)
    AgreementArea.objects.filter(agreement=agreement, code="1").update(code="F")
    with translation.override("en"):
        messages = [i.message for i in validation.errors(agreement) if i.where == ""]
    assert any("4 KPIs together" in m for m in messages)  # before the fix, renamed area 1 dropped out: 3
