"""The footer rebuilds its keys only when the keys it shows change, and always shows the focused widget's keys."""

from __future__ import annotations

from textual.widget import Widget

from salestui.ui.key_footer import KeyFooter
from salestui.ui.panes.customers import SearchInput
from tests.conftest import Seeded
from tests.ui.conftest import WIDE, build_app, screen_text, settle


def footer_keys(app) -> list[Widget]:
    return list(app.screen.query_one(KeyFooter).query("FooterKey"))


async def test_the_footer_keeps_its_keys_when_nothing_it_shows_changed(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = footer_keys(app)
        assert before
        app.screen.refresh_bindings()  # the same focus, the same keys: nothing to rebuild
        await settle(pilot)
        assert footer_keys(app) == before  # the very same widgets


async def test_the_footer_follows_the_focus_into_the_search_box_and_back(seeded: Seeded) -> None:
    app = build_app(seeded.context)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        on_list = [str(getattr(key, "description", "")) for key in footer_keys(app)]
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused is app.screen.query_one(SearchInput)
        in_search = [str(getattr(key, "description", "")) for key in footer_keys(app)]
        assert in_search != on_list
        await pilot.press("enter")
        await settle(pilot)
        assert [str(getattr(key, "description", "")) for key in footer_keys(app)] == on_list
        assert all(description in screen_text(app) for description in on_list[:3])
