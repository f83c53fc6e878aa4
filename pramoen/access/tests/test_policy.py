"""``access.policy``: which roles a user holds for a fund, and what an unseen fund answers."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from pramoen.access import policy
from pramoen.access.models import Role
from pramoen.testing import factories

pytestmark = pytest.mark.django_db


def test_require_view_fund_hides_a_fund_the_user_may_not_see_with_404():
    fund, other = factories.make_fund(), factories.make_fund()
    staff = factories.make_user(Role.FUND_STAFF, fund=other)
    with pytest.raises(Http404):
        policy.require_view_fund(staff, fund)
    assert policy.require_view_fund(staff, other) == {Role.FUND_STAFF}


def test_an_inactive_user_holds_no_role_even_as_a_superuser():
    fund = factories.make_fund()
    user = factories.make_user(Role.CGD_OFFICER, superuser=True)
    user.is_active = False
    assert policy.roles_for(user, fund) == frozenset()
    assert not policy.visible_funds(user).exists()
    assert policy.roles_for(AnonymousUser(), fund) == frozenset()


def test_an_owner_agency_user_sees_only_its_agencys_funds():
    agency = factories.make_agency()
    mine, theirs = factories.make_fund(owner_agency=agency), factories.make_fund(owner_agency=factories.make_agency())
    user = factories.make_user(Role.OWNER_AGENCY, owner_agency=agency)
    assert policy.roles_for(user, mine) == {Role.OWNER_AGENCY}
    assert policy.roles_for(user, theirs) == frozenset()
    assert list(policy.visible_funds(user)) == [mine]
