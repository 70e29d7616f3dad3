"""Kind detection, byte decoding and the checks every reader shares.

A reader turns bytes into text with :func:`decode`, which never raises
``UnicodeDecodeError``: it raises :class:`~storydesk.errors.InputError` with a
stable code (EMPTY, BINARY) instead.  :func:`failure_from` turns any exception
raised while reading into a one-line coded :class:`~storydesk.records.Failure`.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
import charset_normalizer

from ..errors import ErrorCode, InputError
from ..records import Failure

__all__ = [
    "GZIP_MAGIC",
    "KINDS",
    "UNSUPPORTED",
    "ReaderOptions",
    "check_size",
    "decode",
    "detect_kind",
    "failure_from",
    "kind_from_name",
    "looks_like_html",
    "one_line",
    "open_binary",
    "read_limited",
    "sniff_kind",
]

KINDS = ("html", "text", "warc", "jsonl")
UNSUPPORTED = "unsupported"
GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 64 * 1024
BINARY_PROBE = 8 * 1024

_EXTENSIONS = {".txt": "text", ".html": "html", ".htm": "html", ".warc": "warc", ".jsonl": "jsonl"}
NOT_PAGES = frozenset(
    ".png .jpg .jpeg .gif .webp .bmp .ico .tif .tiff .svg .pdf .zip .tar .tgz .bz2 .xz .zst .7z"
    " .rar .mp3 .mp4 .m4a .wav .ogg .avi .mov .mkv .webm .woff .woff2 .ttf .otf .eot .exe .dll"
    " .so .pyc .doc .docx .xls .xlsx .ppt .pptx .odt .sqlite .db .parquet .pkl".split()
)


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Limits and overrides applied by every reader."""

    max_bytes: int = 10_000_000
    """Largest page accepted, in bytes (decompressed)."""
    encoding: str | None = None
    """Force this encoding instead of detecting one."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, not {self.max_bytes}")
        if self.encoding is not None:
            try:
                b"a".decode(self.encoding, "ignore")  # also rejects bytes codecs (base64...)
            except LookupError:
                raise ValueError(f"unknown text encoding: {self.encoding!r}") from None


# --- kind detection -------------------------------------------------------

_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
_TAG = re.compile(rb"<(?:/?[a-z][a-z0-9]*|!--)[\s/>]", re.I)


def kind_from_name(path: str) -> str | None:
    """Kind told by the file name, :data:`UNSUPPORTED` for clear non-pages, None if unknown."""
    name = os.path.basename(path).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    ext = os.path.splitext(name)[1]
    if ext in NOT_PAGES:
        return UNSUPPORTED
    return _EXTENSIONS.get(ext)


def looks_like_html(head: bytes) -> bool:
    """True if the start of a document is HTML: a doctype/html tag or lots of tags."""
    head = head[:SNIFF_BYTES].removeprefix(codecs.BOM_UTF8)
    return _HTML_START.match(head) is not None or len(_TAG.findall(head)) >= 10


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _looks_like_jsonl(head: bytes) -> bool:
    pieces = head.removeprefix(codecs.BOM_UTF8).split(b"\n")
    complete = [piece for piece in pieces[:-1] if piece.strip()][:5]
    if complete:
        return all(_is_object(piece) for piece in complete)
    return pieces[0].lstrip().startswith(b'{"')  # one long line, cut by the sniff window


def sniff_kind(head: bytes) -> str:
    """Kind of a document from its first bytes (decompressed)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if _looks_like_jsonl(head):
        return "jsonl"
    return "html" if looks_like_html(head) else "text"


def detect_kind(path: str) -> str:
    """Kind of the file at ``path``: from its extension, else from its content."""
    return kind_from_name(path) or sniff_kind(_read_head(path))


# --- opening and size limits ----------------------------------------------


@contextmanager
def open_binary(path: str) -> Iterator[io.BufferedIOBase]:
    """Open a file for reading bytes, transparently un-gzipping it (by magic bytes)."""
    with open(path, "rb") as raw:
        if raw.peek(2)[:2] == GZIP_MAGIC:
            with gzip.GzipFile(fileobj=raw) as unzipped:
                yield unzipped
        else:
            yield raw


def _read_head(path: str, size: int = SNIFF_BYTES) -> bytes:
    head = bytearray()
    with open_binary(path) as stream:
        try:
            while len(head) < size and (chunk := stream.read1(size - len(head))):
                head += chunk
        except (EOFError, gzip.BadGzipFile, zlib.error):
            pass  # sniff what we have; the reader reports the damage
    return bytes(head)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def check_size(size: int, source: str, limit: int) -> None:
    """Raise TOO_LARGE if ``size`` bytes exceed ``limit``."""
    if size > limit:
        raise InputError(source, ErrorCode.TOO_LARGE, f"page too large: {_mb(size)} > limit {_mb(limit)}")


