"""iter_inputs: files, folders, globs and standard input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from storyline.records import RawArticle, Rejected
from storyline.sources import iter_inputs


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b.txt").write_text("Second file body.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First file body.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "c.jsonl").write_text('{"text": "from jsonl"}\n', encoding="utf-8")
    (sub / "notes.pdf").write_bytes(b"%PDF-1.4 \x00\x00")
    (sub / "image.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    hidden_dir = tmp_path / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "x.txt").write_text("inside hidden folder", encoding="utf-8")
    (tmp_path / "zz.txt").write_bytes(b"\x00\x00 binary with txt name")
    return tmp_path


def texts(items: list[RawArticle | Rejected]) -> list[str | None]:
    return [i.text if isinstance(i, RawArticle) else f"REJECTED {i.reason}" for i in items]


def test_folder_recursive_sorted(tree: Path) -> None:
    got = texts(list(iter_inputs([str(tree)])))
    assert got == [
        "First file body.",
        "Second file body.",
        "from jsonl",
        "REJECTED binary file (NUL bytes)",
    ]


def test_glob(tree: Path) -> None:
    got = texts(list(iter_inputs([str(tree / "*.txt")])))
    assert got == ["First file body.", "Second file body.", "REJECTED binary file (NUL bytes)"]
    got = texts(list(iter_inputs([str(tree / "**" / "*.jsonl")])))
    assert got == ["from jsonl"]


@pytest.mark.parametrize(
    ("arg", "reason"),
    [
        ("missing.txt", "no such file or folder"),
        ("nothing-*.txt", "no files match the pattern"),
    ],
)
def test_missing_inputs(tmp_path: Path, arg: str, reason: str) -> None:
    items = list(iter_inputs([str(tmp_path / arg)]))
    assert items == [Rejected(str(tmp_path / arg), None, reason)]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "only.pdf").write_bytes(b"%PDF")
    items = list(iter_inputs([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert "no readable files" in items[0].reason


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Plain text from a pipe.\n", ["Plain text from a pipe.\n"]),
        (" date 2026-05-01 Header on stdin.\n", ["Header on stdin.\n"]),
        ('{"text": "one"}\n\n{"text": "two"}\n', ["one", "two"]),
        ('{"text": "one"}\nnot json at all\n', ['{"text": "one"}\nnot json at all\n']),
        (
            '{"text": "one"}\n{oops\n',
            [
                "one",
                "REJECTED not valid JSON: Expecting property name enclosed in double quotes (column 2)",
            ],
        ),
        ("   \n", ["REJECTED empty input"]),
    ],
)
def test_stdin(data: str, expected: list[str]) -> None:
    items = list(iter_inputs(["-"], stdin=io.StringIO(data)))
    assert texts(items) == expected
    assert all(i.path == "<stdin>" for i in items)


def test_stdin_header_date() -> None:
    (art,) = list(iter_inputs(["-"], stdin=io.StringIO(" date 2026-05-01 Body.")))
    assert isinstance(art, RawArticle)
    assert (art.published, art.published_source) == ("2026-05-01", "header")


def test_stdin_too_large() -> None:
    items = list(iter_inputs(["-"], stdin=io.StringIO("x" * 3000), max_bytes=1000))
    assert len(items) == 1 and isinstance(items[0], Rejected)
    assert "larger than" in items[0].reason


def test_mixed_order(tree: Path) -> None:
    items = list(
        iter_inputs([str(tree / "b.txt"), "-", str(tree / "a.txt")], stdin=io.StringIO("piped"))
    )
    assert texts(items) == ["Second file body.", "piped", "First file body."]
