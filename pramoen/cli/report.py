"""``python -m pramoen report FILE --format pdf|docx|xlsx -o OUT``: the RFES round report of a scorecard file.

No database needed. The file is read and checked exactly as ``score`` does (a
file with problems is not reported: one line per problem on stderr, exit 2);
the optional report fields of format v1 (narratives, history, evidence …) fill
the detail pages, and a plain v1 file renders with empty narrative sections.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pramoen import scoring
from pramoen.cli.score import default_language
from pramoen.scoring.problems import ScorecardInvalid

FORMATS = ("pdf", "docx", "xlsx")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m pramoen report", description=__doc__.splitlines()[0])
    p.add_argument("file", help="scorecard file (JSON or YAML, format v1)")
    p.add_argument("--format", choices=FORMATS, help="output format (default: from the -o file name, else pdf)")
    p.add_argument("-o", "--output", help="output file (default: FILE with the format's extension)")
    p.add_argument("--arabic-digits", action="store_true", help="Arabic digits instead of Thai digits")
    p.add_argument("--ce", action="store_true", help="Common-era years instead of Buddhist-era (พ.ศ.)")
    p.add_argument("--lang", choices=("th", "en"), default=default_language(),
                   help="language of error messages (the report itself is Thai)")
    return p


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lstrip(".").lower() if args.output else ""
        fmt = suffix if suffix in FORMATS else "pdf"
    output = Path(args.output) if args.output else Path(args.file).with_suffix(f".{fmt}")
    try:
        card = scoring.load_path(args.file)
    except ScorecardInvalid as invalid:  # an unreadable file is one of its problems
        for problem in invalid.problems:
            print(problem.line(args.lang), file=sys.stderr)
        return 2

    from pramoen.reports.formats import Options
    from pramoen.reports.round_report import RoundScores, build

    document = build(RoundScores(scoring.score_card(card), {}),
                     Options(thai_digits=not args.arabic_digits, buddhist_era=not args.ce))
    if fmt == "pdf":
        from pramoen.reports.pdf import render
    elif fmt == "docx":
        from pramoen.reports.docx import render
    else:
        from pramoen.reports.xlsx import render
    content = render(document)
    try:
        output.write_bytes(content)
    except OSError as error:
        print(f"{output}: {error.strerror}", file=sys.stderr)
        return 2
    print(output)
    return 0
