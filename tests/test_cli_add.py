"""`salestui add TEXT`: quick capture from a shell, asking before it saves, JSON out, exit 2 naming what to fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salestui.clock import FrozenClock
from salestui.services import followups
from salestui.services.session import close, open_context
from tests.conftest import FROZEN_NOW, SHANGHAI, run


class Terminal:
    """A stdin that is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command reads the tests' frozen now, in Shanghai (signed_in makes its clock from salestui.clock.Clock)."""
    monkeypatch.setattr("salestui.clock.Clock", lambda: FrozenClock(FROZEN_NOW, zone=SHANGHAI))


def saved(book: Path) -> dict[str, tuple[str, str, str]]:
    """Each of alice's open follow-ups by title: (customer, kind, due in Shanghai)."""
    context = open_context(book, "alice", FrozenClock(FROZEN_NOW, zone=SHANGHAI))
    try:
        queue = followups.queue(context)
        items = [*queue.overdue, *queue.today, *queue.upcoming]
        return {
            item.title: (item.customer_name, item.kind, item.due_at.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M"))
            for item in items
        }
    finally:
        close()


def test_yes_json_saves_and_prints_the_follow_up(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    code, out, err = run(capsys, "--db", str(book), "add", "call 张伟 tomorrow 3pm about the quote", "--yes", "--json")
    assert code == 0, err
    record = json.loads(out)
    assert set(record) == {"id", "customer_id", "customer", "due", "kind", "title"}
    assert (record["customer"], record["kind"], record["title"]) == ("张伟", "call", "The quote")
    assert record["due"] == "2026-11-27T07:00:00Z"  # 15:00 in Shanghai
    assert "Customer: 张伟" in err  # what was understood goes to stderr beside JSON
    assert saved(book)["The quote"] == ("张伟", "call", "2026-11-27 15:00")


def test_words_need_no_quotes_and_chinese_glued_to_the_verb(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    code, out, err = run(capsys, "--db", str(book), "add", "明天下午3点回访李娜", "--yes")
    assert code == 0, err
    assert "Saved follow-up" in out
    assert saved(book)["回访"] == ("李娜", "call", "2026-11-27 15:00")
    code, out, err = run(capsys, "--db", str(book), "add", "visit", "Acme", "next", "monday", "10:00", "--yes")
    assert code == 0, err
    assert saved(book)["Visit"] == ("Acme Trading Ltd", "visit", "2026-11-30 10:00")


def test_it_prints_what_it_understood_field_by_field(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    code, out, _err = run(capsys, "--db", str(book), "add", "visit Acme next monday 10:00", "--yes")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Customer: Acme Trading Ltd · +44 20 7946 0018 (")
    assert lines[1:4] == ["Kind: Visit", "Due: 2026-11-30 Mon 10:00", "What: Visit"]


def test_not_a_terminal_without_yes_saves_nothing(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    before = saved(book)
    code, out, err = run(capsys, "--db", str(book), "add", "call 张伟 tomorrow 3pm")
    assert code == 2
    assert "give --yes" in err
    assert "Due: 2026-11-27 Fri 15:00" in out
    assert saved(book) == before


@pytest.mark.parametrize(("answer", "code"), [("y", 0), ("n", 2), ("", 2)])
def test_on_a_terminal_it_asks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, book: Path, answer: str, code: int
) -> None:
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr("builtins.input", lambda: answer)
    got, _out, err = run(capsys, "--db", str(book), "add", "email 陈杰 friday 10am re invoice")
    assert got == code
    assert "Save this follow-up? [y/N]" in err
    assert ("Invoice" in saved(book)) is (code == 0)


def test_several_customers_are_listed_with_id_prefixes(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    code, _out, err = run(capsys, "--db", str(book), "add", "+3d email Wang re samples", "--yes")
    assert code == 2
    assert "customer: 2 customers match 'Wang': pick one" in err
    listed = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(listed) == 2 and any("王芳" in line for line in listed)
    assert "[bold]" in err  # a name is printed as typed, never read as markup
    prefix = listed[0].rsplit("(", 1)[1].rstrip(")")
    code, out, err = run(capsys, "--db", str(book), "add", f"+3d email {prefix} re samples", "--yes", "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == "Samples"


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ("call nobody-here tomorrow 3pm", "customer", "no customer matches 'nobody-here'"),
        ("call 张伟 about the quote", "when", "say when"),
        ("call 张伟 明天3点", "when", "03:00 or 15:00?"),
        ("call 张伟 03/04", "when", "2027-04-03 or 2027-03-04?"),
        ("call 张伟 today 8am", "when", "is in the past"),
    ],
)
def test_problems_exit_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], book: Path, text: str, field: str, words: str
) -> None:
    before = saved(book)
    code, _out, err = run(capsys, "--db", str(book), "add", text, "--yes")
    assert code == 2
    line = next(line for line in err.splitlines() if line.startswith(f"{field}: "))
    assert words in line
    assert "Traceback" not in err
    assert saved(book) == before


def test_control_characters_are_shown_not_sent_and_refused(capsys: pytest.CaptureFixture[str], book: Path) -> None:
    before = saved(book)
    code, out, err = run(capsys, "--db", str(book), "add", "call 张伟 tomorrow 3pm about \x1b[31mred", "--yes")
    assert code == 2
    assert "\x1b" not in out + err
    assert "What: ␛[31mred" in out
    assert err.startswith("title: ")
    assert saved(book) == before
