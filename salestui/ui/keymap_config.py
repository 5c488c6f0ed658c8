"""The config file's [keys] section: which keys run a command, by its binding id (ui/registry.py).

    [keys]
    "follow-up.done" = "d"
    "customer.new" = "n,ctrl+n"      # several keys, comma-separated
    customer.edit = "E"              # a bare dotted key works too

Each value names Textual keys: a character ("x", "X", "?", "张") or its name ("question_mark", "comma"), a named key
("enter", "f5", "pageup"), or a combination a terminal can send ("ctrl+n", "ctrl+up", "shift+tab", "alt+x").
Checked here, in the UI layer, because the key names and the commands are Textual's and the registry's: an unknown
id (with the nearest one suggested), a key Textual cannot bind or a terminal cannot send, and two commands that work
in the same place given the same key. The keymap checked last is kept for the app to apply at start
(`SalesApp.apply_keymap`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any

from textual.keys import Keys, _character_to_key

from salestui.i18n import N_, _
from salestui.ui import registry
from salestui.ui.key_footer import typed_character
from salestui.ui.registry import Command, Scope

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

ROOT = "keys"
MODIFIERS = ("alt", "ctrl", "shift")  # what Textual reads from a terminal, in the order it names them
KITTY_ONLY = ("hyper", "meta", "super")  # only the kitty keyboard protocol reports these; SSH and tmux do not
# Keys Textual has a name for (escape, f5, pageup, …), and the combinations a terminal sends (ctrl+n, shift+up, …).
NAMED = frozenset(key.value for key in Keys if "+" not in key.value and not key.value.startswith("<")) - {
    "return",  # Textual reports the key as enter
    "ctrl-at",
}
COMBINATIONS = frozenset(key.value for key in Keys if "+" in key.value)
# Keys Textual keeps for itself, and ctrl combinations a terminal sends as another key.
RESERVED = {"ctrl+q": N_("it quits SalesTUI"), "ctrl+c": N_("it copies the selected text")}
SAME_AS = {"ctrl+i": "tab", "ctrl+m": "enter", "ctrl+h": "backspace", "ctrl+left_square_bracket": "escape"}
# Scopes whose bindings work at the same moment (a list inside the main screen, the deal's lines inside the deal):
# one key for two of their commands would silently run only one. Commands anywhere (APP) share with every scope.
TOGETHER = (
    frozenset({Scope.MAIN, Scope.LIST}),
    frozenset({Scope.DEAL, Scope.DEAL_LINES}),
    frozenset({Scope.PROMISES, Scope.VIEW}),
    frozenset({Scope.FORM, Scope.MERGE}),
)
EXAMPLE = '"follow-up.done" = "d"'

_in_force: dict[str, str] = {}


def in_force() -> dict[str, str]:
    """The keymap the config file set (binding id to normalized, comma-separated keys); {} for none."""
    return dict(_in_force)


def use(keymap: Mapping[str, str]) -> None:
    """Keep `keymap` (already checked) for the app to apply at start."""
    _in_force.clear()
    _in_force.update(keymap)


def reset() -> None:
    _in_force.clear()


def key_name(text: str) -> tuple[str, str]:
    """One key as Textual names it ('?' -> 'question_mark', 'Ctrl+N' -> 'ctrl+n'), and '' or what is wrong."""
    key = text.strip()
    if not key:
        return "", _("an empty key; name one, e.g. x, ctrl+n or f5 (the comma key is comma)")
    if len(key) == 1:
        return _character(key)
    if any(char.isspace() for char in key):
        return "", _("{key!r} has a space in it; write keys like ctrl+n (a space bar is space)").format(key=key)
    *modifiers, base = key.split("+")
    if not base or not all(modifiers):
        return "", _("{key!r}: a + joins a modifier to a key; the + key itself is plus").format(key=key)
    modifiers = [modifier.lower() for modifier in modifiers]
    for modifier in modifiers:
        if modifier in KITTY_ONLY:
            return "", _("{key!r}: terminals over SSH or tmux do not send {modifier}; use ctrl or alt").format(
                key=key, modifier=modifier
            )
        if modifier not in MODIFIERS:
            return "", _("{key!r}: no such modifier {modifier!r} (modifiers: {modifiers})").format(
                key=key, modifier=modifier, modifiers=", ".join(MODIFIERS)
            )
    if len(set(modifiers)) != len(modifiers):
        return "", _("{key!r} names a modifier twice").format(key=key)
    base, problem = _character(base) if len(base) == 1 else _named(base)
    if problem:
        return "", problem
    if not modifiers:
        return base, ""
    return _combination(key, sorted(modifiers), base)


def _character(char: str) -> tuple[str, str]:
    """A key that types `char`."""
    if char.isspace():
        return "", _("write space for the space bar, tab for the tab key")
    if not char.isprintable():
        return "", _("{key!r} is not a key a terminal sends").format(key=char)
    return _character_to_key(char), ""


def _named(name: str) -> tuple[str, str]:
    """A key by its name: 'enter', 'f5', 'question_mark', 'comma'."""
    if name.lower() in NAMED:
        return name.lower(), ""
    if name.lower() == "return":
        return "", _("Textual calls the return key enter")
    character = typed_character(name)
    if character is not None and len(character) == 1 and _character_to_key(character) == name:
        return name, ""
    near = difflib.get_close_matches(name.lower(), sorted(NAMED), n=1)
    hint = _("; did you mean {name}?").format(name=near[0]) if near else ""
    return "", _("no key is named {name!r}{hint}").format(name=name, hint=hint)


def _combination(key: str, modifiers: list[str], base: str) -> tuple[str, str]:
    """A modifier combination a terminal can send, as Textual names it ('shift+ctrl+N' -> 'ctrl+n')."""
    single = len(base) == 1 or typed_character(base) is not None and base not in NAMED
    letter = len(base) == 1 and base.isalpha()
    if "alt" in modifiers:
        others = [modifier for modifier in modifiers if modifier != "alt"]
        if single and others in ([], ["shift"]):
            if letter and (base.isupper() or others):  # Textual reads alt+X as alt+shift+x
                return f"alt+shift+{base.lower()}", ""
            return "+".join([*modifiers, base]), ""
        return "", _("{key!r}: alt goes with a character (alt+x, alt+shift+x), not with {rest}").format(
            key=key, rest="+".join([*others, base])
        )
    if modifiers == ["shift"] and single:
        if letter:
            return "", _("{key!r}: a shifted letter is the capital itself: write {char}").format(
                key=key, char=base.upper()
            )
        return "", _("{key!r}: a shifted key is the character it types: write that character").format(key=key)
    if letter:
        base = base.lower()  # a terminal sends ctrl+n for ctrl+N
    name = "+".join([*modifiers, base])
    if name in RESERVED:
        return "", _("{key} is kept by Textual: {reason}").format(key=name, reason=_(RESERVED[name]))
    if name in SAME_AS:
        return "", _("a terminal sends {key} as {same}: write {same}, or choose another key").format(
            key=name, same=SAME_AS[name]
        )
    if name not in COMBINATIONS:
        return "", _(
            "{key!r}: a terminal cannot send it (combinations: ctrl+a-z, ctrl and shift with the arrows, home, "
            "end, pageup, pagedown, insert, delete, shift+tab, ctrl+f1-f24, alt with a character)"
        ).format(key=key)
    return name, ""


def keys_of(text: str) -> tuple[list[str], list[str]]:
    """The keys in a comma-separated value ('n, ctrl+n'), each normalized and once, and what is wrong with any."""
    keys: list[str] = []
    problems: list[str] = []
    for part in text.split(","):
        name, problem = key_name(part)
        if problem:
            problems.append(problem)
        elif name not in keys:
            keys.append(name)
    return keys, problems


def _entries(section: Mapping[str, Any], path: Path) -> Iterable[tuple[Path, str, Any]]:
    """(path, binding id, value) of every entry; `customer.new = "n"` unquoted is the table {customer: {new: …}}."""
    for name, value in section.items():
        here = (*path, name)
        if isinstance(value, Mapping):
            yield from _entries(value, here)
        else:
            yield here, ".".join(str(part) for part in here[1:]), value


def checked(section: Any) -> tuple[dict[str, str], list[Problem]]:
    """The keymap the [keys] section asks for (binding id to keys), and what is wrong with it."""
    if not isinstance(section, Mapping):
        message = _("must be a table of binding ids to keys, e.g. [keys] {example}").format(example=EXAMPLE)
        return {}, [((ROOT,), message)]
    problems: list[Problem] = []
    keymap: dict[str, str] = {}
    where: dict[str, Path] = {}
    for path, binding_id, value in _entries(section, (ROOT,)):
        entry = registry.BY_ID.get(binding_id)
        if entry is None:
            problems.append((path, _unknown(binding_id)))
            continue
        if not entry.keys:
            problems.append((path, _("this command has no key to change: it runs from the command palette")))
            continue
        if not isinstance(value, str):
            problems.append((path, _('must be a text of keys, e.g. "x" or "n,ctrl+n"')))
            continue
        keys, key_problems = keys_of(value)
        problems.extend((path, problem) for problem in key_problems)
        if keys and not key_problems:
            keymap[binding_id] = ",".join(keys)
            where[binding_id] = path
    problems.extend(_clashes(keymap, where))
    return ({} if problems else keymap), problems


def _unknown(binding_id: str) -> str:
    near = difflib.get_close_matches(binding_id, [entry.id for entry in registry.COMMANDS if entry.keys], n=1)
    if near:
        return _("no command has the id {id!r}; did you mean {near!r}?").format(id=binding_id, near=near[0])
    return _("no command has the id {id!r} (the ids are in the help, ? in the app)").format(id=binding_id)


def _together(first: Command, second: Command) -> bool:
    """Whether the two commands' bindings can both be active at once."""
    scopes = frozenset({first.scope, second.scope})
    return len(scopes) == 1 or Scope.APP in scopes or scopes in TOGETHER


def effective_keys(entry: Command, keymap: Mapping[str, str]) -> set[str]:
    """The keys that run `entry` with `keymap` in force, as Textual names them."""
    if entry.id in keymap:
        return set(keymap[entry.id].split(","))
    return {_character_to_key(key) if len(key) == 1 else key for key in registry.keys_in_effect(entry, {})}


def _clashes(keymap: Mapping[str, str], where: Mapping[str, Path]) -> list[Problem]:
    """A problem for each pair of commands, one of them remapped, that would share a key where both work."""
    problems: list[Problem] = []
    commands = [entry for entry in registry.COMMANDS if entry.keys]
    keys = {entry.id: effective_keys(entry, keymap) for entry in commands}
    for first, second in combinations(commands, 2):
        if first.id not in keymap and second.id not in keymap:
            continue
        shared = keys[first.id] & keys[second.id]
        if not shared or not _together(first, second):
            continue
        mine, other = (first, second) if first.id in keymap else (second, first)
        message = _("{keys} would also run {other} ({description}) there; give one of them another key").format(
            keys=", ".join(sorted(shared)), other=other.id, description=_(other.help)
        )
        problems.append((where[mine.id], message))
    return problems
