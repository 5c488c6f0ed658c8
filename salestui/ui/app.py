"""The SalesTUI Textual application and the factory the CLI, tests and benchmark share."""

from __future__ import annotations

import gc

from rich.text import Text
from textual import events, work
from textual.app import App
from textual.command import CommandPalette
from textual.driver import Driver

from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.errors import DatabaseError
from salestui.text import visible
from salestui.ui import keymap_config, registry
from salestui.ui.commands import SalesCommands
from salestui.ui.key_order import KeyOrder
from salestui.ui.main_screen import MainScreen
from salestui.ui.registry import Scope


class SalesApp(App[None]):
    """A keyboard-first CRM over one database, signed in as one rep."""

    CSS_PATH = "salestui.tcss"
    COMMANDS = {SalesCommands}
    BINDINGS = registry.bindings(Scope.APP)

    def __init__(
        self, context: Context, *, search_delay: float = 0.15, highlight_delay: float = 0.1, blink_cursor: bool = True
    ) -> None:
        super().__init__()
        self.keymap: dict[str, str] = {}  # binding id to keys, where they differ from the registry's defaults
        self.context = context
        self.search_delay = search_delay
        self.highlight_delay = highlight_delay
        self.blink_cursor = blink_cursor
        self.key_order = KeyOrder(self, super().on_event)
        self.title = "SalesTUI"
        self.sub_title = _("{path} · rep {login}").format(path=context.path, login=context.rep_login)

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal go one at a time, each where the one before it left the focus."""
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            await self.key_order.receive(event)
        else:
            await super().on_event(event)

    def on_mount(self) -> None:
        if self.context.integrity is not None:
            self._watch_integrity()

    @work(thread=True, exit_on_error=False, group="integrity")
    def _watch_integrity(self) -> None:
        """Leave with exit code 2 and the reason if the background integrity check finds damage."""
        try:
            self.context.wait_for_integrity()
        except DatabaseError as error:
            self.call_from_thread(self.exit, None, 2, Text(visible(_("Refused: {error}").format(error=error))))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS one that keeps an ESC inside a paste as text."""
        driver = super().get_driver_class()
        try:
            from salestui.ui.terminal_input import LinuxDriver, SalesDriver
        except ImportError:  # Windows: no termios, and a driver of its own
            return driver
        return SalesDriver if driver is LinuxDriver else driver

    def action_command_palette(self) -> None:
        """Textual's palette, with its search prompt in the current language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette", placeholder=_("Search for commands…")))

    def apply_keymap(self, keymap: dict[str, str]) -> None:
        """Bind the commands named in `keymap` (binding id to comma-separated keys) to those keys instead.

        The one place keys change: Textual gets the keymap, and the help screen reads the keys in effect from here.
        """
        unknown = registry.unknown_ids(keymap)
        if unknown:
            raise ValueError(_("no such command: {ids}").format(ids=", ".join(unknown)))
        self.keymap = dict(keymap)
        self.set_keymap(self.keymap)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.context, self.search_delay, self.highlight_delay)

    def action_quit(self) -> None:  # type: ignore[override]  # Textual's is async; this needs no awaiting
        """Leave with exit code 0 (q on the main screen, ctrl+q anywhere)."""
        self.exit(return_code=0)


_startup_frozen = False


def freeze_startup_objects() -> None:
    """Once per process, keep what exists before the first app out of the garbage collector's full passes."""
    # Modules, catalogs and the database live until exit anyway; left in view, the full pass that start-up
    # triggers walks all of them (25-35 ms here, a third of the time to the first frame).
    global _startup_frozen
    if not _startup_frozen:
        _startup_frozen = True
        gc.freeze()


def make_app(context: Context, **options) -> SalesApp:
    """The app for `context`, with the keys the config file's [keys] section set (`config.load(app=True)` checked
    them); options (delays, blink_cursor) exist for tests and the benchmark."""
    freeze_startup_objects()
    app = SalesApp(context, **options)
    app.apply_keymap(keymap_config.in_force())
    return app
