"""The keys of quick capture: `a` on the main screen opens it; on its line ↓/↑ pick among matching customers."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import EVERY_PANE, Command, Scope

CAPTURE_COMMANDS: tuple[Command, ...] = (
    Command(
        "follow-up.capture",
        "a",
        N_("Capture"),
        N_("Plan a follow-up from one typed line, e.g. call 张伟 tomorrow 3pm about the quote"),
        Scope.MAIN,
        palette=N_("follow-up: quick capture"),
        reloads=EVERY_PANE,
    ),
    Command(
        "capture.next-customer",
        "down",
        N_("Next match"),
        N_("Highlight the next customer the line matches"),
        Scope.CAPTURE,
        action="pick(1)",
    ),
    Command(
        "capture.previous-customer",
        "up",
        N_("Previous match"),
        N_("Highlight the previous customer the line matches"),
        Scope.CAPTURE,
        action="pick(-1)",
    ),
)
