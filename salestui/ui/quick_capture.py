"""Quick capture: one typed line becomes a follow-up, shown field by field (customer, kind, when, title) first.

The line is read (services.quick_capture.understand, in a worker) a moment after typing pauses. The user may fix
any field after tab; a fixed field keeps what the user put there while the line changes. Enter saves when nothing
is left to fix; with several matching customers ↓/↑ on the line (or the pick list itself) chooses one first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Select, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import quick_capture
from salestui.services.app_views import FollowUpView
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.quick_capture import Understood
from salestui.services.specs import FOLLOW_UP
from salestui.text import visible
from salestui.ui import registry
from salestui.ui.capture_state import FIXABLE, CaptureState
from salestui.ui.capture_words import customer_line, planned_text, when_text
from salestui.ui.debounce import Debounce
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select
from salestui.ui.registry import Scope

SERVICE_FIELDS = {"due_at": "when", "customer_id": "customer"}  # the service's field names, as this screen's


class CaptureLine(Input):
    """The line typed; ↓/↑ on it highlight the next or previous matching customer."""

    BINDINGS = registry.bindings(Scope.CAPTURE)

    @dataclass
    class Pick(Message):
        step: int

    def action_pick(self, step: int) -> None:
        self.post_message(self.Pick(step))


class QuickCaptureScreen(FormScreen[FollowUpView | None]):
    """One line at the top; below it what the line was understood as, and what to fix before enter saves."""

    DEFAULT_CSS = """
    QuickCaptureScreen {
        align: center top;
    }
    QuickCaptureScreen #form-dialog {
        width: 96;
        margin-top: 1;
    }
    QuickCaptureScreen.-compact #form-dialog {
        margin-top: 0;
    }
    QuickCaptureScreen #field-line {
        width: 1fr;
    }
    QuickCaptureScreen #field-customer {
        width: 1fr;
        height: auto;
    }
    QuickCaptureScreen #capture-customer {
        width: 1fr;
        padding: 1 0 0 0;
    }
    QuickCaptureScreen.-compact #capture-customer {
        padding: 0;
    }
    QuickCaptureScreen #capture-picks {
        display: none;
        height: auto;
        max-height: 7;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    QuickCaptureScreen.-compact #capture-picks {
        border: none;
        max-height: 4;
    }
    QuickCaptureScreen .capture-hint {
        color: $text-muted;
    }
    """

    @dataclass
    class Read(Message, bubble=False):
        """What the line was understood as (it may be out of date: the line may have changed since)."""

        understood: Understood

    def __init__(self, context: Context, delay: float = 0.15) -> None:
        super().__init__(context)
        self.delay = delay
        self.state = CaptureState()
        self.listed: tuple[str, ...] = ()  # the ids the pick list offers
        self.save_once_read = False

    # The form -----------------------------------------------------------------------------------------------

    def title_content(self) -> Content:
        return heading(_("Quick capture: plan a follow-up in one line"))

    def compose_fields(self) -> ComposeResult:
        line = CaptureLine(  # back on the line after fixing a field, typing goes on where it left off
            placeholder=_("e.g. call 张伟 tomorrow 3pm about the quote"), id="field-line", select_on_focus=False
        )
        line.add_class("form-control")
        yield line
        customer = Vertical(Static("", id="capture-customer"), OptionList(id="capture-picks"))
        yield self.field("customer", _("Customer"), customer)
        yield self.field("kind", label(FOLLOW_UP, "kind"), select(FOLLOW_UP, "kind"))
        when = Input(placeholder=_("tomorrow 3pm, 明天下午3点, 2026-12-01 14:00"))
        yield self.field("when", label(FOLLOW_UP, "due_at"), when)
        yield self.field("title", label(FOLLOW_UP, "title"), Input())

    def on_mount(self) -> None:
        self.debounce = Debounce(self, self.delay, self.read_line)
        self.state.filled = self.texts(FIXABLE)
        self.show_preview()

    @property
    def line(self) -> CaptureLine:
        return self.query_one(CaptureLine)

    @property
    def picks(self) -> OptionList:
        return self.query_one("#capture-picks", OptionList)

    def text(self, name: str) -> str:
        return (self.state.picked or "") if name == "customer" else super().text(name)

    def keys_text(self) -> str:
        return _("enter save · ↓ ↑ pick a customer · tab fix a field · {cancel} cancel").format(
            cancel=registry.key_text(self.app, registry.command("form.cancel"))
        )

    def error_field(self, name: str) -> str:
        return SERVICE_FIELDS.get(name, name)

    # Reading the line ---------------------------------------------------------------------------------------

    @on(Input.Changed, "#field-line")
    def line_changed(self, event: Input.Changed) -> None:
        event.prevent_default()
        self.debounce.schedule()

    def read_line(self) -> None:
        text = self.line.value
        if text.strip():
            self.understand(text)
        else:
            self.state.read(None)
            self.show_preview()

    @work(thread=True, exit_on_error=False, group="capture-read", exclusive=True)
    def understand(self, text: str) -> None:
        self.post_message(self.Read(quick_capture.understand(self.context, text)))

    @on(Read)
    def line_read(self, message: Read) -> None:
        if message.understood.text != self.line.value:
            return  # typed on since: a newer reading follows
        with self.prevent(Input.Changed, Select.Changed):  # the line fills them: the user did not set them
            for name, value in self.state.read(message.understood).items():
                control = self.control(name)
                if isinstance(control, Select | Input):
                    control.value = value
        self.show_preview()
        if self.save_once_read:
            self.save_once_read = False
            self.action_submit()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "capture-read":
            self.save_once_read = False
            text = _("Could not read the line: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)

    @on(Input.Changed, "#field-when, #field-title")
    @on(Select.Changed, "#field-kind")
    def field_edited(self, event: Input.Changed | Select.Changed) -> None:
        event.prevent_default()  # the field's problem is worked out again below, not just cleared
        name = (event.control.id or "").removeprefix("field-")
        self.state.edited(name, self.text(name))
        self.show_preview()

    # What is shown ------------------------------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        clock = self.context.clock
        return self.state.problems(self.texts(FIXABLE), clock.now(), clock.zone)

    def show_preview(self) -> None:
        self.show_customers()
        clock = self.context.clock
        moment = self.state.moment(self.texts(FIXABLE), clock.now(), clock.zone)
        note = "→ " + when_text(*moment, clock.now(), clock.local) if moment is not None else ""
        self._fields["when"].set_note(note)
        problems = self.problems()
        for name in ("customer", *FIXABLE):
            row = self._fields[name]
            if name in problems:
                row.show_error([problems[name]])
            else:
                row.clear_error()

    def show_customers(self) -> None:
        understood, picked = self.state.understood, self.state.picked
        rows = understood.customers if understood is not None else ()
        summary = self.query_one("#capture-customer", Static)
        summary.set_class(len(rows) > 1 and picked is None, "capture-hint")
        chosen = next((row for row in rows if row.id == picked), None)
        if chosen is not None:
            summary.update(customer_line(chosen))
        else:
            summary.update(Content(_("↓ ↑ to highlight one, then enter") if len(rows) > 1 else ""))
        picks = self.picks
        picks.display = len(rows) > 1
        ids = tuple(row.id for row in rows)
        if ids != self.listed:
            self.listed = ids
            with self.prevent(OptionList.OptionHighlighted):
                picks.clear_options()
                picks.add_options([customer_line(row) for row in rows])
                picks.highlighted = ids.index(picked) if picked in ids else None

    # Picking a customer -------------------------------------------------------------------------------------

    @on(CaptureLine.Pick)
    def step_pick(self, message: CaptureLine.Pick) -> None:
        if self.picks.display:
            if message.step > 0:
                self.picks.action_cursor_down()
            else:
                self.picks.action_cursor_up()

    @on(OptionList.OptionHighlighted, "#capture-picks")
    def customer_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.state.picked = self.listed[event.option_index]
        self.show_preview()

    @on(OptionList.OptionSelected, "#capture-picks")
    def customer_chosen(self, event: OptionList.OptionSelected) -> None:
        self.state.picked = self.listed[event.option_index]
        self.show_preview()
        self.action_submit()

    # Saving -------------------------------------------------------------------------------------------------

    def action_submit(self) -> None:
        """Save what the preview shows; a line not read yet is read first (then saved, if nothing is wrong)."""
        if self.saving or not self.line.value.strip():
            return
        understood = self.state.understood
        if understood is None or understood.text != self.line.value:
            self.save_once_read = True
            self.debounce.fire()
            return
        super().action_submit()

    def build_save(self) -> Callable[[], FollowUpView]:
        problems = self.problems()
        understood, picked = self.state.understood, self.state.picked
        if problems or understood is None or picked is None:
            raise ValidationError(problems)
        clock = self.context.clock
        changes = self.state.changes(self.texts(FIXABLE), clock.now(), clock.zone)
        return partial(quick_capture.save, self.context, understood, picked, changes)

    def show_errors(self, errors: dict[str, str]) -> None:
        errors = {self.error_field(name): text for name, text in errors.items()}
        super().show_errors(errors)
        if "customer" in errors:
            (self.picks if self.picks.display else self.line).focus()

    def dismiss_value(self, result: Any) -> Any:
        if isinstance(result, FollowUpView):
            self.notify(planned_text(result, self.context.clock.local), markup=False)
        return result

    def action_cancel(self) -> None:
        """Close at once without saving: nothing is written until enter."""
        if not self.saving:
            self.dismiss(None)
