"""Form controls made from a record type's field spec: labels with required marks, and choices."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services.spec import Choice, Spec, Text

REQUIRED_MARK = " *"


def label(spec: Spec, name: str) -> str:
    """The field's label in the current language, marked when the field is required."""
    field = spec[name]
    return _(field.label) + (REQUIRED_MARK if field.required else "")


def select(spec: Spec, name: str, value: str | None = None) -> Select[str]:
    """A Select offering the field's codes with their labels; a stored code the spec no longer offers stays
    selectable (shown as the code) so opening a record never changes it."""
    choice = spec.choice(name)
    options = choice.options()
    value = value if value is not None else choice.default
    if value not in choice.values:
        options = [*options, (value, value)]
    return Select(options, value=value, allow_blank=False)


def multiline(spec: Spec, name: str) -> bool:
    """Whether the field is text of several lines (a TextArea)."""
    field = spec[name]
    return isinstance(field, Text) and field.multiline


def control(spec: Spec, name: str, text: str, placeholder: str = "") -> Widget:
    """The control the field's spec calls for, holding `text`: a Select for a choice, a TextArea for text of
    several lines, else an Input."""
    if isinstance(spec[name], Choice):
        return select(spec, name, text)
    if multiline(spec, name):
        return TextArea(text, soft_wrap=True)
    return Input(text, placeholder=placeholder)


def form_order(spec: Spec) -> tuple[str, ...]:
    """The spec's fields as a form lays them out: the one-line ones in the spec's order, then the text areas, so
    short fields added later (a time zone) are not left below tall ones."""
    names = tuple(spec)
    return (*(name for name in names if not multiline(spec, name)), *(name for name in names if multiline(spec, name)))
