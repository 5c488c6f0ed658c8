"""The team view of the follow-up queue (managers and admins): `t` switches between my queue and the team's, `r`
picks one rep's (or the whole team's) in a small list. A rep without the role is told so, never shown an error."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, OptionList

from salestui.i18n import _
from salestui.services import daily_queue
from salestui.services.app_views import FollowUpQueue
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.queue_views import DailyQueue
from salestui.text import one_line
from salestui.ui import registry
from salestui.ui.actions import ActionHost, handles
from salestui.ui.command_types import QueueRef
from salestui.ui.forms.fields import heading
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.queue_lines import QUEUE_LIMIT
from salestui.ui.registry import Command, Scope

Logins = tuple[str, ...] | None  # whose queue: None mine, () the whole team's, (login,) one rep's
TEAM: tuple[str, ...] = ()


@runtime_checkable
class TeamHost(Protocol):
    """What the team view asks of the main screen (besides what every handler may ask, `ActionHost`)."""

    context: Context

    def in_background(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None: ...

    def open_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None) -> None: ...

    def show_queue_of(self, logins: Logins) -> None: ...

    def notify(self, message: str, *, severity: Any = "information", markup: bool = True) -> Any: ...


@dataclass(frozen=True)
class ReadQueue:
    """The queue read for the pane, and why another one was shown instead ('' if it was not)."""

    queue: DailyQueue
    refused: str = ""

    def own_follow_ups(self, context: Context) -> FollowUpQueue | None:
        """The rep's own follow-ups in the queue (what the alerts warn about); None if the queue is another's."""
        if self.queue.rep_logins != (context.rep_login,):
            return None
        groups = (self.queue.overdue, self.queue.today, self.queue.upcoming)
        overdue, today, upcoming = (tuple(item.follow_up for item in group if item.follow_up) for group in groups)
        return FollowUpQueue(overdue, today, upcoming)


def read_queue(context: Context, logins: Logins) -> ReadQueue:
    """The queue of `logins`; the rep's own, with the reason, if they may not see it (say, a role taken away)."""
    try:
        return ReadQueue(daily_queue.queue(context, logins=logins, limit=QUEUE_LIMIT))
    except ValidationError as refused:
        mine = daily_queue.queue(context, limit=QUEUE_LIMIT)
        return ReadQueue(mine, "; ".join(refused.errors.values()))


def team_host(host: ActionHost) -> TeamHost:
    assert isinstance(host, TeamHost), "the team view runs on the main screen"
    return host


def refusal_text() -> str:
    return _("Only a manager or admin can see the team's queue or another rep's; yours is shown.")


@handles("follow-up.team")
def toggle_team(action_host: ActionHost, _command: Command, shown: QueueRef) -> None:
    """Mine → the team's; the team's or one rep's → mine."""
    host = team_host(action_host)
    if shown.logins is not None:
        host.show_queue_of(None)
        return

    def switch(allowed: bool) -> None:
        if allowed:
            host.show_queue_of(TEAM)
        else:
            host.notify(refusal_text(), severity="warning", markup=False)

    host.in_background(partial(daily_queue.can_see_team, host.context), switch)


@handles("follow-up.by-rep")
def pick_rep(action_host: ActionHost, _command: Command, shown: QueueRef) -> None:
    """Read the reps (if this rep may see theirs), then offer them in a list."""
    host = team_host(action_host)

    def reps() -> list[str] | None:
        return daily_queue.rep_logins() if daily_queue.can_see_team(host.context) else None

    def offer(found: list[str] | None) -> None:
        if found is None:
            host.notify(refusal_text(), severity="warning", markup=False)
            return

        def show(picked: tuple[str, ...] | None) -> None:
            if picked is not None:
                host.show_queue_of(picked)

        host.open_screen(RepPickScreen(host.context.rep_login, found, shown.logins), show)

    host.in_background(reps, offer)


class RepOptions(MarkedList):
    """The list of reps (arrow keys move, enter picks)."""


class RepPickScreen(ModalScreen[tuple[str, ...] | None]):
    """'Whole team', then each rep by login; closes with the logins picked, or None."""

    BINDINGS = registry.bindings(Scope.VIEW)

    def __init__(self, my_login: str, logins: list[str], shown: Logins) -> None:
        super().__init__()
        self.my_login = my_login
        self.logins = logins
        self.shown = (my_login,) if shown is None else shown

    def compose(self) -> ComposeResult:
        with Vertical(id="rep-pick-dialog"):
            yield Label(heading(_("Whose follow-up queue?")), id="rep-pick-title")
            yield RepOptions(id="rep-pick-options")
            keys = (registry.key_text(self.app, registry.command(key)) for key in ("cursor.open", "view.close"))
            yield Label(_("{pick} show · {close} close").format(pick=next(keys), close=next(keys)), markup=False)

    def on_mount(self) -> None:
        items = [Item(Content(_("Whole team")), TEAM, id="rep-team")]
        for login in self.logins:
            name = _("{login} (you)").format(login=one_line(login)) if login == self.my_login else one_line(login)
            items.append(Item(Content(name), (login,), id=f"rep-{login}"))
        options = self.query_one(RepOptions)
        options.set_items(items, follow_item=False)
        options.highlighted = next((n for n, item in enumerate(items) if item.value == self.shown), 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.query_one(RepOptions).current)

    def action_close(self) -> None:
        self.dismiss(None)
