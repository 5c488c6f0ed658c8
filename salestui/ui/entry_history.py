"""Every version of a logged contact, oldest first: who recorded each and when, and which one is in force."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.views import InteractionView
from salestui.text import one_line
from salestui.ui import registry
from salestui.ui.panes.hanging import HangingStatic
from salestui.ui.panes.timeline import entry_content
from salestui.ui.panes.words import local_time
from salestui.ui.registry import Scope


def history_content(versions: tuple[InteractionView, ...], context: Context) -> Content:
    """'Version 1 of 2 · recorded 11-24 10:00 by alice' above each version as the timeline shows it."""
    now, local = context.clock.now(), context.clock.local
    parts = []
    for number, version in enumerate(versions, 1):
        recorded = local_time(version.created_at, now, local) if version.created_at is not None else "—"
        head = _("Version {number} of {count} · recorded {when} by {login}").format(
            number=number, count=len(versions), when=recorded, login=one_line(version.rep_login)
        )
        if number == len(versions):
            head += " · " + (_("in force") if len(versions) > 1 else _("never amended"))
        parts.append(Content.styled(head, "bold underline") + Content("\n") + entry_content(version, context))
    return Content("\n\n").join(parts)


class EntryHistoryScreen(ModalScreen[None]):
    """The whole chain of one contact; escape or q closes it."""

    BINDINGS = registry.bindings(Scope.VIEW)

    def __init__(self, context: Context, versions: tuple[InteractionView, ...]) -> None:
        super().__init__()
        self.context = context
        self.versions = versions

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-body") as body:
            body.border_title = Content(_("History of a contact · versions: {count}").format(count=len(self.versions)))
            close_key = registry.key_text(self.app, registry.command("view.close"))
            body.border_subtitle = Content(_("{key}: close").format(key=close_key))
            yield HangingStatic(history_content(self.versions, self.context), id="history-text")

    def action_close(self) -> None:
        self.dismiss(None)
