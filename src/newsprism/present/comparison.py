"""The comparison record lives with the comparison (`compare/record.py`); views import it here."""

from newsprism.compare.record import comparison_record

__all__ = ["comparison_record"]
