"""A customer's deals, and one deal: header, lines, terms, confirmation, memo versions and history."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from salestui.i18n import _
from salestui.services import deals
from salestui.services.context import Context
from salestui.services.deal_views import CONFIRMATION_LABELS, Confirmation, DealDetail, DealRow
from salestui.services.spec import format_money
from salestui.services.spec_values import format_quantity
from salestui.services.specs import CHANNELS, DEAL
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.deal.forms import NewDealForm, ReplyForm, StageForm, TermsForm, people_of
from salestui.ui.deal.lines import LinesForm
from salestui.ui.panes.timeline_kinds import deal_event_title
from salestui.ui.registry import Scope


def stage_word(stage: str) -> str:
    return _(DEAL.choice("stage").values.get(stage, stage))


def keys_line(app: Any, ids: tuple[str, ...]) -> str:
    return " · ".join(
        f"{registry.key_text(app, registry.command(i))} {_(registry.command(i).description)}" for i in ids
    )


def confirmation_words(state: Confirmation, local: Any) -> str:
    """'memo v2 sent 2026-11-20 · deemed confirmed 2026-11-24 00:00' and the like, or 'no memo sent yet'."""
    if state.version is None:
        return _("no memo sent yet")
    day = local(state.sent_at).strftime("%Y-%m-%d") if state.sent_at else ""
    parts = [_("memo v{version} sent {day}").format(version=state.version, day=day)]
    if state.state == "deemed" and state.window_ends_at is not None:
        parts.append(_("deemed confirmed {time}").format(time=local(state.window_ends_at).strftime("%Y-%m-%d %H:%M")))
    elif state.state == "sent" and state.window_ends_at is not None:
        ends = local(state.window_ends_at).strftime("%Y-%m-%d %H:%M")
        parts.append(_("waiting: deemed confirmed at {time} unless they object").format(time=ends))
    elif state.state in ("acknowledged", "objected") and state.answered_at is not None:
        word = _(CONFIRMATION_LABELS[state.state])
        parts.append(f"{word} {local(state.answered_at).strftime('%Y-%m-%d')}")
    if state.stale:
        parts.append(_("terms changed since: send v{version}").format(version=state.version + 1))
    return " · ".join(parts)


def deal_text(deal: DealDetail, local: Any) -> Content:
    """The whole deal as plain content: nothing the user typed is read as markup."""
    money = lambda amount: format_money(amount, deal.currency)  # noqa: E731
    out: list[Content] = [
        Content.assemble((one_line(deal.title), "bold"), "  ", (one_line(deal.customer_name), "italic")),
        Content(
            f"{stage_word(deal.stage)} · {_('Total: {amount}').format(amount=money(deal.total))} · "
            + confirmation_words(deal.confirmation, local)
        ),
        Content(""),
        Content.styled(_("Lines"), "bold"),
    ]
    for line in deal.lines:
        unit = f" {one_line(line.unit)}" if line.unit else ""
        text = f"  {line.position}. {one_line(line.item)}: {format_quantity(line.quantity_milli)}{unit}"
        out.append(Content(f"{text} × {money(line.unit_price)} = {money(line.line_total)}"))
    if not deal.lines:
        out.append(Content("  " + _("(no lines)")))
    out += [Content(""), Content.styled(_("Terms"), "bold")]
    terms = (
        ("agreed_at", local(deal.agreed_at).strftime("%Y-%m-%d %H:%M") if deal.agreed_at else ""),
        ("agreed_via", _(CHANNELS[deal.agreed_via]) if deal.agreed_via in CHANNELS else ""),
        ("agreed_contact_id", deal.agreed_contact_name),
        ("delivery_date", deal.delivery_date),
        ("delivery_place", deal.delivery_place),
        ("payment_due_date", deal.payment_due_date),
        ("payment_terms", deal.payment_terms),
        ("warranty", deal.warranty),
        ("other_terms", deal.other_terms),
        ("objection_days", str(deal.objection_days)),
        ("lost_reason", deal.lost_reason),
    )
    for name, value in terms:
        if value:
            out.append(Content.assemble("  ", (_(DEAL[name].label) + ": ", "dim"), one_line(visible(value))))
    if deal.memos:
        out += [Content(""), Content.styled(_("Memo versions"), "bold")]
        for memo in deal.memos:
            when = local(memo.created_at).strftime("%Y-%m-%d %H:%M")
            out.append(Content(f"  v{memo.version} · {when} · {memo.language} · SHA-256 {memo.text_sha256}"))
    out += [Content(""), Content.styled(_("History"), "bold")]
    for event in reversed(deal.events):
        when = local(event.occurred_at).strftime("%Y-%m-%d %H:%M")
        title = deal_event_title(event)  # type: ignore[arg-type]
        extra = " · ".join(part for part in (one_line(event.counterpart), one_line(visible(event.text))) if part)
        out.append(
            Content.assemble(
                "  ", (when, "dim"), f"  {title} · {one_line(event.rep_login)}", f" · {extra}" if extra else ""
            )
        )
    return Content("\n").join(out)


class DealScreen(ModalScreen[bool]):
    """One deal, read again after each change; it closes with True if anything changed."""

    BINDINGS: ClassVar[list[BindingType]] = registry.bindings(Scope.DEAL)
    DEFAULT_CSS = """
    DealScreen { align: center middle; }
    DealScreen #deal-dialog { width: 110; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1; }
    DealScreen #deal-body { height: 1fr; }
    DealScreen #deal-keys { color: $text-muted; height: auto; }
    """

    def __init__(self, context: Context, deal_id: str) -> None:
        super().__init__()
        self.context = context
        self.deal_id = deal_id
        self.deal: DealDetail | None = None
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="deal-dialog"):
            with VerticalScroll(id="deal-body"):
                yield Static(Content(_("Reading the deal…")), id="deal-text")
            yield Label(
                keys_line(
                    self.app,
                    ("deal.lines", "deal.terms", "deal.stage", "deal.memo", "deal.ack", "deal.object", "deal.close"),
                ),
                id="deal-keys",
                markup=False,
            )

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True)
    def load(self) -> None:
        deal = deals.get(self.deal_id, self.context.clock.now(), self.context.clock.zone)
        self.app.call_from_thread(self.show, deal)

    def show(self, deal: DealDetail) -> None:
        self.deal = deal
        self.query_one("#deal-text", Static).update(deal_text(deal, self.context.clock.local))

    def after(self, result: Any) -> None:
        if result is not None:
            self.changed = True
            self.load()

    def action_lines(self) -> None:
        if self.deal is not None:
            self.app.push_screen(LinesForm(self.context, self.deal), self.after)

    def action_terms(self) -> None:
        if self.deal is not None:
            self.app.push_screen(TermsForm(self.context, self.deal, people_of(self.deal.customer_id)), self.after)

    def action_stage(self) -> None:
        if self.deal is not None:
            self.app.push_screen(StageForm(self.context, self.deal), self.after)

    def action_memo(self) -> None:
        from salestui.ui.deal.memo import MemoScreen

        if self.deal is not None:
            self.app.push_screen(MemoScreen(self.context, self.deal), self.after)

    def action_ack(self) -> None:
        self._reply("acknowledged")

    def action_object(self) -> None:
        self._reply("objected")

    def _reply(self, kind: str) -> None:
        if self.deal is None:
            return
        if self.deal.confirmation.version is None:
            self.notify(_("No memo has been sent for this deal yet: m, then s when it is sent."), markup=False)
            return
        self.app.push_screen(ReplyForm(self.context, self.deal, kind), self.after)

    def action_close(self) -> None:
        self.dismiss(self.changed)


class DealListScreen(ModalScreen[bool]):
    """Deals, newest first, with stage, total, confirmation and memo version; enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = registry.bindings(Scope.DEALS)
    DEFAULT_CSS = """
    DealListScreen { align: center middle; }
    DealListScreen #deals-dialog { width: 120; max-width: 100%; height: 90%; border: round $primary;
        background: $surface; padding: 0 1; }
    DealListScreen OptionList { height: 1fr; border: none; }
    DealListScreen #deals-title { text-style: bold; }
    DealListScreen #deals-keys { color: $text-muted; }
    """

    def __init__(self, context: Context, customer_id: str | None, customer_name: str) -> None:
        super().__init__()
        self.context = context
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.rows: list[DealRow] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="deals-dialog"):
            title = (
                _("Deals of {name}").format(name=one_line(self.customer_name)) if self.customer_id else _("All deals")
            )
            yield Label(title, id="deals-title", markup=False)
            yield OptionList(id="deals-list")
            ids = ("deals.open", "deals.new", "deals.close") if self.customer_id else ("deals.open", "deals.close")
            yield Label(keys_line(self.app, ids), id="deals-keys", markup=False)

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=False, exclusive=True)
    def load(self) -> None:
        rows = deals.listing(self.context.clock.now(), customer_id=self.customer_id, zone=self.context.clock.zone)
        self.app.call_from_thread(self.show, rows)

    def show(self, rows: list[DealRow]) -> None:
        self.rows = rows
        listing = self.query_one(OptionList)
        listing.clear_options()
        for row in rows:
            memo = f" v{row.memo_version}" if row.memo_version else ""
            customer = "" if self.customer_id else f"{one_line(row.customer_name)} · "
            text = (
                f"{customer}{one_line(row.title)} · {stage_word(row.stage)} · {format_money(row.total, row.currency)}"
                f" · {_(CONFIRMATION_LABELS.get(row.confirmation, row.confirmation))}{memo}"
            )
            listing.add_option(Option(Content(text), id=row.id))
        if not rows:
            listing.add_option(Option(Content(_("No deals yet: n records one.")), disabled=True))
        else:
            listing.highlighted = 0
        listing.focus()

    @on(OptionList.OptionSelected)
    def selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not self.rows:
            return
        row = self.rows[listing.highlighted]
        self.app.push_screen(DealScreen(self.context, row.id), self.after)

    def action_new(self) -> None:
        if self.customer_id is None:
            return

        def opened(deal: Any) -> None:
            if deal is not None:
                self.changed = True
                self.load()
                self.app.push_screen(DealScreen(self.context, deal.id), self.after)

        self.app.push_screen(NewDealForm(self.context, self.customer_id, self.customer_name), opened)

    def after(self, changed: Any) -> None:
        if changed:
            self.changed = True
            self.load()

    def action_close(self) -> None:
        self.dismiss(self.changed)
