"""Templates and what they draw: the Jinja2 environment, highlighted text, the timeline chart.

Everything scraped reaches the page as plain strings through Jinja2's
autoescape (on for every template whatever its extension); nothing here
builds markup from scraped text.  Highlighting and the SVG timeline are
computed as data (segments, coordinates) and drawn by the templates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..quotes import Quote
from ..temporal import Timex
from .data import StoryView, description_key, fmt_day
from .security import http_url

__all__ = ["Paragraph", "Segment", "Timeline", "environment", "highlight", "timeline"]


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storydesk.web", "templates"),
        autoescape=True,  # every template, .html or .svg: scraped text is hostile
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["day"] = fmt_day
    env.filters["http_url"] = http_url
    env.filters["plural"] = lambda n, word, many=None: f"{n} {word if n == 1 else (many or word + 's')}"
    env.globals["description_key"] = description_key
    return env


# --------------------------------------------------------------------------- highlighted text


@dataclass(slots=True)
class Segment:
    text: str
    classes: str
    """Space-separated CSS classes (``quote``, ``speaker``, ``timex``), empty for plain text."""
    note: str = ""
    """Tooltip: the timex value or the quote's speaker."""


@dataclass(slots=True)
class Paragraph:
    segments: list[Segment] = field(default_factory=list)


def highlight(text: str, quotes: list[Quote], timexes: list[Timex]) -> list[Paragraph]:
    """Split ``text`` into paragraphs of segments marked as quote / speaker / timex (spans may overlap)."""
    spans: list[tuple[int, int, str, str]] = []
    for q in quotes:
        spans.append((q.start, q.end, "quote", f"{q.kind} quote, {q.speaker or 'unattributed'}"))
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end, "speaker", "speaker"))
    for t in timexes:
        spans.append((t.start, t.end, "timex", f"{t.type} {t.value}"))
    paragraphs: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):  # blank lines separate paragraphs
        lo, hi = m.start(), m.end()
        inside = [(max(lo, s), min(hi, e), c, note) for s, e, c, note in spans if s < hi and e > lo and s < e]
        cuts = sorted({lo, hi, *(s for s, *_ in inside), *(e for _, e, *_ in inside)})
        para = Paragraph()
        for a, b in pairwise(cuts):
            covering = [(c, note) for s, e, c, note in inside if s <= a and b <= e]
            para.segments.append(
                Segment(
                    text[a:b].replace("\n", " "),
                    " ".join(sorted({c for c, _ in covering})),
                    "; ".join(dict.fromkeys(note for _, note in covering)),
                )
            )
        paragraphs.append(para)
    return [p for p in paragraphs if any(s.text.strip() for s in p.segments)]


# --------------------------------------------------------------------------- timeline chart


WIDTH = 720
LEFT, RIGHT = 16, 110  # plot margins; the right one holds the "undated" lane
ROW = 46
TOP = 30


@dataclass(slots=True)
class Mark:
    x: float
    y: float
    kind: str
    """``dated``, ``bound`` or ``undated`` (events); ``published``, ``bound``, ``unknown`` (articles)."""
    label: str
    title: str
    href: str = ""
    late: bool = False


@dataclass(slots=True)
class Tick:
    x: float
    label: str


@dataclass(slots=True)
class Timeline:
    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    undated_x: float
    ticks: list[Tick]
    rows: list[dict[str, Any]]
    """Per event: ``y``, ``label``, ``number``, ``mark`` (the event), ``articles`` (marks), ``bound_from``."""


def _ticks(lo: date, hi: date, x_of: Any, most: int = 6) -> list[Tick]:
    """Evenly spaced ticks on round steps (days, weeks, months, years), the first one with its year."""
    span = max(1, (hi - lo).days)
    step = next((s for s in (1, 2, 7, 14, 30, 61, 91, 182, 365, 730, 1826) if span / s <= most), 3652)
    out: list[Tick] = []
    d = lo
    while d <= hi:
        if step >= 30:
            label = f"{d:%b %Y}" if step < 365 else f"{d:%Y}"
        else:
            label = f"{d.day} {d:%b}" + (f" {d:%Y}" if not out or d.year != lo.year else "")
        out.append(Tick(x_of(d), label))
        d += timedelta(days=step)
    return out


def timeline(view: StoryView, base: str = "") -> Timeline:
    """Coordinates of the story's chart: one row per event, its articles as small marks below it."""
    days: list[date] = []
    for ev in view.events:
        if ev.day:
            days.append(ev.day)
        for card in ev.sources:
            days += [r.date.day for r in (card.lead, *card.copies) if r.date.day]
    lo, hi = (min(days), max(days)) if days else (date.today(), date.today())
    pad = max(3, (hi - lo).days // 12, (14 - (hi - lo).days) // 2)
    lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    undated_x = WIDTH - RIGHT / 2

    def x_of(d: date | None) -> float:
        if d is None:
            return undated_x
        return plot_left + (plot_right - plot_left) * (d - lo).days / max(1, (hi - lo).days)

    rows: list[dict[str, Any]] = []
    for i, ev in enumerate(view.events):
        y = TOP + ROW * i + 16
        mark = Mark(x_of(ev.day), y, ev.date_kind, ev.date_label, ev.event.title, f"#{ev.event.id}")
        arts: list[Mark] = []
        stack: dict[int, int] = {}
        for card in ev.sources:
            for r in (card.lead, *card.copies):
                x = x_of(r.date.day)
                k = stack.get(round(x), 0)
                stack[round(x)] = k + 1
                arts.append(
                    Mark(
                        x + (k % 6) * 5 * (-1 if x > plot_right else 1),
                        y + 14 + (k // 6) * 5,
                        r.date.kind,
                        r.date.label,
                        f"{r.title} ({r.site}, {r.date.label})",
                        f"{base}/articles/{r.article.id}",
                        any(f.startswith("late copy") for f in r.flags),
                    )
                )
        rows.append({
            "y": y,
            "number": ev.number,
            "label": ev.event.title if len(ev.event.title) <= 70 else ev.event.title[:69] + "…",
            "mark": mark,
            "articles": arts,
            "bound_from": plot_left if ev.date_kind == "bound" else None,
        })
    axis_y = TOP + ROW * len(view.events) + 8
    return Timeline(WIDTH, int(axis_y + 34), plot_left, plot_right, axis_y, undated_x, _ticks(lo, hi, x_of), rows)
