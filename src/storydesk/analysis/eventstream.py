"""Online event clustering: which articles report the same event, as they arrive.

Articles arrive as a stream (:class:`EventStream`); each joins an event or
opens one as it arrives, and nothing is re-clustered globally.  This is the
online counterpart of :mod:`storydesk.analysis.events` (batch), with its own
pair model (``eventstream.lgb.txt``); the analysis calls this one.  ECB+
5-fold CV by topic, seven stream orders: B-cubed F1 0.962 +- 0.002 at the
default threshold (0.911 for the batch version).  On streams whose events
are cut down, where an article's best match is often another event's (one
event of each topic cut to a single article; or every event cut to 1-4
articles and each topic streamed alone, a handful of pages), B-cubed F1 is
0.975 and 0.946, and a single-article event wrongly joins another in 24% and
19% of cases (32% and 41% before the participant features and the cut-down
training streams below); see ``benchmarks/events.py``.

Pair model.  A small LightGBM model gives the probability that two articles
report the same event from pair features: TF-IDF cosine of the text, of its
word bigrams, of its lead and of its names; the share of each other's main
names; shared numbers; whether the years they mention conflict; how far apart
they were published.  Those features are what separates two instances of the
same kind of event (two celebrities entering rehab in different years share
the vocabulary but not the names, numbers and dates).  Relative features put
each cosine against the best the article has had: against the best among the
new article's candidates (text, lead, bigrams, names, title), and against the
best either article of the pair has had with any article scored with it so
far (text, lead).  Two reports of one event are usually each other's best
matches; two instances of one kind of event share as much vocabulary in
absolute terms but less than each shares with its own event's reports (ECB+
CV 0.921 -> 0.954; e.g. the deaths of two Watergate figures no longer merge).
Names are capitalised sequences with possessives split and leading function
words dropped ("Chargers' Jackson" is "chargers" and "jackson").  IDF is the
stream's so far, and the model is trained on pairs scored the same way (a
simulated stream), so its probabilities mean the same early and late in a
stream.

Participants.  Relative features say little about the first report of a new
event: its best match so far is another event's, often the only candidate
(in a whole ECB+ stream nearly every article has several reports of its own
event, so "my best match is my event" is almost always true in training).
Two events that share their main actor (two offers to one free agent, two
announcements about one summit) differ in the other participants: a name one
report mentions many times is entirely absent from the other.  So for each
article the words of its most mentioned names (``_MAIN_WORDS``, calendar
words and titles left out) are looked up in the other article's words; the
features are the mention count of the most mentioned missing one (the larger
and the smaller of the two directions), and that count and the count of all
missing ones scaled to the other article's length (how often the other would
mention them were its names distributed alike).  The model is trained on the
whole stream and on streams whose events are cut down (kept whole or cut to
1-3 articles, six random draws), and held monotone in the features whose
direction is known (more shared never lowers the probability, more missing
never raises it).  ECB+ CV 0.954 -> 0.962; single articles wrongly joined
32% -> 24% (mixed stream) and 41% -> 19% (topic alone).  On the seed pages
the June 2024 announcement (000: Seoul's office in Astana says Putin's visit
to North Korea is imminent; Kim Jong Un is never named) and the September
2023 summit reports (001-004) are two events: the summit reports score 0.87-
0.99 with each other, 000 0.11-0.41 with them, 0.28 on average (threshold
0.3), so the margin is thin (with the extra participant features listed
below, which ECB+ CV cannot tell apart from these, 000 still joins); streamed after the 559 ECB+ articles, whose IDF
makes the shared Putin / North Korea vocabulary weigh more, 000 scores
0.66-0.74 with them and joins them.  What did not help (ECB+ CV): a
background document-frequency prior from other development news (PolNeAR,
TimeBank, ScrapingHub; 0.958 -> 0.947, more wrong joins: its IDF weighs a
topic's shared vocabulary up, where the stream's own IDF weighs it down);
short single-topic training streams (0.951); training streams with the date
and year features blanked (0.950); the names' words counted as a share of
the article's names, the articles' name counts and how many articles each
was scored with (CV 0.962, wrong joins 24% and 17%: no better), coverage of
the top 32 name words (0.954), name words from title-case lines left out
(0.953).

Candidates.  A new article is scored only against earlier articles that share
one of its distinctive terms or main names (an inverted index whose posting
lists keep the most recent ``max_postings`` articles: a fixed-width ring per
key, all in one array, searched with one gather and a bincount); the
``max_candidates`` sharing the most IDF weight are scored.

Decision: incremental average link.  The scored pairs are kept (a sparse
graph).  The events the new article links to are re-clustered locally with
average link over that graph (unscored pairs count as probability 0; events
too large for ``local_size`` stay whole): the new article joins the event
whose members it matches best on average, or opens one below ``threshold``;
two events the new evidence shows to be one are merged (recorded in
:attr:`EventStream.merges`); an article may also move to a neighbouring event
it now fits better.  Event numbers are stable: an event keeps its number in
the cluster holding most of its members.  Only a window of the most recent
``window`` articles stays comparable, so memory is flat too.  Fed ECB+ in
random orders this matches batch average link on the same model.  As
unscored pairs count 0, an event's live part cannot grow much beyond
``max_candidates / threshold`` (~133) articles: a new report is scored against
at most 40 of them (a longer story goes on in a new event of the same story).

Cost.  Every step is bounded whatever the size of the store: the candidate
search (``keys_per_article`` x ``max_postings`` postings), the pair features
(all eight kinds of terms of the ~40 candidates in one sorted search, a
profile being one array of kind-tagged term hashes), the pair model
(compiled by lleaves, the same probabilities bit for bit; see
:mod:`storydesk.compiled`), the local average link (at most ``local_size``
articles one by one; a whole event's links are read from the single
articles' side through their event numbers, and an event kept whole keeps
its member set when others join it, so nothing is done in its size), and the
window.  ``benchmarks/events.py --scale`` (synthetic news-length articles, one
core): 1.7 ms an article over the first thousand articles of ten thousand
and 2.1 over the last, 2.4 over the last of 100k with the window full (2.2,
3.0 and 3.4 before these changes, same outcomes bit for bit).  What still
rises is bounded and comes from that corpus, whose invented topics are spread
over the whole stream: the candidate rings fill up and the touched events
grow denser (the scored pairs among the ~24 articles re-clustered at each
arrival rise from ~130-165 to ~150-265) until the window is full; evictions
then add 0.08 ms an article.

Copies (see :mod:`storydesk.analysis.copies`) are not clustered themselves: a
copy joins its original's event, so a wire story copied a hundred times
weighs as one report.
"""

