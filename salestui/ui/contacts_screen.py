"""A customer's contact persons, the primary one first and marked: add, edit and make primary from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import contacts
from salestui.services.app_views import ContactPersonView
from salestui.services.context import Context
from salestui.text import one_line, visible
from salestui.ui import registry
from salestui.ui.forms import ContactPersonForm
from salestui.ui.forms.fields import heading
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.profile import PRIMARY_MARK
from salestui.ui.panes.words import fit
from salestui.ui.registry import Scope

WIDE_FROM = 96  # cells of list width from which each person takes one line, in columns
# Column widths (cells) of the one-line layout, in order: name, title, phone, e-mail; WeChat / IM takes the rest.
COLUMNS = (0.22, 0.2, 0.18, 0.24)
GAP = "  "


def column_widths(width: int) -> list[int]:
    """Cells for name, title, phone, e-mail and IM in a list `width` cells wide (less the marks before them)."""
    room = width - 4 - len(GAP) * 4
    widths = [max(int(room * share), 6) for share in COLUMNS]
    return [*widths, max(room - sum(widths), 6)]


def header_content(width: int) -> Content:
    """The column titles over the one-line layout ('' when the list is too narrow for columns)."""
    if width < WIDE_FROM:
        return Content("")
    titles = (_("Name"), _("Title"), _("Phone"), _("E-mail"), _("WeChat / IM"))
    cells = GAP.join(fit(title, cells) for title, cells in zip(titles, column_widths(width), strict=True))
    return Content.styled("    " + cells.rstrip(), "bold")


def person_content(person: ContactPersonView, width: int) -> Content:
    """One contact person: '★ ' for the primary one, then name, title, phone, e-mail and IM, in columns when the
    list is wide, else name and title on a line and the ways to reach them indented below."""
    mark = Content.styled(PRIMARY_MARK + " ", "bold") if person.is_primary else Content("  ")
    values = (person.name, person.title, person.phone, person.email, person.im_handle)
    if width >= WIDE_FROM:
        cells = GAP.join(fit(value, cells) for value, cells in zip(values, column_widths(width), strict=True))
        return mark + Content(cells.rstrip())
    head = Content.assemble((one_line(person.name), "bold"), *((" · ", one_line(person.title)) if person.title else ()))
    reach = " · ".join(one_line(value) for value in values[2:] if value.strip())
    lines = [mark + head]
    if reach:
        lines.append(Content("    ") + Content(fit(reach, max(width - 6, 10)).rstrip()))
    return Content("\n").join(lines)


def keys_text(app: Any) -> str:
    """'★ primary · n add · e edit · * make primary · esc back', with the keys in effect."""
    parts = [_("{mark} primary").format(mark=PRIMARY_MARK)]
    for command_id in ("contacts.add", "contacts.edit", "contacts.primary", "contacts.close"):
        entry = registry.command(command_id)
        parts.append(f"{registry.key_text(app, entry)} {_(entry.description).lower()}")
    return " · ".join(parts)


class ContactList(MarkedList):
    """The contact persons; the cursor marks the one the keys act on."""


class ContactPersonsScreen(ModalScreen[bool | None]):
    """Lists a customer's contact persons; closes with True if any was added or changed (else None)."""

    BINDINGS = registry.bindings(Scope.CONTACTS)
    AUTO_FOCUS = "#contact-list"

    def __init__(self, context: Context, customer_id: str, customer_name: str) -> None:
        super().__init__()
        self.context = context
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.people: tuple[ContactPersonView, ...] = ()
        self.changed = False
        self.loaded = False

    def compose(self) -> ComposeResult:
        with Vertical(id="contacts-dialog"):
            yield Label(heading(_("Contact persons: {name}"), name=self.customer_name), id="contacts-title")
            yield Static(Content(""), id="contacts-header")
            yield ContactList(id="contact-list")
            yield Label(keys_text(self.app), id="contacts-keys", markup=False)

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        if self.loaded:
            self.show_people(self.people)

    @property
    def list_width(self) -> int:
        width = self.contact_list.scrollable_content_region.width
        return width if width > 0 else self.app.size.width - 6

    def reload(self, select: str | None = None) -> None:
        self._in_background(partial(contacts.for_customer, self.customer_id), partial(self.show_people, select=select))

    @work(thread=True, exit_on_error=False, group="contacts")
    def _in_background(self, read: Callable[[], Any], then: Callable[[Any], None]) -> None:
        result = read()
        self.app.call_from_thread(then, result)

    def show_people(self, people: tuple[ContactPersonView, ...], select: str | None = None) -> None:
        """List `people`; the cursor goes to `select` (an id) if given, else stays with the person it was on."""
        self.people, self.loaded = people, True
        width = self.list_width
        header = self.query_one("#contacts-header", Static)
        header.update(header_content(width))
        header.display = width >= WIDE_FROM
        items = [Item(person_content(person, width), person, id=f"c-{person.id}") for person in people]
        if not items:
            key = registry.key_text(self.app, registry.command("contacts.add"))
            items = [Item(Content.styled(_("No contact persons yet: press {key} to add one.").format(key=key), "dim"))]
        self.contact_list.set_items(items)
        if select is not None:
            index = next((n for n, person in enumerate(people) if person.id == select), None)
            if index is not None:
                self.contact_list.highlighted = index

    @property
    def current(self) -> ContactPersonView | None:
        person = self.contact_list.current
        return person if isinstance(person, ContactPersonView) else None

    def highlighted_person(self) -> ContactPersonView | None:
        """The contact person under the cursor; None, after saying how to add one, if there is none."""
        person = self.current
        if person is None:
            key = registry.key_text(self.app, registry.command("contacts.add"))
            text = _("No contact person here yet: press {key} to add one.").format(key=key)
            self.notify(text, severity="warning", markup=False)
        return person

    def saved(self, person: ContactPersonView | None) -> None:
        if person is not None:
            self.changed = True
            self.reload(select=person.id)

    def action_add(self) -> None:
        self.app.push_screen(ContactPersonForm(self.context, self.customer_id, self.customer_name, None), self.saved)

    def action_edit(self) -> None:
        person = self.highlighted_person()
        if person is not None:
            form = ContactPersonForm(self.context, self.customer_id, self.customer_name, person)
            self.app.push_screen(form, self.saved)

    def action_make_primary(self) -> None:
        person = self.highlighted_person()
        if person is None:
            return
        if person.is_primary:
            text = _("{name} is already the primary contact person.").format(name=one_line(person.name))
            self.notify(text, markup=False)
            return
        self._in_background(partial(contacts.set_primary, self.context, person.id), self.saved)

    def action_close(self) -> None:
        self.dismiss(True if self.changed else None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            text = _("Could not read or change the contact persons: {error}").format(error=event.worker.error)
            self.notify(visible(text), severity="error", markup=False)
