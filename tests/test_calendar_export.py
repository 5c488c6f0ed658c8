"""`salestui export followups --format ics`: read back with a parser written here from RFC 5545, not icalendar's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from salestui.services import calendar_export, followups
from salestui.services.context import Context
from salestui.services.errors import ValidationError
from tests.conftest import FROZEN_NOW, SHANGHAI, Seeded, run


@dataclass
class Component:
    name: str
    properties: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def value(self, name: str) -> str:
        (found,) = [value for key, _params, value in self.properties if key == name]
        return found

    def params(self, name: str) -> dict[str, str]:
        (found,) = [params for key, params, _value in self.properties if key == name]
        return found

    def has(self, name: str) -> bool:
        return any(key == name for key, _params, _value in self.properties)


def physical_lines(data: bytes) -> list[bytes]:
    """The file's lines as stored: each must end with CRLF (RFC 5545 §3.1)."""
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert not any(b"\n" in line or b"\r" in line for line in lines), "a bare LF or CR inside a line"
    return lines


def unfold(data: bytes) -> list[str]:
    """Content lines: a line starting with a space or tab continues the one before (§3.1); each line is UTF-8."""
    logical: list[str] = []
    for raw in physical_lines(data):
        line = raw.decode("utf-8")  # a fold inside a multi-octet character would fail here
        if line[:1] in (" ", "\t"):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def unescape(text: str) -> str:
    """A TEXT value (§3.3.11): \\n newline, \\, \\; \\\\ the character itself."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append("\n" if following in "nN" else following)
            index += 2
        else:
            assert char not in ",;", f"an unescaped {char!r} in a TEXT value: {text!r}"
            out.append(char)
            index += 1
    return "".join(out)


def split_property(line: str) -> tuple[str, dict[str, str], str]:
    """NAME;PARAM=VALUE:VALUE, the first ':' outside a quoted parameter value ending the name part."""
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        raise AssertionError(f"no ':' in {line!r}")
    name, *params = head.split(";")
    return name.upper(), dict(param.split("=", 1) for param in params), value


def parse(data: bytes) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(data):
        name, params, value = split_property(line)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            else:
                root = component
            stack.append(component)
        elif name == "END":
            assert stack and stack.pop().name == value
        else:
            stack[-1].properties.append((name, params, value))
    assert root is not None and not stack
    return root


def events(data: bytes) -> dict[str, Component]:
    calendar = parse(data)
    assert calendar.name == "VCALENDAR" and calendar.value("VERSION") == "2.0" and calendar.has("PRODID")
    return {event.value("UID"): event for event in calendar.children if event.name == "VEVENT"}


def utc(text: str) -> datetime:
    assert text.endswith("Z"), f"{text} is not UTC"
    return datetime.strptime(text, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def export(context: Context, login: str | None = "alice") -> bytes:
    items = calendar_export.open_follow_ups(login)
    return calendar_export.calendar_text(items, context.clock.now(), context.clock.zone).encode("utf-8")


def test_one_event_per_open_follow_up_with_the_customer_in_the_summary(seeded: Seeded) -> None:
    found = events(export(seeded.context))
    ids = seeded.follow_up_ids
    assert set(found) == {f"{ids[title]}@salestui" for title in ids}  # the done one is not there
    event = found[f"{ids['Confirm delivery date']}@salestui"]
    assert unescape(event.value("SUMMARY")) == "Call 张伟 — Confirm delivery date"
    due = FROZEN_NOW - timedelta(days=3)
    assert utc(event.value("DTSTART")) == due and utc(event.value("DTEND")) == due + timedelta(minutes=30)
    assert utc(event.value("DTSTAMP")) == FROZEN_NOW
    description = unescape(event.value("DESCRIPTION")).split("\n")
    assert description == [
        "Phone: 138 0013 8000",
        "Last contact: 2026-11-23 09:30 (Instant message) WeChat: confirmed delivery address",
    ]
    assert event.value("PRIORITY") == "5" and not event.has("RRULE")
    (alarm,) = event.children
    assert alarm.name == "VALARM" and alarm.value("ACTION") == "DISPLAY" and alarm.value("TRIGGER") == "-PT10M"


def test_uids_stay_the_same_across_exports(seeded: Seeded) -> None:
    context = seeded.context
    first = events(export(context))
    followups.snooze(context, seeded.follow_up_ids["Send samples"], FROZEN_NOW + timedelta(days=5))
    second = events(export(context))
    assert set(first) == set(second)
    uid = f"{seeded.follow_up_ids['Send samples']}@salestui"
    assert utc(second[uid].value("DTSTART")) == FROZEN_NOW + timedelta(days=5)
    assert "Snoozed; first due 2026-11-30 09:30" in unescape(second[uid].value("DESCRIPTION"))


def test_commas_semicolons_and_chinese_are_escaped_and_folded_at_75_octets(seeded: Seeded) -> None:
    context = seeded.context
    title = "报价：500 件, 单价 ¥38; 交期 12-05 \\ 付款条件 " + "回访确认订单细节" * 6
    made = followups.create(
        context, seeded.customer_ids["李娜"], {"title": title, "due_at": FROZEN_NOW + timedelta(days=1)}
    )
    data = export(context)
    assert all(len(line) <= 75 for line in physical_lines(data))
    assert any(line.startswith(b" ") for line in physical_lines(data))  # something was long enough to fold
    event = events(data)[f"{made.id}@salestui"]
    assert unescape(event.value("SUMMARY")) == f"Call 李娜 — {title}"
    assert "\\," in event.value("SUMMARY") and "\\;" in event.value("SUMMARY") and "\\\\" in event.value("SUMMARY")


def test_priority_maps_to_rfc_5545s_scale(seeded: Seeded) -> None:
    context = seeded.context
    made = {
        priority: followups.create(
            context,
            seeded.customer_ids["陈杰"],
            {"title": priority, "due_at": FROZEN_NOW + timedelta(days=2), "priority": priority},
        ).id
        for priority in ("high", "normal", "low")
    }
    found = events(export(context))
    assert {priority: found[f"{fid}@salestui"].value("PRIORITY") for priority, fid in made.items()} == {
        "high": "1",
        "normal": "5",
        "low": "9",
    }


def test_a_series_repeats_in_the_reps_zone_until_its_last_occurrence(seeded: Seeded) -> None:
    context = seeded.context
    due = datetime(2026, 11, 30, 10, 0, tzinfo=SHANGHAI)  # a Monday
    made = followups.create(
        context, seeded.customer_ids["王芳"], {"title": "Weekly check", "due_at": due, "rrule": "FREQ=WEEKLY;COUNT=3"}
    )
    calendar = parse(export(context))
    (zone,) = [child for child in calendar.children if child.name == "VTIMEZONE"]
    assert zone.value("TZID") == "Asia/Shanghai"
    event = events(export(context))[f"{made.id}@salestui"]
    assert event.params("DTSTART") == {"TZID": "Asia/Shanghai"} and event.value("DTSTART") == "20261130T100000"
    last = due + timedelta(weeks=2)
    assert event.value("RRULE") == "FREQ=WEEKLY;UNTIL=" + last.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    context.clock.moment = due + timedelta(hours=1)  # type: ignore[attr-defined]
    following = followups.complete(context, made.id, "done")
    assert following is not None
    event = events(export(context))[f"{following.id}@salestui"]
    assert event.value("DTSTART") == "20261207T100000" and event.value("RRULE").endswith("UNTIL=20261214T020000Z")
    context.clock.moment = due + timedelta(weeks=1, hours=1)  # type: ignore[attr-defined]
    last_one = followups.complete(context, following.id, "done")
    assert last_one is not None
    event = events(export(context))[f"{last_one.id}@salestui"]
    assert not event.has("RRULE") and utc(event.value("DTSTART")) == last  # its last occurrence: no repeat left


def test_the_systems_zone_is_found_by_its_name_for_a_series(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    from dateutil import tz

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        found = calendar_export.named_zone(tz.tzlocal(), FROZEN_NOW)
        assert found.tzname(FROZEN_NOW) == "EST" and "New_York" in repr(found)
        assert calendar_export.named_zone(SHANGHAI, FROZEN_NOW) is SHANGHAI  # it has a name: kept
        plus_eight = tz.tzoffset(None, 8 * 3600)
        assert calendar_export.named_zone(plus_eight, FROZEN_NOW) is plus_eight  # $TZ is another offset: not taken
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_series_without_an_end_keeps_its_rule(seeded: Seeded) -> None:
    context = seeded.context
    made = followups.create(
        context,
        seeded.customer_ids["王芳"],
        {"title": "Monthly", "due_at": FROZEN_NOW + timedelta(days=1), "rrule": "FREQ=MONTHLY;INTERVAL=2"},
    )
    assert events(export(context))[f"{made.id}@salestui"].value("RRULE") == "FREQ=MONTHLY;INTERVAL=2"


def test_every_reps_follow_ups_with_all_and_an_unknown_login_named(seeded: Seeded) -> None:
    assert len(events(export(seeded.context, None))) == len(events(export(seeded.context)))  # alice is the only rep
    with pytest.raises(ValidationError) as refused:
        calendar_export.open_follow_ups("nobody")
    assert refused.value.errors == {"user": "no rep has the login nobody (reps: alice)"}


def test_the_command_writes_a_file_once_and_refuses_to_overwrite(capsys, book: Path, tmp_path: Path) -> None:
    target = tmp_path / "follow-ups.ics"
    code, out, err = run(capsys, "export", "followups", "--format", "ics", "-o", str(target), "--db", str(book))
    assert code == 0 and out == "" and f"3 follow-ups written to {target}" in err
    first = target.read_bytes()
    assert len(events(first)) == 3
    code, _out, err = run(capsys, "export", "followups", "-o", str(target), "--db", str(book))
    assert code == 2 and "exists; --force replaces it" in err and target.read_bytes() == first
    code, _out, _err = run(capsys, "export", "followups", "-o", str(target), "--force", "--all", "--db", str(book))
    assert code == 0 and set(events(target.read_bytes())) == set(events(first))
    assert not list(tmp_path.glob(".salestui-*"))  # no temporary file left behind


def test_the_command_writes_to_standard_output(capfdbinary, book: Path) -> None:
    from salestui import cli

    assert cli.main(["export", "followups", "-o", "-", "--db", str(book), "--user", "alice"]) == 0
    captured = capfdbinary.readouterr()
    assert len(events(captured.out)) == 3


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("{tmp}/missing/x.ics", "the folder {tmp}/missing does not exist"),
        ("{tmp}", "is a folder; give a file name in it"),
        ("", "-o needs a file name"),
        ("{tmp}/a-file/x.ics", "{tmp}/a-file is not a folder"),
    ],
)
def test_a_path_that_cannot_be_written_exits_2_with_a_message(
    capsys, book: Path, tmp_path: Path, output: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("")
    code, out, err = run(capsys, "export", "followups", "-o", output.format(tmp=tmp_path), "--db", str(book))
    assert code == 2 and out == "" and message.format(tmp=tmp_path) in err and "Traceback" not in err


def test_a_folder_that_refuses_the_write_exits_2(capsys, book: Path, tmp_path: Path, monkeypatch) -> None:
    from salestui.services import files

    def refuse(path: Path, text: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "write_atomically", refuse)
    code, _out, err = run(capsys, "export", "followups", "-o", str(tmp_path / "x.ics"), "--db", str(book))
    assert code == 2 and f"cannot write {tmp_path / 'x.ics'}: Permission denied" in err


def test_an_unknown_user_exits_2_naming_it(capsys, book: Path, tmp_path: Path) -> None:
    code, _out, err = run(
        capsys, "export", "followups", "-o", str(tmp_path / "x.ics"), "--user", "zed", "--db", str(book)
    )
    assert code == 2 and "user: no rep has the login zed" in err and not (tmp_path / "x.ics").exists()