from __future__ import annotations

import heapq
import math
import random
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..compiled import compiled_predictor
from ..records import Article, DateValue
from ..temporal.published import iso_day
from ._text import STOP_WORDS
from .entities import _DAYS, _MONTHS, _TITLES
from .events import Event

__all__ = ["StreamOptions", "EventStream", "Merge", "cluster_stream", "train_stream_model", "PAIR_FEATURES"]

_WORD = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)(?:\s+|$)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_STOP = STOP_WORDS | {"say", "told", "new", "one", "two", "year", "years"}

PAIR_FEATURES = (
    "cos_words", "cos_bigrams", "cos_lead", "cos_names", "top_names", "names_jaccard", "numbers_jaccard",
    "year_conflict", "year_share", "days_apart", "dated", "cos_title", "shared_idf", "shared_name_idf", "shared_bigram_idf",
    "rel_words", "rel_lead", "rel_bigrams", "rel_names", "rel_title", "relb_words", "relb_lead",
    "absent_max", "absent_min", "expected_max", "expected_min", "expected_sum_max", "expected_sum_min",
)
# How the same-event probability may move as a feature grows (LightGBM monotone constraints; 0: either way):
# more shared is never less likely the same event, more of a main participant missing never more likely.
_MONOTONE = {
    **{f: 1 for f in PAIR_FEATURES if f.startswith(("cos_", "rel_", "relb_", "shared_"))},
    "top_names": 1, "names_jaccard": 1, "numbers_jaccard": 1, "year_share": 1, "year_conflict": -1,
    **{f: -1 for f in PAIR_FEATURES if f.startswith(("absent_", "expected_"))},
}
_DF_BITS = 22  # document frequencies in a fixed table of 4M counters (16 MB): flat memory on any stream
_MASK = (1 << _DF_BITS) - 1
# crc32 start values: words, bigrams and names are separate vocabularies
_NS_WORD, _NS_BIGRAM, _NS_NAME, _NS_NUMBER = 0, 0x9E3779B9, 0x85EBCA6B, 0xC2B2AE35
_NAME_KEY = 0x5BD1E995 << 32  # name keys apart from word keys in the candidate index
_NOT_NAME_WORDS = _STOP | _MONTHS | _DAYS | _TITLES
_MAIN_WORDS = 8  # words of an article's most mentioned names, looked for in the other article


@dataclass(frozen=True, slots=True)
class StreamOptions:
    threshold: float = 0.3
    """Same-event probability (average link) at or above which events join; chosen by CV on ECB+."""
    keys_per_article: int = 30
    """Distinctive terms per article in the candidate index (plus its five main names)."""
    max_postings: int = 100
    """Each index key remembers its most recent articles only."""
    max_candidates: int = 40
    """Earlier articles scored against a new one (those sharing the most IDF weight of index keys)."""
    local_size: int = 40
    """Articles re-clustered one by one at each arrival; events beyond that stay whole."""
    local_events: int = 8
    """Events re-clustered at each arrival: those the new article links to most strongly on average."""
    window: int = 20_000
    """Articles that stay comparable (older ones keep their event but are no longer candidates)."""
    model: str | None = None
    """Path of another pair model (LightGBM text format); default: the packaged one."""


@dataclass(frozen=True, slots=True)
class Merge:
    """Two events found to be one when ``article`` arrived; ``absorbed`` now belongs to ``kept``."""

    kept: int
    absorbed: int
    article: str
    members: tuple[str, ...] = ()
    """The absorbed event's articles at the time."""


