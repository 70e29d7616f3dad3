"""Copies, rewrites and the original source.

News is republished everywhere, and counting copies as corroboration is the
classic error of aggregators.  This stage finds, among the clean articles:

- **exact** copies: the same normalised body;
- **near** copies: the same text with small edits, other boilerplate, reordered
  paragraphs (high resemblance of their word 5-gram sets);
- **excerpts**: one body inside another (truncations, excerpts, copies with
  extra paragraphs): high *containment* of the smaller 5-gram set;
- **rewrites**: the same source text retold in changed words (paraphrased
  sentences, headings and filler added).  Names and numbers survive spinning,
  sentence order mostly too: a rewrite is recognised by aligning its
  sentences with the source's (content-word stems shared per sentence pair),
  which independent reports of the same event, sharing facts and names but
  not sentences, do not pass.

Candidate retrieval never compares all pairs.  For 5-grams, each document
keeps the 5-grams whose hash falls in a fixed 1/8 of the hash space
(content-defined sampling, so an excerpt's sample is a subset of its
original's); an inverted index over the samples yields the pairs that share
several.  For rewrites, an inverted index over each document's names and
numbers (capitalised words and digits, which paraphrase keeps) yields the
pairs that share many; only those are aligned.  Posting lists longer than a cap
(phrases every page has) are ignored, which keeps the cost per article flat.

Provenance: in each group of copies the likely original is the member with the
earliest reliable publication date; without dates, the one that looks like the
source (it contains the others, carries attributions such as "KCNA said" or a
wire credit, direct quotes rather than reported speech, no filler headings).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ..records import Article
from ..temporal.published import iso_day
from ._text import STOP_WORDS
from ._unionfind import UnionFind

__all__ = ["CopyOptions", "CopyLink", "CopyGroup", "find_copies", "align_sentences"]

_WORD = re.compile(r"\w+")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_NAMEISH = re.compile(r"\b(?:[A-Z][\w’'-]{2,}|\d[\d,.]*\d|\d)")
_ATTRIBUTION = re.compile(
    r"\b(said|says|told|according to|reported|stated)\b|\((?:AP|AFP|Reuters|dpa|Xinhua|Yonhap|KCNA)\)|"
    r"\b(AFP|Reuters|Associated Press|KCNA|Xinhua|Yonhap|TASS|news agency)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_FILLER = re.compile(
    r"\b(in this article|we will (delve|explore|discuss|look)|let'?s (dive|take a look)|in conclusion|"
    r"remains? to be seen|it is worth noting|significant implications)\b",
    re.IGNORECASE,
)
_STOP = STOP_WORDS


@dataclass(frozen=True, slots=True)
class CopyOptions:
    sample_mod: int = 8
    """Keep the 5-grams whose hash is 0 modulo this (content-defined 1/8 sample)."""
    max_postings: int = 60
    """Ignore index keys shared by more documents than this (boilerplate, common names)."""
    near_resemblance: float = 0.6
    """Jaccard of sampled 5-gram sets at or above which two bodies are near copies."""
    excerpt_containment: float = 0.7
    """Share of the smaller body's sampled 5-grams found in the larger one for an excerpt."""
    min_shared_samples: int = 3
    rewrite_min_names: int = 6
    """Names/numbers two documents must share to be aligned as a possible rewrite."""
    rewrite_candidates: int = 8
    """At most this many rewrite candidates per document (most shared names first)."""
    rewrite_stem_overlap: float = 0.12
    """Cheap gate before alignment: Jaccard of the two documents' content-word stems."""
    rewrite_aligned: float = 0.45
    """Share of the shorter document's sentences that must align, in order, for a rewrite."""
    rewrite_aligned_back: float = 0.15
    """Share of the longer document's sentences that must align back (filler and headings dilute it)."""
    rewrite_min_sentences: int = 5
    sentence_similarity: float = 0.4
    """Overlap (shared stems / stems of the smaller sentence) for two sentences to align."""


