"""Follow-up forms: schedule one, snooze one, mark one done."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select

from salestui.i18n import _
from salestui.services import followups
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.specs import FOLLOW_UP
from salestui.services.when import WhenError
from salestui.ui.forms import choices
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select


def repeat_label(rule: str) -> str:
    """A recurrence rule in words ('Every week'), or the rule itself when it is not one the form offers."""
    codes = {stored: code for code, stored in choices.REPEAT_RULES.items()}
    labels = {code: label for label, code in choices.repeats()}
    return labels.get(codes.get(rule, ""), rule)


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


class SnoozeForm(FormScreen[FollowUpView | None]):
    """Put a follow-up off: a preset, or a time the user types."""

    def __init__(self, context: Context, follow_up: FollowUpView) -> None:
        super().__init__(context)
        self.follow_up = follow_up

    def title_content(self) -> Content:
        return heading(_("Snooze: {title} ({name})"), title=self.follow_up.title, name=self.follow_up.customer_name)

    def compose_fields(self) -> ComposeResult:
        due = _("Due {time}").format(time=self.local_time_text(self.follow_up.due_at))
        yield Label(due, classes="form-info", markup=False)
        yield self.field(
            "preset", _("Snooze until"), Select(choices.snooze_presets(), value="tomorrow", allow_blank=False)
        )
        until = self.time_input("")
        until.placeholder = _("+2h, friday 10:00, 2026-12-01 14:00")
        yield self.field("until", _("Custom time"), until)

    def on_mount(self) -> None:
        self.show_preset_note()  # Textual also runs FormScreen.on_mount: handlers run for each class

    def preset_text(self) -> str:
        return choices.SNOOZE_PRESETS.get(self.text("preset"), "")

    @on(Select.Changed, "#field-preset")
    def show_preset_note(self) -> None:
        text = self.preset_text()
        note = "→ " + self.local_time_text(self.when(text)) if text else ""
        self._fields["preset"].set_note(note)

    @on(Input.Changed, "#field-until")
    def typing_picks_custom(self, event: Input.Changed) -> None:
        if event.value.strip():
            self.query_one("#field-preset", Select).value = choices.CUSTOM

    def show_time_note(self, widget: Input) -> None:
        if widget.value.strip():
            super().show_time_note(widget)
        else:
            self._fields["until"].set_note("")

    def error_field(self, name: str) -> str:
        if name == "until" and self.text("preset") != choices.CUSTOM:
            return "preset"
        return name

    def build_save(self) -> Callable[[], FollowUpView]:
        text = self.preset_text()
        if not text:
            if not self.text("until").strip():
                raise ValidationError({"until": _("type a time, or pick a preset")})
            until = self.parse_time("until")
        else:
            try:
                until = self.when(text)
            except WhenError as error:  # a preset always reads; kept so a bad catalog edit cannot crash
                raise ValidationError({"preset": str(error)}) from None
        return partial(followups.snooze, self.context, self.follow_up.id, until)


class CompleteForm(FormScreen[FollowUpView | bool | None]):  # saves a view or None, closes with True
    """Mark a follow-up done with an optional outcome; a recurring one comes back at its next date."""

    def __init__(self, context: Context, follow_up: FollowUpView) -> None:
        super().__init__(context)
        self.follow_up = follow_up

    def title_content(self) -> Content:
        return heading(_("Done: {title} ({name})"), title=self.follow_up.title, name=self.follow_up.customer_name)

    def compose_fields(self) -> ComposeResult:
        info = _("Due {time}").format(time=self.local_time_text(self.follow_up.due_at))
        if self.follow_up.rrule:
            info += " · " + _("{repeat}: the next one is scheduled when this is done").format(
                repeat=repeat_label(self.follow_up.rrule)
            )
        yield Label(info, classes="form-info", markup=False)
        yield self.field("outcome", _("Outcome"), Input(placeholder=_("optional: what came of it")))

    def build_save(self) -> Callable[[], FollowUpView | None]:
        return partial(followups.complete, self.context, self.follow_up.id, self.text("outcome"))

    def dismiss_value(self, result: Any) -> bool:
        if isinstance(result, FollowUpView):
            self.notify(_("Next follow-up: {time}").format(time=self.local_time_text(result.due_at)), markup=False)
        return True