def _ids(terms: Counter[str], ns: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted term hashes and their log term frequencies."""
    if not terms:
        return np.zeros(0, np.uint32), np.zeros(0, np.float32)
    h: dict[int, float] = {}
    for t, c in terms.items():
        k = zlib.crc32(t.encode(), ns)
        h[k] = h.get(k, 0.0) + 1.0 + math.log(c)
    ids = np.fromiter(h.keys(), np.uint32, len(h))
    ltf = np.fromiter(h.values(), np.float32, len(h))
    order = np.argsort(ids)
    return ids[order], ltf[order]


_WORD_HASH: dict[str, int] = {}  # crc32 of words seen (cleared when it grows past 200k words: flat memory)


def _word_hashes(tokens: list[str]) -> np.ndarray:
    cache = _WORD_HASH
    try:
        return np.fromiter(map(cache.__getitem__, tokens), np.uint32, len(tokens))
    except KeyError:
        if len(cache) > 200_000:
            cache.clear()
        for t in set(tokens).difference(cache):
            cache[t] = zlib.crc32(t.encode(), _NS_WORD)
        return np.fromiter(map(cache.__getitem__, tokens), np.uint32, len(tokens))


def _counted(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct hashes and their log term frequencies."""
    if not len(hashes):
        return np.zeros(0, np.uint32), np.zeros(0, np.float32)
    ids, counts = np.unique(hashes, return_counts=True)
    return ids, (1.0 + np.log(counts)).astype(np.float32)


def _bigram_hashes(h: np.ndarray) -> np.ndarray:
    """Hashes of consecutive word pairs, from the words' hashes (a separate vocabulary from words)."""
    if len(h) < 2:
        return np.zeros(0, np.uint32)
    a, b = h[:-1].astype(np.uint64), h[1:].astype(np.uint64)
    return (((a * np.uint64(0x9E3779B1)) ^ (b + np.uint64(_NS_BIGRAM))) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _idset(terms: Sequence[str] | set[str], ns: int) -> np.ndarray:
    return np.unique(np.fromiter((zlib.crc32(t.encode(), ns) for t in terms), np.uint32))


# The kinds of terms of a profile, in one sorted array (kind in the high 32 bits): the five weighted term vectors
# (TF-IDF cosines), then three sets (overlaps): the five most mentioned names, numbers, years.
_WORDS, _BIGRAMS, _LEAD, _NAMES, _TITLE, _TOP, _NUMBERS, _YEARS = range(8)
_KINDS = 8
_WEIGHTED = 5
_KIND_SHIFT = np.uint64(32)
_LOW = np.uint64(0xFFFFFFFF)


@dataclass(slots=True)
class _Profile:
    """What the clustering keeps of one article: term hashes with log term frequencies, all kinds in one array."""

    ids: np.ndarray
    """Term hashes (uint64: kind << 32 | crc32), sorted: words, bigrams, lead words, names, title words (weighted),
    then the sets: top names, numbers, years."""
    ltf: np.ndarray
    """Log term frequencies of the weighted kinds (the first ``bounds[_WEIGHTED]`` ids)."""
    bounds: tuple[int, ...]
    """Where each kind starts in ``ids`` (and the end)."""
    sizes: tuple[int, ...]
    """Number of terms of each kind."""
    day: int | None
    main_words: np.ndarray
    """Word hashes (sorted, padded to _MAIN_WORDS) of the words of the article's most mentioned names ..."""
    main_counts: np.ndarray
    """... and their mention counts (0 for padding)."""
    name_mentions: int
    """Mentions of name words in all."""
    main_of: np.ndarray
    """For each of the article's words (the ids of kind ``_WORDS``), which of ``main_words`` it is, else -1."""
    best: list[float] = field(default_factory=lambda: [0.0, 0.0])
    """Highest word and lead cosine of this article with any other scored with it so far."""
    weights: np.ndarray | None = None
    """Unit TF-IDF vector of each weighted kind (0 for the sets), aligned with ``ids``, as of ``weighted_at``."""
    weighted_at: int = 0
    idf: np.ndarray | None = None
    """IDF of ``ids`` as of ``weighted_at``, kept while the article is being added (then dropped)."""
    keys: list[int] = field(default_factory=list)
    """Index keys: the article's most distinctive words (IDF at arrival) and main names."""

    @property
    def words(self) -> np.ndarray:
        return self.ids[: self.bounds[_BIGRAMS]]

    def kind(self, k: int) -> np.ndarray:
        """The hashes of one kind (uint32)."""
        return (self.ids[self.bounds[k] : self.bounds[k + 1]] & _LOW).astype(np.uint32)


def _combine(weighted: list[tuple[np.ndarray, np.ndarray]], sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, tuple[int, ...], tuple[int, ...]]:
    sizes = tuple(len(a) for a, _ in weighted) + tuple(len(a) for a in sets)
    ids = np.concatenate([a for a, _ in weighted] + sets).astype(np.uint64)
    ids |= np.repeat(np.arange(_KINDS, dtype=np.uint64) << _KIND_SHIFT, sizes)
    ltf = np.concatenate([l for _, l in weighted]).astype(np.float32)
    bounds = (0, *np.cumsum(sizes).tolist())
    return ids, ltf, bounds, sizes


def _profile(article: Article) -> _Profile:
    text = f"{article.title or ''}\n{article.text}"
    tokens = [w for w in _WORD.findall(text.casefold()) if w not in _STOP]
    names = _names(text)
    years = set(_YEAR.findall(text))
    numbers = set(_NUMBER.findall(text)) - years
    pub = iso_day(article.published.value) if article.published else None
    title = [w for w in _WORD.findall(_title(article).casefold()) if w not in _STOP]
    hashes = _word_hashes(tokens)
    name_words = _name_words(names)
    main = name_words.most_common(_MAIN_WORDS)
    main_ids = np.zeros(_MAIN_WORDS, np.uint32)  # padded with count 0
    main_counts = np.zeros(_MAIN_WORDS)
    main_ids[: len(main)] = _word_hashes([w for w, _ in main])
    main_counts[: len(main)] = [c for _, c in main]
    main_order = np.argsort(main_ids, kind="stable")
    main_ids, main_counts = main_ids[main_order], main_counts[main_order]
    words = _counted(hashes)
    main_of = np.full(len(words[0]), -1, np.int8)
    if len(words[0]):
        at = np.minimum(np.searchsorted(words[0], main_ids), len(words[0]) - 1)
        found = (words[0][at] == main_ids) & (main_counts > 0)
        main_of[at[found]] = np.flatnonzero(found)
    ids, ltf, bounds, sizes = _combine(
        [
            words,
            _counted(_bigram_hashes(hashes)),
            _counted(hashes[:80]),
            _ids(names, _NS_NAME),
            _counted(_word_hashes(title)),
        ],
        [
            _idset([k for k, _ in names.most_common(5)], _NS_NAME),
            _idset(numbers, _NS_NUMBER),
            _idset(years, _NS_NUMBER),
        ],
    )
    return _Profile(
        ids,
        ltf,
        bounds,
        sizes,
        pub.toordinal() if pub else None,
        main_ids,
        main_counts,
        sum(name_words.values()),
        main_of,
    )


_NAME_WORDS: dict[str, list[str]] = {}  # words of names seen (cleared when it grows past 100k names)


def _name_words(names: Counter[str]) -> Counter[str]:
    """The words of the names (not calendar words, titles or numbers) with their mention counts."""
    cache = _NAME_WORDS
    if len(cache) > 100_000:
        cache.clear()
    out: Counter[str] = Counter()
    for n, c in names.items():
        ws = cache.get(n)
        if ws is None:
            ws = cache[n] = [w for w in _WORD.findall(n) if w not in _NOT_NAME_WORDS and not w.isdigit()]
        for w in ws:
            out[w] += c
    return out


_NAME_KEYS: dict[str, tuple[str, ...]] = {}  # the names of a capitalised sequence seen (cleared past 100k)


def _names(text: str) -> Counter[str]:
    """Capitalised word sequences, normalised (case, hyphens, possessives; leading function words such as a
    sentence-initial "The" dropped; a possessive ends a name: "Chargers' Jackson" is two)."""
    cache = _NAME_KEYS
    if len(cache) > 100_000:
        cache.clear()
    out: Counter[str] = Counter()
    # each distinct sequence once, in the order of first occurrence: the same counts and key order
    for seq, count in Counter(_NAME.findall(text)).items():
        keys = cache.get(seq)
        if keys is None:
            found = []
            for part in _POSSESSIVE.split(seq):
                words = part.replace("’", "'").replace("-", " ").casefold().split()
                k = 0
                while k < len(words) and words[k] in _STOP:
                    k += 1
                if k < len(words):
                    found.append(" ".join(words[k:]))
            keys = cache[seq] = tuple(found)
        for key in keys:
            out[key] += count
    return out


def _title(article: Article) -> str:
    """The title, else the first line that is not a URL (crawled texts start with URL, title, date)."""
    if article.title:
        return article.title
    for line in article.text.split("\n", 4)[:4]:
        if line.strip() and not line.lstrip().startswith("http"):
            return line
    return ""


class _DocFreq:
    """Document frequencies over the stream so far (online IDF), in a fixed hashed table."""

    def __init__(self) -> None:
        self.df = np.zeros(1 << _DF_BITS, np.uint32)
        self.n = 0

    def add(self, p: _Profile) -> None:
        self.n += 1
        for kind in (_WORDS, _BIGRAMS, _NAMES):  # one kind at a time: a slot two kinds share counts twice
            self.df[p.ids[p.bounds[kind] : p.bounds[kind + 1]] & _MASK] += 1

    def idf(self, ids: np.ndarray) -> np.ndarray:
        return np.log((1.0 + self.n) / (1.0 + self.df[ids & _MASK])) + 1.0

    def weigh(self, p: _Profile, refresh: float = 1.25, idf: np.ndarray | None = None) -> None:
        """(Re)compute p's unit TF-IDF vectors when the stream has grown by ``refresh`` since they were made.

        Weights of earlier articles are thus at most 25% of the stream stale,
        and an article costs a bounded number of refreshes.  ``idf``: the IDF
        of p's terms now, if known; it is then kept on the profile (``p.idf``).
        """
        if p.weights is not None and self.n <= refresh * p.weighted_at:
            return
        keep_idf = idf is not None
        if idf is None:
            idf = self.idf(p.ids)
        raw = p.ltf * idf[: len(p.ltf)]
        w = np.zeros(len(p.ids))
        b = p.bounds
        for kind in range(_WEIGHTED):
            v = raw[b[kind] : b[kind + 1]]
            norm = math.sqrt(float(v @ v))
            w[b[kind] : b[kind + 1]] = v / norm if norm else v
        p.weights = w
        p.weighted_at = self.n
        p.idf = idf if keep_idf else None


def _overlaps(x: _Profile, ys: list[_Profile], xidf: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """What x shares with each y, for all kinds of terms at once (k x _KINDS each): the TF-IDF cosine (weighted
    kinds), the summed IDF of the shared terms (x's IDF ``xidf``: how much evidence, whatever the lengths) and
    their number; and the shared words (which y, position in x's words)."""
    k = len(ys)
    ids_a = x.ids
    ids_c = np.concatenate([y.ids for y in ys])
    if not len(ids_a) or not len(ids_c):
        z = np.zeros((k, _KINDS))
        return z, z, z, _NO_HITS
    pos = np.searchsorted(ids_a, ids_c)
    np.minimum(pos, len(ids_a) - 1, out=pos)
    hit = ids_a[pos] == ids_c
    pos = pos[hit]
    owner = np.repeat(np.arange(k), [len(y.ids) for y in ys])[hit]
    kind = (ids_c[hit] >> _KIND_SHIFT).astype(np.intp)
    bins = owner * _KINDS + kind
    wc = np.concatenate([y.weights for y in ys])[hit]
    cos = np.bincount(bins, x.weights[pos] * wc, k * _KINDS).reshape(k, _KINDS)
    idf = np.bincount(bins, xidf[pos], k * _KINDS).reshape(k, _KINDS)
    shared = np.bincount(bins, minlength=k * _KINDS).astype(np.float64).reshape(k, _KINDS)
    words = kind == _WORDS
    return cos, idf, shared, (owner[words], pos[words])


_NO_HITS = (np.zeros(0, np.int64), np.zeros(0, np.int64))


def _jaccard(inter: np.ndarray, size_a: int, sizes: np.ndarray) -> np.ndarray:
    union = size_a + sizes - inter
    return np.divide(inter, union, out=np.zeros(len(inter)), where=union > 0)


def _pair_features(x: _Profile, ys: list[_Profile], df: _DocFreq) -> np.ndarray:
    """Features of the pairs (x, y) for each y, in PAIR_FEATURES order (one row per y)."""
    if not ys:
        return np.zeros((0, len(PAIR_FEATURES)))
    for p in (x, *ys):
        df.weigh(p)
    xidf = x.idf if x.idf is not None and x.weighted_at == df.n else df.idf(x.ids)
    cos, shared_idf, shared, word_hits = _overlaps(x, ys, xidf)
    sizes = np.array([y.sizes for y in ys], np.float64)
    names_jac = _jaccard(shared[:, _NAMES], x.sizes[_NAMES], sizes[:, _NAMES])
    top = shared[:, _TOP]
    years_jac, years_inter = _jaccard(shared[:, _YEARS], x.sizes[_YEARS], sizes[:, _YEARS]), shared[:, _YEARS]
    y_has_years = sizes[:, _YEARS] > 0
    days = np.array([-1.0 if x.day is None or y.day is None else min(abs(x.day - y.day), 3650) / 365.0 for y in ys])
    words, words_idf = cos[:, _WORDS], shared_idf[:, _WORDS]
    lead = cos[:, _LEAD]
    title = cos[:, _TITLE]
    relb = []
    for k, c in enumerate((words, lead)):
        xb = max(x.best[k], float(c.max()))
        yb = np.array([y.best[k] for y in ys])
        relb.append(c / np.maximum(np.maximum(yb, xb), 1e-9))
        x.best[k] = xb
        for y, v in zip(ys, c.tolist()):
            if v > y.best[k]:
                y.best[k] = v
    # Participants: x's main name words that y lacks entirely and y's that x lacks; their mention counts as
    # they are (absent_*) and scaled to the other article's length (expected_*: how often the other would
    # mention them were its names distributed alike; the most mentioned one and all of them).
    miss_xy, miss_yx = _absent(x, ys, word_hits)
    absent_xy, absent_yx = miss_xy.max(axis=1), miss_yx.max(axis=1)
    to_y = np.array([y.name_mentions for y in ys], np.float64) / max(x.name_mentions, 1)
    to_x = 1.0 / np.maximum(to_y, 1e-9)
    expected = (absent_xy * to_y, absent_yx * to_x)
    expected_sum = (miss_xy.sum(axis=1) * to_y, miss_yx.sum(axis=1) * to_x)
    bigrams, bigrams_idf = cos[:, _BIGRAMS], shared_idf[:, _BIGRAMS]
    names, names_idf = cos[:, _NAMES], shared_idf[:, _NAMES]
    return np.column_stack([
        words,
        bigrams,
        lead,
        names,
        top / 5.0,
        names_jac,
        _jaccard(shared[:, _NUMBERS], x.sizes[_NUMBERS], sizes[:, _NUMBERS]),
        ((x.sizes[_YEARS] > 0) & y_has_years & (years_inter == 0)).astype(np.float64),
        years_jac,
        days,
        (days >= 0).astype(np.float64),
        title,
        words_idf,
        names_idf,
        bigrams_idf,
        words / max(float(words.max()), 1e-9),
        lead / max(float(lead.max()), 1e-9),
        bigrams / max(float(bigrams.max()), 1e-9),
        names / max(float(names.max()), 1e-9),
        title / max(float(title.max()), 1e-9),
        relb[0],
        relb[1],
        np.maximum(absent_xy, absent_yx),
        np.minimum(absent_xy, absent_yx),
        np.maximum(*expected),
        np.minimum(*expected),
        np.maximum(*expected_sum),
        np.minimum(*expected_sum),
    ])


def _absent(x: _Profile, ys: list[_Profile], word_hits: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Mention counts of x's main name words that each y does not contain at all (k x _MAIN_WORDS, 0 where
    present), from the words x shares with each y (``word_hits``: which y, position in x's words); and of
    each y's main name words that x lacks."""
    k = len(ys)
    present = np.zeros((k, _MAIN_WORDS), bool)
    owner, pos = word_hits
    main = x.main_of[pos]
    sel = main >= 0
    present[owner[sel], main[sel]] = True
    xy = np.where(present, 0.0, x.main_counts)
    ids_a = x.words
    mains = np.concatenate([y.main_words for y in ys])
    if len(ids_a):
        at = np.minimum(np.searchsorted(ids_a, mains), len(ids_a) - 1)
        there = ids_a[at] == mains
    else:
        there = np.zeros(len(mains), bool)
    yx = np.where(there, 0.0, np.concatenate([y.main_counts for y in ys])).reshape(k, _MAIN_WORDS)
    return xy, yx


@lru_cache(maxsize=4)
def _load_model(path: str | None) -> tuple[Any, Callable[[np.ndarray], np.ndarray]]:
    """The pair model and its predictor: compiled by lleaves when it can be (the same probabilities bit for
    bit, 0.33 -> 0.04 ms an article; see :mod:`storydesk.compiled`), else LightGBM's."""
    import lightgbm as lgb

    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("storydesk.data").joinpath("eventstream.lgb.txt").read_text(encoding="utf-8")
    model = lgb.Booster(model_str=text)
    compiled = compiled_predictor(text, model, "eventstream")
    return model, compiled or partial(model.predict, num_threads=1)


class _Postings:
    """The candidate index: for each key, its ``size`` most recent articles, in a ring (a row of one array; a
    forgotten key's row is reused)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.slot: dict[int, int] = {}
        self.rows = np.full((256, size), -1, np.int32)
        self.count = np.zeros(256, np.int64)  # articles added to each row (the ring's next place, modulo size)
        self.free: list[int] = []

    def __len__(self) -> int:
        return len(self.slot)

    def add(self, keys: list[int], doc: int) -> None:
        """Add ``doc`` to each key's list (the keys are distinct)."""
        slots = []
        for k in keys:
            s = self.slot.get(k)
            if s is None:
                if not self.free:
                    n = len(self.rows)
                    self.rows = np.concatenate([self.rows, np.full((n, self.size), -1, np.int32)])
                    self.count = np.concatenate([self.count, np.zeros(n, np.int64)])
                    self.free = list(range(2 * n - 1, n - 1, -1))
                s = self.slot[k] = self.free.pop()
            slots.append(s)
        if slots:
            at = np.array(slots)
            c = self.count[at]
            self.rows[at, c % self.size] = doc
            self.count[at] = c + 1

    def search(self, keys: list[int], weights: list[float], oldest: int, limit: int) -> list[int]:
        """The ``limit`` articles from ``oldest`` on with the highest summed weight of the keys they are listed
        under (ties: the most recent first)."""
        slots, ws = [], []
        for k, w in zip(keys, weights):
            s = self.slot.get(k)
            if s is not None:
                slots.append(s)
                ws.append(w)
        if not slots:
            return []
        rows = self.rows[slots]
        valid = rows >= oldest
        docs = rows[valid]
        if not len(docs):
            return []
        # each article's weights are summed key by key in the keys' order (the same sums whatever the rows' order)
        w = np.repeat(np.array(ws), np.count_nonzero(valid, axis=1))
        lo = int(docs.min())
        docs -= lo
        score = np.bincount(docs, w)
        # the articles listed: those with a positive sum when all weights are (IDF can fall below 0 in a crowded
        # slot of the hashed document frequencies)
        uniq = np.flatnonzero(score > 0 if min(ws) > 0 else np.bincount(docs) > 0)
        score = score[uniq]
        uniq += lo
        if len(uniq) > limit:
            kth = np.partition(score, len(score) - limit)[len(score) - limit]
            keep = score >= kth
            uniq, score = uniq[keep], score[keep]
        return uniq[np.lexsort((-uniq, -score))[:limit]].tolist()

    def forget(self, oldest: int) -> None:
        """Forget the keys whose articles are all before ``oldest``."""
        if not self.slot:
            return
        keys = list(self.slot)
        slots = np.fromiter(self.slot.values(), np.int64, len(keys))
        newest = self.rows[slots, (self.count[slots] - 1) % self.size]
        for k in np.flatnonzero(newest < oldest).tolist():
            s = self.slot.pop(keys[k])
            self.rows[s] = -1
            self.count[s] = 0
            self.free.append(s)


def _average_link(units: list[list[int]], adj: dict[int, dict[int, float]], threshold: float) -> list[list[int]]:
    """Average-link clusters of ``units`` (groups of articles) over the sparse pair graph ``adj``.

    Merges the two clusters with the highest mean pair probability (unscored
    pairs count 0) while it is >= threshold.  A unit of several articles is
    kept whole and is compared with the single articles only.
    """
    event: defaultdict[int, int] = defaultdict(lambda: -1)  # article -> its whole unit (-1: none)
    members: dict[int, list[int]] = {}
    local: list[int] = []
    for k, ms in enumerate(units):
        if len(ms) > 1:
            members[k] = ms
            event.update(dict.fromkeys(ms, k))
            local.append(~k)
        else:
            local.append(ms[0])
    return [[a for u in us for a in ([local[u]] if local[u] >= 0 else members[~local[u]])]
            for us in _local_clusters(local, adj, threshold, members, event)]


def _local_clusters(
    units: list[int],
    adj: dict[int, dict[int, float]],
    threshold: float,
    members: Mapping[int, Collection[int]],
    event: Mapping[int, int] | Sequence[int],
) -> list[list[int]]:
    """Average-link clusters of local units: each an article alone, or ``~e`` for an event ``e`` kept whole
    (``members[e]``; ``event[a]`` is the event of article ``a``).  Returns the clusters as lists of unit
    indices, in the order they merged.

    Merges the two clusters with the highest mean pair probability over the
    sparse pair graph ``adj`` (unscored pairs count 0) while it is >=
    threshold.  Only linked clusters are compared, through a heap whose
    outdated entries are skipped; a whole event is compared with the single
    articles only, and its links are read from their side, so the cost does
    not grow with its size.
    """
    size = [1 if a >= 0 else len(members[~a]) for a in units]
    total = sum(size)
    single = {a: u for u, a in enumerate(units) if a >= 0}
    whole = {~a: u for u, a in enumerate(units) if a < 0}
    links: list[dict[int, float]] = [{} for _ in units]
    for u, a in enumerate(units):
        if a < 0:
            continue  # links of whole events are read from the other side; two whole events are not compared
        a_links = adj[a]
        lu = links[u] = {single[b]: a_links[b] for b in single.keys() & a_links.keys()}  # (no article links itself)
        if not whole:
            continue
        # walk the smaller side: an often-matched article can hold far more links than the local units have members
        if len(a_links) <= total:
            for b, p in a_links.items():
                v = whole.get(event[b])
                if v is not None:
                    lu[v] = lu.get(v, 0.0) + p
                    lv = links[v]
                    lv[u] = lv.get(u, 0.0) + p
        else:
            for e, v in whole.items():
                lv = links[v]
                for b in members[e]:
                    p = a_links.get(b)
                    if p is not None:
                        lu[v] = lu.get(v, 0.0) + p
                        lv[u] = lv.get(u, 0.0) + p
    version = [0] * len(units)  # a heap entry is current while neither side has merged since
    heap = [(-s / (size[u] * size[v]), u, v, 0, 0) for u, lu in enumerate(links) for v, s in lu.items()
            if u < v and s >= threshold * size[u] * size[v]]
    heapq.heapify(heap)
    clusters = [[u] for u in range(len(units))]
    alive = [True] * len(units)
    while heap:
        _, u, v, vu, vv = heapq.heappop(heap)
        if not (alive[u] and alive[v]) or version[u] != vu or version[v] != vv:
            continue
        clusters[u] += clusters[v]
        size[u] += size[v]
        alive[v] = False
        version[u] += 1
        lu, lv = links[u], links[v]
        lu.pop(v, None)
        for x, sx in lv.items():
            if x != u:
                lu[x] = lu.get(x, 0.0) + sx
                links[x].pop(v, None)
        links[v] = {}
        for x, sx in lu.items():
            links[x][u] = sx
            if sx >= threshold * size[u] * size[x]:
                a, b = min(u, x), max(u, x)
                heapq.heappush(heap, (-sx / (size[u] * size[x]), a, b, version[a], version[b]))
    return [clusters[u] for u in range(len(units)) if alive[u]]


class _Members:
    """The live articles of an event in the order the local clusterings list them (the order matters to their
    tie-breaks), with additions at either end in constant time: each article has an order key, and the dict
    is in key order unless articles were put in front (then it is re-sorted when next read in order)."""

    __slots__ = ("keys", "lo", "hi", "in_order")

    def __init__(self) -> None:
        self.keys: dict[int, int] = {}
        self.lo = 0
        self.hi = -1
        self.in_order = True

    def __len__(self) -> int:
        return len(self.keys)

    def __iter__(self) -> Iterator[int]:
        if not self.in_order:
            self.keys = dict(sorted(self.keys.items(), key=lambda kv: kv[1]))
            self.in_order = True
        return iter(self.keys)

    def append(self, articles: Iterable[int]) -> None:
        keys, hi = self.keys, self.hi
        for a in articles:
            hi += 1
            keys[a] = hi
        self.hi = hi

    def prepend(self, articles: list[int]) -> None:
        if articles:
            self.lo -= len(articles)
            self.keys.update(zip(articles, range(self.lo, self.lo + len(articles))))
            self.in_order = False

    def discard(self, a: int) -> None:
        del self.keys[a]


class EventStream:
    """Online event clustering: ``add(article)`` returns the article's event number.

    Later arrivals can merge events (see :attr:`merges`) or move an article to
    another event; :meth:`event_of` and :meth:`events` give the current state.
    """

    def __init__(self, options: StreamOptions | None = None) -> None:
        self.options = options or StreamOptions()
        self._model, self._predict = _load_model(self.options.model)
        self._df = _DocFreq()
        self._ids: list[str] = []
        self._event: list[int] = []
        self._alias: dict[int, int] = {}
        self._live: dict[int, _Profile] = {}
        self._live_members: dict[int, _Members] = {}
        self._adj: dict[int, dict[int, float]] = {}
        self._postings = _Postings(self.options.max_postings)
        self._next_event = 0
        self._oldest = 0  # articles before this one are out of the window
        self.merges: list[Merge] = []

    def __len__(self) -> int:
        return len(self._ids)

    def _find(self, e: int) -> int:
        alias = self._alias
        root = e
        while root in alias:
            root = alias[root]
        while e in alias and alias[e] != root:  # path compression: chains of merges stay short
            alias[e], e = root, alias[e]
        return root

    def event_of(self, i: int) -> int:
        return self._find(self._event[i])

    def events(self) -> dict[int, list[str]]:
        """Current events: number -> article ids, in arrival order."""
        out: dict[int, list[str]] = defaultdict(list)
        for i, aid in enumerate(self._ids):
            out[self.event_of(i)].append(aid)
        return dict(out)

    def add(self, article: Article) -> int:
        """Cluster one more article; returns its event number (see :meth:`event_of` for later changes)."""
        return self._add(article.id, _profile(article))

    def _candidates(self, p: _Profile, idf: np.ndarray) -> list[int]:
        """Live articles sharing the most IDF weight of p's index keys (``idf``: of p's terms; p's keys are set
        here)."""
        opt = self.options
        end = p.bounds[_BIGRAMS]
        top = np.argsort(-(p.ltf[:end] * idf[:end]), kind="stable")[: opt.keys_per_article]
        top_names = p.ids[p.bounds[_TOP] : p.bounds[_TOP + 1]]
        p.keys = p.ids[top].tolist() + [k ^ _NAME_KEY for k in (top_names & _LOW).tolist()]
        return self._postings.search(p.keys, idf[top].tolist() + idf[p.bounds[_TOP] : p.bounds[_TOP + 1]].tolist(),
                                     self._oldest, opt.max_candidates)

    def _add(self, article_id: str, p: _Profile) -> int:
        opt = self.options
        i = len(self._ids)
        self._ids.append(article_id)
        self._df.add(p)
        idf = self._df.idf(p.ids)
        cands = self._candidates(p, idf)
        links: dict[int, float] = {}
        if cands:
            self._df.weigh(p, idf=idf)
            prob = self._predict(_pair_features(p, [self._live[c] for c in cands], self._df))
            p.idf = None
            for c, pr in zip(cands, prob.tolist()):
                links[c] = pr
                self._adj[c][i] = pr
        self._adj[i] = links
        self._live[i] = p
        self._event.append(-1)
        # Events that could take the article or be merged through it: those it links to at all strongly
        # on average (at most ``local_events`` of them, the strongest).
        link_sum: dict[int, float] = defaultdict(float)
        for c, pr in links.items():
            link_sum[self._event[c]] += pr
        mean = {e: s / len(self._live_members[e]) for e, s in link_sum.items()}
        strong = sorted((e for e, m in mean.items() if m >= opt.threshold / 4), key=lambda e: (-mean[e], e))
        touched = sorted(strong[: opt.local_events], key=lambda e: (len(self._live_members[e]), e))
        units: list[int] = []  # articles re-clustered one by one, and ~e for an event e kept whole
        total = 1
        for e in touched:
            ms = self._live_members[e]
            total += len(ms)
            if total <= opt.local_size or len(ms) == 1:
                units += ms
            else:
                units.append(~e)
        units.append(i)
        clusters = _local_clusters(units, self._adj, opt.threshold, self._live_members, self._event)
        self._relabel(i, touched, units, clusters)
        self._postings.add(p.keys, i)
        if len(self._live) > opt.window:
            self._evict(i - opt.window)
        return self.event_of(i)

    def _relabel(self, i: int, touched: list[int], units: list[int], clusters: list[list[int]]) -> None:
        """Give the local clusters event numbers: an event keeps its number where most of its members went.

        The work is bounded by the re-clustered articles, not by the size of
        the events kept whole: the largest of those in a cluster keeps its
        member set, which the others join.
        """
        opt = self.options
        cluster_of = {u: k for k, us in enumerate(clusters) for u in us}
        single = {a: u for u, a in enumerate(units) if a >= 0}
        whole = {~a: u for u, a in enumerate(units) if a < 0}
        number: dict[int, int] = {}
        for e in sorted(touched, key=lambda e: (-len(self._live_members[e]), e)):
            if e in whole:
                k = cluster_of[whole[e]]
            else:
                k = Counter(cluster_of[single[a]] for a in self._live_members[e]).most_common(1)[0][0]
            if k in number:
                self._alias[e] = number[k]
                members = tuple(self._ids[a] for a in self._live_members[e] if a != i)
                self.merges.append(Merge(number[k], e, self._ids[i], members))
            else:
                number[k] = e
        old = {e: self._live_members.pop(e) for e in touched}
        for k, us in enumerate(clusters):
            e = number.get(k)
            if e is None:
                e = self._next_event
                self._next_event += 1
            # An event beyond local_size keeps its member set, which the others join (no work in its size);
            # the members keep the order of the cluster's units (the units before it go in front).
            base = max((~units[u] for u in us if units[u] < 0 and len(old[~units[u]]) > opt.local_size),
                       key=lambda f: len(old[f]), default=None)
            if base is None:
                ms = _Members()
                ms.append(a for u in us for a in ((units[u],) if units[u] >= 0 else old[~units[u]]))
                moved: Iterable[int] = ms.keys
            else:
                ms = old[base]
                at = us.index(whole[base])
                before = [a for u in us[:at] for a in ((units[u],) if units[u] >= 0 else old[~units[u]])]
                after = [a for u in us[at + 1 :] for a in ((units[u],) if units[u] >= 0 else old[~units[u]])]
                ms.prepend(before)
                ms.append(after)
                moved = ms.keys if base != e else chain(before, after)
            for a in moved:
                self._event[a] = e
            self._live_members[e] = ms

    def _evict(self, j: int) -> None:
        self._oldest = j + 1
        p = self._live.pop(j, None)
        if p is None:
            return
        adj = self._adj
        for c in adj.pop(j):  # (its neighbours are live: an evicted article has left its neighbours' links)
            del adj[c][j]
        e = self.event_of(j)
        ms = self._live_members[e]
        ms.discard(j)
        if not ms:
            del self._live_members[e]
        if j % 1024 == 0:  # now and then, forget index keys whose articles are all out of the window
            self._postings.forget(self._oldest)


def cluster_stream(
    articles: Sequence[Article],
    options: StreamOptions | None = None,
    same_as: dict[str, str] | None = None,
) -> list[Event]:
    """Group articles into events by streaming them, in the given order, through an :class:`EventStream`.

    ``same_as`` maps a copy's id to its original's id: copies are not clustered,
    they join their original's event.
    """
    same_as = same_as or {}
    if not articles:
        return []
    stream = EventStream(options)
    index = {}
    for a in articles:
        if same_as.get(a.id, a.id) == a.id:
            index[a.id] = len(stream)
            stream.add(a)
    members: dict[int, list[str]] = defaultdict(list)
    for a in articles:
        members[stream.event_of(index[same_as.get(a.id, a.id)])].append(a.id)
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    # each merge is told by the event that now holds the article whose arrival showed it
    merged: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for m in stream.merges:
        merged[stream.event_of(index[m.article])].append({"article": m.article, "absorbed": list(m.members)})
    ordered = sorted(members.items(), key=lambda kv: position[kv[1][0]])
    out = []
    for k, (number, ids) in enumerate(ordered):
        titles = [by_id[i].title for i in ids if by_id[i].title]
        title = min(titles, key=len) if titles else by_id[ids[0]].text.strip().split("\n", 1)[0][:120]
        out.append(Event(f"e{k + 1}", title, ids, merged.get(number, [])))
    return out


def _training_streams(rows: Sequence[dict[str, Any]], orders: int, cut: int, seed: int = 100) -> list[list[int]]:
    """Streams (lists of row indices) to train on: ``orders`` random orders of all rows, then ``cut`` random
    orders of a subsample in which each event is kept whole (40%) or cut to 1-3 articles, so that an
    article's best match so far is often another event's, as for the first report of a new event in a real
    stream (in a whole ECB+ stream nearly every article has several reports of its own event)."""
    out = []
    for o in range(orders):
        order = list(range(len(rows)))
        random.Random(seed + o).shuffle(order)
        out.append(order)
    by_event: dict[tuple[Any, Any], list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_event[(r.get("topic"), r["event"])].append(i)
    for o in range(cut):
        rng = random.Random(seed + 1000 + o)
        kept: list[int] = []
        for _, ms in sorted(by_event.items(), key=lambda kv: str(kv[0])):
            kept += ms if rng.random() < 0.4 else rng.sample(ms, min(len(ms), rng.randint(1, 3)))
        rng.shuffle(kept)
        out.append(kept)
    return out


def train_stream_model(rows: Sequence[dict[str, Any]], out: Path, orders: int = 1, cut: int = 6) -> None:
    """Train the pair model on labelled articles (``text``, ``event``, optional ``topic`` and ``published`` ISO
    day), e.g. ECB+.

    The articles are streamed in random orders, whole and with events cut
    down (see :func:`_training_streams`), and each is paired with every
    earlier one of its stream, its features computed with the IDF of the
    stream so far, as :class:`EventStream` will compute them.  The model is
    held monotone in the features whose direction is known (``_MONOTONE``).
    """
    import lightgbm as lgb

    arts = [Article(source=str(i), page_hash=f"{i:040d}", kind="text", text=r["text"], id=str(i),
                    published=DateValue(r["published"], "training row", 1.0) if r.get("published") else None)
            for i, r in enumerate(rows)]
    x, y = [], []
    for stream in _training_streams(rows, orders, cut):
        idf = _DocFreq()
        seen: list[_Profile] = []
        for n, i in enumerate(stream):
            p = _profile(arts[i])
            idf.add(p)
            if seen:
                x.append(_pair_features(p, seen, idf))
                y += [int(rows[i]["event"] == rows[j]["event"]) for j in stream[:n]]
            seen.append(p)
    params = {"objective": "binary", "verbose": -1, "num_leaves": 15, "learning_rate": 0.05,
              "min_data_in_leaf": 50, "seed": 7, "deterministic": True, "num_threads": 1,
              "monotone_constraints": [_MONOTONE.get(f, 0) for f in PAIR_FEATURES]}
    model = lgb.train(params, lgb.Dataset(np.vstack(x), np.array(y)), num_boost_round=200)
    model.save_model(str(out))
