"""Views of the rounds app."""
