"""The interaction form: log a call, visit, message or note with one customer, or amend one already logged."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, TextArea

from salestui.i18n import _
from salestui.services import timeline
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.spec import clean
from salestui.services.specs import INTERACTION
from salestui.services.views import InteractionView
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select

TEXT_FIELDS = ("kind", "direction", "summary", "body", "outcome", "next_step")


class InteractionForm(FormScreen[InteractionView | None]):
    """Append an interaction to a customer's timeline (there is no editing: corrections are new records).

    Given `amending`, the form opens filled with that entry and saving appends an amendment of it
    (`timeline.amend`); the entry itself stays as it was.
    """

    def __init__(
        self, context: Context, customer_id: str, customer_name: str, amending: InteractionView | None = None
    ) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.amending = amending

    def title_content(self) -> Content:
        if self.amending is not None:
            return heading(_("Amend the contact with {name} (the original stays)"), name=self.customer_name)
        return heading(_("Log a contact with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        spec, entry = INTERACTION, self.amending
        yield self.field("kind", label(spec, "kind"), select(spec, "kind", entry.kind if entry else "call"))
        yield self.field(
            "direction", label(spec, "direction"), select(spec, "direction", entry.direction if entry else None)
        )
        when = self.local_time_text(entry.occurred_at) if entry else _("now")
        yield self.field("occurred_at", label(spec, "occurred_at"), self.time_input(when))
        summary = Input(entry.summary if entry else "", placeholder=_("one line: what happened"))
        yield self.field("summary", label(spec, "summary"), summary)
        yield self.field("body", label(spec, "body"), TextArea(entry.body if entry else "", soft_wrap=True))
        yield self.field("outcome", label(spec, "outcome"), Input(entry.outcome if entry else ""))
        yield self.field("next_step", label(spec, "next_step"), Input(entry.next_step if entry else ""))

    def error_field(self, name: str) -> str:
        """An amendment refused as a whole ("nothing changed") is said under the summary."""
        return "summary" if name == "interaction" else name

    def build_save(self) -> Callable[[], InteractionView]:
        raw: dict[str, Any] = self.texts(TEXT_FIELDS)
        if self.amending is not None and self.text("occurred_at") == self.opened_with.get("occurred_at"):
            # The time as shown (to the minute) was not touched: the entry keeps its exact time.
            return partial(timeline.amend, self.context, self.amending.id, raw)
        try:
            raw["occurred_at"] = self.parse_time("occurred_at")
        except ValidationError as error:
            # Report what the service would also refuse, so every problem shows at once.
            now = self.context.clock.now()
            _values, others = clean(INTERACTION, {**raw, "occurred_at": now}, now=now)
            raise ValidationError({**others, **error.errors}) from None
        if self.amending is not None:
            return partial(timeline.amend, self.context, self.amending.id, raw)
        return partial(timeline.append, self.context, self.customer_id, raw)
