"""The agreements section of the fund page."""

from __future__ import annotations

import pytest

from pramoen.access.models import Role
from pramoen.testing import factories

from .conftest import login

pytestmark = pytest.mark.django_db


def test_it_lists_the_funds_agreements_with_links(client, agreement):
    login(client, Role.FUND_APPROVER, fund=agreement.fund)
    page = client.get(f"/funds/{agreement.fund.code}/").content.decode()
    assert f'href="/agreements/{agreement.pk}/"' in page
    assert "/agreements/new/" not in page  # approvers do not start agreements


def test_staff_get_a_button_to_start_the_next_agreement(client, fund):
    login(client, Role.FUND_STAFF, fund=fund)
    year = fund.current_fiscal_year()
    page = client.get(f"/funds/{fund.code}/").content.decode()
    assert f'action="/agreements/new/{fund.code}/"' in page
    assert f'value="{year}"' in page


def test_users_without_a_role_for_the_fund_see_no_agreements(client, agreement):
    login(client, Role.FUND_STAFF, fund=factories.make_fund("5-91"))
    page = client.get(f"/funds/{agreement.fund.code}/").content.decode()
    assert f"/agreements/{agreement.pk}/" not in page
    assert 'id="agreements"' not in page
