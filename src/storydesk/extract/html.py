"""Article extraction from HTML: trafilatura for the body, htmldate for the date.

trafilatura is the best open extractor on news pages; storydesk keeps its
body text.  Its full metadata pass (author, categories, tags, extensive date
search) costs more than the body extraction itself, so storydesk reads the
few fields it needs directly from the markup (Open Graph / meta / <title> /
<h1>) and asks htmldate for the original publication date from markup and URL
only: its extensive free-text search is what mistakes page-header dates for
publication dates.  Each field records where it came from.

The body is trafilatura's precision mode (``favor_precision``: stricter link-density
pruning of lists, headings and quotes, comment sections cut before the fallbacks),
then a last pass over its lines for what trafilatura still leaks on news pages
(see ``_drop_leaks``): the headline repeated in the body (storydesk keeps it as
the title), "Read more: <link>" teasers, runs of lines that are each the text of
one link (related-article lists), tag lines made only of links, and prompts to
follow the site or subscribe.
"""

from __future__ import annotations

import re
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


_WORDS = re.compile(r"\w+")
# Labels that introduce a link to another article inside the body ("Read more: <headline>").
_CROSS_LINK_LABELS = frozenset(
    {
        "read more",
        "see more",
        "read also",
        "also read",
        "read next",
        "see also",
        "also see",
        "more",
        "related",
        "related article",
        "related articles",
        "related story",
        "related stories",
        "recommended",
        "don t miss",
        "more on this",
        "further reading",
        "watch",
        "leggi anche",
        "lesen sie auch",
        "lire aussi",
        "leia também",
        "lea también",
        "ver también",
    }
)
_LABELLED = re.compile(r"^\W*([^:]{1,40}?)\s*:\s*(.+)$")
_URL_OR_EMAIL = re.compile(r"^\W*(?:https?://|www\.)\S+$|^\S+@\S+$")
_TAG_SEPARATORS = re.compile(r"[,|\u00b7\u2022]")
# A sentence that asks the reader to follow, subscribe or install: "Follow us on Twitter",
# "Click here to subscribe to our newsletter", "Get the ... app".
_PROMPT = re.compile(
    r"(?:^|[.!?]\s+)(?:follow|subscribe|sign up|like us|click here|download|get the)\b[^.!?]*"
    r"\b(?:twitter|facebook|instagram|youtube|linkedin|newsletter|podcast|app)\b",
    re.IGNORECASE,
)
_PROMPT_MAX_WORDS = 40
# trafilatura's own MIN_EXTRACTED_SIZE: below it, its default mode tries harder (baseline rescue).
_SHORT_BODY = 250


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


def _drop_leaks(text: str, tree: object, titles: set[str]) -> str:
    """Drop the lines of trafilatura's body that are the headline or links to other pages.

    Hand-written because trafilatura has no option for these and its link-density tests
    see one element at a time: a related-article list whose items are each one link,
    or a "Read more:" paragraph that is one label and one link, passes them.  A line is
    judged against the page's own anchors (the full text of an ``<a>`` element), so
    nothing here depends on a site's markup:

    - a line that is the page's headline (og:/twitter: title, ``<title>`` or the first
      ``<h1>``): storydesk reports it as the title, and the body should not repeat it;
    - "Label: <anchor text>" with a cross-link label ("Read more", "Related", ...);
    - two or more consecutive lines that are each a whole anchor of four words or more
      (headline-like: bare URLs and e-mail addresses are kept, they are often cited sources);
    - a line of three or more separated items that are each a whole anchor (a tag list);
    - a short line (up to 40 words) with a sentence asking the reader to follow the site
      on a social network or subscribe to its newsletter, app or channel.
    """
    anchors = {_norm(a.text_content()) for a in tree.iter("a")}  # type: ignore[attr-defined]
    anchors.discard("")
    lines = text.split("\n")
    normed = [_norm(line) for line in lines]
    drop = [words in titles for words in normed]

    for i, line in enumerate(lines):
        labelled = _LABELLED.match(line)
        if labelled and _norm(labelled.group(1)) in _CROSS_LINK_LABELS and _norm(labelled.group(2)) in anchors:
            drop[i] = True
        items = [w for w in map(_norm, _TAG_SEPARATORS.split(line)) if w]
        if len(items) >= 3 and all(w in anchors for w in items):
            drop[i] = True
        if _PROMPT.search(line) and len(line.split()) <= _PROMPT_MAX_WORDS:
            drop[i] = True
    # Runs of headline-like whole-link lines: related-article lists.
    start = None
    for i, (line, words) in enumerate(zip([*lines, ""], [*normed, ""])):
        if words in anchors and words.count(" ") >= 3 and not _URL_OR_EMAIL.match(line.strip()):
            start = i if start is None else start
            continue
        if start is not None and i - start >= 2:
            drop[start:i] = [True] * (i - start)
        start = None
    if not any(drop):
        return text
    return "\n".join(line for line, dropped in zip(lines, drop) if not dropped)


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    import htmldate
    import trafilatura
    from lxml import html as lxml_html

    options = {"with_metadata": False, "include_comments": False, "include_tables": True, "deduplicate": False}
    doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, **options)
    text = (doc.text or "") if doc is not None else ""
    if len(text) < _SHORT_BODY:
        # Precision mode skips trafilatura's rescue of short or empty results (its baseline
        # over the whole page), so a page it cuts to (almost) nothing gets the default mode's
        # body instead when that has more words.
        fallback = trafilatura.bare_extraction(html, url=url, **options)
        other = (fallback.text or "") if fallback is not None else ""
        if len(_WORDS.findall(other)) > len(_WORDS.findall(text)):
            text = other
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
    titles = {
        _norm(str(t))
        for t in tree.xpath(
            "//meta[@property='og:title']/@content|//meta[@name='twitter:title']/@content|//title/text()"
        )
    }
    h1 = next(tree.iter("h1"), None)
    if h1 is not None:
        titles.add(_norm(h1.text_content()))
    titles.discard("")
    text = _drop_leaks(text, tree, titles)
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
