from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from pramoen.funds.registry import DEFAULT_PATH, RegistryError, load_registry, read_registry


class Command(BaseCommand):
    help = (
        "Load the list of revolving funds of the evaluation manual (App. 1) from a CSV file "
        "with the columns type_no,type_name_th,fund_no,fund_name_th. Funds are matched by "
        "code, so running it again updates them instead of adding duplicates."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "path",
            nargs="?",
            default=str(DEFAULT_PATH),
            help="CSV file to load (default: the list shipped with Pramoen)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = read_registry(options["path"])
        except FileNotFoundError:
            raise CommandError(f"{options['path']}: no such file") from None
        except RegistryError as e:
            raise CommandError(f"Nothing was loaded: {e}") from None
        result = load_registry(rows)
        self.stdout.write(f"Funds: {result.created} created, {result.updated} updated, {result.unchanged} unchanged.")
