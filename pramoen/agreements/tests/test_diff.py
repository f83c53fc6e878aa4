"""The compare page: two versions, or a version and the working copy."""

from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Kpi, Status
from pramoen.testing import factories

from .conftest import english, login

pytestmark = pytest.mark.django_db


def test_it_compares_the_last_version_with_the_working_copy_by_default(client, agreement):
    factories.advance(agreement, Status.PP_DRAFTING)
    Kpi.objects.filter(agreement=agreement, code="1.1").update(level_3="85", direction="higher_is_better")
    login(client, Role.CONSULTANT, fund=agreement.fund)
    english(client)
    r = client.get(f"/agreements/{agreement.pk}/diff/")
    assert r.status_code == 200
    rows = {(row.where, row.field): (row.before, row.after) for row in r.context["rows"]}
    assert rows[("1.1", "level 3 (target)")] == ("80", "85")
    assert rows[("1.1", "direction")] == ("", "Higher is better")
    assert (r.context["a_label"], r.context["b_label"]) == ("PPP", "working copy")


def test_it_compares_two_versions_and_marks_added_and_removed_kpis(client, agreement):
    factories.advance(agreement, Status.PP_DRAFTING)
    consultant = login(client, Role.CONSULTANT, fund=agreement.fund)
    english(client)
    Kpi.objects.get(agreement=agreement, code="2.1").delete()
    Kpi.objects.create(agreement=agreement, area=agreement.areas.get(code="2"), code="2.2", name_th="แทน",
                       weight="30", level_1="1", level_2="2", level_3="3", level_4="4", level_5="5")
    from pramoen.agreements import workflow

    workflow.perform(agreement, "submit_pp", consultant)
    ppp, pp = agreement.versions.all()
    r = client.get(f"/agreements/{agreement.pk}/diff/?a={ppp.pk}&b={pp.pk}")
    kinds = {row.where: row.kind for row in r.context["rows"]}
    assert kinds == {"2.1": "removed", "2.2": "added"}
    page = r.content.decode()
    assert 'class="badge removed"' in page and 'class="badge added"' in page


def test_section_and_criterion_fields_get_their_labels(client, agreement):
    factories.advance(agreement, Status.PP_DRAFTING)
    agreement.vision = "ใหม่"
    agreement.save()
    from pramoen.agreements.models import Criterion

    Criterion.objects.filter(kpi__agreement=agreement, order=1).update(weight="55")
    login(client, Role.CGD_OFFICER)
    english(client)
    fields = {row.field for row in client.get(f"/agreements/{agreement.pk}/diff/").context["rows"]}
    assert "vision" in fields
    assert "criterion 1: weight" in fields


def test_an_unknown_version_is_404(client, agreement):
    login(client, Role.CGD_OFFICER)
    english(client)
    assert client.get(f"/agreements/{agreement.pk}/diff/?a=999999").status_code == 404


def test_a_version_of_another_agreement_is_404(client, agreement):
    other = factories.make_agreement(factories.make_fund("5-91"))
    factories.advance(other, Status.PPP_SUBMITTED)
    login(client, Role.CGD_OFFICER)
    english(client)
    assert client.get(f"/agreements/{agreement.pk}/diff/?a={other.versions.get().pk}").status_code == 404


def test_it_is_404_without_a_role_for_the_fund(client, agreement):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    english(client)
    assert client.get(f"/agreements/{agreement.pk}/diff/").status_code == 404
