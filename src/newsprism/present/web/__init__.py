"""The web app (`newsprism serve`): stories side by side, with a JSON twin for every page."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsprism.present.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]


def __getattr__(name: str) -> Any:
    """The app loads on first use: FastAPI takes most of a second to import, and the HTML
    report (`compare --html`, `story --html`) shares this package's renderer without it."""
    if name in {"WebSettings", "create_app"}:
        return getattr(importlib.import_module("newsprism.present.web.app"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
