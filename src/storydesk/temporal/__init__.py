"""Time-expression tagging and normalisation (TimeML TIMEX3 style)."""

from __future__ import annotations

from storydesk.temporal.timex import Timex, find_timexes

__all__ = ["Timex", "find_timexes"]
