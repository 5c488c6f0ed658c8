"""A customer's field history: who changed which field from what to what, and when, the last change first, paged."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import profile_history
from salestui.services.app_views import FieldChange, HistoryEntry
from salestui.services.context import Context
from salestui.services.spec import Spec
from salestui.services.specs import CONTACT_PERSON, CUSTOMER
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.forms.fields import heading
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.timeline_kinds import field_label, value_word
from salestui.ui.panes.words import fit
from salestui.ui.registry import Scope

HISTORY_PAGE = 100  # entries read at a time; the next page is read when the cursor nears the end
LOAD_AHEAD = 10  # entries before the end of those read at which the next page is read
VALUE_LIMIT = 500  # cells of an old or new value shown (a long text wraps over several lines up to this)
WHEN_WIDTH = 16  # '2026-11-26 09:30'
LOGIN_WIDTH = (3, 12)  # the fewest and most cells the rep column takes
GAP = "  "


def change_line(change: FieldChange, spec: Spec, created: bool) -> str:
    """'Payment terms: 30 days → 60 days'; for a record just created only the value it was given."""
    new = value_word(change, change.new, spec, VALUE_LIMIT)
    if created:
        return f"{field_label(change.field, spec)}: {new}"
    return f"{field_label(change.field, spec)}: {value_word(change, change.old, spec, VALUE_LIMIT)} → {new}"


def entry_lines(entry: HistoryEntry) -> list[str]:
    """What one entry says, a line per field: a heading line first for an addition or a contact person's edit."""
    name = one_line(entry.contact_name)
    if entry.kind == "customer_added":
        return [_("Customer added"), *(change_line(change, CUSTOMER, True) for change in entry.changes)]
    if entry.kind == "customer_edited":
        return [change_line(change, CUSTOMER, False) for change in entry.changes]
    if entry.kind == "contact_added":
        shown = [change for change in entry.changes if change.field != "name"]
        heading_line = _("Contact person added: {name}").format(name=name)
        return [heading_line, *(change_line(change, CONTACT_PERSON, True) for change in shown)]
    lines = [change_line(change, CONTACT_PERSON, False) for change in entry.changes]
    if entry.kind == "contact_primary":
        return lines
    return [_("Contact person edited: {name}").format(name=name), *lines]


def login_width(entries: list[HistoryEntry]) -> int:
    widest = max((cell_len(one_line(entry.rep_login)) for entry in entries), default=0)
    return min(max(widest, cell_len(_("Rep")), LOGIN_WIDTH[0]), LOGIN_WIDTH[1])


def entry_content(entry: HistoryEntry, context: Context, who_width: int, width: int) -> Content:
    """When (local), who, then the entry's lines, each wrapped under the change column."""
    when = context.clock.local(entry.occurred_at).strftime("%Y-%m-%d %H:%M")
    indent = WHEN_WIDTH + len(GAP) + who_width + len(GAP)
    room = max(width - indent, 12)
    head = Content.assemble((when, "bold"), GAP, (fit(entry.rep_login, who_width), "italic"), GAP)
    lines: list[Content] = []
    for text in entry_lines(entry):
        for piece in Content(visible(text)).wrap(room) or [Content("")]:
            if not lines:
                lines.append(head + piece)
            else:
                lines.append(Content(" " * (indent + 2)) + piece)  # two more: the ▶ before the first line
    return Content("\n").join(lines)


def header_content(who_width: int) -> Content:
    cells = GAP.join((fit(_("When"), WHEN_WIDTH), fit(_("Rep"), who_width), _("Change")))
    return Content.styled("  " + cells, "bold")


class HistoryList(MarkedList):
    """The entries; moving the cursor near the end reads the next older page."""


class HistoryScreen(ModalScreen[None]):
    """Every change to a customer's fields and contact persons, from the ledger; escape goes back."""

    BINDINGS = registry.bindings(Scope.HISTORY)
    AUTO_FOCUS = "#history-list"

    def __init__(self, context: Context, customer_id: str, customer_name: str, page_size: int = HISTORY_PAGE) -> None:
        super().__init__()
        self.context = context
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.page_size = page_size
        self.entries: list[HistoryEntry] = []
        self.has_more = False
        self.loading = False

    def compose(self) -> ComposeResult:
        with Vertical(id="history-dialog"):
            yield Label(heading(_("Field history: {name}"), name=self.customer_name), id="history-title")
            yield Static(Content(""), id="history-header")
            yield HistoryList(id="history-list")
            yield Label("", id="history-keys", markup=False)

    @property
    def history_list(self) -> HistoryList:
        return self.query_one(HistoryList)

    def on_mount(self) -> None:
        self.load_page()

    def on_resize(self) -> None:
        if self.entries:
            self.show_entries()

    def load_page(self) -> None:
        """Read the next older page (the first one if none is shown yet)."""
        self.loading = True
        self._read(self.entries[-1].seq if self.entries else None)

    @work(thread=True, exit_on_error=False, group="history")
    def _read(self, before: int | None) -> None:
        entries = profile_history.history(self.customer_id, before, self.page_size + 1)  # one more: is there more?
        self.app.call_from_thread(self.add_page, entries)

    def add_page(self, entries: list[HistoryEntry]) -> None:
        self.has_more = len(entries) > self.page_size
        self.entries.extend(entries[: self.page_size])
        self.loading = False
        self.show_entries()
        if self.focused is None:  # the list can lose the focus it was given while it was laid out, empty
            self.history_list.focus()

    def show_entries(self) -> None:
        width = self.history_list.scrollable_content_region.width or self.app.size.width - 6
        who_width = login_width(self.entries)
        self.query_one("#history-header", Static).update(header_content(who_width))
        items = [
            Item(entry_content(entry, self.context, who_width, width - 2), entry, id=f"h-{entry.seq}")
            for entry in self.entries
        ]
        end = _("Move down for older changes…") if self.has_more else _("— beginning of the record —")
        items.append(Item(Content.styled(end, "dim")))
        self.history_list.set_items(items)
        count = f"{len(self.entries)}+" if self.has_more else str(len(self.entries))
        close = registry.key_text(self.app, registry.command("history.close"))
        keys = _("{count} entries · ↑↓ pgup pgdn move · {key} back").format(count=count, key=close)
        self.query_one("#history-keys", Label).update(keys)

    @on(OptionList.OptionHighlighted)
    def near_the_end(self, event: OptionList.OptionHighlighted) -> None:
        """Read the next page once the cursor comes near the last entry read."""
        ahead = min(LOAD_AHEAD, self.page_size // 2)
        if self.has_more and not self.loading and event.option_index >= len(self.entries) - ahead:
            self.load_page()

    def action_close(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.loading = False
            text = _("Could not read the field history: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)
