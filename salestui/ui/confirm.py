"""A yes/no question answered from the keyboard (y or n; escape means no)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from salestui.i18n import _
from salestui.ui import registry
from salestui.ui.registry import Scope


class ConfirmScreen(ModalScreen[bool]):
    """Asks `question`; dismisses with True for yes, False for no."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen #confirm-dialog {
        width: auto;
        max-width: 100%;
        height: auto;
        border: round $warning;
        background: $surface;
        padding: 0 2;
    }
    ConfirmScreen #confirm-question {
        text-style: bold;
    }
    ConfirmScreen #confirm-keys {
        color: $text-muted;
    }
    """
    BINDINGS = registry.bindings(Scope.CONFIRM)

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        keys = _("{yes_key}: {yes} · {no_key}: {no}").format(
            yes_key=registry.key_text(self.app, registry.command("confirm.yes")),
            yes=self.yes,
            no_key="/".join(registry.key_texts(self.app, registry.command("confirm.no"))),
            no=self.no,
        )
        with Vertical(id="confirm-dialog"):
            yield Label(self.question, id="confirm-question", markup=False)
            yield Label(keys, id="confirm-keys", markup=False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def discard_question() -> ConfirmScreen:
    """'Discard your changes?' asked when escape would close a form that was changed."""
    return ConfirmScreen(_("Discard your changes?"), _("discard"), _("keep editing"))
