"""Title of a flattened page.

Without markup the title has to be recognised from the lines: it sits near the
top, is short, has no closing full stop, often occurs twice (once as the
browser title ``Headline - Site``, once as the page's heading) and shares its
content words with the article's prose.  This is a scoring heuristic, not a
learned model: the benchmark data has no gold titles to learn from.
"""

from __future__ import annotations

import re

from .lines import PageLines, page_stats

__all__ = ["guess_title", "split_site_suffix"]

_SITE_SEP = re.compile(r"\s+[|–—:-]{1,2}\s+|\s+::\s+")
_JUNKY = re.compile(r"\b(home|menu|search|subscribe|log ?in|sign ?in|skip to|navigation|cookie)\b", re.IGNORECASE)


def _fold(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def split_site_suffix(line: str) -> str:
    """``"Headline - Site Name"`` -> ``"Headline"`` (the longest part)."""
    parts = [p for p in _SITE_SEP.split(line) if p.strip()]
    return max(parts, key=len).strip() if parts else line.strip()


def guess_title(page: PageLines, limit: int = 50) -> str | None:
    lines, words = page.lines, page.words
    if not lines:
        return None
    stats = page_stats(page)
    stop, vocab = stats.stop, stats.vocab
    df, prose = stats.df.tolist(), stats.prose.tolist()  # plain lists: cheaper to index one by one
    first = split_site_suffix(lines[0]).lower()
    first_folded = _fold(lines[0].lower())
    best: tuple[float, str] | None = None
    for i, line in enumerate(lines[:limit]):
        ws = words[i]
        if not 3 <= len(ws) <= 30 or len(ws) >= 10 and line.rstrip().endswith("."):
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
        if i > 0 and (low == first or (len(head) == 20 and head in first_folded)):
            score += 0.6
        if _JUNKY.search(line):
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, candidate)
    if best is None or best[0] < 0.25:
        return None
    return best[1]
