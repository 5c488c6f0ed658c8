"""The interaction form: log a call, visit, message or note with one customer."""

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
    """Append an interaction to a customer's timeline (there is no editing: corrections are new records)."""

    def __init__(self, context: Context, customer_id: str, customer_name: str) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name

    def title_content(self) -> Content:
        return heading(_("Log a contact with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        spec = INTERACTION
        yield self.field("kind", label(spec, "kind"), select(spec, "kind", "call"))
        yield self.field("direction", label(spec, "direction"), select(spec, "direction"))
        yield self.field("occurred_at", label(spec, "occurred_at"), self.time_input(_("now")))
        yield self.field("summary", label(spec, "summary"), Input(placeholder=_("one line: what happened")))
        yield self.field("body", label(spec, "body"), TextArea(soft_wrap=True))
        yield self.field("outcome", label(spec, "outcome"), Input())
        yield self.field("next_step", label(spec, "next_step"), Input())

    def build_save(self) -> Callable[[], InteractionView]:
        raw: dict[str, Any] = self.texts(TEXT_FIELDS)
        try:
            raw["occurred_at"] = self.parse_time("occurred_at")
        except ValidationError as error:
            # Report what the service would also refuse, so every problem shows at once.
            now = self.context.clock.now()
            _values, others = clean(INTERACTION, {**raw, "occurred_at": now}, now=now)
            raise ValidationError({**others, **error.errors}) from None
        return partial(timeline.append, self.context, self.customer_id, raw)
