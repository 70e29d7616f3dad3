"""Data access for the web UI: the cached analysis and the views built from it.

The corpus analysis (copies, events, dates, quotes) is far too slow to run per
request, so :class:`AnalysisCache` computes it once, keeps it as a
:class:`Snapshot` with the indexes the pages need, and recomputes it in the
background when the store's articles change (count or newest sequence number,
checked at most every ``check_every`` seconds).  Until the new snapshot is
ready the old one keeps serving.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from ..analysis import Analysis, CopyGroup, Entity, Event, Story, analyse
from ..export import article_json as export_article  # the export's own item builders keep the API in step
from ..export import copy_group_json as export_copy_group
from ..export import quote_items as export_quotes
from ..export import story_json as export_story
from ..records import Article, display_title
from ..store import Store
from ..store import articles as articles_table
from ..temporal.published import iso_day

__all__ = [
    "AnalysisCache",
    "ArticleDate",
    "CitedLine",
    "Contradiction",
    "CopyRow",
    "EventView",
    "QuoteGroup",
    "description_key",
    "Snapshot",
    "SourceCard",
    "StorySummary",
    "StoryView",
    "article_date",
    "display_title",
    "fmt_day",
    "site_of",
]

log = logging.getLogger("storydesk.web")

Signature = tuple[int, int]
"""(number of stored articles, highest sequence number): changes whenever articles are added or removed."""

COPY_WORDS = {"exact": "copy", "near": "copy", "excerpt": "excerpt", "rewrite": "rewrite"}


# --------------------------------------------------------------------------- small formatting helpers


def fmt_day(value: str | None) -> str:
    """``2023-09-13`` -> ``13 Sep 2023``; partial or odd values are shown as they are."""
    day = iso_day(value)
    if day is None:
        return value or ""
    return f"{day.day} {day:%b %Y}"


def site_of(a: Article) -> str:
    """Where the article comes from, for people: the site, the URL's host, or the input file name."""
    if a.site:
        return a.site
    if a.url:
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", a.url, flags=re.IGNORECASE).split("/", 1)[0]
        if host:
            return host.removeprefix("www.")
    return a.source.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(slots=True, frozen=True)
class ArticleDate:
    label: str
    """``13 Sep 2023``, ``on or before 18 Jan 2025`` or ``date unknown``."""
    kind: str
    """``published``, ``bound`` or ``unknown``."""
    day: date | None
    evidence: str = ""


def article_date(a: Article) -> ArticleDate:
    if a.published:
        return ArticleDate(fmt_day(a.published.value), "published", iso_day(a.published.value), a.published.evidence)
    if a.published_before:
        v = a.published_before
        return ArticleDate(f"on or before {fmt_day(v.value)}", "bound", iso_day(v.value), v.evidence)
    return ArticleDate("date unknown", "unknown", None)


def event_date_label(analysis: Analysis, event_id: str) -> tuple[str, str, date | None]:
    """(label, kind, day) of an event: kind is ``dated``, ``bound`` or ``undated``."""
    d = analysis.event_dates.get(event_id)
    if d is not None and d.value:
        basis = "the reports say so" if d.basis == "text" else "earliest report"
        return f"{fmt_day(d.value)} ({basis})", "dated", iso_day(d.value)
    if d is not None and d.before:
        return f"on or before {fmt_day(d.before)}", "bound", iso_day(d.before)
    return "date unknown", "undated", None


def story_date_label(dated: list[date], bounds: list[date]) -> str:
    """When a story of several events happened: the span of its dated events, up to the latest bound of the others.

    (The number of events is shown next to it, so the label never repeats it.)
    """
    def day(d: date) -> str:
        return fmt_day(d.isoformat())

    if not dated and not bounds:
        return "dates unknown"
    if not dated:
        return f"on or before {day(max(bounds))}"
    first, last = min(dated), max(dated)
    if bounds and max(bounds) > last:
        return f"{day(first)} – on or before {day(max(bounds))}"
    return day(first) if first == last else f"{day(first)} – {day(last)}"


