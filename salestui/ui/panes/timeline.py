"""The Timeline pane: the selected customer's key facts, then their contacts newest first, paged."""

from __future__ import annotations

from textual import events, work
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import customers, templates, timeline_entries
from salestui.services.app_views import CustomerDetail, DealEventEntry, TimelineEntry
from salestui.services.context import Context
from salestui.services.views import InteractionView
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.messages import OpenDeal, TimelineLoaded
from salestui.ui.panes.hanging import HangingStatic
from salestui.ui.panes.profile import ProfileBlock, profile_content, profile_height
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
    lines = [
        Content.assemble((when, "bold"), "  ", (" · ".join(head), "italic")),
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
    """Facts on top, entries below; scrolling to the end loads the next older page."""

    BINDINGS = registry.bindings(registry.Scope.LIST, without=frozenset({"cursor.open"}))
    HIGHLIGHTS = frozenset({registry.Target.CUSTOMER})

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.customer_id: str | None = None
        self.customer: CustomerDetail | None = None
        self.generation = 0
        self.before: tuple | None = None
        self.has_more = False
        self.loading_more = False
        self.entry_count = 0
        self.border_title = Content(_("Timeline"))

    def action_cursor_up(self) -> None:
        self.action_scroll_up()

    def action_cursor_down(self) -> None:
        self.action_scroll_down()

    def action_first(self) -> None:
        self.scroll_home()

    def action_last(self) -> None:
        self.scroll_end()

    def highlighted_item(self, target: registry.Target) -> registry.CustomerRef:
        """The customer shown (the only kind of item the timeline highlights)."""
        if self.customer is None:
            raise registry.NothingHighlighted(_("Select a customer first (in the Customers pane)."))
        return registry.CustomerRef(self.customer.id, self.customer.name)

    def open_deal_entry(self, entry: TimelineEntry) -> bool:
        """Enter on a deal event opens its deal screen (True); other entries are not deals (False)."""
        if isinstance(entry, DealEventEntry):
            self.post_message(OpenDeal(entry.deal_id))
            return True
        return False

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
            self.query_one("#timeline-facts", Static).update(profile_content(self.customer, self.context, width))
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
        self.post_message(TimelineLoaded(generation, detail, entries, before is None, keep_scroll))

    async def on_timeline_loaded(self, message: TimelineLoaded) -> None:
        message.stop()
        if message.generation != self.generation:
            return
        self.customer = message.customer
        self._show_profile()
        if message.first_page:
            self.entry_count = 0
            await self.query(".timeline-page").remove()
            if not message.keep_scroll:
                self.scroll_home(animate=False)
                self.query_one("#timeline-profile", VerticalScroll).scroll_home(animate=False)
        if message.entries:
            body = Content("\n\n").join(any_entry_content(entry, self.context) for entry in message.entries)
            await self.mount(HangingStatic(body, classes="timeline-page"), before="#timeline-end")
            self.entry_count += len(message.entries)
            last = message.entries[-1]
            self.before = (last.occurred_at, last.id)
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
