"""When was a page published?  Publication, crawl and page dates kept apart.

Dates on crawled pages lie: a site header shows the day the page was served,
a content farm stamps its own date on a years-old wire story, a "last updated"
line moves.  This module collects every date a page shows, says what kind of
evidence each one is, and only then decides:

- ``published``: a date the page presents as its publication date (markup via
  htmldate, a byline / "Published" line between the title and the body, or a
  dateline), with its evidence and a confidence;
- ``published_before``: an upper bound ("published on or before") from dates
  that say when the page *existed* but not when it was written: the site's
  "today" header above the title, a machine stamp with seconds, the crawl
  time.  A bound is never passed off as a publication date;
- a publication date that its own page contradicts (later than a bound) is
  dropped, and the conflict is recorded.

Unknown is a valid answer: nothing here guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..records import DateValue
from .timex import Timex, find_timexes

__all__ = ["DateEvidence", "PageDates", "date_text_page", "date_html_page", "iso_day"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_STAMP = re.compile(r"^\W*(date|datum|fecha|time|timestamp)?\s*:?\s*\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}", re.I)
_PUBLISH_CUE = re.compile(
    r"\b(published|posted|updated|modified|first published|publi[ée]|veröffentlicht|publicado)\b|\bby\s+[A-Z]|"
    r"\d{1,2}:\d{2}|\b(am|pm|a\.m\.|p\.m\.|gmt|utc|est|edt|pst|pdt|cet|kst|jst)\b",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\d{1,2}:\d{2}|\b(am|pm|a\.m\.|p\.m\.)\b", re.IGNORECASE)
_UPDATED = re.compile(r"\b(updated|modified|last updated)\b", re.I)
_HAS_DIGIT = re.compile(r"\d")
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)


def iso_day(value: str | None) -> date | None:
    """The calendar day of an ISO value ("2024-06-12", "2024-06-12T10:00"), else None."""
    if not value:
        return None
    m = _ISO_DAY.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass(slots=True)
class DateEvidence:
    """One date shown by a page, and what it is evidence of."""

    value: str
    kind: str
    """``byline``, ``dateline``, ``markup``, ``site-header``, ``page-stamp``, ``updated``, ``crawl``."""
    text: str
    """The line or field it was read from."""
    line: int | None = None
    """Index of the non-empty line of the page (text dumps), else None."""

    def to_dict(self) -> dict[str, object]:
        return {"value": self.value, "kind": self.kind, "text": self.text, "line": self.line}


@dataclass(slots=True)
class PageDates:
    published: DateValue | None = None
    published_before: DateValue | None = None
    evidence: list[DateEvidence] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


_PUBLICATION_KINDS = {"byline": 0.7, "markup": 0.8, "dateline": 0.6}
_BOUND_KINDS = ("site-header", "page-stamp", "crawl")


# A day-precise value needs a year written in the line: four digits, a numeric
# date with a two-digit year ("11/19/19") or a spelled-out year ("nineteen
# ninety-eight", "two thousand and one"); the tagger resolves nothing else to a
# day without an anchor.  Lines with none of them are not tagged at all: the
# tagger is most of this module's cost, and two thirds of the digit-bearing
# header lines of the development dumps (428 of 641) have no year.
_MAY_HAVE_YEAR = re.compile(r"\d{4}|\d[/.-]\d{1,2}[/.-]\d|nineteen|thousand", re.IGNORECASE)


def _full_dates(line: str, timexes: list[Timex]) -> list[str]:
    """Day-precise dates in a line (absolute forms only: no anchor is used), from its ``timexes``."""
    out = []
    for t in timexes:
        if t.type in ("DATE", "TIME") and iso_day(t.value):
            out.append(t.value[:10])
    if not out:
        m = _ISO_DAY.search(line)
        if m and iso_day(m.group(0)):
            out.append(m.group(0))
    return out


def _date_share(line: str, timexes: list[Timex]) -> float:
    """How much of a line its time expressions (``timexes``) and weekday names cover."""
    covered = sum(t.end - t.start for t in timexes)
    covered += sum(len(m.group()) for m in _WEEKDAY.finditer(line))
    letters = len(re.sub(r"[\W_]+", "", line)) or 1
    return min(covered / letters, 1.0)


def _decide(evidence: list[DateEvidence]) -> PageDates:
    out = PageDates(evidence=evidence)
    bounds = [e for e in evidence if e.kind in _BOUND_KINDS]
    if bounds:
        first = min(bounds, key=lambda e: e.value[:10])
        out.published_before = DateValue(first.value[:10], f"{first.kind}: {first.text}"[:200], 0.9)
    candidates = [e for e in evidence if e.kind in _PUBLICATION_KINDS]
    # Strongest kind first; among bylines, the one nearest the body (the byline
    # sits between headline and text; dates further up are page furniture).
    candidates.sort(key=lambda e: (-_PUBLICATION_KINDS[e.kind], -(e.line if e.line is not None else 0)))
    for cand in candidates:
        day = iso_day(cand.value)
        bound = iso_day(out.published_before.value) if out.published_before else None
        if day and bound and day > bound:
            out.conflicts.append(
                f"{cand.kind} date {cand.value[:10]} is after the page's own {out.published_before.evidence}"[:300]
            )
            continue
        out.published = DateValue(cand.value[:10], f"{cand.kind}: {cand.text}"[:200], _PUBLICATION_KINDS[cand.kind])
        break
    return out


def date_text_page(
    lines: list[str], title_line: int | None, body_start: int | None, fetched_at: str | None = None
) -> PageDates:
    """Dates of a flattened page from its header zone (the lines up to the body's first lines).

    ``lines`` are the page's non-empty lines, ``title_line`` and ``body_start``
    indexes into them (None when unknown).
    """
    evidence: list[DateEvidence] = []
    end = min(len(lines), (body_start if body_start is not None else 15) + 2)
    for i in range(end):
        line = lines[i]
        if not _HAS_DIGIT.search(line) or len(line.split()) > 25 or not _MAY_HAVE_YEAR.search(line):
            continue  # a day-precise date needs digits, and a year among them
        timexes = find_timexes(line, None)  # tagged once: both the dates and their share of the line
        values = dict.fromkeys(_full_dates(line, timexes))
        date_only = bool(values) and _date_share(line, timexes) >= 0.6
        for value in values:
            before_title = title_line is not None and i < title_line
            if _STAMP.match(line):
                kind = "page-stamp"  # machine time with seconds: when the page was made, not the story
            elif before_title and i < 5 and date_only and not _CLOCK.search(line):
                kind = "site-header"  # a bare day at the top of the page: the site's "today"
            elif body_start is not None and i >= body_start:
                kind = "dateline"
            elif _UPDATED.search(line):
                kind = "updated"
            elif _PUBLISH_CUE.search(line) or date_only:
                kind = "byline"
            else:
                continue  # a date inside other text (a widget, a teaser): evidence of nothing
            evidence.append(DateEvidence(value, kind, line[:160], i))
    if fetched_at and iso_day(fetched_at):
        evidence.append(DateEvidence(fetched_at, "crawl", "crawl record", None))
    return _decide(evidence)


def date_html_page(markup_date: str | None, fetched_at: str | None = None) -> PageDates:
    """Dates of an HTML page: htmldate's original date from the markup, bounded by the crawl."""
    evidence: list[DateEvidence] = []
    if markup_date and iso_day(markup_date):
        evidence.append(DateEvidence(markup_date, "markup", "html markup or URL (htmldate, original date)"))
    if fetched_at and iso_day(fetched_at):
        evidence.append(DateEvidence(fetched_at, "crawl", "crawl record"))
    return _decide(evidence)
