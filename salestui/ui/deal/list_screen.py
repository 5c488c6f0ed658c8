"""A list of deals, one customer's or everyone's: stage, total, confirmation and memo version; enter opens one."""

from __future__ import annotations

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import deals
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail, DealRow
from salestui.text import visible
from salestui.ui import registry
from salestui.ui.deal.forms import NewDealForm
from salestui.ui.deal.memo_screen import keys_line
from salestui.ui.deal.screen import DealScreen
from salestui.ui.deal.words import confirmation_word, format_money, stage_word
from salestui.ui.forms.fields import heading
from salestui.ui.panes.words import fit

# Cells of each column but the title, which takes the rest.
CUSTOMER_WIDTH, STAGE_WIDTH, TOTAL_WIDTH, CONFIRMATION_WIDTH, MEMO_WIDTH = 10, 9, 16, 16, 3


def _right(text: str, width: int) -> str:
    """`text` fitted to `width` cells, against the right edge (amounts line up)."""
    fitted = fit(text, width).rstrip()
    return " " * (width - cell_len(fitted)) + fitted


def row_text(row: DealRow, title_width: int, with_customer: bool) -> str:
    """One deal as a line of columns; user text fitted to its cells, never markup."""
    cells = [fit(row.title, title_width)]
    if with_customer:
        cells.append(fit(row.customer_name, CUSTOMER_WIDTH))
    cells += [
        fit(stage_word(row.stage), STAGE_WIDTH),
        _right(format_money(row.total, row.currency), TOTAL_WIDTH),
        fit(confirmation_word(row.confirmation), CONFIRMATION_WIDTH),
        fit(f"v{row.memo_version}" if row.memo_version else "—", MEMO_WIDTH),
    ]
    return " ".join(cells)


class DealListScreen(Screen[bool]):
    """Deals newest first; closes with True if a deal opened from here was changed."""

    BINDINGS = registry.bindings(registry.Scope.DEALS)

    def __init__(self, context: Context, customer_id: str | None, customer_name: str = "") -> None:
        super().__init__(classes="deal-list-screen")
        self.context = context
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.rows: list[DealRow] = []
        self.written = False

    def compose(self) -> ComposeResult:
        if self.customer_id is None:
            title = Content(_("Every customer's deals"))
        else:
            title = heading(_("Deals with {name}"), name=self.customer_name)
        yield Static(title, id="deal-list-title")
        yield Static("", id="deal-list-heading")
        yield OptionList(id="deal-list")
        yield Label(keys_line(self.app, ("deals.open", "deals.new", "deals.close")), id="deal-list-keys", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, group="deal-list", exclusive=True)
    def load(self) -> None:
        rows = deals.listing(self.context.clock.now(), customer_id=self.customer_id)
        self.app.call_from_thread(self.show, rows)

    def _title_width(self) -> int:
        others = STAGE_WIDTH + TOTAL_WIDTH + CONFIRMATION_WIDTH + MEMO_WIDTH + 4
        if self.customer_id is None:
            others += CUSTOMER_WIDTH + 1
        return max(self.size.width - others - 4, 12)

    def show(self, rows: list[DealRow]) -> None:
        self.rows = rows
        listing = self.query_one(OptionList)
        highlighted = listing.highlighted
        width, with_customer = self._title_width(), self.customer_id is None
        heading_cells = [fit(_("Deal"), width)]
        if with_customer:
            heading_cells.append(fit(_("Customer"), CUSTOMER_WIDTH))
        heading_cells += [
            fit(_("Stage"), STAGE_WIDTH),
            _right(_("Total"), TOTAL_WIDTH),
            fit(_("Confirmation"), CONFIRMATION_WIDTH),
            fit(_("Memo"), MEMO_WIDTH),
        ]
        self.query_one("#deal-list-heading", Static).update(Content.styled(" ".join(heading_cells), "bold"))
        listing.clear_options()
        listing.add_options([Option(Content(row_text(row, width, with_customer)), id=row.id) for row in rows])
        if not rows:
            key = registry.key_text(self.app, registry.command("deal.new"))
            text = _("No deals yet: {key} on a customer in the main screen records one.").format(key=key)
            listing.add_option(Option(Content(text), disabled=True))
        else:
            listing.highlighted = min(highlighted or 0, len(rows) - 1)
        listing.focus()

    def _open(self, deal_id: str) -> None:
        def closed(written: bool | None) -> None:
            if written:
                self.written = True
            self.load()

        self.app.push_screen(DealScreen(self.context, deal_id), closed)

    @on(OptionList.OptionSelected, "#deal-list")
    def open_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._open(event.option.id)

    def action_open(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is not None:
            option = listing.get_option_at_index(listing.highlighted)
            if option.id is not None:
                self._open(option.id)

    def action_new(self) -> None:
        """A new deal with the customer listed (in a list of every deal, pick the customer on the main screen)."""
        if self.customer_id is None:
            key = registry.key_text(self.app, registry.command("deal.new"))
            self.notify(_("Pick the customer on the main screen and press {key}.").format(key=key), markup=False)
            return

        def created(deal: DealDetail | None) -> None:
            if deal is not None:
                self.written = True
                self._open(deal.id)

        self.app.push_screen(NewDealForm(self.context, self.customer_id, self.customer_name), created)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            text = _("Could not list the deals: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)

    def action_close(self) -> None:
        self.dismiss(self.written)