@dataclass(slots=True)
class CopyLink:
    original: str
    copy: str
    kind: str
    """``exact``, ``near``, ``excerpt`` or ``rewrite``."""
    score: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    """Aligned passages: ``{"original": [start, end], "copy": [start, end], "similarity"}``."""


@dataclass(slots=True)
class CopyGroup:
    id: str
    members: list[str]
    original: str
    kinds: dict[str, str]
    """Per member: ``original`` or how it derives from the original."""
    links: list[CopyLink]
    reason: str
    """Why ``original`` was chosen."""


# --- document features -----------------------------------------------------


@dataclass(slots=True)
class _Doc:
    samples: set[int]
    names: set[str]


_P = np.uint64(1_000_003)


def _sampled_shingles(words: list[str], mod: int, k: int = 5) -> set[int]:
    """Hashes of the word k-grams that fall in 1/mod of the hash space."""
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    # crc32, not hash(): str hashes are salted per process, and results must be reproducible.
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    acc = np.zeros(len(words) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _P + h[j : len(words) - k + 1 + j]
        acc ^= acc >> np.uint64(29)
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(32)
    picked = acc[acc % np.uint64(mod) == 0]
    return set(picked.tolist())


def _doc(article: Article, options: CopyOptions) -> _Doc:
    text = article.text
    words = _WORD.findall(text.casefold())
    names = {m.group().casefold().replace(",", "") for m in _NAMEISH.finditer(text)}
    return _Doc(_sampled_shingles(words, options.sample_mod), names)


def _index(keys: Iterable[tuple[int, Iterable[Any]]], cap: int) -> dict[Any, list[int]]:
    postings: dict[Any, list[int]] = defaultdict(list)
    for doc, ks in keys:
        for key in ks:
            postings[key].append(doc)
    return {k: v for k, v in postings.items() if 1 < len(v) <= cap}


def _shared_keys(
    postings: dict[Any, list[int]], keys_of: Callable[[int], Iterable[Any]], docs: Iterable[int], minimum: int
) -> Iterator[tuple[int, int, int]]:
    """(a, b, shared keys) for each pair a < b that shares at least ``minimum`` index keys.

    Counted one document at a time, so memory holds one document's neighbours,
    never all pairs of the corpus.
    """
    for a in docs:
        local: Counter[int] = Counter()
        for key in keys_of(a):
            for b in postings.get(key, ()):
                if b > a:
                    local[b] += 1
        for b, shared in local.items():
            if shared >= minimum:
                yield a, b, shared


# --- sentence alignment --------------------------------------------------------


def _stems(text: str) -> set[str]:
    """Content-word stems (first five letters: crude, but robust to inflection and cheap)."""
    return {w[:5] for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2}


def _sentences(text: str) -> list[tuple[int, int, set[str]]]:
    out = []
    for m in _SENTENCE.finditer(text):
        stems = _stems(m.group())
        if len(stems) >= 4:  # headings and fragments do not count
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((start, m.end(), stems))
    return out


def align_sentences(
    a: str, b: str, threshold: float = 0.35, topic_share: float = 0.15
) -> tuple[float, list[dict[str, Any]]]:
    """Align the sentences of ``a`` (the copy, usually the shorter) with those of ``b`` in order.

    Two sentences align when they share at least two content-word stems and
    the shared stems make up ``threshold`` of the smaller sentence's stems;
    stems found in more than ``topic_share`` of all the pair's sentences (the
    names every report of the event repeats) are left out first, so that
    alignment means shared sentences, not a shared topic.  Only an
    order-preserving set of aligned pairs counts (a rewrite follows its
    source; independent reports do not).  Returns the share of ``a``'s
    sentences aligned and the aligned pairs with character spans.
    """
    sa, sb = _sentences(a), _sentences(b)
    if not sa or not sb:
        return 0.0, []
    df = Counter(w for _, _, st in sa for w in st) + Counter(w for _, _, st in sb for w in st)
    cut = max(3.0, topic_share * (len(sa) + len(sb)))  # a stem in one aligned pair occurs twice
    topic = {w for w, c in df.items() if c > cut}
    sb_sets = [st - topic for _, _, st in sb]
    matches: list[tuple[int, int, float]] = []  # (i in a, j in b, similarity)
    for i, (_, _, st) in enumerate(sa):
        st = st - topic
        best, best_j = 0.0, -1
        for j, other in enumerate(sb_sets):
            shared = len(st & other)
            if shared < 2:
                continue
            sim = shared / min(len(st), len(other))
            if sim > best:
                best, best_j = sim, j
        if best >= threshold:
            matches.append((i, best_j, best))
    kept = _increasing(matches)
    pairs = [
        {"original": [sb[j][0], sb[j][1]], "copy": [sa[i][0], sa[i][1]], "similarity": round(sim, 3)}
        for i, j, sim in kept
    ]
    return len(kept) / len(sa), pairs


def _increasing(matches: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest subsequence of matches whose positions in ``b`` increase (patience sorting)."""
    import bisect

    tails: list[int] = []  # smallest ending j of an increasing run of each length
    tail_idx: list[int] = []
    prev = [-1] * len(matches)
    for k, (_, j, _) in enumerate(matches):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    out = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(matches[k])
        k = prev[k]
    return out[::-1]


# --- provenance ------------------------------------------------------------------


def _source_score(article: Article) -> float:
    """How much an article reads like a source rather than a derivative."""
    text = article.text
    n = max(len(_sentences(text)), 1)
    lines = [line for line in text.split("\n") if line.strip()]
    headings = sum(1 for line in lines if len(line.split()) <= 12 and not line.rstrip().endswith((".", "”", '"')))
    return (
        len(_ATTRIBUTION.findall(text)) / n
        + len(_QUOTE.findall(text)) / n
        - len(_FILLER.findall(text)) / n
        - headings / max(len(lines), 1)
    )


def _choose_original(members: list[Article], centrality: dict[str, float]) -> tuple[Article, str]:
    dated = [(d, a) for a in members if a.published and a.published.confidence >= 0.5 and (d := iso_day(a.published.value))]
    if dated:
        first: tuple[date, Article] = min(dated, key=lambda x: x[0])
        if sum(1 for d, _ in dated if d == first[0]) == 1:
            return first[1], f"earliest publication date ({first[0].isoformat()})"
    # Every copy was made from the original, not from each other: the original
    # is the member most strongly linked to all the others.
    best = max(members, key=lambda a: (round(centrality.get(a.id, 0.0), 2), _source_score(a)))
    runner_up = max((centrality.get(a.id, 0.0) for a in members if a is not best), default=0.0)
    if centrality.get(best.id, 0.0) - runner_up >= 0.05:
        return best, "closest to all the other copies"
    return best, "reads most like the source (attributions, direct quotes, no filler)"


# --- the stage ---------------------------------------------------------------------


def find_copies(articles: Sequence[Article], options: CopyOptions | None = None) -> list[CopyGroup]:
    """Group articles that are copies of one another; each group names its likely original."""
    options = options or CopyOptions()
    n = len(articles)
    docs = [_doc(a, options) for a in articles]
    links: list[tuple[int, int, str, float]] = []  # (larger/other, smaller/copy, kind, score)

    # 1. exact copies
    by_hash: dict[str, int] = {}
    exact_of: dict[int, int] = {}
    for i, a in enumerate(articles):
        h = a.text_hash
        if h in by_hash:
            exact_of[i] = by_hash[h]
            links.append((by_hash[h], i, "exact", 1.0))
        else:
            by_hash[h] = i
    reps = [i for i in range(n) if i not in exact_of]

    # 2. near copies and excerpts: shared sampled 5-grams
    linked: set[tuple[int, int]] = set()
    postings = _index(((i, docs[i].samples) for i in reps), options.max_postings)
    for a, b, _ in _shared_keys(postings, lambda i: docs[i].samples, reps, options.min_shared_samples):
        sa, sb = docs[a].samples, docs[b].samples
        inter = len(sa & sb)
        small, large = (a, b) if len(sa) <= len(sb) else (b, a)
        containment = inter / max(min(len(sa), len(sb)), 1)
        resemblance = inter / max(len(sa | sb), 1)
        if resemblance >= options.near_resemblance:
            links.append((large, small, "near", resemblance))
        elif containment >= options.excerpt_containment:
            links.append((large, small, "excerpt", containment))
        else:
            continue
        linked.add((min(a, b), max(a, b)))

    # 3. rewrites: shared names and numbers, then sentence alignment
    postings = _index(((i, docs[i].names) for i in reps), options.max_postings)
    per_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a, b, shared in _shared_keys(postings, lambda i: docs[i].names, reps, options.rewrite_min_names):
        if (a, b) not in linked:
            per_doc[a].append((shared, b))
            per_doc[b].append((shared, a))
    checked: set[tuple[int, int]] = set()
    stems: dict[int, set[str]] = {}
    for a, cands in per_doc.items():
        for _, b in sorted(cands, reverse=True)[: options.rewrite_candidates]:
            key = (min(a, b), max(a, b))
            if key in checked:
                continue
            checked.add(key)
            sa = stems.setdefault(a, _stems(articles[a].text))
            sb = stems.setdefault(b, _stems(articles[b].text))
            if len(sa & sb) / max(len(sa | sb), 1) < options.rewrite_stem_overlap:
                continue
            short, long_ = (a, b) if len(articles[a].text) <= len(articles[b].text) else (b, a)
            share, pairs = align_sentences(articles[short].text, articles[long_].text, options.sentence_similarity)
            if share < options.rewrite_aligned or len(pairs) < options.rewrite_min_sentences:
                continue
            back, _ = align_sentences(articles[long_].text, articles[short].text, options.sentence_similarity)
            if back >= options.rewrite_aligned_back:
                links.append((long_, short, "rewrite", share))

    # 4. groups and provenance
    uf = UnionFind(n)
    for x, y, _, _ in links:
        uf.union(x, y)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members_of[uf.find(i)].append(i)
    groups: list[CopyGroup] = []
    for root in sorted(r for r, m in members_of.items() if len(m) > 1):
        idx = members_of[root]
        group_links = [lk for lk in links if uf.find(lk[0]) == root]
        centrality: Counter[str] = Counter()
        for x, y, _, score in group_links:
            centrality[articles[x].id] += score
            centrality[articles[y].id] += score
        original, reason = _choose_original([articles[i] for i in idx], centrality)
        kinds = {articles[i].id: _kind_to(original.id, articles[i].id, group_links, articles) for i in idx}
        kinds[original.id] = "original"
        out_links = []
        for x, y, kind, score in group_links:
            ox, oy = (x, y) if articles[y].id != original.id else (y, x)
            out_links.append(CopyLink(articles[ox].id, articles[oy].id, kind, round(score, 3)))
        groups.append(
            CopyGroup(f"c{len(groups) + 1}", [articles[i].id for i in idx], original.id, kinds, out_links, reason)
        )
    return groups


def _kind_to(original: str, member: str, links: list[tuple[int, int, str, float]], articles: Sequence[Article]) -> str:
    """How a member derives from the original: its direct link's kind, else the weakest on the way."""
    rank = {"exact": 0, "near": 1, "excerpt": 2, "rewrite": 3}
    direct = [k for x, y, k, _ in links if {articles[x].id, articles[y].id} == {original, member}]
    if direct:
        return min(direct, key=rank.__getitem__)
    touching = [k for x, y, k, _ in links if member in (articles[x].id, articles[y].id)]
    return max(touching, key=rank.__getitem__) if touching else "near"


def link_evidence(original: Article, copy: Article) -> list[dict[str, Any]]:
    """Aligned passages of a copy and its original, with character spans in each text."""
    return align_sentences(copy.text, original.text)[1]
