"""The follow-up queue's commands beyond done and snooze (registry.py lists those with the main screen's); with the
queue's team view and quick capture, the daily loop's commands (DAILY_LOOP_COMMANDS)."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.capture_commands import CAPTURE_COMMANDS
from salestui.ui.command_types import EVERY_PANE, Command, Scope, Target
from salestui.ui.queue_commands import QUEUE_COMMANDS

FOLLOW_UP_COMMANDS: tuple[Command, ...] = (
    Command(
        "follow-up.edit",
        "E",
        N_("Edit follow-up"),
        N_("Change the highlighted follow-up: what, kind, due time (reschedule), priority, repeat"),
        Scope.MAIN,
        palette=N_("follow-up: edit"),
        target=Target.FOLLOW_UP,
        reloads=EVERY_PANE,
    ),
    Command(
        "follow-up.reassign",
        "R",
        N_("Reassign"),
        N_("Give the highlighted follow-up to another rep"),
        Scope.MAIN,
        palette=N_("follow-up: reassign"),
        target=Target.FOLLOW_UP,
        reloads=EVERY_PANE,
    ),
)

DAILY_LOOP_COMMANDS = (*FOLLOW_UP_COMMANDS, *QUEUE_COMMANDS, *CAPTURE_COMMANDS)
