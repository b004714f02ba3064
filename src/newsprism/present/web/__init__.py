"""The web app (`newsprism serve`): stories side by side, with a JSON twin for every page."""

from newsprism.present.web.app import WebSettings, create_app

__all__ = ["WebSettings", "create_app"]
