"""Template context: whether the menu offers the portfolio (CGD officers, committee members, administrators)."""

from __future__ import annotations

from django.http import HttpRequest

from pramoen.access.policy import global_roles


def portfolio_link(request: HttpRequest) -> dict[str, bool]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show_portfolio": False}
    # global_roles reuses the memberships the page's permission check loaded (cached on the user).
    return {"show_portfolio": bool(user.is_superuser or global_roles(user))}
