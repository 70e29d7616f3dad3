"""Event clustering, first version: TF-IDF cosine with average-link clustering.

The events issue replaces this with online clustering; this version exists so
that the whole path runs end to end.  Copies are clustered once (the group's
original stands for its members) so that a wire story copied a hundred times
does not outweigh the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Article

__all__ = ["EventOptions", "Event", "cluster_events"]


@dataclass(frozen=True, slots=True)
class EventOptions:
    threshold: float = 0.8
    """Average-link cosine *distance* below which clusters merge (tuned on ECB+ dev)."""
    max_features: int = 50_000


@dataclass(slots=True)
class Event:
    id: str
    title: str
    articles: list[str]


def _title(members: Sequence[Article]) -> str:
    titled = [a.title for a in members if a.title]
    if titled:
        return min(titled, key=len)
    first = members[0].text.strip().split("\n", 1)[0]
    return first[:120] + ("…" if len(first) > 120 else "")


def cluster_events(
    articles: Sequence[Article],
    options: EventOptions | None = None,
    same_as: dict[str, str] | None = None,
) -> list[Event]:
    """Group articles into events. ``same_as`` maps a copy's id to its original's id."""
    options = options or EventOptions()
    if not articles:
        return []
    same_as = same_as or {}
    by_id = {a.id: a for a in articles}
    position = {a.id: i for i, a in enumerate(articles)}
    reps = [a for a in articles if same_as.get(a.id, a.id) == a.id]
    if len(reps) == 1:
        labels = [0]
    else:
        from sklearn.cluster import AgglomerativeClustering
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = [f"{a.title or ''}\n{a.text}" for a in reps]
        x = TfidfVectorizer(
            sublinear_tf=True, stop_words="english", max_features=options.max_features, min_df=1
        ).fit_transform(docs)
        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=options.threshold
        ).fit_predict(x.toarray()).tolist()
    clusters: dict[int, list[str]] = {}
    for a, lab in zip(reps, labels):
        clusters.setdefault(lab, []).append(a.id)
    rep_event: dict[str, int] = {}
    ordered = sorted(clusters.values(), key=lambda ids: min(position[i] for i in ids))
    for n, ids in enumerate(ordered):
        for i in ids:
            rep_event[i] = n
    members: list[list[str]] = [[] for _ in ordered]
    for a in articles:
        members[rep_event[same_as.get(a.id, a.id)]].append(a.id)
    return [
        Event(f"e{n + 1}", _title([by_id[i] for i in ids]), ids) for n, ids in enumerate(members)
    ]
