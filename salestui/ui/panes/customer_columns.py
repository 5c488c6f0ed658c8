"""The customer list's columns: how wide each is for a given list width, what one row shows in them, and what the
lines of one render pass share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from salestui.i18n import _
from salestui.services.views import CustomerRow
from salestui.ui.panes.words import days_ago, days_ago_width, fit, tier_word


def column_widths(width: int) -> list[int]:
    """Cell widths of marker, name, company, phone, tier, owner and last contact for a list `width` wide."""
    tier = max(cell_len(tier_word(code)) for code in ("vip", "regular", "potential"))
    last = max(days_ago_width(), cell_len(_("Seen")))
    owner = 8 if width >= 90 else 0  # the timeline shows the owner too; names matter more when narrow
    fixed = [1, 0, 0, 16, tier, owner, last]
    gaps = sum(1 for cell in fixed if cell) + 2  # a space after every column shown, name and company included
    spare = max(width - sum(fixed) - gaps, 8)
    name = max(spare * 11 // 20, 4)
    return [1, name, spare - name, 16, tier, owner, last]


def row_cells(row: CustomerRow, now: datetime) -> list[str]:
    """Marker (left empty), name, company, phone, tier, owner and last contact of one customer."""
    company = row.company_shown()
    return [
        "",
        row.name,
        company,
        row.phone,
        tier_word(row.tier),
        row.owner_login or _("pool"),
        days_ago(row.last_contact_at, now),
    ]


@dataclass(frozen=True)
class LinePaint:
    """What every line of one render pass shares: widths, styles and the time the Seen column counts from."""

    width: int
    widths: list[int]
    base: Style
    header: Style
    message: Style
    cursor: Style
    dim: Style  # a colour only, laid over the line's base (the cursor's background shows through)
    placeholder: Style
    now: datetime


def line_strip(cells: list[str], widths: list[int], styles: list[Style], width: int, base: Style) -> Strip:
    """One list line: each cell fitted to its column (a zero-width column is left out), padded to `width`."""
    segments = [
        Segment(fit(text, cell_width) + " ", style)
        for text, cell_width, style in zip(cells, widths, styles, strict=True)
        if cell_width
    ]
    return Strip(segments).crop_extend(0, width, base)
