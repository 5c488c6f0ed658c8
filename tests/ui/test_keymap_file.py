"""A keymap from the config file's [keys] section, in the app the CLI builds: the new key runs the command, the old
one no longer does, and the help and the footer show the new key."""

from __future__ import annotations

import re
from pathlib import Path

from salestui import config
from salestui.services import followups
from salestui.ui.forms import CompleteForm
from salestui.ui.help_screen import HelpScreen
from salestui.ui.main_screen import MainScreen
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, main, screen_text, settle


async def test_a_key_remapped_in_the_config_file_runs_the_command_and_the_old_one_does_not(
    seeded: Seeded, no_user_config: Path
) -> None:
    no_user_config.write_text('[keys]\n"follow-up.done" = "d"\n"app.help" = "?,f1"\n', "utf-8")
    config.load(app=True)  # as `salestui` does at start, before it builds the app
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = main(app)
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert app.focused is screen.follow_ups
        footer = screen_text(app).splitlines()[-1]
        assert " d Done " in footer and " x Done " not in footer
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)  # x no longer marks it done
        assert all(followups.get(follow_up_id).status == "open" for follow_up_id in seeded.follow_up_ids.values())
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, CompleteForm)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = screen_text(app)
        assert re.search(r"│ d +Done +Mark the highlighted follow-up done", help_text)
        assert not re.search(r"│ x +Done", help_text)
        assert re.search(r"│ \? f1 +Help +Show every key", help_text)
        await pilot.press("escape", "question_mark")  # the first key still opens it
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_without_a_keys_section_the_default_keys_hold(seeded: Seeded) -> None:
    config.load(app=True)  # no config file
    app = build_app(seeded.context)
    assert app.keymap == {}
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", "x")
        await pilot.pause()
        assert isinstance(app.screen, CompleteForm)
