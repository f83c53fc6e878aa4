"""Reports from the database: a round's report, and the rounds a bulk job covers."""

from __future__ import annotations

from importlib import import_module

from django.db.models import QuerySet

from pramoen.agreements.models import Status
from pramoen.agreements.scorecard import Content
from pramoen.rounds.models import Round, RoundStatus
from pramoen.rounds.services import round_card

from .formats import Options
from .layout import Document
from .round_report import RoundScores, build


# A round whose figures may be published: the fund has submitted it (a draft's numbers are
# still being typed). The same rule picks the funds of the portfolio and of a bulk job.
PUBLISHED = frozenset({RoundStatus.SUBMITTED, RoundStatus.ACCEPTED, RoundStatus.APPROVED})
DRAFT_NOTE = "ฉบับร่าง: กองทุนยังไม่ได้ส่งผลการดำเนินงานรอบนี้"


class NotScorable(Exception):
    """The agreement's structure has problems, so the round has no score to report."""

    def __init__(self, problems: list) -> None:
        super().__init__("; ".join(p.line("th") for p in problems))
        self.problems = problems


def round_scores(round_: Round) -> RoundScores:
    """The round and the earlier rounds of its year, scored with report details (a handful of queries)."""
    content = Content.load(round_.agreement)
    card = round_card(round_, content=content, details=True)
    if card.score is None:
        raise NotScorable(card.problems)
    earlier = {}
    others = Round.objects.filter(agreement_id=round_.agreement_id, number__lt=round_.number)
    if round_.status in PUBLISHED:  # a submitted report shows earlier rounds' submitted figures only
        others = others.filter(status__in=PUBLISHED)
    for other in others:
        other.agreement = round_.agreement  # already loaded: no query per round
        other_card = round_card(other, content=content, with_previous=False)
        if other_card.score is not None and other_card.results:
            earlier[other.number] = other_card.score
    return RoundScores(card.score, earlier)


def round_document(round_: Round, options: Options | None = None) -> Document:
    note = "" if round_.status in PUBLISHED else DRAFT_NOTE
    return build(round_scores(round_), options, note=note)


def render(document: Document, fmt: str) -> bytes:
    """``document`` as a PDF, DOCX or XLSX file (renderers load on first use: WeasyPrint is slow to import)."""
    module = import_module(f"pramoen.reports.{fmt}")
    return module.render(document)


def round_file_name(round_: Round, fmt: str) -> str:
    """e.g. ``rfes-1-06-2567-r2.pdf`` (ASCII, so every browser keeps it)."""
    agreement = round_.agreement
    return f"rfes-{agreement.fund.code}-{agreement.fiscal_year}-r{round_.number}.{fmt}"


def published_rounds(fiscal_year: int, number: int) -> QuerySet[Round]:
    """The rounds of a year a bulk job reports: agreements in force, rounds the fund has submitted."""
    return (
        Round.objects.filter(agreement__fiscal_year=fiscal_year, number=number, status__in=PUBLISHED,
                             agreement__status=Status.IN_FORCE)
        .select_related("agreement__fund__owner_agency", "agreement__framework")
        .order_by("agreement__fund__fund_type", "agreement__fund__registry_no")
    )
