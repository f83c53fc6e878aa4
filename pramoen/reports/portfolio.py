"""Every fund of one round side by side, and the cabinet's annual summary, as layout blocks.

:func:`portfolio_rows` answers "where does each fund of the registry stand in
round N of fiscal year Y": its agreement, its round's status and, when the round
counts as scored, the core's total, band, rating and rank. The two builders
turn those rows into :class:`Document` s that the PDF and workbook renderers
print; like the round report they format every figure once, with one
:class:`Formatter`, from the core's unrounded numbers.

Which rounds count as scored: **submitted, accepted or approved**. A draft's
numbers are the fund's unfinished entry (every missing KPI scores 1) and a
returned round is being corrected, so neither is published; both appear in the
"not submitted" list with their status. A scored round whose agreement the core
refuses (an invalid structure) is not scored either.

The registry has no ministry of its own, but an owner agency may name one
(``OwnerAgency.ministry_th``): the portfolio groups by owner agency always and
adds a table by ministry when any agency names one.

Everything here is Thai: these are Thai government documents whatever language
the reader's screen is in.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db.models import Q

from pramoen.agreements.models import Agreement, Status
from pramoen.funds.models import Fund
from pramoen.rounds.models import Round, RoundStatus
from pramoen.rounds.services import YEAR_END_ROUND, round_card
from pramoen.scoring.numbers import SCORE_PLACES, round_half_up
from pramoen.scoring.rules import LEVEL_TOP, change_percent, score_band

from .services import PUBLISHED
from .formats import BAND_LABELS, PERCENT_FORMAT, SCORE_FORMAT, Formatter, Options
from .layout import CENTER, RIGHT, Bar, Block, Cell, Chart, Document, Heading, Paragraph, Table, blank

NOT_STARTED = "not_started"  # the fund has no round N this year (no agreement in force, or none at all)
SCORED_STATUSES = PUBLISHED  # one rule for the portfolio, bulk jobs and round reports (services.py)
COUNT_FORMAT = "0"
LIST_LENGTH = 10  # the cabinet summary's best and weakest funds

# The five types as the manual's list of funds names them (App. 1).
TYPE_NAMES = {
    1: "ประเภทเพื่อการกู้ยืม",
    2: "ประเภทเพื่อการจำหน่ายและการผลิต",
    3: "ประเภทเพื่อการบริการ",
    4: "ประเภทเพื่อการสงเคราะห์และสวัสดิการสังคม",
    5: "ประเภทเพื่อการสนับสนุนส่งเสริม",
}
ROUND_STATUS_TEXTS = {
    RoundStatus.DRAFT: "ยังไม่ส่ง (ร่าง)",
    RoundStatus.SUBMITTED: "ส่งแล้ว",
    RoundStatus.RETURNED: "ส่งกลับให้แก้ไข",
    RoundStatus.ACCEPTED: "ตรวจสอบแล้ว",
    RoundStatus.APPROVED: "อนุมัติแล้ว",
}
NO_AGREEMENT = "ไม่มีบันทึกข้อตกลง"
AGREEMENT_NOT_IN_FORCE = "บันทึกข้อตกลงยังไม่มีผลบังคับใช้"
NO_ROUND = "ยังไม่เปิดรอบรายงาน"
NOT_SCORABLE = "คำนวณคะแนนไม่ได้ (โครงสร้างบันทึกข้อตกลงไม่ถูกต้อง)"
NO_AGENCY = "ไม่ระบุส่วนราชการเจ้าของทุน"
NO_MINISTRY = "ไม่ระบุกระทรวง"


# Rows ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FundRow:
    """One fund in one round. ``total`` is None unless the round is scored (see the module docstring)."""

    fund: Fund
    agreement_status: str | None  # agreements.Status, None without an agreement this year
    round_status: str  # RoundStatus or NOT_STARTED
    submitted_on: date | None = None
    late_days: int = 0
    total: Decimal | None = None  # the core's total, unrounded
    percent: Decimal | None = None
    band: int | None = None
    rating: str = ""
    rank: int | None = None  # 1 = best among scored funds; equal printed totals share a rank
    unscorable: bool = False  # submitted, but the core refused the agreement's structure

    @property
    def scored(self) -> bool:
        return self.total is not None

    @property
    def status_text(self) -> str:
        """Why the fund stands where it does, in the documents' words."""
        if self.agreement_status is None:
            return NO_AGREEMENT
        if self.round_status == NOT_STARTED:
            return NO_ROUND if self.agreement_status == Status.IN_FORCE else AGREEMENT_NOT_IN_FORCE
        if self.unscorable:
            return NOT_SCORABLE
        return ROUND_STATUS_TEXTS[RoundStatus(self.round_status)]

    @property
    def type_name(self) -> str:
        return TYPE_NAMES.get(self.fund.fund_type, str(self.fund.fund_type))

    @property
    def agency_name(self) -> str:
        agency = self.fund.owner_agency
        return agency.name_th if agency else NO_AGENCY

    @property
    def ministry_name(self) -> str:
        agency = self.fund.owner_agency
        return agency.ministry_th if agency and agency.ministry_th else NO_MINISTRY


