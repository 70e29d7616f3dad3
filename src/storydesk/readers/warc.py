"""WARC and WARC.gz files (via FastWARC): one page per HTML ``response`` record.

FastWARC stops silently at a truncated record, so completeness is checked
here: every record must have a Content-Length and deliver that many bytes,
and gzip is decompressed by Python so that a cut stream raises ``EOFError``.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from fastwarc import ArchiveIterator, WarcRecord, WarcRecordType

from ..errors import ErrorCode, InputError
from ..records import Failure, Page
from .detect import (
    GZIP_MAGIC,
    ReaderOptions,
    check_size,
    decode,
    failure_from,
    looks_like_html,
    one_line,
    open_binary,
)

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Available:
    """File adapter whose ``read`` returns what is at hand (``read1``).

    Data decompressed before a gzip truncation thus reaches FastWARC before
    the ``EOFError``, and the complete records ahead of the cut are kept.
    """

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self._stream = stream
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read1(size if size > 0 else 1 << 16)
        self._pos += len(data)
        return data

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        """The underlying stream is closed by its owner."""


def _is_html(record: WarcRecord) -> bool | None:
    """True/False from the HTTP Content-Type, None when it is unknown."""
    content_type = record.http_content_type if record.is_http else None
    if not content_type:
        return None
    return content_type.strip().lower() in _HTML_TYPES


def _is_success(record: WarcRecord) -> bool:
    """A 2xx HTTP response (or a non-HTTP record): redirects and error pages hold no article."""
    if not record.is_http:
        return True
    code = record.http_headers.status_code
    return code is None or 200 <= int(code) < 300


def _dechunk(data: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; data that is not chunked comes back as is."""
    out, pos, chunked = bytearray(), 0, False
    while (eol := data.find(b"\n", pos)) >= 0:
        try:
            size = int(data[pos:eol].split(b";")[0], 16)
        except ValueError:
            break
        chunked = True
        if size == 0:
            break
        out += data[eol + 1 : eol + 1 + size]
        pos = eol + 1 + size
        pos += 2 if data.startswith(b"\r\n", pos) else 1 if data.startswith(b"\n", pos) else 0
    return bytes(out) if chunked else data


def _inflate(data: bytes, source: str, limit: int) -> bytes:
    """Undo gzip/deflate content coding (bounded by ``limit``)."""
    for wbits in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):  # gzip or zlib header, then raw deflate
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, limit + 1)
            size = len(out)
            while size > limit and inflater.unconsumed_tail:  # count the rest, keep nothing
                size += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
        except zlib.error:
            continue
        check_size(size, source, limit)
        return out
    if data.startswith(GZIP_MAGIC):
        raise InputError(source, ErrorCode.BAD_RECORD, "corrupt gzip content encoding")
    return data  # labelled compressed but stored decoded


def _http_body(record: WarcRecord, payload: bytes, source: str, limit: int) -> bytes:
    """The HTTP payload with transfer and content codings removed."""
    headers = record.http_headers
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        payload = _dechunk(payload)
    coding = (headers.get("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        return _inflate(payload, source, limit)
    if coding not in ("", "identity"):
        raise InputError(source, ErrorCode.UNSUPPORTED, f"unsupported content encoding: {coding}")
    return payload


def _page(record: WarcRecord, payload: bytes, path: str, options: ReaderOptions) -> Page | Failure | None:
    """The page of a complete response record, a Failure, or None if it is not HTML."""
    try:
        check_size(record.content_length, path, options.max_bytes)
        body = _http_body(record, payload, path, options.max_bytes) if record.is_http else payload
        if _is_html(record) is None and not looks_like_html(body):
            return None
        charset = record.http_charset if record.is_http else None
        text, encoding = decode(body, path, charset, html=True, forced=options.encoding)
    except Exception as exc:  # one bad record does not stop the file
        return failure_from(exc, path, record.record_id)
    return Page(
        source=path,
        kind="html",
        content=text,
        url=(record.headers.get("WARC-Target-URI") or "").strip("<> ") or None,
        record_id=record.record_id,
        fetched_at=record.headers.get("WARC-Date"),
        encoding=encoding,
    )


def _read_payload(record: WarcRecord, keep: bool) -> tuple[bytes, bool]:
    """Read (or skip) a record's payload; also tell whether it was complete."""
    if not keep:
        return b"", record.consume() >= record.content_length
    payload = record.reader.read()
    return payload, len(payload) >= record.content_length


def read_warc(path: str, options: ReaderOptions) -> Iterator[Page | Failure]:
    """Yield a Page per HTML response record; stop at the first broken record with a Failure."""
    with open_binary(path) as stream:
        records = iter(ArchiveIterator(_Available(stream), parse_http=True))
        current: str | None = None  # id of the record being read, for failures
        try:
            for record in records:
                current = record.record_id
                if not (record.headers.get("Content-Length") or "").strip().isdigit():
                    current = current if (current or "").endswith(">") else None  # may be cut off
                    if next(records, None) is None:
                        yield Failure(path, ErrorCode.TRUNCATED, "truncated WARC record", current)
                    else:
                        yield Failure(path, ErrorCode.BAD_RECORD, "WARC record without Content-Length", current)
                    return
                wanted = (
                    record.record_type == WarcRecordType.response
                    and _is_html(record) is not False
                    and _is_success(record)
                )
                payload, complete = _read_payload(record, wanted and record.content_length <= options.max_bytes)
                if not complete:
                    yield Failure(path, ErrorCode.TRUNCATED, "truncated WARC record", current)
                    return
                result = _page(record, payload, path, options) if wanted else None
                if result is not None:
                    yield result
                current = None
        except Exception as exc:
            yield _stream_failure(exc, path, current)


def _stream_failure(exc: Exception, path: str, record_id: str | None) -> Failure:
    """FastWARC reports a malformed record as a bare OSError without errno."""
    if type(exc) is OSError and exc.errno is None:
        return Failure(path, ErrorCode.BAD_RECORD, one_line(f"malformed WARC record: {exc}"), record_id)
    return failure_from(exc, path, record_id)
