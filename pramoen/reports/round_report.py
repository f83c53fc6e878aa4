"""The RFES round report of one fund and round, as layout blocks.

Block for block the layout of the CGD form (``rfes-report.md`` §1): title,
opening paragraph, summary table, closing paragraph, attachment 1 with the
status strip and its legend, the two charts, then one detail block per KPI in
the variant its kind needs (numeric, milestone, governance criteria, group of
sub-items with plan and actual).

Every figure comes from the scoring core's :class:`CardScore` of the round and
is printed by one :class:`Formatter`, so a KPI's score and weighted score read
the same in the summary, in attachment 1 and in its detail block, and the total
is the core's unrounded sum rounded once (never the sum of rounded rows). The
sample report's 28 inconsistencies were copies that drifted apart; here there is
only one copy.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from pramoen.scoring import fiscal
from pramoen.scoring.compute import AreaScore, CardScore, KpiScore
from pramoen.scoring.model import CompositeKpi, GroupKpi, Kpi, LevelledKpi, Scorecard
from pramoen.scoring.rules import HUNDRED, composite_score, score_band

from .formats import BAND_LABELS, Formatter, Options
from .layout import CENTER, RIGHT, Bar, Block, Cell, Chart, Document, Heading, PageBreak, Paragraph, Table, blank

PREFIX_UNITS = ("ร้อยละ", "ระดับ")  # written before the number: "ร้อยละ ๖.๙๐"; others after: "๙๔๐ ไร่"
NOT_DEFINED = ("", "-")


@dataclass(frozen=True)
class RoundScores:
    """The rounds of one fiscal year that have been scored, the report's round last."""

    current: CardScore
    earlier: dict[int, CardScore]  # round number → score, rounds before the current one

    @property
    def card(self) -> Scorecard:
        return self.current.card

    def of_round(self, number: int) -> CardScore | None:
        if number == self.card.round:
            return self.current
        return self.earlier.get(number)


def is_milestone(kpi: Kpi) -> bool:
    return isinstance(kpi, LevelledKpi) and any(t.strip() not in NOT_DEFINED for t in kpi.details.level_texts)


def period_months(round_number: int) -> int:
    return 3 * round_number


