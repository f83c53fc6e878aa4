"""The one place that answers "which roles does this user have for this fund?".

Every view asks here (through :func:`roles_for` or :func:`visible_funds`) and
then checks the action against the rule of its app — the workflow tables in
``agreements.workflow`` and ``rounds.workflow`` name the roles allowed for each
step. Nothing is decided by hiding a button: the server checks every request.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.db.models import Q, QuerySet

from pramoen.funds.models import Fund

from .models import GLOBAL_ROLES, Membership, Role

ADMIN = "admin"  # a superuser: everything, including what no role may do


def _memberships(user) -> list[Membership]:
    cached = getattr(user, "_pramoen_memberships", None)
    if cached is None:
        cached = list(Membership.objects.filter(user=user)) if user.is_authenticated else []
        user._pramoen_memberships = cached
    return cached


def roles_for(user, fund: Fund) -> frozenset[str]:
    """The roles ``user`` holds for ``fund`` (empty: the user may not even see it)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    roles: set[str] = set()
    if user.is_superuser:
        roles.add(ADMIN)
    for m in _memberships(user):
        if m.role in GLOBAL_ROLES:
            roles.add(m.role)
        elif m.fund_id is not None and m.fund_id == fund.pk:
            roles.add(m.role)
        elif m.owner_agency_id is not None and m.owner_agency_id == fund.owner_agency_id:
            roles.add(m.role)
    return frozenset(roles)


def global_roles(user) -> frozenset[str]:
    """Roles that do not depend on a fund: CGD officer, committee member, admin."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    roles = {m.role for m in _memberships(user) if m.role in GLOBAL_ROLES}
    if user.is_superuser:
        roles.add(ADMIN)
    return frozenset(roles)


def require_view_fund(user, fund: Fund) -> frozenset[str]:
    """The user's roles for ``fund``; Http404 if they have none.

    A fund the user may not see is answered as if it did not exist (the project's
    convention); 403 is for an action on a fund the user does see.
    """
    roles = roles_for(user, fund)
    if not roles:
        raise Http404
    return roles


def visible_funds(user, funds: QuerySet[Fund] | None = None) -> QuerySet[Fund]:
    """The funds ``user`` may see, as a queryset (one query, no per-fund checks)."""
    funds = Fund.objects.all() if funds is None else funds
    if not user.is_authenticated or not user.is_active:
        return funds.none()
    if user.is_superuser or global_roles(user):
        return funds
    mine = _memberships(user)
    fund_ids = [m.fund_id for m in mine if m.fund_id]
    agency_ids = [m.owner_agency_id for m in mine if m.owner_agency_id]
    return funds.filter(Q(pk__in=fund_ids) | Q(owner_agency_id__in=agency_ids))


def is_cgd(user) -> bool:
    roles = global_roles(user)
    return Role.CGD_OFFICER in roles or ADMIN in roles
