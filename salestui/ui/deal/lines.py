"""A deal's lines as a grid: item, quantity, unit and unit price per row, each line's total and the deal's total
kept up to date as the user types (exact integers, as the services count them)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label

from salestui.i18n import _
from salestui.services import deals
from salestui.services.context import Context
from salestui.services.deal_money import line_total
from salestui.services.deal_views import DealDetail
from salestui.services.spec import CleanContext, format_money, parse_money
from salestui.services.spec_values import format_quantity
from salestui.services.specs import DEAL_LINE
from salestui.ui import registry
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label
from salestui.ui.registry import Scope

CELLS = ("item", "quantity_milli", "unit", "unit_price")
CELL_CLASSES = {"item": "line-item", "quantity_milli": "line-quantity", "unit": "line-unit", "unit_price": "line-price"}


def quantity_of(text: str) -> int | None:
    """Thousandths for a typed quantity, or None while it is not one."""
    try:
        value = DEAL_LINE["quantity_milli"].clean(text, CleanContext({}, None))
    except ValueError:
        return None
    return value if isinstance(value, int) else None


def price_of(text: str, currency: str) -> int | None:
    try:
        return parse_money(text or "0", currency)
    except ValueError:
        return None


class LineRow(Horizontal):
    """One line's inputs and its total."""

    DEFAULT_CSS = """
    LineRow { height: 1; margin-bottom: 1; }
    LineRow Input, LineRow Input:focus { border: none; height: 1; padding: 0 1; margin-right: 1; }
    LineRow Input:focus { background: $boost; text-style: bold; }
    LineRow .line-item { width: 2fr; }
    LineRow .line-quantity { width: 12; }
    LineRow .line-unit { width: 8; }
    LineRow .line-price { width: 16; }
    LineRow .line-total { width: 20; text-align: right; }
    """

    def __init__(self, number: int, line_id: str, values: dict[str, str]) -> None:
        super().__init__(classes="line-row")
        self.number = number
        self.line_id = line_id
        self.values = values

    def compose(self) -> ComposeResult:
        classes = {
            "item": "line-item",
            "quantity_milli": "line-quantity",
            "unit": "line-unit",
            "unit_price": "line-price",
        }
        for name in CELLS:
            yield Input(self.values.get(name, ""), classes=f"line-cell {classes[name]}", id=None)
        yield Label("", classes="line-total", markup=False)

    def cells(self) -> dict[str, str]:
        return {name: widget.value for name, widget in zip(CELLS, self.query(Input), strict=True)}


class LinesForm(FormScreen[DealDetail | None]):
    """Edit every line of a deal at once; ctrl+s saves the whole list (a line left out is marked removed)."""

    BINDINGS: ClassVar[list[BindingType]] = [*FormScreen.BINDINGS, *registry.bindings(Scope.DEAL_LINES)]
    AUTO_FOCUS = ".line-cell"
    DEFAULT_CSS = """
    LinesForm #form-dialog { width: 110; }
    LinesForm #lines-header { color: $text-muted; height: 1; }
    LinesForm #lines-total { text-style: bold; text-align: right; width: 1fr; }
    """

    def __init__(self, context: Context, deal: DealDetail) -> None:
        super().__init__(context)
        self.deal = deal
        self.numbers = len(deal.lines)

    def title_content(self) -> Content:
        return heading(_("Lines of {title} ({currency})"), title=self.deal.title, currency=self.deal.currency)

    def compose_fields(self) -> ComposeResult:
        titles = [label(DEAL_LINE, name) for name in CELLS]
        yield Label("  ".join(titles) + "  " + _("Amount"), id="lines-header", markup=False)
        for number, line in enumerate(self.deal.lines, start=1):
            values = {
                "item": line.item,
                "quantity_milli": format_quantity(line.quantity_milli).replace(",", ""),
                "unit": line.unit,
                "unit_price": format_money(line.unit_price, self.deal.currency).rsplit(" ", 1)[0].replace(",", ""),
            }
            yield LineRow(number, line.id, values)
        if not self.deal.lines:
            yield LineRow(1, "", {})
            self.numbers = 1
        yield Label("", id="lines-total", markup=False)

    def on_mount(self) -> None:
        self.update_totals()

    def rows(self) -> list[LineRow]:
        return list(self.query(LineRow))

    @on(Input.Changed, ".line-cell")
    def update_totals(self) -> None:
        total, complete = 0, True
        for row in self.rows():
            cells = row.cells()
            quantity, price = quantity_of(cells["quantity_milli"]), price_of(cells["unit_price"], self.deal.currency)
            shown = "?"
            if quantity is not None and price is not None:
                amount = line_total(quantity, price)
                total += amount
                shown = format_money(amount, self.deal.currency)
            else:
                complete = complete and not any(cells.values())
            row.query_one(".line-total", Label).update(shown)
        text = _("Total: {amount}").format(amount=format_money(total, self.deal.currency))
        self.query_one("#lines-total", Label).update(text if complete else text + " " + _("(so far)"))

    def action_add_line(self) -> None:
        self.numbers += 1
        row = LineRow(self.numbers, "", {})
        self.query_one("#form-body").mount(row, before=self.query_one("#lines-total"))
        self.call_after_refresh(lambda: row.query(Input).first().focus())

    def action_remove_line(self) -> None:
        focused = self.focused
        row = next((row for row in self.rows() if focused is not None and focused in list(row.query(Input))), None)
        if row is not None:
            row.remove()
            self.call_after_refresh(self.update_totals)

    @property
    def changed(self) -> bool:
        return True  # a grid is not compared field by field; escape always asks

    def build_save(self) -> Callable[[], DealDetail]:
        lines: list[dict[str, Any]] = []
        for row in self.rows():
            cells = row.cells()
            if not any(value.strip() for value in cells.values()):
                continue  # an empty row is no line
            lines.append({**cells, **({"id": row.line_id} if row.line_id else {})})
        return partial(deals.save_lines, self.context, self.deal.id, lines)

    def show_errors(self, errors: dict[str, str]) -> None:
        """'line 2, Unit price: at most 2 decimal places' above the grid (the rows are numbered as saved)."""
        readable = {}
        for name, message in errors.items():
            parts = name.split(".")
            if len(parts) == 3 and parts[0] == "lines" and parts[2] in DEAL_LINE.fields:
                name = _("line {number}, {field}").format(number=parts[1], field=_(DEAL_LINE[parts[2]].label))
            readable[name] = message
        super().show_errors(readable)
