"""Direct-quote extraction and speaker attribution (see :mod:`storydesk.quotes.attribution`)."""

from __future__ import annotations

from storydesk.quotes.attribution import Quote, find_quotes

__all__ = ["Quote", "find_quotes"]
