"""The Customers pane: a search box over the virtual customer list."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input

from salestui.i18n import _
from salestui.services.context import Context
from salestui.ui import registry
from salestui.ui.debounce import Debounce
from salestui.ui.messages import CountLoaded
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.live_list import LiveCustomerList


class SearchInput(Input):
    """The search box; escape, enter or down go back to the list."""

    BINDINGS = registry.bindings(registry.Scope.SEARCH)

    def action_leave(self) -> None:
        self.screen.query_one(CustomerList).focus()


class CustomersPane(Vertical):
    """Search + list; typing filters after a short pause so each key press does not query."""

    HIGHLIGHTS = frozenset({registry.Target.CUSTOMER})

    def __init__(
        self, context: Context, search_delay: float = 0.15, highlight_delay: float = 0.1, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.search_delay = search_delay
        self.highlight_delay = highlight_delay
        self._search = Debounce(self, self.search_delay, self._apply_search)
        self.border_title = Content(_("Customers"))

    def compose(self) -> ComposeResult:
        search = SearchInput(
            placeholder=_("/ to search: name, company, phone, pinyin"), compact=True, id="customer-search"
        )
        search.cursor_blink = getattr(self.app, "blink_cursor", True)
        yield search
        yield LiveCustomerList(self.context, highlight_delay=self.highlight_delay, id="customer-list")

    @property
    def customer_list(self) -> CustomerList:
        return self.query_one(CustomerList)

    @property
    def search_input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def on_mount(self) -> None:
        self.customer_list.load("")

    def highlighted_item(self, target: registry.Target) -> registry.CustomerRef:
        """The customer under the list's cursor, taken at once if the cursor moved within the debounce."""
        customer_list = self.customer_list
        row = customer_list.post_highlight_now()
        if row is not None:
            return registry.CustomerRef(row.id, row.name)
        if customer_list.total:
            raise registry.NothingHighlighted(
                _("The customer under the cursor is still loading; try again in a moment.")
            )
        raise registry.NothingHighlighted(_("Select a customer first (in the Customers pane)."))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search.schedule()

    def _apply_search(self) -> None:
        text = self.search_input.value
        if text != self.customer_list.filter_text:
            self.customer_list.load(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search.pending:
            self._search.fire()
        self.customer_list.focus()

    def on_count_loaded(self, message: CountLoaded) -> None:
        self.border_subtitle = Content(self.customer_list.total_label())
