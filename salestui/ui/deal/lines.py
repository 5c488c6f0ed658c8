"""The deal screen's lines editor: a grid of inputs (item, quantity, unit, unit price) with each line's total and
the deal's running total, worked out exactly as the service does (spec types to read, deal_money to add up)."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from salestui.i18n import _
from salestui.services.deal_money import line_total
from salestui.services.deal_views import DealLineView
from salestui.services.spec import clean, format_money
from salestui.services.spec_values import format_quantity
from salestui.services.specs import DEAL_LINE
from salestui.ui import registry
from salestui.ui.forms.fields import error_content
from salestui.ui.registry import Scope

COLUMNS = ("item", "quantity_milli", "unit", "unit_price")


def amount_text(minor: int, currency: str) -> str:
    """An amount as typed into a price cell: '2,560.00' (no currency)."""
    return format_money(minor, currency).rpartition(" ")[0]


def read_total(quantity: str, price: str, currency: str) -> int | None:
    """The line total the service would store for these texts, or None if either cannot be read."""
    values, errors = clean(DEAL_LINE, {"quantity_milli": quantity, "unit_price": price, "currency": currency}, True)
    errors.pop("currency", None)
    if errors:
        return None
    return line_total(values["quantity_milli"], values["unit_price"])


class LineRow(Vertical):
    """One line: its four inputs and total on a row, and the line under it that says what is wrong."""

    def __init__(self, line: DealLineView | None, currency: str) -> None:
        super().__init__(classes="deal-line")
        self.line_id = line.id if line is not None else None
        self.currency = currency
        self.opened = (
            (line.item, format_quantity(line.quantity_milli), line.unit, amount_text(line.unit_price, currency))
            if line is not None
            else ("", "", "", "")
        )

    def compose(self) -> ComposeResult:
        placeholders = (_("item"), "1.5", _("unit"), "0.00")
        with Horizontal(classes="line-cells"):
            for column, text, placeholder in zip(COLUMNS, self.opened, placeholders, strict=True):
                yield Input(text, placeholder=placeholder, compact=True, classes=f"line-cell line-{column}")
            yield Static("", classes="line-total")
        yield Label("", classes="line-error", markup=False)

    def cells(self) -> list[Input]:
        return list(self.query(".line-cell").results(Input))

    def texts(self) -> tuple[str, ...]:
        return tuple(cell.value for cell in self.cells())

    def blank(self) -> bool:
        return self.line_id is None and not any(text.strip() for text in self.texts())

    def raw(self) -> dict[str, Any]:
        """What deals.save_lines takes for this line (with its id when it is a saved line)."""
        raw: dict[str, Any] = dict(zip(COLUMNS, self.texts(), strict=True))
        if self.line_id is not None:
            raw["id"] = self.line_id
        return raw

    def total(self) -> int | None:
        texts = self.texts()
        return read_total(texts[1], texts[3], self.currency)

    def show_total(self) -> None:
        total = self.total()
        shown = format_money(total, self.currency) if total is not None else "?"
        self.query_one(".line-total", Static).update(Content(shown))

    def show_error(self, messages: list[tuple[str, str]]) -> None:
        """Each (column, message) under the line, the column's label first; the bad cells marked."""
        for cell, column in zip(self.cells(), COLUMNS, strict=True):
            cell.set_class(any(name == column for name, _message in messages), "-error")
        text = "; ".join(
            f"{_(DEAL_LINE[name].label) if name in DEAL_LINE.fields else name}: {message}" for name, message in messages
        )
        label = self.query_one(".line-error", Label)
        label.update(error_content(text) if text else "")
        label.display = bool(text)