def read_limited(stream: io.BufferedIOBase, source: str, limit: int) -> bytes:
    """Read a whole stream, raising TOO_LARGE (with the full size) above ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        size = len(data)
        while chunk := stream.read(1 << 20):
            size += len(chunk)
        check_size(size, source, limit)
    return data


# --- decoding ---------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What browsers really use for these labels (WHATWG encoding standard).
_SUPERSETS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "shift_jis": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
}
# Common legacy web encodings, in order of preference when detection hesitates.
_WEB_ENCODINGS = (
    "cp1252", "cp1250", "cp1257", "cp1254", "iso8859_2", "iso8859_15", "cp1251", "koi8_r", "cp932",
    "shift_jis", "euc_jp", "iso2022_jp", "gb18030", "big5", "cp949", "euc_kr", "cp1253", "cp1255",
    "cp1256", "cp874",
)  # fmt: skip
_RANK = {name: rank for rank, name in enumerate(_WEB_ENCODINGS)}
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:BINARY_PROBE])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    return "utf-8" if label.startswith(("utf-16", "utf-32")) else label  # as browsers do


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(data: bytes) -> tuple[str, str] | None:
    """Guess of charset-normalizer, steered towards common web encodings.

    On short texts several single-byte encodings look alike (French read as
    Baltic, say): among the plausible ones, windows-1252 wins, then rank.
    """
    # Declarations were tried before: detection here is purely statistical.
    results = charset_normalizer.from_bytes(data, cp_isolation=list(_WEB_ENCODINGS), preemptive_behaviour=False)
    if not results:
        results = charset_normalizer.from_bytes(data, preemptive_behaviour=False)
    if not results:
        return None
    ranked = sorted(
        results,
        key=lambda m: (round(m.chaos, 2), -round(m.coherence, 2), _RANK.get(m.encoding, len(_RANK))),
    )
    plausible = [m for m in ranked if m.chaos <= ranked[0].chaos + 0.1]
    best = next((m for m in plausible if m.encoding == "cp1252"), ranked[0])
    return str(best), best.encoding


def _decode(
    data: bytes, source: str, declared: str | None, html: bool, forced: str | None
) -> tuple[str, str]:
    if forced:
        return data.decode(forced, "replace"), _codec(forced) or forced
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, "replace"), encoding
    header = _codec(declared)
    if b"\0" in data[:BINARY_PROBE] and not (header or "").startswith(("utf-16", "utf-32")):
        raise InputError(source, ErrorCode.BINARY, "binary content (NUL bytes)")
    for encoding in (header, _codec(_meta_charset(data)) if html else None):
        if encoding is None:
            continue
        if encoding == "cp1252" and _is_utf8(data):
            return data.decode("utf-8"), "utf-8"  # UTF-8 mislabelled as Latin-1: very common
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration lies or names no text encoding: detect instead
    if _is_utf8(data):
        return data.decode("utf-8"), "utf-8"
    detected = _detect(data)
    if detected is None:
        raise InputError(source, ErrorCode.BINARY, "binary content (no plausible text encoding)")
    return detected


def decode(
    data: bytes,
    source: str,
    declared: str | None = None,
    *,
    html: bool = False,
    forced: str | None = None,
) -> tuple[str, str]:
    """Decode page bytes to ``(text, encoding)``.

    Order: ``forced`` encoding, byte-order mark, ``declared`` charset (HTTP
    header), ``<meta charset>`` if ``html``, strict UTF-8, then detection.
    Raises :class:`InputError` EMPTY for blank content and BINARY for data
    that is not text; never ``UnicodeDecodeError``.
    """
    if not data.strip():
        raise InputError(source, ErrorCode.EMPTY, "empty file" if not data else "only whitespace")
    text, encoding = _decode(data, source, declared, html, forced)
    if not text.strip():
        raise InputError(source, ErrorCode.EMPTY, "only whitespace")
    return text, encoding


# --- failures ---------------------------------------------------------------


def one_line(text: str, limit: int = 200) -> str:
    """Collapse whitespace so that a reason fits on one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_from(exc: BaseException, source: str, record_id: str | None = None) -> Failure:
    """Turn an exception raised while reading ``source`` into a coded Failure."""
    if isinstance(exc, InputError):
        code, reason = exc.code, exc.reason
    elif isinstance(exc, EOFError):
        code, reason = ErrorCode.TRUNCATED, "truncated gzip stream"
    elif isinstance(exc, (gzip.BadGzipFile, zlib.error)):
        code, reason = ErrorCode.UNREADABLE, f"corrupt gzip stream: {exc}"
    elif isinstance(exc, OSError):
        code, reason = ErrorCode.UNREADABLE, (exc.strerror or str(exc) or type(exc).__name__).lower()
    else:
        code, reason = ErrorCode.UNREADABLE, f"cannot read input ({type(exc).__name__}: {exc})"
    return Failure(source, code, one_line(reason), record_id=record_id)
