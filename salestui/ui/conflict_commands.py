"""The keys of a save that met another rep's changes (ui/forms/conflict.py): which version of each field is saved."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import Command, Scope

CONFLICT_COMMANDS: tuple[Command, ...] = (
    Command(
        "conflict.switch", "space", N_("Switch"), N_("Save this field's other value"), Scope.CONFLICT, action="switch"
    ),
    Command(
        "conflict.theirs",
        "left",
        N_("Theirs"),
        N_("Save the value the other rep saved"),
        Scope.CONFLICT,
        action="keep(0)",
    ),
    Command("conflict.mine", "right", N_("Mine"), N_("Save the value you typed"), Scope.CONFLICT, action="keep(1)"),
    Command(
        "conflict.all-theirs",
        "t",
        N_("All theirs"),
        N_("Save every field as the other rep saved it"),
        Scope.CONFLICT,
        action="keep_all(0)",
    ),
    Command(
        "conflict.all-mine",
        "m",
        N_("All mine"),
        N_("Save every field as you typed it"),
        Scope.CONFLICT,
        action="keep_all(1)",
    ),
)
