"""``python -m pramoen export_scorecard --fund 1-06 --year 2567 --round 2 [-o FILE]``.

Writes the round as a format-v1 scorecard, the same file the scorecard page
offers; ``python -m pramoen score FILE`` gives the total the page shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.rounds.export import scorecard_filename, scorecard_json
from pramoen.rounds.models import Round
from pramoen.rounds.services import round_card


class Command(BaseCommand):
    help = "Export one reporting round as a format-v1 scorecard file (JSON, UTF-8)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--fund", required=True, help="fund code, e.g. 1-06")
        parser.add_argument("--year", required=True, type=int, help="fiscal year (B.E.), e.g. 2567")
        parser.add_argument("--round", required=True, type=int, choices=[1, 2, 3, 4], help="round 1-4")
        parser.add_argument("-o", "--output", help="file to write; '-' for standard output (default: scorecard-FUND-YEAR-rN.json)")

    def handle(self, *args: Any, fund: str, year: int, round: int, output: str | None, **options: Any) -> None:
        try:
            round_ = Round.objects.select_related("agreement__fund", "agreement__framework").get(
                agreement__fund__code=fund, agreement__fiscal_year=year, number=round
            )
        except Round.DoesNotExist:
            raise CommandError(
                f"No round {round} for fund {fund} in fiscal year {year} "
                "(rounds exist once the fund's agreement is in force)."
            ) from None
        text = scorecard_json(round_card(round_, details=True))
        if output == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(output or scorecard_filename(round_))
        path.write_text(text, encoding="utf-8")
        self.stderr.write(f"Wrote {path}")
