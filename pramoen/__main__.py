"""The product's one entry point: ``python -m pramoen COMMAND ...``.

Commands that work on files only (``score``, ``report``) run without importing Django, so
they work on a machine with no database configured. Everything else is handed
to Django's management commands (``migrate``, ``runserver``, ``load_funds`` ...).
"""

from __future__ import annotations

import os
import sys

# name -> (module, one-line help). Modules expose ``main(argv) -> int``.
FILE_COMMANDS = {
    "score": ("pramoen.cli.score", "score a scorecard file (JSON/YAML) and print the result"),
    "report": ("pramoen.cli.report", "the RFES round report of a scorecard file as PDF, DOCX or XLSX"),
}

# Spellings with a hyphen for Django management commands (Django names them with underscores).
COMMAND_ALIASES = {"export-scorecard": "export_scorecard"}


def _print_file_commands() -> None:
    print("Pramoen file commands (no database needed):")
    for name, (_, text) in FILE_COMMANDS.items():
        print(f"    {name:<12} {text}")
    print()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command in COMMAND_ALIASES:  # the documented spelling of a Django command with an underscore
        command = argv[1] = COMMAND_ALIASES[command]
    if command in FILE_COMMANDS:
        import importlib

        module = importlib.import_module(FILE_COMMANDS[command][0])
        return module.main(argv[2:])
    if command in ("help", "--help", "-h") and len(argv) <= 2:
        _print_file_commands()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
    from django.core.management import execute_from_command_line

    argv[0] = "python -m pramoen"
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
