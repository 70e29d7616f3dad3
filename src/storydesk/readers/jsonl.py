"""JSON Lines files (optionally gzip-compressed): one page a line.

Each line is an object with ``url``, ``html`` or ``text``, and optionally
``fetched_at`` and ``id``.  The record id is the ``id`` field, else
``line N`` (1-based).  A malformed line yields a BAD_RECORD Failure and the
file goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import ErrorCode, InputError
from ..records import Failure, Page, PageKind
from .detect import ReaderOptions, check_size, one_line, open_binary

__all__ = ["read_jsonl"]


def _string(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _record(path: str, number: int, line: bytes, options: ReaderOptions) -> Page | Failure:
    """The page of one line, or a Failure naming the line."""
    where = f"line {number}"
    try:
        obj = json.loads(line.decode(options.encoding or "utf-8-sig"))
    except (ValueError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        return Failure(path, ErrorCode.BAD_RECORD, one_line(f"{where}: invalid JSON ({detail})"), where)
    if not isinstance(obj, dict):
        return Failure(path, ErrorCode.BAD_RECORD, f"{where}: not a JSON object", where)
    record_id = one_line(str(obj["id"])) if obj.get("id") not in (None, "") else where
    kind: PageKind = "html" if isinstance(obj.get("html"), str) else "text"
    content = obj.get(kind)
    if not isinstance(content, str):
        return Failure(path, ErrorCode.BAD_RECORD, f"{where}: no 'html' or 'text' string", record_id)
    try:
        check_size(len(content.encode("utf-8", "surrogatepass")), path, options.max_bytes)
    except InputError as exc:
        return Failure(path, exc.code, exc.reason, record_id)
    if not content.strip():
        return Failure(path, ErrorCode.EMPTY, f"{where}: empty page", record_id)
    return Page(
        source=path,
        kind=kind,
        content=content,
        url=_string(obj, "url"),
        record_id=record_id,
        fetched_at=_string(obj, "fetched_at"),
        encoding=options.encoding or "utf-8",
    )


def read_jsonl(path: str, options: ReaderOptions) -> Iterator[Page | Failure]:
    """Yield a Page (or a Failure) for each non-blank line of a JSONL file."""
    with open_binary(path) as stream:
        for number, line in enumerate(stream, 1):
            if line.strip():
                yield _record(path, number, line, options)
