"""The new follow-up form (`f`); done, snooze, reassign and edit have modules of their own (follow_up_*.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from salestui.i18n import _
from salestui.services import followups
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.specs import FOLLOW_UP
from salestui.ui.forms import choices
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select


class FollowUpForm(FormScreen[FollowUpView | None]):
    """Schedule a follow-up with one customer for the current rep."""

    TIMES_AHEAD = True

    def __init__(self, context: Context, customer_id: str, customer_name: str) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name

    def title_content(self) -> Content:
        return heading(_("New follow-up with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        spec = FOLLOW_UP
        yield self.field("title", label(spec, "title"), Input(placeholder=_("e.g. call about the 2027 prices")))
        yield self.field("due_at", label(spec, "due_at"), self.time_input(_("tomorrow 09:00")))
        yield self.field("priority", label(spec, "priority"), select(spec, "priority"))
        yield self.field("rrule", label(spec, "rrule"), Select(choices.repeats(), value="none", allow_blank=False))

    def build_save(self) -> Callable[[], FollowUpView]:
        raw: dict[str, Any] = {
            "title": self.text("title"),
            "due_at": self.parse_time("due_at"),
            "priority": self.text("priority"),
            "rrule": choices.REPEAT_RULES[self.text("rrule")],
        }
        return partial(followups.create, self.context, self.customer_id, raw)
