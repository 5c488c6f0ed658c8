"""The contact person form: a new person at a customer, or changes to one, with the fields of its spec."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import ComposeResult
from textual.content import Content

from salestui.i18n import _
from salestui.services import contacts
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.services.specs import CONTACT_PERSON
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import control, form_order, label

FIELD_NAMES = form_order(CONTACT_PERSON)


def placeholders() -> dict[str, str]:
    """Examples shown in empty inputs, in the current language."""
    return {"title": _("e.g. purchasing manager"), "phone": "138 0013 8000", "im_handle": _("WeChat ID or handle")}


class ContactPersonForm(FormScreen[ContactPersonView | None]):
    """Add a contact person at a customer (`person` None) or edit one, saving only the fields that changed."""

    def __init__(
        self, context: Context, customer_id: str, customer_name: str, person: ContactPersonView | None
    ) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.person = person
        self.initial = {name: str(getattr(person, name)) if person else "" for name in FIELD_NAMES}

    def title_content(self) -> Content:
        if self.person is None:
            return heading(_("New contact person at {customer}"), customer=self.customer_name)
        template = _("Edit contact person: {name} ({customer})")
        return heading(template, name=self.person.name, customer=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        hints = placeholders()
        for name in FIELD_NAMES:
            widget = control(CONTACT_PERSON, name, self.initial[name], hints.get(name, ""))
            yield self.field(name, label(CONTACT_PERSON, name), widget)

    def build_save(self) -> Callable[[], ContactPersonView]:
        texts = self.texts(FIELD_NAMES)
        if self.person is None:
            return partial(contacts.add, self.context, self.customer_id, texts)
        changed = {name: text for name, text in texts.items() if text != self.initial[name]}
        if not changed:
            return partial(contacts.get, self.person.id)
        return partial(contacts.update, self.context, self.person.id, changed)
