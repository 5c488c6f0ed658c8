"""The interaction form: log a call, visit, message or note with one customer, through its kind's template, and
optionally schedule the next follow-up in the same save; or amend a contact already logged."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from salestui.i18n import _
from salestui.services import contacts, followups, templates, timeline
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.specs import FOLLOW_UP, INTERACTION
from salestui.services.templates import Template
from salestui.services.views import InteractionView
from salestui.ui.forms import template_fields
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import FormField, heading
from salestui.ui.forms.spec_fields import label, select

TEXT_FIELDS = ("kind", "direction", "summary", "body")
# The follow-up's fields on the form, and the names the service gives their errors.
FOLLOW_UP_FIELDS = {"follow_up_due": "due_at", "follow_up_title": "title"}


@dataclass
class ContactsLoaded(Message, bubble=False):
    """The customer's contact persons, as (name, id) pairs."""

    contacts: tuple[tuple[str, str], ...]


class InteractionForm(FormScreen[InteractionView | None]):
    """Append an interaction to a customer's timeline (there is no editing: corrections are new records).

    Given `amending`, the form opens filled with that entry and saving appends an amendment of it
    (`timeline.amend`); the entry itself stays as it was, and its template fields go with the correction.
    """

    DEFAULT_CSS = """
    InteractionForm #template-fields {
        height: auto;
    }
    InteractionForm FormField > .form-row > TextArea.form-short {
        height: 3;
    }
    """
    AHEAD: ClassVar[frozenset[str]] = frozenset({"follow_up_due"})

    def __init__(
        self,
        context: Context,
        customer_id: str,
        customer_name: str,
        kind: str = "call",
        amending: InteractionView | None = None,
    ) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.amending = amending
        self.kind = amending.kind if amending is not None else kind
        self.contacts: tuple[tuple[str, str], ...] = ()
        self.template_keys: tuple[str, ...] = ()

    def title_content(self) -> Content:
        if self.amending is not None:
            return heading(_("Amend the contact with {name} (the original stays)"), name=self.customer_name)
        return heading(_("Log a contact with {name}"), name=self.customer_name)

    def given(self) -> dict[str, str]:
        """What the amended entry holds, by field ({} for a new contact)."""
        entry = self.amending
        if entry is None:
            return {}
        return {
            **templates.read_fields(entry.fields),
            "direction": entry.direction,
            "summary": entry.summary,
            "body": entry.body,
            "outcome": entry.outcome,
            "next_step": entry.next_step,
        }

    @property
    def template(self) -> Template:
        return templates.template(self.kind)

    def compose_fields(self) -> ComposeResult:
        spec, given, entry = INTERACTION, self.given(), self.amending
        yield self.field("kind", label(spec, "kind"), select(spec, "kind", self.kind))
        yield self.field("direction", label(spec, "direction"), select(spec, "direction", given.get("direction")))
        when = self.local_time_text(entry.occurred_at) if entry is not None else _("now")
        yield self.field("occurred_at", label(spec, "occurred_at"), self.time_input(when))
        summary = Input(given.get("summary", ""), placeholder=_("one line: what happened"))
        yield self.field("summary", label(spec, "summary"), summary)
        with Vertical(id="template-fields"):
            yield from self.template_rows(self.template, given)
        yield self.field("body", self.body_label(), TextArea(given.get("body", ""), soft_wrap=True))
        if entry is not None:
            return  # an amendment corrects the contact; the next follow-up is planned on its own
        due = self.time_input("")
        due.placeholder = _("optional: tomorrow 10:00, +3d, friday 15:00")
        yield self.field("follow_up_due", _("Next follow-up"), due)
        title = Input(placeholder=_("what to do then, e.g. send the quote"))
        # No required mark: the title is needed only with a time (the pair is optional).
        yield self.field("follow_up_title", _(FOLLOW_UP["title"].label), title)

    def body_label(self) -> str:
        body = self.template.get("body")
        return label(INTERACTION, "body") if body is None else template_fields.field_label(body)

    def template_rows(self, template: Template, kept: dict[str, str]) -> Iterator[FormField]:
        """A row per template field (the body has its own, below), holding what was typed under the same key."""
        companions = set(template.beside.values())
        keys: list[str] = []
        for item in template.fields:
            if item.key == "body" or item.key in companions:
                continue
            extra: list[tuple[str, Widget]] = []
            partner = template.get(template.beside.get(item.key, ""))
            if partner is not None:
                other = template_fields.control(partner, kept.get(partner.key, ""), self.contacts)
                other.add_class("form-narrow")
                extra.append((partner.key, other))
                keys.append(partner.key)
            widget = template_fields.control(item, kept.get(item.key, ""), self.contacts)
            keys.append(item.key)
            yield self.field(item.key, template_fields.field_label(item), widget, *extra)
        self.template_keys = tuple(keys)

    def on_mount(self) -> None:
        self.load_contacts()

    @work(thread=True, exit_on_error=False, group="form-contacts")
    def load_contacts(self) -> None:
        people = contacts.for_customer(self.customer_id)
        self.post_message(ContactsLoaded(tuple((person.name, person.id) for person in people)))

    @on(ContactsLoaded)
    def contacts_loaded(self, message: ContactsLoaded) -> None:
        self.contacts = message.contacts
        for widget in self.query(f"#field-{templates.CONTACT_PERSON}").results(Select):
            widget.set_options(self.contacts)
            if self.contacts:
                widget.prompt = _("— none —")

    @on(Select.Changed, "#field-kind")
    async def kind_changed(self) -> None:
        """Show the new kind's template; a field both kinds have keeps what was typed in it."""
        kind = self.text("kind")
        if kind == self.kind:
            return
        kept = self.texts(self.template_keys)
        for key in self.template_keys:
            del self._fields[key]
        self.kind = kind
        box = self.query_one("#template-fields", Vertical)
        await box.remove_children()
        await box.mount_all(list(self.template_rows(self.template, kept)))
        self._fields["body"].set_label(self.body_label())
        self.fit_height(self.app.size.height)

    def time_ahead(self, name: str) -> bool:
        return name in self.AHEAD

    def show_time_note(self, widget: Input) -> None:
        """A blank follow-up time means no follow-up, not one due now: it gets no note."""
        if widget.id == "field-follow_up_due" and not widget.value.strip():
            self._fields["follow_up_due"].set_note("")
            return
        super().show_time_note(widget)

    def follow_up_raw(self, errors: dict[str, str]) -> dict[str, Any] | None:
        """The follow-up to schedule with the interaction, or None if neither its time nor its title is given."""
        if self.amending is not None:
            return None
        due_text, title = self.text("follow_up_due"), self.text("follow_up_title")
        if not due_text.strip() and not title.strip():
            return None
        due: datetime | None = None
        if not due_text.strip():
            errors["follow_up_due"] = _("required")
        else:
            try:
                due = self.parse_time("follow_up_due")
            except ValidationError as error:
                errors.update(error.errors)
        return {"title": title, "due_at": due}

    def build_save(self) -> Callable[[], InteractionView]:
        if self.amending is not None:
            return self.amendment()
        raw: dict[str, Any] = self.texts((*TEXT_FIELDS, *self.template_keys))
        errors: dict[str, str] = {}
        try:
            raw["occurred_at"] = self.parse_time("occurred_at")
        except ValidationError as error:
            errors.update(error.errors)
        follow_up = self.follow_up_raw(errors)
        if errors:
            # Report what the service would also refuse, so every problem shows at once.
            now = self.context.clock.now()
            _values, _own, others = templates.validate({**raw, "occurred_at": raw.get("occurred_at", now)}, now)
            if follow_up is not None and follow_up["due_at"] is not None:
                try:
                    followups.checked(self.context, follow_up)
                except ValidationError as error:
                    others.update({f"{timeline.FOLLOW_UP_PREFIX}{n}": m for n, m in error.errors.items()})
            raise ValidationError({**others, **errors})
        return partial(timeline.append, self.context, self.customer_id, raw, follow_up)

    def amendment(self) -> Callable[[], InteractionView]:
        """The corrected columns of the amended entry (its template's own fields go with it unchanged)."""
        assert self.amending is not None
        columns = [
            name for name in (*TEXT_FIELDS, "outcome", "next_step") if name in (*TEXT_FIELDS, *self.template_keys)
        ]
        raw: dict[str, Any] = self.texts(columns)
        if self.text("occurred_at") != self.opened_with.get("occurred_at"):
            raw["occurred_at"] = self.parse_time("occurred_at")  # untouched, the entry keeps its exact time
        return partial(timeline.amend, self.context, self.amending.id, raw)

    def error_field(self, name: str) -> str:
        """An amendment refused as a whole ("nothing changed") is said under the summary."""
        if name == "interaction":
            return "summary"
        prefix = timeline.FOLLOW_UP_PREFIX
        if name.startswith(prefix):
            shown = {service: form for form, service in FOLLOW_UP_FIELDS.items()}
            return shown.get(name.removeprefix(prefix), "follow_up_title")
        return name
