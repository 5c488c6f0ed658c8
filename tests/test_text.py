"""Making user text safe to show: visible placeholders, one line, control-character checks."""

from __future__ import annotations

import pytest

from salestui.text import control_characters, normalize, one_line, visible


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
