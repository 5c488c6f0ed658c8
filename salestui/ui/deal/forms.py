"""Forms about a deal as a whole: a new deal (title and currency), and a stage move, lost or reopen with a reason."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Label, Select

from salestui.i18n import _
from salestui.services import deals
from salestui.services.context import Context
from salestui.services.deal_views import DealDetail
from salestui.services.specs import DEAL, DEAL_STAGES
from salestui.ui.deal.words import stage_word
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.forms.spec_fields import label, select


class NewDealForm(FormScreen[DealDetail | None]):
    """A new deal with one customer: its title and currency; the lines and terms follow on the deal screen."""

    def __init__(self, context: Context, customer_id: str, customer_name: str) -> None:
        super().__init__(context)
        self.customer_id = customer_id
        self.customer_name = customer_name

    def title_content(self) -> Content:
        return heading(_("New deal with {name}"), name=self.customer_name)

    def compose_fields(self) -> ComposeResult:
        yield self.field("title", label(DEAL, "title"), Input(placeholder=_("e.g. 500 cartons for the spring order")))
        yield self.field("currency", label(DEAL, "currency"), select(DEAL, "currency"))

    def build_save(self) -> Callable[[], DealDetail]:
        raw = {"title": self.text("title"), "currency": self.text("currency")}
        return partial(deals.create, self.context, self.customer_id, raw)


def stage_choices(stage: str) -> list[tuple[str, str]]:
    """What a deal at `stage` may do: move forward (stages may be skipped), be lost, or be reopened earlier."""
    choices: list[tuple[str, str]] = []
    if stage != "lost":
        later = DEAL_STAGES[DEAL_STAGES.index(stage) + 1 :] if stage in DEAL_STAGES else ()
        choices += [(_("Move to {stage}").format(stage=stage_word(code)), f"move:{code}") for code in later]
        if stage != "closed":
            choices.append((_("Lost (say why)"), "lost:lost"))
    if stage == "lost":
        earlier: tuple[str, ...] = DEAL_STAGES
    else:
        earlier = DEAL_STAGES[: DEAL_STAGES.index(stage)] if stage in DEAL_STAGES else ()
    choices += [(_("Reopen at {stage} (say why)").format(stage=stage_word(code)), f"reopen:{code}") for code in earlier]
    return choices


class StageForm(FormScreen[DealDetail | None]):
    """Move a deal on, mark it lost or reopen it; moving to agreed or later says how it was agreed."""

    def __init__(self, context: Context, deal: DealDetail) -> None:
        super().__init__(context)
        self.deal = deal

    def title_content(self) -> Content:
        return heading(_("Stage of {title}"), title=self.deal.title)

    def compose_fields(self) -> ComposeResult:
        info = _("Now: {stage}").format(stage=stage_word(self.deal.stage))
        yield Label(info, classes="form-info", markup=False)
        choices = stage_choices(self.deal.stage)
        yield self.field("to", _("Change"), Select(choices, value=choices[0][1], allow_blank=False))
        yield self.field("agreed_via", label(DEAL, "agreed_via"), select(DEAL, "agreed_via", self.deal.agreed_via))
        yield self.field("note", _("Why"), Input(placeholder=_("needed when lost or reopened")))

    def error_field(self, name: str) -> str:
        return {"stage": "to", "lost_reason": "note", "text": "note"}.get(name, name)

    def build_save(self) -> Callable[[], DealDetail]:
        kind, _sep, stage = self.text("to").partition(":")
        note = self.text("note")
        if kind == "reopen":
            return partial(deals.reopen, self.context, self.deal.id, stage, note)
        terms: dict[str, Any] | None = None
        via = self.text("agreed_via")
        if kind == "move" and via and via != self.deal.agreed_via:
            terms = {"agreed_via": via}
        return partial(deals.move, self.context, self.deal.id, stage, note, terms)
