"""The Timeline pane: the selected customer's key facts, then their contacts newest first, paged."""

from __future__ import annotations

from textual import events, work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import customers, promises, templates, timeline_entries
from salestui.services.app_views import CustomerDetail, DealEventEntry, TimelineEntry
from salestui.services.context import Context
from salestui.services.deal_views import PromiseRecord
from salestui.services.views import InteractionView
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.messages import TimelineLoaded
from salestui.ui.panes.hanging import HangingStatic
from salestui.ui.panes.profile import ProfileBlock, profile_content, profile_height
from salestui.ui.panes.timeline_cursor import GAP, Page, height_of, highlighted, page_body
from salestui.ui.panes.timeline_kinds import other_entry_content
from salestui.ui.panes.words import direction_word, kind_word, local_time

TIMELINE_PAGE = 50


def entry_content(entry: InteractionView, context: Context) -> Content:
    """One contact: when (local), kind, direction and rep, then summary and whatever else was recorded."""
    when = local_time(entry.occurred_at, context.clock.now(), context.clock.local)
    head = [kind_word(entry.kind)]
    direction = direction_word(entry.direction, entry.kind)
    if direction:
        head.append(direction)
    head.append(one_line(entry.rep_login))
    marker = ("  " + _("amended"), "bold") if entry.amended else ""  # a word: the chain has older versions
    lines = [
        Content.assemble((when, "bold"), "  ", (" · ".join(head), "italic"), marker),
        Content("  ") + Content(one_line(entry.summary)),
    ]
    if entry.fields:
        lines.append(template_line(entry))
    for title, value in ((_("Outcome"), entry.outcome), (_("Next step"), entry.next_step)):
        if value:
            lines.append(Content.assemble("  ", (title + ": ", "dim"), one_line(value)))
    if entry.body:
        lines.extend(Content("  ") + Content(line) for line in visible(entry.body).split("\n"))
    return Content("\n").join(lines)


def template_line(entry: InteractionView) -> Content:
    """The template's fields on one line: 'Contact person: 周敏 · Purpose: the 2027 prices'."""
    parts: list[Content] = []
    for title, value in templates.shown(entry.kind, entry.fields, entry.contact_name):
        parts.append(Content.assemble((title + ": ", "dim"), value))
    return Content("  ") + Content(" · ").join(parts)


def any_entry_content(entry: TimelineEntry, context: Context) -> Content:
    """An interaction, a completed follow-up or a profile edit, each in its own form."""
    if isinstance(entry, InteractionView):
        return entry_content(entry, context)
    return other_entry_content(entry, context)


