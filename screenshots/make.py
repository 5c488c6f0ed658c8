"""Save SVG screenshots of the main screen (120x40 and 80x24, English and Chinese) on the test suite's seeded book.

Run from the repository root with the test extras installed: `python screenshots/make.py`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from salestui import i18n  # noqa: E402
from salestui.clock import FrozenClock  # noqa: E402
from salestui.services.session import close, open_context  # noqa: E402
from salestui.ui.app import make_app  # noqa: E402
from tests.conftest import FROZEN_NOW, SHANGHAI, seed  # noqa: E402
from tests.ui.conftest import settle  # noqa: E402

SIZES = [(120, 40), (80, 24)]
LANGUAGES = ["en", "zh_CN"]
SHOWN_PATH = Path("/srv/sales/salestui.db")


async def shoot(folder: Path, language: str, size: tuple[int, int]) -> Path:
    """One screenshot of a freshly seeded database, with the clock frozen like the tests'."""
    i18n.set_language(language)
    context = open_context(folder / f"{language}-{size[0]}x{size[1]}.db", "alice", FrozenClock(FROZEN_NOW, SHANGHAI))
    try:
        seed(context)
        app = make_app(
            dataclasses.replace(context, path=SHOWN_PATH), search_delay=0, highlight_delay=0, blink_cursor=False
        )
        target = HERE / f"main-{size[0]}x{size[1]}-{language}.svg"
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            target.write_text(app.export_screenshot(title=f"SalesTUI {size[0]}x{size[1]}"), encoding="utf-8")
        return target
    finally:
        close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            for size in SIZES:
                # One event loop per shot, so no worker thread outlives its database.
                print(asyncio.run(shoot(Path(folder), language, size)))
    i18n.set_language("en")


if __name__ == "__main__":
    main()
