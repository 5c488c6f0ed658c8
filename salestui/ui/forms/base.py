"""The shared modal form: labelled fields with inline errors; ctrl+s saves in a worker, escape cancels."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Generic, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.errors import NotFound, ValidationError, is_busy
from salestui.services.when import WhenError, parse_when
from salestui.text import visible
from salestui.ui import registry
from salestui.ui.confirm import discard_question
from salestui.ui.forms.fields import FormField, control_text, error_content
from salestui.ui.registry import Scope

ResultT = TypeVar("ResultT")


COMPACT_BELOW = 30  # terminal rows
# A save that finds the database busy (after SQLite's own busy timeout) is tried this often, this far apart.
BUSY_TRIES = 5
BUSY_RETRY_SECONDS = 1.0


class FormScreen(ModalScreen[ResultT], Generic[ResultT]):
    """A modal form over the app: subclasses add fields and say how to save; this class does the rest."""

    # Whether the times typed here are meant to lie ahead (a due date): a past one is pointed out as it is typed.
    TIMES_AHEAD = False

    DEFAULT_CSS = """
    FormScreen {
        align: center middle;
    }
    FormScreen #form-dialog {
        width: 84;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    FormScreen #form-title {
        width: 1fr;
        text-style: bold;
    }
    FormScreen #form-problems {
        display: none;
        color: $text-error;
    }
    FormScreen #form-body {
        height: auto;
        max-height: 1fr;
    }
    FormScreen #form-keys {
        dock: bottom;
        width: 1fr;
        color: $text-muted;
    }
    FormScreen.-compact FormField .form-label {
        padding: 0 1 0 0;
    }
    FormScreen .form-info {
        width: 1fr;
        margin-bottom: 1;
    }
    """

    AUTO_FOCUS = ".form-control"
    BINDINGS: ClassVar[list[BindingType]] = registry.bindings(Scope.FORM)

    @dataclass
    class Saved(Message, bubble=False):
        """The service accepted the input; `result` is what it returned."""

        result: Any

    @dataclass
    class Refused(Message, bubble=False):
        """The service refused the input; `errors` maps field names to what is wrong."""

        errors: dict[str, str]

    @dataclass
    class Failed(Message, bubble=False):
        """Saving failed for a reason other than bad input."""

        error: Exception

    @dataclass
    class Retrying(Message, bubble=False):
        """The database was busy; the save is being tried again."""

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.saving = False
        self._fields: dict[str, FormField] = {}
        self.opened_with: dict[str, str] = {}  # what the fields held when the form opened

    # What each form provides.

    def title_content(self) -> Content:
        """The form's title (user data inside it must stay plain text)."""
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        """The form's fields, each made with `field()`."""
        raise NotImplementedError

    def build_save(self) -> Callable[[], ResultT]:
        """Read and parse the fields on the UI thread; return the service call to run in a worker.

        Raise ValidationError for input the UI itself cannot read (times, for example): nothing is then saved.
        """
        raise NotImplementedError

    def error_field(self, name: str) -> str:
        """Which field shows the service's error for `name` (the same name unless a form says otherwise)."""
        return name

    def time_ahead(self, name: str) -> bool:
        """Whether the time typed in field `name` is meant to lie ahead (TIMES_AHEAD unless a form says per field)."""
        return self.TIMES_AHEAD

    # Building blocks for subclasses.

    def field(self, name: str, label: str, control: Widget, *extra: tuple[str, Widget]) -> FormField:
        """A labelled row holding `control` (named `name`) and any extra (name, control) pairs beside it."""
        pairs = ((name, control), *extra)
        for control_name, widget in pairs:
            widget.id = f"field-{control_name}"
            widget.add_class("form-control")
        row = FormField(label, tuple(widget for _name, widget in pairs), tuple(n for n, _w in pairs))
        for control_name, _widget in pairs:
            self._fields[control_name] = row
        return row

    def time_input(self, text: str) -> Input:
        """An Input for a typed time ('now', '-2h', 'tomorrow 09:00'); the field shows what it resolves to."""
        return Input(text, classes="form-time", placeholder=_("now, -2h, tomorrow 10:00, 2026-12-01 14:00"))

    def when(self, text: str) -> datetime:
        """`text` read as a time in the user's zone, relative to now (raises WhenError)."""
        return parse_when(text, self.context.clock.now(), self.context.clock.zone)

    def parse_time(self, name: str) -> datetime:
        """The typed time in field `name` as aware UTC; ValidationError naming that field if unreadable."""
        try:
            return self.when(self.text(name))
        except WhenError as error:
            raise ValidationError({name: str(error)}) from None

    def local_time_text(self, moment: datetime) -> str:
        return self.context.clock.local(moment).strftime("%Y-%m-%d %H:%M")

    def control(self, name: str) -> Widget:
        return self.query_one(f"#field-{name}")

    def text(self, name: str) -> str:
        """What the field called `name` holds now: an Input's value, a TextArea's text or a Select's code."""
        return control_text(self.control(name))

    def texts(self, names: Iterable[str]) -> dict[str, str]:
        return {name: self.text(name) for name in names}

    def error_text(self, name: str) -> str:
        """The error shown for the field called `name` ('' when none)."""
        return self._fields[name].error_text

    # The shared plumbing.

    def compose(self) -> ComposeResult:
        with Vertical(id="form-dialog"):
            yield Label(self.title_content(), id="form-title")
            yield Label("", id="form-problems", markup=False)
            body = VerticalScroll(id="form-body")
            body.can_focus = False
            with body:
                yield from self.compose_fields()
            yield Label("", id="form-keys", markup=False)

    def on_mount(self) -> None:
        self.set_saving(False)
        self.fit_height(self.app.size.height)
        for widget in self.query(".form-time").results(Input):
            self.show_time_note(widget)
        self.opened_with = self.texts(self._fields)

    @property
    def changed(self) -> bool:
        """Whether any field holds something other than what it held when the form opened."""
        return self.texts(self._fields) != self.opened_with

    def on_resize(self, event: events.Resize) -> None:
        self.fit_height(event.size.height)

    def fit_height(self, height: int) -> None:
        """On a short terminal (80x24) inputs drop their borders, so more fields fit on one screen."""
        compact = height < COMPACT_BELOW
        self.set_class(compact, "-compact")
        for widget in self.query(".form-control"):
            if isinstance(widget, Input | Select):
                widget.compact = compact

    @on(Input.Changed, ".form-time")
    def time_changed(self, event: Input.Changed) -> None:
        self.show_time_note(event.input)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def field_changed(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        """A field's error goes once its text changes: it spoke of what was there before."""
        row = self._fields.get((event.control.id or "").removeprefix("field-"))
        if row is not None and row.error_text:
            row.clear_error()

    def show_time_note(self, widget: Input) -> None:
        """Under a time field, the local time the text means, or why it cannot be read (blank while empty)."""
        name = (widget.id or "").removeprefix("field-")
        try:
            moment = self.parse_time(name)
        except ValidationError as error:
            note = error.errors[name] if widget.value.strip() else ""
        else:
            note = "→ " + self.local_time_text(moment)
            if self.time_ahead(name) and moment < self.context.clock.now():
                note += " · " + _("in the past: it will be overdue at once")
        self._fields[name].set_note(note)

    def action_submit(self) -> None:
        if self.saving:
            return
        self.clear_errors()
        try:
            save = self.build_save()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        self.set_saving(True)
        self.run_save(save)

    def set_saving(self, saving: bool) -> None:
        """While a save runs, a second ctrl+s or an escape is ignored and the key line says so."""
        self.saving = saving
        self.query_one("#form-keys", Label).update(self.saving_text() if saving else self.keys_text())

    def saving_text(self) -> str:
        """The key line while a save runs."""
        return _("Saving…")

    def keys_text(self) -> str:
        """The key line: what saves and what cancels."""
        return _("{save} save · {cancel} cancel · tab next field").format(
            save=registry.key_text(self.app, registry.command("form.save")),
            cancel=registry.key_text(self.app, registry.command("form.cancel")),
        )

    def action_cancel(self) -> None:
        """Close without saving; if a field was changed, ask first."""
        if self.saving:
            return
        if not self.changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(discard_question(), answered)

    @work(thread=True, exit_on_error=False, group="form-save")
    def run_save(self, save: Callable[[], ResultT]) -> None:
        """Run the service call off the UI thread and report back with a message.

        While another SalesTUI holds the write lock (past SQLite's busy timeout) the save is tried again, a few
        times a second apart: a busy write was rolled back whole, so trying again cannot save anything twice.
        """
        for attempt in range(1, BUSY_TRIES + 1):
            try:
                result = save()
            except ValidationError as error:
                self.post_message(self.Refused(error.errors))
            except Exception as error:  # any failure is shown, and the form stays open
                if is_busy(error) and attempt < BUSY_TRIES:
                    if attempt == 1:
                        self.post_message(self.Retrying())
                    time.sleep(BUSY_RETRY_SECONDS)
                    continue
                self.post_message(self.Failed(error))
            else:
                self.post_message(self.Saved(result))
            return

    @on(Input.Submitted)
    def submit_on_enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Saved)
    def saved(self, message: Saved) -> None:
        self.set_saving(False)
        self.dismiss(self.dismiss_value(message.result))

    def dismiss_value(self, result: Any) -> Any:
        """What the form closes with, given what the service returned (that same thing unless overridden)."""
        return result

    @on(Refused)
    def refused(self, message: Refused) -> None:
        self.set_saving(False)
        self.show_errors(message.errors)

    @on(Retrying)
    def retrying(self, _message: Retrying) -> None:
        self.notify(
            _("The database is busy (another SalesTUI is writing); retrying…"),
            markup=False,
            timeout=BUSY_TRIES * BUSY_RETRY_SECONDS + 5,
        )

    @on(Failed)
    def failed(self, message: Failed) -> None:
        self.set_saving(False)
        error = message.error
        if isinstance(error, NotFound):
            text = _("This record no longer exists; nothing was saved.")
        elif is_busy(error):
            text = _("Not saved: the database is still busy (another SalesTUI is writing); try again.")
        else:
            text = _("Not saved: {error}").format(error=str(error) or type(error).__name__)
        self.notify(visible(text), title=_("Error"), severity="error", markup=False)

    def clear_errors(self) -> None:
        for row in self.query(FormField):
            row.clear_error()
        self.query_one("#form-problems", Label).display = False

    def show_errors(self, errors: dict[str, str]) -> None:
        """Show each error under its own field, any other above the form, and focus the first bad field."""
        by_row: dict[FormField, list[str]] = {}
        loose: list[str] = []
        for name, message in errors.items():
            row = self._fields.get(self.error_field(name))
            if row is None:
                loose.append(f"{name}: {message}")
            else:
                by_row.setdefault(row, []).append(message)
        for row, messages in by_row.items():
            row.show_error(messages)
        problems = self.query_one("#form-problems", Label)
        problems.update(error_content("; ".join(loose)))
        problems.display = bool(loose)
        first = next((row for row in self.query(FormField) if row in by_row), None)
        if first is not None:
            first.controls[0].focus()
            self.call_after_refresh(first.scroll_visible)
