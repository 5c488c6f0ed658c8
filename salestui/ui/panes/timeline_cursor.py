"""The timeline's entry cursor: which entry is highlighted, how it is marked, and where it lies in the pane.

Entries are drawn a page at a time (one widget per page of 50, not one per entry), so the highlighted entry is
marked inside its page's text: a ▶ before its first line, which is also shown reversed (it reads without colour).
Where an entry lies is worked out from the heights its lines wrap to at the page's width.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from textual.content import Content
from textual.css.styles import RenderStyles, RulesMap

from salestui.ui.panes.hanging import HangingIndent, HangingStatic

MARKER = "▶ "
GAP = 1  # blank lines between two entries of a page


def highlighted(content: Content) -> Content:
    """`content` (an entry) marked as the highlighted one: ▶ and its first line reversed."""
    first, newline, rest = content.plain.partition("\n")
    head = content[: len(first)].stylize("reverse")
    marked = Content.assemble((MARKER, "bold"), head)
    return marked + Content("\n") + content[len(first) + 1 :] if newline else marked


@dataclass
class Page:
    """One page widget and the entries it shows (`start` to `stop` in the pane's list of entries)."""

    widget: HangingStatic
    start: int
    stop: int
    heights: dict[tuple[int, int, bool], int] = field(default_factory=dict)  # (index, width, marked) -> rows

    def holds(self, index: int) -> bool:
        return self.start <= index < self.stop


def height_of(page: Page, index: int, content: Content, marked: bool, styles: RenderStyles, width: int) -> int:
    """The rows entry `index` takes in `page` at `width` cells (remembered per width)."""
    key = (index, width, marked)
    if key not in page.heights:  # measured as Textual measures a widget's visual: with the widget's styles
        page.heights[key] = HangingIndent(content).get_height(cast(RulesMap, styles), width)
    return page.heights[key]


def page_body(contents: list[Content]) -> Content:
    return Content("\n" * (GAP + 1)).join(contents)
