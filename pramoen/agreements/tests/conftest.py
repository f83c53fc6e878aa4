from __future__ import annotations

import pytest
from django.test import Client

from pramoen.access.models import Role
from pramoen.testing import factories


@pytest.fixture
def fund():
    return factories.make_fund("5-90", owner_agency=factories.make_agency())


@pytest.fixture
def agreement(fund):
    return factories.make_agreement(fund)


def login(client: Client, role: str | None = None, *, fund=None, superuser: bool = False, **kw):
    """Log ``client`` in as a new user holding ``role`` (for ``fund`` when the role is per fund)."""
    scoped = fund if role in (Role.FUND_STAFF, Role.FUND_APPROVER, Role.CONSULTANT) else None
    agency = fund.owner_agency if role == Role.OWNER_AGENCY else None
    user = factories.make_user(role, fund=scoped, owner_agency=agency, superuser=superuser, **kw)
    client.force_login(user)
    return user


def english(client: Client) -> None:
    """Switch the session to English, so tests can compare labels with the source strings."""
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

