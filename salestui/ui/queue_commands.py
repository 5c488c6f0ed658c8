"""The keys of the follow-up queue's team view, declared once like every other command (their ids can be
remapped): `t` switches between my queue and the team's, `r` picks one rep's. Handlers: ui/team_view.py."""

from __future__ import annotations

from salestui.i18n import N_
from salestui.ui.command_types import Command, Scope, Target

QUEUE_COMMANDS: tuple[Command, ...] = (
    Command(
        "follow-up.team",
        "t",
        N_("Team"),
        N_("Switch the follow-up queue between yours and the team's (managers and admins)"),
        Scope.MAIN,
        palette=N_("follow-up: team queue"),
        target=Target.QUEUE,
        footer=13,
    ),
    Command(
        "follow-up.by-rep",
        "r",
        N_("By rep"),
        N_("Show one rep's follow-up queue, or the whole team's (managers and admins)"),
        Scope.MAIN,
        palette=N_("follow-up: filter by rep"),
        target=Target.QUEUE,
    ),
)
