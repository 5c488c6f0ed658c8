"""Translation of user-facing strings (English source, Simplified Chinese catalog)."""

from __future__ import annotations

import json
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("en", "zh_CN")
_current = "en"

# Messages translated through a variable rather than a literal (choice codes shown as words).
EXTRA_MESSAGES = (
    "vip",
    "regular",
    "potential",
    "lead",
    "active",
    "dormant",
    "lost",
    "person",
    "company",
    "call",
    "email",
    "meeting",
    "visit",
    "im",
    "note",
    "complaint",
    "feedback",
    "in",
    "out",
    "none",
    "high",
    "normal",
    "low",
    "open",
    "done",
    "cancelled",
    "medium",
    "rep",
    "manager",
    "admin",
    "table",
    "index",
    "trigger",
    "view",
)


@cache
def _catalog(language: str) -> dict[str, str]:
    if language == "en":
        return {}
    # Read beside this module rather than through importlib.resources, whose import costs a command ~10 ms.
    text = (Path(__file__).parent / "locale" / f"{language}.json").read_text("utf-8")
    catalog: dict[str, str] = json.loads(text)
    return catalog


def detect_language() -> str:
    """The language from the environment's locale: zh_* gives zh_CN, anything else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "zh_CN" if code.lower().startswith("zh") else "en"


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    global _current
    _current = language


def current_language() -> str:
    return _current


def _(message: str) -> str:
    """Translate `message` into the current language (English falls through)."""
    return _catalog(_current).get(message, message)


def translate(message: str, language: str) -> str:
    """Translate `message` into `language`, whatever the interface speaks (a memo in the customer's language)."""
    return _catalog(language).get(message, message) if language in LANGUAGES else message


def N_(message: str) -> str:  # noqa: N802  (the gettext name for a message marked now, translated later)
    """Mark `message` for translation where it is declared; `_` translates it where it is shown."""
    return message


def catalog_keys(language: str) -> set[str]:
    return set(_catalog(language))
