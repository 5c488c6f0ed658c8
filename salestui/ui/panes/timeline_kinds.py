"""How the timeline shows the entries that are not interactions: completed follow-ups, profile edits, deal events
(in timeline_deals, which the deal screen's history shares)."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content

from salestui.i18n import _
from salestui.services.app_views import DealEventEntry, FieldChange, FollowUpDoneEntry, ProfileEditEntry
from salestui.services.context import Context
from salestui.services.profile_history import PRIMARY
from salestui.services.spec import Choice, Spec
from salestui.services.specs import CUSTOMER
from salestui.text import one_line, visible
from salestui.ui.panes.timeline_deals import deal_event_content
from salestui.ui.panes.words import local_time

CHANGE_WIDTH = 60  # cells of an old or new value an edit shows


def field_label(field: str, spec: Spec = CUSTOMER) -> str:
    """The label the record's field spec gives a field ('payment_terms' -> 'Payment terms'); the owner is shown
    by login, so it is the owner; `PRIMARY` is who the primary contact person is."""
    if field == "owner":
        return _("Owner")
    if field == PRIMARY:
        return _("Primary contact")
    return _(spec[field].label) if field in spec.fields else one_line(field)


def value_word(change: FieldChange, value: str, spec: Spec = CUSTOMER, limit: int = CHANGE_WIDTH) -> str:
    """An old or new value as shown: a code by its label ('vip' -> 'VIP'), nothing as '—', text on one line and
    cut to `limit` cells."""
    if change.field == "owner" and not value:
        return _("public pool")
    field = spec.fields.get(change.field)
    if isinstance(field, Choice) and value in field.values:
        return _(field.values[value])
    if not value:
        return "—"
    text = one_line(visible(value))
    if cell_len(text) > limit:  # a long text changed: its start says which; the profile shows it all
        text = set_cell_size(text, limit - 1) + "…"
    return text


def _head(when: str, what: str, rep_login: str) -> Content:
    return Content.assemble((when, "bold"), "  ", (f"{what} · {one_line(rep_login)}", "italic"))


def follow_up_done_content(entry: FollowUpDoneEntry, context: Context) -> Content:
    """'11-26 09:30  Follow-up done · alice', the title with its due time, then the outcome if one was given."""
    now, local = context.clock.now(), context.clock.local
    lines = [
        _head(local_time(entry.occurred_at, now, local), _("Follow-up done"), entry.rep_login),
        Content.assemble(
            "  ",
            one_line(entry.title),
            (" (" + _("due {time}").format(time=local_time(entry.due_at, now, local)) + ")", "dim"),
        ),
    ]
    if entry.outcome:
        lines.append(Content.assemble("  ", (_("Outcome") + ": ", "dim"), one_line(entry.outcome)))
    return Content("\n").join(lines)


def profile_edit_content(entry: ProfileEditEntry, context: Context) -> Content:
    """'11-26 09:30  Profile edited · alice', then each field changed: 'Payment terms: 30 days → 60 days'."""
    when = local_time(entry.occurred_at, context.clock.now(), context.clock.local)
    lines = [_head(when, _("Profile edited"), entry.rep_login)]
    for change in entry.changes:
        lines.append(
            Content.assemble(
                "  ",
                (field_label(change.field) + ": ", "dim"),
                value_word(change, change.old),
                (" → ", "dim"),
                value_word(change, change.new),
            )
        )
    return Content("\n").join(lines)


def other_entry_content(entry: FollowUpDoneEntry | ProfileEditEntry | DealEventEntry, context: Context) -> Content:
    if isinstance(entry, FollowUpDoneEntry):
        return follow_up_done_content(entry, context)
    if isinstance(entry, DealEventEntry):
        return deal_event_content(entry, context)
    return profile_edit_content(entry, context)
