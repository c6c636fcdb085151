"""Ingest end to end: bad inputs, idempotency, interrupted runs (model-loading: slow)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.cli import main
from storyline.store import Database

pytestmark = pytest.mark.slow

GOOD = (
    "Trade ministers from Canada and Mexico met in Ottawa on Monday to discuss steel quotas. "
    "They agreed to hold another round of talks in Mexico City next month, officials said."
)


def _mixed_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    (folder / "latin1.txt").write_bytes(
        ("The café owners' association in Montréal said on Friday that exports of cheese to "
         "France rose 4% in the first quarter, after the two governments signed a deal.").encode("latin-1")
    )  # fmt: skip
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.html").write_text("<html><head><title>x</title></head><body><div><p></div></body", encoding="utf-8")
    lines = [
        json.dumps({"id": "a1", "text": GOOD, "published": "2026-02-10", "source": "Wire One"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"id": "a3", "text": GOOD.replace("Ottawa", "Toronto").replace("steel", "aluminium"),
                    "published": "2026-02-11"}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_bad_inputs_are_reported_and_good_ones_stored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _mixed_folder(tmp_path)
    db = tmp_path / "s.db"
    code = main(["ingest", "--quiet", "--db", str(db), str(folder)])
    out, err = capsys.readouterr()
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert any("scan.txt" in e and "binary" in e for e in errors), errors
    assert any("empty.txt" in e and "empty" in e for e in errors), errors
    assert any("broken.html" in e for e in errors), errors
    assert any("feed.jsonl:2:" in e for e in errors), errors
    assert len(errors) == 4
    assert "3 added, 0 skipped as duplicates, 4 failed" in out
    docs = Database(db).documents()
    assert sorted(d.source_id or Path(d.path).name for d in docs) == ["a1", "a3", "latin1.txt"]
    assert any("café" in d.text and "Montréal" in d.text for d in docs)


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    one = tmp_path / "one.txt"
    one.write_text(GOOD, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text("  " + GOOD.upper().lower().replace("trade", "Trade") + "\n", encoding="utf-8")
    with storyline.open(tmp_path / "s.db") as store:
        first = store.ingest([str(one)])
        second = store.ingest([str(one), str(copy)])
    assert len(first.added) == 1
    assert len(second.added) == 0 and len(second.duplicates) == 2


def test_interrupted_ingest_keeps_committed_documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        (tmp_path / f"a{n}.txt").write_text(GOOD.replace("Monday", ["Monday", "Tuesday", "Friday"][n])
                                            + f" Story number {n}.", encoding="utf-8")  # fmt: skip
    calls = {"n": 0}
    original = Database.add_document

    def flaky(self: Database, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the user presses Ctrl-C while the second document is written
        original(self, *args, **kwargs)

    monkeypatch.setattr(Database, "add_document", flaky)
    store = storyline.open(tmp_path / "s.db", batch_words=10)
    with pytest.raises(KeyboardInterrupt):
        store.ingest([str(tmp_path / f"a{n}.txt") for n in range(3)])
    store.close()
    monkeypatch.setattr(Database, "add_document", original)
    db = Database(tmp_path / "s.db")
    docs = db.documents()
    assert len(docs) == 1
    facts = db.document_facts(docs[0].id)
    assert facts.sentences and facts.events  # the committed document is whole
    orphans = db.conn.execute("SELECT count(*) FROM facts WHERE doc NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0
    # running again finishes the job without duplicating what is there
    with storyline.open(tmp_path / "s.db") as again:
        report = again.ingest([str(tmp_path / f"a{n}.txt") for n in range(3)])
    assert len(report.added) == 2 and len(report.duplicates) == 1


def test_a_year_less_dateline_dates_the_article_and_survives_rebuilds(tmp_path: Path) -> None:
    """'CAIRO, Oct 9 (Reuters) -': cleaning drops the line, but its day still dates the article
    (the year from the article's own clues: a 'Thursday' that Oct 9 is in 2025)."""
    article = tmp_path / "cairo.txt"
    article.write_text(
        "Talks resume in Cairo\n\nCAIRO, Oct 9 (Reuters) - Mediators from Egypt and Qatar met in Cairo on "
        "Thursday to prepare a new round of talks, officials said. Negotiators from both sides met again "
        "later in the day. The 2025 talks have been slow.\n", encoding="utf-8",
    )  # fmt: skip
    other = tmp_path / "other.txt"
    other.write_text(" date 2025-10-20\n" + GOOD, encoding="utf-8")
    with storyline.open(tmp_path / "s.db") as store:
        store.ingest([str(article)])
        store.ingest([str(other)])  # a rebuild re-dates undated articles from stored facts
        docs = {Path(d.path).name: d for d in Database(tmp_path / "s.db").documents()}
    dated = docs["cairo.txt"]
    assert (dated.published, dated.published_source) == ("2025-10-09", "inferred")
