from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .forms import FundFilterForm
from .models import Fund


@login_required
@require_GET
def fund_list(request: HttpRequest) -> HttpResponse:
    form = FundFilterForm(request.GET)
    if not form.is_valid():
        # Only a hand-edited URL gets here: show the form with its errors and no list.
        return render(request, "funds/fund_list.html", {"form": form, "funds": []}, status=400)
    funds = list(form.filter(Fund.objects.select_related("owner_agency")))
    return render(request, "funds/fund_list.html", {"form": form, "funds": funds})


@login_required
@require_GET
def fund_detail(request: HttpRequest, code: str) -> HttpResponse:
    fund = get_object_or_404(Fund.objects.select_related("owner_agency"), code=code)
    fiscal_year = fund.current_fiscal_year()
    first_day, last_day = fund.fiscal_year_span(fiscal_year)
    context = {"fund": fund, "fiscal_year": fiscal_year, "first_day": first_day, "last_day": last_day}
    return render(request, "funds/fund_detail.html", context)