class RoundReport:
    """Builds the :class:`Document` of one round; see the module docstring."""

    def __init__(self, scores: RoundScores, options: Options | None = None, note: str = "") -> None:
        self.note = note  # e.g. "draft": printed under the title
        self.scores = scores
        self.score = scores.current
        self.card = scores.card
        self.options = options or Options()
        self.f = Formatter(self.options)
        self.kpi_scores = {k.code: k for k in self.score.kpis()}
        self.period_start, self.period_end = fiscal.round_period(
            self.card.fiscal_year, self.card.round, self.card.fiscal_year_start
        )

    # Small texts ---------------------------------------------------------------------------------

    @property
    def year(self) -> str:
        return self.f.year(self.card.fiscal_year)

    @property
    def period_label(self) -> str:
        return f"รอบ {self.f.integer(period_months(self.card.round))} เดือน"

    def round_heading(self, number: int) -> str:
        _start, end = fiscal.round_period(self.card.fiscal_year, number, self.card.fiscal_year_start)
        return f"ครั้งที่ {self.f.integer(number)} ({self.f.month(end)})"

    def with_unit(self, text: str, unit: str) -> str:
        if not unit or not text or text == "n/a":
            return text
        return f"{unit} {text}" if unit in PREFIX_UNITS else f"{text} {unit}"

    def result_text(self, kpi: Kpi, scored: KpiScore | None = None, *, unit: bool = True) -> str:
        """The result as the report prints it: "ร้อยละ ๖.๙๐", "ระดับ ๔.๓๘", "n/a"."""
        if isinstance(kpi, GroupKpi):
            return ""
        if isinstance(kpi, CompositeKpi):
            # A governance KPI's result is the level its criteria add up to (before any deduction).
            text = self.f.score(composite_score(kpi.criteria))
            return f"ระดับ {text}" if unit else text
        text = "n/a" if kpi.result is None else self.f.number(kpi.result)
        return self.with_unit(text, kpi.unit) if unit else text

    def target_text(self, kpi: LevelledKpi) -> str:
        target = kpi.levels[2]
        if target is None:
            return ""
        return self.with_unit(self.f.number(target), kpi.unit or ("ระดับ" if is_milestone(kpi) else ""))

    def weight(self, value: Decimal) -> Cell:
        return Cell(self.f.number(value), value=value, number_format="General", align=CENTER, role="weight")

    def score_cell(self, value: Decimal, **kwargs) -> Cell:
        kwargs.setdefault("role", "score")
        return self.f.score_cell(value, **kwargs)

    def weighted_cell(self, value: Decimal, **kwargs) -> Cell:
        kwargs.setdefault("role", "weighted")
        return self.score_cell(value, **kwargs)

    def kpi_title(self, kpi: Kpi) -> str:
        return f"{self.f.digits(kpi.code)} {kpi.name}"

    def area_title(self, area: AreaScore) -> str:
        return f"ด้านที่ {self.f.digits(area.area.code)} {area.area.name}"

    # The document ---------------------------------------------------------------------------------

    def document(self) -> Document:
        blocks: list[Block] = []
        blocks += self.title_block()
        blocks += self.opening()
        blocks.append(self.summary_table())
        blocks += self.closing()
        blocks.append(PageBreak(landscape=True))
        blocks += self.attachment()
        blocks.append(PageBreak())
        for area in self.score.areas:
            blocks += self.area_details(area)
        fund = self.card.fund
        return Document(
            title=f"รายงานผลการดำเนินงานทุนหมุนเวียน {fund} ปีบัญชี {self.year} ไตรมาส {self.f.integer(self.card.round)}",
            blocks=blocks,
            footer_lines=self.options.footer,
            running_footer=f"{fund} · ปีบัญชี {self.year} {self.period_label}",
            thai_digits=self.options.thai_digits,
        )

    def title_block(self) -> list[Block]:
        lines = [
            Paragraph("รายงานผลการดำเนินงานทุนหมุนเวียน", CENTER, bold=True, style="title"),
            Paragraph(f"ประจำปีบัญชี {self.year} ไตรมาส {self.f.integer(self.card.round)}", CENTER, bold=True),
            Paragraph(self.card.fund, CENTER, bold=True),
            Paragraph("ตามฟอร์มรายงานในระบบติดตามประเมินผลการดำเนินงานทุนหมุนเวียน", CENTER),
            Paragraph("Revolving fund evaluation system: RFES ของกรมบัญชีกลาง", CENTER),
        ]
        if self.options.consultant:
            lines.append(Paragraph(f"และที่ปรึกษา {self.options.consultant}", CENTER))
        if self.note:
            lines.append(Paragraph(self.note, CENTER, bold=True, style="note"))
        return lines

    def area_list(self) -> str:
        names = []
        for area in self.card.areas:
            name = area.name if area.name.startswith("ด้าน") else f"ด้าน{area.name}"
            names.append(f"{self.f.digits(area.code)}. {name}")
        if len(names) > 1:
            names[-1] = "และ " + names[-1]
        return " ".join(names)

    def top_level_count(self) -> int:
        return sum(len(area.kpis) for area in self.card.areas)

    def opening(self) -> list[Block]:
        text = (
            f"สรุปผลการดำเนินงานของ{self.card.fund} ประจำปีบัญชี {self.year} "
            f"ประกอบด้วยเกณฑ์การดำเนินงาน จำนวน {self.f.integer(len(self.card.areas))} ด้าน คือ {self.area_list()} "
            f"มีตัวชี้วัดรวมทั้งสิ้นจำนวน {self.f.integer(self.top_level_count())} ตัวชี้วัด "
            f"มีผลการดำเนินงานตามเกณฑ์การประเมินผลการดำเนินงานทุนหมุนเวียนประจำปีบัญชี {self.year} "
            f"({self.period_label}) ตั้งแต่วันที่ {self.f.full_date(self.period_start)} – {self.f.full_date(self.period_end)} "
            f"มีผลการประเมินตนเองได้ค่าคะแนน {self.f.score(self.score.total)} "
            "ตามรายละเอียดโดยสรุปของแต่ละด้าน ดังนี้"
        )
        return [Paragraph(text, style="indent")]

    def summary_table(self) -> Table:
        header = [[
            Cell("ตัวชี้วัด", bold=True, align=CENTER),
            Cell("น้ำหนัก", bold=True, align=CENTER),
            Cell(f"ผลการดำเนินงาน ({self.period_label})", bold=True, align=CENTER),
            Cell("คะแนนที่ได้ (เต็ม ๕ คะแนน)" if self.options.thai_digits else "คะแนนที่ได้ (เต็ม 5 คะแนน)",
                 bold=True, align=CENTER),
            Cell("คะแนนถ่วงน้ำหนัก", bold=True, align=CENTER),
        ]]
        rows: list[list[Cell]] = []
        for area in self.score.areas:
            rows.append([
                Cell(self.area_title(area), bold=True, role="area"),
                self.weight(area.area.weight),
                blank(),
                self.score_cell(area.score, bold=True, role="area_score"),
                self.weighted_cell(area.weighted, bold=True, role="area_weighted"),
            ])
            for scored, depth in self.walk(area.kpis):
                kpi = scored.kpi
                if isinstance(kpi, GroupKpi):
                    rows.append([Cell(f"ตัวชี้วัดที่ {self.kpi_title(kpi)}", indent=depth), self.weight(kpi.weight),
                                 blank(), blank(), blank()])
                    continue
                rows.append([
                    Cell(f"ตัวชี้วัดที่ {self.kpi_title(kpi)}", indent=depth, role="kpi"),
                    self.weight(kpi.weight),
                    Cell(self.result_text(kpi), align=CENTER, role="result"),
                    self.score_cell(scored.score),
                    self.weighted_cell(scored.weighted),
                ])
        rows += self.total_rows(columns=5)
        return Table("summary", "สรุป", header, rows, widths=[52, 9, 17, 11, 11], caption="")

    def total_rows(self, columns: int) -> list[list[Cell]]:
        """The penalty (when any) and the total, spanning the table's first columns."""
        rows = []
        lead = columns - 2
        if self.score.penalty:
            days = self.card.late_days
            rows.append([
                Cell(f"หักคะแนนส่งล่าช้า {self.f.integer(days)} วัน", colspan=lead),
                blank(),
                self.weighted_cell(-self.score.penalty, role="penalty"),
            ])
        rows.append([
            Cell(
                f"สรุปผลการดำเนินงานของกองทุนประจำปีบัญชี {self.year} รวม {self.f.integer(len(self.card.areas))} ด้าน "
                f"(ร้อยละ {self.f.percent(self.score.percent)})",
                bold=True, colspan=lead,
            ),
            Cell("คะแนนรวม", bold=True, align=CENTER),
            self.weighted_cell(self.score.total, bold=True, role="total"),
        ])
        return rows

    def closing(self) -> list[Block]:
        text = (
            f"จากข้อมูลข้างต้น{self.card.fund} มีจำนวน {self.f.integer(self.top_level_count())} ตัวชี้วัด "
            f"มีผลการประเมินตนเองได้ค่าคะแนน ({self.period_label}) {self.f.score(self.score.total)} "
            f"คิดเป็นร้อยละ {self.f.percent(self.score.percent)}"
        )
        change = self.score.change_percent
        previous = self.card.previous_total
        if change is not None and previous is not None:
            if self.card.round > 1:
                previous_round = self.f.integer(self.card.round - 1)
            else:  # round 1 follows the last round of the fiscal year before
                previous_round = f"{self.f.integer(4)} ปีบัญชี {self.f.year(self.card.fiscal_year - 1)}"
            shown = self.f.percent_value(change)  # the verb follows the percentage as printed
            if shown > 0:
                verb = "เพิ่มขึ้นจาก"
            elif shown < 0:
                verb = "ลดลงจาก"
            else:  # equal, or a change too small to show in the percentage's two places
                verb = "เท่ากับ" if change == 0 else "ใกล้เคียงกับ"
            text += (
                f" ซึ่งผลการดำเนินงานไตรมาส {self.f.integer(self.card.round)} {verb}รอบไตรมาส {previous_round} "
                f"({self.f.score(previous)})"
            )
            if shown:
                text += f" คิดเป็นร้อยละ {self.f.percent(abs(change))}"
        if self.score.penalty:
            text += (
                f" ทั้งนี้ได้หักคะแนนการส่งล่าช้า {self.f.integer(self.card.late_days)} วัน "
                f"จำนวน {self.f.score(self.score.penalty)} คะแนนแล้ว"
            )
        return [Paragraph(text, style="indent")]

    # Attachment 1 ---------------------------------------------------------------------------------

    def walk(self, kpis: tuple[KpiScore, ...], depth: int = 0) -> Iterator[tuple[KpiScore, int]]:
        for scored in kpis:
            yield scored, depth
            yield from self.walk(scored.children, depth + 1)

    def strip(self, score: Decimal) -> Cell:
        band = score_band(score)
        return Cell(self.f.integer(band), fill=self.f.band_colour(band), align=CENTER, role="band")

    def attachment(self) -> list[Block]:
        levels_heading = f"ค่าเกณฑ์วัดปีบัญชี {self.year}"
        header = [
            [Cell("เกณฑ์วัดการดำเนินงาน", bold=True, align=CENTER), Cell("หน่วยวัด", bold=True, align=CENTER),
             Cell("น้ำหนัก (ร้อยละ)", bold=True, align=CENTER), Cell(levels_heading, bold=True, align=CENTER, colspan=5),
             Cell("ผลการดำเนินงาน", bold=True, align=CENTER, colspan=4)],
            [blank(), blank(), blank()]
            + [Cell(self.f.integer(n), bold=True, align=CENTER) for n in range(1, 6)]
            + [Cell(f"{self.f.month(self.period_start)} – {self.f.month(self.period_end)}", bold=True, align=CENTER),
               Cell("คะแนนที่ได้", bold=True, align=CENTER), Cell("คะแนนถ่วงน้ำหนัก", bold=True, align=CENTER),
               Cell("แถบสีแสดงสถานะ", bold=True, align=CENTER)],
        ]
        rows: list[list[Cell]] = []
        for area in self.score.areas:
            rows.append(
                [Cell(f"{self.f.digits(area.area.code)}. {area.area.name}", bold=True, role="area"), blank(),
                 self.weight(area.area.weight)]
                + [blank() for _ in range(6)]
                + [self.score_cell(area.score, bold=True, role="area_score"),
                   self.weighted_cell(area.weighted, bold=True, role="area_weighted"), self.strip(area.score)]
            )
            for scored, depth in self.walk(area.kpis):
                rows.append(self.attachment_row(scored, depth))
        rows.append(
            [Cell("น้ำหนักรวม", bold=True), blank(), self.weight(HUNDRED)]
            + [blank() for _ in range(5)]
            + [Cell("คะแนนรวม", bold=True, align=CENTER, colspan=2),
               self.weighted_cell(self.score.total, bold=True, role="total"), self.strip(self.score.total)]
        )
        if self.score.penalty:
            # Say where the total differs from the sum of the rows, so nobody "corrects" it.
            rows.insert(-1, [Cell(f"หักคะแนนส่งล่าช้า {self.f.integer(self.card.late_days)} วัน", colspan=10),
                             self.weighted_cell(-self.score.penalty, role="penalty"), blank()])
        table = Table("attachment", "เอกสารแนบ ๑" if self.options.thai_digits else "เอกสารแนบ 1", header, rows,
                      widths=[30, 7, 6, 6, 6, 6, 6, 6, 8, 6.5, 6.5, 6], font_size="small")
        return [
            Heading("เอกสารแนบ ๑" if self.options.thai_digits else "เอกสารแนบ 1", 1),
            Paragraph(f"ผลการดำเนินงานตามเกณฑ์การประเมินผลการดำเนินงาน ประจำปีบัญชี {self.year} ({self.period_label})",
                      CENTER, bold=True),
            table,
            self.legend(),
            self.kpi_chart(),
            self.area_chart(),
        ]

    def attachment_row(self, scored: KpiScore, depth: int) -> list[Cell]:
        kpi = scored.kpi
        name = Cell(self.kpi_title(kpi), indent=depth, role="kpi")
        if isinstance(kpi, GroupKpi):
            return [name, Cell(kpi.unit, align=CENTER), self.weight(kpi.weight)] + [blank() for _ in range(9)]
        if isinstance(kpi, LevelledKpi):
            levels = [Cell(self.f.number(v) if v is not None else "-", value=v, align=CENTER) for v in kpi.levels]
        else:  # a composite KPI is assessed on levels 1–5 of its criteria
            levels = [Cell(self.f.integer(n), value=Decimal(n), align=CENTER) for n in range(1, 6)]
        return (
            [name, Cell(kpi.unit or ("ระดับ" if isinstance(kpi, CompositeKpi) else ""), align=CENTER),
             self.weight(kpi.weight)]
            + levels
            + [Cell(self.result_text(kpi, unit=False), value=self.result_value(kpi), align=CENTER, role="result"),
               self.score_cell(scored.score), self.weighted_cell(scored.weighted), self.strip(scored.score)]
        )

    def result_value(self, kpi: Kpi) -> Decimal | None:
        if isinstance(kpi, LevelledKpi):
            return kpi.result
        if isinstance(kpi, CompositeKpi):
            return self.f.score_value(composite_score(kpi.criteria))
        return None

    def legend(self) -> Table:
        cells = [
            Cell(f"{self.f.integer(n)} {BAND_LABELS[n - 1]}", fill=self.f.band_colour(n), align=CENTER, role="legend")
            for n in range(1, 6)
        ]
        header = [[Cell("แถบสีแสดงสถานะ: ช่วงคะแนนที่ได้", bold=True, colspan=5, align=CENTER)]]
        return Table("legend", "เอกสารแนบ ๑" if self.options.thai_digits else "เอกสารแนบ 1", header, [cells],
                     widths=[20, 20, 20, 20, 20],
                     caption="สีของแต่ละช่วงคะแนน: คะแนน ๑.๐๐๐๐–๑.๙๙๙๙ อยู่ในช่วง ๑ และคะแนน ๕ อยู่ในช่วง ๕"
                     if self.options.thai_digits else
                     "สีของแต่ละช่วงคะแนน: คะแนน 1.0000–1.9999 อยู่ในช่วง 1 และคะแนน 5 อยู่ในช่วง 5")

    def axis(self) -> tuple[str, ...]:
        return tuple(self.f.integer(n) for n in range(0, 6))

    def kpi_chart(self) -> Chart:
        bars = []
        for area in self.score.areas:
            for scored in area.kpis:  # the top-level KPIs; a group shows the weighted mean of its sub-KPIs
                band = score_band(scored.score)
                bars.append(Bar(self.f.digits(scored.code), self.f.score_value(scored.score),
                                self.f.score(scored.score), self.f.band_colour(band)))
        return Chart("kpi-chart", f"แสดงสรุปค่าคะแนนของตัวชี้วัด {self.f.integer(len(bars))} ตัวชี้วัด", tuple(bars),
                     axis_labels=self.axis(), y_title="คะแนน", sheet="กราฟ")

    def area_chart(self) -> Chart:
        bars = tuple(
            Bar(self.f.digits(a.area.code), self.f.score_value(a.score), self.f.score(a.score),
                self.f.band_colour(score_band(a.score)))
            for a in self.score.areas
        )
        return Chart("area-chart", f"แสดงสรุปค่าคะแนน {self.f.integer(len(bars))} ด้านของตัวชี้วัด", bars,
                     axis_labels=self.axis(), y_title="คะแนน", sheet="กราฟ")

    # Detail blocks --------------------------------------------------------------------------------

    def area_details(self, area: AreaScore) -> list[Block]:
        blocks: list[Block] = [
            Heading(f"{self.area_title(area)} (น้ำหนักร้อยละ {self.f.number(area.area.weight)})", 2)
        ]
        for scored in area.kpis:
            blocks += self.kpi_details(scored, top=True)
        return blocks

    def kpi_details(self, scored: KpiScore, top: bool) -> list[Block]:
        kpi = scored.kpi
        blocks: list[Block] = [
            Heading(f"ตัวชี้วัดที่ {self.kpi_title(kpi)} (น้ำหนักร้อยละ {self.f.number(kpi.weight)})", 3 if top else 4)
        ]
        details = kpi.details
        if details.definition:
            blocks.append(Paragraph(f"คำนิยาม: {details.definition}"))
        if details.formula:
            blocks.append(Paragraph(f"สูตรการคำนวณ: {details.formula}"))
        if details.history:
            blocks.append(self.history_table(kpi))
        if isinstance(kpi, GroupKpi):
            blocks += self.group_details(scored)
        else:
            blocks.append(self.rounds_table(kpi))
            blocks.append(self.score_line(scored))
            if isinstance(kpi, LevelledKpi) and kpi.details.inputs is not None:
                blocks.append(self.inputs_table(kpi))
            if is_milestone(kpi):
                blocks.append(self.milestone_table(kpi, scored))
            if isinstance(kpi, CompositeKpi):
                blocks += self.criteria_blocks(kpi, scored)
        blocks += self.narrative_blocks(kpi)
        return blocks

    def score_line(self, scored: KpiScore) -> Paragraph:
        """The summary sentence: result, target, score; then the weighted score, as in the summary table."""
        kpi = scored.kpi
        text = f"สรุปผลการดำเนินงาน{self.period_label} เท่ากับ {self.result_text(kpi) or '-'}"
        if isinstance(kpi, LevelledKpi) and self.target_text(kpi):
            text += f" เทียบกับเป้าหมาย ({self.target_text(kpi)})"
        elif isinstance(kpi, CompositeKpi):  # a governance KPI aims at the top level (rfes-report.md §1.6)
            text += f" เทียบกับเป้าหมาย (ระดับ {self.f.integer(5)})"
        text += f" สามารถดำเนินงานได้ในระดับที่ {self.f.score(scored.score)} คะแนน"
        if scored.raw_score != scored.score:
            text += f" (ก่อนปรับลดคะแนน {self.f.score(scored.raw_score)})"
        text += f" คิดเป็นคะแนนถ่วงน้ำหนัก {self.f.score(scored.weighted)}"
        return Paragraph(text, style="indent")

    def history_table(self, kpi: Kpi) -> Table:
        history = kpi.details.history
        header = [[Cell("ปี", bold=True, align=CENTER)]
                  + [Cell(self.f.year(p.year) + ("*" if p.preliminary else ""), bold=True, align=CENTER)
                     for p in history]]
        unit = kpi.unit or ("ระดับ" if isinstance(kpi, CompositeKpi) else "")
        values = [
            Cell((self.f.number(p.value) if p.value is not None else (p.text or "-")) + ("*" if p.preliminary else ""),
                 value=p.value, align=CENTER)
            for p in history
        ]
        rows = [[Cell(f"ผล ({unit})" if unit else "ผล")] + values]
        caption = "* หมายเหตุ ผลเบื้องต้น" if any(p.preliminary for p in history) else ""
        return Table(f"kpi-{kpi.code}-history", f"ตัวชี้วัด {kpi.code}", header, rows,
                     widths=[22] + [78 / max(1, len(history))] * len(history), caption=caption,
                     kpi_code=kpi.code, keep_with_next=True)

    def rounds_table(self, kpi: Kpi) -> Table:
        """Levels 1–5 and the results and scores of rounds 1–4 (rounds not reached yet stay blank)."""
        header = [
            [Cell("ตัวชี้วัด", bold=True, align=CENTER), Cell("หน่วยวัด", bold=True, align=CENTER),
             Cell("ค่าเกณฑ์วัด", bold=True, align=CENTER, colspan=5),
             Cell(f"ผลการดำเนินงาน ปี {self.year}", bold=True, align=CENTER, colspan=4)],
            [blank(), blank()] + [Cell(self.f.integer(n), bold=True, align=CENTER) for n in range(1, 6)]
            + [Cell(self.round_heading(n), bold=True, align=CENTER) for n in range(1, 5)],
        ]
        if isinstance(kpi, LevelledKpi):
            levels = [Cell(self.f.number(v) if v is not None else "-", value=v, align=CENTER) for v in kpi.levels]
        else:
            levels = [Cell(self.f.integer(n), value=Decimal(n), align=CENTER) for n in range(1, 6)]
        results, scores = [], []
        for number in range(1, 5):
            card = self.scores.of_round(number)
            other = None if card is None else _find(card, kpi.code)
            if other is None:
                results.append(blank())
                scores.append(blank())
                continue
            results.append(Cell(self.result_text(other.kpi, unit=False), value=self.result_value(other.kpi),
                                align=CENTER))
            role = "score" if number == self.card.round else ""
            scores.append(self.score_cell(other.score, role=role, align=CENTER))
        unit = kpi.unit or ("ระดับ" if isinstance(kpi, CompositeKpi) else "")
        rows = [
            [Cell(self.kpi_title(kpi)), Cell(unit, align=CENTER)] + levels + results,
            [Cell("คะแนน", bold=True), blank()] + [blank() for _ in range(5)] + scores,
        ]
        return Table(f"kpi-{kpi.code}-rounds", f"ตัวชี้วัด {kpi.code}", header, rows,
                     # round columns wide enough for "4.3800" on one line in every format
                     widths=[22, 7, 6.5, 6.5, 6.5, 6.5, 6.5, 9.5, 9.5, 9.5, 9.5], font_size="small", kpi_code=kpi.code)

    def inputs_table(self, kpi: LevelledKpi) -> Table:
        inputs = kpi.details.inputs
        assert inputs is not None
        header = [[Cell("รายการ", bold=True, align=CENTER), Cell("จำนวน", bold=True, align=CENTER)]]
        rows = [
            [Cell(inputs.numerator_label or "ตัวตั้ง"), Cell(self.f.number(inputs.numerator), value=inputs.numerator,
                                                            align=RIGHT)],
            [Cell(inputs.denominator_label or "ตัวหาร"),
             Cell(self.f.number(inputs.denominator), value=inputs.denominator, align=RIGHT)],
            [Cell(f"ผลการดำเนินงาน ({kpi.unit})" if kpi.unit else "ผลการดำเนินงาน", bold=True),
             Cell(self.result_text(kpi, unit=False), value=kpi.result, align=RIGHT, bold=True)],
        ]
        return Table(f"kpi-{kpi.code}-inputs", f"ตัวชี้วัด {kpi.code}", header, rows, widths=[70, 30],
                     kpi_code=kpi.code)

    def milestone_table(self, kpi: LevelledKpi, scored: KpiScore) -> Table:
        reached = score_band(scored.raw_score)
        header = [[Cell("เกณฑ์ประเมิน", bold=True, align=CENTER), Cell("ผลการดำเนินงาน", bold=True, align=CENTER)]]
        rows = []
        for n, text in enumerate(kpi.details.level_texts, start=1):
            mark = self.result_text(kpi, unit=False) if n == reached and kpi.result is not None else ""
            rows.append([Cell(f"ระดับ {self.f.integer(n)} : {text.strip() or '-'}"), Cell(mark, align=CENTER)])
        return Table(f"kpi-{kpi.code}-milestones", f"ตัวชี้วัด {kpi.code}", header, rows, widths=[80, 20],
                     kpi_code=kpi.code)

    def criteria_blocks(self, kpi: CompositeKpi, scored: KpiScore) -> list[Block]:
        """Each criterion: its weight, the text of levels 1–5, the level reached; how it was reached
        on a full-width row beneath it (the texts run to paragraphs: a sixth narrow column would
        stretch every row over pages)."""
        header = [
            [Cell("ประเด็นพิจารณา", bold=True, align=CENTER), Cell("น้ำหนัก (%)", bold=True, align=CENTER),
             Cell("ระดับคะแนน", bold=True, align=CENTER, colspan=5),
             Cell("ผลการดำเนินงาน", bold=True, align=CENTER)],
            [blank(), blank()] + [Cell(self.f.integer(n), bold=True, align=CENTER) for n in range(1, 6)] + [blank()],
        ]
        rows = []
        for n, criterion in enumerate(kpi.criteria, start=1):
            texts = list(criterion.level_texts) + [""] * (5 - len(criterion.level_texts))
            level = criterion.level
            rows.append(
                [Cell(f"{self.f.integer(n)}. {criterion.name}"), self.weight(criterion.weight)]
                + [Cell(t.strip() if t.strip() else "-", align=CENTER if not t.strip() else "left") for t in texts]
                + [Cell(self.f.number(level) if level is not None else "n/a", value=level, align=CENTER,
                        role="criterion_level")]
            )
            if criterion.explanation.strip():
                rows.append([Cell(f"รายละเอียด/คำอธิบายผลการดำเนินงาน: {criterion.explanation}", colspan=8,
                                  role="explanation")])
        raw = composite_score(kpi.criteria)
        rows.append([Cell("รวม", bold=True), self.weight(HUNDRED)] + [blank() for _ in range(5)]
                    + [self.score_cell(raw, bold=True, role="criteria_sum", align=CENTER)])
        unassessed = any(c.level is None for c in kpi.criteria)
        return [
            Heading("สรุปรายละเอียดตามเกณฑ์การประเมิน", 4),
            Table(f"kpi-{kpi.code}-criteria", f"ตัวชี้วัด {kpi.code}", header, rows,
                  widths=[19, 7, 13, 13, 13, 13, 13, 9], font_size="small", kpi_code=kpi.code,
                  caption=f"n/a: ยังไม่ได้ประเมิน นับเป็นระดับ {self.f.integer(1)} ในผลรวม" if unassessed else ""),
        ]

    def group_details(self, scored: KpiScore) -> list[Block]:
        kpi = scored.kpi
        header = [[Cell("ตัวชี้วัดย่อย", bold=True, align=CENTER), Cell("น้ำหนัก", bold=True, align=CENTER),
                   Cell("สัดส่วนในตัวชี้วัด (%)", bold=True, align=CENTER),
                   Cell("ผลการดำเนินงาน", bold=True, align=CENTER), Cell("คะแนนที่ได้", bold=True, align=CENTER),
                   Cell("คะแนนถ่วงน้ำหนัก", bold=True, align=CENTER)]]
        rows = []
        for child in scored.children:
            # The child's share of the group, to 2 places like every percentage (a third is 33.33, not 28 digits).
            share = self.f.percent_value(child.kpi.weight * HUNDRED / kpi.weight)
            rows.append([Cell(self.kpi_title(child.kpi), role="kpi"), self.weight(child.kpi.weight),
                         Cell(self.f.number(share.normalize()), value=share, align=CENTER),
                         Cell(self.result_text(child.kpi), align=CENTER, role="result"),
                         self.score_cell(child.score), self.weighted_cell(child.weighted)])
        rows.append([Cell("รวม", bold=True), self.weight(kpi.weight), Cell(self.f.integer(100), align=CENTER),
                     blank(), self.score_cell(scored.score, bold=True, role="group_score"),
                     self.weighted_cell(scored.weighted, bold=True, role="group_weighted")])
        blocks: list[Block] = [
            Table(f"kpi-{kpi.code}-parts", f"ตัวชี้วัด {kpi.code}", header, rows, widths=[44, 9, 11, 14, 11, 11],
                  kpi_code=kpi.code),
        ]
        spending = [c for c in scored.children if isinstance(c.kpi, LevelledKpi) and c.kpi.details.inputs]
        if spending:
            blocks.append(self.plan_actual_table(kpi, spending))
        for child in scored.children:
            blocks += self.kpi_details(child, top=False)
        return blocks

    def plan_actual_table(self, kpi: GroupKpi, children: list[KpiScore]) -> Table:
        header = [[Cell("รายการ", bold=True, align=CENTER), Cell("แผน", bold=True, align=CENTER),
                   Cell("ผล", bold=True, align=CENTER), Cell("ร้อยละ", bold=True, align=CENTER)]]
        rows = []
        for n, child in enumerate(children, start=1):
            leaf = child.kpi
            assert isinstance(leaf, LevelledKpi) and leaf.details.inputs is not None
            inputs = leaf.details.inputs
            rows.append([Cell(f"({self.f.integer(n)}) {leaf.name}"),
                         Cell(self.f.number(inputs.denominator), value=inputs.denominator, align=RIGHT),
                         Cell(self.f.number(inputs.numerator), value=inputs.numerator, align=RIGHT),
                         Cell(self.result_text(leaf, unit=False), value=leaf.result, align=RIGHT)])
        return Table(f"kpi-{kpi.code}-plan", f"ตัวชี้วัด {kpi.code}", header, rows, widths=[46, 18, 18, 18],
                     # Not only spending has a plan and an actual (3.1: loans approved, farmers helped).
                     caption="ตารางสรุปแผนและผลของตัวชี้วัดย่อย (แผน = ตัวหาร, ผล = ตัวตั้ง ของสูตรการคำนวณ)",
                     kpi_code=kpi.code)

    def narrative_blocks(self, kpi: Kpi) -> list[Block]:
        narrative = kpi.details.narrative
        evidence = kpi.details.evidence
        if isinstance(kpi, GroupKpi) and not (any((narrative.reasons, narrative.factors, narrative.obstacles,
                                                   narrative.plan)) or evidence):
            return []  # a group's narrative lives with its sub-KPIs unless it has its own
        d = self.f.digits
        blocks: list[Block] = [Heading("รายละเอียด/คำอธิบายผลการดำเนินงาน", 4)]

        def section(title: str, text: str) -> None:
            blocks.append(Paragraph(title, bold=True))
            lines = [line for line in text.splitlines() if line.strip()] or ["-"]
            blocks.extend(Paragraph(line, style="indent") for line in lines)

        section(d("1. คำอธิบายเหตุผลที่ทำให้กองทุนมีผลการดำเนินงานดีหรือด้อยกว่าเป้าหมาย"), narrative.reasons)
        blocks.append(Paragraph(d("2. ปัจจัยหรือเหตุการณ์สำคัญทั้งภายนอกและภายในต่อผลการดำเนินงานของตัวชี้วัด"), bold=True))
        section(d("2.1 ปัจจัยที่สนับสนุน"), narrative.factors)
        section(d("2.2 ปัจจัยที่เป็นปัญหา/อุปสรรค (ระบุเฉพาะประเด็นสำคัญ และการแก้ไข ถ้ามี)"), narrative.obstacles)
        section(d("3. ผลงานที่เกิดขึ้นจริงเมื่อเทียบกับแผนงานหรือเป้าหมายที่กำหนด"), narrative.plan)
        blocks.append(Paragraph(d("4. เอกสารแนบประกอบ"), bold=True))
        if evidence:
            blocks.extend(Paragraph(f"{d(str(n))}) {name}", style="indent") for n, name in enumerate(evidence, 1))
        else:
            blocks.append(Paragraph("-", style="indent"))
        return blocks


def _find(card: CardScore, code: str) -> KpiScore | None:
    try:
        return card.kpi(code)
    except KeyError:
        return None


def build(scores: RoundScores, options: Options | None = None, note: str = "") -> Document:
    return RoundReport(scores, options, note).document()
