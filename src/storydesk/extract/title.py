"""Title of a flattened page.

Without markup the title has to be recognised from the lines: it sits near the
top, is short, has no closing full stop, often occurs twice (once as the
browser title ``Headline - Site``, once as the page's heading) and shares its
content words with the article's prose.  This is a scoring heuristic, not a
learned model: the benchmark data has no gold titles to learn from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .lines import PageLines, page_stats

__all__ = ["best_title", "guess_title", "heading_before", "split_site_suffix"]

_SITE_SEP = re.compile(r"\s+[|–—:-]{1,2}\s+|\s+::\s+")
_JUNKY = re.compile(r"\b(home|menu|search|subscribe|log ?in|sign ?in|skip to|navigation|cookie)\b", re.IGNORECASE)


def _fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def split_site_suffix(line: str) -> str:
    """``"Headline - Site Name"`` -> ``"Headline"`` (the longest part)."""
    parts = [p for p in _SITE_SEP.split(line) if p.strip()]
    return max(parts, key=len).strip() if parts else line.strip()


def _heading_shaped(line: str, words: list[str]) -> bool:
    """Three to thirty words, and no closing full stop on ten or more (a sentence, a caption)."""
    return 3 <= len(words) <= 30 and not (len(words) >= 10 and line.rstrip().endswith("."))


def guess_title(page: PageLines, limit: int = 50) -> str | None:
    """The page's title: a short line near the top whose words the page's prose uses, best one that repeats the
    first line (a browser title ``Headline - Site`` over the page's heading); None when no line looks like one."""
    return best_title(page, limit)[0]


def best_title(page: PageLines, limit: int = 50) -> tuple[str | None, bool]:
    """:func:`guess_title` and whether it is trusted: a browser title line (``Headline - Site``) or a line that repeats it."""
    lines, words = page.lines, page.words
    if not lines:
        return None, False
    stats = page_stats(page)
    stop, vocab = stats.stop, stats.vocab
    df, prose = stats.df.tolist(), stats.prose.tolist()  # plain lists: cheaper to index one by one
    first = split_site_suffix(lines[0]).lower()
    first_folded = _fold(lines[0].lower())
    best: tuple[float, str, bool] | None = None
    for i, line in enumerate(lines[:limit]):
        ws = words[i]
        if not _heading_shaped(line, ws):
            continue
        content = {w for w in ws if len(w) > 2 and w not in stop}
        if not content:
            continue
        floor = 1 if prose[i] else 0
        support = sum(1 for w in content if df[vocab[w]] > floor) / len(content)
        score = support - 0.01 * i
        candidate = split_site_suffix(line) if i == 0 else line
        low = candidate.lower()
        head = _fold(low)[:20]
        repeated = i > 0 and (low == first or (len(head) == 20 and head in first_folded))
        if repeated:
            score += 0.6
        # A first line of the shape "Headline - Site" is the browser's title line: trusted as it is.
        trusted = repeated or i == 0 and candidate != line.strip()
        if _JUNKY.search(line):
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, candidate, trusted)
    if best is None or best[0] < 0.25:
        return None, False
    return best[1], best[2]


# Most renderers (inscriptis, html2text, text-mode browsers, a browser's "copy
# all") leave out the page's <title>, so the first line is navigation and the
# headline sits above the article among bylines, dates, share buttons and
# captions, often hundreds of lines down.  Titles that match the page's <title>,
# of 84 development pages, before / with heading_before: Chromium innerText
# 22 / 51, inscriptis 20 / 50, html2text 20 / 51, w3m 15 / 48, lynx 21 / 53,
# elinks 7 / 42, links2 13 / 44; the dumps (which have the <title> line) 66 / 68.
# (Many of the rest are the page's visible headline where it differs from its
# <title>.)  Also tried: weighting the words of the body's first three or five
# lines more, a stricter full-stop rule, another distance cost: 339 -> 341-347
# titles right over those seven renderings, within what one page's layout moves.
HEADING_WINDOW = 25
HEADING_FLOOR = 0.3


def heading_before(page: PageLines, start: int, body: Iterable[int], window: int = HEADING_WINDOW) -> str | None:
    """The article's headline: of the heading-shaped lines in the ``window`` lines above the body's first line
    ``start``, the one whose content words the body (lines ``body``) uses most, the nearer the better."""
    content_ids = page_stats(page).content_ids
    used: set[int] = set()
    for i in body:
        used |= content_ids(i)
    best: tuple[float, str] | None = None
    for i in range(max(0, start - window), start):
        line, ws = page.lines[i], page.words[i]
        if not _heading_shaped(line, ws):
            continue
        own = content_ids(i)
        if len(own) < 2:
            continue
        score = len(own & used) / len(own) - 0.01 * (start - i)
        if _JUNKY.search(line):
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, line)
    return best[1] if best is not None and best[0] >= HEADING_FLOOR else None
