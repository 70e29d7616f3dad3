"""The web UI and JSON API: ``create_app(db)`` (``storydesk serve``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["create_app"]

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..analysis import EntityOptions


def create_app(
    db: str | None = None, *, check_every: float = 2.0, entity_options: EntityOptions | None = None
) -> FastAPI:
    """The FastAPI app over the store ``db`` (imported lazily: the web extras are only needed here)."""
    from .app import create_app as _create_app

    return _create_app(db, check_every=check_every, entity_options=entity_options)
