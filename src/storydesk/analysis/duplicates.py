"""Exact and near-duplicate grouping (first version; the copies issue extends it).

Exact duplicates share the normalised text hash.  Near duplicates are found
with MinHash LSH (datasketch) over 5-word shingles of the clean body, then
confirmed with the estimated Jaccard similarity; groups are the connected
components.  No all-pairs comparison: LSH retrieves the candidates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Article

__all__ = ["DuplicateOptions", "DuplicateGroup", "find_duplicates"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class DuplicateOptions:
    threshold: float = 0.7
    """Estimated Jaccard similarity of shingle sets above which two bodies are near copies."""
    num_perm: int = 128
    shingle: int = 5


@dataclass(slots=True)
class DuplicateGroup:
    id: str
    members: list[str]
    kind: str  # "exact" or "near"
    original: str
    similarity: dict[str, float] = field(default_factory=dict)


def _shingles(text: str, k: int) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def find_duplicates(articles: Sequence[Article], options: DuplicateOptions | None = None) -> list[DuplicateGroup]:
    from datasketch import MinHash, MinHashLSH

    options = options or DuplicateOptions()
    ids = [a.id for a in articles]
    order = {a.id: i for i, a in enumerate(articles)}
    uf = _UnionFind(ids)
    exact_pairs: set[tuple[str, str]] = set()
    by_hash: dict[str, str] = {}
    for a in articles:
        h = a.text_hash
        if h in by_hash:
            uf.union(by_hash[h], a.id)
            exact_pairs.add((by_hash[h], a.id))
        else:
            by_hash[h] = a.id
    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.num_perm)
    sketches: dict[str, MinHash] = {}
    sims: dict[tuple[str, str], float] = {}
    for a in articles:
        m = MinHash(num_perm=options.num_perm, seed=1)
        m.update_batch(list(_shingles(a.text, options.shingle)))
        for other in lsh.query(m):
            j = m.jaccard(sketches[other])
            if j >= options.threshold:
                uf.union(other, a.id)
                sims[(other, a.id)] = j
        lsh.insert(a.id, m)
        sketches[a.id] = m
    groups: dict[str, list[str]] = {}
    for i in ids:
        groups.setdefault(uf.find(i), []).append(i)
    out: list[DuplicateGroup] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=order.__getitem__)
        mset = set(members)
        exact = all(
            any((a, b) in exact_pairs or (b, a) in exact_pairs for b in mset if b != a) for a in members
        )
        sim = {f"{a}~{b}": round(v, 3) for (a, b), v in sims.items() if a in mset}
        # First version: the earliest-ingested member stands as original until
        # the dates and copies stages can tell better.
        out.append(DuplicateGroup(f"d{len(out) + 1}", members, "exact" if exact else "near", members[0], sim))
    return out
