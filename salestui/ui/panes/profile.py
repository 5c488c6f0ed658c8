"""The Timeline pane's header: the customer's whole profile and their contact persons, compact, empty fields left out.

The block sits in a scroll area of its own whose height is capped (see `profile_height`), so a long profile
never pushes the timeline off a small terminal.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.content import Content

from salestui.i18n import _
from salestui.services import cadence_defaults
from salestui.services.app_views import ContactPersonView, CustomerDetail
from salestui.services.context import Context
from salestui.services.customer_fields import format_money
from salestui.services.deal_views import PromiseRecord
from salestui.text import one_line
from salestui.ui.panes.profile_promises import promise_lines
from salestui.ui.panes.words import days_ago, local_time, status_word, tier_word

PRIMARY_MARK = "★"  # the primary contact person (the contact persons screen marks them the same way)
# The share of the pane's height the profile may take before it scrolls, and the fewest rows it keeps.
PROFILE_SHARE = 0.45
PROFILE_MIN_ROWS = 4


def profile_height(pane_height: int) -> int:
    """The most rows the profile block may take in a pane `pane_height` rows tall."""
    return max(PROFILE_MIN_ROWS, int(pane_height * PROFILE_SHARE))


def reach_facts(customer: CustomerDetail) -> list[tuple[str, str]]:
    """(label, value) for the ways to reach the customer that are filled in."""
    facts = [(_("Phone"), customer.phone), (_("E-mail"), customer.email), (_("WeChat / IM"), customer.im_handle)]
    return [(label, value) for label, value in facts if value.strip()]


def profile_facts(customer: CustomerDetail) -> list[tuple[str, str]]:
    """(label, value) for every other profile field that holds something."""
    if customer.cadence_days:
        cadence = _("{days} days").format(days=customer.cadence_days)
    else:
        by_tier = cadence_defaults.tier_days().get(customer.tier)
        cadence = _("{days} days (by tier)").format(days=by_tier) if by_tier else ""
    credit = format_money(customer.credit_limit, customer.currency) if customer.credit_limit else ""
    facts = [
        (_("Address"), customer.address),
        (_("Region"), customer.region),
        (_("Industry"), customer.industry),
        (_("Source"), customer.source),
        (_("Tags"), customer.tags),
        (_("Needs"), customer.needs),
        (_("Preferences"), customer.preferences),
        (_("Payment terms"), customer.payment_terms),
        (_("Credit limit"), credit),
        (_("Contact every"), cadence),
    ]
    return [(label, value) for label, value in facts if value.strip()]


def contact_facts(customer: CustomerDetail, context: Context) -> list[tuple[str, str]]:
    """(label, value) for the last contact and the open follow-ups."""
    now = context.clock.now()
    last = _("never")
    if customer.last_contact_at is not None:
        when = local_time(customer.last_contact_at, now, context.clock.local)
        last = f"{when} ({days_ago(customer.last_contact_at, now)})"
    return [(_("Last contact"), last), (_("Open follow-ups"), str(customer.open_follow_ups))]


def _hanging(head: Content, value: str, indent: int, width: int) -> list[Content]:
    """`head` then `value` wrapped to `width` cells, the lines after the first indented by `indent` cells."""
    lines: list[Content] = []
    for paragraph in value.split("\n"):
        for line in Content(one_line(paragraph)).wrap(max(width - indent, 8)) or [Content("")]:
            lines.append((head if not lines else Content(" " * indent)) + line)
    return lines


def _joined(lead: Content, parts: list[Content], indent: int, width: int) -> list[Content]:
    """`parts` joined by ' · ' after `lead`, a new line (indented by `indent`) where the next part would not fit."""
    lines: list[Content] = []
    line = lead
    fresh = True
    for part in parts:
        candidate = line + part if fresh else line + Content(" · ") + part
        if not fresh and candidate.cell_length > width:
            lines.append(line)
            line, candidate = Content(" " * indent), Content(" " * indent) + part
        line, fresh = candidate, False
    lines.append(line)
    return [piece for whole in lines for piece in (whole.wrap(width) if whole.cell_length > width else [whole])]


def _contact_lines(person: ContactPersonView, width: int) -> list[Content]:
    """A contact person on a line or two: '★ ' before the primary one (who comes first)."""
    parts = [
        Content(one_line(part)) for part in (person.name, person.title, person.phone, person.email) if part.strip()
    ]
    return _joined(Content(PRIMARY_MARK + " " if person.is_primary else "  "), parts, 4, width)


def profile_content(
    customer: CustomerDetail, context: Context, width: int, promises: PromiseRecord | None = None
) -> Content:
    """The profile block for a pane `width` cells wide: who, tier, status and owner, how to reach them, the last
    contact, the promise record, the contact persons with title and phone, then every other filled-in field with
    its label (long values wrap under their value)."""
    lines = [Content.styled(one_line(customer.name), "bold")]
    if customer.company and customer.company != customer.name:
        lines.append(Content(one_line(customer.company)))
    lines.append(
        Content.assemble(
            (tier_word(customer.tier), "bold"),
            " · ",
            status_word(customer.status),
            " · ",
            _("owner {login}").format(login=one_line(customer.owner_login or _("public pool"))),
        )
    )
    reach, contact, facts = reach_facts(customer), contact_facts(customer, context), profile_facts(customer)
    label_width = max(cell_len(label) for label, _value in (*reach, *contact, *facts)) + 2

    def labelled(pairs: list[tuple[str, str]]) -> None:
        for label, value in pairs:
            head = Content.styled(label + " " * (label_width - cell_len(label)), "dim")
            lines.extend(_hanging(head, value, label_width, width))

    labelled(reach)
    labelled(contact)
    lines.extend(promise_lines(promises, context, width))
    if customer.contacts:
        lines.append(Content.styled(_("Contacts ({count})").format(count=len(customer.contacts)), "bold"))
        for person in customer.contacts:
            lines.extend(_contact_lines(person, width))
    labelled(facts)
    return Content("\n").join(lines)


class ProfileBlock(VerticalScroll, can_focus=False):
    """The capped, scrollable profile; its bottom edge says when more of it lies below (contact persons, say)."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.mark_overflow()

    def on_resize(self) -> None:
        self.mark_overflow()

    def mark_overflow(self) -> None:
        more = self.max_scroll_y > 0 and self.scroll_y < self.max_scroll_y
        self.border_subtitle = Content(_("↓ more")) if more else None
