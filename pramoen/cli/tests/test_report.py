"""``python -m pramoen report``: a scorecard file to PDF, DOCX or XLSX, without a database."""

from __future__ import annotations

import json
import subprocess
import sys
from io import BytesIO
from pathlib import Path

from docx import Document as DocxDocument
from openpyxl import load_workbook

from pramoen.reports.tests.readback import normalise, pdf_text

ROOT = Path(__file__).resolve().parents[3]
EXAMPLE = ROOT / "examples" / "seed001-round2.json"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PRAMOEN_LANG": "en"}  # no Django settings: the command must not need them
    return subprocess.run([sys.executable, "-m", "pramoen", "report", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_it_writes_a_pdf(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    done = run(str(EXAMPLE), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = normalise(pdf_text(out.read_bytes()))
    assert normalise("ได้ค่าคะแนน ๒.๐๑๗๙") in text
    assert normalise("ร้อยละ ๔๐.๓๖") in text


def test_it_takes_the_format_from_the_option_and_the_name(tmp_path: Path) -> None:
    docx_out, xlsx_out = tmp_path / "r.docx", tmp_path / "r.bin"
    assert run(str(EXAMPLE), "-o", str(docx_out)).returncode == 0
    assert run(str(EXAMPLE), "--format", "xlsx", "-o", str(xlsx_out), "--arabic-digits").returncode == 0
    assert "๒.๐๑๗๙" in "\n".join(p.text for p in DocxDocument(str(docx_out)).paragraphs)
    book = load_workbook(BytesIO(xlsx_out.read_bytes()))
    assert "เอกสารแนบ 1" in book.sheetnames


def test_a_plain_v1_file_renders_with_empty_narratives(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for area in data["areas"]:
        for kpi in area["kpis"]:
            for key in ("narrative", "history", "evidence", "definition", "level_texts", "inputs"):
                kpi.pop(key, None)
    card = tmp_path / "plain.json"
    card.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    done = run(str(card), "--format", "pdf", "-o", str(tmp_path / "plain.pdf"))
    assert done.returncode == 0, done.stderr
    text = normalise(pdf_text((tmp_path / "plain.pdf").read_bytes()))
    assert normalise("๒.๒ ปัจจัยที่เป็นปัญหา/อุปสรรค") in text
    assert normalise("๒.๐๑๗๙") in text


def test_a_file_with_problems_is_not_reported(tmp_path: Path) -> None:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["areas"][0]["weight"] = 16
    card = tmp_path / "bad.json"
    card.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "bad.pdf"
    done = run(str(card), "-o", str(out))
    assert done.returncode == 2
    assert "1:" in done.stderr and not out.exists()


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    done = run(str(tmp_path / "nope.json"))
    assert done.returncode == 2
    assert "nope.json" in done.stderr
