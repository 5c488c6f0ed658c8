"""What the deal screen shows as text: its header (stage, total, confirmation), its own history and its memo
versions, each with its SHA-256 and when and how it was sent and answered."""

from __future__ import annotations

from textual.content import Content

from salestui.i18n import _
from salestui.services.app_views import DealEventEntry
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail, DealEventView, MemoView
from salestui.text import one_line, visible
from salestui.ui.deal.words import channel_phrase, confirmation_text, format_money, stage_word
from salestui.ui.panes.timeline_deals import deal_event_content

LANGUAGES = {"en": "English", "zh_CN": "中文"}


def header_content(deal: DealDetail) -> Content:
    """Title and customer; stage, total and lines; the confirmation in words; why it was lost."""
    lines = [
        Content.assemble((one_line(deal.title), "bold"), ("  ·  ", "dim"), one_line(deal.customer_name)),
        Content.assemble(
            (_("Stage") + ": ", "dim"),
            (stage_word(deal.stage), "bold"),
            ("  ·  " + _("Total") + ": ", "dim"),
            (format_money(deal.total, deal.currency), "bold"),
            ("  ·  ", "dim"),
            _("{count} line(s)").format(count=len(deal.lines)),
            ("  ·  " + _("Rep") + ": ", "dim"),
            one_line(deal.rep_login),
        ),
        Content.assemble((_("Confirmation") + ": ", "dim"), confirmation_text(deal.confirmation)),
    ]
    if deal.stage == "lost" and deal.lost_reason:
        lines.append(Content.assemble((_("Why it was lost") + ": ", "dim"), one_line(deal.lost_reason)))
    return Content("\n").join(lines)


def as_entry(deal: DealDetail, event: DealEventView) -> DealEventEntry:
    """A deal event as the timeline shows it, with the deal's title, currency, total and how it was agreed."""
    return DealEventEntry(
        id=event.id,
        customer_id=event.customer_id,
        deal_id=event.deal_id,
        deal_title=deal.title,
        currency=deal.currency,
        total=deal.total,
        agreed_via=deal.agreed_via,
        kind=event.kind,
        from_stage=event.from_stage,
        to_stage=event.to_stage,
        memo_version=event.memo_version,
        occurred_at=event.occurred_at,
        channel=event.channel,
        counterpart=event.counterpart,
        text=event.text,
        rep_login=event.rep_login,
    )


def history_content(deal: DealDetail, context: Context) -> Content:
    """The deal's own history, oldest first."""
    if not deal.events:
        return Content.styled(_("Nothing has happened to this deal yet."), "dim")
    return Content("\n\n").join(deal_event_content(as_entry(deal, event), context) for event in deal.events)


def _answers(deal: DealDetail, memo: MemoView, context: Context) -> list[Content]:
    words = {
        "memo_sent": _("sent"),
        "acknowledged": _("acknowledged"),
        "objected": _("objected"),
    }
    lines = []
    for event in deal.events:
        if event.memo_id != memo.id or event.kind not in words:
            continue
        when = context.clock.local(event.occurred_at).strftime("%Y-%m-%d %H:%M")
        whom = one_line(event.counterpart)
        if whom:
            whom = (_("to {whom}") if event.kind == "memo_sent" else _("from {whom}")).format(whom=whom)
        how = " ".join(part for part in (channel_phrase(event.channel), whom) if part)
        lines.append(Content.assemble("  ", (words[event.kind], "bold"), f" {when} {how}".rstrip()))
    return lines


def memos_content(deal: DealDetail, context: Context) -> Content:
    """Each memo version: number, language, when it was written, its SHA-256, and its sends and answers."""
    if not deal.memos:
        return Content.styled(_("No memo sent yet."), "dim")
    parts = []
    for memo in deal.memos:
        written = context.clock.local(memo.created_at).strftime("%Y-%m-%d %H:%M")
        in_force = memo.version == deal.confirmation.version
        head = Content.assemble(
            (_("Version {version}").format(version=memo.version), "bold"),
            f" · {LANGUAGES.get(memo.language, visible(memo.language))} · {written} · {one_line(memo.rep_login)}",
            ("  " + _("in force"), "bold reverse") if in_force else "",
        )
        lines = [
            head,
            Content.assemble("  ", ("SHA-256 ", "dim"), memo.text_sha256),
            Content.assemble("  ", (_("ledger head {seq}").format(seq=memo.anchor_seq) + " ", "dim"), memo.anchor_hash),
            *_answers(deal, memo, context),
        ]
        parts.append(Content("\n").join(lines))
    return Content("\n\n").join(parts)
