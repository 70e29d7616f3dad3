"""Event clustering: which articles report the same event.

A small LightGBM model gives the probability that two articles report the
same event from pair features: TF-IDF cosine of the text, of its word
bigrams, of its lead and of its names; the share of each other's main names;
shared numbers; whether the years they mention conflict; how far apart they
were published.  Those features are what separates two instances of the same
kind of event (two celebrities entering rehab in different years share the
vocabulary but not the names, numbers and dates).  Events are the
average-link clusters of those probabilities.

Only pairs that share a distinctive term or name (an inverted index over each
article's top terms and names, with capped posting lists) are scored; other
pairs count as different events.

Copies (see :mod:`storydesk.analysis.copies`) are not clustered themselves: a
copy joins its original's event, so a wire story copied a hundred times
weighs as one report.

This is a batch stage, kept as the benchmark's ``--clusterer batch`` baseline
(ECB+ 5-fold CV by topic: B-cubed F1 0.911).  The analysis uses the online one,
:mod:`storydesk.analysis.eventstream` (each article joins or opens an event as
it arrives, with local average link; 0.953).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..records import Article
from ..temporal.published import iso_day
from ._text import STOP_WORDS
from ._unionfind import UnionFind

__all__ = ["EventOptions", "Event", "cluster_events", "pair_features", "train_pair_model", "PAIR_FEATURES"]

_WORD = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
_STOP = STOP_WORDS | {"say", "told", "new", "one", "two", "year", "years"}

PAIR_FEATURES = (
    "cos_words", "cos_bigrams", "cos_lead", "cos_names", "top_names", "names_jaccard", "numbers_jaccard",
    "year_conflict", "year_share", "days_apart", "dated",
)


@dataclass(frozen=True, slots=True)
class EventOptions:
    threshold: float = 0.4
    """Same-event probability (average link) at or above which clusters merge; chosen by CV on ECB+."""
    max_postings: int = 100
    """Index keys shared by more articles than this are ignored (too common to discriminate)."""
    min_shared_keys: int = 2
    """A pair is scored only if the two articles share this many index keys."""
    keys_per_article: int = 20
    """Distinctive terms per article in the candidate index (plus its five main names)."""
    model: str | None = None
    """Path of another pair model (LightGBM text format); default: the packaged one."""


@dataclass(slots=True)
class Event:
    id: str
    title: str
    articles: list[str]
    merged: list[dict[str, Any]] = field(default_factory=list)
    """Events found to be this one by a later article (online clustering): ``{"article": the article whose
    arrival showed it, "absorbed": the articles of the event merged in, as they were then}``."""


@dataclass(slots=True)
class _Profile:
    """What the clustering keeps of one article."""

    words: Counter[str]
    bigrams: Counter[str]
    lead: Counter[str]
    names: Counter[str]
    top_names: set[str]
    numbers: set[str]
    years: set[str]
    day: int | None


def _profile(article: Article) -> _Profile:
    text = f"{article.title or ''}\n{article.text}"
    tokens = [w for w in _WORD.findall(text.casefold()) if w not in _STOP]
    words = Counter(tokens)
    bigrams = Counter(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    lead = Counter(tokens[:80])
    names = Counter(m.group().casefold() for m in _NAME.finditer(text))
    years = set(_YEAR.findall(text))
    numbers = set(_NUMBER.findall(text)) - years
    pub = iso_day(article.published.value) if article.published else None
    return _Profile(
        words, bigrams, lead, names, {k for k, _ in names.most_common(5)}, numbers, years,
        pub.toordinal() if pub else None,
    )


class _DocFreq:
    """Document frequencies over the stream so far (online IDF)."""

    def __init__(self) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0

    def add(self, keys: Sequence[Counter[str]]) -> None:
        self.n += 1
        for c in keys:
            self.df.update(c.keys())

    def idf(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df[term])) + 1.0


def _cosine(a: Counter[str], b: Counter[str], idf: _DocFreq) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = 0.0
    for t, c in a.items():
        if t in b:
            w = idf.idf(t) ** 2
            dot += (1 + math.log(c)) * (1 + math.log(b[t])) * w
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(((1 + math.log(c)) * idf.idf(t)) ** 2 for t, c in a.items()))
    nb = math.sqrt(sum(((1 + math.log(c)) * idf.idf(t)) ** 2 for t, c in b.items()))
    return dot / (na * nb)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def pair_features(x: _Profile, y: _Profile, idf: _DocFreq) -> list[float]:
    """Features of an article pair, in PAIR_FEATURES order."""
    both_dated = x.day is not None and y.day is not None
    return [
        _cosine(x.words, y.words, idf),
        _cosine(x.bigrams, y.bigrams, idf),
        _cosine(x.lead, y.lead, idf),
        _cosine(x.names, y.names, idf),
        len(x.top_names & y.top_names) / 5.0,
        _jaccard(set(x.names), set(y.names)),
        _jaccard(x.numbers, y.numbers),
        1.0 if x.years and y.years and not (x.years & y.years) else 0.0,
        _jaccard(x.years, y.years),
        min(abs(x.day - y.day), 3650) / 365.0 if both_dated else -1.0,  # type: ignore[operator]
        1.0 if both_dated else 0.0,
    ]


@lru_cache(maxsize=4)
def _load_model(path: str | None) -> Any:
    import lightgbm as lgb

    if path:
        return lgb.Booster(model_file=path)
    ref = resources.files("storydesk.data").joinpath("eventpairs.lgb.txt")
    return lgb.Booster(model_str=ref.read_text(encoding="utf-8"))


def _candidate_pairs(profiles: list[_Profile], idf: _DocFreq, options: EventOptions) -> set[tuple[int, int]]:
    """Pairs that share a distinctive term or name (an inverted index; no all-pairs scan)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        scored = sorted(p.words, key=lambda t: -(1 + math.log(p.words[t])) * idf.idf(t))
        for k in [f"w:{t}" for t in scored[: options.keys_per_article]] + [f"n:{t}" for t in p.top_names]:
            postings[k].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if len(docs) > options.max_postings:
            continue
        for x in range(len(docs)):
            for y in docs[x + 1 :]:
                shared[(docs[x], y)] += 1
    return {pair for pair, k in shared.items() if k >= options.min_shared_keys}


