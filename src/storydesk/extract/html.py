"""Article extraction from HTML: trafilatura for the body and metadata.

trafilatura (with htmldate inside it for the date) is the best open extractor
on news pages; storydesk keeps its output and records where each piece of
metadata came from.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import DateValue

__all__ = ["HtmlExtraction", "extract_html"]


@dataclass(slots=True)
class HtmlExtraction:
    text: str
    title: str | None
    site: str | None
    author: str | None
    published: DateValue | None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return HtmlExtraction("", None, None, None, None)
    published = None
    if doc.date:
        # trafilatura delegates to htmldate, which prefers explicit markup
        # (meta tags, JSON-LD, <time>) over URL and free-text dates.
        published = DateValue(value=doc.date, evidence="html-metadata (htmldate via trafilatura)", confidence=0.8)
    return HtmlExtraction(
        text=doc.text or "",
        title=doc.title or None,
        site=doc.sitename or None,
        author=doc.author or None,
        published=published,
    )
