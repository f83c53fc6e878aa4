"""The portfolio page (every fund of one round) and its two downloads: the portfolio report and
the cabinet's annual summary, as PDF or workbook.

Only CGD officers, committee members and administrators see every fund side by side:
any other user gets 403 (the page exists, they may not use it), anonymous users the
login page. Each view loads, checks, then calls ``portfolio`` for the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pramoen.access.policy import global_roles, is_cgd
from pramoen.agreements.models import Agreement, Status
from pramoen.funds.models import FundType
from pramoen.rounds.models import Round, RoundStatus

from . import portfolio as data
from .models import ReportJob
from .services import render as render_file
from .views import file_response, options_from

FILE_FORMATS = ("pdf", "xlsx")
ROUND_NUMBERS = (1, 2, 3, 4)


def require_overview(request: HttpRequest) -> None:
    """Every fund at once is for CGD, the committee and administrators only."""
    if not global_roles(request.user):
        raise PermissionDenied


def fiscal_years() -> list[int]:
    """The years that have agreements, newest first (one query)."""
    return list(Agreement.objects.order_by("-fiscal_year").values_list("fiscal_year", flat=True).distinct())


SUBMITTED = Q(submitted_on__isnull=False) | Q(status__in=data.SCORED_STATUSES)


def latest_submitted_round(fiscal_year: int) -> int:
    """The last round any fund has submitted this year (round 1 before anyone has)."""
    number = Round.objects.filter(SUBMITTED, agreement__fiscal_year=fiscal_year).aggregate(n=Max("number"))["n"]
    return number or 1


def latest_submission(years: list[int]) -> tuple[int, int]:
    """The newest year and round anyone has submitted (one query): what a reader opening the page
    wants to see, rather than next year's drafts. The newest year's round 1 before any submission."""
    found = (Round.objects.filter(SUBMITTED).order_by("-agreement__fiscal_year", "-number")
             .values_list("agreement__fiscal_year", "number").first())
    return found or (years[0], 1)


def int_param(request: HttpRequest, name: str, allowed: list[int] | tuple[int, ...], default: int) -> int:
    """A choice from the query string; anything not offered is a bad request, not a silent default."""
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    # isdecimal, not isdigit: "²" is a digit int() refuses. Thai digits are decimal and int() reads them.
    # A choice has at most 4 digits: a longer string is refused before int() (which stops at 4,300).
    if not raw.isdecimal() or len(raw) > 4 or int(raw) not in allowed:
        raise BadChoice(name)
    return int(raw)


class BadChoice(Exception):
    pass


# The page -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Download:
    label: str
    url: str


def rating_text(total: Decimal | None) -> str:
    """The rating in the reader's language, by the documents' rule (``portfolio.rating_label``)."""
    if total is None:
        return ""
    labels = (_("Needs improvement"), _("Fair"), _("Normal"), _("Good"), _("Very good"))
    return data.rating_label(total, labels, _("{low} to {high}"))


def status_text(row: data.FundRow) -> str:
    if row.agreement_status is None:
        return _("No agreement")
    if row.round_status == data.NOT_STARTED:
        return _("No reporting round yet") if row.agreement_status == Status.IN_FORCE else _(
            "Agreement not in force")
    if row.unscorable:
        return _("Cannot be scored (invalid agreement)")
    return str(RoundStatus(row.round_status).label)


def type_label(thai_name: str) -> str:
    """A fund type as the reader's interface names it (the documents use the manual's Thai names)."""
    number = {name: n for n, name in data.TYPE_NAMES.items()}.get(thai_name)
    return str(FundType(number).label) if number else thai_name


def downloads(year: int, number: int, query: dict[str, str]) -> list[Download]:
    suffix = f"?{urlencode(query)}" if query else ""
    links = []
    for fmt in FILE_FORMATS:
        url = reverse("reports:portfolio_report", args=[year, number, fmt])
        links.append(Download(_("Portfolio report (%(format)s)") % {"format": fmt.upper()}, url + suffix))
    for fmt in FILE_FORMATS:
        url = reverse("reports:cabinet_report", args=[year, fmt])
        links.append(Download(_("Cabinet summary, year end (%(format)s)") % {"format": fmt.upper()}, url + suffix))
    return links


@login_required
@require_GET
def portfolio(request: HttpRequest) -> HttpResponse:
    """Queries: session, user, roles, years, (the default round), then ``portfolio_rows``."""
    require_overview(request)
    years = fiscal_years()
    context: dict = {"years": years, "round_numbers": ROUND_NUMBERS, "rows": [], "year": None}
    if not years:
        return render(request, "reports/portfolio.html", context)
    try:
        year = int_param(request, "year", years, 0)
        number = int_param(request, "round", ROUND_NUMBERS, 0)
        if not year:
            year, latest = latest_submission(years)
            number = number or latest
        number = number or latest_submitted_round(year)
    except BadChoice:
        context["error"] = _("Choose a fiscal year and a round from the lists.")
        return render(request, "reports/portfolio.html", context, status=400)
    rows = data.portfolio_rows(year, number)
    query = {k: v for k, v in (("digits", request.GET.get("digits")), ("era", request.GET.get("era"))) if v}
    context.update({
        "year": year,
        "number": number,
        "rows": [(row, status_text(row), rating_text(row.total)) for row in rows],
        "scored": sum(1 for r in rows if r.scored),
        "mean": data.mean([r.total for r in rows if r.total is not None]) if any(r.scored for r in rows) else None,
        "by_type": [(type_label(group.name), group) for group in data.by_type(rows)],
        "missing": [(row, status_text(row)) for row in data.not_submitted(rows)],
        "downloads": downloads(year, number, query),
        "arabic": request.GET.get("digits") == "arabic",
        "common_era": request.GET.get("era") == "ce",
        "may_start_jobs": is_cgd(request.user),
        "jobs": list(ReportJob.objects.filter(fiscal_year=year, round_number=number)[:5]),
    })
    return render(request, "reports/portfolio.html", context)


# The files ------------------------------------------------------------------------------------------




def require_year(year: int) -> None:
    if not Agreement.objects.filter(fiscal_year=year).exists():
        raise Http404


@login_required
@require_GET
def portfolio_report(request: HttpRequest, year: int, number: int, fmt: str) -> HttpResponse:
    require_overview(request)
    if fmt not in FILE_FORMATS or number not in ROUND_NUMBERS:
        raise Http404
    require_year(year)
    document = data.portfolio_document(year, number, options_from(request))
    return file_response(render_file(document, fmt), fmt, f"portfolio-{year}-r{number}.{fmt}")


@login_required
@require_GET
def cabinet_report(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    require_overview(request)
    if fmt not in FILE_FORMATS:
        raise Http404
    require_year(year)
    document = data.cabinet_document(year, options_from(request))
    return file_response(render_file(document, fmt), fmt, f"cabinet-{year}.{fmt}")
