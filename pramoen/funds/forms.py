from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Fund, FundType


class FundFilterForm(forms.Form):
    """The filters of the fund list: fund type and free text on code and names."""

    type = forms.TypedChoiceField(
        label=_("Fund type"),
        choices=[("", _("All types")), *FundType.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False, strip=True)

    def filter(self, funds: QuerySet[Fund]) -> QuerySet[Fund]:
        fund_type = self.cleaned_data.get("type")
        if fund_type is not None:
            funds = funds.filter(fund_type=fund_type)
        text = self.cleaned_data.get("q")
        if text:
            funds = funds.filter(Q(code__icontains=text) | Q(name_th__icontains=text) | Q(name_en__icontains=text))
        return funds
