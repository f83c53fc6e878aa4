"""For any valid card, every place of the round report that prints a KPI's score or weighted score
prints the same text, and that text is the scoring core's ``score_text`` (hypothesis).

The places: the summary table, attachment 1, and the KPI's detail block (the results table's
score of the report's round, the group table of its parent, the summary sentence). Layout only:
no PDF is rendered here.
"""

from __future__ import annotations

import re
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen import scoring
from pramoen.reports.formats import Options
from pramoen.reports.layout import Document, Heading, Paragraph, Table
from pramoen.reports.round_report import RoundScores, build
from pramoen.scoring.numbers import score_text, thai_digits
from pramoen.scoring.tests.test_properties import cards

SENTENCE = re.compile(r"สามารถดำเนินงานได้ในระดับที่ (\S+) คะแนน.* คิดเป็นคะแนนถ่วงน้ำหนัก (\S+)$")


def places(document: Document, codes: list[str], digits) -> dict[str, list[tuple[str, str, str]]]:
    """code → [(where, score text, weighted text)] for every place the layout prints them."""
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    # Longest code first, so that "1.1.1" is not taken for "1.1".
    ordered = sorted(codes, key=len, reverse=True)

    def code_of(text: str, prefix: str = "") -> str | None:
        return next((c for c in ordered if text.startswith(f"{prefix}{digits(c)} ")), None)

    def scored_rows(table: Table, prefix: str, where: str, score_role: str = "score") -> None:
        for row in table.rows:
            if not row or row[0].role != "kpi":
                continue
            code = code_of(row[0].text, prefix)
            assert code is not None, row[0].text
            roles = {cell.role: cell.text for cell in row}
            if score_role in roles or "weighted" in roles:
                found[code].append((where, roles.get(score_role, ""), roles.get("weighted", "")))

    scored_rows(document.table("summary"), "ตัวชี้วัดที่ ", "summary")
    scored_rows(document.table("attachment"), "", "attachment")
    current = None
    for block in document.blocks:
        if isinstance(block, Heading):
            current = code_of(block.text, "ตัวชี้วัดที่ ") or current
        elif isinstance(block, Table) and block.key.endswith("-parts"):
            scored_rows(block, "", f"parts of {block.kpi_code}")
        elif isinstance(block, Table) and block.key.endswith("-rounds"):
            scores = [cell.text for row in block.rows for cell in row if cell.role == "score"]
            assert len(scores) == 1, block.key
            found[block.kpi_code].append(("rounds table", scores[0], ""))
        elif isinstance(block, Paragraph) and "คิดเป็นคะแนนถ่วงน้ำหนัก" in block.text:
            match = SENTENCE.search(block.text)
            assert match and current is not None, block.text
            found[current].append(("detail sentence", match.group(1), match.group(2)))
    return found


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cards(), st.booleans(), st.booleans())
def test_every_place_prints_the_cores_score_and_weighted_score(data, thai, buddhist_era):
    result = scoring.score_card(scoring.read(data))
    document = build(RoundScores(result, {}), Options(thai_digits=thai, buddhist_era=buddhist_era))
    digits = thai_digits if thai else (lambda text: text)
    every = list(result.kpis())
    found = places(document, [k.code for k in every], digits)

    for kpi in every:
        expected_score, expected_weighted = digits(score_text(kpi.score)), digits(score_text(kpi.weighted))
        seen = found.get(kpi.code, [])
        for where, score, weighted in seen:
            if score:
                assert score == expected_score, (kpi.code, where, score, expected_score)
            if weighted:
                assert weighted == expected_weighted, (kpi.code, where, weighted, expected_weighted)
        if not kpi.children:  # a scored leaf is printed in all three parts of the report
            wheres = {where for where, _, _ in seen}
            assert {"summary", "attachment", "detail sentence", "rounds table"} <= wheres, (kpi.code, wheres)
            assert sum(1 for w, _, _ in seen if w in ("summary", "attachment")) == 2, (kpi.code, seen)

    total = digits(score_text(result.total))
    totals = [cell.text for name in ("summary", "attachment") for row in document.table(name).rows
              for cell in row if cell.role == "total"]
    assert totals == [total, total]
    assert any(isinstance(b, Paragraph) and b.text.startswith("จากข้อมูลข้างต้น") and f" {total} " in b.text
               for b in document.blocks)
