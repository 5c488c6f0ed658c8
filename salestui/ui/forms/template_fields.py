"""Form controls for a record template's fields (services/templates.py): one per field, of the kind its spec asks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services.spec import Choice, Integer, Text
from salestui.services.templates import CONTACT_PERSON, Score, TemplateField
from salestui.ui.forms.spec_fields import REQUIRED_MARK


def field_label(item: TemplateField) -> str:
    """The field's label in the current language, marked when it is required."""
    return item.label() + (REQUIRED_MARK if item.required else "")


def contact_select(contacts: Sequence[tuple[str, str]], value: str) -> Select[str]:
    """A pick of the customer's contact persons ((name, id) pairs); blank is none."""
    ids = {contact_id for _name, contact_id in contacts}
    prompt = _("— none —") if contacts else _("no contact persons on file")
    return Select(contacts, prompt=prompt, allow_blank=True, value=value if value in ids else Select.NULL)


def choice_select(choice: Choice, value: str) -> Select[str]:
    """A Select of the choice's codes; a required choice without a default starts blank, so it must be picked."""
    options = choice.options()
    if value in choice.values:
        start: str = value
    elif choice.default in choice.values:
        start = str(choice.default)
    else:
        return Select([(label, code) for label, code in options if code], prompt=_("Choose…"), allow_blank=True)
    return Select(options, value=start, allow_blank=False)


def placeholder(item: TemplateField) -> str:
    spec = item.spec
    if isinstance(spec, Score):
        return _("a score")
    if isinstance(spec, Integer):
        return _("{minimum} to {maximum}").format(minimum=spec.minimum, maximum=spec.maximum)
    return ""


def control(item: TemplateField, value: str, contacts: Sequence[tuple[str, str]]) -> Widget:
    """The control for one template field holding `value` (what the user typed before, or '')."""
    spec = item.spec
    if item.key == CONTACT_PERSON:
        return contact_select(contacts, value)
    if isinstance(spec, Choice):
        return choice_select(spec, value)
    if isinstance(spec, Text) and spec.multiline and item.column is None:  # outcome, next step: one line will do
        return TextArea(value, soft_wrap=True, classes="form-short")
    return Input(value, placeholder=placeholder(item))
