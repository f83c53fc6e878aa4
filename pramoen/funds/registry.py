"""The list of funds of the RFES manual (App. 1), shipped as ``data/revolving_funds.csv``.

``read_registry`` checks the whole file before anything is saved, so a bad row
never leaves the database half loaded; ``load_registry`` saves the rows.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Fund, FundType

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "revolving_funds.csv"
COLUMNS = ["type_no", "type_name_th", "fund_no", "fund_name_th"]
MAX_REGISTRY_NO = 999
NAME_MAX_LENGTH: int = Fund._meta.get_field("name_th").max_length or 0

# The type names exactly as the manual's list prints them; a row whose name does
# not match its number is a sign of a shifted or mistyped row.
TYPE_NAMES_TH = {
    FundType.LENDING: "เพื่อการกู้ยืม",
    FundType.SALE_AND_PRODUCTION: "เพื่อการจำหน่ายและการผลิต",
    FundType.SERVICES: "เพื่อการบริการ",
    FundType.RELIEF_AND_SOCIAL_WELFARE: "เพื่อการสงเคราะห์และสวัสดิการสังคม",
    FundType.SUPPORT_AND_PROMOTION: "เพื่อการสนับสนุนส่งเสริม",
}


class RegistryError(ValueError):
    """A problem in the registry file, naming the file and line."""


@dataclass(frozen=True)
class RegistryRow:
    line: int
    fund_type: int
    registry_no: int
    name_th: str

    @property
    def code(self) -> str:
        return Fund.make_code(self.fund_type, self.registry_no)


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _positive_int(text: str) -> int | None:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if number > 0 else None


def _parse_row(values: list[str], line: int) -> RegistryRow:
    if len(values) != len(COLUMNS):
        raise RegistryError(f"line {line}: expected {len(COLUMNS)} columns, found {len(values)}")
    type_text, type_name, fund_no_text, fund_name = (v.strip() for v in values)

    type_no = _positive_int(type_text)
    if type_no not in FundType.values:
        raise RegistryError(f"line {line}: type_no must be a number from 1 to 5, not {type_text!r}")
    expected_name = TYPE_NAMES_TH[FundType(type_no)]
    if type_name != expected_name:
        raise RegistryError(f"line {line}: type {type_no} is {expected_name!r}, but the row says {type_name!r}")
    registry_no = _positive_int(fund_no_text)
    if registry_no is None or registry_no > MAX_REGISTRY_NO:
        raise RegistryError(f"line {line}: fund_no must be a number from 1 to {MAX_REGISTRY_NO}, not {fund_no_text!r}")
    if not fund_name:
        raise RegistryError(f"line {line}: fund_name_th is empty")
    if len(fund_name) > NAME_MAX_LENGTH:
        raise RegistryError(f"line {line}: fund_name_th is longer than {NAME_MAX_LENGTH} characters")
    return RegistryRow(line=line, fund_type=type_no, registry_no=registry_no, name_th=fund_name)


def read_registry(path: Path | str = DEFAULT_PATH) -> list[RegistryRow]:
    """All rows of the registry file at ``path``; raises ``RegistryError`` on the first bad one."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            return _read_rows((reader.line_num, values) for values in reader)
    except RegistryError as e:
        raise RegistryError(f"{path}, {e}") from None
    except UnicodeDecodeError:
        raise RegistryError(f"{path}: not UTF-8 text") from None
    except csv.Error as e:
        raise RegistryError(f"{path}: not a valid CSV file ({e})") from None


def _read_rows(numbered_rows: Iterator[tuple[int, list[str]]]) -> list[RegistryRow]:
    first = next(numbered_rows, None)
    if first is None:
        raise RegistryError("line 1: the file is empty")
    header = [h.strip() for h in first[1]]
    if header != COLUMNS:
        raise RegistryError(f"line 1: expected the header {','.join(COLUMNS)}, found {','.join(header)}")

    rows: list[RegistryRow] = []
    seen: dict[str, int] = {}
    for line, values in numbered_rows:
        if not any(v.strip() for v in values):
            continue  # blank lines, e.g. at the end of the file
        row = _parse_row(values, line)
        if row.code in seen:
            raise RegistryError(
                f"line {line}: fund {row.registry_no} of type {row.fund_type} already appears on line {seen[row.code]}"
            )
        seen[row.code] = line
        rows.append(row)
    if not rows:
        raise RegistryError("line 2: the file has a header but no funds")
    return rows


@transaction.atomic
def load_registry(rows: list[RegistryRow]) -> LoadResult:
    """Create or update one fund per row, matched by code.

    Only the fields the registry owns are written (Thai name, fund type, registry
    number); an English name, owner agency or fiscal-year start set by hand is kept.
    """
    existing = {fund.code: fund for fund in Fund.objects.filter(code__in=[row.code for row in rows])}
    created = updated = unchanged = 0
    for row in rows:
        values = {"name_th": row.name_th, "fund_type": row.fund_type, "registry_no": row.registry_no}
        fund = existing.get(row.code)
        if fund is None:
            Fund.objects.create(code=row.code, **values)
            created += 1
        elif any(getattr(fund, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(fund, field, value)
            fund.save(update_fields=list(values))
            updated += 1
        else:
            unchanged += 1
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
