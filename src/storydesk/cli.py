"""The ``storydesk`` command: one namespace, one subcommand per job."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from . import __version__
from .analysis import EntityOptions
from .api import analyse_store, export_store, extract_files, ingest
from .errors import StorydeskError
from .export import article_fields, quote_dict
from .records import Article, Failure, display_title
from .store import DEFAULT_DB

__all__ = ["main"]


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"SQLite file or SQLAlchemy URL (default: ./{DEFAULT_DB})")


def _ner(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ner-model", metavar="DIR",
                   help="a spaCy pipeline directory whose entities join the rule-based ones (optional; never downloaded)")


def _entity_options(args: argparse.Namespace) -> EntityOptions | None:
    return EntityOptions(model=args.ner_model) if args.ner_model else None


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="storydesk", description="Messy crawled news pages in, sourced stories out.")
    ap.add_argument("--version", action="version", version=f"storydesk {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", help="read, clean and store pages (files, directories, WARC, JSONL)")
    _db(p)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--batch-size", type=int, default=100, help="commit every N pages (default 100)")
    p.add_argument("--max-bytes", type=int, default=10_000_000, help="largest page accepted (default 10 MB)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar even on a terminal")
    p.add_argument("-v", "--verbose", action="store_true", help="print each failure on its own line")

    p = sub.add_parser("export", help="print the analysed state as one JSON document")
    _ner(p)
    _db(p)
    p.add_argument("--format", choices=["json"], default="json")

    p = sub.add_parser("extract", help="extract articles without storing them (one JSON line per page)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["jsonl"], default="jsonl")
    p.add_argument("--kind", choices=["auto", "html", "text", "warc", "jsonl"], default="auto")

    p = sub.add_parser("stories", help="list the stories, their events and articles")
    _ner(p)
    _db(p)

    sub.add_parser(
        "timex",
        help="tag and resolve time expressions: JSONL {id, text, anchor} on stdin, {id, timexes} on stdout",
    )

    sub.add_parser(
        "quotes",
        help="direct and partial quotes with their speakers: JSONL {id, text} on stdin, {id, quotes} on stdout",
    )

    p = sub.add_parser("schema", help="print the JSON Schema of the export")

    p = sub.add_parser("serve", help="serve the web UI and JSON API over a store (uvicorn)")
    _ner(p)
    _db(p)
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    return ap


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .readers import ReaderOptions

    bar = None
    if not args.no_progress and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit="page", file=sys.stderr, desc="ingest")

    def progress(rec: Article | Failure) -> None:
        if bar is not None:
            bar.update(1)
        if args.verbose and isinstance(rec, Failure):
            print(f"failed: {rec}", file=sys.stderr)

    summary = ingest(
        args.paths,
        args.db,
        batch_size=args.batch_size,
        reader_options=ReaderOptions(max_bytes=args.max_bytes),
        progress=progress,
    )
    if bar is not None:
        bar.close()
    print(summary.line())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    json.dump(export_store(args.db, _entity_options(args)), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    failed = 0
    for rec in extract_files(args.files, args.kind):
        if isinstance(rec, Failure):
            failed += 1
            out = {"source": rec.source, "record_id": rec.record_id, "error": {"code": rec.code, "reason": rec.reason}}
            print(f"storydesk extract: {rec}", file=sys.stderr)
        else:
            out = article_fields(rec)
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if failed else 0


def _cmd_stories(args: argparse.Namespace) -> int:
    a = analyse_store(args.db, _entity_options(args))
    by_id = {x.id: x for x in a.articles}
    events = {e.id: e for e in a.events}
    copy_of = {m: (g.original, g.kinds[m]) for g in a.copies for m in g.members if m != g.original}
    if not a.stories:
        print(f"no stories: the store {args.db} holds no articles (run `storydesk ingest` first)")
        return 0
    for s in a.stories:
        n_articles = sum(len(events[e].articles) for e in s.events)
        print(f"{s.id}  {s.title}  ({len(s.events)} event{'s' * (len(s.events) != 1)}, {n_articles} articles)")
        for eid in s.events:
            e = events[eid]
            when = a.event_dates.get(e.id)
            edate = when.value if when and when.value else (f"before {when.before}" if when and when.before else "")
            print(f"  {e.id}  {edate + '  ' if edate else ''}{e.title}")
            for aid in e.articles:
                art = by_id[aid]
                if art.published:
                    date = art.published.value
                elif art.published_before:
                    date = f"≤{art.published_before.value}"
                else:
                    date = "date unknown"
                if aid in a.late:
                    date += f" (late copy, +{a.late[aid].gap_days}d)"
                note = f"  [{copy_of[aid][1]} of {copy_of[aid][0]}]" if aid in copy_of else ""
                print(f"    {aid}  {date:<12}  {display_title(art)}  <{art.source}>{note}")
    return 0


def _jsonl_stdin(command: str) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """(line number, object or None) for each non-blank line of stdin; bad lines are reported on stderr."""
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ValueError("expected an object with a string 'text'")
        except ValueError as exc:
            print(f"storydesk {command}: stdin line {n}: {' '.join(str(exc).split())}", file=sys.stderr)
            yield n, None
            continue
        yield n, obj


def _cmd_timex(args: argparse.Namespace) -> int:
    from .temporal import find_timexes

    bad = 0
    for n, obj in _jsonl_stdin("timex"):
        if obj is None:
            bad += 1
            continue
        try:
            found = find_timexes(obj["text"], obj.get("anchor"))
        except ValueError as exc:  # an unparsable anchor
            print(f"storydesk timex: stdin line {n}: bad anchor: {exc}", file=sys.stderr)
            found = find_timexes(obj["text"], None)
            bad += 1
        out = {
            "id": obj.get("id"),
            "timexes": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in found],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _cmd_quotes(args: argparse.Namespace) -> int:
    from .analysis import speaker_names
    from .quotes import find_quotes

    bad = 0
    for _, obj in _jsonl_stdin("quotes"):
        if obj is None:
            bad += 1
            continue
        quotes = find_quotes(obj["text"])
        names = speaker_names(obj["text"], quotes)
        out = {"id": obj.get("id"), "quotes": [{**quote_dict(q), "speaker_name": n} for q, n in zip(quotes, names)]}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 1 if bad else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .export import export_schema

    json.dump(export_schema(), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web import create_app

    print(f"storydesk: analysing {args.db}, then serving http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(create_app(args.db, entity_options=_entity_options(args)), host=args.host, port=args.port, log_level="info")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {
        "ingest": _cmd_ingest,
        "export": _cmd_export,
        "extract": _cmd_extract,
        "stories": _cmd_stories,
        "schema": _cmd_schema,
        "timex": _cmd_timex,
        "quotes": _cmd_quotes,
        "serve": _cmd_serve,
    }
    try:
        return handlers[args.command](args)
    except StorydeskError as exc:
        print(f"storydesk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("storydesk: interrupted; committed batches are kept, run the same command again to resume",
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
