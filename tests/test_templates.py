"""Record templates per interaction kind: what each asks for, what it requires, where the values are kept, the
contact person by id or name, and the next follow-up written in the same transaction."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from salestui import i18n
from salestui.db.connection import database
from salestui.services import followups, templates, timeline
from salestui.services.errors import ValidationError
from salestui.services.verify import verify
from tests.conftest import FROZEN_NOW, Seeded
from tests.tampering import tamper


def count(table: str) -> int:
    return int(database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def stored_fields(interaction_id: str) -> str:
    return str(database.execute_sql("SELECT fields FROM interaction WHERE id = ?", (interaction_id,)).fetchone()[0])


def errors_of(raw: dict[str, Any]) -> dict[str, str]:
    _values, _own, errors = templates.validate({"summary": "Logged", **raw}, FROZEN_NOW)
    return errors


BUILT_IN_KEYS = {
    "call": ("contact_person", "purpose", "outcome", "next_step"),
    "visit": ("place", "attendees", "outcome"),
    "meeting": ("attendees", "agenda", "decisions"),
    "im": ("channel", "handle", "body"),
    "email": ("subject", "body"),
    "note": (),
    "complaint": ("issue", "severity"),
    "feedback": ("score", "scale", "comment"),
}


def test_every_kind_has_its_template_in_order() -> None:
    assert {kind: templates.template(kind).keys() for kind in BUILT_IN_KEYS} == BUILT_IN_KEYS
    assert set(BUILT_IN_KEYS) == set(templates.BUILT_IN)


@pytest.mark.parametrize(
    ("raw", "missing"),
    [
        ({"kind": "complaint"}, {"severity"}),
        ({"kind": "feedback"}, {"score"}),
        ({"kind": "feedback", "scale": "10"}, {"score"}),
        ({"kind": "call"}, set()),
        ({"kind": "note"}, set()),
    ],
)
def test_required_fields_are_named_when_missing(raw: dict[str, Any], missing: set[str]) -> None:
    errors = errors_of(raw)
    assert set(errors) == missing
    assert all(errors[key] == "required" for key in missing)


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ({"kind": "complaint", "severity": "urgent"}, "severity", "one of: low, medium, high"),
        ({"kind": "feedback", "score": "6"}, "score", "from 1 to 5"),
        ({"kind": "feedback", "score": "0"}, "score", "from 1 to 5"),
        ({"kind": "feedback", "score": "11", "scale": "10"}, "score", "from 0 to 10"),
        ({"kind": "feedback", "score": "4.5"}, "score", "from 1 to 5"),
        ({"kind": "feedback", "score": "4", "scale": "7"}, "scale", "one of: 5, 10"),
        ({"kind": "im", "channel": "pigeon"}, "channel", "one of:"),
        ({"kind": "email", "subject": "x" * 301}, "subject", "at most 300 characters"),
        ({"kind": "call", "purpose": "line\x1bbreak"}, "purpose", "control character"),
    ],
)
def test_template_values_are_checked(raw: dict[str, Any], field: str, fragment: str) -> None:
    errors = errors_of(raw)
    assert field in errors and fragment in errors[field], errors


def test_a_key_of_another_kind_is_unknown_and_the_message_lists_the_kinds_fields() -> None:
    errors = errors_of({"kind": "email", "purpose": "prices", "budget": "1"})
    assert set(errors) == {"purpose", "budget"}
    assert errors["purpose"] == "not a field of the e-mail template (its fields: subject, body)"


def test_scores_on_both_scales_are_kept_as_text() -> None:
    _values, own, errors = templates.validate(
        {"kind": "feedback", "summary": "NPS", "score": "0", "scale": "10"}, FROZEN_NOW
    )
    assert not errors and own == {"score": 0, "scale": "10", "comment": ""}
    assert templates.stored_fields(own) == '{"scale":"10","score":"0"}'
    assert templates.shown("feedback", '{"scale":"10","score":"0"}') == [("Score", "0/10")]


def test_a_call_keeps_its_columns_and_its_own_fields_apart(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["Acme Trading Ltd"]
    made = timeline.append(
        context,
        customer_id,
        {
            "kind": "call",
            "summary": "Price call",
            "contact_person": "John Moore",  # by name: the CLI's way
            "purpose": "the 2027 prices",
            "outcome": "they accept +3%",
            "next_step": "send the price list",
        },
    )
    john = database.execute_sql("SELECT id FROM contact_person WHERE name = 'John Moore'").fetchone()[0]
    assert (made.outcome, made.next_step) == ("they accept +3%", "send the price list")
    assert json.loads(made.fields) == {"contact_person": john, "purpose": "the 2027 prices"}
    assert made.fields == stored_fields(made.id)  # canonical: sorted keys, no spaces
    assert made.contact_name == "John Moore"
    assert templates.shown(made.kind, made.fields, made.contact_name) == [
        ("Contact person", "John Moore"),
        ("Purpose", "the 2027 prices"),
    ]
    again = timeline.append(context, customer_id, {"kind": "call", "summary": "By id", "contact_person": john})
    assert again.contact_name == "John Moore"
    assert verify().ok


def test_a_kind_with_nothing_filled_in_stores_no_fields(seeded: Seeded) -> None:
    made = timeline.append(seeded.context, seeded.customer_ids["张伟"], {"kind": "note", "summary": "Just a note"})
    assert made.fields == "" == stored_fields(made.id) and made.contact_name == ""


@pytest.mark.parametrize(
    ("given", "fragment"),
    [
        ("Nobody", "not a contact person of this customer: Nobody"),
        ("周敏", "not a contact person of this customer: 周敏"),  # 张伟's contact person, not Acme's
    ],
)
def test_the_contact_person_must_be_the_customers(seeded: Seeded, given: str, fragment: str) -> None:
    before = count("interaction"), count("ledger")
    with pytest.raises(ValidationError) as refused:
        timeline.append(
            seeded.context,
            seeded.customer_ids["Acme Trading Ltd"],
            {"kind": "call", "summary": "x", "contact_person": given},
        )
    assert refused.value.errors == {"contact_person": fragment}
    assert (count("interaction"), count("ledger")) == before


def test_two_contact_persons_of_one_name_need_the_id(seeded: Seeded) -> None:
    from salestui.services import contacts

    acme = seeded.customer_ids["Acme Trading Ltd"]
    contacts.add(seeded.context, acme, {"name": "John Moore", "title": "Warehouse"})
    with pytest.raises(ValidationError) as refused:
        timeline.append(seeded.context, acme, {"kind": "call", "summary": "x", "contact_person": "John Moore"})
    assert refused.value.errors["contact_person"] == "2 contact persons are called John Moore; give the id"


def test_missing_required_fields_write_nothing_and_name_each_field(seeded: Seeded) -> None:
    before = count("interaction"), count("ledger")
    with pytest.raises(ValidationError) as refused:
        timeline.append(seeded.context, seeded.customer_ids["陈杰"], {"kind": "feedback", "summary": "Happy"})
    assert refused.value.errors == {"score": "required"}
    assert (count("interaction"), count("ledger")) == before


def test_the_next_follow_up_is_written_in_the_same_transaction(seeded: Seeded) -> None:
    context = seeded.context
    customer_id = seeded.customer_ids["李娜"]
    due = context.clock.now() + timedelta(days=3)
    head = count("ledger")
    commits = count("ledger_signature")
    made = timeline.append(
        context,
        customer_id,
        {"kind": "email", "summary": "Sent samples"},
        {"title": "Ask about samples", "due_at": due},
    )
    assert count("ledger") == head + 2  # the interaction and the follow-up
    assert count("ledger_signature") == commits + 1  # one signed commit: one transaction
    created = [item for item in followups.for_customer(customer_id) if item.title == "Ask about samples"]
    assert len(created) == 1 and created[0].due_at == due
    assert made.kind == "email"
    assert verify().ok


@pytest.mark.parametrize(
    ("follow_up", "errors"),
    [
        ({"title": "", "due_at": FROZEN_NOW}, {"follow_up.title": "required"}),
        ({"title": "Call back", "due_at": None}, {"follow_up.due_at": "a date and time with its zone"}),
    ],
)
def test_a_bad_follow_up_refuses_the_interaction_too(
    seeded: Seeded, follow_up: dict[str, Any], errors: dict[str, str]
) -> None:
    before = count("interaction"), count("follow_up"), count("ledger")
    with pytest.raises(ValidationError) as refused:
        timeline.append(seeded.context, seeded.customer_ids["李娜"], {"kind": "call", "summary": "x"}, follow_up)
    assert refused.value.errors == errors
    assert (count("interaction"), count("follow_up"), count("ledger")) == before


def test_verify_names_an_interaction_whose_template_fields_were_altered(seeded: Seeded) -> None:
    made = timeline.append(
        seeded.context, seeded.customer_ids["陈杰"], {"kind": "complaint", "summary": "Box", "severity": "low"}
    )
    assert verify().ok
    tamper(seeded.context.path, "UPDATE interaction SET fields = ? WHERE id = ?", ('{"severity":"high"}', made.id))
    report = verify()
    assert not report.ok and any(made.id in problem for problem in report.problems)


def test_labels_and_choices_read_in_chinese() -> None:
    i18n.set_language("zh_CN")
    assert templates.shown("complaint", '{"issue":"破损","severity":"high"}') == [("问题", "破损"), ("严重程度", "高")]
    assert templates.shown("im", '{"channel":"wechat","handle":"lina_nb"}') == [("渠道", "微信"), ("账号", "lina_nb")]


def test_a_key_the_template_no_longer_has_is_still_shown() -> None:
    assert templates.shown("note", '{"budget":"5000"}') == [("budget", "5000")]
    assert templates.shown("note", "not json") == []
