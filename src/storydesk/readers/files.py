"""Plain text and HTML files, optionally gzip-compressed: one page a file."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator

from ..records import Failure, Page, PageKind
from .detect import ReaderOptions, check_size, decode, open_binary, read_limited

__all__ = ["read_page_file"]


def read_page_file(path: str, kind: PageKind, options: ReaderOptions) -> Iterator[Page | Failure]:
    """Yield the one page of a text dump or HTML file.

    Whole-file problems (missing, truncated gzip, too large, binary) are
    raised; :func:`storydesk.readers.read_file` turns them into Failures.
    """
    with open_binary(path) as stream:
        if not isinstance(stream, gzip.GzipFile):
            check_size(os.fstat(stream.fileno()).st_size, path, options.max_bytes)
        data = read_limited(stream, path, options.max_bytes)
    text, encoding = decode(data, path, html=kind == "html", forced=options.encoding)
    yield Page(source=path, kind=kind, content=text, encoding=encoding)
