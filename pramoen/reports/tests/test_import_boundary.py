"""The round report's builder and the renderers run without Django: ``python -m pramoen report`` needs no database."""

import subprocess
import sys

FREE_OF_DJANGO = ("layout", "formats", "round_report", "chart", "fonts", "pdf", "docx", "xlsx")


def test_builder_and_renderers_import_no_django() -> None:
    modules = ", ".join(f"pramoen.reports.{name}" for name in FREE_OF_DJANGO)
    code = (f"import sys, {modules}\n"
            "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
            "print(leaked)\nsys.exit(1 if leaked else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
