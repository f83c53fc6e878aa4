"""How long the round report's PDF takes: WeasyPrint versus DOCX + LibreOffice.

Run from the project root:

    .venv/bin/python bench/report_pdf.py [--repeat N] [--keep DIR]

One run measures, N times each (default 5), and prints the median and the
minimum wall time:

(a) the PDF as the application makes it: load the seed-001 scorecard file,
    score it, build the layout, typeset it with WeasyPrint (``pdf.render``);
(b) the alternative: the same layout (built once) written as a .docx by
    ``docx.render`` and converted to PDF by
    ``soffice --headless --convert-to pdf``, one soffice process per
    conversion, as a server shelling out to LibreOffice would do;
(c) a baseline: ``pdf.render`` of a one-paragraph document, WeasyPrint's
    fixed cost per document;
(d) the same baseline for LibreOffice: soffice converting the one-paragraph
    document's .docx, i.e. its start-up and shut-down per conversion.

Before timing, each path runs once uncounted: imports and WeasyPrint's font
loading for (a) and (c), and for (b) the first soffice start, which creates the
LibreOffice user profile (a fresh ``-env:UserInstallation`` directory that is
then reused by every timed conversion).

LibreOffice is given Sarabun the way WeasyPrint is: a fonts.conf in a temporary
directory includes the system configuration, adds the directory of the
``fontpkg_sarabun`` package, and is passed to soffice as FONTCONFIG_FILE; the
font cache goes to the same temporary directory. No system folder is touched.

This is a measurement, not a test: nothing is asserted about the times.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The demo round exported with its report fields: narratives, history, criteria texts (the whole report).
SCORECARD = ROOT / "examples" / "seed001-round2-report.json"

sys.path.insert(0, str(ROOT))


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <!-- first writable cachedir wins: keep the cache out of system folders -->
  <cachedir>{cache}</cachedir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
</fontconfig>
"""


def fontconfig_file(tmp: Path) -> Path:
    from pramoen.reports.fonts import FILES

    conf = tmp / "fonts.conf"
    conf.write_text(FONTS_CONF.format(cache=tmp / "fontcache", fonts=FILES), encoding="utf-8")
    return conf


