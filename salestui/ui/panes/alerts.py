"""The Alerts pane: early warnings, each with a severity that reads without colour and a one-line reason."""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.widgets import OptionList
from textual.worker import Worker, WorkerState

from salestui.i18n import _
from salestui.services import alerts
from salestui.services.context import Context
from salestui.services.views import AlertView
from salestui.text import one_line
from salestui.ui.messages import AlertsLoaded, CustomerChosen
from salestui.ui.panes.marked_list import Item, MarkedList
from salestui.ui.panes.words import severity_label

ALERT_LIMIT = 200  # of each kind; a list this long is shown as "200+"


def alert_line(alert: AlertView) -> Content:
    """Two lines: '!! high  张伟', then the reason indented below it."""
    return Content.assemble(
        (severity_label(alert.severity), "bold" if alert.severity == "high" else ""), "  ",
        (one_line(alert.customer_name), "bold"), "\n   ", one_line(alert.reason),
    )


class AlertsPane(MarkedList):
    """Enter on an alert shows its customer in the timeline."""

    def __init__(self, context: Context, id: str | None = None) -> None:
        super().__init__(id=id)
        self.add_class("pane")
        self.context = context
        self.border_title = Content(_("Alerts"))

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        self._load()

    @work(thread=True, exit_on_error=False, group="alerts", exclusive=True)
    def _load(self) -> None:
        self.post_message(AlertsLoaded(alerts.alerts(self.context, limit=ALERT_LIMIT)))

    def on_alerts_loaded(self, message: AlertsLoaded) -> None:
        message.stop()
        seen: dict[str, int] = {}
        items = []
        for alert in message.alerts:
            key = f"{alert.kind}-{alert.customer_id}"
            seen[key] = seen.get(key, 0) + 1
            items.append(Item(alert_line(alert), alert, id=f"a-{key}-{seen[key]}"))
        if not items:
            items.append(Item(Content.styled(_("Nothing needs attention."), "dim")))
        self.set_items(items)
        count = len(message.alerts)
        self.border_subtitle = Content(_("{count} alerts").format(count=f"{count}+" if count >= ALERT_LIMIT else count))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        alert = self.current
        if alert is not None:
            self.post_message(CustomerChosen(alert.customer_id, alert.customer_name))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state == WorkerState.ERROR:
            self.notify(_("Could not load alerts: {error}").format(error=event.worker.error),
                        severity="error", markup=False)
