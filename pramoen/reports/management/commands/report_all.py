"""``python -m pramoen report_all --year 2567 --round 2 --format pdf -o DIR``: every fund's round report.

The same files a bulk job on the portfolio page makes, written to a folder, with a progress bar.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from pramoen.reports.formats import FORMATS, Options
from pramoen.reports.jobs import generate
from pramoen.reports.services import published_rounds


class Command(BaseCommand):
    help = "Write the round report of every fund that has submitted a round, with a progress bar."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="fiscal year in B.E., e.g. 2567")
        parser.add_argument("--round", type=int, required=True, choices=(1, 2, 3, 4))
        parser.add_argument("--format", choices=FORMATS, default="pdf")
        parser.add_argument("-o", "--output", required=True, help="folder to write the files into")
        parser.add_argument("--arabic-digits", action="store_true", help="Arabic instead of Thai digits")
        parser.add_argument("--ce", action="store_true", help="Common-era instead of Buddhist-era years")

    def handle(self, *args, **opts) -> None:
        out = Path(opts["output"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} is not a folder")
        out.mkdir(parents=True, exist_ok=True)
        options = Options(thai_digits=not opts["arabic_digits"], buddhist_era=not opts["ce"])
        total = published_rounds(opts["year"], opts["round"]).count()
        written, left_out = 0, []
        with tqdm(total=total, unit="report", file=self.stderr._out, disable=None) as bar:

            def progress(done: int, _total: int, name: str) -> None:
                bar.set_postfix_str(name, refresh=False)
                bar.update(1)

            for name, content, why in generate(opts["year"], opts["round"], opts["format"], options, progress):
                if content is None:
                    left_out.append(why)
                    continue
                (out / name).write_bytes(content)
                written += 1
        for line in left_out:
            self.stderr.write(f"left out: {line}")
        self.stdout.write(f"{written} report(s) written to {out}")
