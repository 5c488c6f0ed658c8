"""Standard record templates: the fields each kind of interaction asks for, and which of them are required.

A template field either stands for one of the interaction's own columns (outcome, next step, the body as "pasted
text") or is kept in `Interaction.fields`, canonical JSON of {key: text} ('' when there are none). The built-in
templates are below; the config file adjusts them (services/template_config.py). The services, the form and the
CLI all check a record against the active template through `validate`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from salestui.i18n import N_, _, current_language
from salestui.services.ledger import canonical
from salestui.services.spec import (
    Choice,
    CleanContext,
    FieldSpec,
    Invalid,
    Ref,
    Spec,
    Text,
    clean,
)
from salestui.services.specs import INTERACTION
from salestui.text import one_line

COLUMNS = ("outcome", "next_step", "body")  # interaction columns a template field may stand for
CONTACT_PERSON = "contact_person"  # the key of a field naming one of the customer's contact persons
SCALES = {"5": (1, 5), "10": (0, 10)}
_WHOLE = re.compile(r"[0-9]{1,3}")


@dataclass(frozen=True)
class Score(FieldSpec):
    """A whole-number score on the scale the record's field `scale` names (1-5 or 0-10); blank is None."""

    scale: str = "scale"

    def bounds(self, context: CleanContext) -> tuple[int, int]:
        return SCALES.get(str(context.raw.get(self.scale) or "5").strip(), SCALES["5"])

    def clean(self, value: Any, context: CleanContext) -> int | None:
        low, high = self.bounds(context)
        text = str(value).strip() if value is not None else ""
        if not text:
            if self.required:
                raise Invalid(_("required"))
            return None
        if not _WHOLE.fullmatch(text) or not low <= int(text) <= high:
            raise Invalid(_("a whole number from {minimum} to {maximum}").format(minimum=low, maximum=high))
        return int(text)


@dataclass(frozen=True)
class OptionalChoice(Choice):
    """One of some codes, or blank: `values` holds '' (with the label a form shows for none)."""

    def problem(self) -> str:
        return _("one of: {choices}; or empty").format(choices=", ".join(code for code in self.values if code))


@dataclass(frozen=True)
class TemplateField:
    """One field of a template. `labels` holds a config field's own label per language (built-in fields have
    none: their spec's label is translated from the catalog)."""

    key: str
    spec: FieldSpec
    labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def column(self) -> str | None:
        """The interaction column this field stands for, or None if it is kept in `Interaction.fields`."""
        return self.key if self.key in COLUMNS else None

    @property
    def required(self) -> bool:
        return self.spec.required

    def label(self) -> str:
        if self.labels:
            return self.labels.get(current_language()) or self.labels.get("en") or self.key
        return _(self.spec.label)


@dataclass(frozen=True)
class Template:
    """The fields a kind of interaction asks for, in the order the form shows them; `beside` puts a field's
    companion on its row (a score's scale)."""

    kind: str
    fields: tuple[TemplateField, ...]
    beside: Mapping[str, str] = field(default_factory=dict)

    def keys(self) -> tuple[str, ...]:
        return tuple(item.key for item in self.fields)

    def get(self, key: str) -> TemplateField | None:
        return next((item for item in self.fields if item.key == key), None)

    def spec(self) -> Spec:
        return Spec(f"template.{self.kind}", {item.key: item.spec for item in self.fields})

    def form_keys(self) -> tuple[str, ...]:
        """What a form (or `salestui log --field`) may give: the template's fields, and the body always."""
        keys = self.keys()
        return keys if "body" in keys else (*keys, "body")

    def body_label(self) -> str:
        found = self.get("body")
        return found.label() if found is not None else _(INTERACTION["body"].label)


def _column(name: str, label: str = "", required: bool = False) -> TemplateField:
    spec = INTERACTION[name]
    return TemplateField(name, replace(spec, label=label or spec.label, required=required))


def _text(key: str, label: str, limit: int = 300, multiline: bool = False, required: bool = False) -> TemplateField:
    return TemplateField(key, Text(limit, multiline=multiline, required=required, label=label))


SEVERITIES = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
IM_CHANNELS = {
    "": N_("Not given"),
    "wechat": N_("WeChat"),
    "wecom": N_("WeCom"),
    "qq": "QQ",
    "dingtalk": N_("DingTalk"),
    "whatsapp": "WhatsApp",
    "telegram": "Telegram",
    "line": "LINE",
    "sms": N_("SMS"),
    "other": N_("Other"),
}

