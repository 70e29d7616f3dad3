"""Extraction stage: a :class:`~storydesk.records.Page` in, an Article or a Failure out."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ErrorCode
from ..records import Article, Failure, Page
from ..temporal.published import date_html_page, date_text_page
from .html import extract_html
from .textdump import TextModel, default_model, extract_text_dump

__all__ = ["ExtractOptions", "extract_page"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Options of the extraction stage."""

    min_words: int = 20
    """Pages whose clean body has fewer words yield a ``no-article`` failure."""
    text_model: str | None = None
    """Path of a retrained text-dump line model (default: the packaged one)."""


def _model(options: ExtractOptions) -> TextModel:
    if not options.text_model:
        return default_model()
    return _load_model(str(Path(options.text_model).resolve()), Path(options.text_model).stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_model(path: str, mtime_ns: int) -> TextModel:
    """A retrained model, loaded (and compiled: see storydesk.compiled) once, not once a page."""
    return TextModel.load(path)


def extract_page(page: Page, options: ExtractOptions | None = None) -> Article | Failure:
    """Extract the article of one page; never raises for bad content."""
    options = options or ExtractOptions()
    try:
        if page.kind == "html":
            h = extract_html(page.content, page.url)
            text, title, site, author = h.text, h.title, h.site, h.author
            dates = date_html_page(h.published.value if h.published else None, page.fetched_at)
            removed: list[tuple[str, str]] = []
        else:
            t = extract_text_dump(page.content, _model(options))
            text, title, site, author = t.text, t.title, None, None
            dates = date_text_page(t.lines, t.title_line, t.body_start, page.fetched_at)
            removed = t.removed
    except Exception as exc:  # noqa: BLE001 - hostile input must not stop a batch
        reason = " ".join(f"extractor failed: {type(exc).__name__}: {exc}".split())[:200]
        return Failure(page.source, ErrorCode.EXTRACT_ERROR, reason, page.record_id, page.hash)
    words = len(text.split())
    if words < options.min_words:
        reason = f"no article text found ({words} words kept, need {options.min_words})"
        return Failure(page.source, ErrorCode.NO_ARTICLE, reason, page.record_id, page.hash)
    return Article(
        source=page.source,
        page_hash=page.hash,
        kind=page.kind,
        text=text,
        title=title,
        url=page.url,
        record_id=page.record_id,
        fetched_at=page.fetched_at,
        site=site,
        author=author,
        published=dates.published,
        published_before=dates.published_before,
        date_evidence=[e.to_dict() for e in dates.evidence],
        date_conflicts=dates.conflicts,
        removed=removed,
    )
