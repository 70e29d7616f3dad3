"""Stories: events linked by their main entities and topic.

An event's main entities are its top five entities (not MISC) ranked by the
number of independent sources that mention them (a copy group counts once, as
its original), then by their mentions in those sources.  Two events belong to
the same story when

    (Jaccard of their main entities >= 0.4
     or  they share >= 2 main PERSON entities
     or  the two top main entities of one event are main entities of the other, one of them a PERSON or ORG)
    and  TF-IDF cosine of their texts >= 0.1

(the third case: the same protagonists — Putin's 2024 visit announcement does
not name Kim at all, but its top two, North Korea and Putin, lead the 2023
summit's main entities too; requiring a person or organisation keeps two
unrelated stories about the same pair of countries apart)

(``StoryOptions``); stories are the connected parts of those links (union-find;
only pairs that share a main entity are compared).  A story's events are in
date order (unknown dates last, by their "before" bound); its title is the
title of its most central event (highest summed link score to the others, then
most sources); stories are ordered by their earliest event.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Article
from ._unionfind import UnionFind
from .entities import Entity, Mention

__all__ = ["StoryOptions", "StoryStream", "event_words", "link_stories", "main_entities"]

_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True, slots=True)
class StoryOptions:
    top_entities: int = 5
    jaccard: float = 0.4
    shared_persons: int = 2
    cosine: float = 0.1
    protagonists: int = 2


def main_entities(
    sources: Sequence[str], mentions: Mapping[str, Sequence[Mention]], types: Mapping[str, str], k: int
) -> list[str]:
    per_source: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for aid in sources:
        ms = [m.entity for m in mentions.get(aid, ()) if types.get(m.entity, "MISC") != "MISC"]
        per_source.update(set(ms))
        total.update(ms)
    return sorted(per_source, key=lambda e: (-per_source[e], -total[e], e))[:k]


def _tfidf(docs: list[Counter[str]]) -> list[dict[str, float]]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    n = len(docs)
    out = []
    for d in docs:
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in d.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({t: x / norm for t, x in v.items()})
    return out


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def _link(
    a: Sequence[str], b: Sequence[str], types: Mapping[str, str], cosine: Callable[[], float], options: StoryOptions
) -> float | None:
    """Link score (Jaccard + cosine) of two events given their ranked main entities, or None if not linked."""
    ma, mb = set(a), set(b)
    shared = ma & mb
    if not shared:
        return None
    jac = len(shared) / len(ma | mb)
    persons = sum(types.get(x) == "PERSON" for x in shared)

    def leads_in(top: Sequence[str], other: set[str]) -> bool:
        return (
            len(top) == options.protagonists
            and set(top) <= other
            and any(types.get(x) in ("PERSON", "ORG") for x in top)
        )

    entity_link = (
        jac >= options.jaccard
        or persons >= options.shared_persons
        or leads_in(a[: options.protagonists], mb)
        or leads_in(b[: options.protagonists], ma)
    )
    if not entity_link:
        return None
    cos = cosine()
    return jac + cos if cos >= options.cosine else None


def link_stories(
    events: Sequence[Any],
    articles: Mapping[str, Article],
    sources_of: Mapping[str, list[str]],
    mentions: Mapping[str, Sequence[Mention]],
    entities: Sequence[Entity],
    date_key: Mapping[str, tuple[Any, ...]],
    options: StoryOptions | None = None,
) -> list[tuple[str, list[str]]]:
    """(title, event ids) per story, in story order.  ``sources_of``: an event's independent sources."""
    options = options or StoryOptions()
    types = {e.id: e.type for e in entities}
    ranked = [main_entities(sources_of[e.id], mentions, types, options.top_entities) for e in events]
    mains = [set(r) for r in ranked]


    vecs = _tfidf([event_words(sources_of[e.id], articles) for e in events])
    index: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mains):
        for ent in m:
            index[ent].append(i)
    pairs = {(x, y) for ids in index.values() for a, x in enumerate(ids) for y in ids[a + 1 :]}
    uf = UnionFind(len(events))
    score: Counter[int] = Counter()
    for i, j in sorted(pairs):
        link = _link(ranked[i], ranked[j], types, lambda: _cos(vecs[i], vecs[j]), options)
        if link is not None:
            uf.union(i, j)
            score[i] += link
            score[j] += link
    parts: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        parts[uf.find(i)].append(i)
    stories = []
    for members in parts.values():
        members.sort(key=lambda i: (date_key[events[i].id], i))
        central = max(members, key=lambda i: (score[i], len(sources_of[events[i].id]), -members.index(i)))
        stories.append((events[central].title, [events[i].id for i in members], date_key[events[members[0]].id], members[0]))
    stories.sort(key=lambda s: (s[2], s[3]))
    return [(title, ids) for title, ids, _, _ in stories]


class StoryStream:
    """Online story linking: each new event joins the stories it links to (merging them) or opens one.

    The link rule is :func:`link_stories`' (main entities, then TF-IDF cosine
    of the events' words, IDF over the events so far); only earlier events
    sharing a main entity are compared (an inverted index), so the cost of an
    event depends on how many share its entities, not on the store.  ``types``
    (entity id -> type) is read at each link, so it may grow as entities are found.
    """

    def __init__(self, types: Mapping[str, str], options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._types = types
        self._ranked: list[list[str]] = []
        self._words: list[Counter[str]] = []
        self._df: Counter[str] = Counter()
        self._index: dict[str, list[int]] = defaultdict(list)
        self._parent: list[int] = []

    def _find(self, x: int) -> int:
        while self._parent[x] != x:
            self._parent[x] = self._parent[self._parent[x]]
            x = self._parent[x]
        return x

    def story_of(self, i: int) -> int:
        """Story number of the i-th event added (the number of its story's earliest event)."""
        return self._find(i)

    def add(self, ranked_entities: Sequence[str], words: Counter[str]) -> int:
        """Add an event (its main entities, best first, and its words); returns its story number."""
        i = len(self._ranked)
        ranked = list(ranked_entities[: self.options.top_entities])
        self._ranked.append(ranked)
        self._words.append(words)
        self._df.update(words.keys())
        self._parent.append(i)
        vec = self._vector(words)
        for j in sorted({j for ent in ranked for j in self._index.get(ent, ())}):
            if self._find(j) == self._find(i):
                continue
            if _link(ranked, self._ranked[j], self._types, lambda: _cos(vec, self._vector(self._words[j])), self.options) is not None:
                a, b = self._find(i), self._find(j)
                self._parent[max(a, b)] = min(a, b)
        for ent in ranked:
            self._index[ent].append(i)
        return self._find(i)

    def _vector(self, words: Counter[str]) -> dict[str, float]:
        n = len(self._ranked)
        v = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + self._df[t])) + 1) for t, c in words.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        return {t: x / norm for t, x in v.items()}


def event_words(sources: Sequence[str], articles: Mapping[str, Article]) -> Counter[str]:
    """The words of an event's independent sources, as story linking compares them."""
    return Counter(w for aid in sources if aid in articles for w in _WORD.findall(articles[aid].text.casefold()))
