"""Promise forms: record one (ours or the customer's), amend one, and say why one is cancelled."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select

from salestui.i18n import _
from salestui.services import promises
from salestui.services.context import Context
from salestui.services.deal_views import PromiseView
from salestui.services.errors import ValidationError
from salestui.services.promise_words import status_word
from salestui.services.specs import PROMISE, PROMISE_OUTCOME
from salestui.text import one_line
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import REQUIRED_MARK, label, select

NO_DEAL = "-"  # the deal field's "no deal" choice (a Select's value cannot be blank here)


class PromiseForm(FormScreen[PromiseView | None]):
    """Record a promise with one customer; given `amending`, append a corrected version of that promise.

    `deals` are the customer's (id, title), offered in the optional deal field (left out when there are none).
    """

    TIMES_AHEAD = True

    def __init__(
        self,
        context: Context,
        customer_id: str,
        customer_name: str,
        deals: tuple[tuple[str, str], ...] = (),
        amending: PromiseView | None = None,
    ) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.deals = deals
        self.amending = amending

    def title_content(self) -> Content:
        if self.amending is not None:
            return heading(_("Amend a promise with {name} (the original stays)"), name=self.customer_name)
        return heading(_("New promise with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        spec, promise = PROMISE, self.amending
        yield self.field("side", label(spec, "side"), select(spec, "side", promise.side if promise else "customer"))
        yield self.field("kind", label(spec, "kind"), select(spec, "kind", promise.kind if promise else None))
        what = Input(promise.what if promise else "", placeholder=_("e.g. pay the 30% deposit"))
        yield self.field("what", label(spec, "what"), what)
        due = self.time_input(self.local_time_text(promise.due_at) if promise else "")
        due.placeholder = _("friday 17:00, +3d, 2026-12-01 12:00")
        yield self.field("due_at", label(spec, "due_at"), due)
        choices = [(one_line(title), deal_id) for deal_id, title in self.deals]
        linked = promise.deal_id if promise else None
        if linked and linked not in dict(self.deals).keys():
            choices.append((linked[:8], linked))
        if choices:
            options = [(_("no deal"), NO_DEAL), *choices]
            deal = Select(options, value=linked or NO_DEAL, allow_blank=False)
            yield self.field("deal_id", label(spec, "deal_id"), deal)

    def show_time_note(self, widget: Input) -> None:
        """Blank says nothing (a due time must be typed), else what the text means."""
        if widget.value.strip():
            super().show_time_note(widget)
        else:
            self._fields["due_at"].set_note("")

    def build_save(self) -> Callable[[], PromiseView]:
        raw: dict[str, Any] = self.texts(("side", "kind", "what"))
        if "deal_id" in self._fields:
            deal_id = self.text("deal_id")
            raw["deal_id"] = None if deal_id == NO_DEAL else deal_id
        due_text = self.text("due_at")
        if self.amending is None or due_text != self.opened_with.get("due_at"):  # untouched: the exact time stays
            if not due_text.strip():
                raise ValidationError({"due_at": _("required")})
            raw["due_at"] = self.parse_time("due_at")
        if self.amending is not None:
            return partial(promises.amend, self.context, self.amending.id, raw)
        return partial(promises.add, self.context, self.customer_id, raw)

    def error_field(self, name: str) -> str:
        """A correction refused as a whole ("nothing changed") is said under what was promised."""
        return "what" if name == "promise" else name


class SettleForm(FormScreen[PromiseView | None]):
    """Mark a promise kept, broken or cancelled with a note (a cancelled one must say why)."""

    def __init__(self, context: Context, promise: PromiseView, status: str) -> None:
        super().__init__(context)
        self.promise = promise
        self.status = status

    def title_content(self) -> Content:
        return heading(_("Mark {status}: {what}"), status=status_word(self.status), what=self.promise.what)

    def compose_fields(self) -> ComposeResult:
        due = _("Due {time}").format(time=self.local_time_text(self.promise.due_at))
        yield Label(due, classes="form-info", markup=False)
        note = label(PROMISE_OUTCOME, "note") + (REQUIRED_MARK if self.status == "cancelled" else "")
        placeholder = _("why it was cancelled") if self.status == "cancelled" else _("optional: what happened")
        yield self.field("note", note, Input(placeholder=placeholder))

    def build_save(self) -> Callable[[], PromiseView]:
        raw = {"status": self.status, "note": self.text("note")}
        return partial(promises.settle, self.context, self.promise.id, raw)
