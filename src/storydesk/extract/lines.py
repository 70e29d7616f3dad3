"""Line features for cleaning flattened (plain-text) pages.

A flattened page has lost its markup: what is left is a sequence of lines.
No library cleans this form well (jusText and trafilatura expect HTML and
score 0.70-0.74 F1 on text dumps), so storydesk learns a line classifier.
The features here describe a line by itself (length, stop words, punctuation,
boilerplate vocabulary), by its place in the page (position, the page's
densest prose region) and by its ties to the page's main topic (shared content
words with the other prose lines and with the title) — the last group is what
separates an article from teasers of unrelated stories glued after it.
Nothing depends on one HTML-to-text renderer's layout: blank lines and
indentation are ignored, only the non-empty lines and their order are used.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["PageLines", "page_lines", "FEATURE_NAMES", "line_features"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
_END_PUNCT = re.compile(r"[.!?。！？…:;\"”’»)\]]\s*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…|\[\.\.\.\]|\[…\])\s*$")
_SENT_BREAK = re.compile(r"[.!?。！？][\"”’»)]?\s+[\"“‘«(]?[A-ZÀ-Ý0-9]")
_BULLET = re.compile(r"^\s*([-–—•·*▪►»>|]|\d+[.)]\s)")
_URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|(^|\s)@\w+|#\w+")
_DATEISH = re.compile(
    r"\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d{1,2}:\d{2}\s*([ap]\.?m\.?)?|"
    r"(minutes?|hours?|days?|weeks?|months?) ago)\b",
    re.IGNORECASE,
)
# Vocabulary of page furniture.  Deliberately short and multi-site: these words
# are features for the classifier, not rules that drop lines by themselves.
_JUNK = re.compile(
    r"\b(share|shares|shared|tweet|facebook|twitter|whatsapp|linkedin|pinterest|instagram|email|e-mail|print|"
    r"comments?|reply|replies|subscribe|subscription|subscribtion|newsletter|sign ?up|sign ?in|log ?in|login|register|"
    r"advertisement|advertising|sponsored|promoted|cookies?|privacy|terms|copyright|rights reserved|"
    r"related|popular|trending|recommended|recommendation|most read|read more|read now|see also|also read|"
    r"hot this week|more stories|you may also like|next|previous|menu|home|search|skip|navigation|"
    r"photo|photos|image|images|video|getty|shutterstock|credit|caption|"
    r"follow us|contact us|about us|tags?|topics?|category|categories|posted in|filed under|click here|"
    r"loading|load more|show more|view all|all rights|cancel reply|leave a reply|your name|your email|"
    r"please enter|required fields|notify me|ranking|archive|download|app store|google play)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(r"^(photo|image|picture|video|credit|source|file photo|foto)s?\b\s*[:/|-]", re.IGNORECASE)
_COMMENT_HEAD = re.compile(
    r"\b(comments?|responses?|replies|reply|discussion|kommentare?|comentários?|commenti|commentaires?|comentarios?)\b",
    re.IGNORECASE,
)
_SAYS = re.compile(r"^\S+(\s\S+){0,3}\s(says|said|wrote|writes)\s*:?$|^\S+(\s\S+){0,3}:$", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"^[‘'\"“]?[A-Z][A-Z0-9 ’'&-]{2,40}[’'\"”]?:\s")


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    """Stop-word lists per language, from jusText (which ships ~100 of them)."""
    import justext  # local import: only needed once, and heavy-ish

    langs = (
        "English German French Spanish Portuguese Italian Dutch Swedish Danish Norwegian_Bokmal "
        "Polish Czech Russian Ukrainian Turkish Indonesian Romanian Hungarian Finnish Greek Vietnamese"
    ).split()
    out: dict[str, frozenset[str]] = {}
    for lang in langs:
        try:
            out[lang] = frozenset(justext.get_stoplist(lang))
        except (ValueError, KeyError, OSError):  # pragma: no cover - list missing in some versions
            continue
    return out


def pick_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop-word list that covers most tokens of the page (its language)."""
    # The most frequent words decide: stop words are by nature among them.
    top = Counter(words).most_common(150)
    best: frozenset[str] = frozenset()
    best_cov = -1
    for stop in _stoplists().values():
        cov = sum(c for w, c in top if w in stop)
        if cov > best_cov:
            best, best_cov = stop, cov
    return best


