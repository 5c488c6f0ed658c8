"""The config file's [keys] section: key names, ids, clashes, each problem on its line, refused at start."""

from __future__ import annotations

from pathlib import Path

import pytest

from salestui import config
from salestui.ui import keymap_config, registry
from tests.conftest import run


def problems(path: Path, text: str) -> list[str]:
    """What `config check` would report for `text` (each problem without the file's path)."""
    path.write_text(text, "utf-8")
    with pytest.raises(config.ConfigError) as refused:
        config.load(path, app=True)
    return [problem.removeprefix(str(path)) for problem in refused.value.problems]


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("x", "x"),
        ("X", "X"),
        ("?", "question_mark"),
        ("/", "slash"),
        ("张", "张"),
        ("question_mark", "question_mark"),
        ("comma", "comma"),
        ("plus", "plus"),
        ("F5", "f5"),
        ("enter", "enter"),
        ("space", "space"),
        ("pageup", "pageup"),
        ("ctrl+n", "ctrl+n"),
        ("Ctrl+N", "ctrl+n"),
        ("shift+ctrl+up", "ctrl+shift+up"),
        ("shift+tab", "shift+tab"),
        ("ctrl+f5", "ctrl+f5"),
        ("alt+x", "alt+x"),
        ("alt+X", "alt+shift+x"),
        (" n ", "n"),
    ],
)
def test_key_names_as_textual_names_them(written: str, named: str) -> None:
    assert keymap_config.key_name(written) == (named, "")


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("", "an empty key"),
        ("   ", "an empty key"),
        ("ctrl + s", "has a space in it"),
        ("entr", "no key is named 'entr'; did you mean enter?"),
        ("return", "Textual calls the return key enter"),
        ("ctrl+shift+a", "a terminal cannot send it"),
        ("ctrl+slash", "a terminal cannot send it"),
        ("ctrl+q", "ctrl+q is kept by Textual: it quits SalesTUI"),
        ("ctrl+c", "ctrl+c is kept by Textual"),
        ("ctrl+i", "a terminal sends ctrl+i as tab"),
        ("ctrl+m", "a terminal sends ctrl+m as enter"),
        ("super+x", "terminals over SSH or tmux do not send super"),
        ("cmd+x", "no such modifier 'cmd'"),
        ("ctrl+ctrl+x", "names a modifier twice"),
        ("ctrl+", "the + key itself is plus"),
        ("shift+a", "write A"),
        ("alt+up", "alt goes with a character"),
        ("\x07", "is not a key a terminal sends"),
    ],
)
def test_keys_textual_cannot_bind_or_a_terminal_cannot_send(written: str, problem: str) -> None:
    name, message = keymap_config.key_name(written)
    assert name == "" and problem in message


def test_a_good_section_is_put_in_force_normalized(no_user_config: Path) -> None:
    no_user_config.write_text(
        '[keys]\n"follow-up.done" = "d"\ncustomer.new = "n, ctrl+n"\n"app.help" = "?,f1"\n', "utf-8"
    )
    config.load(app=True)
    assert keymap_config.in_force() == {
        "follow-up.done": "d",
        "customer.new": "n,ctrl+n",
        "app.help": "question_mark,f1",
    }


def test_without_app_the_keys_are_neither_checked_nor_put_in_force(no_user_config: Path) -> None:
    no_user_config.write_text('[keys]\n"no.such" = "x"\n', "utf-8")
    config.load()  # what a quick command reads: no Textual, no keys
    assert keymap_config.in_force() == {}
    with pytest.raises(config.ConfigError):
        config.load(app=True)


