"""Reading generated documents back, the way a reader (or a text extractor) sees them.

PDF text comes from poppler's ``pdftotext``; extractors are known to split ำ into
ํ + า (and drop the ํ), to emit tone marks and upper vowels in either order, and to
break lines anywhere, so text is compared after :func:`normalise`.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

THAI_NUMBER = re.compile(r"^-?[๐-๙0-9][๐-๙0-9,]*(?:\.[๐-๙0-9]+)?$")
# Marks that sit above or below a consonant: their order in extracted text is not reliable.
_MARKS = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")


def normalise(text: str) -> str:
    """No white space, ำ as า, and no marks above or below a consonant.

    Extractors split ำ into ํ + า and drop the ํ, and with it a tone mark before it (น้ำ comes
    out as นา); they also emit stacked marks in either order. Comparing the letters on the
    line and the digits is what survives every extractor; numbers and codes stay exact.
    """
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")
    return "".join(ch for ch in re.sub(r"\s+", "", text) if ch not in _MARKS)


def pdf_text(pdf: bytes, *, layout: bool = False, first: int | None = None, last: int | None = None) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
        if first:
            args += ["-f", str(first)]
        if last:
            args += ["-l", str(last)]
        return subprocess.run(args + [str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(pdf: bytes) -> int:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def pdf_to_png(pdf: bytes, folder: Path, resolution: int = 40) -> list[Path]:
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(resolution), "-png", str(path), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def numbers_in(line: str) -> list[str]:
    return [token for token in line.split() if THAI_NUMBER.match(token)]


def layout_lines(layout_text: str) -> list[str]:
    """``pdftotext -layout`` lines, with the stray lines it makes of a mark that sits over a
    wrapped word ("ผูม" / "  ้ ส" / "  ี ว") joined back onto the line they belong to."""
    lines: list[str] = []
    for line in layout_text.splitlines():
        stripped = line.lstrip()
        if lines and stripped and stripped[0] in _MARKS:
            lines[-1] += " " + stripped
        else:
            lines.append(line)
    return lines


def pdf_table_rows(layout_text: str, code: str) -> list[list[str]]:
    """The numbers on each line that starts a row for KPI ``code`` (summary: "ตัวชี้วัดที่ 1.1 …",
    attachment: "1.1 …"), in document order."""
    rows = []
    for line in layout_lines(layout_text):
        stripped = line.strip()
        if stripped.startswith(f"ตัวชี้วัดที่ {code} ") or stripped.startswith(f"{code} "):
            rows.append(numbers_in(stripped))
    return rows
