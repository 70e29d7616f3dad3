"""The Python API: what the CLI does, callable from code."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .analysis import Analysis, EntityOptions, analyse
from .export import export_document
from .extract import ExtractOptions
from .pipeline import ExtractStage, Stage, run_pipeline
from .readers import ReaderOptions, read_file, read_paths
from .records import Article, Failure, Page
from .store import Store

__all__ = ["IngestSummary", "ingest", "extract_files", "analyse_store", "export_store"]


@dataclass(slots=True)
class IngestSummary:
    pages: int = 0
    articles: int = 0
    duplicates: int = 0
    """Pages whose content was already stored (or seen earlier in this run)."""
    failures: Counter[str] = field(default_factory=Counter)
    stage_stats: dict[str, dict[str, int]] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        fails = sum(self.failures.values())
        detail = ", ".join(f"{code} {n}" for code, n in sorted(self.failures.items()))
        return (
            f"{self.pages} pages read, {self.articles} articles kept, {self.duplicates} duplicates, "
            f"{fails} failures" + (f" ({detail})" if detail else "")
        )


class SkipKnown(Stage):
    """Drops pages whose content hash is already stored (re-ingest and resume are no-ops)."""

    name = "skip-known"

    def __init__(self, known: set[str]) -> None:
        super().__init__()
        self.known = known

    def process(self, records: Iterable[Any]) -> Iterator[Any]:
        for rec in records:
            if isinstance(rec, Page):
                self.stats["in"] += 1
                if rec.hash in self.known:
                    self.stats["dropped:already-stored"] += 1
                    continue
                self.known.add(rec.hash)
                self.stats["out"] += 1
            yield rec


def ingest(
    paths: Iterable[str],
    db: str | None = None,
    *,
    batch_size: int = 100,
    reader_options: ReaderOptions | None = None,
    extract_options: ExtractOptions | None = None,
    progress: Callable[[Article | Failure], None] | None = None,
) -> IngestSummary:
    """Read, extract and store pages; commit every ``batch_size`` results."""
    store = Store(db)
    skip = SkipKnown(store.known_hashes())
    extract = ExtractStage(extract_options)
    summary = IngestSummary()
    batch: list[Article | Failure] = []
    for rec in run_pipeline(read_paths(paths, reader_options), [skip, extract]):
        if isinstance(rec, Article):
            summary.articles += 1
        elif isinstance(rec, Failure):
            summary.failures[rec.code] += 1
        batch.append(rec)
        if progress is not None:
            progress(rec)
        if len(batch) >= batch_size:
            store.write_batch(batch)
            batch.clear()
    if batch:
        store.write_batch(batch)
    # Every input page ends as an article, a failure (read or extraction) or a known duplicate.
    summary.duplicates = skip.stats["dropped:already-stored"]
    summary.pages = summary.articles + sum(summary.failures.values()) + summary.duplicates
    for stage in (skip, extract):
        summary.stage_stats[stage.name] = dict(stage.stats)
        summary.stage_seconds[stage.name] = stage.seconds
    return summary


def extract_files(
    paths: Iterable[str], kind: str = "auto", extract_options: ExtractOptions | None = None
) -> Iterator[Article | Failure]:
    """Extract without storing: one Article or Failure per page (per record for WARC/JSONL)."""
    stage = ExtractStage(extract_options)
    for path in paths:
        yield from stage(read_file(path, kind))


def analyse_store(db: str | None = None, entity_options: EntityOptions | None = None) -> Analysis:
    return analyse(list(Store(db).articles()), entity_options=entity_options)


def export_store(db: str | None = None, entity_options: EntityOptions | None = None) -> dict[str, Any]:
    store = Store(db)
    analysis = analyse(list(store.articles()), entity_options=entity_options)
    failures = [
        {"source": f.source, "record_id": f.record_id, "code": f.code, "reason": f.reason} for f in store.failures()
    ]
    return export_document(analysis, failures)