def pdf_pages(path: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "n/a (no pdfinfo)"
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.startswith("Pages:"):
            return line.split(":", 1)[1].strip()
    return "?"


def pdf_fonts(path: Path) -> str:
    if not shutil.which("pdffonts"):
        return "n/a (no pdffonts)"
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout.splitlines()[2:]
    names = sorted({line.split()[0].split("+", 1)[-1] for line in lines if line.strip()})
    return ", ".join(names) or "none"


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each path (default 5)")
    parser.add_argument("--keep", type=Path, help="copy the two PDFs and the DOCX of the last run here")
    parser.add_argument("--file", type=Path, default=SCORECARD, help="scorecard file (default: %(default)s)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    soffice = find_soffice()
    if soffice is None:
        print(
            "error: soffice (LibreOffice) is not on PATH; path (b) needs it.\n"
            "On Debian 12: apt-get install -y --no-install-recommends libreoffice-writer-nogui\n"
            "(see bench/README.md)",
            file=sys.stderr,
        )
        return 2

    from pramoen import scoring
    from pramoen.reports import docx, pdf
    from pramoen.reports.layout import Document, Paragraph
    from pramoen.reports.round_report import RoundScores, build

    def layout() -> Document:
        card = scoring.score_card(scoring.load_path(args.file))
        return build(RoundScores(card, {}))

    def path_a() -> tuple[float, float, bytes]:
        t_layout, document = timed(layout)
        t_pdf, data = timed(lambda: pdf.render(document))
        return t_layout, t_pdf, data

    trivial = Document(title="baseline", blocks=[Paragraph("รายงานผลการประเมิน ทุนหมุนเวียน")])

    with tempfile.TemporaryDirectory(prefix="pramoen-bench-") as tmp_name:
        tmp = Path(tmp_name)
        profile = tmp / "lo-profile"
        out_dir = tmp / "out"
        out_dir.mkdir()
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(tmp)))
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
        ]

        def convert(docx_path: Path) -> Path:
            result = subprocess.run(command + [str(docx_path)], env=env, capture_output=True, text=True)
            target = out_dir / (docx_path.stem + ".pdf")
            if result.returncode != 0 or not target.exists():
                raise SystemExit(
                    f"error: soffice failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
                )
            return target

        print(f"Scorecard: {args.file}; {args.repeat} timed runs per path; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start", flush=True)

        # Warm-ups, not counted.
        print("warm-up: WeasyPrint (imports, fonts) ...", flush=True)
        path_a()
        pdf.render(trivial)
        print("warm-up: soffice first start (creates the LibreOffice profile) ...", flush=True)
        document = layout()
        warm_docx = tmp / "warmup.docx"
        warm_docx.write_bytes(docx.render(document))
        t_first, _ = timed(lambda: convert(warm_docx))

        a_layout, a_pdf, a_total = [], [], []
        b_docx, b_soffice, b_total = [], [], []
        c_total, d_total = [], []
        trivial_docx = tmp / "baseline.docx"
        trivial_docx.write_bytes(docx.render(trivial))
        weasy_pdf = tmp / "weasyprint.pdf"
        lo_pdf = None
        word_file = tmp / "report.docx"
        for i in range(args.repeat):
            print(f"run {i + 1}/{args.repeat} ...", flush=True)
            t_layout, t_pdf, data = path_a()
            a_layout.append(t_layout)
            a_pdf.append(t_pdf)
            a_total.append(t_layout + t_pdf)
            weasy_pdf.write_bytes(data)

            t_docx, word = timed(lambda: docx.render(document))
            word_file.write_bytes(word)
            t_convert, lo_pdf = timed(lambda: convert(word_file))
            b_docx.append(t_docx)
            b_soffice.append(t_convert)
            b_total.append(t_docx + t_convert)

            c_total.append(timed(lambda: pdf.render(trivial))[0])
            d_total.append(timed(lambda: convert(trivial_docx))[0])

        rows = [
            ("(a) layout + WeasyPrint PDF", a_total),
            ("    of which: load, score, build layout", a_layout),
            ("    of which: pdf.render (WeasyPrint)", a_pdf),
            ("(b) DOCX + LibreOffice PDF", b_total),
            ("    of which: docx.render", b_docx),
            ("    of which: soffice --convert-to pdf", b_soffice),
            ("(c) pdf.render, one paragraph", c_total),
            ("(d) soffice --convert-to pdf, one paragraph", d_total),
        ]
        print()
        print(f"{'path':<44} {'median s':>9} {'min s':>8}")
        print("-" * 63)
        for label, values in rows:
            print(f"{label:<44} {statistics.median(values):>9.2f} {min(values):>8.2f}")
        print()
        ratio = statistics.median(b_total) / statistics.median(a_total)
        ratio_min = min(b_total) / min(a_total)
        print(f"LibreOffice conversion takes {ratio:.1f}x as long as our PDF "
              f"(median (b) / median (a); {ratio_min:.1f}x comparing the minima).")
        print("(The layout is built in every run of (a); (b) reuses one built layout, which costs ~0.01 s.)")
        print(f"Load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine skews the medians).")
        print(f"First soffice start with a new profile (warm-up, not counted): {t_first:.2f} s")
        print()
        print(f"WeasyPrint PDF:  {pdf_pages(weasy_pdf)} pages; fonts: {pdf_fonts(weasy_pdf)}")
        print(f"LibreOffice PDF: {pdf_pages(lo_pdf)} pages; fonts: {pdf_fonts(lo_pdf)}")
        version = subprocess.run([soffice, "--version"], capture_output=True, text=True, env=env).stdout.strip()
        print(f"soffice: {version}")

        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(weasy_pdf, args.keep / "weasyprint.pdf")
            shutil.copy(lo_pdf, args.keep / "libreoffice.pdf")
            shutil.copy(word_file, args.keep / "report.docx")
            print(f"Kept the PDFs and the DOCX in {args.keep}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
