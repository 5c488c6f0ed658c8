"""A short option list whose highlighted line also carries a ▶ marker, so it reads without colour."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from salestui.ui import registry

MARKER = "▶ "
NO_MARKER = "  "


class Item(Option):
    """A line of a MarkedList: `body` is its text, `value` what it stands for (None for a heading)."""

    def __init__(self, body: Content, value: Any = None, id: str | None = None) -> None:
        super().__init__(body if value is None else Content(NO_MARKER) + body, id=id, disabled=value is None)
        self.body = body
        self.value = value


class MarkedList(OptionList):
    """Headings (disabled) and items; the cursor skips headings and marks the current item with ▶."""

    BINDINGS = registry.bindings(registry.Scope.LIST)

    def __init__(self, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def action_open(self) -> None:
        self.action_select()

    # Textual passes a two-argument watcher the old and the new value; OptionList's own takes the new one only.
    def watch_highlighted(self, old: int | None, new: int | None) -> None:  # type: ignore[override]
        for index, marker in ((old, NO_MARKER), (new, MARKER)):
            if index is None or index >= self.option_count:
                continue
            option = self.get_option_at_index(index)
            if isinstance(option, Item) and option.value is not None:
                self.replace_option_prompt_at_index(index, Content(marker) + option.body)
        super().watch_highlighted(new)

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Scroll to the highlighted item; on the last item, also to the lines below it (an "N more" line)."""
        super().scroll_to_highlight(top)
        index, last = self.highlighted, self.option_count - 1
        if index is None or index >= last or not self.is_mounted:
            return
        if all(option.disabled for option in self.options[index + 1 :]):
            self.scroll_end(animate=False, immediate=True, force=True, x_axis=False)

    @property
    def current(self) -> Any:
        """The value of the highlighted item, or None."""
        option = self.highlighted_option
        return option.value if isinstance(option, Item) else None

    def set_items(self, items: list[Item], follow_item: bool = True) -> None:
        """Replace the lines; the cursor follows its item if `follow_item` and it is still listed, else stays put."""
        old_index = self.highlighted
        old_id = self.highlighted_option.id if self.highlighted_option is not None and follow_item else None
        self.clear_options()
        self.add_options(items)
        index = next((n for n, item in enumerate(items) if old_id is not None and item.id == old_id), None)
        if index is None:
            selectable = [n for n, item in enumerate(items) if item.value is not None]
            later = [n for n in selectable if n >= (old_index or 0)]
            index = later[0] if later else (selectable[-1] if selectable else None)
        self.highlighted = index
        if index is not None:
            self.replace_option_prompt_at_index(index, Content(MARKER) + items[index].body)
