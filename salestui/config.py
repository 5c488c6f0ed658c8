"""The user's config file: TOML in the platform config folder (~/.config/salestui/config.toml on Linux).

A missing file means the defaults. A file with a problem is refused whole at start, with one message per problem
naming the file and line (`salestui config check` shows them without starting anything). Each top-level table is
a section read by its owner: [templates] adjusts the record templates (services/template_config.py), [follow-ups]
and [memos] set defaults (services/defaults_config.py), [keys] remaps keys (ui/keymap_config.py). A section this
version does not know is a problem, so a misspelt one is not silently ignored.

[keys] is checked against Textual's key names and the command registry, so only the app and `config check` read
it (`load(app=True)`): the quick commands never import Textual, and have no keys to remap.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from salestui.config_lines import key_lines, line_of
from salestui.i18n import _

FILE_NAME = "config.toml"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END = re.compile(r"\s*\(at end of document\)\s*$")

ConfigPath = tuple[str | int, ...]
Problem = tuple[ConfigPath, str]


class ConfigError(Exception):
    """The config file cannot be used; `problems` are the messages, each naming the file and line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def config_path() -> Path:
    """`$SALESTUI_CONFIG`, or config.toml in the user's config folder (~/.config/salestui on Linux)."""
    override = os.environ.get("SALESTUI_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("salestui", appauthor=False)) / FILE_NAME


@dataclass(frozen=True)
class ConfigFile:
    """The config file as read: its text and values ({} when there is no file)."""

    path: Path
    exists: bool
    text: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)

    @cached_property
    def lines(self) -> dict[ConfigPath, int]:
        """The line of every key, table and array element."""
        return key_lines(self.text)

    def problem(self, path: ConfigPath, message: str) -> str:
        """'FILE:LINE: templates.call.extra[1].key: message' (the line of the value, or of what holds it)."""
        line = line_of(self.lines, path)
        where = f"{self.path}:{line}" if line else str(self.path)
        return f"{where}: {dotted(path)}: {message}"


def dotted(path: ConfigPath) -> str:
    """('templates', 'call', 'extra', 0, 'key') -> 'templates.call.extra[1].key' (array elements counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + (part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else repr(part))
    return text


def read(path: Path | None = None) -> ConfigFile:
    """The config file's text and values; ConfigError if it cannot be read or is not valid TOML."""
    path = config_path() if path is None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ConfigFile(path, exists=False)
    except OSError as error:
        message = _("{path}: cannot read the config file: {error}").format(path=path, error=error.strerror)
        raise ConfigError([message]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ConfigError(
            [_("{path}:{line}: the config file is not UTF-8 text").format(path=path, line=line)]
        ) from None
    import tomllib  # only a file that exists pays for the parser

    try:
        values = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([_syntax_message(path, str(error), text)]) from None
    return ConfigFile(path, exists=True, text=text, data=values)


def _syntax_message(path: Path, message: str, text: str) -> str:
    """tomllib's message as 'FILE:LINE:COLUMN: TOML syntax error: …'."""
    found = _TOML_POSITION.search(message)
    if found:
        where = f"{path}:{found.group(1)}:{found.group(2)}"
        message = message[: found.start()]
    elif _TOML_END.search(message):
        where = f"{path}:{text.count(chr(10)) + 1}"
        message = _TOML_END.sub("", message)
    else:
        where = str(path)
    return _("{where}: TOML syntax error: {message}").format(where=where, message=message)


def _templates_section(value: Any) -> tuple[Callable[[], None], list[Problem]]:
    from salestui.services import template_config, templates

    adjusted, problems = template_config.adjusted(value)
    return (lambda: templates.use(adjusted)), problems


def _follow_ups_section(value: Any) -> tuple[Callable[[], None], list[Problem]]:
    from salestui.services import defaults_config

    return defaults_config.follow_ups(value)


def _memos_section(value: Any) -> tuple[Callable[[], None], list[Problem]]:
    from salestui.services import defaults_config

    return defaults_config.memos(value)


def _keys_section(value: Any) -> tuple[Callable[[], None], list[Problem]]:
    from salestui.ui import keymap_config

    keymap, problems = keymap_config.checked(value)
    return (lambda: keymap_config.use(keymap)), problems


# Each section this version reads: its name, and the function that checks it and says how to put it in force.
SECTIONS: dict[str, Callable[[Any], tuple[Callable[[], None], list[Problem]]]] = {
    "templates": _templates_section,
    "follow-ups": _follow_ups_section,
    "memos": _memos_section,
    "keys": _keys_section,
}
APP_SECTIONS = frozenset({"keys"})  # read only with app=True: checking them imports Textual


def check(config: ConfigFile, app: bool = False) -> list[Callable[[], None]]:
    """What puts each section in force; ConfigError listing every problem in the file, in line order, if any.

    Without `app`, the sections only the app reads are left unchecked (and not put in force)."""
    found: list[Problem] = []
    apply: list[Callable[[], None]] = []
    for name, value in config.data.items():
        if name in APP_SECTIONS and not app:
            continue
        section = SECTIONS.get(name)
        if section is None:
            known = ", ".join(f"[{known}]" for known in SECTIONS)
            found.append(((name,), _("unknown section (this version reads {known})").format(known=known)))
            continue
        put, problems = section(value)
        found.extend(problems)
        apply.append(put)
    if found:
        found.sort(key=lambda problem: line_of(config.lines, problem[0]) or 0)
        raise ConfigError([config.problem(where, message) for where, message in found])
    return apply


def load(path: Path | None = None, app: bool = False) -> ConfigFile:
    """Read the config file, check every section (with `app`, [keys] too) and put them in force; ConfigError
    (nothing changed) if the file has any problem."""
    config = read(path)
    for put in check(config, app):
        put()
    return config


def reset() -> None:
    """What the sections put in force, back to the built-in values (for tests, between config files)."""
    import sys

    from salestui.services import cadence_defaults, settings, templates

    templates.reset()
    cadence_defaults.reset()
    settings.use_defaults({})
    keymaps = sys.modules.get("salestui.ui.keymap_config")  # only if loaded: resetting must not import Textual
    if keymaps is not None:
        keymaps.reset()