def rating_label(total: Decimal, labels: tuple[str, ...] = BAND_LABELS, between: str = "{low} ถึง {high}") -> str:
    """The manual's rating of a total (§3.5): a whole level is its label, a total between two is "X ถึง Y".

    4 → "ดี", 4.5 → "ดี ถึง ดีมาก". The band is :func:`score_band` of the unrounded total, the
    rule the round report's colour strip uses, so a total printed 4.0000 but a hair below 4 reads
    "ปกติ ถึง ดี" in its band's colour. ``labels`` and ``between`` let a page show the same rule in
    English.
    """
    band = score_band(total)
    if band == LEVEL_TOP or total <= band:  # 5, a whole level, or below 1 after a penalty
        return labels[band - 1]
    return between.format(low=labels[band - 1], high=labels[band])


def registry_funds(fiscal_year: int) -> list[Fund]:
    """The active funds, and any other fund with an agreement that year (one query).

    A fund closed long ago would otherwise sit in every year's "not submitted" list.
    """
    funds = Fund.objects.filter(Q(is_active=True) | Q(agreements__fiscal_year=fiscal_year))
    return list(funds.distinct().select_related("owner_agency").order_by("fund_type", "registry_no"))


def year_rounds(fiscal_year: int, round_number: int) -> dict[int, Round]:
    """fund id → its round ``round_number`` of the year, with what ``round_card`` reads (one query)."""
    rounds = Round.objects.filter(agreement__fiscal_year=fiscal_year, number=round_number).select_related(
        "agreement__fund__owner_agency", "agreement__framework"
    )
    return {r.agreement.fund_id: r for r in rounds}


def fund_row(fund: Fund, agreement_status: str | None, round_: Round | None) -> FundRow:
    """The row of one fund; scores the round (6 queries, through ``round_card``) only when it counts."""
    if round_ is None:
        return FundRow(fund, agreement_status, NOT_STARTED)
    row = FundRow(fund, agreement_status, round_.status, round_.submitted_on, round_.late_days)
    if round_.status not in SCORED_STATUSES:
        return row
    # The change from the previous round is not shown here: skip loading that round.
    score = round_card(round_, with_previous=False).score
    if score is None:
        return replace(row, unscorable=True)
    return replace(row, total=score.total, percent=score.percent, band=score_band(score.total),
                   rating=rating_label(score.total))


def rank_rows(rows: Iterable[FundRow]) -> list[FundRow]:
    """Scored rows best first with their rank, then the others in registry order.

    Ranks compare totals as printed (4 places): two funds a reader sees with the same
    total share a rank (1, 1, 3 …), whatever digits beyond the fourth place say.
    """
    rows = list(rows)
    scored = sorted((r for r in rows if r.scored), key=lambda r: (-printed(r.total), r.fund.code))
    ranked: list[FundRow] = []
    for position, row in enumerate(scored, start=1):
        tie = bool(ranked) and printed(ranked[-1].total) == printed(row.total)
        ranked.append(replace(row, rank=ranked[-1].rank if tie else position))
    return ranked + [r for r in rows if not r.scored]


