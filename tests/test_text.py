"""Making user text safe to show: visible placeholders, one line, control-character checks."""

from __future__ import annotations

import pytest

from salestui.text import character_problem, control_characters, normalize, one_line, visible


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (None, ""),
        ("", ""),
        ("张伟 [bold]x[/]", "张伟 [bold]x[/]"),
        ("red\x1b[31m", "red\u241b[31m"),
        ("nul\x00", "nul\u2400"),
        ("bell\x07", "bell\u2407"),
        ("del\x7f", "del\u2421"),
        ("c1\x9b", "c1\ufffd"),
        ("bidi\u202eevil", "bidi\ufffdevil"),
        ("isolate\u2066x\u2069", "isolate\ufffdx\ufffd"),
        ("cr\rx", "cr\u240dx"),
        ("keeps\ttab\nand newline", "keeps\ttab\nand newline"),
    ],
)
def test_visible(raw, shown):
    assert visible(raw) == shown


def test_one_line():
    assert one_line("a\r\nb\nc\td") == "a b c d"
    assert one_line("x\x1by") == "x\u241by"
    assert one_line(None) == ""
    assert "\n" not in one_line("many\n\n\nlines")


def test_control_characters():
    assert control_characters("plain 张伟") == []
    assert control_characters("ab\x07c\x1b") == [2, 4]
    assert control_characters("a\nb\tc") == [1, 3]
    assert control_characters("a\nb\tc", allow_newlines=True) == []
    assert control_characters("a\r\nb", allow_newlines=True) == [1]
    assert control_characters("x\u202ey") == [1]
    assert control_characters("\x85") == [0]


def test_normalize():
    assert normalize("  e\u0301  ") == "\u00e9"
    assert normalize("\u5f20\u4f1f\n") == "张伟"


INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2028",
    "\u2029",
    "\u2060",
    "\u2061",
    "\u2062",
    "\u2063",
    "\u2064",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u061c",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda char: f"U+{ord(char):04X}")
def test_invisible_and_direction_characters_are_refused_and_shown(char: str) -> None:
    text = f"Li{char}Na"
    assert control_characters(text) == [2]
    assert control_characters(text, allow_newlines=True) == [2]
    assert visible(text) == "Li\ufffdNa" == one_line(text)
    assert character_problem(text) == f"invisible character U+{ord(char):04X} at position 3"


def test_lone_surrogates_are_refused_with_their_position() -> None:
    text = "caf\udce9"
    assert control_characters(text) == [3]
    assert character_problem(text) == "a byte that is not UTF-8 at position 4"
    assert visible(text) == "caf\ufffd"


def test_character_problem_keeps_the_old_message_for_controls_and_allows_newlines_where_asked() -> None:
    assert character_problem("plain 张伟 e\u0301") is None
    assert character_problem("bell\x07") == "control character at position 5"
    assert character_problem("two\nlines") == "control character at position 4"
    assert character_problem("two\nlines\tand a tab", allow_newlines=True) is None
    assert character_problem("two\nlines\u2028", allow_newlines=True) == "invisible character U+2028 at position 10"
