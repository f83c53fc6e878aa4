from __future__ import annotations

import pytest

from pramoen.testing import factories

pytestmark = pytest.mark.django_db


def test_admins_see_agreements_and_their_history(client, agreement):
    client.force_login(factories.make_user(superuser=True))
    assert agreement.fund.code in client.get("/admin/agreements/agreement/").content.decode()
    assert client.get(f"/admin/agreements/agreement/{agreement.pk}/change/").status_code == 200
    assert client.get(f"/admin/agreements/agreement/{agreement.pk}/history/").status_code == 200


def test_agreements_are_neither_added_nor_deleted_in_the_admin(client, agreement):
    client.force_login(factories.make_user(superuser=True))
    assert client.get("/admin/agreements/agreement/add/").status_code == 403
    assert client.get(f"/admin/agreements/agreement/{agreement.pk}/delete/").status_code == 403


def test_the_status_cannot_be_changed_in_the_admin(client, agreement):
    client.force_login(factories.make_user(superuser=True))
    client.post(f"/admin/agreements/agreement/{agreement.pk}/change/", {"status": "in_force", "vision": "x"})
    agreement.refresh_from_db()
    assert agreement.status == "ppp_drafting"