# --------------------------------------------------------------------------- views


@dataclass(slots=True)
class StorySummary:
    id: str
    title: str
    n_events: int
    n_articles: int
    n_sources: int
    sites: list[str]
    date_label: str
    last_day: date | None
    """The latest day known for the story (event dates, bounds, publication dates): orders "recent"."""


@dataclass(slots=True)
class CopyRow:
    """One article inside a source card."""

    article: Article
    title: str
    site: str
    date: ArticleDate
    flags: list[str]


@dataclass(slots=True)
class SourceCard:
    """One source of an event: an article, or a copy group shown once (its original first)."""

    lead: CopyRow
    copies: list[CopyRow]
    group: str | None


@dataclass(slots=True)
class QuoteGroup:
    """The quotes of one speaker: an entity (heading its name) or, unlinked, a normalised description."""

    speaker: str
    """The heading: the entity's name, else the description as first written."""
    quotes: list[dict[str, Any]]
    """``{"text", "kind", "article", "title", "start", "end", "also"}``: ``also`` counts the copies that repeat it."""
    entity: str | None = None
    aliases: list[str] = field(default_factory=list)
    """The other ways the articles name the speaker ("Kim", "North Korean leader Kim Jong Un"), most used first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "entity": self.entity,
            "aliases": self.aliases,
            "quotes": [{k: q[k] for k in ("article", "start", "end", "text", "kind", "also")} for q in self.quotes],
        }


_DETERMINER = re.compile(r"^(?:the|a|an)\s+")


def description_key(speaker: str) -> str:
    """A described speaker, normalised for grouping: case, spaces, apostrophes and a leading article folded."""
    s = " ".join(speaker.replace("’", "'").casefold().split()).strip(" ,")
    return _DETERMINER.sub("", s)


@dataclass(slots=True)
class EventView:
    event: Event
    number: int
    date_label: str
    date_kind: str
    day: date | None
    evidence: list[dict[str, Any]]
    sources: list[SourceCard]
    n_articles: int


@dataclass(slots=True)
class CitedLine:
    """A sentence of the digest with its article, for the story page."""

    text: str
    article: str
    title: str
    site: str
    n_sources: int
    """Independent sources that state it (a copy group counts once)."""
    supporters: list[dict[str, str]] = field(default_factory=list)
    """``{"article", "title", "site"}`` of the other independent sources."""
    date_label: str = ""
    event: str = ""


@dataclass(slots=True)
class Contradiction:
    kind: str
    values: list[str]
    spans: list[dict[str, str]]
    """``{"article", "title", "site", "text"}``: the disagreeing sentences."""


@dataclass(slots=True)
class StoryView:
    story: Story
    summary: StorySummary
    events: list[EventView]
    quotes: list[QuoteGroup]
    digest: list[CitedLine] = field(default_factory=list)
    """The cited summary."""
    timeline: list[CitedLine] = field(default_factory=list)
    claims: list[CitedLine] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)


@dataclass(slots=True)
class Snapshot:
    """One analysis of the store plus the indexes the pages use."""

    analysis: Analysis
    signature: Signature
    seconds: float
    """How long the analysis took."""
    articles: dict[str, Article] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    story_of_event: dict[str, str] = field(default_factory=dict)
    event_of_article: dict[str, str] = field(default_factory=dict)
    group_of: dict[str, CopyGroup] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    summaries: dict[str, StorySummary] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)
    biggest: list[str] = field(default_factory=list)
    n_sources: int = 0
    """Distinct sources in the store (a copy group counts once)."""
    _story_views: dict[str, StoryView] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def build(cls, analysis: Analysis, signature: Signature, seconds: float) -> Snapshot:
        snap = cls(analysis, signature, seconds)
        snap.articles = {a.id: a for a in analysis.articles}
        snap.events = {e.id: e for e in analysis.events}
        snap.stories = {s.id: s for s in analysis.stories}
        snap.story_of_event = {e: s.id for s in analysis.stories for e in s.events}
        snap.event_of_article = {a: e.id for e in analysis.events for a in e.articles}
        snap.group_of = {m: g for g in analysis.copies for m in g.members}
        snap.entities = {e.id: e for e in analysis.entities}
        for s in analysis.stories:
            snap.summaries[s.id] = snap._summary(s)
        snap.n_sources = len({snap.source_key(a) for a in snap.articles})
        order = list(snap.summaries.values())
        snap.recent = [x.id for x in sorted(order, key=lambda x: (x.last_day or date.min, x.n_sources), reverse=True)]
        snap.biggest = [x.id for x in sorted(order, key=lambda x: (x.n_sources, x.n_articles), reverse=True)]
        return snap

    # -- indexes -----------------------------------------------------------
    def source_key(self, article_id: str) -> str:
        """Articles of one copy group are one source."""
        g = self.group_of.get(article_id)
        return g.id if g is not None else article_id

    def story_articles(self, story: Story) -> list[str]:
        return [a for e in story.events if e in self.events for a in self.events[e].articles]

    def _summary(self, s: Story) -> StorySummary:
        ids = self.story_articles(s)
        arts = [self.articles[i] for i in ids if i in self.articles]
        sites: dict[str, int] = {}
        for a in arts:
            sites[site_of(a)] = sites.get(site_of(a), 0) + 1
        days: list[date] = []
        labels: list[str] = []
        dated: list[date] = []
        bounds: list[date] = []
        for e in s.events:
            label, kind, day = event_date_label(self.analysis, e)
            labels.append(label.split(" (")[0])
            if day:
                days.append(day)
                (dated if kind == "dated" else bounds).append(day)
        days += [d.day for d in map(article_date, arts) if d.day]
        return StorySummary(
            id=s.id,
            title=s.title or (display_title(arts[0]) if arts else "Untitled story"),
            n_events=len(s.events),
            n_articles=len(arts),
            n_sources=len({self.source_key(a.id) for a in arts}),
            sites=[k for k, _ in sorted(sites.items(), key=lambda kv: -kv[1])[:4]],
            date_label=labels[0] if len(labels) == 1 else story_date_label(dated, bounds),
            last_day=max(days) if days else None,
        )

    # -- pages -------------------------------------------------------------
    def row(self, a: Article) -> CopyRow:
        flags: list[str] = []
        g = self.group_of.get(a.id)
        if g is not None and g.original != a.id and g.original in self.articles:
            word = COPY_WORDS.get(g.kinds.get(a.id, ""), "copy")
            flags.append(f"{word} of {display_title(self.articles[g.original], 60)}")
        late = self.analysis.late.get(a.id)
        if late is not None:
            flags.append(f"late copy +{late.gap_days} days")
        return CopyRow(a, display_title(a), site_of(a), article_date(a), flags)

    def event_view(self, event: Event, number: int) -> EventView:
        label, kind, day = event_date_label(self.analysis, event.id)
        d = self.analysis.event_dates.get(event.id)
        cards: dict[str, SourceCard] = {}
        members = [self.articles[i] for i in event.articles if i in self.articles]
        for a in members:
            key = self.source_key(a.id)
            row = self.row(a)
            if key not in cards:
                cards[key] = SourceCard(row, [], key if key != a.id else None)
            else:
                cards[key].copies.append(row)
        for card in cards.values():  # the group's original leads its card
            g = self.group_of.get(card.lead.article.id)
            if g is not None and card.lead.article.id != g.original:
                for i, c in enumerate(card.copies):
                    if c.article.id == g.original:
                        card.copies[i], card.lead = card.lead, c
                        break

        def when(card: SourceCard) -> tuple[int, date, str]:
            d = card.lead.date.day
            return (d is None, d or date.max, card.lead.article.id)

        return EventView(
            event=event,
            number=number,
            date_label=label,
            date_kind=kind,
            day=day,
            evidence=list(d.evidence) if d else [],
            sources=sorted(cards.values(), key=when),
            n_articles=len(members),
        )

    def quote_groups(self, article_ids: list[str]) -> list[QuoteGroup]:
        """Quotes of these articles grouped by speaker, most quoted first; a quote repeated by copies is shown once.

        A speaker linked to an entity is grouped under the entity (its name heads the group, the ways the
        articles wrote it are its aliases); an unlinked one under its description, normalised.
        """
        entities = self.entities
        groups: dict[str, QuoteGroup] = {}
        forms: dict[str, dict[str, int]] = {}
        seen: dict[tuple[str, str], dict[str, Any]] = {}
        # originals first, so a repeated quote is credited to the original
        order = sorted(article_ids, key=lambda i: self.group_of[i].original != i if i in self.group_of else False)
        for aid in order:
            a = self.articles.get(aid)
            if a is None:
                continue
            for i, q in enumerate(self.analysis.quotes.get(aid, [])):
                written = " ".join((q.speaker or "unattributed").split())
                eid = self.analysis.speaker_of(aid, i)
                ent = entities.get(eid) if eid else None
                key = f"entity:{ent.id}" if ent is not None else f"text:{description_key(written)}"
                group = groups.get(key)
                if group is None:
                    group = groups[key] = QuoteGroup(ent.name if ent is not None else written, [], ent.id if ent else None)
                    forms[key] = {}
                forms[key][written] = forms[key].get(written, 0) + 1
                norm = " ".join(re.findall(r"\w+", q.text.casefold()))
                if (key, norm) in seen:
                    seen[(key, norm)]["also"] += 1
                    continue
                item = {
                    "text": q.text, "kind": q.kind, "article": aid, "title": display_title(a, 60),
                    "start": q.start, "end": q.end, "also": 0,
                }
                seen[(key, norm)] = item
                group.quotes.append(item)
        for key, group in groups.items():
            heading = description_key(group.speaker)
            group.aliases = [
                f for f, _ in sorted(forms[key].items(), key=lambda kv: (-kv[1], kv[0])) if description_key(f) != heading
            ]
        return sorted(groups.values(), key=lambda g: (-len(g.quotes), g.speaker.casefold()))

    def speaker_label(self, article_id: str, index: int) -> str:
        """The canonical name of the speaker of quote ``index`` of the article (its entity's name, else as written)."""
        quotes = self.analysis.quotes.get(article_id, [])
        if index >= len(quotes):
            return ""
        eid = self.analysis.speaker_of(article_id, index)
        ent = self.entities.get(eid) if eid else None
        return ent.name if ent is not None else " ".join(quotes[index].speaker.split())

    def story_view(self, story_id: str) -> StoryView | None:
        story = self.stories.get(story_id)
        if story is None:
            return None
        with self._lock:
            view = self._story_views.get(story_id)
        if view is not None:
            return view
        events = [self.event_view(self.events[e], n) for n, e in enumerate(story.events, 1) if e in self.events]
        view = StoryView(story, self.summaries[story_id], events, self.quote_groups(self.story_articles(story)))
        self._digest_view(view)
        with self._lock:
            if len(self._story_views) > 2048:
                self._story_views.clear()
            self._story_views[story_id] = view
        return view

    def _cite(self, article_id: str) -> dict[str, str]:
        a = self.articles.get(article_id)
        return {"article": article_id, "title": display_title(a, 60) if a else article_id, "site": site_of(a) if a else ""}

    def _line(self, item: dict[str, Any], others: list[str], n_sources: int) -> CitedLine:
        c = self._cite(item["article"])
        return CitedLine(
            text=item["text"],
            article=item["article"],
            title=c["title"],
            site=c["site"],
            n_sources=n_sources,
            supporters=[self._cite(o) for o in others if o != item["article"]],
        )

    def _digest_view(self, view: StoryView) -> None:
        digest = self.analysis.digests.get(view.story.id)
        if digest is None:
            return
        view.digest = [self._line(x, x["sources"], len(x["sources"])) for x in digest.summary]
        for x in digest.timeline:
            line = self._line(x, x["sources"], len(x["sources"]))
            line.event = x["event"]
            line.date_label = event_date_label(self.analysis, x["event"])[0]
            view.timeline.append(line)
        view.claims = [
            self._line(x, [s["article"] for s in x["supported_by"]], x["independent_sources"]) for x in digest.claims
        ]
        for c in digest.contradictions:
            spans = []
            for sp in c["spans"]:
                a = self.articles.get(sp["article"])
                spans.append({**self._cite(sp["article"]), "text": a.text[sp["start"] : sp["end"]] if a else ""})
            view.contradictions.append(Contradiction(c["kind"], list(c["values"]), spans))

    # -- JSON (the export's item shapes) -----------------------------------
    def article_item(self, article_id: str) -> dict[str, Any] | None:
        a = self.articles.get(article_id)
        return export_article(a, self.analysis) if a is not None else None

    def story_item(self, s: Story) -> dict[str, Any]:
        return export_story(s, self.analysis)

    def event_item(self, e: Event) -> dict[str, Any]:
        d = self.analysis.event_dates.get(e.id)
        return {"id": e.id, "title": e.title, "articles": e.articles, "date": d.to_dict() if d else None}

    def story_document(self, story_id: str) -> dict[str, Any] | None:
        s = self.stories.get(story_id)
        if s is None:
            return None
        ids = self.story_articles(s)
        groups = {self.group_of[i].id: self.group_of[i] for i in ids if i in self.group_of}
        return {
            "story": self.story_item(s),
            "events": [self.event_item(self.events[e]) for e in s.events if e in self.events],
            "articles": [export_article(self.articles[i], self.analysis) for i in ids if i in self.articles],
            "duplicates": [export_copy_group(g, self.articles) for g in groups.values()],
            "quotes": export_quotes(self.analysis, ids),
            "speakers": [g.to_dict() for g in self.quote_groups(ids)],
        }


# --------------------------------------------------------------------------- the cache


class AnalysisCache:
    """The analysis of one store, computed once and refreshed when its articles change."""

    def __init__(
        self,
        store: Store,
        *,
        check_every: float = 2.0,
        analyser: Callable[[list[Article]], Analysis] = analyse,
        on_refresh: Callable[[Snapshot], None] | None = None,
    ) -> None:
        self.store = store
        self.check_every = check_every
        self.analyser = analyser
        self.on_refresh = on_refresh
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()
        self._refreshing = False
        self._checked = 0.0

    def signature(self) -> Signature:
        with self.store.engine.connect() as conn:
            count, top = conn.execute(select(func.count(), func.max(articles_table.c.seq))).one()
        return int(count or 0), int(top or 0)

    def _compute(self, signature: Signature) -> Snapshot:
        t0 = time.perf_counter()
        analysis = self.analyser(list(self.store.articles()))
        snap = Snapshot.build(analysis, signature, time.perf_counter() - t0)
        log.info("analysed %d articles in %.1f s", signature[0], snap.seconds)
        if self.on_refresh is not None:
            self.on_refresh(snap)
        return snap

    def get(self) -> Snapshot:
        """The current snapshot; the first call computes it, later ones may start a background refresh."""
        snap = self._snapshot
        if snap is None:
            with self._lock:
                if self._snapshot is None:
                    self._snapshot = self._compute(self.signature())
                    self._checked = time.monotonic()
                return self._snapshot
        now = time.monotonic()
        if now - self._checked >= self.check_every and not self._refreshing:
            self._checked = now
            sig = self.signature()
            if sig != snap.signature:
                self._start_refresh(sig)
        return snap

    def _start_refresh(self, signature: Signature) -> None:
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True

        def run() -> None:
            try:
                self._snapshot = self._compute(signature)
            except Exception:  # keep serving the old snapshot
                log.exception("re-analysis failed; still serving the previous one")
            finally:
                self._refreshing = False

        threading.Thread(target=run, name="storydesk-analyse", daemon=True).start()

    def refresh_now(self) -> Snapshot:
        """Recompute synchronously (tests, and the first start)."""
        with self._lock:
            self._snapshot = self._compute(self.signature())
            self._checked = time.monotonic()
            return self._snapshot
