"""Form controls made from a record type's field spec: labels with required marks, and choices."""

from __future__ import annotations

from textual.widgets import Select

from salestui.i18n import _
from salestui.services.spec import Spec

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