def _scored_pairs(profiles: list[_Profile], idf: _DocFreq, options: EventOptions) -> dict[tuple[int, int], float]:
    """Same-event probability of each candidate pair."""
    pairs = sorted(_candidate_pairs(profiles, idf, options))
    if not pairs:
        return {}
    feats = np.array([pair_features(profiles[i], profiles[j], idf) for i, j in pairs])
    prob = _load_model(options.model).predict(feats, num_threads=1)
    return dict(zip(pairs, prob.tolist()))


def _average_link(n: int, prob: dict[tuple[int, int], float], threshold: float) -> list[int]:
    """Average-link clusters (merge while the mean probability >= threshold), one connected part at a time.

    Pairs that were not scored count as probability 0.  Clustering each part
    of the candidate graph separately keeps memory to the size of the largest
    part instead of n x n.
    """
    from sklearn.cluster import AgglomerativeClustering

    uf = UnionFind(n)
    find = uf.find
    for (i, j), p in prob.items():
        if p >= threshold / 4:  # weaker links cannot lift an average to the threshold by themselves
            uf.union(i, j)
    parts: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        parts[find(i)].append(i)
    part_pairs: dict[int, list[tuple[int, int, float]]] = defaultdict(list)
    for (i, j), p in prob.items():
        if find(i) == find(j):
            part_pairs[find(i)].append((i, j, p))
    labels = [0] * n
    next_label = 0
    for root, members in parts.items():
        if len(members) == 1:
            labels[members[0]] = next_label
            next_label += 1
            continue
        local = {g: k for k, g in enumerate(members)}
        dist = np.ones((len(members), len(members)))
        np.fill_diagonal(dist, 0.0)
        for i, j, p in part_pairs[root]:
            dist[local[i], local[j]] = dist[local[j], local[i]] = 1.0 - p
        sub = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
        ).fit_predict(dist)
        for g, lab in zip(members, sub.tolist()):
            labels[g] = next_label + lab
        next_label += int(max(sub)) + 1
    return labels


def cluster_events(
    articles: Sequence[Article],
    options: EventOptions | None = None,
    same_as: dict[str, str] | None = None,
) -> list[Event]:
    """Group articles into events: average-link clustering of same-event probabilities.

    ``same_as`` maps a copy's id to its original's id: copies are not clustered,
    they join their original's event.
    """
    options = options or EventOptions()
    same_as = same_as or {}
    if not articles:
        return []
    reps = [a for a in articles if same_as.get(a.id, a.id) == a.id]
    profiles = [_profile(a) for a in reps]
    idf = _DocFreq()
    for p in profiles:
        idf.add([p.words, p.bigrams, p.names])
    labels = _average_link(len(reps), _scored_pairs(profiles, idf, options), options.threshold)
    event_of_rep = {a.id: lab for a, lab in zip(reps, labels)}
    members: dict[int, list[str]] = defaultdict(list)
    for a in articles:
        members[event_of_rep[same_as.get(a.id, a.id)]].append(a.id)
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    ordered = sorted(members.values(), key=lambda ids: position[ids[0]])
    out = []
    for k, ids in enumerate(ordered):
        titles = [by_id[i].title for i in ids if by_id[i].title]
        title = min(titles, key=len) if titles else by_id[ids[0]].text.strip().split("\n", 1)[0][:120]
        out.append(Event(f"e{k + 1}", title, ids))
    return out


def train_pair_model(rows: Sequence[dict[str, Any]], out: Path) -> None:
    """Train the pair model on labelled articles (``text``, ``event``), e.g. ECB+ development data."""
    import lightgbm as lgb

    arts = [Article(source=str(i), page_hash=f"{i:040d}", kind="text", text=r["text"], id=str(i)) for i, r in enumerate(rows)]
    idf = _DocFreq()
    profiles = [_profile(a) for a in arts]
    for p in profiles:
        idf.add([p.words, p.bigrams, p.names])
    x, y = [], []
    for i in range(len(arts)):
        for j in range(i + 1, len(arts)):
            x.append(pair_features(profiles[i], profiles[j], idf))
            y.append(int(rows[i]["event"] == rows[j]["event"]))
    params = {"objective": "binary", "verbose": -1, "num_leaves": 15, "learning_rate": 0.05,
              "min_data_in_leaf": 50, "seed": 7, "deterministic": True, "num_threads": 1}
    model = lgb.train(params, lgb.Dataset(np.array(x), np.array(y)), num_boost_round=200)
    model.save_model(str(out))
