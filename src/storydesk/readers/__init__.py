"""Input readers: files, directories, WARC and JSONL into :class:`Page` records.

Every reader is a generator.  Whatever goes wrong with one file or record
becomes a coded :class:`~storydesk.records.Failure` and reading goes on
with the next one.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from ..errors import ErrorCode
from ..records import Failure, Page
from .detect import KINDS, UNSUPPORTED, ReaderOptions, decode, detect_kind, failure_from, kind_from_name
from .files import read_page_file
from .jsonl import read_jsonl
from .warc import read_warc

__all__ = ["ReaderOptions", "read_paths", "read_file", "detect_kind", "decode"]

_Reader = Callable[[str, ReaderOptions], Iterator[Page | Failure]]
_READERS: dict[str, _Reader] = {
    "html": lambda path, options: read_page_file(path, "html", options),
    "text": lambda path, options: read_page_file(path, "text", options),
    "warc": read_warc,
    "jsonl": read_jsonl,
}


def read_paths(paths: Iterable[str], options: ReaderOptions | None = None) -> Iterator[Page | Failure]:
    """Read files and directories (walked recursively, sorted, hidden entries skipped).

    Inside a directory, files that are clearly not pages (images, archives,
    PDFs...) are skipped silently; named explicitly they yield UNSUPPORTED.
    """
    options = options or ReaderOptions()
    for path in paths:
        if not os.path.isdir(path):
            yield from read_file(path, options=options)
            continue
        for entry in _walk(path):
            if isinstance(entry, Failure):
                yield entry
            elif kind_from_name(entry) != UNSUPPORTED:
                yield from read_file(entry, options=options)


def read_file(path: str, kind: str = "auto", options: ReaderOptions | None = None) -> Iterator[Page | Failure]:
    """Read one file; ``kind`` is "auto" (detected) or forces "html", "text", "warc" or "jsonl"."""
    if kind != "auto" and kind not in KINDS:
        raise ValueError(f"unknown input kind {kind!r}: expected auto, {', '.join(KINDS)}")
    return _guarded(path, kind, options or ReaderOptions())


def _guarded(path: str, kind: str, options: ReaderOptions) -> Iterator[Page | Failure]:
    """Run the reader of ``path``, turning an exception into a final Failure."""
    try:
        os.stat(path)  # a missing file is UNREADABLE, whatever its name
        if kind == "auto":
            kind = detect_kind(path)
        if kind == UNSUPPORTED:
            ext = os.path.splitext(path.removesuffix(".gz"))[1]
            yield Failure(path, ErrorCode.UNSUPPORTED, f"unsupported file type: {ext or path}")
            return
        yield from _READERS[kind](path, options)
    except Exception as exc:
        yield failure_from(exc, path)


def _walk(directory: str) -> Iterator[str | Failure]:
    """File paths under ``directory`` in sorted order, joined from it (never made absolute)."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield failure_from(exc, directory)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(directory, entry.name)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file():
            yield path
