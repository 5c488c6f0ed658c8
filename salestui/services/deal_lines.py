"""A deal's lines: checked as one list before anything is written, and told in words when they change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salestui.i18n import _
from salestui.services.deal_money import deal_total, line_total
from salestui.services.spec import clean, format_money, money_max
from salestui.services.spec_values import format_quantity
from salestui.services.specs import DEAL_LINE

LINE_FIELDS = ("item", "quantity_milli", "unit", "unit_price")


def clean_lines(
    lines: Sequence[dict[str, Any]], currency: str, existing: dict[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Each line's clean values (with its "id" when it is an existing line of the deal), and the errors keyed
    "lines.N.field" (N from 1). A line total or the deal total over the largest amount is refused."""
    cleaned: list[dict[str, Any]] = []
    errors: dict[str, str] = {}
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        given = {name: value for name, value in raw.items() if name != "id"}
        values, problems = clean(DEAL_LINE, {**given, "currency": currency}, partial=False)
        problems.pop("currency", None)
        values.pop("status", None)
        if "status" in given:
            problems["status"] = _("a line is removed by leaving it out")
        line_id = str(raw.get("id") or "")
        if line_id and (line_id not in existing or line_id in seen):
            problems["id"] = _("not a line of this deal: {id!r}").format(id=line_id)
        seen.add(line_id)
        if not problems and line_total(values["quantity_milli"], values["unit_price"]) > money_max(currency):
            problems["quantity_milli"] = _("the line total is over the largest amount an entry can hold")
        errors.update({f"lines.{number}.{name}": message for name, message in problems.items()})
        cleaned.append({**values, "id": line_id} if line_id else values)
    if not errors and deal_total((line["quantity_milli"], line["unit_price"]) for line in cleaned) > money_max(
        currency
    ):
        errors["lines"] = _("the deal total is over the largest amount an entry can hold")
    return cleaned, errors


def describe(line: dict[str, Any], currency: str) -> str:
    """'SMD capacitors 1.5 kg × 12.00 CNY = 18.00 CNY'."""
    quantity = format_quantity(line["quantity_milli"])
    unit = f" {line['unit']}" if line["unit"] else ""
    total = format_money(line_total(line["quantity_milli"], line["unit_price"]), currency)
    return f"{line['item']} {quantity}{unit} × {format_money(line['unit_price'], currency)} = {total}"


def line_changes(old: dict[str, Any] | None, new: dict[str, Any] | None, currency: str) -> str:
    """One line of a "terms_changed" event: what a line became, or '' if only its place in the list moved."""
    if old is None and new is not None:
        return _("line added: {line}").format(line=describe(new, currency))
    if new is None and old is not None:
        return _("line removed: {line}").format(line=describe(old, currency))
    assert old is not None and new is not None
    if all(old[name] == new[name] for name in LINE_FIELDS):
        return ""
    return _("line changed: {old} → {new}").format(old=describe(old, currency), new=describe(new, currency))
