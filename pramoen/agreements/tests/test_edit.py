from __future__ import annotations

from datetime import date

import pytest

from pramoen.access.models import Role
from pramoen.agreements.models import Agreement, Status
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def url(agreement) -> str:
    return f"/agreements/{agreement.pk}/edit/"


DATA = {
    "mof_signatory_title": "ปลัดกระทรวงการคลัง", "mof_signatory_name": "นาย ก",
    "fund_signatory_title": "ประธานกรรมการ", "fund_signatory_name": "นาง ข",
    "term_start": "2024-10-01", "term_end": "2025-09-30",
    "vision": "วิสัยทัศน์", "mission": "พันธกิจ", "objectives": "หนึ่ง\nสอง", "obligations": "", "other_terms": "",
}


def test_fund_staff_edit_the_sections_while_drafting_the_ppp(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert client.get(url(agreement)).status_code == 200
    r = client.post(url(agreement), DATA)
    assert r.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.vision, agreement.fund_signatory_name, agreement.term_start) == ("วิสัยทัศน์", "นาง ข", date(2024, 10, 1))


def test_a_buddhist_era_date_is_read_as_such(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    client.post(url(agreement), {**DATA, "term_start": "1/10/2567", "term_end": "30/9/2568"})
    agreement.refresh_from_db()
    assert (agreement.term_start, agreement.term_end) == (date(2024, 10, 1), date(2025, 9, 30))


def test_it_rejects_a_term_that_ends_before_it_starts_and_saves_nothing(client, agreement):
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    r = client.post(url(agreement), {**DATA, "term_end": "2024-01-01"})
    assert r.status_code == 400
    assert r.context["form"].errors["term_end"]
    assert Agreement.objects.get(pk=agreement.pk).vision == ""


@pytest.mark.parametrize("role", [Role.CGD_OFFICER, Role.CONSULTANT, Role.COMMITTEE, Role.FUND_APPROVER])
def test_it_is_refused_to_those_who_may_not_edit_the_ppp(client, agreement, role):
    # Fund approvers are FUND editors too; everyone else may not touch the PPP.
    login(client, role, fund=agreement.fund)
    expected = 200 if role == Role.FUND_APPROVER else 403
    assert client.get(url(agreement)).status_code == expected
    if expected == 403:
        assert client.post(url(agreement), DATA).status_code == 403
        assert Agreement.objects.get(pk=agreement.pk).vision == ""


def test_consultants_edit_the_pp_and_fund_staff_no_longer_may(client, agreement):
    factories.advance(agreement, Status.PP_DRAFTING)
    login(client, Role.FUND_STAFF, fund=agreement.fund)
    assert client.post(url(agreement), DATA).status_code == 403
    login(client, Role.CONSULTANT, fund=agreement.fund)
    assert client.post(url(agreement), DATA).status_code == 302


def test_nobody_edits_an_agreement_in_force_not_even_an_admin(client, agreement):
    factories.advance(agreement, Status.IN_FORCE)
    login(client, superuser=True)
    assert client.post(url(agreement), DATA).status_code == 403


def test_it_is_404_for_another_funds_staff(client, agreement):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    assert client.get(url(agreement)).status_code == 404


def test_saving_the_sections_never_writes_back_a_status_read_before_the_lock(client, agreement, monkeypatch):
    # The agreement moves on (PPP submitted, meeting held) while an admin's edit is on its way:
    # the edit may still be saved (admins may edit the PP), but must not put the old status back.
    from pramoen.agreements import forms as agreement_forms

    valid = agreement_forms.SectionsForm.is_valid

    def moved_on_meanwhile(form):
        ok = valid(form)
        Agreement.objects.filter(pk=agreement.pk).update(status=Status.PP_DRAFTING)
        return ok

    monkeypatch.setattr(agreement_forms.SectionsForm, "is_valid", moved_on_meanwhile)
    login(client, superuser=True)
    r = client.post(url(agreement), DATA)
    assert r.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == Status.PP_DRAFTING
    assert agreement.vision == "วิสัยทัศน์"
    assert agreement.history.first().status == Status.PP_DRAFTING  # the audit trail shows the real state too
