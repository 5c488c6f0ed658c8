"""The edit form (`E`): a follow-up's title, kind, due time, priority and repeat (a preset, shown in words).

A new due time reschedules it (a snooze ends); a new repeat rule makes the rest of the series follow it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Select

from salestui.i18n import _
from salestui.services import follow_up_changes, recurrence_words
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.specs import FOLLOW_UP
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select

KEEP = "keep"  # the repeat choice for a rule no preset makes: it stays as it is
WEEKDAY_CODES = tuple(recurrence_words.WEEKDAYS)


class EditFollowUpForm(FormScreen[FollowUpView | None]):
    """Change an open follow-up; only what differs from what it holds is saved."""

    TIMES_AHEAD = True

    def __init__(self, context: Context, follow_up: FollowUpView) -> None:
        super().__init__(context)
        self.follow_up = follow_up

    def title_content(self) -> Content:
        return heading(_("Edit follow-up with {name}"), name=self.follow_up.customer_name)

    def compose_fields(self) -> ComposeResult:
        item, spec = self.follow_up, FOLLOW_UP
        yield self.field("title", label(spec, "title"), Input(item.title))
        yield self.field("kind", label(spec, "kind"), select(spec, "kind", item.kind))
        yield self.field("due_at", label(spec, "due_at"), self.time_input(self.local_time_text(item.due_at)))
        yield self.field("priority", label(spec, "priority"), select(spec, "priority", item.priority))
        presets = [(_(preset.label), preset.code) for preset in recurrence_words.PRESETS]
        start = "none"
        if item.rrule:
            presets.insert(0, (_("Keep: {words}").format(words=recurrence_words.describe(item.rrule)), KEEP))
            start = KEEP
        weekday = WEEKDAY_CODES[self.context.clock.local(item.due_at).weekday()]
        days = [(_(recurrence_words.WEEKDAYS[code]), code) for code in WEEKDAY_CODES]
        yield self.field(
            "repeat",
            label(spec, "rrule"),
            Select(presets, value=start, allow_blank=False),
            ("repeat_number", Input("1", placeholder="N", classes="form-narrow")),
            ("repeat_weekday", Select(days, value=weekday, allow_blank=False, classes="form-narrow")),
        )

    def on_mount(self) -> None:
        self.show_repeat_words()

    def rule(self) -> str:
        """The rule the repeat fields make (the current one for KEEP); ValidationError naming `repeat`."""
        code = self.text("repeat")
        if code == KEEP:
            return self.follow_up.rrule
        number_text = self.text("repeat_number").strip() or "1"
        try:
            number = int(number_text)
            return recurrence_words.preset_rule(code, count=number, weekday=self.text("repeat_weekday"), day=number)
        except ValueError:
            limit = "1–31" if code == "month_day" else "1–999"
            raise ValidationError({"repeat": _("N must be a whole number ({range})").format(range=limit)}) from None

    @on(Select.Changed, "#field-repeat")
    @on(Select.Changed, "#field-repeat_weekday")
    @on(Input.Changed, "#field-repeat_number")
    def show_repeat_words(self) -> None:
        """Under the repeat, the rule in words; beside it only what the preset asks for (N, a weekday)."""
        code = self.text("repeat")
        asks = next((preset.asks for preset in recurrence_words.PRESETS if preset.code == code), ())
        self.control("repeat_number").display = "count" in asks or "day" in asks
        self.control("repeat_weekday").display = "weekday" in asks
        try:
            rule = self.rule()
        except ValidationError as error:
            note = error.errors["repeat"]
        else:
            note = "→ " + recurrence_words.describe(rule) if rule else ""
        self._fields["repeat"].set_note(note)

    def build_save(self) -> Callable[[], FollowUpView]:
        item = self.follow_up
        raw: dict[str, Any] = {}
        for name, now in (("title", item.title), ("kind", item.kind), ("priority", item.priority)):
            if self.text(name) != now:
                raw[name] = self.text(name)
        if self.text("due_at") != self.opened_with.get("due_at"):
            raw["due_at"] = self.parse_time("due_at")
        rule = self.rule()
        if rule != item.rrule:
            raw["rrule"] = rule
        return partial(follow_up_changes.edit, self.context, item.id, raw)

    def error_field(self, name: str) -> str:
        return "repeat" if name == "rrule" else name
