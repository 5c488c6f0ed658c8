"""The main screen's customer list, read again in place as other reps write: its cursor stays on its customer."""

from __future__ import annotations

from salestui.services.context import Context
from salestui.ui.messages import PageLoaded
from salestui.ui.panes.customer_list import PAGE_SIZE, CustomerList


class LiveCustomerList(CustomerList):
    """A CustomerList whose reload in place (`keep_cursor`: after a save, or another rep's write) keeps the cursor
    on the customer it was on when rows come or go above it, on the same line of the screen."""

    def __init__(self, context: Context, highlight_delay: float = 0.1, id: str | None = None) -> None:
        super().__init__(context, highlight_delay, id=id)
        self.kept_id: str | None = None  # during a reload in place: the customer the cursor stays on

    def load(self, query: str, keep_cursor: bool = False) -> None:
        kept = self.highlighted_row if keep_cursor else None
        self.kept_id = kept.id if kept is not None else None
        super().load(query, keep_cursor)

    def on_page_loaded(self, message: PageLoaded) -> None:
        super().on_page_loaded(message)
        message.prevent_default()  # CustomerList's handler has just run (Textual would run it again)
        self._follow_kept()

    def _follow_kept(self) -> None:
        """Once the pages around the cursor are read again, move it to the customer it was on, unless that customer
        is gone from them (merged away, renamed far off): the timeline then keeps showing it, as after a rename."""
        here = self.cursor // PAGE_SIZE
        if self.kept_id is None or here not in self._pages:
            return
        for page, rows in self._pages.items():
            offset = next((number for number, row in enumerate(rows) if row.id == self.kept_id), None)
            if offset is not None:
                self.kept_id = None
                index = page * PAGE_SIZE + offset
                if index != self.cursor:
                    self.scroll_to(y=self.scroll_y + index - self.cursor, animate=False)
                    self.move_to(index)
                return
        last_page = max(((self.total or 1) - 1) // PAGE_SIZE, 0)
        if all(page in self._pages for page in (here - 1, here, here + 1) if 0 <= page <= last_page):
            self.kept_id = None  # gone from around the cursor: it stays at its index, the timeline where it was