@dataclass(slots=True)
class PageLines:
    """The non-empty lines of a flattened page and their start offsets."""

    lines: list[str]
    starts: list[int]
    words: list[list[str]]


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def page_lines(text: str) -> PageLines:
    lines: list[str] = []
    starts: list[int] = []
    words: list[list[str]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lines.append(stripped)
            starts.append(pos + (len(raw) - len(raw.lstrip())))
            words.append([w.lower() for w in _WORD.findall(stripped)])
        pos += len(raw)
    return PageLines(lines, starts, words)


FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "end_punct",
    "ellipsis_end",
    "stop_ratio",
    "punct_ratio",
    "digit_ratio",
    "title_case_ratio",
    "upper_ratio",
    "bullet",
    "pipes",
    "urlish",
    "sentences",
    "avg_word_len",
    "junk_words",
    "junk_density",
    "credit",
    "label_prefix",
    "dateish",
    "title_sim",
    "cohesion",
    "cohesion_rare",
    "repeats",
    "rel_pos",
    "rel_chars_before",
    "in_main",
    "dist_main",
    "main_share",
    "is_title",
    "prev1_words",
    "next1_words",
    "prev1_stop",
    "next1_stop",
    "prev1_end",
    "next1_end",
    "prev2_words",
    "next2_words",
    "win3_words",
    "win5_prose",
    "win5_cohesion",
    "prose_before",
    "prose_after",
    "page_lines",
    "len_rel",
    "words_rel",
    "lead_caps",
    "after_comments",
    "win_says",
)


def _content_words(words: list[str], stop: frozenset[str]) -> set[str]:
    return {w for w in words if len(w) > 2 and w not in stop and not w.isdigit()}


def _prefix(values: list[float]) -> list[float]:
    out = [0.0]
    for v in values:
        out.append(out[-1] + v)
    return out


def _max_segment(scores: list[float]) -> tuple[int, int]:
    """Kadane: the contiguous run of lines with the largest total score."""
    best, best_lo, best_hi = -math.inf, 0, -1
    cur, lo = 0.0, 0
    for i, s in enumerate(scores):
        if cur <= 0:
            cur, lo = s, i
        else:
            cur += s
        if cur > best:
            best, best_lo, best_hi = cur, lo, i
    return best_lo, best_hi


