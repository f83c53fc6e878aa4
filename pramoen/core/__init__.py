"""Site-wide pieces: URL root, layout, login, language switch and template helpers."""
