"""The command palette provider: every action as a "noun: action" command."""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from salestui.i18n import _


def palette_commands(screen) -> list[tuple[str, str, Callable[[], object]]]:
    """(command, help, callback) for the screen the palette was opened from."""
    from salestui.ui.main_screen import MainScreen

    app = screen.app
    commands: list[tuple[str, str, Callable[[], object]]] = []
    if isinstance(screen, MainScreen):
        commands += [
            (_("customer: search"), _("Search customers by name, company, phone or pinyin"), screen.action_search),
            (_("customer: new"), _("Add a new customer"), screen.action_new_customer),
            (_("customer: edit"), _("Edit the selected customer"), screen.action_edit_customer),
            (_("interaction: log"), _("Log a contact with the selected customer"), screen.action_log_interaction),
            (_("follow-up: new"), _("Plan a follow-up with the selected customer"), screen.action_new_follow_up),
            (_("follow-up: done"), _("Mark the selected follow-up done"), screen.action_complete_follow_up),
            (_("follow-up: snooze"), _("Put the selected follow-up off"), screen.action_snooze_follow_up),
            (_("pane: next"), _("Move to the next pane"), screen.action_next_pane),
            (_("pane: previous"), _("Move to the previous pane"), screen.action_previous_pane),
            (_("pane: customers"), _("Go to the customer list"), lambda: screen.show_pane(0)),
            (_("pane: timeline"), _("Go to the timeline"), lambda: screen.show_pane(1)),
            (_("pane: follow-ups"), _("Go to the follow-up queue"), lambda: screen.show_pane(2)),
            (_("pane: alerts"), _("Go to the alerts"), lambda: screen.show_pane(3)),
            (_("app: reload"), _("Read everything again from the database"), screen.reload_all),
            (_("app: help"), _("Show every key"), screen.action_help),
        ]
    commands.append((_("app: quit"), _("Leave SalesTUI"), app.action_quit))
    return commands


class SalesCommands(Provider):
    """Commands named "noun: action", matched fuzzily."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in palette_commands(self.screen):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, text=name, help=help_text)

    async def discover(self) -> Hits:
        for name, help_text, callback in palette_commands(self.screen):
            yield DiscoveryHit(name, callback, text=name, help=help_text)