def printed(total: Decimal | None) -> Decimal:
    assert total is not None
    return round_half_up(total, SCORE_PLACES)


def portfolio_rows(fiscal_year: int, round_number: int) -> list[FundRow]:
    """Every fund of the registry in round ``round_number`` of ``fiscal_year``, ranked.

    Queries: 3 (funds with their agencies, the year's agreements, the rounds with their
    agreements, funds and frameworks) + 6 per scored round (``round_card``: areas, KPIs,
    criteria, results, criterion levels, evidence). Nothing else grows with the funds.
    """
    funds = registry_funds(fiscal_year)
    agreements = dict(Agreement.objects.filter(fiscal_year=fiscal_year).values_list("fund_id", "status"))
    rounds = year_rounds(fiscal_year, round_number)
    return rank_rows(fund_row(fund, agreements.get(fund.pk), rounds.get(fund.pk)) for fund in funds)


def not_submitted(rows: Iterable[FundRow]) -> list[FundRow]:
    """The funds without a published result, in registry order."""
    return sorted((r for r in rows if not r.scored), key=lambda r: (r.fund.fund_type, r.fund.registry_no))


# Figures over groups of rows ------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupStats:
    name: str
    count: int
    scored: int
    mean: Decimal | None
    low: Decimal | None
    high: Decimal | None


def stats(name: str, rows: list[FundRow]) -> GroupStats:
    totals = [r.total for r in rows if r.total is not None]
    if not totals:
        return GroupStats(name, len(rows), 0, None, None, None)
    return GroupStats(name, len(rows), len(totals), mean(totals), min(totals), max(totals))


def mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def grouped(rows: Iterable[FundRow], key: Callable[[FundRow], str], order: Callable[[str], object] = str
            ) -> list[GroupStats]:
    groups: dict[str, list[FundRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return [stats(name, groups[name]) for name in sorted(groups, key=order)]


def by_type(rows: Iterable[FundRow]) -> list[GroupStats]:
    names = list(TYPE_NAMES.values())
    return grouped(rows, lambda r: r.type_name, lambda n: names.index(n) if n in names else len(names))


def by_agency(rows: Iterable[FundRow]) -> list[GroupStats]:
    return grouped(rows, lambda r: r.agency_name, lambda n: (n == NO_AGENCY, n))


def by_ministry(rows: Iterable[FundRow]) -> list[GroupStats]:
    return grouped(rows, lambda r: r.ministry_name, lambda n: (n == NO_MINISTRY, n))


def distribution(rows: Iterable[FundRow]) -> list[int]:
    """How many scored funds fall in band 1 … 5."""
    counts = [0] * LEVEL_TOP
    for row in rows:
        if row.band is not None:
            counts[row.band - 1] += 1
    return counts


def count_axis(largest: int) -> tuple[int, int]:
    """(top, step) of an axis of whole counts: at most 8 steps of 1, 2, 5, 10, 20, 50 … funds."""
    step = 1
    while math.ceil(largest / step) > 8:
        step = step * 5 // 2 if str(step).startswith("2") else step * 2
    return max(step, math.ceil(largest / step) * step), step


@dataclass(frozen=True)
class YearChange:
    """One fund's year-end total in two consecutive years."""

    row: FundRow
    previous: Decimal

    @property
    def change(self) -> Decimal:
        assert self.row.total is not None
        return self.row.total - self.previous

    @property
    def change_percent(self) -> Decimal:
        assert self.row.total is not None
        return change_percent(self.row.total, self.previous)


def year_changes(rows: Iterable[FundRow], previous_rows: Iterable[FundRow]) -> list[YearChange]:
    """Funds scored in both years, largest improvement first."""
    before = {r.fund.pk: r.total for r in previous_rows if r.total is not None}
    changes = [YearChange(r, before[r.fund.pk]) for r in rows if r.scored and r.fund.pk in before]
    return sorted(changes, key=lambda c: (-c.change, c.row.fund.code))


# Documents ----------------------------------------------------------------------------------------


def head(text: str) -> Cell:
    return Cell(text, bold=True, align=CENTER)


class Builder:
    """What the portfolio and the cabinet summary print alike: cells, fund tables, the chart."""

    def __init__(self, fiscal_year: int, options: Options) -> None:
        self.fiscal_year = fiscal_year
        self.options = options
        self.f = Formatter(options)

    @property
    def year(self) -> str:
        return self.f.year(self.fiscal_year)

    # Cells ------------------------------------------------------------------------------------------

    def score_cell(self, value: Decimal | None, **kwargs) -> Cell:
        kwargs.setdefault("role", "total")
        return Cell("-", align=CENTER) if value is None else self.f.score_cell(value, **kwargs)

    def percent_cell(self, value: Decimal | None, **kwargs) -> Cell:
        kwargs.setdefault("role", "percent")
        return Cell("-", align=CENTER) if value is None else self.f.percent_cell(value, **kwargs)

    def count_cell(self, value: int | None, **kwargs) -> Cell:
        if value is None:
            return Cell("-", align=CENTER)
        kwargs.setdefault("align", CENTER)
        return Cell(self.f.integer(value), value=Decimal(value), number_format=COUNT_FORMAT, **kwargs)

    def signed_cell(self, value: Decimal, text: str, number_format: str, role: str) -> Cell:
        sign = "+" if value > 0 else ""
        return Cell(sign + text, value=value, number_format=f"+{number_format};-{number_format};{number_format}",
                    align=RIGHT, role=role)

    def strip(self, band: int | None) -> Cell:
        if band is None:
            return blank()
        return Cell(self.f.integer(band), fill=self.f.band_colour(band), align=CENTER, role="band")

    def code(self, fund: Fund) -> Cell:
        return Cell(self.f.digits(fund.code), align=CENTER, role="code")

    def date_cell(self, day: date | None) -> Cell:
        return Cell(self.f.short_date(day) if day else "-", align=CENTER)

    # Tables -----------------------------------------------------------------------------------------

    def ranking_table(self, key: str, sheet: str, rows: list[FundRow], caption: str = "") -> Table:
        header = [[head("อันดับ"), head("รหัส"), head("ชื่อทุนหมุนเวียน"), head("ประเภท"),
                   head("ส่วนราชการเจ้าของทุน"), head("สถานะ"), head("วันที่ส่ง"), head("คะแนนรวม"),
                   head("ร้อยละ"), head("ระดับผลการดำเนินงาน"), head("แถบสี")]]
        body = [
            [self.count_cell(r.rank, role="rank"), self.code(r.fund), Cell(r.fund.name_th), Cell(r.type_name),
             Cell(r.agency_name), Cell(r.status_text), self.date_cell(r.submitted_on), self.score_cell(r.total),
             self.percent_cell(r.percent), Cell(r.rating, align=CENTER, role="rating"), self.strip(r.band)]
            for r in rows
        ]
        return Table(key, sheet, header, body, widths=[4.5, 5.5, 20, 12, 14, 9, 10, 7, 6, 9, 4], caption=caption,
                     font_size="small")

    def stats_table(self, key: str, sheet: str, title: str, groups: list[GroupStats]) -> Table:
        header = [[head(title), head("จำนวนทุน"), head("มีผลคะแนน"), head("คะแนนเฉลี่ย"), head("ต่ำสุด"),
                   head("สูงสุด")]]
        body = [
            [Cell(g.name), self.count_cell(g.count), self.count_cell(g.scored), self.score_cell(g.mean, role="mean"),
             self.score_cell(g.low, role="min"), self.score_cell(g.high, role="max")]
            for g in groups
        ]
        return Table(key, sheet, header, body, widths=[40, 12, 12, 12, 12, 12])

    def missing_table(self, key: str, sheet: str, rows: list[FundRow]) -> Table:
        header = [[head("รหัส"), head("ชื่อทุนหมุนเวียน"), head("ส่วนราชการเจ้าของทุน"), head("สถานะ"),
                   head("ส่งล่าช้า (วัน)")]]
        body = [[self.code(r.fund), Cell(r.fund.name_th), Cell(r.agency_name), Cell(r.status_text, role="status"),
                 self.count_cell(r.late_days if r.round_status != NOT_STARTED else None)] for r in rows]
        if not body:
            body = [[Cell("ทุนหมุนเวียนทุกแห่งส่งผลการดำเนินงานแล้ว", colspan=5, align=CENTER)]]
        return Table(key, sheet, header, body, widths=[8, 36, 26, 20, 10])

    def distribution_blocks(self, rows: list[FundRow], sheet: str) -> list[Block]:
        counts = distribution(rows)
        top, step = count_axis(max(counts))
        bars = tuple(Bar(BAND_LABELS[n], Decimal(c), self.f.integer(c), self.f.band_colour(n + 1))
                     for n, c in enumerate(counts))
        chart = Chart("distribution-chart", "จำนวนทุนหมุนเวียนจำแนกตามระดับผลการดำเนินงาน", bars,
                      axis_max=Decimal(top), axis_labels=tuple(self.f.integer(v) for v in range(0, top + 1, step)),
                      y_title="ทุน", sheet=sheet)
        scored = sum(counts)
        header = [[head("ระดับ"), head("ผลการดำเนินงาน"), head("ช่วงคะแนนรวม"), head("จำนวนทุน"),
                   head("ร้อยละของทุนที่มีผลคะแนน")]]
        body = [
            [self.strip(n), Cell(BAND_LABELS[n - 1]), Cell(self.band_range(n), align=CENTER),
             self.count_cell(counts[n - 1], role="count"),
             self.percent_cell(Decimal(counts[n - 1]) * 100 / scored if scored else None, role="share")]
            for n in range(LEVEL_TOP, 0, -1)
        ]
        body.append([Cell("รวม", bold=True, colspan=3), self.count_cell(scored, bold=True, role="count"),
                     self.percent_cell(Decimal(100) if scored else None, bold=True)])
        table = Table("distribution", sheet, header, body, widths=[8, 20, 28, 18, 26])
        return [chart, table]

    def band_range(self, band: int) -> str:
        if band == LEVEL_TOP:
            return self.f.digits("5.0000")
        low = "ต่ำกว่า 2.0000" if band == 1 else f"{band}.0000 ถึงต่ำกว่า {band + 1}.0000"
        return self.f.digits(low)

    def overview_text(self, rows: list[FundRow]) -> str:
        scored = [r.total for r in rows if r.total is not None]
        text = (f"ทุนหมุนเวียนในระบบประเมินผลมีจำนวนทั้งสิ้น {self.f.integer(len(rows))} ทุน "
                f"มีผลการดำเนินงานที่ส่งแล้วและนำมาคำนวณคะแนน {self.f.integer(len(scored))} ทุน "
                f"ยังไม่มีผลคะแนน {self.f.integer(len(rows) - len(scored))} ทุน")
        if scored:
            average = mean(scored)
            text += (f" คะแนนรวมเฉลี่ย {self.f.score(average)} ({rating_label(average)}) "
                     f"สูงสุด {self.f.score(max(scored))} ต่ำสุด {self.f.score(min(scored))}")
        return text

    def document(self, title: str, blocks: list[Block], running: str) -> Document:
        return Document(title=title, blocks=blocks, footer_lines=self.options.footer, running_footer=running,
                        thai_digits=self.options.thai_digits, landscape=True)


class PortfolioReport(Builder):
    """All funds of one round: overview, ranking, groups, distribution, the funds still to report."""

    def __init__(self, fiscal_year: int, round_number: int, options: Options) -> None:
        super().__init__(fiscal_year, options)
        self.round_number = round_number
        self.rows = portfolio_rows(fiscal_year, round_number)

    @property
    def period(self) -> str:
        return f"ไตรมาส {self.f.integer(self.round_number)} (รอบ {self.f.integer(3 * self.round_number)} เดือน)"

    def build(self) -> Document:
        title = f"รายงานสรุปผลการดำเนินงานทุนหมุนเวียนทุกแห่ง ประจำปีบัญชี {self.year} {self.period}"
        blocks: list[Block] = [
            Paragraph(title, CENTER, bold=True, style="title"),
            Heading("ภาพรวม", 2),
            Paragraph(self.overview_text(self.rows) + self.scored_note(), style="indent"),
            Heading("ผลการดำเนินงานเรียงตามคะแนนรวม", 2),
            self.ranking_table("ranking", "อันดับ", self.rows),
            Heading("สรุปตามประเภททุนหมุนเวียน", 2),
            self.stats_table("by-type", "ตามประเภท", "ประเภททุนหมุนเวียน", by_type(self.rows)),
            Heading("สรุปตามส่วนราชการเจ้าของทุน", 2),
            self.stats_table("by-agency", "ตามส่วนราชการ", "ส่วนราชการเจ้าของทุน", by_agency(self.rows)),
        ]
        if any(r.fund.owner_agency and r.fund.owner_agency.ministry_th for r in self.rows):
            blocks += [Heading("สรุปตามกระทรวง", 2),
                       self.stats_table("by-ministry", "ตามกระทรวง", "กระทรวง", by_ministry(self.rows))]
        blocks += [Heading("การกระจายของระดับผลการดำเนินงาน", 2)]
        blocks += self.distribution_blocks(self.rows, "การกระจาย")
        blocks += [Heading("ทุนหมุนเวียนที่ยังไม่มีผลคะแนน", 2),
                   self.missing_table("not-submitted", "ยังไม่ส่ง", not_submitted(self.rows))]
        return self.document(title, blocks, f"ปีบัญชี {self.year} {self.period}")

    def scored_note(self) -> str:
        return (" (นับเฉพาะรอบรายงานที่ทุนหมุนเวียนส่งแล้ว ผ่านการตรวจสอบ หรืออนุมัติแล้ว "
                "ไม่นับรอบที่ยังเป็นร่างหรือถูกส่งกลับให้แก้ไข)")


class CabinetReport(Builder):
    """The year-end summary for the cabinet: overview, types, best and weakest, change on last year."""

    def __init__(self, fiscal_year: int, options: Options) -> None:
        super().__init__(fiscal_year, options)
        self.rows = portfolio_rows(fiscal_year, YEAR_END_ROUND)
        self.previous_rows = portfolio_rows(fiscal_year - 1, YEAR_END_ROUND)

    def build(self) -> Document:
        title = f"สรุปผลการประเมินผลการดำเนินงานทุนหมุนเวียน ประจำปีบัญชี {self.year} เพื่อเสนอคณะรัฐมนตรี"
        scored = [r for r in self.rows if r.scored]
        blocks: list[Block] = [
            Paragraph(title, CENTER, bold=True, style="title"),
            Heading("ภาพรวม", 2),
            Paragraph(self.overview_text(self.rows) + self.f.digits(" (ผลการดำเนินงานรอบสิ้นปีบัญชี รอบ 12 เดือน)"),
                      style="indent"),
            Heading("การกระจายของระดับผลการดำเนินงานจำแนกตามประเภททุนหมุนเวียน", 2),
            self.type_distribution_table(),
        ]
        blocks += self.distribution_blocks(self.rows, "การกระจาย")
        blocks += [
            Heading(f"ทุนหมุนเวียนที่มีผลการดำเนินงานดีที่สุด {self.f.integer(LIST_LENGTH)} อันดับ", 2),
            self.ranking_table("best", "ดีที่สุด", scored[:LIST_LENGTH]),
            Heading(f"ทุนหมุนเวียนที่มีผลการดำเนินงานต่ำที่สุด {self.f.integer(LIST_LENGTH)} อันดับ", 2),
            self.ranking_table("weakest", "ต่ำที่สุด", list(reversed(scored[-LIST_LENGTH:]))),
            Heading(f"เปรียบเทียบกับปีบัญชี {self.f.year(self.fiscal_year - 1)}", 2),
        ]
        blocks += self.change_blocks()
        blocks += [Heading("ทุนหมุนเวียนที่ยังไม่มีผลการดำเนินงานรอบสิ้นปีบัญชี", 2),
                   self.missing_table("no-year-end", "ไม่มีผลสิ้นปี", not_submitted(self.rows))]
        return self.document(title, blocks, f"สรุปผลการประเมินผลทุนหมุนเวียน ปีบัญชี {self.year}")

    def type_distribution_table(self) -> Table:
        header = [[head("ประเภททุนหมุนเวียน"), head("จำนวนทุน"), head("มีผลคะแนน")]
                  + [head(BAND_LABELS[n - 1]) for n in range(LEVEL_TOP, 0, -1)] + [head("คะแนนเฉลี่ย")]]
        body = []
        groups: dict[str, list[FundRow]] = {}
        for row in self.rows:
            groups.setdefault(row.type_name, []).append(row)
        for group in by_type(self.rows) + [stats("รวม", self.rows)]:
            members = self.rows if group.name == "รวม" else groups[group.name]
            counts = distribution(members)
            bold = group.name == "รวม"
            body.append([Cell(group.name, bold=bold), self.count_cell(group.count, bold=bold),
                         self.count_cell(group.scored, bold=bold)]
                        + [self.count_cell(counts[n - 1], bold=bold) for n in range(LEVEL_TOP, 0, -1)]
                        + [self.score_cell(group.mean, bold=bold, role="mean")])
        return Table("type-distribution", "ตามประเภท", header, body, widths=[30, 8, 8, 8, 8, 8, 8, 8, 14])

    def change_blocks(self) -> list[Block]:
        changes = year_changes(self.rows, self.previous_rows)
        previous_year = self.f.year(self.fiscal_year - 1)
        if not changes:
            return [Paragraph(f"ไม่มีทุนหมุนเวียนที่มีผลคะแนนรอบสิ้นปีบัญชีทั้งปี {previous_year} และปี {self.year}",
                              style="indent")]
        better = sum(1 for c in changes if c.change > 0)
        worse = sum(1 for c in changes if c.change < 0)
        text = (f"ทุนหมุนเวียนที่มีผลคะแนนรอบสิ้นปีบัญชีทั้ง {self.f.integer(len(changes))} ทุน "
                f"มีคะแนนรวมเพิ่มขึ้น {self.f.integer(better)} ทุน ลดลง {self.f.integer(worse)} ทุน "
                f"และเท่าเดิม {self.f.integer(len(changes) - better - worse)} ทุน "
                f"คะแนนรวมเฉลี่ยของทุนกลุ่มนี้เปลี่ยนจาก {self.f.score(mean([c.previous for c in changes]))} "
                f"(ปี {previous_year}) เป็น "
                f"{self.f.score(mean([c.row.total for c in changes if c.row.total is not None]))} (ปี {self.year})")
        header = [[head("รหัส"), head("ชื่อทุนหมุนเวียน"), head(f"คะแนนรวมปี {previous_year}"),
                   head(f"คะแนนรวมปี {self.year}"), head("เปลี่ยนแปลง (คะแนน)"), head("เปลี่ยนแปลง (ร้อยละ)")]]
        body = [[self.code(c.row.fund), Cell(c.row.fund.name_th), self.score_cell(c.previous, role="previous"),
                 self.score_cell(c.row.total),
                 self.signed_cell(self.f.score_value(c.change), self.f.score(c.change), SCORE_FORMAT, "change"),
                 self.signed_cell(self.f.percent_value(c.change_percent), self.f.percent(c.change_percent),
                                  PERCENT_FORMAT, "change_percent")]
                for c in changes]
        return [Paragraph(text, style="indent"),
                Table("year-on-year", "เทียบปีก่อน", header, body, widths=[8, 40, 13, 13, 13, 13])]


def portfolio_document(fiscal_year: int, round_number: int, options: Options | None = None) -> Document:
    return PortfolioReport(fiscal_year, round_number, options or Options()).build()


def cabinet_document(fiscal_year: int, options: Options | None = None) -> Document:
    return CabinetReport(fiscal_year, options or Options()).build()
