"""Small builders for scorecards in format v1 (plain dicts, as a file would hold)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"


def seed001_round2() -> dict[str, Any]:
    """FY2567 round 2 of the seed-001 fund, with KPI 6.1 weighing 10 = 5 + 5."""
    return json.loads((DATA / "seed001_round2.json").read_text(encoding="utf-8"))


def levelled(code: str, weight: Any = 100, levels: Any = (1, 2, 3, 4, 5), result: Any = 3, **extra: Any) -> dict:
    return {"code": code, "name": f"ตัวชี้วัด {code}", "weight": weight, "levels": list(levels), "result": result, **extra}


def card(*areas: dict, **top: Any) -> dict:
    return {"fund": "กองทุนทดสอบ", "fiscal_year": 2567, "round": 2, **top, "areas": list(areas)}


def area(code: str, weight: Any, *kpis: dict) -> dict:
    return {"code": code, "name": f"ด้าน {code}", "weight": weight, "kpis": list(kpis)}


def single(kpi: dict, **top: Any) -> dict:
    """A card with one area of weight 100 holding one KPI of weight 100."""
    kpi = copy.deepcopy(kpi)
    kpi["weight"] = 100
    return card(area("1", 100, kpi), **top)


def find(data: dict, code: str) -> dict:
    """The KPI with ``code`` inside a v1 mapping (to edit it in a test)."""

    def search(kpis: list) -> dict | None:
        for kpi in kpis:
            if kpi["code"] == code:
                return kpi
            found = search(kpi.get("kpis", []))
            if found:
                return found
        return None

    for a in data["areas"]:
        found = search(a["kpis"])
        if found:
            return found
    raise KeyError(code)
