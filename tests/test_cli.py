"""The command line: help texts, README coverage, errors and (slow) the demo end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline import cli
from storyline.settings import describe

README = Path(__file__).resolve().parents[1] / "README.md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse exits on --help and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_is_listed_in_the_main_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name, (summary, _, _) in cli.COMMANDS.items():
        assert re.search(rf"^\s+{name}\s", out, re.M), name
        assert summary.split()[0] in out
    assert "example:" in out


@pytest.mark.parametrize("name", list(cli.COMMANDS))
def test_every_command_help_has_an_example(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, _ = run(capsys, name, "--help")
    assert code == 0
    assert "example:" in out
    assert f"storyline {name}" in out.split("example:", 1)[1]


def test_readme_documents_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    if "CLI reference" not in text:
        pytest.xfail("README pending")
    for name in cli.COMMANDS:
        assert f"`{name}`" in text or f"storyline {name}" in text, name


def test_readme_lists_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    for s in describe():
        assert s["env"] in text, s["name"]


@pytest.mark.parametrize(
    "argv",
    [("export", "--format", "xml"), ("timeline", "--format", "xml")],
)
def test_unknown_format_exits_2_with_one_error_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: tuple[str, ...]
) -> None:
    code, out, err = run(capsys, *argv, "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert out == ""
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 1
    assert "'xml'" in errors[0] and "json" in errors[0]


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2
    assert "COMMAND" in out


def test_store_error_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("shopping list: eggs, flour, a new database\n" * 50)
    code, out, err = run(capsys, "stories", "--db", str(bad))
    assert code == 2
    assert out == ""
    assert err.startswith("storyline: error: ")
    assert err.count("\n") == 1


def test_settings_command_lists_every_setting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "settings")
    assert code == 0
    for s in describe():
        assert s["env"] in out


@pytest.mark.parametrize("setting", [s for s in describe() if s["flag"] and s["name"] != "db"],
                         ids=lambda s: s["name"])  # fmt: skip
def test_every_setting_flag_is_accepted_by_some_command(setting: dict) -> None:  # type: ignore[type-arg]
    parser = cli.build_parser()
    accepted = []
    for name in cli.COMMANDS:
        sub = parser._subparsers._group_actions[0].choices[name]  # type: ignore[union-attr]
        if any(setting["flag"] in a.option_strings for a in sub._actions):
            accepted.append(name)
    assert accepted, f"{setting['flag']} is documented but no command accepts it"


def test_search_and_export_on_an_empty_store(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    assert run(capsys, "search", "levy", "--db", db)[:2] == (0, "")
    code, out, _ = run(capsys, "export", "--format", "json", "--db", db)
    assert code == 0
    assert json.loads(out)["schema"] == "storyline/1"
    code, out, _ = run(capsys, "timeline", "--db", db)
    assert (code, out.strip()) == (0, "(no dated events)")


@pytest.mark.slow
def test_demo_prints_a_dated_timeline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    code, out, err = run(capsys, "demo", "--db", str(db))
    assert code == 0, err
    assert re.search(r"\d+ added, 0 skipped as duplicates, 0 failed", out)
    assert "Story:" in out
    assert re.search(r"^20\d\d-\d\d", out, re.M)  # at least one dated event line
    code, out, _ = run(capsys, "export", "--format", "json", "--db", str(db))
    kb = json.loads(out)
    assert kb["documents"] and kb["events"]
    for event in kb["events"]:
        for src in event["sources"]:
            doc = next(d for d in kb["documents"] if d["id"] == src["doc"])
            assert doc["text"][src["start"] : src["end"]] == src["text"]
    code, out, _ = run(capsys, "documents", "--db", str(db))
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == len(kb["documents"])
    inferred = [d for d in kb["documents"] if d["published_source"] == "inferred"]
    assert inferred and all(any(d["id"] in line and "inferred" in line and d["published"] in line for line in lines)
                            for d in inferred)  # fmt: skip
    copies = [d for d in kb["documents"] if d.get("duplicate_of")]
    assert all(any(f"copy of {d['duplicate_of']}" in line for line in lines) for d in copies)


def test_readme_cli_reference_is_current() -> None:
    """The README's CLI reference is exactly what the parser and settings say today."""
    from storyline.cli import reference_markdown

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert reference_markdown() in readme
