"""Every key binding's text in one table, so bindings are translated when a widget is built, not at import."""

from __future__ import annotations

import dataclasses

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode

from salestui.i18n import _


def binding_texts() -> dict[str, tuple[str, str]]:
    """(description, tooltip) for each binding id, in the current language."""
    return {
        "app.quit": (_("Quit"), _("Leave SalesTUI")),
        "app.help": (_("Help"), _("Show every key")),
        "app.palette": (_("Commands"), _("Open the command palette")),
        "pane.next": (_("Next pane"), _("Move to the next pane")),
        "pane.previous": (_("Previous pane"), _("Move to the previous pane")),
        "customer.search": (_("Search"), _("Search customers by name, company, phone or pinyin")),
        "customer.new": (_("New"), _("Add a new customer")),
        "customer.edit": (_("Edit"), _("Edit the selected customer")),
        "interaction.log": (_("Log"), _("Log a call, visit or message with the selected customer")),
        "follow-up.new": (_("Follow-up"), _("Plan a follow-up with the selected customer")),
        "follow-up.done": (_("Done"), _("Mark the selected follow-up done")),
        "follow-up.snooze": (_("Snooze"), _("Put the selected follow-up off")),
        "search.leave": (_("To list"), _("Go back to the customer list")),
        "cursor.up": (_("Up"), _("Move up one line")),
        "cursor.down": (_("Down"), _("Move down one line")),
        "cursor.page-up": (_("Page up"), _("Move up one screen")),
        "cursor.page-down": (_("Page down"), _("Move down one screen")),
        "cursor.first": (_("First"), _("Go to the first line")),
        "cursor.last": (_("Last"), _("Go to the last line")),
        "cursor.open": (_("Open"), _("Show the customer of this line in the timeline")),
        "help.close": (_("Close"), _("Close the help")),
    }


def bind(
    keys: str,
    action: str,
    binding_id: str,
    *,
    show: bool = False,
    priority: bool = False,
    key_display: str | None = None,
) -> Binding:
    """A Binding with an id and the texts from `binding_texts`."""
    description, tooltip = binding_texts()[binding_id]
    return Binding(
        keys, action, description, show=show, priority=priority, tooltip=tooltip, id=binding_id, key_display=key_display
    )


def movement_bindings(
    up: str = "cursor_up", down: str = "cursor_down", first: str = "first", last: str = "last"
) -> list[BindingType]:
    """The keys that move through a list or the timeline (the same everywhere, so help lists them once)."""
    return [
        bind("up,k", up, "cursor.up"),
        bind("down,j", down, "cursor.down"),
        bind("pageup", "page_up", "cursor.page-up"),
        bind("pagedown", "page_down", "cursor.page-down"),
        bind("home", first, "cursor.first"),
        bind("end", last, "cursor.last"),
    ]


def retranslate(node: DOMNode) -> None:
    """Refresh the texts of `node`'s bindings in the current language (the class built them at import)."""
    texts = binding_texts()
    fresh: dict[str, list[Binding]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        fresh[key] = [
            dataclasses.replace(binding, description=texts[binding.id][0], tooltip=texts[binding.id][1])
            if binding.id in texts
            else binding
            for binding in bindings
        ]
    node._bindings = BindingsMap.from_keys(fresh)


def help_lines(nodes: list[DOMNode], key_display) -> list[tuple[str, str, str, str]]:
    """(id, keys, description, tooltip) for every binding with an id on `nodes`, each id once, in order found."""
    found: dict[str, tuple[list[str], Binding]] = {}
    for node in nodes:
        for key, binding in node._bindings:
            if not binding.id:
                continue
            keys, _first = found.setdefault(binding.id, ([], binding))
            shown = key_display(dataclasses.replace(binding, key=key))
            if shown not in keys:
                keys.append(shown)
    return [
        (binding_id, " ".join(keys), binding.description, binding.tooltip)
        for binding_id, (keys, binding) in found.items()
    ]
