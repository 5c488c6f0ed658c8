"""The config file's [templates] section: extra fields per kind of interaction, and which fields are required.

    [templates.call]
    required = ["purpose", "outcome"]          # exactly these built-in fields are required (others optional)
    extra = [{key = "budget", label = "Budget", label_zh_CN = "预算", required = true}]

An extra field is text unless its `type` says "multiline", "number" (with `min`, `max`) or "choice" (with
`choices`). Each problem is reported with the path of the value it is about, so the config file can name its line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from salestui.i18n import N_, _
from salestui.services import templates
from salestui.services.spec import Choice, FieldSpec, Integer, Text
from salestui.services.specs import INTERACTION
from salestui.services.templates import OptionalChoice, Template, TemplateField
from salestui.text import character_problem

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}", re.ASCII)
KIND_SETTINGS = ("extra", "required")
EXTRA_SETTINGS = ("key", "label", "label_zh_CN", "required", "type", "choices", "min", "max", "limit")
TYPES = ("text", "multiline", "number", "choice")
RESERVED = (*INTERACTION.fields, "fields", "id", templates.CONTACT_PERSON)
LABEL_LIMIT = 60
TEXT_LIMITS = {"text": 300, "multiline": 2000}
TEXT_LIMIT_MAX = 20_000
NUMBER_LIMIT = 10**15
EXAMPLE = '{key = "budget", label = "Budget"}'


def adjusted(section: Any, root: str = "templates") -> tuple[dict[str, Template], list[Problem]]:
    """The templates as the [templates] section adjusts them, and what is wrong with it (nothing is adjusted for a
    kind with a problem)."""
    problems: list[Problem] = []
    if not isinstance(section, Mapping):
        return {}, [((root,), _("must be a table of kinds, e.g. [templates.call]"))]
    kinds = INTERACTION.choice("kind").codes
    result: dict[str, Template] = {}
    for kind, settings in section.items():
        path: Path = (root, kind)
        if kind not in kinds:
            problems.append((path, _("no such kind of interaction (kinds: {kinds})").format(kinds=", ".join(kinds))))
            continue
        found, kind_problems = _adjust(templates.BUILT_IN[kind], settings, path)
        problems.extend(kind_problems)
        if found is not None and not kind_problems:
            result[kind] = found
    return result, problems


def _adjust(built_in: Template, settings: Any, path: Path) -> tuple[Template | None, list[Problem]]:
    if not isinstance(settings, Mapping):
        return None, [(path, _("must be a table with extra and/or required"))]
    problems: list[Problem] = [
        ((*path, name), _("unknown setting (use {settings})").format(settings=", ".join(KIND_SETTINGS)))
        for name in settings
        if name not in KIND_SETTINGS
    ]
    extra: list[TemplateField] = []
    raw_extra = settings.get("extra", [])
    if not isinstance(raw_extra, list):
        problems.append(
            ((*path, "extra"), _("must be a list of fields, e.g. {example}").format(example=f"[{EXAMPLE}]"))
        )
        raw_extra = []
    taken = set(built_in.keys())
    for index, entry in enumerate(raw_extra):
        made, entry_problems = _extra_field(entry, (*path, "extra", index), taken)
        problems.extend(entry_problems)
        if made is not None:
            extra.append(made)
            taken.add(made.key)
    fields = list(built_in.fields)
    if "required" in settings:
        wanted = settings["required"]
        if not isinstance(wanted, list) or not all(isinstance(name, str) for name in wanted):
            problems.append(((*path, "required"), _('must be a list of field keys, e.g. ["purpose"]')))
        else:
            for position, name in enumerate(wanted):
                if name not in taken:
                    fields_text = ", ".join(sorted(taken)) or "-"
                    message = _("{key!r} is not a field of this template (its fields: {fields})").format(
                        key=name, fields=fields_text
                    )
                    problems.append(((*path, "required", position), message))
            fields = [replace(item, spec=_required(item.spec, item.key in wanted)) for item in fields]
            extra = [
                replace(item, spec=replace(item.spec, required=True)) if item.key in wanted else item for item in extra
            ]
    if fields and fields[-1].key == "body":  # pasted text stays last
        fields[-1:-1] = extra
    else:
        fields.extend(extra)
    return replace(built_in, fields=tuple(fields)), problems


def _required(spec: FieldSpec, required: bool) -> FieldSpec:
    """`spec`, required or not; a choice made optional offers none ('')."""
    if not required and isinstance(spec, Choice) and "" not in spec.values:
        return OptionalChoice({"": N_("Not given"), **spec.values}, label=spec.label, default="")
    return replace(spec, required=required)


def _extra_field(entry: Any, path: Path, taken: set[str]) -> tuple[TemplateField | None, list[Problem]]:
    """One extra field from its table: key, label, type and the rest, or what is wrong with them."""
    if not isinstance(entry, Mapping):
        return None, [(path, _("must be a table such as {example}").format(example=EXAMPLE))]
    problems: list[Problem] = [
        ((*path, name), _("unknown setting (use {settings})").format(settings=", ".join(EXTRA_SETTINGS)))
        for name in entry
        if name not in EXTRA_SETTINGS
    ]
    key = entry.get("key")
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        problems.append(((*path, "key"), _("1-32 lower-case letters, digits or _, starting with a letter")))
    elif key in RESERVED:
        problems.append(
            ((*path, "key"), _("{key!r} is a field every interaction has; choose another key").format(key=key))
        )
    elif key in taken:
        problems.append(((*path, "key"), _("{key!r} is already a field of this template").format(key=key)))
    labels = {}
    for name, language in (("label", "en"), ("label_zh_CN", "zh_CN")):
        if name not in entry and name == "label_zh_CN":
            continue
        text, problem = _label(entry.get(name))
        if problem:
            problems.append(((*path, name), problem))
        labels[language] = text
    required = entry.get("required", False)
    if not isinstance(required, bool):
        problems.append(((*path, "required"), _("must be true or false")))
    spec, spec_problems = _spec(entry, path, required is True)
    problems.extend(spec_problems)
    if problems or spec is None:
        return None, problems
    return TemplateField(str(key), spec, labels), []


def _label(value: Any) -> tuple[str, str]:
    if not isinstance(value, str) or not value.strip():
        return "", _("required: the text the form shows")
    text = value.strip()
    problem = character_problem(text)
    if problem:
        return "", problem
    if len(text) > LABEL_LIMIT:
        return "", _("at most {limit} characters (got {count})").format(limit=LABEL_LIMIT, count=len(text))
    return text, ""


def _spec(entry: Mapping[str, Any], path: Path, required: bool) -> tuple[FieldSpec | None, list[Problem]]:
    """The field spec an extra field's type and settings ask for."""
    kind = entry.get("type", "text")
    if kind not in TYPES:
        return None, [((*path, "type"), _("one of: {choices}").format(choices=", ".join(TYPES)))]
    allowed = {"text": ("limit",), "multiline": ("limit",), "number": ("min", "max"), "choice": ("choices",)}[kind]
    problems: list[Problem] = [
        ((*path, name), _("not a setting of a {type} field").format(type=kind))
        for name in ("choices", "min", "max", "limit")
        if name in entry and name not in allowed
    ]
    if kind == "choice":
        choices = entry.get("choices")
        if (
            not isinstance(choices, list)
            or not choices
            or not all(isinstance(code, str) and code.strip() and not character_problem(code) for code in choices)
            or len(set(choices)) != len(choices)
        ):
            problems.append(((*path, "choices"), _("a list of different, non-empty texts")))
            return None, problems
        values = {code.strip(): code.strip() for code in choices}
        if required:
            return Choice(values, required=True), problems
        return OptionalChoice({"": "—", **values}, default=""), problems
    if kind == "number":
        low, high = entry.get("min", 0), entry.get("max", NUMBER_LIMIT)
        for name, number in (("min", low), ("max", high)):
            if type(number) is not int or not 0 <= number <= NUMBER_LIMIT:
                problems.append(
                    (
                        (*path, name),
                        _("a whole number from {minimum} to {maximum}").format(minimum=0, maximum=NUMBER_LIMIT),
                    )
                )
        if not problems and low > high:
            problems.append(((*path, "min"), _("min must not be more than max")))
        return (None if problems else Integer(low, high, required=required)), problems
    limit = entry.get("limit", TEXT_LIMITS[kind])
    if type(limit) is not int or not 1 <= limit <= TEXT_LIMIT_MAX:
        message = _("a whole number from {minimum} to {maximum}").format(minimum=1, maximum=TEXT_LIMIT_MAX)
        return None, [*problems, ((*path, "limit"), message)]
    return Text(limit, multiline=kind == "multiline", required=required), problems
