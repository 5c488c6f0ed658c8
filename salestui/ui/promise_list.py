"""One customer's promises, open ones first by due date: k kept, b broken, c cancelled (asks why), A amend.

Nothing is edited: each key appends an outcome or a new version (services/promises.py), and the list is read
again. The screen closes with True if anything was recorded, so the profile's record is read again too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label

from salestui.i18n import _
from salestui.services import promises
from salestui.services.context import Context
from salestui.services.deal_views import PromiseView
from salestui.services.errors import ValidationError
from salestui.services.promise_words import kind_word, side_word, status_word
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.forms import PromiseForm, SettleForm
from salestui.ui.forms.fields import heading
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.words import local_time
from salestui.ui.registry import CustomerRef, Scope


def promise_line(view: PromiseView, context: Context) -> Content:
    """'11-28 17:00  customer · payment  Pay the deposit — overdue' (and 'amended' on a corrected one)."""
    due = local_time(view.due_at, context.clock.now(), context.clock.local)
    status = status_word(view.status, view.overdue)
    note = f" ({one_line(view.outcome_note)})" if view.outcome_note else ""
    return Content.assemble(
        (due, "bold" if view.status == "open" else ""),
        "  ",
        (f"{side_word(view.side)} · {kind_word(view.kind)}", "italic"),
        "  ",
        one_line(view.what),
        " — ",
        (status, "bold" if view.overdue else ""),
        note,
        ("  " + _("amended"), "dim") if view.amends_id else "",
    )


class PromiseOptions(MarkedList):
    """The list itself (arrow keys move; the letters belong to the screen)."""


class PromiseListScreen(ModalScreen[bool | None]):
    """The customer's promises; closes with True once something was recorded, else None."""

    BINDINGS = [*registry.bindings(Scope.PROMISES), *registry.bindings(Scope.VIEW)]

    def __init__(self, context: Context, customer: CustomerRef) -> None:
        super().__init__()
        self.context = context
        self.customer = customer
        self.views: tuple[PromiseView, ...] = ()
        self.deals: tuple[tuple[str, str], ...] = ()
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="promise-dialog"):
            yield Label(heading(_("Promises with {name}"), name=self.customer.name), id="promise-title")
            yield PromiseOptions(id="promise-options")
            yield Label(self.keys_text(), id="promise-keys", markup=False)

    def keys_text(self) -> str:
        keys = [
            f"{registry.key_text(self.app, registry.command(command_id))} {_(registry.command(command_id).description)}"
            for command_id in ("promise.kept", "promise.broken", "promise.cancel", "promise.amend", "view.close")
        ]
        return " · ".join(keys)

    def on_mount(self) -> None:
        self.load()

    @property
    def options(self) -> PromiseOptions:
        return self.query_one(PromiseOptions)

    @work(thread=True, exit_on_error=False, group="promise-list", exclusive=True)
    def load(self) -> None:
        views = promises.for_customer(self.customer.customer_id, now=self.context.clock.now())
        deals = promises.deal_choices(self.customer.customer_id)
        self.app.call_from_thread(self.show, views, deals)

    def show(self, views: tuple[PromiseView, ...], deals: tuple[tuple[str, str], ...]) -> None:
        self.views, self.deals = views, deals
        items = [Item(promise_line(view, self.context), view, id=f"p-{view.id}") for view in views]
        if not items:
            key = registry.key_text(self.app, registry.command("promise.new"))
            items = [Item(Content.styled(_("No promises yet: press {key} on the main screen.").format(key=key), "dim"))]
        self.options.set_items(items, follow_item=False)  # a settled promise moves down; the cursor stays
        self.options.focus()

    def highlighted(self) -> PromiseView | None:
        current = self.options.current
        if current is None:
            self.notify(_("There is no promise to act on."), severity="warning", markup=False)
        return current if isinstance(current, PromiseView) else None

    def action_settle(self, status: str) -> None:
        view = self.highlighted()
        if view is None:
            return
        if status == "cancelled":  # asks why first
            self.app.push_screen(SettleForm(self.context, view, status), self.recorded)
            return
        self.write(lambda: promises.settle(self.context, view.id, {"status": status}))

    def action_amend(self) -> None:
        view = self.highlighted()
        if view is not None:
            form = PromiseForm(self.context, view.customer_id, self.customer.name, self.deals, amending=view)
            self.app.push_screen(form, self.recorded)

    def recorded(self, result: Any) -> None:
        if result is not None:
            self.changed = True
            if isinstance(result, PromiseView):
                self.announce(result)
            self.load()

    def announce(self, view: PromiseView) -> None:
        """Say what the promise now stands at (the list is read again below)."""
        self.notify(
            _("{what}: {status}").format(what=one_line(view.what), status=status_word(view.status, view.overdue)),
            markup=False,
        )

    @work(thread=True, exit_on_error=False, group="promise-write")
    def write(self, record: Callable[[], PromiseView]) -> None:
        try:
            view = record()
        except ValidationError as error:
            text = "; ".join(error.errors.values())
            self.app.call_from_thread(self.notify, visible(text), severity="error", markup=False)
            return
        except Exception as error:  # shown, and the list stays open
            text = _("Not saved: {error}").format(error=str(error) or type(error).__name__)
            self.app.call_from_thread(self.notify, visible(text), severity="error", markup=False)
            return
        self.app.call_from_thread(self.recorded, view)

    def action_close(self) -> None:
        self.dismiss(True if self.changed else None)
