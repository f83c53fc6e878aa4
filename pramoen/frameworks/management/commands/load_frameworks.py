from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from pramoen.frameworks.loader import FrameworkFileError, read_files, save, shipped_files


class Command(BaseCommand):
    help = (
        "Load evaluation frameworks from YAML files (default: those shipped in pramoen/frameworks/data/). "
        "A fiscal year already in the database is kept as it is, so edits made on the web survive; "
        "--replace makes it match the file. Every file is checked first: one problem and nothing is saved."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("paths", nargs="*", help="framework files to load (default: the shipped ones)")
        parser.add_argument(
            "--replace", action="store_true", help="overwrite frameworks already in the database with the files"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Problems in a data file are reported to whoever maintains the files, in the
        # language of the files' documentation (data/README.md): English, consistently.
        with translation.override("en"):
            self._load(options)

    def _load(self, options: dict[str, Any]) -> None:
        paths = options["paths"] or shipped_files()
        try:
            frameworks = read_files(paths)
            result = save(frameworks, replace=options["replace"])
        except FrameworkFileError as e:
            raise CommandError("Nothing was loaded:\n" + "\n".join(f"  {p}" for p in e.problems)) from None
        for year in result.created:
            self.stdout.write(f"Framework {year}: created.")
        for year in result.replaced:
            self.stdout.write(f"Framework {year}: replaced with the file.")
        for year in result.kept:
            self.stdout.write(f"Framework {year}: already present, kept as it is (use --replace to overwrite).")
        for year in result.in_use:
            self.stderr.write(f"Warning: the {year} framework is used by agreements past drafting; check them.")
