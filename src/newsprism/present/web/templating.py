"""The Jinja environment of the HTML pages, shared by the web app and the HTML report, so that
both render the same templates with the same filters and the same escaping (autoescape always
on: article text is hostile input)."""

from __future__ import annotations

from datetime import datetime
from importlib import resources

from jinja2 import Environment, FileSystemLoader

from newsprism import __version__
from newsprism.present.records import to_local

PACKAGE = resources.files("newsprism.present.web")


def short_time(value: str | None) -> str:
    """An ISO time as a short readable one in the reader's zone, named ($NEWSPRISM_TZ, else the
    machine's: `present.records.to_local`); the JSON keeps ISO with the offset."""
    if not value:
        return "undated"
    moment = to_local(datetime.fromisoformat(value))
    return moment.strftime("%d.%m.%Y %H:%M ") + (moment.tzname() or "")


def environment() -> Environment:
    """A fresh environment over the package's templates (each user adds its own globals)."""
    env = Environment(loader=FileSystemLoader(str(PACKAGE / "templates")), autoescape=True)
    env.filters["short_time"] = short_time
    env.globals["version"] = __version__
    return env


def stylesheet() -> str:
    """The pages' stylesheet, for a file that must carry it inline."""
    return (PACKAGE / "static" / "newsprism.css").read_text(encoding="utf-8")
