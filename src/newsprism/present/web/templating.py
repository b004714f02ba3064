"""The Jinja environment of the HTML pages, shared by the web app and the HTML report, so that
both render the same templates with the same filters and the same escaping (autoescape always
on: article text is hostile input)."""

from __future__ import annotations

from datetime import datetime
from importlib import resources

from jinja2 import Environment, FileSystemLoader

from newsprism import __version__

PACKAGE = resources.files("newsprism.present.web")


def short_time(value: str | None) -> str:
    """An ISO time as a short readable one (the JSON keeps ISO)."""
    if not value:
        return "undated"
    moment = datetime.fromisoformat(value)
    return moment.strftime("%d.%m.%Y %H:%M")


def environment() -> Environment:
    """A fresh environment over the package's templates (each user adds its own globals)."""
    env = Environment(loader=FileSystemLoader(str(PACKAGE / "templates")), autoescape=True)
    env.filters["short_time"] = short_time
    env.globals["version"] = __version__
    return env


def stylesheet() -> str:
    """The pages' stylesheet, for a file that must carry it inline."""
    return (PACKAGE / "static" / "newsprism.css").read_text(encoding="utf-8")
