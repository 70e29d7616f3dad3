"""Event dates and late copies.

An event's date is the day its reports say it happened: the calendar days that
the members' resolved time expressions point to near the top of each article
(the lede tells when), counted once per article, as long as they fall within
two weeks before that article's publication.  When no text says, the earliest
reliable publication date stands in ("earliest report").  When no member has
a publication date, the date stays unknown and the tightest bound is given.

An article whose page date is far later than its event's date is flagged as a
late copy (republished, scraped, or stamped), with the gap in days.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..records import Article
from ..temporal import Timex, find_timexes
from ..temporal.published import iso_day

__all__ = ["EventDate", "LateFlag", "anchor_of", "article_timexes", "date_event", "late_copies"]

LEDE_CHARS = 600
"""Time expressions in the first characters of an article date its event."""
LATE_AFTER_DAYS = 30
"""A page dated more than this many days after its event is a late copy."""
MIN_CONFIDENCE = 0.5
"""Publication dates below this confidence are not used as anchors."""


def anchor_of(article: Article) -> str | None:
    """The date relative expressions of this article resolve against, if reliable."""
    p = article.published
    return p.value if p is not None and p.confidence >= MIN_CONFIDENCE else None


def article_timexes(article: Article) -> list[Timex]:
    return find_timexes(article.text, anchor_of(article))


@dataclass(slots=True)
class EventDate:
    value: str | None
    basis: str
    """``text`` (the reports say so), ``earliest-report``, or ``unknown``."""
    before: str | None = None
    """When unknown: the event happened on or before this day (the earliest page bound)."""
    evidence: list[dict[str, Any]] = field(default_factory=list)
    """Spans that support the date: ``{"article", "start", "end", "text", "value"}``."""

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "basis": self.basis, "before": self.before, "evidence": self.evidence}


@dataclass(slots=True)
class LateFlag:
    article: str
    gap_days: int
    page_date: str
    kind: str
    """``published`` (its publication date is late) or ``page-stamp`` (the date stamped on the page is)."""

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "gap_days": self.gap_days, "page_date": self.page_date, "kind": self.kind}


def date_event(members: Sequence[Article], timexes: dict[str, list[Timex]]) -> EventDate:
    votes: Counter[date] = Counter()
    support: dict[date, list[dict[str, Any]]] = {}
    for a in members:
        pub = iso_day(anchor_of(a))
        if pub is None:
            continue
        seen: set[date] = set()
        for t in timexes.get(a.id, []):
            if t.start > LEDE_CHARS:
                break
            day = iso_day(t.value) if t.type in ("DATE", "TIME") and len(t.value) >= 10 else None
            if day is None or not pub - timedelta(days=14) <= day <= pub:
                continue
            support.setdefault(day, []).append(
                {"article": a.id, "start": t.start, "end": t.end, "text": t.text, "value": t.value}
            )
            if day not in seen:
                seen.add(day)
                votes[day] += 1
    if votes:
        best = max(votes, key=lambda d: (votes[d], -d.toordinal()))
        return EventDate(best.isoformat(), "text", evidence=support[best])
    dated = [(iso_day(anchor_of(a)), a) for a in members if iso_day(anchor_of(a))]
    if dated:
        day, first = min(dated, key=lambda x: x[0])  # type: ignore[arg-type,return-value]
        assert day is not None and first.published is not None
        ev = {"article": first.id, "start": None, "end": None, "text": first.published.evidence, "value": day.isoformat()}
        return EventDate(day.isoformat(), "earliest-report", evidence=[ev])
    bounds = [iso_day(a.published_before.value) for a in members if a.published_before]
    bound = min((b for b in bounds if b), default=None)
    return EventDate(None, "unknown", before=bound.isoformat() if bound else None)


def late_copies(members: Sequence[Article], event_date: EventDate) -> list[LateFlag]:
    day = iso_day(event_date.value)
    if day is None:
        return []
    out = []
    for a in members:
        page, kind = (iso_day(a.published.value), "published") if a.published else (None, "")
        if page is None:
            # A page stamp (a content farm's own date) says when this copy was put up;
            # a crawl date or a site's "today" header says nothing about the copy.
            stamps = [iso_day(e["value"]) for e in a.date_evidence if e.get("kind") == "page-stamp"]
            page, kind = min((s for s in stamps if s), default=None), "page-stamp"
        if page is not None and (page - day).days > LATE_AFTER_DAYS:
            out.append(LateFlag(a.id, (page - day).days, page.isoformat(), kind))
    return out