class LinesEditor(Vertical):
    """The lines of a deal as a grid; ↑ ↓ move between lines in the same column, tab along a line."""

    BINDINGS = registry.bindings(Scope.DEAL_LINES)

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.currency = "CNY"
        self.loaded: list[tuple[str | None, tuple[str, ...]]] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="line-cells line-heading"):
            for column in COLUMNS:
                yield Label(_(DEAL_LINE[column].label), classes=f"line-{column}", markup=False)
            yield Label(_("Line total"), classes="line-total", markup=False)
        yield Vertical(id="line-rows")
        yield Static("", id="deal-running-total")

    @property
    def rows(self) -> list[LineRow]:
        return list(self.query_one("#line-rows").query_children(LineRow).results(LineRow))

    async def set_lines(self, lines: tuple[DealLineView, ...], currency: str) -> None:
        """Show `lines` (as saved), replacing whatever the grid held."""
        self.currency = currency
        box = self.query_one("#line-rows")
        await box.remove_children()
        rows = [LineRow(line, currency) for line in lines]
        await box.mount_all(rows)
        self.loaded = [(row.line_id, row.opened) for row in rows]
        for row in rows:
            row.show_total()
        self.show_running_total()

    def changed(self) -> bool:
        now = [(row.line_id, row.texts()) for row in self.rows if not row.blank()]
        return now != self.loaded

    def raw_lines(self) -> list[dict[str, Any]]:
        """The lines in order, as deals.save_lines takes them; a new line left wholly blank is not one."""
        return [row.raw() for row in self.rows if not row.blank()]

    def show_running_total(self) -> None:
        totals = [row.total() for row in self.rows if not row.blank()]
        known = [total for total in totals if total is not None]
        text = _("Total: {total}").format(total=format_money(sum(known), self.currency))
        unread = len(totals) - len(known)
        if unread:
            text += " " + _("({count} line(s) not readable yet)").format(count=unread)
        elif not totals:
            key = registry.key_text(self.app, registry.command("deal.add-line"))
            text = _("No lines yet: {key} adds one.").format(key=key)
        self.query_one("#deal-running-total", Static).update(Content.styled(text, "bold"))

    @on(Input.Changed, ".line-cell")
    def cell_changed(self, event: Input.Changed) -> None:
        row = self._row_of(event.input)
        if row is not None:
            row.show_total()
            row.show_error([])
        self.show_running_total()

    def _row_of(self, widget: Widget | None) -> LineRow | None:
        node = widget
        while node is not None and not isinstance(node, LineRow):
            node = node.parent  # type: ignore[assignment]
        return node

    def focused_place(self) -> tuple[int, int] | None:
        """(line, column) of the cell with focus, if one has it."""
        focused = self.screen.focused
        row = self._row_of(focused)
        if row is None or not isinstance(focused, Input):
            return None
        return self.rows.index(row), row.cells().index(focused)

    def focus_place(self, line: int, column: int) -> None:
        """Focus cell `column` of line `line`, or of the last line if there are fewer."""
        rows = self.rows
        if rows:
            rows[min(line, len(rows) - 1)].cells()[column].focus()

    async def add_line(self) -> None:
        """A new line below the one with focus (at the end if none has it); focus its item."""
        place = self.focused_place()
        row = LineRow(None, self.currency)
        box = self.query_one("#line-rows")
        rows = self.rows
        if place is not None and place[0] + 1 < len(rows):
            await box.mount(row, before=rows[place[0] + 1])
        else:
            await box.mount(row)
        row.show_total()
        row.cells()[0].focus()
        self.show_running_total()

    async def action_remove_line(self) -> None:
        place = self.focused_place()
        if place is None:
            return
        rows = self.rows
        await rows[place[0]].remove()
        self.focus_place(*place)
        self.show_running_total()

    def _move(self, step: int) -> None:
        place = self.focused_place()
        rows = self.rows
        if place is None:
            return
        target = place[0] + step
        if 0 <= target < len(rows):
            rows[target].cells()[place[1]].focus()
        else:
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()

    def action_line_up(self) -> None:
        self._move(-1)

    def action_line_down(self) -> None:
        self._move(1)

    def show_errors(self, errors: dict[str, str]) -> bool:
        """Show the service's 'lines.N.field' errors under their lines (N counts the lines saved); True if any."""
        rows = [row for row in self.rows if not row.blank()]
        by_row: dict[int, list[tuple[str, str]]] = {}
        for key, message in errors.items():
            parts = key.split(".")
            if len(parts) == 3 and parts[0] == "lines" and parts[1].isdigit():
                by_row.setdefault(int(parts[1]) - 1, []).append((parts[2], message))
        for number, messages in by_row.items():
            if 0 <= number < len(rows):
                rows[number].show_error(messages)
        if "lines" in errors:
            self.query_one("#deal-running-total", Static).update(error_content(errors["lines"]))
        first = min(by_row, default=None)
        if first is not None and 0 <= first < len(rows):
            column = next((COLUMNS.index(name) for name, _m in by_row[first] if name in COLUMNS), 0)
            rows[first].cells()[column].focus()
        return bool(by_row) or "lines" in errors