BUILT_IN: dict[str, Template] = {
    template.kind: template
    for template in (
        Template(
            "call",
            (
                TemplateField(CONTACT_PERSON, Ref(entity="contact_person", label=N_("Contact person"))),
                _text("purpose", N_("Purpose")),
                _column("outcome"),
                _column("next_step"),
            ),
        ),
        Template(
            "visit",
            (_text("place", N_("Place")), _text("attendees", N_("Attendees"), 500), _column("outcome")),
        ),
        Template(
            "meeting",
            (
                _text("attendees", N_("Attendees"), 500),
                _text("agenda", N_("Agenda"), 2000, multiline=True),
                _text("decisions", N_("Decisions"), 2000, multiline=True),
            ),
        ),
        Template(
            "im",
            (
                TemplateField("channel", OptionalChoice(IM_CHANNELS, label=N_("Channel"), default="")),
                _text("handle", N_("Handle"), 100),
                _column("body", N_("Pasted text")),
            ),
        ),
        Template("email", (_text("subject", N_("Subject"), 300), _column("body", N_("Pasted text")))),
        Template("note", ()),
        Template(
            "complaint",
            (
                _text("issue", N_("Issue"), 2000, multiline=True),
                TemplateField("severity", Choice(SEVERITIES, required=True, label=N_("Severity"))),
            ),
        ),
        Template(
            "feedback",
            (
                TemplateField("score", Score(required=True, label=N_("Score"))),
                TemplateField("scale", Choice({"5": N_("1–5"), "10": N_("0–10")}, label=N_("Scale"), default="5")),
                _text("comment", N_("Comment"), 2000, multiline=True),
            ),
            beside={"score": "scale"},
        ),
    )
}

_active: dict[str, Template] = dict(BUILT_IN)


def use(adjusted: Mapping[str, Template]) -> None:
    """Make these the templates in force (from the config file)."""
    _active.clear()
    _active.update(BUILT_IN)
    _active.update(adjusted)


def reset() -> None:
    """Back to the built-in templates."""
    use({})


def template(kind: str) -> Template:
    """The template in force for `kind`; a kind without one asks for nothing beyond the interaction's own fields."""
    return _active.get(kind) or Template(kind, ())


def kind_name(kind: str) -> str:
    """'a call' in messages: the kind's label, lower case where the language has case."""
    choice = INTERACTION.choice("kind")
    return _(choice.values[kind]).lower() if kind in choice.values else kind


def validate(raw: Mapping[str, Any], now: datetime | None) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    """Check an interaction against its kind's template: (the interaction's column values, the template's own
    values by key, errors by field). Keys that are neither an interaction field nor one of the kind's template
    fields are errors naming the kind's fields."""
    columns = {name: value for name, value in raw.items() if name in INTERACTION.fields}
    values, errors = clean(INTERACTION, columns, now=now)
    if "kind" in errors:
        return values, {}, errors
    found = template(values["kind"])
    given = {key: raw.get(key) for key in found.keys()}
    own, own_errors = clean(found.spec(), given)
    for item in found.fields:  # a required choice left blank is missing, not a wrong code
        if item.required and item.spec.blank(given[item.key]):
            own_errors[item.key] = _("required")
    for key, message in own_errors.items():
        errors.setdefault(key, message)
    unknown = [name for name in raw if name not in INTERACTION.fields and name not in found.keys()]
    if unknown:
        offered = ", ".join(name for name in found.form_keys()) or "-"
        problem = _("not a field of the {kind} template (its fields: {fields})").format(
            kind=kind_name(found.kind), fields=offered
        )
        errors.update(dict.fromkeys(unknown, problem))
    for key in found.keys():  # a column the template stands for was cleaned by the interaction's spec too
        if key in COLUMNS:
            values[key] = own.pop(key)
    return values, own, errors


def stored_fields(own: Mapping[str, Any]) -> str:
    """The template's values as `Interaction.fields` keeps them: canonical JSON of the non-empty ones as text."""
    texts = {key: str(value) for key, value in own.items() if value is not None and value != ""}
    return canonical(texts) if texts else ""


def read_fields(stored: str) -> dict[str, str]:
    """`Interaction.fields` back as {key: text} ({} for none, or for text that is not such an object)."""
    if not stored:
        return {}
    try:
        found = json.loads(stored)
    except ValueError:
        return {}
    return {str(key): str(value) for key, value in found.items()} if isinstance(found, dict) else {}


def shown(kind: str, stored: str, contact_name: str = "") -> list[tuple[str, str]]:
    """The template fields an interaction holds, as (label, text) in the template's order: choices by their label,
    the contact person by name, a score with its scale ('4/5'). A key the template no longer has keeps its key."""
    values = read_fields(stored)
    found = template(kind)
    lines: list[tuple[str, str]] = []
    for item in found.fields:
        if item.key not in values or item.key in found.beside.values():
            continue
        text = values[item.key]
        if item.key == CONTACT_PERSON:
            text = contact_name or text
        elif isinstance(item.spec, Choice):
            text = _(item.spec.values.get(text, text))
        elif isinstance(item.spec, Score):
            scale = values.get(found.beside.get(item.key, ""), "5")
            text = f"{text}/{SCALES.get(scale, SCALES['5'])[1]}"
        lines.append((item.label(), one_line(text)))
    lines.extend((key, one_line(text)) for key, text in values.items() if found.get(key) is None)
    return lines
