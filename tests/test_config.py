"""The config file: where it is, the [templates] section, and each problem reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from salestui import config
from salestui.config_lines import key_lines
from salestui.services import templates
from tests.conftest import FROZEN_NOW, run


def problems(path: Path, text: str | bytes) -> list[str]:
    """What loading `text` as the config file reports (each problem without the file's path)."""
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    with pytest.raises(config.ConfigError) as refused:
        config.load(path)
    assert all(problem.startswith(f"{path}") for problem in refused.value.problems)
    return [problem.removeprefix(str(path)) for problem in refused.value.problems]


def test_the_path_is_the_override_or_the_platform_config_folder(
    no_user_config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert config.config_path() == no_user_config
    monkeypatch.delenv("SALESTUI_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/tmp/xdg-home")
    assert config.config_path() == Path("/tmp/xdg-home/salestui/config.toml")


def test_a_missing_file_means_the_built_in_templates(no_user_config: Path) -> None:
    found = config.load()
    assert not found.exists and found.data == {}
    assert templates.template("call") == templates.BUILT_IN["call"]


def test_extra_fields_and_required_ones_are_put_in_force(no_user_config: Path) -> None:
    no_user_config.write_text(
        "[templates.call]\n"
        'required = ["purpose"]\n'
        'extra = [{key = "budget", label = "Budget", label_zh_CN = "预算", required = true},\n'
        '         {key = "stage", label = "Stage", type = "choice", choices = ["early", "late"]}]\n'
        "[[templates.complaint.extra]]\n"
        'key = "order_no"\n'
        'label = "Order"\n'
        'type = "number"\n'
        "max = 99999\n"
        "[templates.complaint]\n"
        "required = []\n",
        "utf-8",
    )
    config.load()
    call = templates.template("call")
    assert call.keys() == ("contact_person", "purpose", "outcome", "next_step", "budget", "stage")
    assert [item.key for item in call.fields if item.required] == ["purpose", "budget"]
    complaint = templates.template("complaint")
    assert complaint.keys() == ("issue", "severity", "order_no") and not any(i.required for i in complaint.fields)
    _values, _own, errors = templates.validate({"kind": "call", "summary": "x", "stage": "middle"}, FROZEN_NOW)
    assert errors == {"purpose": "required", "budget": "required", "stage": "one of: early, late; or empty"}
    _values, own, errors = templates.validate({"kind": "complaint", "summary": "x", "order_no": "1182"}, FROZEN_NOW)
    assert not errors and own == {"issue": "", "severity": "", "order_no": 1182}
    _values, own, errors = templates.validate({"kind": "complaint", "summary": "x", "severity": "bad"}, FROZEN_NOW)
    assert errors == {"severity": "one of: low, medium, high; or empty"}


def test_an_extra_field_before_the_pasted_text(no_user_config: Path) -> None:
    no_user_config.write_text('[templates.im]\nextra = [{key = "group", label = "Group chat"}]\n', "utf-8")
    config.load()
    assert templates.template("im").keys() == ("channel", "handle", "group", "body")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[templates.call]\nrequired = ["purpose"\n', ":3: TOML syntax error: Unclosed array"),
        ("x = 1\n[templates\n", ":2:11: TOML syntax error: Expected ']' at the end of a table declaration"),
        ("[templates.video]\n", ":1: templates.video: no such kind of interaction (kinds: call, email, meeting,"),
        (
            "[keymap]\nquit = 'q'\n",
            ":1: keymap: unknown section (this version reads [templates], [follow-ups], [memos], [keys])",
        ),
        (
            '# my templates\n\n[templates.call]\nrequired = [\n  "purpose",\n  "budget",\n]\n',
            ":6: templates.call.required[2]: 'budget' is not a field of this template (its fields: contact_person,",
        ),
        (
            '[templates.call]\nextra = [\n  {key = "budget", label = "Budget"},\n  {key = "Bad 2", label = "B"}\n]\n',
            ":4: templates.call.extra[2].key: 1-32 lower-case letters, digits or _, starting with a letter",
        ),
        (
            '[templates.visit]\nextra = [{key = "place", label = "Where"}]\n',
            ":2: templates.visit.extra[1].key: 'place' is already a field of this template",
        ),
        (
            '[templates.visit]\nextra = [{key = "summary", label = "S"}]\n',
            ":2: templates.visit.extra[1].key: 'summary' is a field every interaction has; choose another key",
        ),
        (
            "[[templates.meeting.extra]]\nkey = 'room'\nlabel = 'Room'\n\n[[templates.meeting.extra]]\nkey = 'size'\n"
            "label = 'Size'\ntype = 'number'\nmin = 9\nmax = 2\n",
            ":9: templates.meeting.extra[2].min: min must not be more than max",
        ),
        (
            '[templates.call]\nextra = [{key = "b", label = "B", required = "yes"}]\n',
            ":2: templates.call.extra[1].required: must be true or false",
        ),
        (
            '[templates.call]\nextra = [{key = "b", label = "B", type = "date"}]\n',
            ":2: templates.call.extra[1].type: one of: text, multiline, number, choice",
        ),
        ('[templates.call]\nextra = [{key = "b"}]\n', ":2: templates.call.extra[1].label: required: the text"),
        ("[templates.call]\nrequired = 'purpose'\n", ":2: templates.call.required: must be a list of field keys"),
        ("[templates.call]\noptional = ['purpose']\n", ":2: templates.call.optional: unknown setting (use extra,"),
        ("templates = 3\n", ":1: templates: must be a table of kinds, e.g. [templates.call]"),
    ],
)
def test_each_problem_names_its_line(no_user_config: Path, text: str, expected: str) -> None:
    found = problems(no_user_config, text)
    assert len(found) == 1 and found[0].startswith(expected), found
    assert templates.template("call") == templates.BUILT_IN["call"]  # a bad file changes nothing


def test_every_problem_is_reported_at_once(no_user_config: Path) -> None:
    found = problems(
        no_user_config,
        '[templates.video]\n[templates.call]\nrequired = ["nope"]\nextra = [{key = "x", label = "X", limit = 0}]\n',
    )
    assert [line.split(": ")[0] for line in found] == [":1", ":3", ":4"]


def test_a_file_that_is_not_utf8_names_the_line(no_user_config: Path) -> None:
    assert problems(no_user_config, b"# ok\n# caf\xe9\n") == [":2: the config file is not UTF-8 text"]


def test_an_unreadable_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(config.ConfigError) as refused:
        config.load(tmp_path)  # a folder
    assert refused.value.problems[0].startswith(f"{tmp_path}: cannot read the config file")


def test_lines_are_found_in_every_way_toml_writes_a_key() -> None:
    text = (
        'a = "x # not a comment"\n'
        "b.c = '''\nmulti\n'''\n"
        '"quoted key" = [1,\n  {d = "\\"", e = [2,\n 3]}]\n'
        "[t]\n[[t.list]]\nk = 1\n[[t.list]]\n[t.list.sub]\nk = 2\n"
    )
    lines = key_lines(text)
    assert lines[("a",)] == 1 and lines[("b", "c")] == 2
    assert lines[("quoted key", 1, "d")] == 6 and lines[("quoted key", 1, "e", 1)] == 7
    assert lines[("t", "list", 1, "sub", "k")] == 13 and lines[("t", "list", 0, "k")] == 10


def test_config_path_and_check_commands(capsys: pytest.CaptureFixture[str], no_user_config: Path) -> None:
    assert run(capsys, "config", "path") == (0, f"{no_user_config}\n", "")
    code, out, _err = run(capsys, "config", "check")
    assert code == 0 and "no such file; the defaults are in force" in out
    no_user_config.write_text('[templates.call]\nextra = [{key = "budget", label = "Budget"}]\n', "utf-8")
    code, out, _err = run(capsys, "config", "check")
    assert (code, out) == (0, f"{no_user_config}: OK\n")
    no_user_config.write_text("[templates.call]\nrequired = ['x']\n", "utf-8")
    code, out, err = run(capsys, "config", "check")
    assert code == 2 and out == ""
    assert err.startswith(f"{no_user_config}:2: templates.call.required[1]: 'x' is not a field")


def test_the_app_refuses_a_bad_config_at_start(
    capsys: pytest.CaptureFixture[str], no_user_config: Path, tmp_path: Path
) -> None:
    no_user_config.write_text("[templates.call]\nextra = 5\n", "utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "never.db"))
    assert code == 2 and out == ""
    assert err == f"{no_user_config}:2: templates.call.extra: must be a list of fields, e.g. " + (
        '[{key = "budget", label = "Budget"}]\n'
    )
    assert not (tmp_path / "never.db").exists()


def test_problems_read_in_chinese(capsys: pytest.CaptureFixture[str], no_user_config: Path) -> None:
    no_user_config.write_text("[templates.video]\n", "utf-8")
    code, _out, err = run(capsys, "--lang", "zh_CN", "config", "check")
    assert code == 2 and err.startswith(f"{no_user_config}:1: templates.video: 没有这种联系类型")