def line_features(page: PageLines, title: str | None) -> list[list[float]]:
    """One feature vector (in FEATURE_NAMES order) per non-empty line."""
    lines, words = page.lines, page.words
    n = len(lines)
    if n == 0:
        return []
    stop = pick_stoplist([w for ws in words for w in ws])
    cjk = [len(_CJK.findall(t)) for t in lines]
    # Word counts, counting CJK text (no spaces) at about two characters a word.
    nwords = [len(ws) + c // 2 if c else len(ws) for ws, c in zip(words, cjk)]
    stop_ratio = [sum(1 for w in ws if w in stop) / len(ws) if ws else 0.0 for ws in words]
    cjk_page = sum(cjk) > 0.3 * sum(len(t) for t in lines)
    if cjk_page:  # no stop-word list: sentence punctuation stands in for it
        stop_ratio = [0.3 if end else 0.1 for end in (bool(_END_PUNCT.search(t)) for t in lines)]
    end_punct = [1.0 if _END_PUNCT.search(t) else 0.0 for t in lines]
    content = [_content_words(ws, stop) for ws in words]
    prose = [nw >= 10 and sr >= 0.15 for nw, sr in zip(nwords, stop_ratio)]

    # Document frequency of content words over prose lines: how much a line
    # shares with the rest of the page's prose, i.e. with the main topic.
    df: Counter[str] = Counter()
    for c, p in zip(content, prose):
        if p:
            df.update(c)
    n_prose = sum(prose)
    title_words = _content_words([w.lower() for w in _WORD.findall(title or "")], stop)
    line_counts = Counter(lines)
    total_chars = sum(len(t) for t in lines) or 1
    sorted_len = sorted(len(t) for t in lines)
    long_len = max(sorted_len[int(0.95 * (n - 1))], 1)

    # The page's densest prose region (where the article most likely is).
    seg_scores = [
        (min(nw, 60) * (0.5 + sr) if p else -3.0 - 0.2 * min(nw, 20)) for nw, sr, p in zip(nwords, stop_ratio, prose)
    ]
    lo, hi = _max_segment(seg_scores)
    main_chars = sum(len(lines[i]) for i in range(lo, hi + 1)) if hi >= lo else 0

    cohesion: list[float] = []
    cohesion_rare: list[float] = []
    for c, p in zip(content, prose):
        if not c:
            cohesion.append(0.0)
            cohesion_rare.append(0.0)
            continue
        own = 1 if p else 0
        shared = [w for w in c if df[w] - own > 0]
        cohesion.append(len(shared) / len(c))
        # Words that occur in a minority of prose lines carry the topic.
        rare = sum(1 for w in shared if df[w] - own <= max(2, n_prose // 3))
        cohesion_rare.append(math.log1p(rare))

    # A headline glued to its teaser starts with a long run of capitalised words.
    lead_caps = []
    for t in lines:
        run = 0
        for tok in t.split()[:14]:
            if tok[:1].isupper() or tok[:1].isdigit() or tok.lower() in stop and run:
                run += 1
            else:
                break
        lead_caps.append(float(run))
    comment_at = next(
        (i for i, (t, nw) in enumerate(zip(lines, nwords)) if nw <= 8 and _COMMENT_HEAD.search(t) and i > n // 4), n
    )
    says = [1.0 if len(t) < 60 and _SAYS.match(t) else 0.0 for t in lines]

    cum_logw = _prefix([math.log1p(x) for x in nwords])
    cum_prose = _prefix([1.0 if x else 0.0 for x in prose])
    cum_coh = _prefix(cohesion)
    cum_says = _prefix(says)

    chars_before = 0
    prose_before_count = 0
    prose_total = n_prose
    feats: list[list[float]] = []
    for i, (text, ws) in enumerate(zip(lines, words)):
        nchar = len(text)
        nw = nwords[i]
        alnum = sum(map(str.isalnum, text))
        spaces = sum(map(str.isspace, text))
        punct = nchar - alnum - spaces
        digits = sum(map(str.isdigit, text))
        tokens = text.split()
        caps = sum(1 for t in tokens if t[:1].isupper())
        upper = sum(map(str.isupper, text))
        junk = len(_JUNK.findall(text))
        win = range(max(0, i - 3), min(n, i + 4))
        win5 = range(max(0, i - 5), min(n, i + 6))
        row = [
            math.log1p(nchar),
            math.log1p(nw),
            end_punct[i],
            1.0 if _ELLIPSIS.search(text) else 0.0,
            stop_ratio[i],
            punct / max(nchar, 1),
            digits / max(alnum, 1),
            caps / max(len(tokens), 1),
            upper / max(alnum, 1),
            1.0 if _BULLET.match(text) else 0.0,
            float(text.count("|")),
            1.0 if _URLISH.search(text) else 0.0,
            float(len(_SENT_BREAK.findall(text))),
            (sum(len(w) for w in ws) / nw) if nw else 0.0,
            float(junk),
            junk / max(nw, 1),
            1.0 if _CREDIT.match(text) else 0.0,
            1.0 if _LABEL_PREFIX.match(text) else 0.0,
            1.0 if _DATEISH.search(text) else 0.0,
            (len(content[i] & title_words) / len(content[i])) if content[i] and title_words else 0.0,
            cohesion[i],
            cohesion_rare[i],
            float(line_counts[text] - 1),
            i / n,
            chars_before / total_chars,
            1.0 if lo <= i <= hi else 0.0,
            float(0 if lo <= i <= hi else (lo - i if i < lo else i - hi)) / n,
            main_chars / total_chars,
            1.0 if title and text == title else 0.0,
            math.log1p(nwords[i - 1]) if i > 0 else -1.0,
            math.log1p(nwords[i + 1]) if i + 1 < n else -1.0,
            stop_ratio[i - 1] if i > 0 else -1.0,
            stop_ratio[i + 1] if i + 1 < n else -1.0,
            end_punct[i - 1] if i > 0 else -1.0,
            end_punct[i + 1] if i + 1 < n else -1.0,
            math.log1p(nwords[i - 2]) if i > 1 else -1.0,
            math.log1p(nwords[i + 2]) if i + 2 < n else -1.0,
            (cum_logw[win.stop] - cum_logw[win.start]) / len(win),
            (cum_prose[win5.stop] - cum_prose[win5.start]) / len(win5),
            (cum_coh[win5.stop] - cum_coh[win5.start]) / len(win5),
            prose_before_count / max(prose_total, 1),
            (prose_total - prose_before_count - (1 if prose[i] else 0)) / max(prose_total, 1),
            math.log1p(n),
            min(nchar / long_len, 2.0),
            nw / max(max(nwords), 1),
            lead_caps[i],
            1.0 if i > comment_at else 0.0,
            cum_says[win.stop] - cum_says[win.start],
        ]
        feats.append(row)
        chars_before += nchar
        if prose[i]:
            prose_before_count += 1
    return feats
