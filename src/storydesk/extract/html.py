"""Article extraction from HTML: trafilatura for the body, htmldate for the date.

trafilatura is the best open extractor on news pages; storydesk keeps its
body text.  Its full metadata pass (author, categories, tags, extensive date
search) costs more than the body extraction itself, so storydesk reads the
few fields it needs directly from the markup (Open Graph / meta / <title> /
<h1>) and asks htmldate for the original publication date from markup and URL
only: its extensive free-text search is what mistakes page-header dates for
publication dates.  Each field records where it came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..records import DateValue

__all__ = ["HtmlExtraction", "extract_html"]


@dataclass(slots=True)
class HtmlExtraction:
    text: str
    title: str | None
    site: str | None
    author: str | None
    published: DateValue | None


@lru_cache(maxsize=1)
def _utf8_parser() -> object:
    from lxml import html as lxml_html

    return lxml_html.HTMLParser(encoding="utf-8")


def _first(tree: object, *xpaths: str) -> str | None:
    for xp in xpaths:
        for value in tree.xpath(xp):  # type: ignore[attr-defined]
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=False, include_comments=False, include_tables=True, deduplicate=False
    )
    text = (doc.text or "") if doc is not None else ""
    try:
        # The page is already decoded: hand lxml UTF-8 bytes and say so, so that
        # a stale <meta charset> in the markup cannot garble the metadata.
        tree = lxml_html.fromstring(html.encode("utf-8", "replace"), parser=_utf8_parser())
    except Exception:  # noqa: BLE001 - unparsable markup: keep the body, skip metadata
        return HtmlExtraction(text, None, None, None, None)
    title = _first(
        tree,
        "//meta[@property='og:title']/@content",
        "//meta[@name='twitter:title']/@content",
        "//h1//text()",
        "//title/text()",
    )
    site = _first(tree, "//meta[@property='og:site_name']/@content", "//meta[@name='application-name']/@content")
    author = _first(tree, "//meta[@name='author']/@content", "//meta[@property='article:author']/@content")
    published = None
    try:
        date = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a date is optional; hostile markup must not stop the page
        date = None
    if date:
        published = DateValue(value=date, evidence="html markup or URL (htmldate, original date)", confidence=0.8)
    return HtmlExtraction(text=text, title=title, site=site, author=author, published=published)
