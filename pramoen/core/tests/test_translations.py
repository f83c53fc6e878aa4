"""The Thai catalogue must translate every msgid of our code and templates.

The first test reads the .po file as it is; the second runs makemessages on a
copy of the source tree, so a new ``_("...")`` or ``{% translate %}`` that nobody
added to the catalogue (scripts/makemessages) fails too.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.utils import find_command
from django.test import override_settings
from django.utils import translation

import pramoen

PACKAGE_DIR = Path(pramoen.__file__).resolve().parent
THAI_PO = PACKAGE_DIR / "locale" / "th" / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    obsolete: bool = False


KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
CONTINUATION = re.compile(r"^\".*\"\s*$")


def parse_po(text: str) -> list[Entry]:
    """A small parser for the .po files that GNU gettext writes: enough to see
    every entry's flags, msgid and translations."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal entry, target
        if entry is not None:
            entries.append(entry)
        entry, target = None, None

    def append(key: tuple[str, int | None], value: str) -> None:
        assert entry is not None
        name, index = key
        if name == "msgstr":
            entry.msgstr[index or 0] = entry.msgstr.get(index or 0, "") + value
        else:
            setattr(entry, name, (getattr(entry, name) or "") + value)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#"):
            if entry is not None and target is not None:
                finish()  # a comment after the strings starts the next entry
            if entry is None:
                entry = Entry(line=number)
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        match = KEYWORD.match(line)
        if match:
            keyword, index, value = match.groups()
            name = "msgstr" if keyword.startswith("msgstr") else keyword
            if entry is not None and name in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            if entry is None:
                entry = Entry(line=number)
            entry.obsolete = entry.obsolete or obsolete
            target = (name, int(index) if index is not None else None)
            append(target, ast.literal_eval(value))
        elif CONTINUATION.match(line) and entry is not None and target is not None:
            append(target, ast.literal_eval(line))
        else:
            raise ValueError(f"line {number}: cannot parse {raw!r}")
    finish()
    return entries


def problems(entries: list[Entry]) -> list[str]:
    """Human-readable reasons why the catalogue is not complete."""
    found = []
    for entry in entries:
        label = f"line {entry.line}: {entry.msgid!r}"
        if entry.obsolete:
            found.append(f"{label} is obsolete (#~); run scripts/makemessages")
        elif "fuzzy" in entry.flags:
            found.append(f"{label} is marked fuzzy")
        elif entry.msgid == "":
            if "Language: th" not in entry.msgstr.get(0, ""):
                found.append(f"{label}: the header does not say Language: th")
        elif not entry.msgstr or any(not text for text in entry.msgstr.values()):
            found.append(f"{label} is not translated")
    return found


def msgids(entries: list[Entry]) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in entries if e.msgid and not e.obsolete}


class TestParser:
    def test_it_reads_plain_plural_and_multiline_entries(self) -> None:
        text = (
            'msgid ""\nmsgstr ""\n"Language: th\\n"\n\n'
            '#: a.py\nmsgid "Log in"\nmsgstr "เข้าสู่ระบบ"\n\n'
            '#, python-format\nmsgid "%(n)s fund"\nmsgid_plural "%(n)s funds"\nmsgstr[0] "%(n)s ทุน"\n\n'
            'msgctxt "menu"\nmsgid ""\n"Long "\n"text"\nmsgstr "ยาว"\n'
        )
        entries = parse_po(text)
        assert [e.msgid for e in entries] == ["", "Log in", "%(n)s fund", "Long text"]
        assert entries[2].msgid_plural == "%(n)s funds"
        assert entries[2].msgstr == {0: "%(n)s ทุน"}
        assert entries[3].msgctxt == "menu"
        assert problems(entries) == []

    def test_it_reports_untranslated_fuzzy_and_obsolete_entries(self) -> None:
        text = (
            'msgid ""\nmsgstr "Language: th\\n"\n\n'
            'msgid "Log in"\nmsgstr ""\n\n'
            '#, fuzzy, python-format\nmsgid "Search"\nmsgstr "ค้นหา"\n\n'
            'msgid "%(n)s fund"\nmsgid_plural "%(n)s funds"\nmsgstr[0] ""\n\n'
            '#~ msgid "Old"\n#~ msgstr "เก่า"\n'
        )
        found = problems(parse_po(text))
        assert len(found) == 4
        assert "'Log in' is not translated" in found[0]
        assert "'Search' is marked fuzzy" in found[1]
        assert "'%(n)s fund' is not translated" in found[2]
        assert "'Old' is obsolete" in found[3]

    def test_it_reports_a_fuzzy_header(self) -> None:
        found = problems(parse_po('#, fuzzy\nmsgid ""\nmsgstr "Language: th\\n"\n'))
        assert found == ["line 1: '' is marked fuzzy"]


def test_every_thai_entry_is_translated() -> None:
    entries = parse_po(THAI_PO.read_text(encoding="utf-8"))
    assert len(entries) > 1, "the Thai catalogue is empty"
    assert problems(entries) == []


def test_the_thai_catalogue_covers_every_msgid_in_the_source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if find_command("xgettext") is None:
        pytest.fail("GNU gettext is not installed: run scripts/setup")
    copy = tmp_path / "pramoen"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data", "static"))
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[copy / "locale"]):
        call_command("makemessages", locale=["th"], no_obsolete=True, verbosity=0)

    before = parse_po(THAI_PO.read_text(encoding="utf-8"))
    after = parse_po((copy / "locale" / "th" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8"))
    assert sorted(msgids(after) - msgids(before)) == [], "new msgids: run scripts/makemessages and translate them"
    assert sorted(msgids(before) - msgids(after)) == [], "msgids no longer used: run scripts/makemessages"
    assert problems(after) == []


def test_the_compiled_catalogue_is_used() -> None:
    # Fails when the .mo file was never compiled: run scripts/setup (compilemessages).
    with translation.override("th"):
        assert translation.gettext("Revolving funds") == "ทุนหมุนเวียน"
