"""Corpus-level analysis over the stored articles: copies, events, stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Article
from .duplicates import DuplicateGroup, DuplicateOptions, find_duplicates
from .events import Event, EventOptions, cluster_events

__all__ = ["Analysis", "Story", "analyse", "DuplicateGroup", "Event"]


@dataclass(slots=True)
class Story:
    id: str
    title: str
    events: list[str]


@dataclass(slots=True)
class Analysis:
    articles: list[Article]
    duplicates: list[DuplicateGroup]
    events: list[Event]
    stories: list[Story]


def analyse(
    articles: Sequence[Article],
    duplicate_options: DuplicateOptions | None = None,
    event_options: EventOptions | None = None,
) -> Analysis:
    articles = list(articles)
    groups = find_duplicates(articles, duplicate_options)
    same_as = {m: g.original for g in groups for m in g.members}
    events = cluster_events(articles, event_options, same_as)
    # First version: one story per event (the events issue links events into stories).
    stories = [Story(f"s{n + 1}", e.title, [e.id]) for n, e in enumerate(events)]
    return Analysis(articles, groups, events, stories)
