"""Journey 2: fund staff report a round with a narrative and evidence; it is returned, fixed, approved.

Every step is taken in the browser by the user whose role takes it; each logs in
through the login page. The fund's other results are entered beforehand with the
test factories, so the journey is about one levelled and one governance KPI.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from pramoen.access.models import Role
from pramoen.agreements.models import Kpi
from pramoen.rounds.models import Evidence, Result, Round, RoundStatus
from pramoen.testing import factories as f

from .conftest import TABLET

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tiny_pdf(text: str = "Pramoen evidence") -> bytes:
    """A minimal, valid one-page PDF (header, four objects, cross-reference table, trailer)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def take_step(page: Any, name: str, comment: str = "") -> None:
    form = page.locator(f"form.step-form[action$='/steps/{name}/']")
    if comment:
        form.locator("textarea").fill(comment)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def open_editor(page: Any, kpi: Kpi) -> Any:
    """Press Edit on a KPI's row: the result form opens in place (HTMX)."""
    row = page.locator(f"#kpi-{kpi.pk}")
    row.locator("a.button-link").click()
    expect(row.locator("form.result-form")).to_be_visible()
    return row


def save_result(row: Any) -> None:
    row.locator("form.result-form button[type=submit]").click()
    expect(row.locator("form.result-form")).to_have_count(0)


def test_a_round_is_reported_returned_fixed_and_approved(page: Any, log_in: Any, shot: Any, th: Any) -> None:
    fund = f.make_fund(owner_agency=f.make_agency())
    staff = f.make_user(Role.FUND_STAFF, fund=fund, first_name="สมศรี", last_name="ใจดี")
    consultant = f.make_user(Role.CONSULTANT, fund=fund, first_name="อรวรรณ", last_name="ปรึกษากิจ")
    cgd = f.make_user(Role.CGD_OFFICER, first_name="กิตติ", last_name="บัญชีกลาง")
    agreement = f.agreement_in_force(fund, 2570)
    round_ = Round.objects.get(agreement=agreement, number=1)
    f.enter_results(round_)
    Result.objects.filter(round=round_, kpi__code__in=["1.1", "4.1"]).delete()
    levelled = Kpi.objects.get(agreement=agreement, code="1.1")
    governance = Kpi.objects.get(agreement=agreement, code="4.1")
    first, second = governance.criteria.order_by("order")
    url = reverse("rounds:detail", args=[round_.pk])
    status = page.locator("h1 .round-status")
    comment = "ผลตัวชี้วัด 1.1 ไม่ตรงกับหนังสือรับรองที่แนบ กรุณาแก้เป็นร้อยละ ๗๘"

    # Fund staff enter the result of 1.1 with its narrative and a PDF, and the criteria of 4.1.
    log_in(page, staff)
    page.goto(url)
    expect(status).to_have_text(th(RoundStatus.DRAFT.label))
    row = open_editor(page, levelled)
    row.locator(f"[name=kpi{levelled.pk}-value]").fill("๗๕")  # Thai digits are accepted
    row.locator(f"[name=kpi{levelled.pk}-narrative_reasons]").fill("ต่ำกว่าเป้าหมายเพราะลูกหนี้รายใหญ่ชำระล่าช้า")
    row.locator(f"[name=kpi{levelled.pk}-narrative_factors]").fill("ติดตามหนี้ร่วมกับ ธ.ก.ส. ทุกเดือน")
    row.locator(f"[name=kpi{levelled.pk}-narrative_obstacles]").fill("น้ำท่วมในพื้นที่ภาคเหนือ จึงขยายเวลาชำระ")
    row.locator(f"[name=kpi{levelled.pk}-narrative_plan]").fill("ร้อยละ ๙๓ ของแผนไตรมาสที่ ๑")
    evidence = row.locator(f"#evidence-{levelled.pk}")
    evidence.locator("input[type=file]").set_input_files(
        {"name": "หนังสือรับรองผล.pdf", "mimeType": "application/pdf", "buffer": tiny_pdf()}
    )
    evidence.locator("input[type=text]").fill("หนังสือรับรองผลการชำระหนี้")
    evidence.locator("form.evidence-form button[type=submit]").click()
    expect(row.locator(f"#evidence-{levelled.pk} .evidence-list")).to_contain_text("หนังสือรับรองผล.pdf")
    shot(page, "1-result-with-evidence")
    save_result(row)
    expect(row.locator("td.result")).to_contain_text("75")
    expect(row.locator(".kpi-score")).to_have_text("2.5000")
    expect(row.locator(".evidence-links")).to_contain_text("หนังสือรับรองผล.pdf")

    row = open_editor(page, governance)
    row.locator(f"[name=kpi{governance.pk}-criterion_{first.pk}]").fill("4")
    row.locator(f"[name=kpi{governance.pk}-criterion_{second.pk}]").fill("3")
    save_result(row)
    expect(row.locator(".kpi-score")).to_have_text("3.6000")  # 4 × 60 % + 3 × 40 %

    take_step(page, "submit")
    expect(status).to_have_text(th(RoundStatus.SUBMITTED.label))
    shot(page, "2-submitted")

    # The consultant returns it with a comment.
    log_in(page, consultant)
    page.goto(url)
    take_step(page, "return", comment)
    expect(status).to_have_text(th(RoundStatus.RETURNED.label))

    # Fund staff read the comment, fix the result and submit again.
    log_in(page, staff)
    page.goto(url)
    # The reviewer's comment heads the page, where the fund starts fixing the round.
    expect(page.locator(".returned-notice .timeline-comment")).to_contain_text(comment)
    shot(page, "3-returned-with-comment")
    row = open_editor(page, levelled)
    row.locator(f"[name=kpi{levelled.pk}-value]").fill("78")
    save_result(row)
    expect(row.locator(".kpi-score")).to_have_text("2.8000")
    take_step(page, "submit", "แก้ไขผลตัวชี้วัด 1.1 ตามความเห็นแล้ว")
    expect(status).to_have_text(th(RoundStatus.SUBMITTED.label))

    # CGD approves: the round is locked.
    log_in(page, cgd)
    page.goto(url)
    take_step(page, "approve")
    expect(status).to_have_text(th(RoundStatus.APPROVED.label))

    log_in(page, staff)
    page.goto(url)
    expect(status).to_have_text(th(RoundStatus.APPROVED.label))
    expect(page.locator("a.button-link")).to_have_count(0)  # no Edit on any KPI
    expect(page.locator(".round-steps")).to_contain_text(th("There is no step for you to take on this round now."))
    expect(page.locator(".timeline")).to_contain_text(comment)
    shot(page, "4-approved-and-locked", full_page=True)
    page.set_viewport_size(TABLET)
    shot(page, "5-approved-tablet")

    round_.refresh_from_db()
    assert round_.status == RoundStatus.APPROVED
    assert Result.objects.get(round=round_, kpi=levelled).value == 78
    assert Evidence.objects.get(result__round=round_).content_type == "application/pdf"
    assert [e.action for e in round_.events.all()] == ["submit", "return", "submit", "approve"]
