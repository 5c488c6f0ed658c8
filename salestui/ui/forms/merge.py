"""Merging a duplicate into a customer: pick the duplicate from a searchable list, then a preview of each field
that differs (space, ← or → chooses the value kept) and of what moves; ctrl+s merges after asking."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import merge
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from salestui.services.merge import MERGED, SURVIVOR, MergeDone, MergeField, MergePreview
from salestui.text import visible
from salestui.ui import registry
from salestui.ui.confirm import ConfirmScreen
from salestui.ui.debounce import Debounce
from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.fields import heading
from salestui.ui.messages import CustomerChosen
from salestui.ui.panes.customer_list import CustomerList
from salestui.ui.panes.customers import SearchInput
from salestui.ui.panes.words import fit
from salestui.ui.registry import CustomerRef, Scope

LABEL_MOST = 16  # cells a field's label may take
HEADER = "header"


def moves_text(preview: MergePreview) -> str:
    """'Moves to the survivor: interactions 3 · follow-ups 2 · …' (the tables with any)."""
    moves = " · ".join(f"{merge.table_label(table)} {count}" for table, count in preview.moves if count)
    return _("Moves to the survivor: {moves}").format(moves=moves or _("nothing"))


class MergeFields(OptionList):
    """Each field whose values differ: its label, the survivor's value, the duplicate's; ● and bold mark the value
    kept, ○ the other (so it reads without colour). The first line names the two columns."""

    BINDINGS = registry.bindings(Scope.MERGE)

    def __init__(self, preview: MergePreview, winners: dict[str, str], id: str | None = None) -> None:
        self.fields = preview.differing()
        self.winners = winners
        self.names = (preview.survivor_name, preview.merged_name)
        header = Option(Content(""), id=HEADER, disabled=True)
        super().__init__(header, *(Option(Content(field.label), id=field.name) for field in self.fields), id=id)

    def _widths(self) -> tuple[int, int]:
        label = min(max(cell_len(field.label) for field in self.fields), LABEL_MOST)
        width = self.scrollable_content_region.width - 2  # an option's padding
        return label, max((width - label - 6) // 2, 6)

    def _line(self, field: MergeField) -> Content:
        label, value = self._widths()
        parts: list[str | tuple[str, str]] = [fit(field.label, label), "  "]
        for side, text in ((SURVIVOR, field.survivor), (MERGED, field.merged)):
            kept = self.winners[field.name] == side
            parts += [("● " if kept else "○ ", "bold"), (fit(text or "—", value), "bold" if kept else "dim"), "  "]
        return Content.assemble(*parts)

    def _header(self) -> Content:
        label, value = self._widths()
        survivor = _("Survivor: {name}").format(name=self.names[0])
        duplicate = _("Duplicate: {name}").format(name=self.names[1])
        return Content.styled(f"{fit('', label)}    {fit(survivor, value)}    {fit(duplicate, value)}", "underline")

    def show_winners(self) -> None:
        self.replace_option_prompt(HEADER, self._header())
        for field in self.fields:
            self.replace_option_prompt(field.name, self._line(field))

    def on_mount(self) -> None:
        if self.highlighted in (None, 0) and self.fields:
            self.highlighted = 1

    def on_resize(self, _event: Resize) -> None:
        self.show_winners()

    def _choose(self, pick: Callable[[str], str]) -> None:
        option = self.highlighted_option
        if option is None or option.id in (None, HEADER):
            return
        self.winners[option.id] = pick(self.winners[option.id])
        field = next(field for field in self.fields if field.name == option.id)
        self.replace_option_prompt(option.id, self._line(field))

    def action_switch(self) -> None:
        self._choose(lambda winner: MERGED if winner == SURVIVOR else SURVIVOR)

    def action_keep(self, side: int) -> None:
        self._choose(lambda _winner: (SURVIVOR, MERGED)[side])


class MergeForm(FormScreen[MergeDone | None]):
    """The preview of merging one customer into another; ctrl+s asks, then merges (one transaction)."""

    AUTO_FOCUS = "#merge-fields"

    def __init__(self, context: Context, preview: MergePreview) -> None:
        super().__init__(context)
        self.preview = preview
        self.winners = preview.defaults()

    def title_content(self) -> Content:
        return heading(
            _("Merge {merged} into {survivor}"), merged=self.preview.merged_name, survivor=self.preview.survivor_name
        )

    def compose_fields(self) -> ComposeResult:
        shown = self.preview
        ids = _(
            "{survivor} ({survivor_id}) stays; {merged} ({merged_id}) is merged away, and its id finds the survivor."
        )
        yield Label(
            ids.format(
                survivor=shown.survivor_name,
                survivor_id=shown.survivor_id[:8],
                merged=shown.merged_name,
                merged_id=shown.merged_id[:8],
            ),
            classes="form-info",
            markup=False,
        )
        if shown.differing():
            yield MergeFields(shown, self.winners, id="merge-fields")
        else:
            yield Label(_("Every field holds the same value in both."), classes="form-info", markup=False)
        yield Label(moves_text(shown), id="merge-moves", classes="form-info", markup=False)

    @property
    def changed(self) -> bool:
        return self.winners != self.preview.defaults()

    def saving_text(self) -> str:
        return _("Merging…")

    def keys_text(self) -> str:
        choose = "/".join(
            registry.key_text(self.app, registry.command(name))
            for name in ("merge.switch", "merge.survivor", "merge.merged")
        )
        return _("{choose} choose the value kept · {save} merge · {cancel} cancel").format(
            choose=choose,
            save=registry.key_text(self.app, registry.command("form.save")),
            cancel=registry.key_text(self.app, registry.command("form.cancel")),
        )

    def action_submit(self) -> None:
        """Ask first: a merge cannot be undone."""
        if self.saving:
            return
        question = _("Merge {merged} into {survivor}? This cannot be undone.").format(
            merged=self.preview.merged_name, survivor=self.preview.survivor_name
        )

        def answered(yes: bool | None) -> None:
            if yes:
                super(MergeForm, self).action_submit()

        self.app.push_screen(ConfirmScreen(question, _("merge"), _("go back")), answered)

    def build_save(self) -> Callable[[], MergeDone]:
        shown = self.preview
        return partial(merge.merge, self.context, shown.survivor_id, shown.merged_id, dict(self.winners))


class MergePickScreen(ModalScreen[MergeDone | None]):
    """Pick the duplicate to merge into `survivor`: the customer list and its search box; enter opens the preview.
    Closes with the merge made, or None (escape)."""

    BINDINGS = registry.bindings(Scope.FORM, without=frozenset({"form.save"}))
    AUTO_FOCUS = "#merge-search"

    def __init__(self, context: Context, survivor: CustomerRef) -> None:
        super().__init__()
        self.context = context
        self.survivor = survivor
        self._search: Debounce | None = None

    def compose(self) -> ComposeResult:
        delay = getattr(self.app, "search_delay", 0.15)
        self._search = Debounce(self, delay, self._apply_search)
        with Vertical(id="merge-pick"):
            yield Label(heading(_("Merge a duplicate into {name}: pick it"), name=self.survivor.name), id="merge-title")
            search = SearchInput(placeholder=_("search: name, company, phone, pinyin"), compact=True, id="merge-search")
            search.cursor_blink = getattr(self.app, "blink_cursor", True)
            yield search
            yield CustomerList(
                self.context, highlight_delay=getattr(self.app, "highlight_delay", 0.1), id="merge-candidates"
            )
            keys = _("{open} preview the merge · {cancel} cancel").format(
                open=registry.key_text(self.app, registry.command("cursor.open")),
                cancel=registry.key_text(self.app, registry.command("form.cancel")),
            )
            yield Label(keys, id="merge-keys", markup=False)

    @property
    def candidates(self) -> CustomerList:
        return self.query_one(CustomerList)

    def on_mount(self) -> None:
        self.candidates.load("")

    @on(Input.Changed)
    def search_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._search is not None:
            self._search.schedule()

    def _apply_search(self) -> None:
        text = self.query_one(SearchInput).value
        if text != self.candidates.filter_text:
            self.candidates.load(text)

    @on(Input.Submitted)
    def search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search is not None and self._search.pending:
            self._search.fire()
        self.candidates.focus()

    def on_customer_chosen(self, message: CustomerChosen) -> None:
        message.stop()
        self._preview(message.customer_id)

    @work(thread=True, exit_on_error=False, group="merge-preview", exclusive=True)
    def _preview(self, merged_id: str) -> None:
        try:
            shown = merge.preview(self.survivor.customer_id, merged_id)
        except ValidationError as refused:
            self.app.call_from_thread(self._refused, "; ".join(refused.errors.values()))
            return
        self.app.call_from_thread(self.app.push_screen, MergeForm(self.context, shown), self._merged)

    def _refused(self, text: str) -> None:
        self.notify(visible(text), severity="warning", markup=False)

    def _merged(self, done: Any) -> None:
        if done is not None:
            self.dismiss(done)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR and event.worker.group == "merge-preview":
            text = _("Could not read the two customers: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
