"""Stages and pipelines.

A stage is a generator over records: it takes an iterable of records and yields
records.  Records it does not handle (e.g. a :class:`Failure` reaching the
extraction stage) pass through unchanged, so a pipeline is a plain list of
stages and a failure travels to the end, where it is counted and stored.  Each
stage counts what it did (``stats``) and how long it took, like datatrove's
pipeline steps.  The per-record work is a pure function (``map_record``) so
the same stage runs in a local loop or in a Spark ``map``.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from .extract import ExtractOptions, extract_page
from .records import Article, Failure, Page

__all__ = ["Stage", "MapStage", "ExtractStage", "run_pipeline"]

Record = Any


class Stage:
    """Base stage: subclasses implement :meth:`process`."""

    name = "stage"

    def __init__(self) -> None:
        self.stats: Counter[str] = Counter()
        self.seconds = 0.0

    def process(self, records: Iterable[Record]) -> Iterator[Record]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, records: Iterable[Record]) -> Iterator[Record]:
        it = iter(self.process(records))
        while True:
            start = time.perf_counter()
            try:
                rec = next(it)
            except StopIteration:
                self.seconds += time.perf_counter() - start
                return
            self.seconds += time.perf_counter() - start
            yield rec


class MapStage(Stage):
    """A stage made of a pure function applied to each record of one type."""

    accepts: type | tuple[type, ...] = object

    def map_record(self, record: Record) -> Record:  # pragma: no cover - abstract
        raise NotImplementedError

    def process(self, records: Iterable[Record]) -> Iterator[Record]:
        for rec in records:
            if not isinstance(rec, self.accepts):
                yield rec
                continue
            self.stats["in"] += 1
            out = self.map_record(rec)
            if isinstance(out, Failure):
                self.stats[f"dropped:{out.code}"] += 1
            else:
                self.stats["out"] += 1
            yield out


class ExtractStage(MapStage):
    """Page -> Article (clean body, title, metadata) or Failure with a reason."""

    name = "extract"
    accepts = Page

    def __init__(self, options: ExtractOptions | None = None) -> None:
        super().__init__()
        self.options = options or ExtractOptions()

    def map_record(self, record: Page) -> Article | Failure:
        return extract_page(record, self.options)


def run_pipeline(
    source: Iterable[Record], stages: Sequence[Callable[[Iterable[Record]], Iterable[Record]]]
) -> Iterator[Record]:
    """Chain the stages over the source records and iterate the result lazily."""
    stream: Iterable[Record] = source
    for stage in stages:
        stream = stage(stream)
    yield from stream
