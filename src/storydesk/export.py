"""The JSON export: the analysed state of a store as one document.

Its shape is published as a JSON Schema (``storydesk/schema/export.schema.json``,
versioned by ``SCHEMA_VERSION``); other tools and evaluation scripts rely on it.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from .analysis import Analysis
from .records import Article

__all__ = ["SCHEMA_VERSION", "export_document", "export_schema"]

SCHEMA_VERSION = "1.0.0"


def _article(a: Article) -> dict[str, Any]:
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
        "crawled": a.fetched_at,
    }


def export_document(analysis: Analysis, failures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "articles": [_article(a) for a in analysis.articles],
        "duplicates": [
            {"id": g.id, "kind": g.kind, "members": g.members, "original": g.original, "similarity": g.similarity}
            for g in analysis.duplicates
        ],
        "events": [{"id": e.id, "title": e.title, "articles": e.articles} for e in analysis.events],
        "stories": [{"id": s.id, "title": s.title, "events": s.events} for s in analysis.stories],
        "failures": failures or [],
    }


def export_schema() -> dict[str, Any]:
    ref = resources.files("storydesk.schema").joinpath("export.schema.json")
    return json.loads(ref.read_text(encoding="utf-8"))
