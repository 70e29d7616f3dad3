"""The JSON export: the analysed state of a store as one document.

Its shape is published as a JSON Schema (``storydesk/schema/export.schema.json``,
versioned by ``SCHEMA_VERSION``); other tools and evaluation scripts rely on it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .analysis import Analysis, Story
from .analysis.copies import CopyGroup, link_evidence
from .analysis.entities import Entity, speaker_name
from .quotes import Quote
from .records import Article

__all__ = ["SCHEMA_VERSION", "article_fields", "article_json", "copy_group_json", "quote_dict", "quote_entity", "quote_items", "story_json", "export_document", "export_schema"]

SCHEMA_VERSION = "1.7.0"


def article_fields(a: Article) -> dict[str, Any]:
    """What an article says by itself (before any corpus analysis)."""
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "record_id": a.record_id,
        "kind": a.kind,
        "title": a.title,
        "site": a.site,
        "author": a.author,
        "text": a.text,
        "published": a.published.value if a.published else None,
        "published_evidence": a.published.to_dict() if a.published else None,
        "published_before": a.published_before.to_dict() if a.published_before else None,
        "date_evidence": a.date_evidence,
        "date_conflicts": a.date_conflicts,
        "crawled": a.fetched_at,
    }


def article_json(a: Article, analysis: Analysis) -> dict[str, Any]:
    late = analysis.late.get(a.id)
    return {
        **article_fields(a),
        "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in analysis.timexes.get(a.id, [])
        ],
        "late_copy": late.to_dict() if late else None,
        "mentions": [m.to_dict() for m in analysis.mentions.get(a.id, [])],
    }


def copy_group_json(g: CopyGroup, by_id: dict[str, Article]) -> dict[str, Any]:
    return {
        "id": g.id,
        "members": g.members,
        "original": g.original,
        "reason": g.reason,
        "kinds": g.kinds,
        "links": [
            {
                "original": lk.original,
                "copy": lk.copy,
                "kind": lk.kind,
                "score": lk.score,
                "evidence": link_evidence(by_id[lk.original], by_id[lk.copy]),
            }
            for lk in g.links
        ],
    }


def story_json(s: Story, analysis: Analysis) -> dict[str, Any]:
    """A story with its cited summary, timeline, claims and contradictions (every item with article and span)."""
    digest = analysis.digests.get(s.id)
    extra = digest.to_dict() if digest is not None else {"summary": [], "timeline": [], "claims": [], "contradictions": []}
    return {"id": s.id, "title": s.title, "events": s.events, **extra}


def quote_dict(q: Quote) -> dict[str, Any]:
    return {
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": q.speaker,
        "speaker_start": q.speaker_start,
        "speaker_end": q.speaker_end,
        "cue": q.cue,
        "kind": q.kind,
    }


def quote_entity(analysis: Analysis, article_id: str, q: Quote) -> str | None:
    """The entity id of a quote's speaker (the name heading the speaker phrase; None for a described speaker)."""
    for i, x in enumerate(analysis.quotes.get(article_id, [])):
        if x is q:
            return analysis.speaker_of(article_id, i)
    return None


def quote_items(analysis: Analysis, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """The export's ``quotes``: each quote with its article, ``speaker_name`` and ``speaker_entity``."""
    entities: dict[str, Entity] = {e.id: e for e in analysis.entities}
    out = []
    for aid in analysis.quotes if article_ids is None else article_ids:
        for i, q in enumerate(analysis.quotes.get(aid, [])):
            eid = analysis.speaker_of(aid, i)
            out.append({
                "article": aid,
                **quote_dict(q),
                "speaker_name": speaker_name(entities.get(eid) if eid else None, q.speaker),
                "speaker_entity": eid,
            })
    return out


def export_document(analysis: Analysis, failures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    by_id = {a.id: a for a in analysis.articles}
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [article_json(a, analysis) for a in analysis.articles],
        "duplicates": [copy_group_json(g, by_id) for g in analysis.copies],
        "events": [
            {
                "id": e.id,
                "title": e.title,
                "articles": e.articles,
                "date": analysis.event_dates[e.id].to_dict() if e.id in analysis.event_dates else None,
                "merged": e.merged,
            }
            for e in analysis.events
        ],
        "stories": [story_json(s, analysis) for s in analysis.stories],
        "entities": [e.to_dict() for e in analysis.entities],
        "quotes": quote_items(analysis),
        "failures": failures or [],
    }


def export_schema() -> dict[str, Any]:
    ref = resources.files("storydesk.schema").joinpath("export.schema.json")
    return json.loads(ref.read_text(encoding="utf-8"))
