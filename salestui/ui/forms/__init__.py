"""Modal forms that validate inline: each bad field says what is wrong and keeps what the user typed."""

from salestui.ui.forms.base import FormScreen
from salestui.ui.forms.contact_person import ContactPersonForm
from salestui.ui.forms.customer import CustomerForm
from salestui.ui.forms.follow_up_done import CompleteForm
from salestui.ui.forms.follow_up_edit import EditFollowUpForm
from salestui.ui.forms.follow_up_pick import ReassignForm, SnoozeForm
from salestui.ui.forms.followup import FollowUpForm
from salestui.ui.forms.interaction import InteractionForm
from salestui.ui.forms.promise import PromiseForm, SettleForm

__all__ = [
    "CompleteForm",
    "ContactPersonForm",
    "CustomerForm",
    "EditFollowUpForm",
    "FollowUpForm",
    "FormScreen",
    "InteractionForm",
    "PromiseForm",
    "ReassignForm",
    "SettleForm",
    "SnoozeForm",
]
