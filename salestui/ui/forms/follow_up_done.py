"""The done form (`x`): what came of the follow-up, its kind's required template fields, and the next one.

The outcome goes on the timeline as a contact of the follow-up's kind (a call is logged as a call, a follow-up
without a kind as a note); the next follow-up is planned in the same save, prefilled with the same title and kind
and a week later (blank due: none). A recurring follow-up's next occurrence comes from its series instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Select, TextArea

from salestui.i18n import _
from salestui.services import contacts, follow_up_changes, recurrence_words, templates
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.specs import FOLLOW_UP
from salestui.ui.forms import template_fields
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select

NEXT_DUE = "+1w"  # what the next follow-up's due field starts with
# The next follow-up's fields on the form, by the name the service gives their errors.
NEXT_FIELDS = {"next.title": "next_title", "next.kind": "next_kind", "next.due_at": "next_due"}


@dataclass
class ContactsLoaded(Message, bubble=False):
    contacts: tuple[tuple[str, str], ...]


class CompleteForm(FormScreen[follow_up_changes.Completed | bool | None]):  # saves Completed, closes with True
    """Mark a follow-up done with its outcome (logged on the timeline) and plan the next one; closes with True."""

    TIMES_AHEAD = True
    DEFAULT_CSS = """
    CompleteForm #field-outcome {
        height: 4;
    }
    CompleteForm.-compact #field-outcome {
        height: 3;
    }
    """

    def __init__(self, context: Context, follow_up: FollowUpView) -> None:
        super().__init__(context)
        self.follow_up = follow_up
        self.required = tuple(
            item for item in templates.template(follow_up_changes.interaction_kind(follow_up.kind)).fields
            if item.required
        )  # fmt: skip
        self.contacts: tuple[tuple[str, str], ...] = ()

    def title_content(self) -> Content:
        return heading(_("Done: {title} ({name})"), title=self.follow_up.title, name=self.follow_up.customer_name)

    def compose_fields(self) -> ComposeResult:
        item = self.follow_up
        kind = follow_up_changes.interaction_kind(item.kind)
        info = _("Due {time} · logged on the timeline as {kind}").format(
            time=self.local_time_text(item.due_at), kind=templates.kind_name(kind)
        )
        yield Label(info, classes="form-info", markup=False)
        outcome = TextArea(soft_wrap=True, placeholder=_("what came of it (the first line is the summary)"))
        yield self.field("outcome", _("Outcome") + " *", outcome)
        for field_item in self.required:
            yield self.field(
                field_item.key,
                template_fields.field_label(field_item),
                template_fields.control(field_item, "", self.contacts),
            )
        if item.rrule:
            words = recurrence_words.describe(item.rrule)
            yield Label(
                _("Repeats {words}: the next one is scheduled when this is done").format(words=words),
                classes="form-info",
                markup=False,
            )
            return
        yield self.field("next_due", _("Next follow-up (blank: none)"), self.time_input(NEXT_DUE))
        yield self.field("next_title", label(FOLLOW_UP, "title"), Input(item.title))
        yield self.field("next_kind", label(FOLLOW_UP, "kind"), select(FOLLOW_UP, "kind", item.kind))

    def on_mount(self) -> None:
        if any(field_item.key == templates.CONTACT_PERSON for field_item in self.required):
            self.load_contacts()

    @work(thread=True, exit_on_error=False, group="form-contacts")
    def load_contacts(self) -> None:
        people = contacts.for_customer(self.follow_up.customer_id)
        self.post_message(ContactsLoaded(tuple((person.name, person.id) for person in people)))

    @on(ContactsLoaded)
    def contacts_loaded(self, message: ContactsLoaded) -> None:
        self.contacts = message.contacts
        for widget in self.query(f"#field-{templates.CONTACT_PERSON}").results(Select):
            widget.set_options(self.contacts)

    def show_time_note(self, widget: Input) -> None:
        if widget.id == "field-next_due" and not widget.value.strip():
            self._fields["next_due"].set_note(_("no next follow-up"))
            return
        super().show_time_note(widget)

    def next_raw(self) -> dict[str, Any] | None:
        if self.follow_up.rrule or not self.text("next_due").strip():
            return None
        due: datetime = self.parse_time("next_due")
        return {"title": self.text("next_title"), "kind": self.text("next_kind"), "due_at": due}

    def build_save(self) -> Callable[[], follow_up_changes.Completed]:
        fields = self.texts(field_item.key for field_item in self.required)
        planned = self.next_raw()  # ValidationError naming next_due if its time cannot be read
        return partial(
            follow_up_changes.complete, self.context, self.follow_up.id, self.text("outcome"), fields, planned
        )

    def error_field(self, name: str) -> str:
        return NEXT_FIELDS.get(name, name)

    def dismiss_value(self, result: Any) -> bool:
        if isinstance(result, follow_up_changes.Completed) and result.next is not None:
            self.notify(
                _("Done. Next follow-up: {time}").format(time=self.local_time_text(result.next.due_at)), markup=False
            )
        return True
