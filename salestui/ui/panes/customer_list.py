"""The customer list: a ScrollView that renders only the visible rows, fed by keyset pages from thread workers."""

from __future__ import annotations

from collections import OrderedDict

from rich.segment import Segment
from rich.style import Style
from textual import events, work
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import customers, search_keys
from salestui.services.context import Context
from salestui.services.views import CustomerRow
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.debounce import Debounce
from salestui.ui.messages import CountLoaded, CustomerChosen, CustomerHighlighted, ListShown, PageLoaded
from salestui.ui.panes.customer_columns import LinePaint, column_widths, line_strip, row_cells
from salestui.ui.panes.words import fit

PAGE_SIZE = 100
MAX_PAGES = 40  # pages kept in memory; the farthest from the cursor go first
UNCAPPED = 1 << 62
HEADER_LINES = 1


def row_key(row: CustomerRow) -> customers.Cursor:
    return customers.cursor(row)


class CustomerList(ScrollView, can_focus=True):
    """Customers in name order, or a search's in ranked order; `total` comes from a count, rows arrive in pages of
    PAGE_SIZE."""

    COMPONENT_CLASSES = {
        "customer-list--header",
        "customer-list--cursor",
        "customer-list--cursor-blurred",
        "customer-list--placeholder",
        "customer-list--dim",
        "customer-list--message",
    }
    BINDINGS = registry.bindings(registry.Scope.LIST)

    def __init__(self, context: Context, highlight_delay: float = 0.1, id: str | None = None) -> None:
        super().__init__(id=id)
        self.context = context
        self.highlight_delay = highlight_delay
        self.filter_text = ""
        self.failure = ""
        self.total: int | None = None
        self.capped = False
        self.cursor = 0
        self.generation = 0
        self._pages: OrderedDict[int, list[CustomerRow]] = OrderedDict()
        self._stale: dict[int, list[CustomerRow]] = {}
        self._loading: set[int] = set()
        self._highlight = Debounce(self, highlight_delay, self._post_highlight)
        self.highlight_pending = False
        self._posted_id: str | None = None
        self.shown = False  # ListShown was posted
        self._paint: LinePaint | None = None  # set while a render pass runs

    # Loading -----------------------------------------------------------------------------------------

    def load(self, query: str, keep_cursor: bool = False) -> None:
        """Show the customers matching `query`; `keep_cursor` reloads in place (after a save)."""
        self.generation += 1
        self.failure = ""  # what went wrong with the last load, shown in place of the rows
        self.filter_text = query
        self._stale = dict(self._pages) if keep_cursor else {}
        self._pages.clear()
        self._loading.clear()
        if not keep_cursor:
            self.cursor = 0
            self.total = None
            self._posted_id = None
            self.highlight_pending = True
            self.scroll_to(y=0, animate=False)
        if keep_cursor:
            self._count(self.generation, query)
            self._ensure_pages()
        else:
            self._loading.add(0)
            self._search(self.generation, query)
        self.refresh()

    @work(thread=True, exit_on_error=False, group="customer-count")
    def _count(self, generation: int, query: str) -> None:
        self.post_message(CountLoaded(generation, self._counted(query)))

    @staticmethod
    def _counted(query: str) -> int:
        cap = customers.COUNT_CAP if search_keys.normalize_query(query) else UNCAPPED
        return customers.count(query, cap=cap)

    @work(thread=True, exit_on_error=False, group="customer-count")
    def _search(self, generation: int, query: str) -> None:
        """The first page at once; when it is full, a provisional total, then the real count."""
        page = customers.search(query, PAGE_SIZE)
        self.post_message(PageLoaded(generation, 0, page.rows))
        if page.total is not None:
            self.post_message(CountLoaded(generation, page.total))
            return
        self.post_message(CountLoaded(generation, len(page.rows), at_least=True))
        self.post_message(CountLoaded(generation, self._counted(query)))

    @work(thread=True, exit_on_error=False, group="customer-pages")
    def _fetch(
        self,
        generation: int,
        query: str,
        page: int,
        after: tuple | None,
        before: tuple | None,
        last_rows: int | None = None,
    ) -> None:
        if after is not None:
            rows = customers.page_after(query, after, PAGE_SIZE)
        elif before is not None:
            rows = customers.page_before(query, before, PAGE_SIZE)
        elif page == 0:
            rows = customers.page_after(query, None, PAGE_SIZE)
        elif last_rows is not None:  # End: read the list backwards instead of skipping every row before
            rows = customers.page_before(query, None, last_rows)
        else:
            rows = customers.page_at(query, page * PAGE_SIZE, PAGE_SIZE)
        self.post_message(PageLoaded(generation, page, rows))

    def _wanted_pages(self) -> list[int]:
        """The pages on screen and the cursor's page, then their neighbours (prefetch)."""
        if self.total is None:
            return [0]
        if not self.total:
            return []
        top = round(self.scroll_y)
        bottom = top + max(self.visible_rows, 1) - 1
        here = self.cursor // PAGE_SIZE  # first: its neighbours then follow it by keyset
        core = [here, *sorted({top // PAGE_SIZE, bottom // PAGE_SIZE} - {here})]
        last_page = (self.total - 1) // PAGE_SIZE
        extra = [p for c in core for p in (c - 1, c + 1) if 0 <= p <= last_page and p not in core]
        return [p for p in core if p <= last_page] + extra

    def _ensure_pages(self) -> None:
        for page in self._wanted_pages():
            if page in self._pages or page in self._loading:
                continue
            previous, following = self._pages.get(page - 1), self._pages.get(page + 1)
            after = before = None
            if page > 0 and previous and len(previous) == PAGE_SIZE:
                after = row_key(previous[-1])
            elif following:
                before = row_key(following[0])
            elif page > 0 and (page - 1 in self._loading or page + 1 in self._loading):
                continue  # fetched by keyset from that neighbour once it arrives
            last_rows = None
            if after is None and before is None and self.total and not self.capped:
                if page == (self.total - 1) // PAGE_SIZE:
                    last_rows = self.total - page * PAGE_SIZE
            self._loading.add(page)
            self._fetch(self.generation, self.filter_text, page, after, before, last_rows)

    def on_count_loaded(self, message: CountLoaded) -> None:
        if message.generation != self.generation:
            message.stop()
            return
        self.total = message.total
        self.capped = message.at_least or (
            bool(search_keys.normalize_query(self.filter_text)) and message.total >= customers.COUNT_CAP
        )
        self.virtual_size = Size(self.size.width, self.total + HEADER_LINES)
        if self.total and self.cursor >= self.total:
            self.move_to(self.total - 1)
        self._ensure_pages()
        if self.highlight_pending and not self._highlight.pending:
            self._post_highlight_after_frame()  # the page may have come before the count
        self.refresh()
        self._announce_shown()

    def on_page_loaded(self, message: PageLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self._loading.discard(message.page)
        self._pages[message.page] = message.rows
        self._stale.pop(message.page, None)
        self._evict()
        self._ensure_pages()
        if self.highlight_pending and not self._highlight.pending:
            self._post_highlight_after_frame()
        self.refresh()
        self._announce_shown()

    def _announce_shown(self, failed: bool = False) -> None:
        """Post ListShown once, after the frame that first shows rows (or the empty message) has been painted."""
        if self.shown or not (failed or self.total == 0 or (self.total and self.row_at(self.cursor) is not None)):
            return
        self.shown = True
        self.call_after_refresh(self.post_message, ListShown())

    def _evict(self) -> None:
        while len(self._pages) > MAX_PAGES:
            here = self.cursor // PAGE_SIZE
            self._pages.pop(max(self._pages, key=lambda page: abs(page - here)))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self._loading.clear()
            self.failure = visible(_("Could not load customers: {error}").format(error=event.worker.error))
            self.notify(self.failure, severity="error", markup=False)
            self.refresh()
            self._announce_shown(failed=True)

    # Rows and the cursor -----------------------------------------------------------------------------

    def row_at(self, index: int) -> CustomerRow | None:
        page, offset = divmod(index, PAGE_SIZE)
        rows = self._pages[page] if page in self._pages else self._stale.get(page)
        return rows[offset] if rows and offset < len(rows) else None

    @property
    def highlighted_row(self) -> CustomerRow | None:
        return self.row_at(self.cursor) if self.total else None

    @property
    def visible_rows(self) -> int:
        return max(self.scrollable_content_region.height - HEADER_LINES, 1)

    def move_to(self, index: int) -> None:
        if not self.total:
            return
        index = max(0, min(index, self.total - 1))
        previous, self.cursor = self.cursor, index
        top = round(self.scroll_y)
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + self.visible_rows:
            self.scroll_to(y=index - self.visible_rows + 1, animate=False)
        self.refresh_line(previous + HEADER_LINES)
        self.refresh_line(index + HEADER_LINES)
        self._ensure_pages()
        if index != previous:
            self._schedule_highlight()

    def action_cursor_up(self) -> None:
        self.move_to(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_to(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_to(self.cursor - max(self.visible_rows - 1, 1))

    def action_page_down(self) -> None:
        self.move_to(self.cursor + max(self.visible_rows - 1, 1))

    def action_first(self) -> None:
        self.move_to(0)

    def action_last(self) -> None:
        if self.total:
            self.move_to(self.total - 1)

    def action_open(self) -> None:
        row = self.post_highlight_now()
        if row is not None:
            self.post_message(CustomerChosen(row.id, row.name))

    def _schedule_highlight(self) -> None:
        self.highlight_pending = True
        self._highlight.schedule()

    def _post_highlight_after_frame(self) -> None:
        """Announce the first row once the frame showing the new rows is painted: the timeline it loads (a worker,
        then the layout of its entries) would otherwise often land in that same frame and delay it (a filter's
        matches took up to twice as long to appear)."""
        self.call_after_refresh(self._post_highlight)

    def _post_highlight(self) -> None:
        row = self.highlighted_row
        if row is None:
            return  # posted when its page arrives
        self.highlight_pending = False
        if row.id != self._posted_id:
            self._posted_id = row.id
            self.post_message(CustomerHighlighted(row.id, row.name))

    def post_highlight_now(self) -> CustomerRow | None:
        """Skip the debounce: the row under the cursor, announced at once (None while it loads)."""
        self._highlight.fire()
        return self.highlighted_row

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if round(old_value) != round(new_value):
            self._ensure_pages()

    def on_resize(self, event: events.Resize) -> None:
        if self.total is not None:
            self.virtual_size = Size(event.size.width, self.total + HEADER_LINES)
        self._ensure_pages()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER_LINES:
            return
        self.move_to(round(self.scroll_y) + offset.y - HEADER_LINES)

    # Rendering -----------------------------------------------------------------------------------------

    def total_label(self) -> str:
        if self.total is None:
            return _("loading…")
        count = f"{self.total:,}"
        one = self.total == 1 and not self.capped
        if search_keys.normalize_query(self.filter_text):
            if one:
                return _("1 match")
            return (_("{count}+ matches") if self.capped else _("{count} matches")).format(count=count)
        if one:
            return _("1 customer")
        return (_("{count}+ customers") if self.capped else _("{count} customers")).format(count=count)

    def _color_of(self, component: str) -> Style:
        """Just the colour of a component style, so it can go over the cursor's background."""
        return Style(color=self.get_component_rich_style(component).color)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Textual asks each line of a refreshed region in turn; the styles, widths and clock they share are read
        once for the whole pass (reading a widget's styles walks its ancestors: ~0.1 ms a line otherwise)."""
        self._paint = self._paint_now()
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _paint_now(self) -> LinePaint:
        width = self.scrollable_content_region.width
        base = self.rich_style
        cursor = self.get_component_rich_style(
            "customer-list--cursor" if self.has_focus else "customer-list--cursor-blurred"
        )
        return LinePaint(
            width=width,
            widths=column_widths(width),
            base=base,
            header=self.get_component_rich_style("customer-list--header"),
            message=self.get_component_rich_style("customer-list--message"),
            cursor=cursor,
            dim=self._color_of("customer-list--dim"),
            placeholder=self._color_of("customer-list--placeholder"),
            now=self.context.clock.now(),
        )

    def render_line(self, y: int) -> Strip:
        paint = self._paint or self._paint_now()
        width, widths, base = paint.width, paint.widths, paint.base
        if y < HEADER_LINES:
            titles = ["", _("Name"), _("Company"), _("Phone"), _("Tier"), _("Owner"), _("Seen")]
            return line_strip(titles, widths, [paint.header] * 7, width, paint.header)
        index = round(self.scroll_y) + y - HEADER_LINES
        if self.total is None or not self.total:
            if index != 0:
                return Strip.blank(width, base)
            if self.total is None:
                text = one_line(self.failure) if self.failure else _("Loading customers…")
            elif search_keys.normalize_query(self.filter_text):
                text = _("No customer matches \u201c{query}\u201d").format(query=self.filter_text)
            else:
                text = _("No customers yet: press n to add one")
            return Strip([Segment(fit("  " + text, width), paint.message)])
        if index >= self.total:
            return Strip.blank(width, base)
        at_cursor = index == self.cursor
        if at_cursor:
            base = paint.cursor
        marker = "▶" if at_cursor else ""
        row = self.row_at(index)
        if row is None:
            dim = base + paint.placeholder
            return line_strip([marker, "···"], widths[:2], [base, dim], width, base)
        dim = base + paint.dim
        cells = [marker, *row_cells(row, paint.now)[1:]]
        styles = [base, base, base, base, base, dim, dim]
        if not cells[2]:  # the name may use the empty company column too
            widths = [widths[0], widths[1] + 1 + widths[2], *widths[3:]]
            del cells[2], styles[2]
        return line_strip(cells, widths, styles, width, base)

    def on_focus(self) -> None:
        self.refresh_line(self.cursor + HEADER_LINES)

    def on_blur(self) -> None:
        self.refresh_line(self.cursor + HEADER_LINES)
