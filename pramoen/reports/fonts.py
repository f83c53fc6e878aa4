"""The Sarabun font (SIL Open Font License) that every document uses.

It comes from the PyPI package ``fontpkg-sarabun``, pinned in the lock file and
installed into the virtual environment: the complete TrueType files, not a web
font split into per-script subsets (a subset for Thai lacks the Latin "." that
sits between Thai digits, and the dot silently vanishes).
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun

FAMILY = "Sarabun"
FILES = Path(fontpkg_sarabun.ROOT) / "files"


def font_path(bold: bool = False, italic: bool = False) -> Path:
    weight = "Bold" if bold else ("" if italic else "Regular")
    return FILES / f"Sarabun-{weight}{'Italic' if italic else ''}.ttf"


def font_face_css() -> str:
    """@font-face rules for the four faces a document uses, pointing at the installed files."""
    rules = []
    for bold in (False, True):
        for italic in (False, True):
            rules.append(
                "@font-face { font-family: %s; src: url('%s'); font-weight: %d; font-style: %s; }"
                % (FAMILY, font_path(bold, italic).as_uri(), 700 if bold else 400, "italic" if italic else "normal")
            )
    return "\n".join(rules)
