"""How the timeline (and a deal's own history) shows what happened to a deal: 'Deal agreed: TITLE — 12,000.00 CNY
by phone', 'Memo v2 sent by WeChat / IM to 李娜', 'Acknowledged', 'Objected: …', stage moves."""

from __future__ import annotations

from textual.content import Content

from salestui.i18n import _
from salestui.services.app_views import DealEventEntry
from salestui.services.context import Context
from salestui.text import one_line, visible
from salestui.ui.deal.words import channel_phrase, format_money, stage_word
from salestui.ui.panes.words import local_time


def deal_event_summary(entry: DealEventEntry) -> str:
    """The event in one line of words (user text kept to one line)."""
    title = one_line(entry.deal_title)
    version = entry.memo_version or 0
    if entry.kind == "created":
        return _("New deal: {title}").format(title=title)
    if entry.kind == "stage" and entry.to_stage == "agreed":
        return (
            _("Deal agreed: {title} — {total} {via}")
            .format(title=title, total=format_money(entry.total, entry.currency), via=channel_phrase(entry.agreed_via))
            .rstrip()
        )
    if entry.kind == "stage" and entry.to_stage == "lost":
        return _("Deal lost: {title}").format(title=title)
    if entry.kind == "stage":
        return _("{title}: {old} → {new}").format(
            title=title, old=stage_word(entry.from_stage), new=stage_word(entry.to_stage)
        )
    if entry.kind == "reopened":
        return _("Deal reopened: {title} ({old} → {new})").format(
            title=title, old=stage_word(entry.from_stage), new=stage_word(entry.to_stage)
        )
    if entry.kind == "terms_changed":
        return _("Terms changed: {title}").format(title=title)
    if entry.kind == "memo_sent":
        text = _("Memo v{version} sent").format(version=version)
        if entry.channel:
            text += " " + channel_phrase(entry.channel)
        if entry.counterpart:
            text += " " + _("to {whom}").format(whom=one_line(entry.counterpart))
        return text + " · " + title
    if entry.kind == "acknowledged":
        return _("Acknowledged: memo v{version} of {title}").format(version=version, title=title)
    if entry.kind == "objected":
        return _("Objected: memo v{version} of {title}").format(version=version, title=title)
    return f"{one_line(entry.kind)}: {title}"


def _details(entry: DealEventEntry) -> list[Content]:
    """The lines under the summary: who answered and how, the reason, the reply, what changed."""
    lines: list[Content] = []
    if entry.kind in ("acknowledged", "objected"):
        whom = _("from {whom}").format(whom=one_line(entry.counterpart)) if entry.counterpart else ""
        how = " ".join(part for part in (channel_phrase(entry.channel), whom) if part)
        if how:
            lines.append(Content.styled("  " + how, "dim"))
    if entry.text:
        label = {
            "stage": _("Why"),
            "reopened": _("Why"),
            "acknowledged": _("Reply"),
            "objected": _("Disputed"),
        }.get(entry.kind)
        text_lines = visible(entry.text).split("\n")
        if label:
            lines.append(Content.assemble("  ", (label + ": ", "dim"), text_lines[0]))
            text_lines = text_lines[1:]
        lines.extend(Content("    " + line) for line in text_lines)
    return lines


def deal_event_content(entry: DealEventEntry, context: Context) -> Content:
    """'11-26 09:30  Deal · alice', the event in words, then its details."""
    when = local_time(entry.occurred_at, context.clock.now(), context.clock.local)
    head = Content.assemble((when, "bold"), "  ", (f"{_('Deal')} · {one_line(entry.rep_login)}", "italic"))
    return Content("\n").join([head, Content("  " + deal_event_summary(entry)), *_details(entry)])
