"""The Alerts pane: early warnings, each with a severity that reads without colour and a one-line reason."""

from __future__ import annotations

from collections import Counter

from textual.content import Content
from textual.widgets import OptionList

from salestui.i18n import _
from salestui.services.app_views import AlertView, FollowUpView
from salestui.services.context import Context
from salestui.text import one_line
from salestui.ui import registry
from salestui.ui.messages import CustomerChosen
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.words import severity_label

ALERT_LIMIT = 200  # read of each kind; when a kind reaches it the count reads "N+"
SHOWN_PER_KIND = 50  # listed of each kind (so every kind stays in reach); a line below says how many more


def alert_line(alert: AlertView) -> Content:
    """Two lines: '!! high  张伟', then the reason indented below it."""
    return Content.assemble(
        (severity_label(alert.severity), "bold" if alert.severity == "high" else ""),
        "  ",
        (one_line(alert.customer_name), "bold"),
        "\n   ",
        one_line(alert.reason),
    )


def more_text(kind: str, count: str) -> str:
    """'… 150+ more overdue follow-ups': the alerts of `kind` that are not listed."""
    texts = {
        "overdue_follow_up": _("… {count} more overdue follow-ups"),
        "no_contact": _("… {count} more without contact"),
    }
    return texts.get(kind, _("… {count} more alerts")).format(count=count)


def alert_items(alerts: list[AlertView]) -> list[Item]:
    """The first SHOWN_PER_KIND alerts of each kind, in the order given, each kind's with a line counting the rest."""
    kinds: dict[str, list[AlertView]] = {}
    for alert in alerts:
        kinds.setdefault(alert.kind, []).append(alert)
    seen: Counter[str] = Counter()
    items = []
    for kind, group in kinds.items():
        for alert in group[:SHOWN_PER_KIND]:
            key = f"{kind}-{alert.customer_id}"
            seen[key] += 1
            items.append(Item(alert_line(alert), alert, id=f"a-{key}-{seen[key]}"))
        if len(group) > SHOWN_PER_KIND:
            rest = len(group) - SHOWN_PER_KIND
            items.append(
                Item(Content.styled(more_text(kind, f"{rest}+" if len(group) >= ALERT_LIMIT else str(rest)), "dim"))
            )
    if not items:
        items.append(Item(Content.styled(_("Nothing needs attention."), "dim")))
    return items


def count_text(alerts: list[AlertView]) -> str:
    """How many alerts, with a + when some kind was cut off at ALERT_LIMIT (there may be more)."""
    capped = any(number >= ALERT_LIMIT for number in Counter(alert.kind for alert in alerts).values())
    return f"{len(alerts)}+" if capped else str(len(alerts))


class AlertsPane(MarkedList):
    """Enter on an alert shows its customer in the timeline."""

    HIGHLIGHTS = frozenset({registry.Target.ALERT, registry.Target.CUSTOMER, registry.Target.FOLLOW_UP})

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.context = context
        self.border_title = Content(_("Alerts"))

    def show(self, alerts: list[AlertView]) -> None:
        self.set_items(alert_items(alerts))
        count = count_text(alerts)
        self.border_subtitle = Content(_("1 alert") if count == "1" else _("{count} alerts").format(count=count))

    def highlighted_item(self, target: registry.Target) -> AlertView | FollowUpView | registry.CustomerRef:
        """The highlighted alert, its customer, or the overdue follow-up it is about."""
        alert = self.current
        if alert is None:
            raise registry.NothingHighlighted(_("Nothing needs attention."))
        if target is registry.Target.CUSTOMER:
            return registry.CustomerRef(alert.customer_id, alert.customer_name)
        if target is registry.Target.FOLLOW_UP:
            if alert.follow_up is None:
                key = registry.key_text(self.app, registry.command("interaction.log"))
                raise registry.NothingHighlighted(
                    _("This alert is not about a follow-up: log a contact ({key}) instead.").format(key=key)
                )
            return alert.follow_up
        return alert

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        alert = self.current
        if alert is not None:
            self.post_message(CustomerChosen(alert.customer_id, alert.customer_name))
