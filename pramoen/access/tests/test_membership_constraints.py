"""A user holds a role at most once per scope, on SQLite as on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from pramoen.access.models import Membership, Role
from pramoen.testing import factories


@pytest.mark.django_db
def test_the_same_role_for_the_same_fund_is_refused() -> None:
    fund = factories.make_fund()
    user = factories.make_user(Role.FUND_STAFF, fund=fund)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.FUND_STAFF, fund=fund)
    Membership.objects.create(user=user, role=Role.FUND_STAFF, fund=factories.make_fund())  # another fund is fine


@pytest.mark.django_db
def test_a_global_role_is_held_once() -> None:
    user = factories.make_user(Role.CGD_OFFICER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.CGD_OFFICER)


@pytest.mark.django_db
def test_a_role_must_match_its_scope() -> None:
    user = factories.make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.CGD_OFFICER, fund=factories.make_fund())
