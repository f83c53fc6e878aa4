"""``{% load agreements %}``: the agreements section of the fund page."""

from __future__ import annotations

from typing import Any

from django import template

from pramoen.access.policy import roles_for
from pramoen.agreements import services
from pramoen.agreements.models import Agreement
from pramoen.funds.models import Fund

register = template.Library()


@register.inclusion_tag("agreements/_fund_agreements.html", takes_context=True)
def fund_agreements(context: dict[str, Any], fund: Fund) -> dict[str, Any]:
    """The fund's agreements by fiscal year, and a start button for the next year without one."""
    user = context["request"].user
    roles = roles_for(user, fund)
    if not roles:
        return {"visible": False}
    agreements = list(Agreement.objects.filter(fund=fund).order_by("-fiscal_year"))
    years = {a.fiscal_year for a in agreements}
    current = fund.current_fiscal_year()
    # Agreements are drafted before their year starts: offer the current year, else the next.
    start_year = next((y for y in (current, current + 1) if y not in years), None)
    return {
        "visible": True,
        "fund": fund,
        "agreements": agreements,
        "start_year": start_year if services.may_create(roles) else None,
    }
