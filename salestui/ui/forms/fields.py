"""One labelled row of a form, with the line under it that says what is wrong, and title text helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from salestui.text import one_line, visible

ERROR_MARK = "✖"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def heading(template: str, **user_values: str) -> Content:
    """A title from a translated template whose `{placeholders}` are filled with user text, never read as markup."""
    parts: list[str | tuple[str, str]] = []
    for index, piece in enumerate(_PLACEHOLDER.split(template)):
        if index % 2:
            parts.append((one_line(user_values.get(piece, "")), "bold"))
        elif piece:
            parts.append(piece)
    return Content.assemble(*parts)


def control_text(widget: Widget) -> str:
    """What a form control holds now: an Input's value, a TextArea's text or a Select's code ('' if none)."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return "" if widget.value is Select.NULL else str(widget.value)
    raise TypeError(f"a {type(widget).__name__} holds no text")


def error_content(message: str) -> Content:
    """An error line that reads without colour: a cross, then the message as plain text."""
    return Content.assemble((f"{ERROR_MARK} ", "bold"), visible(message))


class FormField(Vertical):
    """One labelled row of a form: its controls, and below them the line saying what is wrong."""

    DEFAULT_CSS = """
    FormField, FormField > .form-row {
        height: auto;
    }
    FormField .form-label {
        width: 18;
        padding: 1 1 0 0;
        color: $text-muted;
    }
    FormField > .form-row > Input, FormField > .form-row > Select, FormField > .form-row > TextArea {
        width: 1fr;
    }
    FormField > .form-row > .form-narrow {
        width: 16;
    }
    FormField > .form-row > TextArea {
        height: 5;
    }
    FormField > .form-note {
        display: none;
        width: 1fr;
        margin-left: 18;
        color: $text-muted;
    }
    FormField > .form-error {
        display: none;
        width: 1fr;
        margin-left: 18;
        color: $text-error;
    }
    FormField.-invalid > .form-error {
        display: block;
    }
    FormField > .form-row > Input.-error, FormField > .form-row > TextArea.-error,
    FormField > .form-row > Select.-error > SelectCurrent {
        border: tall $error;
    }
    """

    def __init__(self, label: str, controls: tuple[Widget, ...], names: tuple[str, ...]) -> None:
        super().__init__(classes="form-field", id=f"row-{names[0]}")
        self.label = label
        self.controls = controls
        self.names = names

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(self.label, classes="form-label", markup=False)
            yield from self.controls
        yield Label("", classes="form-note", markup=False)
        yield Label("", classes="form-error", id=f"error-{self.names[0]}", markup=False)

    def set_label(self, text: str) -> None:
        self.label = text
        self.query_one(".form-label", Label).update(text)

    def set_note(self, text: str) -> None:
        """A muted hint under the controls (for example the time a typed 'when' means); '' hides it."""
        note = self.query_one(".form-note", Label)
        note.update(text)
        note.display = bool(text)

    @property
    def error_text(self) -> str:
        """The error shown under this field ('' when none), as plain text."""
        if not self.has_class("-invalid"):
            return ""
        return str(self.query_one(".form-error", Label).content)

    def show_error(self, messages: Iterable[str]) -> None:
        self.add_class("-invalid")
        for control in self.controls:
            control.add_class("-error")
        self.query_one(".form-error", Label).update(error_content("; ".join(messages)))

    def clear_error(self) -> None:
        self.remove_class("-invalid")
        for control in self.controls:
            control.remove_class("-error")
        self.query_one(".form-error", Label).update("")
