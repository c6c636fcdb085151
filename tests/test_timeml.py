"""TimeML in/out, and the temporal engine's score on TimeBank and AQUAINT (../shared)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from storyline.timeml import tag_document, tag_files

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>demo</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-14" temporalFunction="false" functionInDocument="CREATION_TIME">20240314</TIMEX3></DCT>
<TEXT>
Envoys met on Tuesday &amp; agreed to meet again from June 3 to 6. Trade grew three years in a row.
</TEXT>
</TimeML>
"""


def plain(raw: str) -> str:
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert body
    return re.sub(r"<[^>]+>", "", body.group(1))


@pytest.mark.slow
def test_tag_document_inserts_timex3_and_keeps_text(spacy_model) -> None:  # type: ignore[no-untyped-def]
    out = tag_document(DOC, spacy_model)
    assert plain(out) == plain(DOC)
    assert 'functionInDocument="CREATION_TIME">20240314</TIMEX3></DCT>' in out
    body = out[out.index("<TEXT>") :]
    tags = re.findall(r'<TIMEX3 tid="t(\d+)" type="(\w+)" value="([^"]+)"[^>]*>([^<]+)</TIMEX3>', body)
    assert [(t, v, x) for _, t, v, x in tags] == [
        ("DATE", "2024-03-12", "Tuesday"),
        ("DATE", "2024-06-03", "June 3"),
        ("DATE", "2024-06-06", "6"),
        ("DURATION", "P3Y", "three years"),
    ]


@pytest.mark.slow
def test_tag_files_writes_same_names(tmp_path: Path, spacy_model) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in" / "demo.tml"
    src.parent.mkdir()
    src.write_text(DOC, encoding="utf-8")
    written = tag_files([src], tmp_path / "out", spacy_model)
    assert written == [tmp_path / "out" / "demo.tml"]
    assert "<TIMEX3 tid=\"t1\"" in written[0].read_text(encoding="utf-8")


# Measured floors (see the temporal engine's report); the goal is value-F1 >= 0.85.  'heldout' is
# our own set (tests/fixtures/timeml): 14 wire stories of 1995-2024 with 337 TIMEX3, written and
# annotated by the TimeML guidelines by a team member who saw neither the code nor its output.
# First contact: strict 0.933, value 0.889.
FLOORS = {"TimeBank": {"strict": 0.895, "value": 0.85}, "AQUAINT": {"strict": 0.86, "value": 0.80},
          "heldout": {"strict": 0.935, "value": 0.92}}  # fmt: skip
HELDOUT = Path(__file__).parent / "fixtures" / "timeml"


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_score_on_tempeval3(corpus: str, shared: Path, spacy_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gold = HELDOUT if corpus == "heldout" else shared / "data" / "tempeval3" / corpus
    tools = shared / "tools"
    subprocess.run([sys.executable, str(tools / "strip_timeml.py"), str(gold), str(tmp_path / "in")],
                   check=True, capture_output=True)  # fmt: skip
    tag_files(sorted((tmp_path / "in").glob("*.tml")), tmp_path / "out", spacy_model)
    report = subprocess.run(
        [sys.executable, str(tools / "score_timex.py"), "--gold", str(gold), "--system", str(tmp_path / "out")],
        check=True, capture_output=True, text=True,
    ).stdout
    f1 = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+P .*F1 ([\d.]+)$", report, re.M)}
    assert f1["strict"] >= FLOORS[corpus]["strict"], report
    assert f1["value"] >= FLOORS[corpus]["value"], report
