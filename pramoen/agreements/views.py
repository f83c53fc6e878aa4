"""Views of the agreements app."""
