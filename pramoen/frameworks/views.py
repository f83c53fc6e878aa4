"""Views of the frameworks app."""
