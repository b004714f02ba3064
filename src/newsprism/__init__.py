"""newsprism: one story, many outlets."""

__version__ = "0.1.0"
