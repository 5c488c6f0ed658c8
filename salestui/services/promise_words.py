"""The words the profile, the promise list and `salestui promises` use for a promise's side, kind and status
(codes in services/specs.py PROMISE and PROMISE_OUTCOME; `overdue` is an open promise past its due time)."""

from __future__ import annotations

from salestui.i18n import N_, _
from salestui.services.deal_views import PromiseTally

SIDES = {"us": N_("us"), "customer": N_("customer")}
KINDS = {
    "payment": N_("payment"),
    "delivery": N_("delivery"),
    "quality": N_("quality"),
    "service": N_("service"),
    "other": N_("other"),
}
STATUSES = {
    "open": N_("pending"),  # not yet due; an open promise past its due time is "overdue"
    "overdue": N_("overdue"),
    "kept": N_("kept"),
    "broken": N_("broken"),
    "cancelled": N_("cancelled"),
}


def side_word(side: str) -> str:
    return _(SIDES[side]) if side in SIDES else side


def kind_word(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind


def status_word(status: str, overdue: bool = False) -> str:
    """'kept', 'open', or 'overdue' for an open promise past its due time."""
    code = "overdue" if overdue and status == "open" else status
    return _(STATUSES[code]) if code in STATUSES else code


def tally_text(tally: PromiseTally) -> str:
    """ "Customer's payment promises kept 5/6 · 1 open" (cancelled ones are not counted)."""
    if tally.side == "us":
        phrase = _("Our {kind} promises").format(kind=kind_word(tally.kind))
    else:
        phrase = _("Customer's {kind} promises").format(kind=kind_word(tally.kind))
    parts = []
    settled = tally.kept + tally.broken
    if settled:
        parts.append(_("kept {kept}/{settled}").format(kept=tally.kept, settled=settled))
    if tally.open:
        parts.append(_("{count} open").format(count=tally.open))
    return phrase + " " + " · ".join(parts)