def test_each_problem_names_its_line(tmp_path: Path) -> None:
    text = (
        "[keys]\n"
        '"follow-up.done" = "d"\n'  # 2: fine
        '"custmer.new" = "N"\n'  # 3: a typo
        '"customer.edit" = 5\n'  # 4: not a text
        '"interaction.log" = ""\n'  # 5: empty
        '"pane.alerts" = "4"\n'  # 6: a palette-only command
        '"customer.search" = "ctrl + f"\n'  # 7: a bad key
        '"promise.new" = "x"\n'  # 8: fine alone
        '"promise.list" = "x"\n'  # 9: but this clashes with it
    )
    assert problems(tmp_path / "config.toml", text) == [
        ":3: keys.'custmer.new': no command has the id 'custmer.new'; did you mean 'customer.new'?",
        ':4: keys.\'customer.edit\': must be a text of keys, e.g. "x" or "n,ctrl+n"',
        ":5: keys.'interaction.log': an empty key; name one, e.g. x, ctrl+n or f5 (the comma key is comma)",
        ":6: keys.'pane.alerts': this command has no key to change: it runs from the command palette",
        ":7: keys.'customer.search': 'ctrl + f' has a space in it; write keys like ctrl+n (a space bar is space)",
        ":8: keys.'promise.new': x would also run promise.list (List the highlighted customer's promises, to mark "
        "them kept, broken or cancelled) there; give one of them another key",
    ]
    assert keymap_config.in_force() == {}  # nothing of a refused file is used


def test_a_key_taken_from_an_unchanged_command_is_a_clash(tmp_path: Path) -> None:
    found = problems(tmp_path / "config.toml", '[keys]\n"customer.new" = "x"\n')
    assert found == [
        ":2: keys.'customer.new': x would also run follow-up.done (Mark the highlighted follow-up done) there; "
        "give one of them another key"
    ]


def test_a_key_the_lists_use_clashes_with_a_main_screen_command(tmp_path: Path) -> None:
    found = problems(tmp_path / "config.toml", '[keys]\n"customer.new" = "j"\n')
    assert len(found) == 1 and "j would also run cursor.down" in found[0]


def test_swapping_two_keys_is_no_clash(no_user_config: Path) -> None:
    no_user_config.write_text('[keys]\n"follow-up.done" = "s"\n"follow-up.snooze" = "x"\n', "utf-8")
    config.load(app=True)
    assert keymap_config.in_force() == {"follow-up.done": "s", "follow-up.snooze": "x"}


def test_the_same_key_in_places_that_never_meet_is_allowed(no_user_config: Path) -> None:
    no_user_config.write_text('[keys]\n"memo.copy" = "y"\n', "utf-8")  # y answers a question elsewhere
    config.load(app=True)
    assert keymap_config.in_force() == {"memo.copy": "y"}


def test_the_default_keys_have_no_clash() -> None:
    """Every command given its own default keys, as if the config file named them all: nothing shares a key."""
    defaults = {
        entry.id: ",".join(sorted(keymap_config.effective_keys(entry, {}))) for entry in registry.COMMANDS if entry.keys
    }
    assert keymap_config._clashes(defaults, dict.fromkeys(defaults, ("keys",))) == []


def test_not_a_table(tmp_path: Path) -> None:
    assert problems(tmp_path / "config.toml", 'keys = "x"\n') == [
        ':1: keys: must be a table of binding ids to keys, e.g. [keys] "follow-up.done" = "d"'
    ]


def test_config_check_and_the_app_refuse_a_bad_keymap_with_exit_2(capsys, no_user_config: Path, book: Path) -> None:
    no_user_config.write_text('[keys]\n"follow-up.dne" = "d"\n', "utf-8")
    code, out, err = run(capsys, "config", "check")
    assert code == 2 and out == ""
    assert err == (
        f"{no_user_config}:2: keys.'follow-up.dne': no command has the id 'follow-up.dne'; "
        "did you mean 'follow-up.done'?\n"
    )
    code, out, err = run(capsys, "--db", str(book))  # the app: refused before anything opens
    assert code == 2 and "did you mean 'follow-up.done'?" in err and "Traceback" not in err
    no_user_config.write_text('[keys]\n"follow-up.done" = "d"\n', "utf-8")
    code, out, _err = run(capsys, "config", "check")
    assert code == 0 and out == f"{no_user_config}: OK\n"
