"""Every record type the ledger tracks, in the order verify checks them."""

from __future__ import annotations

from salestui.db.deal_models import CustomerMerge, Deal, DealEvent, DealLine, Memo, Promise, PromiseOutcome
from salestui.db.models import ContactPerson, Customer, Entity, FollowUp, Interaction, Rep, RepKey, Setting

ENTITIES: tuple[type[Entity], ...] = (
    Rep,
    RepKey,
    Customer,
    ContactPerson,
    Interaction,
    FollowUp,
    Setting,
    Deal,
    DealLine,
    Memo,
    DealEvent,
    Promise,
    PromiseOutcome,
    CustomerMerge,
)
