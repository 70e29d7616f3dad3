"""The record types that flow through storydesk's stages.

A :class:`Page` is what a reader yields: raw bytes or text of one crawled
page plus where it came from.  The extraction stage turns it into an
:class:`Article` (clean body, title, metadata with evidence) or a
:class:`Failure` that says, with a coded reason, why nothing was kept.
Records are plain frozen-ish dataclasses so that a stage is a pure function
of its input and can run in a local loop or in a Spark map.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PageKind = Literal["html", "text"]

__all__ = ["Page", "Article", "Failure", "DateValue", "content_hash", "text_hash", "display_title"]


def content_hash(data: bytes | str) -> str:
    """SHA-1 of the raw page content (bytes, or text encoded as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha1(data).hexdigest()


_NON_WORD = re.compile(r"\W+")


def text_hash(text: str) -> str:
    """Hash of a body after normalisation (case, accents, punctuation, spacing).

    Two articles with the same normalised hash are exact duplicates whatever
    their quotes, dashes or line breaks.
    """
    norm = unicodedata.normalize("NFKC", text).casefold()
    norm = _NON_WORD.sub(" ", norm).strip()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Page:
    """One crawled page as read from disk, WARC or JSONL, not yet extracted."""

    source: str
    """The input path or URL as given by the user (for WARC/JSONL: the file path)."""
    kind: PageKind
    content: str
    """Decoded page content: HTML markup or a flattened text dump."""
    url: str | None = None
    record_id: str | None = None
    """WARC-Record-ID, or ``line N`` / the ``id`` field for JSONL, else None."""
    fetched_at: str | None = None
    """Crawl time (ISO 8601) when the input tells it."""
    encoding: str | None = None
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.content)

    @property
    def key(self) -> str:
        """Stable identity of the page's origin: source plus record id."""
        return self.source if self.record_id is None else f"{self.source}#{self.record_id}"


@dataclass(slots=True)
class DateValue:
    """A date with the evidence it was read from and a confidence in [0, 1]."""

    value: str
    evidence: str
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Article:
    """The clean article extracted from one page."""

    source: str
    page_hash: str
    kind: PageKind
    text: str
    title: str | None = None
    url: str | None = None
    record_id: str | None = None
    fetched_at: str | None = None
    site: str | None = None
    author: str | None = None
    published: DateValue | None = None
    published_before: DateValue | None = None
    """Upper bound: the page existed by then (site header, page stamp, crawl)."""
    date_evidence: list[dict[str, Any]] = field(default_factory=list)
    """Every date the page shows, with its kind (byline, site-header, page-stamp, crawl...)."""
    date_conflicts: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    """Boilerplate lines that were dropped, each with the reason (kept for inspection)."""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = "a" + self.page_hash[:12]

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)


@dataclass(slots=True)
class Failure:
    """A page or input that produced no article, with a coded reason."""

    source: str
    code: str
    reason: str
    record_id: str | None = None
    page_hash: str | None = None

    def __str__(self) -> str:
        where = self.source if self.record_id is None else f"{self.source}#{self.record_id}"
        return f"{where}: {self.reason} [{self.code}]"


def display_title(a: Article, limit: int = 90) -> str:
    """The article's title, or the start of its first sentence when it has none."""
    if a.title and a.title.strip():
        return a.title.strip()
    first = re.split(r"(?<=[.!?])\s", a.text.strip(), maxsplit=1)[0] if a.text.strip() else ""
    if not first:
        return "Untitled article"
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
