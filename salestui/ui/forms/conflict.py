"""A save that met another rep's changes: each field whose two versions differ, theirs (as saved now) beside mine
(as typed in the form); space, ← or → chooses the value saved, t or m all of them, ctrl+s saves, escape goes back."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from salestui.i18n import _
from salestui.ui import registry
from salestui.ui.forms.fields import heading
from salestui.ui.panes.words import fit
from salestui.ui.registry import Scope

THEIRS, MINE = 0, 1
LABEL_MOST = 16  # cells a field's label may take
HEADER = "header"
BOTH_MARK = "!"  # before the label of a field both reps changed (so it reads without colour)


@dataclass(frozen=True)
class FieldVersions:
    """One field as the form opened it, as the other rep saved it, and as typed here; `shown` as the user reads
    each (a choice's label rather than its code)."""

    name: str
    label: str
    opened: str
    theirs: str
    mine: str
    shown_theirs: str
    shown_mine: str

    @property
    def both_changed(self) -> bool:
        return self.theirs != self.opened and self.mine != self.opened

    @property
    def default(self) -> int:
        """Mine where I changed the field, else theirs: nobody's change is dropped unless the user says so."""
        return MINE if self.mine != self.opened else THEIRS

    def value(self, side: int) -> str:
        return self.mine if side == MINE else self.theirs


def differing(
    names: Iterable[str],
    labels: Mapping[str, str],
    opened: Mapping[str, str],
    theirs: Mapping[str, str],
    mine: Mapping[str, str],
    shown: Callable[[str, str], str],
) -> list[FieldVersions]:
    """The fields whose saved and typed values differ, in the form's order."""
    return [
        FieldVersions(
            name,
            labels[name],
            opened[name],
            theirs[name],
            mine[name],
            shown(name, theirs[name]),
            shown(name, mine[name]),
        )
        for name in names
        if theirs[name] != mine[name]
    ]


class ConflictFields(OptionList):
    """Each differing field: its label, their value, mine; ● and bold mark the value saved, ○ the other."""

    BINDINGS = registry.bindings(Scope.CONFLICT)

    def __init__(self, fields: list[FieldVersions], chosen: dict[str, int], id: str | None = None) -> None:
        self.fields = fields
        self.chosen = chosen
        header = Option(Content(""), id=HEADER, disabled=True)
        super().__init__(header, *(Option(Content(field.label), id=field.name) for field in fields), id=id)

    def _widths(self) -> tuple[int, int]:
        label = min(max(cell_len(field.label) for field in self.fields) + 2, LABEL_MOST)
        width = self.scrollable_content_region.width - 2  # an option's padding
        return label, max((width - label - 6) // 2, 6)

    def _line(self, field: FieldVersions) -> Content:
        label, value = self._widths()
        mark = f"{BOTH_MARK} " if field.both_changed else "  "
        parts: list[str | tuple[str, str]] = [(mark, "bold"), fit(field.label, label - 2), "  "]
        for side, text in ((THEIRS, field.shown_theirs), (MINE, field.shown_mine)):
            kept = self.chosen[field.name] == side
            parts += [("● " if kept else "○ ", "bold"), (fit(text or "—", value), "bold" if kept else "dim"), "  "]
        return Content.assemble(*parts)

    def _header(self) -> Content:
        label, value = self._widths()
        theirs, mine = _("Theirs (saved now)"), _("Mine (this form)")
        return Content.styled(f"{fit('', label)}    {fit(theirs, value)}    {fit(mine, value)}", "underline")

    def show_choices(self) -> None:
        self.replace_option_prompt(HEADER, self._header())
        for field in self.fields:
            self.replace_option_prompt(field.name, self._line(field))

    def on_mount(self) -> None:
        if self.highlighted in (None, 0):
            self.highlighted = 1

    def on_resize(self, _event: Resize) -> None:
        self.show_choices()

    def _choose(self, pick: Callable[[int], int]) -> None:
        option = self.highlighted_option
        if option is None or option.id in (None, HEADER):
            return
        self.chosen[option.id] = pick(self.chosen[option.id])
        field = next(field for field in self.fields if field.name == option.id)
        self.replace_option_prompt(option.id, self._line(field))

    def action_switch(self) -> None:
        self._choose(lambda side: MINE if side == THEIRS else THEIRS)

    def action_keep(self, side: int) -> None:
        self._choose(lambda _side: side)

    def action_keep_all(self, side: int) -> None:
        for field in self.fields:
            self.chosen[field.name] = side
        self.show_choices()


class ConflictScreen(ModalScreen[dict[str, str] | None]):
    """Both versions of a record another rep saved while this one edited it; closes with the value chosen for
    each differing field (by name), or None to go back to the form."""

    DEFAULT_CSS = """
    ConflictScreen {
        align: center middle;
    }
    ConflictScreen #conflict-dialog {
        width: 100;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    ConflictScreen #conflict-title {
        text-style: bold;
    }
    ConflictScreen .conflict-info {
        width: 1fr;
        margin-bottom: 1;
    }
    ConflictScreen #conflict-fields {
        height: auto;
        max-height: 1fr;
    }
    ConflictScreen #conflict-keys {
        width: 1fr;
        color: $text-muted;
    }
    """

    AUTO_FOCUS = "#conflict-fields"
    BINDINGS = registry.bindings(Scope.FORM)

    def __init__(self, name: str, fields: list[FieldVersions]) -> None:
        super().__init__()
        self.record_name = name
        self.fields = fields
        self.chosen = {field.name: field.default for field in fields}

    def compose(self) -> ComposeResult:
        with Vertical(id="conflict-dialog"):
            yield Label(
                heading(_("{name} was changed by someone else while you edited it"), name=self.record_name),
                id="conflict-title",
            )
            info = _("Choose the value to save for each field that differs. {mark} marks a field you both changed.")
            yield Label(info.format(mark=BOTH_MARK), classes="conflict-info", markup=False)
            yield ConflictFields(self.fields, self.chosen, id="conflict-fields")
            yield Label(self.keys_text(), id="conflict-keys", markup=False)

    def keys_text(self) -> str:
        def key(name: str) -> str:
            return registry.key_text(self.app, registry.command(name))

        choose = "/".join(key(name) for name in ("conflict.switch", "conflict.theirs", "conflict.mine"))
        return _("{choose} choose · {theirs} all theirs · {mine} all mine · {save} save · {back} back").format(
            choose=choose,
            theirs=key("conflict.all-theirs"),
            mine=key("conflict.all-mine"),
            save=key("form.save"),
            back=key("form.cancel"),
        )

    def values(self) -> dict[str, str]:
        """The value chosen for each differing field."""
        return {field.name: field.value(self.chosen[field.name]) for field in self.fields}

    def action_submit(self) -> None:
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)
