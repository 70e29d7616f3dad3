"""Corpus-level analysis over the stored articles: copies, events, stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Article
from ..quotes import Quote, find_quotes
from ..temporal import Timex
from .dates import EventDate, LateFlag, article_timexes, date_event, late_copies
from .copies import CopyGroup, CopyOptions, find_copies
from .events import Event
from .eventstream import StreamOptions, cluster_stream
from .entities import Entity, EntityOptions, EntityResult, Mention, find_entities, name_index, speaker_entity, speaker_name
from .stories import StoryOptions, link_stories
from .summary import DigestOptions, StoryDigest, digest_stories, independent_sources

__all__ = ["Analysis", "Story", "StoryDigest", "analyse", "speaker_names", "CopyGroup", "Event", "Entity", "EntityOptions", "EntityResult", "Mention", "StoryOptions", "StreamOptions"]


@dataclass(slots=True)
class Story:
    id: str
    title: str
    events: list[str]


@dataclass(slots=True)
class Analysis:
    articles: list[Article]
    copies: list[CopyGroup]
    """Groups of copies (exact, near, excerpt, rewrite), each with its likely original."""
    events: list[Event]
    stories: list[Story]
    timexes: dict[str, list[Timex]] = field(default_factory=dict)
    """Resolved time expressions per article id."""
    event_dates: dict[str, EventDate] = field(default_factory=dict)
    late: dict[str, LateFlag] = field(default_factory=dict)
    """Late-copy flags per article id."""
    quotes: dict[str, list[Quote]] = field(default_factory=dict)
    """Quotes with their speakers, per article id."""
    digests: dict[str, StoryDigest] = field(default_factory=dict)
    """Per story id: cited summary, dated timeline, corroborated claims and contradictions."""
    entities: list[Entity] = field(default_factory=list)
    """People, organisations and places, canonicalised across articles."""
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    """Entity mentions per article id (character spans of the text)."""
    speakers: dict[str, list[str | None]] = field(default_factory=dict)
    """Per article id, the entity id of each quote's speaker (parallel to ``quotes``; None for a description)."""

    def speaker_of(self, article_id: str, index: int) -> str | None:
        """The entity id of the speaker of quote ``index`` of the article."""
        ids = self.speakers.get(article_id)
        return ids[index] if ids is not None and index < len(ids) else None


def analyse(
    articles: Sequence[Article],
    copy_options: CopyOptions | None = None,
    event_options: StreamOptions | None = None,
    digest_options: DigestOptions | None = None,
    story_options: StoryOptions | None = None,
    entity_options: EntityOptions | None = None,
) -> Analysis:
    articles = list(articles)
    groups = find_copies(articles, copy_options)
    same_as = {m: g.original for g in groups for m in g.members}
    # Online: the articles stream in their stored (arrival) order; each joins an event or opens one.
    events = cluster_stream(articles, event_options, same_as)
    timexes = {a.id: article_timexes(a) for a in articles}
    by_id = {a.id: a for a in articles}
    event_dates: dict[str, EventDate] = {}
    late: dict[str, LateFlag] = {}
    for e in events:
        members = [by_id[i] for i in e.articles]
        event_dates[e.id] = date_event(members, timexes)
        late.update((f.article, f) for f in late_copies(members, event_dates[e.id]))
    quotes = {a.id: find_quotes(a.text) for a in articles}
    found = find_entities(
        articles, {aid: [(q.speaker_start, q.speaker_end, q.speaker) for q in qs] for aid, qs in quotes.items()},
        entity_options,
    )
    sources_of = {e.id: independent_sources(e.articles, groups) for e in events}
    date_key = {e.id: _date_key(event_dates.get(e.id)) for e in events}
    linked = link_stories(events, by_id, sources_of, found.mentions, found.entities, date_key, story_options)
    stories = [Story(f"s{n + 1}", title, ids) for n, (title, ids) in enumerate(linked)]
    names = name_index(found.entities)
    speakers = {
        aid: [
            speaker_entity(by_id[aid].text, q.speaker, q.speaker_start, q.speaker_end, found.mentions.get(aid, []), names)
            for q in qs
        ]
        for aid, qs in quotes.items()
    }
    analysis = Analysis(
        articles, groups, events, stories, timexes, event_dates, late, quotes,
        entities=found.entities, mentions=found.mentions, speakers=speakers,
    )
    analysis.digests = digest_stories(analysis, digest_options)
    return analysis


def speaker_names(text: str, quotes: Sequence[Quote]) -> list[str]:
    """The canonical speaker name of each quote of one text analysed alone (``storydesk quotes``).

    Without a corpus the entities are this text's: a surname after a full name resolves to the full name as
    the text writes it ("Kim" -> "Kim Jong-un"), a title is dropped ("Russian President Vladimir Putin" ->
    "Vladimir Putin"); a described speaker keeps its description.
    """
    art = Article(source="<text>", page_hash="0" * 16, kind="text", text=text, id="t")
    found = find_entities([art], {"t": [(q.speaker_start, q.speaker_end, q.speaker) for q in quotes]})
    ents = found.by_id()
    names = name_index(found.entities)
    mentions = found.mentions.get("t", [])
    out = []
    for q in quotes:
        eid = speaker_entity(text, q.speaker, q.speaker_start, q.speaker_end, mentions, names)
        out.append(speaker_name(ents.get(eid) if eid else None, q.speaker))
    return out


def _date_key(d: EventDate | None) -> tuple[int, str]:
    """Known dates first, in order; then unknown ones by their "before" bound."""
    if d is not None and d.value:
        return (0, d.value)
    return (1, (d.before or "9999") if d else "9999")
