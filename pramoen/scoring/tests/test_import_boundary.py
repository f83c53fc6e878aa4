"""pramoen/scoring is the pure domain core: no Django, nothing from the web layer."""

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1]
ALLOWED_PRAMOEN = "pramoen.scoring"


def imported_modules(path: Path, package: str = "pramoen.scoring") -> set[str]:
    """Absolute names of the modules a file imports; relative imports are resolved against ``package``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                names.add(node.module or "")
                continue
            parts = package.split(".")
            base = parts[: len(parts) - (node.level - 1)]
            if node.module:
                names.add(".".join([*base, node.module]))
            else:
                names.update(".".join([*base, alias.name]) for alias in node.names)
    return names


def test_no_core_module_imports_django_or_other_apps():
    offenders = []
    for path in CORE.rglob("*.py"):
        relative = path.relative_to(CORE)
        if "tests" in relative.parts:
            continue
        package = ".".join(["pramoen", "scoring", *relative.parts[:-1]])
        for name in imported_modules(path, package):
            root = name.split(".")[0]
            if root == "django" or (root == "pramoen" and not name.startswith(ALLOWED_PRAMOEN)):
                offenders.append(f"{path.relative_to(CORE)} imports {name}")
    assert offenders == []


def test_importing_and_using_the_core_loads_no_django():
    code = (
        "import sys, pramoen.scoring as s\n"
        "s.score_card(s.read({'fund': 'f', 'fiscal_year': 2567, 'round': 1, 'areas': [{'code': '1', 'name': 'a',"
        " 'weight': 100, 'kpis': [{'code': '1.1', 'name': 'k', 'weight': 100, 'levels': [1, 2, 3, 4, 5],"
        " 'result': 3}]}]}))\n"
        "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_check_sees_a_django_import(tmp_path):
    # Guard against a boundary test that cannot fail.
    bad = tmp_path / "bad.py"
    bad.write_text("from django.db import models\nimport pramoen.funds\nfrom ..rounds import x\nfrom .. import plans\n"
                   "from .model import Area\n", encoding="utf-8")
    assert imported_modules(bad) == {"django.db", "pramoen.funds", "pramoen.rounds", "pramoen.plans",
                                     "pramoen.scoring.model"}
