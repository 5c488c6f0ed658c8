"""The profile's promise record: per side and kind how many were kept of those settled, and the next open ones.

'Customer's payment promises kept 5/6 · 1 open', 'Our delivery promises kept 9/10', then the open promises due
soonest, an overdue one marked with a word. Nothing at all for a customer without promises.
"""

from __future__ import annotations

from textual.content import Content

from salestui.i18n import _
from salestui.services.context import Context
from salestui.services.deal_views import PromiseRecord, PromiseView
from salestui.services.promise_words import side_word, tally_text
from salestui.text import one_line
from salestui.ui.panes.words import local_time


def open_line(view: PromiseView, context: Context) -> Content:
    """'  11-28 17:00  customer: pay the deposit · overdue'."""
    due = local_time(view.due_at, context.clock.now(), context.clock.local)
    return Content.assemble(
        "  ",
        (due, "bold"),
        "  ",
        (_("{side}: ").format(side=side_word(view.side)), "dim"),
        one_line(view.what),
        ((" · " + _("overdue")) if view.overdue else "", "bold"),
    )


def hanging(line: Content, indent: int, width: int) -> list[Content]:
    """`line` wrapped to `width` cells, the lines after the first indented by `indent` cells."""
    pieces = line.wrap(width)
    if len(pieces) <= 1:
        return pieces
    rest = line[len(pieces[0].plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip(" ")) :]
    return [pieces[0], *(Content(" " * indent) + piece for piece in rest.wrap(max(width - indent, 8)))]


def promise_lines(record: PromiseRecord | None, context: Context, width: int) -> list[Content]:
    """The record's lines for a profile block `width` cells wide (none when the customer has no promises)."""
    if record is None or not (record.tallies or record.next_open):
        return []
    lines = [Content.styled(_("Promises"), "bold")]
    for tally in record.tallies:
        lines.extend(hanging(Content("  " + tally_text(tally)), 4, width))
    if record.next_open:
        more = record.open_count - len(record.next_open)
        title = _("Next open") + (" " + _("(+{count} more)").format(count=more) if more else "")
        lines.append(Content.styled("  " + title, "dim"))
        for view in record.next_open:
            lines.extend(hanging(open_line(view, context), 4, width))
    return lines
