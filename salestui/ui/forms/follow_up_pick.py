"""Pick-one forms for a follow-up: snooze (`s`: 1 hour, this evening, tomorrow morning, next week, other…) and
reassign (`R`: another rep). Enter on a line saves it; "Other…" moves to a phrase such as "friday 3pm" or 明天下午3点.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from salestui.i18n import _
from salestui.services import follow_up_changes, followups, snooze_choices
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading


class PickForm(FormScreen[FollowUpView | None]):
    """A form whose first control is a list of choices: enter on one saves it (a subclass says how)."""

    DEFAULT_CSS = """
    PickForm #pick {
        height: auto;
        max-height: 10;
        border: none;
        margin-bottom: 1;
    }
    """
    AUTO_FOCUS = "#pick"
    OPTIONS_LABEL: ClassVar[str] = ""

    def __init__(self, context: Context, follow_up: FollowUpView) -> None:
        super().__init__(context)
        self.follow_up = follow_up

    def options(self) -> list[Option]:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        yield Label(self.info(), classes="form-info", markup=False)
        yield OptionList(*self.options(), id="pick")

    def info(self) -> str:
        return _("Due {time}").format(time=self.local_time_text(self.follow_up.due_at))

    @property
    def picked(self) -> str:
        pick = self.query_one("#pick", OptionList)
        if pick.highlighted is None:
            return ""
        return pick.get_option_at_index(pick.highlighted).id or ""

    @on(OptionList.OptionSelected, "#pick")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_submit()


class SnoozeForm(PickForm):
    """Put a follow-up off until one of the snooze choices, or a phrase typed under "Other…"."""

    def title_content(self) -> Content:
        return heading(_("Snooze: {title} ({name})"), title=self.follow_up.title, name=self.follow_up.customer_name)

    def options(self) -> list[Option]:
        now, zone = self.context.clock.now(), self.context.clock.zone
        lines = []
        for number, choice in enumerate(snooze_choices.CHOICES, start=1):
            text = f"{number}  {_(choice.label)}"
            if choice.moment is not None:
                text += "  → " + self.local_time_text(snooze_choices.until(choice.code, now, zone))
            lines.append(Option(text, id=choice.code))
        return lines

    def compose_fields(self) -> ComposeResult:
        yield from super().compose_fields()
        phrase = Input(placeholder=_("friday 3pm, next monday 10:00, +3d, 明天下午3点"))
        yield self.field("phrase", _("Other time"), phrase)

    def on_mount(self) -> None:
        codes = [choice.code for choice in snooze_choices.CHOICES]
        self.query_one("#pick", OptionList).highlighted = codes.index(snooze_choices.DEFAULT)

    def on_key(self, event: Any) -> None:
        """Digits pick a line of the list (while the list has focus)."""
        if self.focused is self.query_one("#pick") and event.character and event.character.isdigit():
            index = int(event.character) - 1
            if 0 <= index < len(snooze_choices.CHOICES):
                event.stop()
                self.pick_number(index)

    def pick_number(self, index: int) -> None:
        pick = self.query_one("#pick", OptionList)
        pick.highlighted = index
        self.action_submit()

    @on(Input.Changed, "#field-phrase")
    def phrase_changed(self, event: Input.Changed) -> None:
        if not event.value.strip():
            self._fields["phrase"].set_note("")
            return
        self.query_one("#pick", OptionList).highlighted = len(snooze_choices.CHOICES) - 1
        try:
            moment = self.until()
        except ValidationError as error:
            self._fields["phrase"].set_note(next(iter(error.errors.values())))
        else:
            self._fields["phrase"].set_note("→ " + self.local_time_text(moment))

    def until(self) -> Any:
        clock = self.context.clock
        try:
            return snooze_choices.until(self.picked, clock.now(), clock.zone, self.text("phrase"))
        except ValidationError as error:  # UnclearDate asks its question under the phrase
            raise ValidationError({"phrase": next(iter(error.errors.values()))}) from None

    def build_save(self) -> Callable[[], FollowUpView]:
        if self.picked == snooze_choices.OTHER and not self.text("phrase").strip():
            self.control("phrase").focus()
            raise ValidationError({"phrase": _("type when, e.g. friday 3pm")})
        return partial(followups.snooze, self.context, self.follow_up.id, self.until())

    def error_field(self, name: str) -> str:
        return "phrase" if name in ("until", "when") else name


class ReassignForm(PickForm):
    """Give a follow-up to another rep; it leaves this queue and is in theirs at once."""

    def __init__(self, context: Context, follow_up: FollowUpView, reps: list[tuple[str, str]]) -> None:
        super().__init__(context, follow_up)
        self.reps = reps

    def title_content(self) -> Content:
        return heading(_("Reassign: {title} ({name})"), title=self.follow_up.title, name=self.follow_up.customer_name)

    def info(self) -> str:
        return _("Now {login}'s · pick the rep to give it to").format(login=self.follow_up.rep_login)

    def options(self) -> list[Option]:
        return [Option(text, id=login) for text, login in self.reps if login != self.follow_up.rep_login]

    def build_save(self) -> Callable[[], FollowUpView]:
        if not self.picked:
            raise ValidationError({"login": _("there is no other rep to give it to")})
        return partial(follow_up_changes.reassign, self.context, self.follow_up.id, self.picked)

    def dismiss_value(self, result: Any) -> Any:
        if isinstance(result, FollowUpView):
            self.notify(_("Given to {login}").format(login=result.rep_login), markup=False)
        return result
