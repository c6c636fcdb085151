"""The development seeds: boilerplate and flags checks of the gold file (skips without ../shared)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from storyline.clean import clean
from storyline.records import RawArticle
from storyline.sources import read


def norm(s: str) -> str:
    """The scorer's normalisation: NFKC, casefold, straight quotes, punctuation to spaces."""
    s = unicodedata.normalize("NFKC", s or "").casefold()
    s = (
        s.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u201c", '"')
        .replace("\u201d", '"')
    )
    s = re.sub(r"[^\w%'. ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def cleaned_seeds(shared: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    out = {}
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        (art,) = list(read(path))
        assert isinstance(art, RawArticle) and art.text is not None
        c = clean(art.text)
        assert all(c.text[i] == art.text[o] for i, o in enumerate(c.offsets))
        out[path.name] = (c.text, c.flags)
    return out


def test_seed_cleaning_and_flags(shared: Path) -> None:
    gold = json.loads((shared / "corpus" / "seeds.gold.json").read_text(encoding="utf-8"))
    docs = cleaned_seeds(shared)
    checks = failures = 0
    problems = []
    for g in gold["boilerplate"]:
        text = norm(docs[g["file"]][0])
        for s in g.get("must_not_contain", []):
            checks += 1
            if norm(s) in text:
                failures += 1
                problems.append(f"left in {g['file']}: {s}")
        for s in g.get("must_contain", []):
            checks += 1
            if norm(s) not in text:
                failures += 1
                problems.append(f"lost from {g['file']}: {s}")
    assert checks == 23
    assert not problems, problems
    wanted: dict[str, set[str]] = {name: set() for name in docs}
    for g in gold["flags"]:
        wanted[g["file"]].add(g["flag"])
    assert {name: set(flags) for name, (_, flags) in docs.items()} == wanted