class TimelinePane(VerticalScroll, can_focus=True):
    """Facts on top, entries below; ↓ and ↑ move a cursor from entry to entry (reading a long one line by line),
    and scrolling to the end loads the next older page."""

    BINDINGS = registry.bindings(registry.Scope.LIST)
    HIGHLIGHTS = frozenset({registry.Target.CUSTOMER, registry.Target.INTERACTION, registry.Target.DEAL})

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.customer_id: str | None = None
        self.customer: CustomerDetail | None = None
        self.promises: PromiseRecord | None = None
        self.generation = 0
        self.before: tuple | None = None
        self.has_more = False
        self.loading_more = False
        self.entry_count = 0
        self.entries: list[TimelineEntry] = []
        self.contents: list[Content] = []  # each entry as drawn when not highlighted
        self.pages: list[Page] = []
        self.cursor: int | None = None  # the highlighted entry's index in `entries`
        self.follow_id: str | None = None  # the entry to highlight once the timeline is read again
        self.border_title = Content(_("Timeline"))

    # The entry cursor --------------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        if self.cursor is None:
            block = self.query_one("#timeline-profile", VerticalScroll)
            if not self.entries or (self.scroll_y == 0 and block.scroll_y < block.max_scroll_y):
                self.action_scroll_down()
            else:
                self._go(self._first_visible(), downward=True)
            return
        top, height = self._span(self.cursor)
        view_top, view_bottom = self.scroll_y, self.scroll_y + self._view_height()
        if top >= view_bottom or top + height <= view_top:  # scrolled away (page keys, the mouse): start there
            self._go(self._first_visible(), downward=True)
        elif top + height > view_bottom:  # the rest of a long entry first
            super().action_scroll_down()
        elif self.cursor + 1 < len(self.entries):
            self._go(self.cursor + 1, downward=True)
        else:
            super().action_scroll_down()  # the end line, and the next older page

    def action_cursor_up(self) -> None:
        if self.cursor is None:
            self.action_scroll_up()
            return
        top, height = self._span(self.cursor)
        view_top, view_bottom = self.scroll_y, self.scroll_y + self._view_height()
        if top >= view_bottom or top + height <= view_top:
            self._go(self._last_visible(), downward=False)
        elif top < view_top:
            super().action_scroll_up()
        elif self.cursor > 0:
            self._go(self.cursor - 1, downward=False)
        else:  # above the newest entry: the profile again
            self._set_cursor(None)
            self.scroll_home(animate=False)

    def action_first(self) -> None:
        self._set_cursor(None)
        self.scroll_home()

    def action_last(self) -> None:
        self.scroll_end()

    async def action_open(self) -> None:
        """Enter: every version of the highlighted contact, or the deal a highlighted deal event is about."""
        entry = self.entries[self.cursor] if self.cursor is not None else None
        if isinstance(entry, InteractionView):
            await self.run_action("screen.run_command('interaction.history')")
        elif isinstance(entry, DealEventEntry):
            await self.run_action("screen.run_command('deal.open')")

    def _view_height(self) -> int:
        return max(self.scrollable_content_region.height, 1)

    def _body(self, page: Page) -> Content:
        contents = self.contents[page.start : page.stop]
        return page_body(
            [
                highlighted(content) if index == self.cursor else content
                for index, content in enumerate(contents, page.start)
            ]
        )

    def _set_cursor(self, index: int | None) -> None:
        old, self.cursor = self.cursor, index
        for page in self.pages:
            if (old is not None and page.holds(old)) or (index is not None and page.holds(index)):
                page.widget.update(self._body(page))

    def _go(self, index: int, downward: bool) -> None:
        """Highlight entry `index` and, once drawn, scroll the least that shows it (its start, if it is taller)."""
        self._set_cursor(index)
        self.call_after_refresh(self._reveal, downward)

    def _reveal(self, downward: bool) -> None:
        if self.cursor is None:
            return
        top, height = self._span(self.cursor)
        view_height = self._view_height()
        view_top = self.scroll_y
        if height >= view_height:
            target = top if downward else top + height - view_height
        elif top < view_top:
            target = top
        elif top + height > view_top + view_height:
            target = top + height - view_height
        else:
            return
        self.scroll_to(y=target, animate=False)

    def _span(self, index: int) -> tuple[int, int]:
        """(first row, rows) of entry `index` in the pane's scrolled content."""
        page = next(page for page in self.pages if page.holds(index))
        widget = page.widget
        width = max(widget.content_region.width, 1)
        top = widget.virtual_region.y
        for number in range(page.start, index):
            top += self._height(page, number, width) + GAP
        return top, self._height(page, index, width)

    def _height(self, page: Page, index: int, width: int) -> int:
        marked = index == self.cursor
        content = highlighted(self.contents[index]) if marked else self.contents[index]
        return height_of(page, index, content, marked, page.widget.styles, width)

    def _first_visible(self) -> int:
        """The first entry whose end lies below the top of the view (the one to read on from)."""
        view_top = self.scroll_y
        for index in range(len(self.entries)):
            top, height = self._span(index)
            if top + height > view_top:
                return index
        return len(self.entries) - 1

    def _last_visible(self) -> int:
        """The last entry that starts in view (or the first, if none does)."""
        view_bottom = self.scroll_y + self._view_height()
        last = 0
        for index in range(len(self.entries)):
            if self._span(index)[0] >= view_bottom:
                break
            last = index
        return last

    def highlighted_item(self, target: registry.Target) -> registry.CustomerRef | InteractionView | DealEventEntry:
        """The customer shown, the highlighted contact, or the highlighted deal event."""
        if self.customer is None:
            raise registry.NothingHighlighted(_("Select a customer first (in the Customers pane)."))
        if target is registry.Target.CUSTOMER:
            return registry.CustomerRef(self.customer.id, self.customer.name)
        entry = self.entries[self.cursor] if self.cursor is not None else None
        if entry is None:
            raise registry.NothingHighlighted(_("Highlight a contact first: ↓ moves from the profile to the entries."))
        if target is registry.Target.DEAL:
            if not isinstance(entry, DealEventEntry):
                raise registry.NothingHighlighted(_("The highlighted entry is not about a deal: move to one (↑ ↓)."))
            return entry
        if not isinstance(entry, InteractionView):
            raise registry.NothingHighlighted(_("The highlighted entry is not a logged contact: move to one (↑ ↓)."))
        return entry

    # The profile and the pages -------------------------------------------------------------------------------

    def compose(self):
        with ProfileBlock(id="timeline-profile"):
            yield Static(Content(_("Select a customer to see their timeline.")), id="timeline-facts")
        yield Static(Content(""), id="timeline-end")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#timeline-profile").styles.max_height = profile_height(event.size.height)
        self._show_profile()

    def action_scroll_down(self) -> None:
        """At the top of the pane, a line down first reads the rest of a capped profile, then the timeline."""
        block = self.query_one("#timeline-profile", VerticalScroll)
        if self.scroll_y == 0 and block.scroll_y < block.max_scroll_y:
            block.scroll_down(animate=False)
        else:
            super().action_scroll_down()

    def action_scroll_up(self) -> None:
        block = self.query_one("#timeline-profile", VerticalScroll)
        if self.scroll_y == 0 and block.scroll_y > 0:
            block.scroll_up(animate=False)
        else:
            super().action_scroll_up()

    def _show_profile(self) -> None:
        if self.customer is not None:
            width = max(self.scrollable_content_region.width - 1, 20)  # a cell for the block's scroll bar
            content = profile_content(self.customer, self.context, width, self.promises)
            self.query_one("#timeline-facts", Static).update(content)
            self.call_after_refresh(self.query_one(ProfileBlock).mark_overflow)

    def show(self, customer_id: str, keep_scroll: bool = False) -> None:
        """Load `customer_id`'s facts and newest contacts (again, if it is already shown)."""
        self.generation += 1
        if customer_id != self.customer_id:
            keep_scroll = False
        self.customer_id = customer_id
        self.loading_more = False
        self._load(self.generation, customer_id, None, keep_scroll)

    def reload(self) -> None:
        if self.customer_id is not None:
            self.show(self.customer_id, keep_scroll=True)

    @work(thread=True, exit_on_error=False, group="timeline")
    def _load(self, generation: int, customer_id: str, before: tuple | None, keep_scroll: bool) -> None:
        detail = customers.detail(customer_id)  # a merged-away customer comes back as its survivor
        entries = timeline_entries.page(detail.id, before, limit=TIMELINE_PAGE)
        record = promises.record(detail.id, self.context.clock.now()) if before is None else None
        self.post_message(TimelineLoaded(generation, detail, entries, before is None, keep_scroll, record))

    async def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self.customer = message.customer
        if message.first_page:
            self.promises = message.promises
        self._show_profile()
        follow = None
        if message.first_page:
            kept = self.entries[self.cursor].id if self.cursor is not None and message.keep_scroll else None
            follow, self.follow_id = self.follow_id or kept, None
            self.entry_count, self.entries, self.contents, self.pages, self.cursor = 0, [], [], [], None
            await self.query(".timeline-page").remove()
            if not message.keep_scroll:
                self.scroll_home(animate=False)
                self.query_one("#timeline-profile", VerticalScroll).scroll_home(animate=False)
        if message.entries:
            start = len(self.entries)
            self.entries.extend(message.entries)
            self.contents.extend(any_entry_content(entry, self.context) for entry in message.entries)
            if follow is not None:
                self.cursor = next((n for n, entry in enumerate(self.entries) if entry.id == follow), None)
            page = Page(HangingStatic(Content(""), classes="timeline-page"), start, len(self.entries))
            page.widget.update(self._body(page))
            self.pages.append(page)
            await self.mount(page.widget, before="#timeline-end")
            self.entry_count += len(message.entries)
            last = message.entries[-1]
            self.before = (last.occurred_at, last.id)
            if follow is not None and self.cursor is not None:
                self.call_after_refresh(self._reveal, True)
        self.has_more = len(message.entries) == TIMELINE_PAGE
        self.loading_more = False
        end = self.query_one("#timeline-end", Static)
        if self.has_more:
            end.update(Content.styled(_("Scroll down for older contacts…"), "dim"))
        elif message.first_page and not message.entries:
            end.update(Content.styled(_("No contacts logged yet: press l to log one."), "dim"))
        else:
            end.update(Content.styled(_("— beginning of the record —"), "dim"))
        self.call_after_refresh(self._maybe_load_more)

    def _maybe_load_more(self) -> None:
        if (
            self.has_more
            and not self.loading_more
            and self.customer_id is not None
            and self.scroll_y >= self.max_scroll_y - 2
        ):
            self.loading_more = True
            self._load(self.generation, self.customer_id, self.before, True)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_load_more()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.loading_more = False
            self.notify(
                visible(_("Could not load the timeline: {error}").format(error=event.worker.error)),
                severity="error",
                markup=False,
            )
