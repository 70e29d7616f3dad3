"""Rule-based TIMEX3 tagger and normaliser for English news text.

``find_timexes(text, anchor)`` finds time expressions and gives each a TimeML
TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value``, resolving relative
expressions ("Friday", "last month", "a year ago") against ``anchor`` (the
document creation time).  The approach is HeidelTime's: a grammar of regular
expressions, one rule per kind of expression, and a resolver per rule.

How it works
------------
1. **Candidates.**  Every rule of :data:`_RULES` (name, pattern, optional guard)
   is run over the text.  A guard rejects matches by local context (e.g. "May"
   the modal verb, "1990" in "$1990" or "1,990 shares").
2. **Selection.**  Overlapping candidates are resolved longest-first, then by
   rule order; the survivors are the timex spans.
3. **Resolution.**  In text order, each span's rule handler computes type,
   value and ``mod`` from the matched text, the anchor, the tense of its clause,
   and a small discourse state (the last quarter and the last date mentioned).

Conventions (TimeML / TempEval-3, as found in TimeBank + AQUAINT)
------------------------------------------------------------------
Where the development data annotates a case both ways, the TimeML guideline
reading is kept (e.g. numbered ISO weeks for "last week" rather than TimeBank's
``XXXX-WXX``); where it annotates a case consistently, its convention is
followed even against the guideline (a bare "the week" is ``YYYY-WXX``).

Spans

- A determiner belongs to the span when the time expression is the head of its
  noun phrase ("the third quarter", "the past two months", "the weekend"), not
  when the expression modifies another noun ("the [Aug. 7] bombings",
  "the [23-year] occupation", "[third-quarter] profit", "its [fourth quarter]").
- Position modifiers are inside: "late November", "early next year",
  "mid-1996", "the end of 1990", "earlier this month" (``mod`` START/END/MID).
  Quantity hedges "nearly", "almost", "more than", "less than", "at least",
  "around" are inside; "about", "within", "over", "for", "just" stay outside.
- Prepositions ("on Friday", "in 2008"), a possessive "'s" and a trailing
  "later" ("[three days] later") are outside.

Values

- Days ``1998-08-07``, months ``1998-08``, years ``1998``, ISO weeks
  ``1998-W32`` (zero-padded), weekends ``1998-W32-WE``, quarters ``1998-Q3``,
  halves ``1998-H1``, seasons ``1998-SU|FA|WI|SP``, decades ``199`` (three
  digits, "the 1990s"), centuries ``19`` ("the 20th century").
- Deictic parts of days are TIME values ("this morning" ``...TMO``, "last
  night" ``...TNI``, "tonight"; "in the morning" is that part of the last day
  named, and no timex when no day was named); a weekday with a part of day ("Friday
  night") is the DATE of that day, as the AQUAINT annotation mostly has it.
  Clock times ``1998-08-07T10:35``; "noon" ``T12:00``, "midnight" ``T24:00``.
- Durations ``P3D``, ``P2Y``, ``PT5H``, ``P2Y6M`` ("2 1/2 years"); decades and
  centuries in years (``P10Y``, ``P100Y``; "this century" too), a vague
  "centuries" ``PXC`` (TimeBank's century letter); quarters
  ``P1Q``; vague amounts ``PXY``/``PXM``/``PTXM`` ("several years", "weeks",
  "recent months").  Ages ("a 6-year-old") are not durations.
- "two years ago" is the DATE two years before the anchor at the unit's
  granularity (``1996``; "six weeks ago" gives a week, "10 days ago" a day,
  and so do "a week ago" and "two weeks ago"); a vague "several years ago" or
  a bare "months ago" is ``PAST_REF``.
- "the month" is the anchor's month; a bare "the week" ("for the week", "the
  week's most active session") is ``YYYY-WXX``, as the data annotates it.
- Vague references: ``PRESENT_REF`` (now, "now that", currently, current),
  ``PAST_REF`` (recently, recent, the past, recent years), ``FUTURE_REF`` (the
  future, "a later date", "as soon as possible", "will one day", "coming
  quarters", and "soon" as the adverbial of a future clause: "may soon seek",
  "soon will begin", "to soon grow"; not "as soon as", "soon after", "was soon
  released").  Vague
  durations: "for years", "in years", "over the years" ``PXY``, "the weeks
  ahead" ``PXW``, "several quarters (of losses)" ``PXQ``.  Not tagged: a
  sentence-initial discourse "Now, ...", "the foreseeable future", "the
  future of ...", titles ('ABC's "This Week"'), the generic "the people of
  tomorrow", "many of today's computers", and a "that day" with no day named
  before it ("you have strong redemptions that day").
- Sets: "daily"/"every day" ``P1D``, "weekly" ``P1W``, "annually" ``P1Y``,
  "each Thursday" ``XXXX-WXX-4``, "each July" ``XXXX-07``, "Tuesday nights"
  ``XXXX-WXX-2TNI`` (and "Monday" in "Monday and Tuesday nights" ``XXXX-WXX-1TNI``),
  "every four years" ``P4Y``, "twice a day" ``P1D``,
  "three times a week" ``P1W`` (TimeML's ``freq`` is not kept).  Rates ("$5
  million a year", "8.5% annually", "10,000 units annually") are left out, as
  in the data.
- "year-end" is the day ``YYYY-12-31``; "the year ended Aug. 31" the DURATION
  ``P1Y`` (fiscal years); "fiscal 1998" and "FY1998" the year ``1998``; "Q3"
  is a quarter like "the third quarter".
- A range written "1950-53" is two DATE timexes, "1950" and "53" (value
  ``1953``): TimeML annotates a range's end points, not the range (the
  development data has no such case).  So is a day list: "April 24 and 25",
  "Oct. 12-13, 2014" give a DATE for each day, the second in the month (and
  year) of the first; "1990-1995" too, and day-first lists ("25 to 27 March",
  "12-13 May 2014": the first day in the month written after the second),
  and "Feb. 28-March 3".
- Other writing styles: "Aug 7", "Sept 11" (an abbreviation without its
  period before a number), "15/04/2013" (day first when the first number
  cannot be a month; else US order), "0600 GMT", "1400 hours" (TIME, not a
  year), "first-half profit" and "H1 2013" (halves, like quarters),
  "Tuesday last week" (that day of that week), "two weeks from now" (a DATE,
  the mirror of "two weeks ago").

Resolution

- Reference time (HeidelTime/SUTime style).  Deictic expressions (today,
  last week, this year, two years ago) are resolved against the anchor --
  or against the day of a wire dateline opening the text ("WASHINGTON,
  March 12 (Xinhua) --") when that lies up to a week before the anchor (a
  day after it, for time zones): the story was written that day.  Anaphoric
  ones ("the following month", "that year", "that summer", "the same day",
  "later that day", and "the next month" told in a past-tense clause)
  against the last date mentioned, at its own granularity: "the following
  week" after "March 5" is the week after March 5's.  Every resolved date
  becomes that reference (a year, a month, a season, "yesterday", "two years
  ago", a weekday), and so does "the next day" -- chains of "the next day
  ... the following day" walk forward -- but not "the day before" (a look
  back).  Months and month-days without a year stay anchored to the anchor
  (news mode): taking the year of the last year mentioned instead loses on
  the development data.
- The tense of a clause is the nearest cue to the left of the expression in
  its sentence, else to the right: past (said, was, had, -ed verbs, ago),
  future (will, would, 'll, is to, to be, expected to, scheduled, may, a plan
  -- "planned to leave on Thursday", "planned a rally on Saturday", left of
  the expression only -- present-tense scheduling verbs: "meet Monday",
  "resumes", "expires", "Talks resume Friday", "takes effect", "go to the
  polls"; and a present progressive or passive at most three words before the
  expression: "is meeting Friday", "are holding talks Monday", "are closed
  Monday" -- not for a possessive event, "are investigating Sunday's crash");
  "had been scheduled to", "as previously planned" and "would have" are past;
  "since" looks back.  Not cues: words in -ed that are no verbs ("United",
  "hundred", "succeed"), participles used as adjectives ("the proposed
  merger", "a Seattle-based chain"), "May" the month, an infinitive ("to meet
  demand").  Sentences end at . ! ? but not after a title, an initial or an
  abbreviation ("Mr.", "Gen.", "vs.", "U.S.", "Nov.").  A month or month-day
  after "by", "until", "till" or "effective" is a deadline or start and counts
  as future ("by February", "effective June 1"); a weekday after "by",
  "until", "till" or "before" ("until 9 a.m. Tuesday") is the nearest one,
  three days back to three ahead (a deadline is near the time of writing,
  passed or not).
- Bare weekdays: past tense or no cue -> the latest such day on or before the
  anchor (news reports what happened); future -> the earliest on or after it.
  "last Friday" is strictly before the anchor, "next Friday" strictly after.
- Months and month-days without a year ("January", "Sept. 13") take the
  nearest instance, one on the wrong side of the anchor for the tense counting
  :attr:`_Resolver.WRONG_WAY_COST` times its distance (a past-tense clause
  often names a deadline weeks ahead, rarely one ten months ahead).  "the 12th"
  is a day of the anchor's month, or of the previous (next) month when the
  tense says it must be past (future).  "last April" said in October is this
  year's, "last February" said in March last year's.
- Financial text: the quarter under discussion is the completed quarter of
  the last four named most often (the first named on a tie); a forecast
  ("the fourth quarter", "the third quarter of 1990"), an old quarter ("the
  third quarter of 1984") or an aside ("after a flat second quarter") does
  not change it -- unless its results are reported ("reported a decline in
  fourth-quarter earnings", "its fourth quarter ended Aug. 26"): a fiscal
  quarter can be over before the calendar quarter of its name.  "the quarter"
  and "the latest quarter/period" are that quarter, or the one reported on
  in this or the previous sentence (else the last completed one); "the
  quarter ended Sept. 30" the quarter ending then.  Once a quarter has been
  named, "a year ago", "a year earlier", "year-earlier" mean that quarter --
  or the one named earlier in the same sentence -- a year before, so does
  "last year" right after a compared figure ("compared with a loss of $3
  million last year", "from last year's $1.55 billion"), and "the 1988
  period" means that quarter of 1988 (earnings reports compare quarters),
  unless a nine- or six-month period is under discussion in this or the
  previous sentence (and this one names no quarter); otherwise they mean the
  year.
  "the latest fiscal year" is the last one completed.  A quarter in apposition
  names the year-ago quarter ("the comparable year-ago quarter, the second
  quarter ended Oct. 31": both 1988-Q2, and the day ends a quarter of 1988);
  "that quarter" is the quarter just named (this or the previous sentence).
- Without an anchor, what cannot be known stays ``X``: "Sept. 13" is
  ``XXXX-09-13``, "the 12th" ``XXXX-XX-12``, "Friday" ``XXXX-WXX-5``,
  "last year" ``XXXX``.

Speed: the grammar is compiled once at import; a call runs the rules that
can match the text at all (a rule whose needed literals, derived from its
pattern, are all absent is skipped: see ``_NEEDS``) and resolves the
candidates in pure Python (about 6,800 TimeBank sentences per second on one
core, 4,900 without the prefilter; a 46-character header line 56 us, was
144).  ``dateparser`` is not needed.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["Timex", "find_timexes"]


@dataclass(slots=True)
class Timex:
    """A time expression: character offsets into the input, TIMEX3 type and value.

    ``text == input[start:end]``; ``type`` is DATE, TIME, DURATION or SET;
    ``mod`` is the optional TIMEX3 modifier (START, END, MID, APPROX,
    LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE, AFTER, ...), "" if none.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""


# ---------------------------------------------------------------------------
# Lexicon
# ---------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI"}
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "fortnight": "FN",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
}  # fmt: skip
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "single": 1,
}  # fmt: skip
_VAGUE_WORDS = frozenset({"few", "several", "many", "some", "couple", "number", "dozens", "hundreds"})

# ---------------------------------------------------------------------------
# Regex building blocks (pattern strings; the grammar below combines them)
# ---------------------------------------------------------------------------

_I = re.IGNORECASE


def _w(p: str) -> str:
    """Case-insensitive group (month and weekday names stay case-sensitive)."""
    return f"(?i:{p})"


MONTH = (
    r"(?:Jan(?:uary|\.)|Feb(?:ruary|\.)|Mar(?:ch|\.)|Apr(?:il|\.)|May|Jun(?:e|\.)|Jul(?:y|\.)"
    r"|Aug(?:ust|\.)|Sept?(?:ember|\.)|Oct(?:ober|\.)|Nov(?:ember|\.)|Dec(?:ember|\.)"
    # an abbreviation without its period before a number ("Aug 7", "Sept 11", "Dec 1998")
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))"
)
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_NUMW = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand)"
)
_ORDW = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth"
    r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
)
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
SPELLED_YEAR = _w(
    r"(?:nineteen[- ](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen)|two[- ]thousand(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)
YEAR_ANY = rf"(?:{YEAR}|{SPELLED_YEAR})"
DAYNUM = _w(
    rf"(?:[0-3]?\d(?:st|nd|rd|th)?|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh"
    rf"|eighth|ninth)|{_ORDW})"
)
# cardinal amounts: digits, number words, fractions, "a", vague quantities
CARD = _w(
    rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:a|an|one)[- ]half|(?:a|one)\s+(?:hundred|thousand)|{_NUMW}(?:[- ](?:and[- ])?{_NUMW})*(?:\s+and\s+a\s+half)?"
    r"|a|an|a\s+couple\s+of|(?<=next\s|past\s|last\s)couple\s+of|a\s+few|few|several|a\s+number\s+of|many|some|dozens\s+of)"
)
UNIT = _w(r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ies))s?")
QNUM = _w(r"(?:first|second|third|fourth|1st|2nd|3rd|4th)")
POS_MOD = _w(
    r"(?:(?:early|late|mid|the\s+(?:beginning|start|end|middle|close)\s+of|the\s+(?:first|second|latter|last)\s+half\s+of"
    r"|the\s+(?:early|late)\s+part\s+of)\s+|mid-)"
)
HEDGE = _w(r"(?:(?:nearly|almost|more\s+than|less\s+than|fewer\s+than|around|roughly|up\s+to|no\s+more\s+than|at\s+least)\s+)")
ZONE = r"(?:\s*\(?(?:[ECMP][SD]?T|GMT|UTC)\)?)"
CLOCK = _w(
    r"(?:(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|(?:[01]?\d|2[0-3]):[0-5]\d"
    r"|noon|midnight|midday|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o'clock"
    r"|\d{1,2}(?=\s+in\s+the\s+(?:morning|afternoon|evening)))"
)
PART = _w(r"(?:morning|afternoon|evening|night)")
REL = _w(
    r"(?:last|this|next|the\s+past|the\s+last|the\s+previous|the\s+current|the\s+coming|the\s+following|the\s+same"
    r"|the\s+prior|that|this\s+past|this\s+coming|the\s+latest|the\s+next)"
)
TUNIT = _w(r"(?:weekend|week|month|quarter|year|decade|century|spring|summer|fall|autumn|winter)")
DAYSPEC = rf"(?:{WEEKDAY}(?:,?\s+{MONTH}\s+\d{{1,2}}(?:,\s+{YEAR})?)?|{MONTH}\s+\d{{1,2}}(?:,\s+{YEAR})?|{_w('today|yesterday|tomorrow|tonight')})"

# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

_NUM_TOKEN = re.compile(r"1/2|[a-z]+|\d+(?:\.\d+)?", _I)


def parse_number(s: str) -> float | None:
    """'three' -> 3, 'twenty-four' -> 24, '2 1/2' -> 2.5, 'a' -> 1; vague ('several') -> None."""
    toks = _NUM_TOKEN.findall(s.lower())
    if any(t in _VAGUE_WORDS for t in toks):
        return None
    if any(t[0].isdigit() for t in toks):  # "a 24" -> 24: an article before digits is not a number
        toks = [t for t in toks if t not in ("a", "an")]
    total = 0.0
    current = 0.0
    seen = False
    for tok in toks:
        if tok in ("1/2", "half"):
            current += 0.5
        elif tok[0].isdigit():
            current += float(tok)
        elif tok in ("hundred", "thousand"):
            current = (current or 1) * (100 if tok == "hundred" else 1000)
            if tok == "thousand":
                total += current
                current = 0
        elif tok in _SMALL:
            current += _SMALL[tok]
        elif tok in ("and", "of"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def month_of(s: str) -> int:
    return _MONTHS[s.strip().lower()[:3]]


def _day_of(s: str) -> int | None:
    s = s.lower().strip()
    m = re.match(r"(\d+)", s)
    if m:
        return int(m.group(1))
    parts = re.split(r"[- ]", s)
    if len(parts) == 2 and parts[0] in ("twenty", "thirty"):
        return (20 if parts[0] == "twenty" else 30) + _ORDINALS.get(parts[1], 0)
    return _ORDINALS.get(s)


def _spelled_year(s: str) -> int | None:
    s = s.lower().replace("-", " ")
    if s.startswith("nineteen "):
        rest = parse_number(s[len("nineteen ") :])
        return None if rest is None else 1900 + int(rest)
    if s.startswith("two thousand"):
        rest = s[len("two thousand") :].replace("and", "").strip()
        n = parse_number(rest) if rest else 0
        return None if n is None else 2000 + int(n)
    return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _shift_quarter(y: int, q: int, k: int) -> tuple[int, int]:
    idx = y * 4 + (q - 1) + k
    return idx // 4, idx % 4 + 1


def duration_value(n: float | None, unit: str) -> str:
    """ISO 8601 duration of ``n`` units (``None``: a vague amount, ``X``).

    Decades and centuries are written in years (``P10Y``, ``P100Y``) and a
    fortnight in weeks, as the TimeBank annotators mostly did.
    """
    if unit in ("FN", "DE", "CE"):
        mult, unit = {"FN": (2, "W"), "DE": (10, "Y"), "CE": (100, "Y")}[unit]
        if n is None:
            # vague centuries are "PXC" in TimeBank ("for centuries")
            return "PXDE" if mult == 10 else "PXC" if mult == 100 else "PXW"
        n *= mult
    timey = unit in ("H", "MIN", "S")
    letter = "M" if unit == "MIN" else unit
    prefix = "PT" if timey else "P"
    if n is None:
        return f"{prefix}X{letter}"
    if n == int(n):
        return f"{prefix}{int(n)}{letter}"
    whole, frac = int(n), n - int(n)
    sub = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "H": (60, "M"), "MIN": (60, "S"), "D": (24, "H")}
    if unit not in sub:
        return f"{prefix}{n:g}{letter}"
    mult, small = sub[unit]
    rest = int(round(frac * mult))
    if unit == "D":
        return f"P{whole}DT{rest}H" if whole else f"PT{rest}H"
    return f"{prefix}{f'{whole}{letter}' if whole else ''}{rest}{small}"


# ---------------------------------------------------------------------------
# Tense of the clause
# ---------------------------------------------------------------------------

_CUE = re.compile(
    r"\b(?:(?P<fut>will|would(?!\s+have\b)|won't|shall|going\s+to|(?:is|are)\s+(?:to|due|expected|scheduled|set|slated)"
    r"|plans?\s+to|planning|planned\s+(?:to|an?)(?=\s)|expects?\s+to|expected\s+to|scheduled|slated|upcoming|intends?\s+to|tomorrow|coming"
    r"|ahead|set\s+to|due\s+to|poised\s+to|to\s+be|may|might|as\s+soon\s+as"
    r"|meet|meets|begins|starts|resumes|arrives|leaves|returns|travels|visits|expires|convenes|opens"
    # more present-tense verbs of schedules ("Talks resume Friday", "The law takes effect Monday")
    r"|continues?|resume|begin|arrive|depart|departs|convene|reconvenes?|expire|concludes?|testif(?:y|ies)"
    r"|heads|ends|closes|kicks\s+off|wraps\s+up|takes?\s+effect|go\s+to\s+the\s+polls|goes\s+to\s+the\s+polls)"
    # a present progressive or passive right before a time is a plan ("is meeting Friday", "are closed
    # Monday"); see _Resolver.direction
    r"|(?P<plan>(?:is|are|am)\s+(?!being\b)[a-z]{2,}(?<!thing)ing|(?:is|are)\s+(?!used\b|based\b|located\b)[a-z]{3,}ed)"
    r"|(?<!be\s)(?<!been\s)(?<!to\s)(?<!is\s)(?<!are\s)(?P<past>said|says|was|were|had|did|has\s+been|have\s+been|ago|last|earlier|yesterday"
    r"|[a-z]{3,}ed|began|came|went|told|took|made|gave|won|lost|fell|rose|met|left|held|sold|bought|got|saw"
    r"|brought|spoke|wrote|struck|broke|fled|flew|ran|sent|paid|led|found|became|began|shot|hit))\b"
    r"|(?P<fut2>'ll)\b",
    _I,
)

#: words in -ed that are no past tense ("United", "hundred", "succeed"), and participles used as adjectives
_NOT_PAST_ED = frozenset(
    {
        "united", "hundred", "indeed", "succeed", "proceed", "exceed", "speed", "breed", "bleed", "feed", "seed",
        "greed", "creed", "deed", "weed", "heed", "steed", "tweed", "embed", "naked", "sacred", "wicked", "kindred",
        "ahmed", "mohammed", "muhammed", "mohamed", "mohamad", "hamed", "limited", "based", "related", "interested",
        "concerned", "armed", "alleged", "unexpected", "unidentified", "unprecedented", "unlimited", "undisclosed",
        "unnamed", "unspecified", "unrelated",
    }
)  # fmt: skip
_ADJ_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|our|your|this|these|those)\s+|-)$", _I)


_SCHEDULING_VERBS = frozenset(
    {"meet", "begins", "starts", "resumes", "arrives", "leaves", "returns", "travels", "visits", "expires",
     "convenes", "opens", "continue", "continues", "resume", "begin", "arrive", "depart", "departs", "convene",
     "reconvene", "reconvenes", "expire", "conclude", "concludes", "testify", "testifies", "heads", "ends",
     "closes"}
)  # fmt: skip
#: at most this many words between a present progressive or passive and the time it plans ("is meeting Friday",
#: "are holding talks Monday"; not "is continuing to try to sell itself, under a June agreement")
_PLAN_GAP = re.compile(r"\s*(?:[\w'-]+\s+){0,2}(?:on\s+|at\s+|in\s+)?$")


def _is_cue(cue: re.Match[str], text: str) -> bool:
    """Drop false tense cues: "United", "hundred", "May" the month, participles used as
    adjectives ("the proposed merger", "a Seattle-based chain")."""
    if cue.lastgroup != "past":
        word = cue.group(0)
        if word == "May" and re.match(r"\s+\d|,?\s+(?:19|20)\d\d", text[cue.end() : cue.end() + 8]):
            return False
        # an infinitive ("difficult to meet demand") is no scheduled event
        before = text[max(0, cue.start() - 4) : cue.start()]
        return not (word.lower() in _SCHEDULING_VERBS and re.search(r"\bto\s+$", before, _I))
    word = cue.group(0).lower()
    if not word.endswith("ed") or word in ("said", "had", "paid", "led", "fled", "sped"):
        return True
    if word in _NOT_PAST_ED:
        return False
    return not _ADJ_BEFORE.search(text, max(0, cue.start() - 8), cue.start())


_SINCE = re.compile(r"\bsince\s+$", _I)
#: a deadline or start ("by February", "until Friday", "effective June 1") lies ahead
_DEADLINE = re.compile(r"\b(?:by|until|till|effective)\s+(?:early\s+|late\s+|mid-)?$", _I)
_DEADLINE_DAY = re.compile(r"\b(?:by|until|till|before)\s+$", _I)
_QUARTER_WORD = re.compile(r"\bquarter\b", _I)
_PERIOD_MONTHS = re.compile(r"\b(?:nine|six)\s+months\b", _I)
_PAST_OF_FUTURE = re.compile(r"\bhad\s+been\s+$", _I)
#: a plan of the past: "had planned to", "as (previously) planned"
_PAST_PLAN = re.compile(r"\b(?:had|previously|originally|as)\s+$", _I)
_SENT_END = re.compile(r"[.!?][\"'`’”)]*\s+(?=[\"'`‘“(]*[A-Z0-9])|\n\s*\n|\n(?=[A-Z\"'`])")
#: a period after a title, initial or month abbreviation ("Mr.", "Gen.", "J.", "U.S.", "Nov.") ends no sentence
_NOT_SENT_END = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Prof|Rev|Sr|Jr|St|Mt|Ft|No|Nos|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z]|(?:[A-Z]\.)+[A-Z])\.$"
)


# ---------------------------------------------------------------------------
# The resolver: per-call state shared by the handlers
# ---------------------------------------------------------------------------

Result = tuple[str, str, str] | None  # (type, value, mod)


class _Resolver:
    """Per-document state: anchor, sentence index, discourse memory."""

    #: a quarter mentioned within this many sentences makes "a year ago" mean that quarter a year before
    QUARTER_WINDOW = 5
    #: how long (in sentences) a mentioned quarter stays 'the quarter'
    QUARTER_MEMORY = 10
    #: a quarter reported on this many sentences back or less is 'the latest period' even if named less often
    RECENT_WINDOW = 1
    #: an instance on the other side of the anchor from the clause's tense counts this many times as far
    WRONG_WAY_COST = 3.0

    def __init__(self, text: str, anchor: date | None) -> None:
        self.text = text
        self.dct = anchor
        self.sent_starts = [0] + [
            m.end()
            for m in _SENT_END.finditer(text)
            if not _NOT_SENT_END.search(text, max(0, m.start() - 8), m.start() + 1)
        ]
        #: the quarter under discussion (see :meth:`note_quarter`) and the sentence of the last quarter named
        self.last_quarter: tuple[int, int] | None = None
        self.last_quarter_sent = -1_000
        #: the last quarter named, with its sentence: "a year earlier" in that sentence means it a year before
        self.sent_quarter: tuple[int, tuple[int, int]] = (-1, (0, 0))
        #: the last quarter counted as topical, with its sentence
        self.recent_quarter: tuple[int, tuple[int, int]] = (-1, (0, 0))
        self.quarter_counts: dict[tuple[int, int], int] = {}
        self.last_day: date | None = None
        #: the last date mentioned, at its granularity: (year, month or None)
        self.last_ref: tuple[int, int | None] | None = None
        #: a quarter in apposition to "the year-ago quarter" ("..., the second quarter ended Oct. 31"): (offset, year)
        self.appositive_year: tuple[int, int] | None = None

    # -- context -----------------------------------------------------------
    def sent_index(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def sentence(self, pos: int) -> tuple[int, int]:
        i = self.sent_index(pos)
        end = self.sent_starts[i + 1] if i + 1 < len(self.sent_starts) else len(self.text)
        return self.sent_starts[i], end

    def direction(self, start: int, end: int) -> int:
        """Tense of the clause: -1 past, +1 future, 0 unknown (nearest cue left, else right)."""
        s0, s1 = self.sentence(start)
        if _SINCE.search(self.text, max(s0, start - 8), start):  # "since Wednesday" looks back
            return -1
        best = None
        # a plan governs a time it is next to, not an event named by a possessive ("are investigating Sunday's crash")
        possessive = self.text.startswith(("'s", "’s"), end)
        for cue in _CUE.finditer(self.text, s0, start):
            if cue.lastgroup == "plan" and (possessive or not _PLAN_GAP.fullmatch(self.text, cue.end(), start)):
                continue
            if _is_cue(cue, self.text):
                best = cue
        if best is None:  # "planned to" looks forward only from its own time: not a cue for what precedes it
            best = next(
                (
                    c
                    for c in _CUE.finditer(self.text, end, s1)
                    if c.lastgroup != "plan" and _is_cue(c, self.text) and not c.group(0).startswith("planned")
                ),
                None,
            )
        if best is None:
            return 0
        if best.group("past"):
            return -1
        if best.group("plan"):
            return 1
        # a future seen from the past ("had been scheduled to expire Friday") is past
        past_of = _PAST_PLAN if best.group(0).lower().startswith("planned") else _PAST_OF_FUTURE
        return -1 if past_of.search(self.text, max(0, best.start() - 12), best.start()) else 1

    def month_direction(self, start: int, end: int) -> int:
        """:meth:`direction` for a month or month-day: a deadline or start ("by February",
        "until Dec. 7", "effective June 1") lies ahead whatever the tense."""
        if _DEADLINE.search(self.text, max(0, start - 14), start):
            return 1
        return self.direction(start, end)

    def quarter_context(self, pos: int) -> bool:
        """Is a fiscal quarter in play?  Yes once the text has named a quarter (an
        earnings report compares quarters), unless this or the previous sentence
        speaks of a nine- or six-month period (then the comparison is yearly) and
        this sentence does not itself name a quarter before ``pos``."""
        if self.last_quarter is None or self.sent_index(pos) - self.last_quarter_sent > self.QUARTER_WINDOW:
            return False
        i = self.sent_index(pos)
        s0, s1 = self.sentence(pos)
        if _PERIOD_MONTHS.search(self.text, s0, s1):
            return False
        if _QUARTER_WORD.search(self.text, s0, pos):
            return True
        return not _PERIOD_MONTHS.search(self.text, self.sent_starts[max(0, i - 1)], s0)

    # -- discourse memory ------------------------------------------------------
    def ref_day(self) -> date | None:
        return self.last_day or self.dct

    def note_day(self, d: date) -> None:
        self.last_day = d
        self.last_ref = (d.year, d.month)

    def note_ref(self, year: int, month: int | None = None) -> None:
        self.last_ref = (year, month)

    def ref_point(self) -> date:
        """The last date mentioned as a day: that day when it was one (or lies in the month
        mentioned), else the middle of the month (or year) mentioned."""
        assert self.last_ref is not None
        y, mo = self.last_ref
        d = self.last_day
        if d is not None and d.year == y and (mo is None or d.month == mo):
            return d
        return date(y, mo or 6, 15)

    def note_quarter(self, y: int, q: int, pos: int, topical: bool = True, reported: bool = False) -> None:
        """Count a quarter mention.  The quarter under discussion (:attr:`last_quarter`) is
        the completed quarter of the last four named most often, the first named on a
        tie; a quarter not yet over ("a fourth-quarter charge", "the third quarter of
        1990"), an old one ("the third quarter of 1984") or an aside ("after a flat
        second quarter", ``topical=False``) does not count.  A fiscal quarter whose
        results are reported ("reported a decline in fourth-quarter earnings", "its
        fourth quarter ended Aug. 26", ``reported=True``) is over whatever its name."""
        self.last_quarter_sent = self.sent_index(pos)
        self.sent_quarter = (self.sent_index(pos), (y, q))
        if not topical:
            return
        if self.dct is not None:
            cur = _quarter(self.dct)
            if (y, q) < _shift_quarter(*cur, -4) or ((y, q) >= cur and not (reported and y == cur[0])):
                return
        self.recent_quarter = (self.sent_index(pos), (y, q))
        self.quarter_counts[(y, q)] = self.quarter_counts.get((y, q), 0) + 1
        # the quarter under discussion: the one named most often, the first named on a tie
        self.last_quarter = max(self.quarter_counts, key=lambda k: self.quarter_counts[k])

    def compared_quarter(self, pos: int) -> tuple[int, int] | None:
        """The quarter "a year earlier" compares with: one named earlier in the same
        sentence ("third-quarter profit rose ... from $4 million a year earlier"), else
        the quarter under discussion when a quarter is in play (:meth:`quarter_context`)."""
        if self.last_quarter is None or not self.quarter_context(pos):
            return None
        sent, quarter = self.sent_quarter
        return quarter if sent == self.sent_index(pos) else self.last_quarter

    def default_quarter(self, pos: int | None = None) -> tuple[int, int] | None:
        """The quarter 'the quarter' means: the one under discussion (named within
        :attr:`QUARTER_MEMORY` sentences), else the last completed one."""
        if self.last_quarter and (pos is None or self.sent_index(pos) - self.last_quarter_sent <= self.QUARTER_MEMORY):
            if pos is not None and 0 <= self.sent_index(pos) - self.recent_quarter[0] <= self.RECENT_WINDOW:
                return self.recent_quarter[1]
            return self.last_quarter
        if self.dct is None:
            return None
        return _shift_quarter(*_quarter(self.dct), -1)

    # -- choosing an instance --------------------------------------------------
    def year_for(self, month: int, day: int | None, direction: int, weekday: int | None = None) -> int | None:
        """Year of a month (and day) written without one.

        The nearest instance to the anchor wins, an instance on the wrong side
        for the clause's tense counting :attr:`WRONG_WAY_COST` times its
        distance: a past-tense sentence often names a deadline a few weeks
        ahead ("asked it to respond by Oct. 31"), rarely one ten months ahead.
        Ties go to the past (to the future in a future-tense clause).  A weekday written with the date ("Monday,
        Oct. 26") picks the year where it fits.
        """
        if self.dct is None:
            return None
        a = self.dct
        cands: list[date] = []
        for y in (a.year - 1, a.year, a.year + 1):
            try:
                cands.append(date(y, month, day or 1))
            except ValueError:
                cands.append(date(y, month, 28))
        if weekday is not None and day:
            fit = [c for c in cands if c.weekday() == weekday]
            if fit:
                return min(fit, key=lambda c: abs((c - a).days)).year
        if day is None:  # month granularity: distance in months
            key = a.year * 12 + a.month
            dist = {c: c.year * 12 + c.month - key for c in cands}
        else:
            dist = {c: (c - a).days for c in cands}
        k = self.WRONG_WAY_COST

        def cost(c: date) -> tuple[float, int]:
            d = dist[c]
            wrong = (direction < 0 and d > 0) or (direction > 0 and d < 0)
            return (abs(d) * (k if wrong else 1), (0 if d <= 0 else 1) * (-1 if direction > 0 else 1))

        return min(cands, key=cost).year

    def is_deadline(self, start: int) -> bool:
        """Is the expression at ``start`` a deadline ("until Tuesday", "by 9 a.m. Friday")?"""
        return bool(_DEADLINE_DAY.search(self.text, max(0, start - 10), start))

    def nearest_weekday(self, wd: int) -> date | None:
        """The weekday ``wd`` nearest the anchor, three days back to three ahead: a deadline
        ("until Thursday", "by Monday") is close to the time of writing, on either side."""
        if self.dct is None:
            return None
        delta = (wd - self.dct.weekday()) % 7
        return self.dct + timedelta(days=delta if delta <= 3 else delta - 7)

    def weekday_date(self, wd: int, direction: int, strict: bool = False) -> date | None:
        """The weekday ``wd`` nearest the anchor in ``direction`` (same day allowed unless ``strict``)."""
        if self.dct is None:
            return None
        a = self.dct
        if direction > 0:
            delta = (wd - a.weekday()) % 7 or (7 if strict else 0)
            return a + timedelta(days=delta)
        delta = (a.weekday() - wd) % 7 or (7 if strict else 0)
        return a - timedelta(days=delta)


# ---------------------------------------------------------------------------
# Handlers: (match, resolver) -> (type, value, mod) | None.  One per rule.
# ---------------------------------------------------------------------------

Handler = Callable[[re.Match[str], _Resolver], Result]

_RE_MONTH = re.compile(MONTH)
_RE_YEAR = re.compile(rf"(?<![\d,.$#])({YEAR})(?!\d)")
_RE_SPELLED_YEAR = re.compile(SPELLED_YEAR)
_RE_WEEKDAY = re.compile(WEEKDAY)
_RE_DAYNUM = re.compile(rf"(?<!\w){DAYNUM}(?!\w)")
_RE_QNUM = re.compile(QNUM)
_RE_PAST = re.compile(r"\b(?:last|past|previous|prior)\b", _I)
_RE_NEXT = re.compile(r"\b(?:next|coming|following)\b", _I)
_RE_THIS = re.compile(r"\b(?:this|current|same)\b", _I)
_Q_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _text(m: re.Match[str]) -> str:
    return m.group("t") if "t" in m.re.groupindex and m.group("t") is not None else m.group(0)


def _mod_of(s: str) -> str:
    """TimeML ``mod`` from position words: early -> START, late -> END, mid -> MID."""
    s = s.lower()
    if re.search(r"\b(?:early|earlier|beginning|start|first\s+half)\b", s):
        return "START"
    if re.search(r"\b(?:late|later|end|close|latter|second\s+half|last\s+half)\b", s):
        return "END"
    if re.search(r"\bmid|\bmiddle\b", s):
        return "MID"
    return ""


def _hedge_mod(s: str) -> str:
    s = s.lower()
    if re.search(r"\b(?:less|fewer)\s+than\b|\balmost\b", s):
        return "LESS_THAN"
    if re.search(r"\bnearly\b|\bup\s+to\b|\bno\s+more\s+than\b", s):
        return "EQUAL_OR_LESS"
    if re.search(r"\bmore\s+than\b", s):
        return "MORE_THAN"
    if re.search(r"\bat\s+least\b", s):
        return "EQUAL_OR_MORE"
    if re.search(r"\b(?:around|about|roughly|or\s+so)\b", s):
        return "APPROX"
    return ""


def _year_in(s: str) -> int | None:
    m = _RE_YEAR.search(s)
    if m:
        return int(m.group(1))
    m = _RE_SPELLED_YEAR.search(s)
    return _spelled_year(m.group(0)) if m else None


def _rel_offset(s: str) -> int | None:
    """Offset implied by 'last/this/next ...' (None when there is no such word)."""
    if _RE_PAST.search(s):
        return -1
    if _RE_NEXT.search(s):
        return 1
    if _RE_THIS.search(s):
        return 0
    return None


_QUARTER_ENDED_BEFORE = re.compile(r"\bquarter,?\s+(?:that\s+)?(?:ended|ending)\s+$", _I)
_LIST_TAIL_YEAR = re.compile(rf"\s*(?:-|–|\s(?:and|or|to|through)\s+)[0-3]?\d,?\s+({YEAR})\b")


def h_full_date(m: re.Match[str], r: _Resolver) -> Result:
    """'Oct. 23', 'Friday, Oct. 23', 'March 5, 1946', '7 August 1998', 'March eighth'."""
    s = _text(m)
    mo = _RE_MONTH.search(s)
    if not mo:
        return None
    month = month_of(mo.group(0))
    day = None
    for part in (s[mo.end() :], s[: mo.start()]):
        for cand in _RE_DAYNUM.finditer(part):
            v = _day_of(cand.group(0))
            if v is not None and 1 <= v <= 31 and len(cand.group(0)) < 4:
                day = v
                break
            if v is not None and 1 <= v <= 31 and not cand.group(0)[0].isdigit():
                day = v
                break
        if day:
            break
    if day is None:
        return None
    year = _year_in(s[mo.end() :])
    if year is None:  # "Oct. 12-13, 2014": the year written after the second day
        tail = _LIST_TAIL_YEAR.match(r.text, m.end())
        year = int(tail.group(1)) if tail else None
    if year is None and r.dct is not None and _QUARTER_ENDED_BEFORE.search(r.text, max(0, m.start() - 30), m.start()):
        # "the second quarter (of last year) ended Oct. 31": the end of a quarter of an earlier year
        sent, (qy, _) = r.sent_quarter
        if sent == r.sent_index(m.start()) and qy < r.dct.year:
            year = qy
    wd = _RE_WEEKDAY.search(s)
    if year is None:
        weekday = _WEEKDAYS[wd.group(0)[:3].lower()] if wd else None
        year = r.year_for(month, day, r.month_direction(m.start(), m.end()), weekday)
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", ""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    r.note_day(d)
    return "DATE", d.isoformat(), ""


def h_month_year(m: re.Match[str], r: _Resolver) -> Result:
    """'February 1947', 'July 1997', 'January this year', 'July last year', 'late November 1995'."""
    s = _text(m)
    mo = _RE_MONTH.search(s)
    if mo is None:  # the rule matched a month form the month reader does not take ('Sept 0600')
        return None
    month = month_of(mo.group(0))
    year = _year_in(s[mo.end() :])
    mod = _mod_of(s[: mo.start()])
    if year is None:
        off = _rel_offset(s[mo.end() :])
        if off is None or r.dct is None:
            return "DATE", f"XXXX-{month:02d}", mod
        year = r.dct.year + off
    r.note_ref(year, month)
    return "DATE", f"{year}-{month:02d}", mod


def h_month(m: re.Match[str], r: _Resolver) -> Result:
    """'January', 'last April', 'late November', 'this September', 'the beginning of October'."""
    s = _text(m)
    mo = _RE_MONTH.search(s)
    if mo is None:  # the rule matched a month form the month reader does not take ('Sept 0600')
        return None
    month = month_of(mo.group(0))
    pre = s[: mo.start()]
    mod = _mod_of(pre)
    if r.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod
    a = r.dct
    if re.search(r"\b(?:last|past|previous)\b", pre, _I):
        # "last April" said in October is this year's; "last February" said in March is last year's
        year = a.year if month < a.month - 1 else a.year - 1
    elif re.search(r"\b(?:next|coming)\b", pre, _I):
        year = a.year if month > a.month else a.year + 1
    elif re.search(r"\bthis\b", pre, _I):
        year = a.year
    else:
        year = r.year_for(month, None, r.month_direction(m.start(), m.end())) or a.year
    r.note_ref(year, month)
    return "DATE", f"{year}-{month:02d}", mod


def h_year(m: re.Match[str], r: _Resolver) -> Result:
    """'1990', 'fiscal 1989', 'mid-1996', 'the end of 1990', 'nineteen ninety-six', '1994 or later'."""
    s = _text(m)
    y = _year_in(s)
    if y is None:
        return None
    low = s.lower()
    mod = _mod_of(low[: low.find(str(y))] if str(y) in low else "")
    if "post-" in low or "beyond" in low or "or later" in low:
        mod = "AFTER" if "post-" in low else "ON_OR_AFTER"
    elif "pre-" in low or "or earlier" in low:
        mod = "BEFORE" if "pre-" in low else "ON_OR_BEFORE"
    r.note_ref(y)
    return "DATE", str(y), mod


def h_year_range(m: re.Match[str], r: _Resolver) -> Result:
    """'1950-53' is split into two timexes by :func:`_split_range`; never called."""
    return None


def h_decade(m: re.Match[str], r: _Resolver) -> Result:
    """'the 1990s' -> 199, "the '80s" -> 198, 'the nineties', 'the mid-1990s' (mod MID)."""
    s = _text(m).lower()
    mod = _mod_of(s)
    d = re.search(r"(\d{2,4})'?s\b", s)
    if d:
        digits = d.group(1)
        if len(digits) == 2:
            return "DATE", ("19" if int(digits) > 20 else "20") + digits[0], mod
        return "DATE", digits[:3], mod
    for i, w in enumerate(("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")):
        if w in s:
            return "DATE", f"19{i + 2}", mod
    return None


def h_century(m: re.Match[str], r: _Resolver) -> Result:
    """'the 20th century' -> 19, 'this century' -> P100Y (as TimeBank annotates it)."""
    s = _text(m).lower()
    if re.search(r"\b(?:this|the\s+current|the\s+past|the\s+last)\s+century", s):
        return "DURATION", "P100Y", ""
    n = re.search(r"(\d+)(?:st|nd|rd|th)", s)
    val = int(n.group(1)) if n else None
    if val is None:
        w = re.search(_ORDW, s)
        if not w:
            return None
        val = _ORDINALS[w.group(0)] + (20 if "twenty" in s else 0)
    return "DATE", f"{val - 1:02d}", _mod_of(s)


_QUARTER_ENDED = re.compile(r"\s+(?:ended|ending|that\s+ended)\s+" + MONTH)
_RESULTS_AFTER = re.compile(
    r"[\s-]+(?:(?:net|operating|pretax|pre-tax)\s+)?(?:earnings|profits?|results|net|loss|sales|revenues?)\b", _I
)


def h_quarter(m: re.Match[str], r: _Resolver) -> Result:
    """'third-quarter', 'the fiscal first quarter', 'the third quarter of 1984', "next year's first quarter".

    Without a year: the anchor's year, or the year before for a quarter still
    ahead of the anchor in a past-tense clause.  Sets the discourse quarter.
    """
    s = _text(m)
    low = s.lower()
    qm = _RE_QNUM.search(low) or re.search(r"\bq([1-4])\b", low)  # "the third quarter", "Q3"
    assert qm
    q = _Q_ORD[qm.group(0).lower()] if qm.lastindex is None else int(qm.group(1))
    year = _year_in(s)
    if year is None and r.appositive_year is not None and m.start() <= r.appositive_year[0] < m.end():
        year = r.appositive_year[1]  # in apposition to "the year-ago quarter"
    if year is None:
        if r.dct is None:
            return "DATE", f"XXXX-Q{q}", ""
        a = r.dct
        if re.search(r"year-ago|year-earlier|last\s+year|a\s+year\s+(?:ago|earlier)|(?:previous|prior)\s+year", low):
            base = r.last_quarter[0] if r.last_quarter and r.quarter_context(m.start()) else a.year
            return "DATE", f"{base - 1}-Q{q}", ""
        if re.search(r"\bnext\s+year", low):
            year = a.year + 1
        else:
            year = a.year
            if q > _quarter(a)[1] and not re.search(r"\bthis\s+year", low) and r.direction(m.start(), m.end()) <= 0:
                year -= 1
    after = r.text[m.end() : m.end() + 40]
    reported = bool(_QUARTER_ENDED.match(after)) or (
        bool(_RESULTS_AFTER.match(after)) and r.direction(m.start(), m.end()) < 0
    )
    r.note_quarter(year, q, m.start(), topical=not low.startswith("a "), reported=reported)
    if low.endswith("quarters"):
        return "SET", f"XXXX-Q{q}", ""
    return "DATE", f"{year}-Q{q}", ""


def h_half(m: re.Match[str], r: _Resolver) -> Result:
    """'the first half of 1990' -> 1990-H1, 'the second half', 'first two quarters of 1990'."""
    low = _text(m).lower()
    h = 1 if re.search(r"first|1st|\bh1\b", low) else 2
    year = _year_in(low)
    if year is None:
        if r.dct is None:
            return "DATE", f"XXXX-H{h}", ""
        year = r.dct.year + (_rel_offset(low) or 0)
        # "first-half profit rose": like a quarter, a half not yet over in a past-tense clause is last year's
        if low.endswith("-half") and h > (r.dct.month - 1) // 6 + 1 and r.direction(m.start(), m.end()) < 0:
            year -= 1
    r.note_ref(year)
    return "DATE", f"{year}-H{h}", ""


def h_the_quarter(m: re.Match[str], r: _Resolver) -> Result:
    """'the quarter', 'the latest quarter', 'the latest period', 'this quarter', 'the current quarter'."""
    low = _text(m).lower()
    if r.dct is None:
        return "DATE", "XXXX-QX", ""
    cur = _quarter(r.dct)
    ended = re.match(rf"\s+(?:ended|ending|that\s+ended)\s+({MONTH})", r.text[m.end() : m.end() + 30])
    if ended and not re.search(r"\b(?:previous|prior|next|current)\b", low):
        mo = month_of(ended.group(1))
        # a quarter ending in the first month of a calendar quarter is mostly the previous one
        y = r.year_for(mo, 28, -1) or r.dct.year
        q = (mo - 1) // 3 + (0 if mo % 3 == 1 else 1)
        if q == 0:
            y, q = y - 1, 4
        r.note_quarter(y, q, m.start())
        return "DATE", f"{y}-Q{q}", ""
    if re.search(r"\blatest\b", low):  # the quarter reported on, else the last completed one
        y, q = r.default_quarter(m.start())  # type: ignore[misc]
    elif re.search(r"\bcurrent\b", low):
        y, q = cur
    elif re.search(r"\bnext\b", low):
        y, q = _shift_quarter(*cur, 1)
    elif re.search(r"\b(?:previous|prior)\b", low):
        y, q = _shift_quarter(*(r.last_quarter or cur), -1)
    elif low.startswith("that") and 0 <= r.sent_index(m.start()) - r.sent_quarter[0] <= r.RECENT_WINDOW:
        y, q = r.sent_quarter[1]  # "Results for that quarter": the quarter just named
    else:
        y, q = r.default_quarter(m.start())  # type: ignore[misc]
    r.note_quarter(y, q, m.start())
    return "DATE", f"{y}-Q{q}", ""


_APPOSITIVE_QUARTER = re.compile(rf",\s+(?P<t>(?:the\s+|its\s+)?(?:fiscal\s+)?(?P<q>{QNUM})[\s-]+(?:fiscal\s+)?quarter)\b", _I)


def h_year_ago(m: re.Match[str], r: _Resolver) -> Result:
    """'a year ago', 'a year earlier', 'year-earlier', 'the year-ago quarter/period', 'the 1988 period'.

    The previous year -- or, when a fiscal quarter is in play (or the phrase
    says 'quarter'/'period'), that quarter a year before.
    """
    low = _text(m).lower()
    mod = _hedge_mod(low)
    if "months" in low:  # "the year-earlier nine months"
        n = parse_number(re.sub(r".*?(\w+)\s+months.*", r"\1", low))
        return "DURATION", duration_value(n, "M"), ""
    explicit = _year_in(low)
    if r.dct is None and explicit is None:
        return "DATE", "XXXX", mod
    in_q = "quarter" in low or "period" in low or r.quarter_context(m.start())
    if explicit is not None and "period" in low:  # "the 1989 period": that year's quarter under discussion
        if r.last_quarter and r.quarter_context(m.start()):
            return "DATE", f"{explicit}-Q{r.last_quarter[1]}", mod
        return "DATE", str(explicit), mod
    if in_q:
        base = r.default_quarter(m.start()) if "quarter" in low or "period" in low else r.compared_quarter(m.start())
        if base:
            y = explicit if explicit is not None else base[0] - 1
            q = base[1]
            # "the comparable year-ago quarter, the second quarter ended Oct. 31": the apposition names it
            appos = _APPOSITIVE_QUARTER.match(r.text, m.end()) if "quarter" in low else None
            if appos:
                q = _Q_ORD[appos.group("q").lower()]
                r.appositive_year = (appos.start("t"), y)
            return "DATE", f"{y}-Q{q}", mod
    if explicit is not None:
        return "DATE", str(explicit), mod
    return "DATE", str(r.dct.year - 1), mod  # type: ignore[union-attr]


def _season_year(code: str, base: date, off: int, past: bool) -> int:
    """Year of the season instance 'off' steps from the one containing ``base``."""
    order = ["WI", "SP", "SU", "FA"]
    cur = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(base.month, "FA")
    year = base.year + (1 if cur == "WI" and base.month == 12 else 0)
    ci, ti = order.index(cur), order.index(code)
    if off < 0:
        return year - 1 if code != "WI" else (year if ti < ci else year - 1)
    if past:
        return year if ti < ci else year - 1
    if off > 0:
        return year if ti > ci else year + 1
    return year


#: "... compared with earnings of $33 million" / "... from $21.4 million" right before "last year"
_COMPARED_FIGURE = re.compile(
    r"\b(?:with|from|than)\s+(?:(?:a\s+)?(?:net\s+)?(?:loss|profit|earnings|income|net|sales|revenues?)\s+of\s+)?"
    r"(?:[$#£]|C\$)?\s*[\d.,]+(?:\s+(?:million|billion))?(?:\s+\w+)?\s+$",
    _I,
)


def h_relative(m: re.Match[str], r: _Resolver) -> Result:
    """'last year', 'this week', 'next month', 'the past year', 'earlier this month', 'the following year',
    'early next year', 'last fall', 'this summer', 'the end of the month', 'this weekend'."""
    low = _text(m).lower()
    um = re.search(r"weekend|week|month|quarter|year|decade|century|spring|summer|fall|autumn|winter", low)
    assert um
    unit = um.group(0)
    pre = low[: um.start()]
    off = _rel_offset(pre) or 0
    mod = _mod_of(pre)
    if "or so" in low:
        mod = "APPROX"
    # "the following year", "that week", and "the next month" told in the past ("The next month, the
    # government announced aid"): relative to the last date mentioned, not to the anchor
    anaphoric = bool(re.search(r"\b(?:following|previous|prior|same|that)\b", pre)) or bool(
        re.search(r"\bthe\s+next\b", pre) and r.last_ref is not None and r.direction(m.start(), m.end()) < 0
    )
    base = r.dct
    if anaphoric and r.last_ref is not None:
        base = r.ref_point()
        if unit == "month" and r.last_ref[1] is None:
            base = r.ref_day()
    if unit == "century" or (unit == "decade" and re.search(r"\b(?:past|last)\b", pre)):
        return "DURATION", "P10Y" if unit == "decade" else "P100Y", ""
    if base is None:
        blank = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX",
                 "decade": "XXX", "century": "XX"}  # fmt: skip
        return "DATE", blank.get(unit, "XXXX-" + _SEASONS[unit] if unit in _SEASONS else "XXXX"), mod
    if unit == "year":
        if re.search(r"\blatest\b", pre):  # "the latest fiscal year": the last one completed
            off = -1
        if low == "last year" and r.dct is not None:
            # "compared with a loss of $3 million last year", "from last year's $1.55 billion": the
            # figure compared is the quarter under discussion a year before
            before = r.text[max(0, m.start() - 60) : m.start()]
            after = r.text[m.end() : m.end() + 6]
            if _COMPARED_FIGURE.search(before) or re.match(r"'s\s+(?:[$#£]|C\$)", after):
                quarter = r.compared_quarter(m.start())
                if quarter is not None:
                    return "DATE", f"{quarter[0] - 1}-Q{quarter[1]}", mod
        r.note_ref(base.year + off)
        return "DATE", str(base.year + off), mod
    if unit == "month":
        y, mo = _add_months(base.year, base.month, off)
        r.note_ref(y, mo)
        return "DATE", f"{y}-{mo:02d}", mod
    if unit == "week":
        if re.search(r"\bthe\s+(?:past|last)\b", pre):  # "the past week": the last seven days
            off = 0
        return "DATE", _week(base + timedelta(weeks=off)), mod
    if unit == "weekend":
        return "DATE", _weekend(base, off, r.direction(m.start(), m.end()), "this" in pre), mod
    if unit == "quarter":
        y, q = _shift_quarter(*_quarter(base), off)
        return "DATE", f"{y}-Q{q}", mod
    if unit == "decade":
        return "DATE", str(base.year // 10 + off), mod
    if unit == "century":
        return "DATE", f"{base.year // 100 + off:02d}", mod
    code = _SEASONS[unit]
    if "this past" in pre:
        off = 0
    y = _season_year(code, base, off, "past" in pre)
    r.note_ref(y, _SEASON_MONTH[code])
    return "DATE", f"{y}-{code}", mod


def _weekend(base: date, off: int, direction: int, this: bool) -> str:
    """ISO week of the weekend meant: the last one (past tense) or the coming one."""
    if off < 0 or (off == 0 and not this and direction <= 0 and base.weekday() < 5):
        sat = base - timedelta(days=(base.weekday() - 5) % 7)
        if off < 0 and base.weekday() >= 5:
            sat -= timedelta(days=7)
    else:
        sat = base + timedelta(days=(5 - base.weekday()) % 7) if base.weekday() <= 5 else base - timedelta(days=1)
        if off > 0:
            sat += timedelta(days=7)
    return _week(sat) + "-WE"


def h_weekend(m: re.Match[str], r: _Resolver) -> Result:
    if r.dct is None:
        return "DATE", "XXXX-WXX-WE", ""
    return "DATE", _weekend(r.dct, 0, r.direction(m.start(), m.end()), False), ""


def h_the_year(m: re.Match[str], r: _Resolver) -> Result:
    """'the year', 'the fiscal year', 'the full year', 'the current fiscal year': the anchor's year;
    'the year ended Aug. 31' is the DURATION P1Y the data annotates for fiscal years."""
    low = _text(m).lower()
    after = r.text[m.end() : m.end() + 25].lower()
    if re.match(r"\s+(?:ended|ending|ends|that\s+ended|to\s+date)\b", after):
        return "DURATION", "P1Y", ""
    if r.dct is None:
        return "DATE", "XXXX", ""
    if "latest" in low or "previous" in low or "prior" in low:
        return "DATE", str(r.dct.year - 1), ""
    return "DATE", str(r.dct.year), ""


def h_the_week(m: re.Match[str], r: _Resolver) -> Result:
    """'the month' -> the anchor's month; a bare 'the week' ("for the week", "the week's
    most active session") -> ``YYYY-WXX``: which week is meant is left open, as the
    development data annotates it."""
    low = _text(m).lower()
    base = r.dct
    if base is None:
        return "DATE", "XXXX-XX" if "month" in low else "XXXX-WXX", ""
    if "month" in low:
        return "DATE", f"{base.year}-{base.month:02d}", ""
    return "DATE", f"{base.year}-WXX", ""


def h_year_end(m: re.Match[str], r: _Resolver) -> Result:
    """'year-end', "year's end", 'the end of the year', 'around year end'."""
    low = _text(m).lower()
    if r.dct is None:
        return "DATE", "XXXX", "END"
    y = r.dct.year + (_rel_offset(low) or 0)
    if low == "year-end":  # the day: the last Dec. 31 in a past-tense clause, else this year's
        if r.direction(m.start(), m.end()) < 0 and (r.dct.month, r.dct.day) != (12, 31):
            y -= 1
        return "DATE", f"{y}-12-31", ""
    return "DATE", str(y), "APPROX" if "around" in low else "END"


def h_season(m: re.Match[str], r: _Resolver) -> Result:
    """'summer', 'the summer', 'the winter of 1994', 'early summer'."""
    low = _text(m).lower()
    sm = re.search(r"spring|summer|fall|autumn|winter", low)
    assert sm
    code = _SEASONS[sm.group(0)]
    y = _year_in(_text(m))
    mod = _mod_of(low[: sm.start()])
    if y is None:
        if r.dct is None:
            return "DATE", f"XXXX-{code}", mod
        y = r.year_for(_SEASON_MONTH[code], None, r.month_direction(m.start(), m.end())) or r.dct.year
    r.note_ref(y, _SEASON_MONTH[code])
    return "DATE", f"{y}-{code}", mod


def h_day_word(m: re.Match[str], r: _Resolver) -> Result:
    """'today', 'yesterday', 'tomorrow', 'late yesterday', 'the day before yesterday'."""
    low = _text(m).lower()
    off = -2 if "before yesterday" in low else 2 if "after tomorrow" in low else -1 if "yesterday" in low else 1 if "tomorrow" in low else 0
    mod = _mod_of(low.split("yesterday")[0].split("today")[0].split("tomorrow")[0])
    if r.dct is None:
        return "DATE", "XXXX-XX-XX", mod
    d = r.dct + timedelta(days=off)
    r.note_day(d)
    return "DATE", d.isoformat(), mod


def _day_from_words(s: str, m: re.Match[str], r: _Resolver) -> date | None:
    """The day named in a time phrase ('Friday', 'yesterday', 'Nov. 6'), else the reference day."""
    if r.dct is None:
        return None
    low = s.lower()
    if "yesterday" in low or "last night" in low:
        return r.dct - timedelta(days=1)
    if "tomorrow" in low:
        return r.dct + timedelta(days=1)
    if "today" in low or "tonight" in low or re.search(r"\bthis\s+(?:morning|afternoon|evening)", low):
        return r.dct
    mo = _RE_MONTH.search(s)
    if mo:
        dn = re.search(r"\b(\d{1,2})\b", s[mo.end() :])
        if dn:
            month, day = month_of(mo.group(0)), int(dn.group(1))
            year = _year_in(s) or r.year_for(month, day, r.month_direction(m.start(), m.end()))
            try:
                return date(year or r.dct.year, month, day)
            except ValueError:
                return None
    wd = _RE_WEEKDAY.search(s)
    if wd:
        if r.is_deadline(m.start()):
            return r.nearest_weekday(_WEEKDAYS[wd.group(0)[:3].lower()])
        return r.weekday_date(_WEEKDAYS[wd.group(0)[:3].lower()], r.direction(m.start(), m.end()))
    return r.ref_day()


def h_part_of_day(m: re.Match[str], r: _Resolver) -> Result:
    """'this morning', 'last night', 'tonight', 'yesterday afternoon', 'overnight': TIME ``...TMO`` etc.

    A weekday with a part of day ('Friday night') is the DATE of that day, as
    the TempEval-3 (AQUAINT) annotation mostly has it (TimeBank's older files
    sometimes write ``TNI``; the date is the more frequent reading).
    """
    s = _text(m)
    low = s.lower()
    if _RE_WEEKDAY.search(s) and not re.search(r"yesterday|today|tomorrow|this|last", low):
        return h_weekday(m, r)
    if re.fullmatch(r"the\s+(?:morning|afternoon|evening)", low) and r.last_day is None:
        return None  # "in the morning" of no day named before: a habit ("I run in the morning")
    pm = re.search(r"morning|afternoon|evening|night|tonight|overnight", low)
    part = _PARTS[pm.group(0)] if pm else "NI"
    mod = _mod_of(low[: pm.start()] if pm else "")
    if low.strip() == "overnight" and r.dct is not None:
        return "TIME", f"{(r.dct - timedelta(days=1)).isoformat()}TNI", mod
    d = _day_from_words(s, m, r)
    if d is None:
        wd = _RE_WEEKDAY.search(s)
        day = f"XXXX-WXX-{_WEEKDAYS[wd.group(0)[:3].lower()] + 1}" if wd else "XXXX-XX-XX"
        return "TIME", f"{day}T{part}", mod
    return "TIME", f"{d.isoformat()}T{part}", mod


def h_weekday(m: re.Match[str], r: _Resolver) -> Result:
    """'Friday', 'last Friday' (strictly before the anchor), 'next Tuesday', 'this coming Sunday'.

    A bare weekday follows the clause's tense; with no tense cue it is taken as
    past (news reports what happened), the anchor's own day included.
    """
    s = _text(m)
    low = s.lower()
    wdm = _RE_WEEKDAY.search(s)
    assert wdm
    wd = _WEEKDAYS[wdm.group(0)[:3].lower()]
    mod = _mod_of(low[: wdm.start()])
    week = re.search(r"\b(last|next|this)\s+week$", low)
    if week and r.dct is not None:  # "Tuesday last week", "Friday of next week": that day of that week
        off = {"last": -1, "next": 1, "this": 0}[week.group(1)]
        monday = r.dct - timedelta(days=r.dct.weekday()) + timedelta(weeks=off)
        d = monday + timedelta(days=wd)
        r.note_day(d)
        return "DATE", d.isoformat(), mod
    if r.dct is None:
        return "DATE", f"XXXX-WXX-{wd + 1}", mod
    if re.search(r"\bthe\s+(?:previous|prior)\b", low) and r.last_day:
        base = r.last_day
        d = base - timedelta(days=(base.weekday() - wd) % 7 or 7)
    elif re.search(r"\b(?:the\s+)?(?:following|next)\b", low) and low.startswith("the") and r.last_day:
        base = r.last_day
        d = base + timedelta(days=(wd - base.weekday()) % 7 or 7)
    elif re.search(r"\b(?:next|coming)\b", low):
        d = r.weekday_date(wd, 1, strict="next" in low)  # type: ignore[assignment]
    elif re.search(r"\b(?:last|previous|past)\b", low):
        d = r.weekday_date(wd, -1, strict=True)  # type: ignore[assignment]
    elif r.is_deadline(m.start()):
        d = r.nearest_weekday(wd)  # type: ignore[assignment]
    else:
        direction = r.direction(m.start(), m.end())
        d = r.weekday_date(wd, 1 if direction > 0 else -1)  # type: ignore[assignment]
    r.note_day(d)
    return "DATE", d.isoformat(), mod


def h_time(m: re.Match[str], r: _Resolver) -> Result:
    """'10:35 a.m.', '10 p.m. Wednesday', 'noon Saturday', '5 p.m. EST, Nov. 6', 'midnight', '4 in the morning'."""
    s = _text(m)
    low = s.lower()
    cm = re.search(CLOCK, s)
    assert cm
    c = cm.group(0).lower()
    if "noon" in c or "midday" in c:
        hh, mm = 12, 0
    elif "midnight" in c:
        hh, mm = 24, 0
    elif "o'clock" in c:
        hh, mm = int(parse_number(c.split()[0]) or 0), 0
    else:
        nm = re.match(r"(\d{1,2})(?::(\d\d))?", c)
        assert nm
        hh, mm = int(nm.group(1)), int(nm.group(2) or 0)
        if re.search(r"p\.?m", c) and hh < 12:
            hh += 12
        elif re.search(r"a\.?m", c) and hh == 12:
            hh = 0
    if re.search(r"in\s+the\s+(?:evening|afternoon)|at\s+night|tonight", low) and hh < 12:
        hh += 12
    rest = s[: cm.start()] + " " + s[cm.end() :]
    has_day = bool(re.search(rf"{WEEKDAY}|{MONTH}|(?i:today|yesterday|tomorrow|tonight)", rest))
    d = _day_from_words(rest, m, r) if has_day else r.ref_day()
    mod = _hedge_mod(low[: cm.start()])
    day = d.isoformat() if d else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", mod


def _unit_and_number(low: str) -> tuple[str, float | None, bool] | None:
    """Split a duration phrase into (unit code, amount or None if vague, ok)."""
    um = re.search(r"(second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?\b", low)
    if not um:
        return None
    unit = _UNITS[um.group(1)]
    num_txt = re.sub(r"\b(?:up\s+to|no\s+more\s+than|more\s+than|less\s+than|fewer\s+than|at\s+least)\b", " ", low[: um.start()])
    num_txt = re.sub(r"\s+(?:to|or)\s+[\w-]+\s*$", " ", num_txt)  # "two to three weeks" -> two
    num_txt = re.sub(
        r"\b(?:the|past|last|next|first|coming|previous|final|remaining|latest|initial|nearly|almost|more|less"
        r"|fewer|than|around|roughly|up|to|no|at|least|additional|full|straight|consecutive|trading|business"
        r"|calendar|each|of|over|another)\b",
        " ",
        num_txt,
    )
    num_txt = num_txt.replace("-", " ").strip()
    if "and a half" in low[um.start() :]:
        num_txt += " half"
    if not num_txt:
        return unit, (None if low[um.end(1) : um.end(1) + 1] == "s" else 1.0), True
    vague = bool(re.search(r"\b(?:few|several|many|some|number|dozens)\b", num_txt))
    if "couple" in num_txt:
        return unit, 2.0, True
    n = parse_number(num_txt)
    if n is None and not vague:
        return None
    return unit, n, True


def h_duration(m: re.Match[str], r: _Resolver) -> Result:
    """'three days', 'the past two months', 'two-year', 'a week', 'nearly five months', 'three days later',
    'the first nine months', 'several years' (PXY), 'two to three weeks' (P2W), '2 1/2 years' (P2Y6M)."""
    low = _text(m).lower()
    parsed = _unit_and_number(low)
    if parsed is None:
        return None
    unit, n, _ = parsed
    mod = _hedge_mod(low)
    if unit == "Q":
        if n is None:
            return "DURATION", "PXQ", mod
        return "DURATION", f"P{int(n)}Q" if n == int(n) else f"P{n * 3:g}M", mod
    return "DURATION", duration_value(n, unit), mod


def h_vague_units(m: re.Match[str], r: _Resolver) -> Result:
    """Bare plurals: 'for years', 'for weeks' -> PXY, PXW; 'centuries' -> PXCE."""
    low = _text(m).lower()
    um = re.search(r"(minute|hour|day|week|month|year|decade|centurie)s", low)
    if not um:
        return None
    return "DURATION", duration_value(None, _UNITS[um.group(1)]), ""


def h_ago(m: re.Match[str], r: _Resolver) -> Result:
    """'two years ago' -> 1996, 'five months ago' -> 1997-10, 'six weeks ago' -> a week, '10 days ago' -> a day
    ('a week ago', 'two weeks ago' too), 'several years ago' -> PAST_REF; 'two weeks from now' the same way
    ahead (FUTURE_REF when vague)."""
    low = _text(m).lower()
    um = re.search(r"(minute|hour|day|week|fortnight|month|quarter|year|decade)s?\b", low)
    assert um
    unit = um.group(1)
    sign = 1 if re.search(r"\bfrom\s+(?:now|today)$", low) else -1
    num_txt = re.sub(r"\b(?:nearly|almost|about|around|some(?=\s+\d)|more\s+than|less\s+than|just|only|over)\b", " ", low[: um.start()])
    bare_plural = not num_txt.strip() and low[um.end(1) : um.end(1) + 1] == "s"  # "months ago"
    n = None if bare_plural else parse_number(num_txt.replace("-", " ").strip() or "one")
    mod = _hedge_mod(low)
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", ""
    if r.dct is None:
        return "DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"), mod
    a = r.dct
    k = int(n) * sign
    if unit in ("year", "decade"):
        y = a.year + k * (10 if unit == "decade" else 1)
        r.note_ref(y)
        return "DATE", str(y), mod
    if unit == "month":
        y, mo = _add_months(a.year, a.month, k)
        r.note_ref(y, mo)
        return "DATE", f"{y}-{mo:02d}", mod
    if unit in ("week", "fortnight"):
        weeks = k * (2 if unit == "fortnight" else 1)
        back = a + timedelta(weeks=weeks)
        # "a week ago", "two weeks ago" name a day; "six weeks ago" a week
        return "DATE", back.isoformat() if abs(weeks) <= 2 else _week(back), mod
    if unit == "day":
        d = a + timedelta(days=k)
        r.note_day(d)
        return "DATE", d.isoformat(), mod
    if unit == "quarter":
        y, q = _shift_quarter(*_quarter(a), k)
        return "DATE", f"{y}-Q{q}", mod
    return "TIME", f"{a.isoformat()}TXX:XX", mod


_REF_VALUES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "these days": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "more recently": "PAST_REF",
    "most recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "then current": "PAST_REF",
    "then-current": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "the immediate future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "future": "FUTURE_REF", "a later date": "FUTURE_REF", "as soon as possible": "FUTURE_REF", "one day": "FUTURE_REF",
    "soon": "FUTURE_REF",
}  # fmt: skip


def h_ref(m: re.Match[str], r: _Resolver) -> Result:
    """Vague references: now/currently/current -> PRESENT_REF, recently/recent/the past/recent years ->
    PAST_REF, the future -> FUTURE_REF."""
    low = re.sub(r"\s+", " ", _text(m).lower())
    if low.startswith("recent ") and not low.endswith(("years", "decades")):
        unit = re.sub(r"s$", "", low.split()[-1])
        return "DURATION", duration_value(None, _UNITS[unit]) if unit != "quarter" else "PXQ", ""
    if low.startswith("recent ") or low.startswith("past "):
        return "DATE", "PAST_REF", ""
    if low.startswith(("coming ", "future ")):
        return "DATE", "FUTURE_REF", ""
    v = _REF_VALUES.get(low)
    return ("DATE", v, "") if v else None


_SET_WORDS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y",
    "hourly": "PT1H", "biweekly": "P2W", "semiannually": "P6M",
}  # fmt: skip


def h_set(m: re.Match[str], r: _Resolver) -> Result:
    """'daily', 'every day', 'weekly', 'annually', 'each Thursday', 'each July', 'Tuesday nights'."""
    s = _text(m)
    low = s.lower()
    wd = _RE_WEEKDAY.search(s)
    if wd:
        part = re.search(r"morning|afternoon|evening|night", low)
        suffix = f"T{_PARTS[part.group(0)]}" if part else ""
        return "SET", f"XXXX-WXX-{_WEEKDAYS[wd.group(0)[:3].lower()] + 1}{suffix}", ""
    mo = _RE_MONTH.search(s)
    if mo:
        return "SET", f"XXXX-{month_of(mo.group(0)):02d}", ""
    if low in _SET_WORDS:
        return "SET", _SET_WORDS[low], ""
    um = re.search(r"(minute|hour|day|night|week|month|quarter|year)", low)
    if not um:
        return None
    n = 1
    nm = re.search(r"\bevery\s+(\w+)\s+(?=\w)", low)
    if nm:
        v = parse_number(nm.group(1))
        n = int(v) if v else 1
        if nm.group(1) == "other":
            n = 2
    code = {"minute": "PT{}M", "hour": "PT{}H", "day": "P{}D", "night": "P{}D", "week": "P{}W", "month": "P{}M",
            "quarter": "P{}Q", "year": "P{}Y"}[um.group(1)]  # fmt: skip
    return "SET", code.format(n), ""


def h_set_coordinated(m: re.Match[str], r: _Resolver) -> Result:
    """'Monday' in 'Monday and Tuesday nights' / 'Monday and Tuesdays': a SET like the plural it shares."""
    wd = _WEEKDAYS[m.group("t")[:3].lower()]
    part = re.search(r"(morning|afternoon|evening|night)s$", m.group(0), _I)
    suffix = f"T{_PARTS[part.group(1).lower()]}" if part else ""
    return "SET", f"XXXX-WXX-{wd + 1}{suffix}", ""


def _nth_weekday(year: int, month: int, wd: int, n: int) -> date:
    if n > 0:
        d = date(year, month, 1)
        return d + timedelta(days=(wd - d.weekday()) % 7 + 7 * (n - 1))
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - wd) % 7)


_HOLIDAYS: list[tuple[str, Callable[[int], date]]] = [
    ("christmas eve", lambda y: date(y, 12, 24)),
    ("christmas", lambda y: date(y, 12, 25)),
    ("new year's eve", lambda y: date(y, 12, 31)),
    ("new year", lambda y: date(y, 1, 1)),
    ("thanksgiving", lambda y: _nth_weekday(y, 11, 3, 4)),
    ("independence day", lambda y: date(y, 7, 4)),
    ("fourth of july", lambda y: date(y, 7, 4)),
    ("labor day", lambda y: _nth_weekday(y, 9, 0, 1)),
    ("memorial day", lambda y: _nth_weekday(y, 5, 0, -1)),
    ("election day", lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(days=1)),
    ("halloween", lambda y: date(y, 10, 31)),
    ("valentine", lambda y: date(y, 2, 14)),
]


def h_holiday(m: re.Match[str], r: _Resolver) -> Result:
    """'Christmas', 'Thanksgiving Day', "New Year's Day", 'Election Day', 'last Christmas'."""
    low = _text(m).lower()
    on = next(f for key, f in _HOLIDAYS if key in low)
    y = _year_in(low)
    if y is not None:
        return "DATE", on(y).isoformat(), ""
    if r.dct is None:
        return None
    a = r.dct
    direction = -1 if "last" in low else 1 if "next" in low else r.direction(m.start(), m.end())
    cands = [on(yy) for yy in (a.year - 1, a.year, a.year + 1)]
    if direction < 0:
        d = max(c for c in cands if c <= a)
    elif direction > 0:
        d = min(c for c in cands if c >= a)
    else:
        d = min(cands, key=lambda c: abs((c - a).days))
    return "DATE", d.isoformat(), ""


def h_the_nth(m: re.Match[str], r: _Resolver) -> Result:
    """'the 12th': that day of the anchor's month -- of the previous month if the day is still ahead
    in a past-tense clause, of the next month if it is already past in a future-tense clause."""
    day = int(re.search(r"\d+", _text(m)).group(0))  # type: ignore[union-attr]
    if not 1 <= day <= 31:
        return None
    if r.dct is None:
        return "DATE", f"XXXX-XX-{day:02d}", ""
    a = r.dct
    direction = r.direction(m.start(), m.end())
    y, mo = a.year, a.month
    if direction < 0 and day > a.day:
        y, mo = _add_months(y, mo, -1)
    elif direction > 0 and day < a.day:
        y, mo = _add_months(y, mo, 1)
    try:
        d = date(y, mo, day)
    except ValueError:
        return "DATE", f"{y}-{mo:02d}-{day:02d}", ""
    r.note_day(d)
    return "DATE", d.isoformat(), ""


def h_anaphoric_day(m: re.Match[str], r: _Resolver) -> Result:
    """'the same day', 'that day', 'the next day', 'the day before' (standing alone): relative to the
    last day mentioned, which a day on or after it then becomes ("The next day ... The following day
    ..."); "the day before" is a look back that leaves the reference day where it was."""
    low = _text(m).lower()
    if r.last_day is None and re.search(r"\bthat\b|\bday\s+(?:before|after)$", low):
        return None  # "that day" with no day named before it: a generic day ("you have redemptions that day")
    base = r.ref_day()
    if base is None:
        return "DATE", "XXXX-XX-XX", ""
    off = (
        1 if re.search(r"\b(?:next|following)\b|\bafter$", low)
        else -1 if re.search(r"\b(?:previous|prior)\b|\bbefore$", low)
        else 0
    )  # fmt: skip
    d = base + timedelta(days=off)
    if off >= 0:  # "the day before" looks back from the story's day without moving the story there
        r.note_day(d)
    return "DATE", d.isoformat(), _mod_of(low.split("that")[0].split("the")[0])


def h_day_list(m: re.Match[str], r: _Resolver) -> Result:
    """The second day of 'April 24 and 25', 'Oct. 12-13', 'March 3 to 5': a DATE of its own in
    the month (and year) of the first."""
    whole = m.group(0)
    mo = _RE_MONTH.search(whole)
    assert mo
    month, day = month_of(mo.group(0)), int(re.match(r"\d+", m.group("t")).group(0))  # type: ignore[union-attr]
    if not 1 <= day <= 31:
        return None
    year = _year_in(m.group("t")[2:])
    if year is None and r.last_day is not None and r.last_day.month == month:
        year = r.last_day.year  # the first day, resolved just before
    if year is None:
        year = r.year_for(month, day, r.month_direction(m.start(), m.end()))
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", ""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    r.note_day(d)
    return "DATE", d.isoformat(), ""


def h_clock_24(m: re.Match[str], r: _Resolver) -> Result:
    """'0600 GMT', '1830 UTC', '1400 hours': a time of the day last named (else the anchor's)."""
    s = _text(m)
    d = r.ref_day()
    return "TIME", f"{d.isoformat() if d else 'XXXX-XX-XX'}T{s[:2]}:{s[2:4]}", ""


def h_day_list_first(m: re.Match[str], r: _Resolver) -> Result:
    """The first day of '25 to 27 March', '12-13 May 2014': a DATE in the month (and year) written after
    the second day."""
    day = int(m.group("t"))
    mo = _RE_MONTH.search(m.string, m.end("t"), m.end())
    if mo is None or not 1 <= day <= 31:
        return None
    month = month_of(mo.group(0))
    year = _year_in(m.string[mo.end() : m.end()])
    if year is None:
        year = r.year_for(month, day, r.month_direction(m.start(), m.end()))
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", ""
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    r.note_day(d)
    return "DATE", d.isoformat(), ""


def h_numeric_date(m: re.Match[str], r: _Resolver) -> Result:
    """'1998-08-07', '8/7/1998', '8/7/98' (US month/day order; '15/04/2013' day first when the first
    number cannot be a month)."""
    s = _text(m)
    try:
        if "-" in s:
            y, mo, dd = (int(x) for x in s.split("-"))
        else:
            mo, dd, y = (int(x) for x in s.split("/"))
            if mo > 12 >= dd:
                mo, dd = dd, mo
            if y < 100:
                y += 1900 if y > 30 else 2000
        d = date(y, mo, dd)
    except ValueError:
        return None
    r.note_day(d)
    return "DATE", d.isoformat(), ""


# ---------------------------------------------------------------------------
# Guards: (match, text) -> keep?  Cheap context checks run before selection.
# ---------------------------------------------------------------------------

Guard = Callable[[re.Match[str], str], bool]

_MODAL_AFTER = re.compile(
    r"\s+(?:be|have|not|also|well|yet|still|never|even|only|soon|take|want|need|seem|become|get|go|come|make|do"
    r"|lose|face|prove|try|help|continue|result|affect|cause|decide|include|require|reduce|increase|raise|I|we|you)\b"
)
_NUMBER_BEFORE = re.compile(r"(?:[$#£€]\s*|\d[,.]?|\d\s)$")
_NUMBER_AFTER = re.compile(
    r"[,.]?\d|\s*%|\s*(?:percent|per\s*cent|shares|people|yen|marks|francs|points|feet|meters|tons|troops|barrels"
    r"|members|units|employees|workers|jobs|cars|acres|homes|miles|votes|pounds|ounces|copies|kilometers)\b|-\d\d\d",
    _I,
)
_RATE_BEFORE = re.compile(r"(?:\d|million|billion|percent|%|times|twice|once|cents|dollars|hours|\w+s)\s*$", _I)
_NOT_RATE_BEFORE = re.compile(
    r"\b(?:for|in|of|than|about|nearly|almost|within|after|over|under|by|to|at|least|only|just|like|spent|took"
    r"|served|lasted|taken|last|was|is|as|has|this|its|his|ago|past|since|until)\s*$",
    _I,
)


def g_month(m: re.Match[str], text: str) -> bool:
    """Reject 'May' the modal, 'March' the verb/noun, and 'Jan'/'Mar' names in bare use."""
    s = _text(m)
    mo = _RE_MONTH.search(s)
    if mo and mo.end() == len(s) and mo.start() == 0:
        word = mo.group(0)
        after = text[m.end() : m.end() + 30]
        before = text[max(0, m.start() - 12) : m.start()]
        if word == "May":
            if _MODAL_AFTER.match(after) or re.search(r"(?:^|[.!?\"'`]\s*)$", before):
                return False
        if word == "March" and not re.search(r"\b(?:in|since|until|by|last|this|next|early|late|of|through|to|and)\s*$", before, _I):
            # "the March accession" (the month modifying a noun), not "the March for Life", "the March of ..."
            return bool(
                re.search(r"\b(?:the|a|its|this)\s+$", before, _I)
                and re.match(r"\s+(?!(?:on|of|for|to|from|through|against|across|in|by|and|was|is)\b)[a-z]{3,}\b", after)
            )
    return True


def g_year(m: re.Match[str], text: str) -> bool:
    """A four-digit number is a year unless it looks like an amount, a count or a code."""
    before = text[max(0, m.start() - 12) : m.start()]
    after = text[m.end() : m.end() + 12]
    if _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(after):
        return False
    if re.search(r"(?:No\.|[Nn]umber|Nos?\.?|[Ff]light|[Rr]oute|[Rr]oom|[Ss]uite|[Hh]ighway|Model|[Pp]\.\s*O\.\s*Box|[Cc]hapter|[Rr]esolution)\s*$", before):
        return False
    return True


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can)\s+$")


def g_duration(m: re.Match[str], text: str) -> bool:
    """Reject ages ('6-year-old'), fractions ('three-quarters of'), 'a second', rates ('$5 a year')."""
    low = _text(m).lower()
    after = text[m.end() : m.end() + 12]
    if low == "one day" and _MODAL_BEFORE.search(text[max(0, m.start() - 7) : m.start()]):
        return False  # "will one day be": some day in the future (FUTURE_REF)
    if re.match(r"(?:-|\s+)olds?\b", after, _I) or re.match(r"-", after):
        return False
    vague_quarters = re.match(r"(?:several|a\s+few|few|many)\s+quarters$", low)
    if re.search(r"quarters?$", low) and not vague_quarters and (re.match(r"\s+of\b|-", after) or "-quarter" in low or re.match(r"(?:a|an|one)\s+quarter$", low)):
        return False
    if re.match(r"(?:an?|one)[\s-]+second$|(?:an?)[\s-]+minute$", low):
        return re.match(r"(?:an?)[\s-]+minute$", low) is not None and not re.match(r"\s+(?:ago|later)", after)
    if re.match(r"an?\s", low):
        before = text[max(0, m.start() - 30) : m.start()]
        if _RATE_BEFORE.search(before) and not _NOT_RATE_BEFORE.search(before):
            return False
    return True


def g_relative(m: re.Match[str], text: str) -> bool:
    """'last year' etc., but not 'two-year-old'-style compounds nor titles ('ABC's "This Week"',
    the unit capitalised as in a name)."""
    if re.match(r"[\s-]+(?:old|olds|long|high|low)\b|-", text[m.end() : m.end() + 8], _I):
        return False
    return not re.search(r"\s[A-Z][a-z]+$", _text(m))


def g_ref(m: re.Match[str], text: str) -> bool:
    low = _text(m).lower()
    after = text[m.end() : m.end() + 20].lower()
    if _text(m) == "Now" and after.startswith(","):  # "Now, he says, ...": a discourse marker
        return False
    if low == "current":
        return not re.match(r"[\s-]+(?:account|accounts|affairs|events|assets|liabilities|and\s+former)\b", after)
    if low == "future":
        before = text[max(0, m.start() - 12) : m.start()].lower()
        return bool(re.search(r"\b(?:in|near|distant|immediate)\s*$", before))
    if low == "the future":  # "the future of our peoples" is not a time
        return not re.match(r"\s+of\b", after)
    if low == "the past":  # "the past three summers", "the past 12 seasons": a count of periods, not the past
        return not re.match(rf"\s+(?:\d|{_NUMW}\b|few\b|several\b|couple\b|many\b)", after)
    return True


def g_day_word(m: re.Match[str], text: str) -> bool:
    """'today', 'tomorrow', but not the generic present or future ("today's youth", "the people
    of tomorrow", "many of today's personal computers") nor a title ("VOA Today")."""
    low = _text(m).lower()
    if _text(m) == "Today" and re.search(r"(?:\b[A-Z]{2,}|\bthe)\s+$", text[max(0, m.start() - 8) : m.start()]):
        return False  # a title: "This is VOA Today", "USA Today", "the Today show"
    if low in ("today", "tomorrow"):
        possessive = text.startswith("'s", m.end())
        quantifier = r"\b(?:many|most|some|all|much)\s+" if possessive else ""  # "many of today's computers"
        if re.search(quantifier + r"\bof\s+$", text[max(0, m.start() - 14) : m.start()], _I):
            return False
    return not (
        low == "today"
        and re.match(r"'s\s+(?:youth|world|society|children|kids|generation|economy|standards|technology|market)", text[m.end() : m.end() + 15])
    )


def g_nth(m: re.Match[str], text: str) -> bool:
    """'the 12th' only when it stands alone (not 'the 12th floor') or follows 'on'."""
    after = text[m.end() : m.end() + 22]
    before = text[max(0, m.start() - 4) : m.start()].lower()
    if re.match(r"\s*(?:[,.;:)]|$|of\s+(?:this|the|last|next)\s+month)", after):
        return True
    return before.endswith("on ") and not re.match(r"\s+[a-z]", after)


def g_season(m: re.Match[str], text: str) -> bool:
    s = _text(m)
    if _year_in(s) or re.match(r"(?i:the|early|late|mid)", s):
        return not re.match(r"\s+(?:of\s+(?:discontent|love)|olympics|games|collection|session|semester|term)\b", text[m.end() : m.end() + 20], _I)
    before = text[max(0, m.start() - 10) : m.start()]
    return bool(re.search(r"\b(?:in|during|over|since|until|by|through)\s+$", before, _I))


def g_set_word(m: re.Match[str], text: str) -> bool:
    """'daily', 'weekly' (adverb or adjective) but not newspaper names ('the Daily News'),
    'average daily volume'-style statistics, or rates ('8.5% annually', '10,000 units
    annually'), which the data leaves out like '$5 million a year'."""
    if not _text(m)[0].islower():
        return False
    before = text[max(0, m.start() - 30) : m.start()].lower()
    after = text[m.end() : m.end() + 12].lower()
    if _SET_RATE_BEFORE.search(before):
        return False
    if re.match(r"\s+(?:newspaper|paper|news|mail)\b", after):
        return False
    return not re.search(r"average\s+$", before)


_SET_RATE_BEFORE = re.compile(r"(?:\d|%|\bpercent|\bmillion|\bbillion|\bthousand|\bhundred)(?:\s+[a-z]+)?\s+$")


# ---------------------------------------------------------------------------
# The grammar: (name, pattern, handler, guard).  A named group ``t`` marks the
# timex span when the pattern needs context outside it; otherwise the whole
# match is the span.  Longer matches win over shorter overlapping ones; ties
# go to the rule listed first.
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    handler: Handler
    guard: Guard | None = None


def _rule(name: str, pattern: str, handler: Handler, guard: Guard | None = None) -> _Rule:
    return _Rule(name, re.compile(r"(?<![\w'-])(?:" + pattern + r")(?!\w)"), handler, guard)


_LONE_PARTS = _w(
    r"tonight|overnight|mid[- ]?afternoon|mid[- ]?morning|the\s+next\s+morning"
    r"|(?:(?<=in\s)|(?<=during\s))the\s+(?:morning|afternoon|evening)"
)
_REL_YEAR = _w(r"(?:this|last|next)\s+year")
_YEAR_PRE = "(?:" + _w(r"fiscal|calendar|the\s+year|model\s+year|pre-|post-") + "|FY)"
_EARLY = _w(r"(?:(?:early|late|later|earlier)\s+)")
_PART_DAY = _w(r"(?:(?:early|late|mid)[\s-]?)?(?:morning|afternoon|evening|night)")
_QUARTER_HEAD_DET = _w(
    r"(?:(?:the|this\s+year's|last\s+year's|next\s+year's|the\s+year-ago|the\s+year-earlier|the\s+comparable"
    r"(?:\s+year-ago|\s+year-earlier)?|the\s+same|a\s+(?:flat|strong|weak|disappointing|dismal|record))\s+)"
)
_QUARTER_TAIL = _w(
    rf"(?:\s+of\s+(?:fiscal\s+)?(?:{YEAR}|this\s+year|last\s+year|next\s+year)|\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year))"
)

_LIST_WORD = _w(r"(?:and|or|to|through)")
_SET_UNIT = r"(?:minute|hour|day|night|week|month|quarter|year)"
_FEW_TIMES = r"(?:two|three|four|five|six|seven|eight|nine|ten|several|many)"
_NOT_A_DAY = _w(r"(?:percent|a\.m|p\.m|am|pm|per|million|billion|people|shares)\b")

_RULES: list[_Rule] = [
    # --- clock times, with an optional day -----------------------------------------
    _rule(
        "time",
        _w(r"(?:(?:around|approximately|about)\s+)?") + rf"{CLOCK}{ZONE}?"
        + rf"(?:,?\s+(?:{_w('on')}\s+)?{DAYSPEC}|\s+{_w('in the (?:morning|afternoon|evening)|at night')}(?:,?\s+{DAYSPEC})?)?",
        h_time,
    ),
    _rule("time_rev", rf"(?:{WEEKDAY}|{_w('today|yesterday|tomorrow')}),?\s+(?:{_w('at')}\s+)?{CLOCK}{ZONE}?", h_time),
    # --- parts of days -------------------------------------------------------------
    _rule(
        "part_of_day",
        rf"{_PART_DAY}\s+(?:{WEEKDAY}|{_w('yesterday|today|tomorrow')})"
        + rf"|{_EARLY}?{_w('(?:this|last|tomorrow|yesterday|that)')}\s+{PART}"
        + rf"|{WEEKDAY}\s+{PART}"
        + rf"|{_LONE_PARTS}",
        h_part_of_day,
    ),
    # --- full dates ----------------------------------------------------------------
    _rule("numeric_date", r"(?:(?:19|20)\d\d-[01]\d-[0-3]\d|[0-3]?\d/[0-3]?\d/(?:19|20)?\d\d)", h_numeric_date),
    # a 24-hour clock with its zone ("0600 GMT", "1830 UTC") or "hours" ("1400 hours")
    _rule("clock_24", r"(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?:GMT|UTC)\b|\s+hours\b)", h_clock_24),
    _rule(
        "full_date",
        rf"(?:{_w('last|this|next')}\s+)?(?P<t>(?:{_w('this coming ')}?{WEEKDAY},?\s+(?:{_w('the')}\s+)?)?"
        rf"(?:{MONTH}\s+{DAYNUM}|{DAYNUM}\s+(?:{_w('of')}\s+)?{MONTH})(?:,?\s+{YEAR_ANY})?)",
        h_full_date,
    ),
    # --- months --------------------------------------------------------------------
    _rule(
        "day_list_first",
        rf"(?P<t>[0-3]?\d)\s*(?:-|–|\s{_LIST_WORD}\s+)[0-3]?\d\s+{MONTH}(?!\s+[0-3]?\d(?!\d))(?:,?\s+{YEAR})?",
        h_day_list_first,
        lambda m, t: not _NUMBER_BEFORE.search(t[max(0, m.start() - 3) : m.start()]),
    ),
    # the second day of "12-13 May 2014" or "Feb. 28-March 3" (after a dash, which _rule's left boundary excludes)
    _Rule(
        "day_after_dash",
        re.compile(
            rf"(?<=\d[-–])(?P<t>[0-3]?\d\s+{MONTH}(?!\s+[0-3]?\d(?!\d))(?:,?\s+{YEAR})?"
            rf"|{MONTH}\s+[0-3]?\d(?!\d)(?:,?\s+{YEAR})?)(?!\w)"  # "Feb. 28-March 3"
        ),
        h_full_date,
    ),
    _rule(
        "day_list",
        rf"{MONTH}\s+[0-3]?\d\s*(?:-|–|\s{_LIST_WORD}\s+)(?P<t>[0-3]?\d(?![\d:/%-]|\.\d|\s*{_NOT_A_DAY})(?:,?\s+{YEAR})?)",
        h_day_list,
    ),
    _rule("month_year", rf"{POS_MOD}?{MONTH},?\s+(?:{_w('of')}\s+)?(?:{YEAR_ANY}|{_REL_YEAR})", h_month_year),
    _rule("month", _w(r"(?:last|this|next|this\s+past|this\s+coming)\s+|late-") + f"?{POS_MOD}?{MONTH}", h_month, g_month),
    # --- quarters and halves ----------------------------------------------------------
    _rule(
        "quarter",
        rf"{_QUARTER_HEAD_DET}?(?:(?:{YEAR}|{_w('fiscal')}(?:\s+{YEAR})?)\s+)?(?:{_w('fiscal')}[- ])?{QNUM}\s+(?:{_w('fiscal')}\s+)?{_w('quarters?')}{_QUARTER_TAIL}?"
        + rf"|(?:{_w('fiscal')}[- ])?(?:{YEAR}\s+)?{QNUM}-{_w('quarter')}"
        + rf"|(?:{YEAR}\s+|{_w('fiscal')}\s+)?Q[1-4](?:\s+{YEAR})?",
        h_quarter,
    ),
    _rule(
        "half",
        _w(rf"(?:the\s+)?(?:first|second|1st|2nd|latter|last)\s+half\s+of\s+(?:fiscal\s+)?(?:{YEAR}|this\s+year|last\s+year|next\s+year|the\s+year)|(?:the\s+)?first\s+two\s+quarters\s+of\s+{YEAR}"
           rf"|(?:{YEAR}\s+)?(?:first|second)-half")
        + rf"|H[12]\s+{YEAR}|{YEAR}\s+H[12]",
        h_half,
    ),
    _rule(
        "the_quarter",
        _w(r"(?:(?:the|this|that)\s+)?(?:latest|current|most\s+recent|previous|just-ended|same|fiscal)\s+quarter|(?:the|this|that)\s+quarter|the\s+latest\s+period"),
        h_the_quarter,
        lambda m, t: not re.match(r"-to-|[\s-]+(?:of\b|century|mile|point|percent|-)", t[m.end() : m.end() + 12], _I),
    ),
    _rule(
        "year_ago",
        _w(
            rf"(?:the\s+(?=(?:comparable\s+)?year-(?:ago|earlier)\s+(?:quarter|period|{QNUM}|nine|six)))?(?:comparable\s+)?(?:year-ago|year-earlier)"
            rf"(?:\s+(?:(?:{QNUM}\s+)?quarter|period|(?:nine|six|three)\s+months))?"
            rf"|(?:the\s+)?(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|of\s+{YEAR})"
            r"|(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)|last\s+year's\s+(?:quarter|period)"
            rf"|the\s+{YEAR}\s+(?:period|quarter)"
            r"|(?:(?:nearly|almost|about|around|more\s+than)\s+)?(?:a|one)\s+year\s+(?:ago|earlier|before)"
        ),
        h_year_ago,
    ),
    # --- relative units: last year, this week, the past year, earlier this month ----------
    _rule(
        "relative_unit",
        _w(
            rf"(?:{POS_MOD}|(?:earlier|later)\s+|sometime\s+|the\s+end\s+of\s+)?{REL}\s+(?:fiscal\s+|calendar\s+)?{TUNIT}(?:\s+or\s+so)?"
            r"|(?:earlier|later)\s+in\s+the\s+(?:year|month|week)"
            r"|(?:the\s+(?:beginning|start|end|middle)\s+of\s+the)\s+(?:year|month|week)"
        ),
        h_relative,
        g_relative,
    ),
    _rule("the_year", _w(r"the\s+(?:full\s+|fiscal\s+|current\s+fiscal\s+|latest\s+fiscal\s+|entire\s+|whole\s+|latest\s+)?year"), h_the_year,
          # not "the year of the dragon", "the year before"; but "a high for the year of $42.875" is the year
          lambda m, t: not re.match(r"-|\s+(?:of(?!\s+(?:[$#£]|C\$))|before|after|when|in\s+which|that|\d)\b|'s\b", t[m.end() : m.end() + 10], _I)),
    _rule("the_week", _w(r"the\s+(?:week|month)"), h_the_week,
          lambda m, t: not re.match(r"-|\s+(?:of|before|after|when|in\s+which|that|following|ahead|earlier)\b|s\b", t[m.end() : m.end() + 12], _I)),
    _rule("year_end", _w(r"(?:around\s+)?(?:year-end|year\s+end|year's\s+end)|the\s+end\s+of\s+the\s+year"), h_year_end),
    _rule("weekend", _w(r"the\s+weekend"), h_weekend),
    _rule("season", rf"(?:{POS_MOD}|{_w('the ')})?{_w('(?:spring|summer|fall|autumn|winter)')}(?:\s+{_w('of')})?(?:\s+{YEAR_ANY})?", h_season, g_season),
    # --- decades and centuries ------------------------------------------------------------
    _rule(
        "decade",
        _w(rf"(?:the\s+)?{POS_MOD}?(?:(?:1[5-9]|20)\d0'?s|'\d0s|(?<=the\s)(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)|the\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"),
        h_decade,
    ),
    _rule("century", _w(rf"(?:the\s+)?{POS_MOD}?(?:\d{{1,2}}(?:st|nd|rd|th)|{_ORDW}|twenty[- ]first|this|the\s+current|the\s+past|the\s+last)\s+century"), h_century),
    # --- years ------------------------------------------------------------------------------
    _rule("year_range", rf"{YEAR}[-–](?:{YEAR}|\d\d)(?![\w%-])", h_year_range, lambda m, t: not _NUMBER_BEFORE.search(t[max(0, m.start() - 3) : m.start()])),
    _rule(
        "year",
        rf"{POS_MOD}?(?:{_YEAR_PRE}\s*)?(?:{YEAR}|{SPELLED_YEAR})"
        + _w(r"(?:\s+and\s+beyond|\s+or\s+later|\s+or\s+earlier)?"),
        h_year,
        lambda m, t: g_year(m, t) and (not _RE_SPELLED_YEAR.fullmatch(_text(m)) or " " in _text(m) or "-" in _text(m)),
    ),
    # --- days ---------------------------------------------------------------------------------
    _rule(
        "weekday",
        _w(r"(?:(?:last|next|this|this\s+past|this\s+coming|the\s+previous|the\s+following|the\s+next|that|early|late)\s+)?") + WEEKDAY
        + _w(r"(?:,?\s+(?:of\s+)?(?:last|next|this)\s+week)?"),
        h_weekday,
    ),
    _rule("day_word", _w(r"(?:(?:early|late|earlier|later)\s+)?(?:today|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"), h_day_word, g_day_word),
    _rule(
        "anaphoric_day",
        _w(
            r"(?:(?:earlier|later)\s+)?(?:that|the\s+same|that\s+same|the\s+next|the\s+following|the\s+previous|the\s+prior)\s+day"
            # "the day before," / "the day after." standing alone (not "the day before the vote")
            r"|the\s+day\s+(?:before|after)(?=\s*(?:[,.;:!?)]|''|$)|\s+(?:and|but)\s)"
        ),
        h_anaphoric_day,
    ),
    _rule("the_nth", _w(r"the\s+(?:[12]?\d|3[01])(?:st|nd|rd|th)"), h_the_nth, g_nth),
    _rule(
        "holiday",
        _w(r"(?:(?:last|next|this)\s+)?") + r"(?:Christmas(?:\s+Eve|\s+Day)?|New\s+Year's(?:\s+Eve|\s+Day)?|Thanksgiving(?:\s+Day)?|Independence\s+Day"
        rf"|Fourth\s+of\s+July|Labor\s+Day|Memorial\s+Day|Election\s+Day|Halloween|Valentine's\s+Day)(?:,?\s+{YEAR})?",
        h_holiday,
    ),
    # --- 'ago' dates and durations ---------------------------------------------------------------
    _rule(
        "ago",
        _w(rf"(?:(?:nearly|almost|about|around|some|more\s+than|less\s+than|over)\s+)?(?:{CARD}[\s-]+)?(?:minute|hour|day|week|fortnight|month|quarter|year|decade)s?(?:\s+or\s+so)?\s+(?:ago|from\s+(?:now|today))"),
        h_ago,
    ),
    _rule(
        "duration",
        rf"{HEDGE}?(?:{_w('the')}\s+(?={_w('(?:past|last|next|first|coming|previous|final|remaining|latest|initial|nine|six|three|twelve)')}\b))?"
        + _w(r"(?:(?:past|last|next|first|coming|previous|final|remaining|latest|initial|another)\s+)?")
        + rf"{CARD}(?:\s+{_w('(?:to|or)')}\s+{CARD})?[\s-]+(?:{_w('(?:more|additional|full|straight|consecutive|trading|business|calendar)')}\s+)?{UNIT}"
        + _w(r"(?:\s+and\s+a\s+half)?(?:-long)?(?:\s+or\s+so)?"),
        h_duration,
        g_duration,
    ),
    _rule(
        "duration_bare",
        _w(
            r"(?:the\s+)?(?:past|last|next|coming|first)\s+(?:few\s+|several\s+)?(?:minutes|hours|days|weeks|months|years|decades)"
            r"|the\s+(?:days|weeks|months|years)\s+ahead"
        ),
        h_duration,
    ),
    _rule(
        "vague_units",
        _w(
            r"(?<=for\s)(?:minutes|hours|days|weeks|months|years|decades|centuries)|(?<=within\s)(?:days|weeks|months)|centuries|decades-long"
            r"|(?<=in\s)years(?=\s*[,.;:!?]|\s+and\b)|(?<=over\s)the\s+years"

        ),
        h_vague_units,
    ),
    # --- sets ------------------------------------------------------------------------------------
    _rule("set_word", _w(r"daily|weekly|monthly|yearly|annually|hourly|nightly|biweekly|semiannually"), h_set, g_set_word),
    _rule(
        "set_every",
        _w(r"(?:every|each|per)\s+(?:other\s+|single\s+)?(?:minute|hour|day|night|week|month|quarter|year)")
        + "|" + _w(rf"every\s+(?:two|three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+{_SET_UNIT}s")
        + "|" + _w(rf"(?:once|twice|(?:{_FEW_TIMES}|\d+)\s+times)\s+(?:a|an|per|each|every)\s+{_SET_UNIT}")
        + "|" + _w(r"(?:every|each)\s+") + rf"(?:{WEEKDAY}|{MONTH})" + _w(r"(?:\s+(?:morning|afternoon|evening|night))?"),
        h_set,
    ),
    # "Monday and Tuesday nights": the first weekday shares the plural ("Monday nights")
    _rule(
        "set_coordinated_weekday",
        rf"(?P<t>{WEEKDAY})(?:,?\s+{WEEKDAY})*,?\s+{_w('(?:and|or)')}\s+{WEEKDAY}(?:s|\s+{_w('(?:mornings|afternoons|evenings|nights)')})(?!\w)",
        h_set_coordinated,
    ),
    _rule("set_plural_weekday", WEEKDAY + r"s(?:\s+" + _w(r"mornings|afternoons|evenings|nights") + ")?|" + WEEKDAY + r"\s+" + _w("nights|mornings|evenings"), h_set),
    # --- vague references ---------------------------------------------------------------------------
    _rule(
        "ref",
        _w(
            r"now|currently|current|nowadays|these\s+days|at\s+present|(?:more\s+|most\s+)?recently|recent"
            r"|lately|the\s+past|the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short|long)\s+term|future"
            r"|then[\s-]current|a\s+later\s+date|as\s+soon\s+as\s+possible|(?<!the\s)coming\s+quarters"
            # "will soon", "may soon", "to soon grow", "soon will", "soon to": a time adverbial of a future
            # clause (not "as soon as", "soon after", nor a past "soon became")
            r"|(?:(?<=will\s)|(?<=would\s)|(?<=may\s)|(?<=might\s)|(?<=could\s)|(?<=can\s)|(?<=should\s)|(?<=to\s))soon(?!\s+(?:after|before|as|thereafter|enough)\b)"
            r"|soon(?=\s+(?:will|would|to)\b)"
            r"|(?:(?<=will\s)|(?<=would\s)|(?<=could\s)|(?<=might\s)|(?<=may\s)|(?<=can\s))one\s+day"
        )
        + _w(r"(?:\s+(?:years|days|months|weeks|quarters|decades))?"),
        h_ref,
        g_ref,
    ),
]


# ---------------------------------------------------------------------------
# Prefilter: which rules can match a text at all
# ---------------------------------------------------------------------------
#
# Scanning a text with every rule is most of the tagger's cost (about 100 us
# for a 46-character header line, ~3 us a rule), yet on most texts most rules
# cannot match: "the_quarter" needs "quarter" or "latest", "century" needs
# "century".  Each rule's *needed literals* are derived from its compiled
# pattern: a set of strings one of which every text it matches contains
# (case-folded).  A rule whose needed literals are all absent from the text
# is not run; the others run as before, so the candidates, hence the output,
# are the same (checked on TimeBank + AQUAINT, the development dumps and
# their renderings: tests/test_timex.py).  On the development dumps' header
# lines this skips 85% of the rule scans.
#
# The literals come from the pattern's parse tree (re's own parser): runs of
# literal characters (small character classes and alternations of literals
# expand to every string they can be), the best run of a sequence (its
# shortest string longest), for an alternation the union of its branches'
# needs, nothing from an optional part; the text of a positive lookaround must
# be in the text too.  Anything else (\d, \s, ., backreferences, large
# classes) ends a run and needs nothing, so the analysis can only be too weak,
# never wrong; a rule it cannot analyse always runs.

_MAX_EXACT = 64  # strings an exact run may have before it is cut
_SKIP_NOTHING = (None, None)
# Characters that match an ASCII letter under re.IGNORECASE while str.lower()
# does not give that letter (İ -> "i̇", ı, ſ): a text holding one is tagged
# with every rule (tests/test_timex.py checks every code point).
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f]")


def _fold_char(code: int) -> str | None:
    """The case-folded character a pattern literal stands for, or None when folding it is not
    safe (a non-ASCII cased letter): then the literal needs nothing."""
    ch = chr(code)
    if ch.isascii():
        return ch.lower()
    return ch if ch.lower() == ch == ch.upper() else None


def _needs_of_sequence(items: list, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """(exact, needs) of a parsed sequence: every string it can match when that is a small finite set
    (else None), and literals one of which every match's text contains (else None)."""
    from re import _constants as sc  # noqa: PLC0415 - re's parse tree vocabulary, only used at import

    run: set[str] = {""}  # the exact strings the current run of literals can be
    candidates: list[frozenset[str]] = []
    exact_ok = True

    def close_run() -> None:
        if "" not in run:  # a run that may be empty needs nothing
            candidates.append(frozenset(run))

    for op, av in items:
        if op is sc.ASSERT:  # a lookahead or lookbehind: its text is in the text, but not in the run
            need = _needs_of_sequence(av[1].data, icase)[1]
            if need is not None:
                candidates.append(need)
            continue
        exact, need = _needs_of_item(op, av, icase)
        if exact is not None:
            longer = {a + b for a in run for b in exact}
            if len(longer) <= _MAX_EXACT:
                run = longer
                continue
            close_run()
            run, exact_ok = set(exact), False
            continue
        close_run()
        run, exact_ok = {""}, False
        if need is not None:
            candidates.append(need)
    close_run()
    best = None
    if candidates:  # the most selective: its shortest string the longest, then the fewest strings
        best = max(candidates, key=lambda c: (min(map(len, c)), -len(c)))
        best = frozenset(s for s in best if not any(t != s and t in s for t in best))  # "jan" covers "january"
    return (frozenset(run) if exact_ok else None), best


def _needs_of_item(op: object, av: object, icase: bool) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    from re import _constants as sc  # noqa: PLC0415

    if op is sc.LITERAL:
        ch = _fold_char(av)
        return _SKIP_NOTHING if ch is None else (frozenset({ch}), frozenset({ch}))
    if op is sc.IN:  # a small class of literals is an alternation of single characters
        chars: set[str] = set()
        for iop, iav in av:
            if iop is sc.LITERAL:
                codes = [iav]
            elif iop is sc.RANGE and iav[1] - iav[0] < 10:
                codes = range(iav[0], iav[1] + 1)
            else:
                return _SKIP_NOTHING
            for code in codes:
                ch = _fold_char(code)
                if ch is None:
                    return _SKIP_NOTHING
                chars.add(ch)
        return (frozenset(chars), frozenset(chars)) if len(chars) <= 10 else _SKIP_NOTHING
    if op is sc.BRANCH:
        parts = [_needs_of_sequence(alt.data, icase) for alt in av[1]]
        exacts, needs = [e for e, _ in parts], [n for _, n in parts]
        exact = frozenset().union(*exacts) if None not in exacts else None
        need = frozenset().union(*needs) if None not in needs else None
        return (exact if exact is not None and len(exact) <= _MAX_EXACT else None), need
    if op is sc.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        icase = (icase or bool(add_flags & sc.SRE_FLAG_IGNORECASE)) and not del_flags & sc.SRE_FLAG_IGNORECASE
        return _needs_of_sequence(sub.data, icase)
    if op is sc.ATOMIC_GROUP:
        return _needs_of_sequence(av.data, icase)
    if op in (sc.MAX_REPEAT, sc.MIN_REPEAT, sc.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        exact, need = _needs_of_sequence(sub.data, icase)
        if lo == 0:  # optional: needs nothing
            return (exact | {""} if hi == 1 and exact is not None else None), None
        return (exact if lo == hi == 1 else None), need
    if op in (sc.AT, sc.ASSERT_NOT):  # consumes nothing
        return frozenset({""}), None
    return _SKIP_NOTHING


def rule_needs(regex: re.Pattern[str]) -> frozenset[str] | None:
    """Case-folded strings one of which every text ``regex`` matches in contains, or None."""
    from re import _parser  # noqa: PLC0415

    try:
        tree = _parser.parse(regex.pattern, regex.flags)
        return _needs_of_sequence(tree.data, bool(regex.flags & re.IGNORECASE))[1]
    except Exception:  # noqa: BLE001 - a pattern the analysis does not know: run the rule always
        return None


_NEEDS: list[frozenset[str] | None] = [rule_needs(rule.regex) for rule in _RULES]
# Every needed literal, and the rules (bit i for _RULES[i]) that one of its occurrences lets run:
# a text's runnable rules are the rules needing nothing plus those of the literals found in it
# (one substring test per distinct literal, not per rule and literal).
_LITERALS: tuple[str, ...] = tuple(sorted(set().union(*(n for n in _NEEDS if n is not None))))
_LITERAL_RULES: dict[str, int] = {
    lit: sum(1 << i for i, n in enumerate(_NEEDS) if n is not None and lit in n) for lit in _LITERALS
}
_ALL_RULES = (1 << len(_RULES)) - 1
_UNFILTERED_RULES = sum(1 << i for i, n in enumerate(_NEEDS) if n is None)


def _runnable_rules(text: str) -> int:
    """The rules that may match in ``text`` (bit i for ``_RULES[i]``; see _NEEDS)."""
    if _CASE_TRAPS.search(text):
        return _ALL_RULES
    folded = text.lower()
    out = _UNFILTERED_RULES
    for lit in filter(folded.__contains__, _LITERALS):
        out |= _LITERAL_RULES[lit]
    return out


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def _parse_anchor(anchor: str | date | datetime | None) -> date | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime):
        return anchor.date()
    if isinstance(anchor, date):
        return anchor
    m = re.match(r"\s*(\d{4})-?(\d\d)-?(\d\d)", anchor)
    if not m:
        raise ValueError(f"anchor must be an ISO date, got {anchor!r}")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


#: a wire dateline opening the text: "WASHINGTON, March 12 (Xinhua) --", "BUFFALO, N.Y., Oct. 24 (AP) -"
_DATELINE = re.compile(
    rf"[ \t]*[A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+)*(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?,\s+"
    rf"(?P<month>{MONTH})\s+(?P<day>[0-3]?\d)(?:,\s+(?P<year>{YEAR}))?\s*(?:\(|--|-|–|—|_|:)"
)
#: how many days a dateline may lie before (after) the anchor and still be the day of writing
_DATELINE_BEFORE, _DATELINE_AFTER = 7, 1


def _dateline_day(text: str, anchor: date | None) -> date | None:
    """The day of a dateline opening the text, when it is close to the anchor.

    A wire story is written on the day of its dateline; the document date may
    be a day or more later (the story was filed, archived or republished
    then).  "today", "Friday", "last week" in the text speak from the
    dateline's day, so that day is the reference time (HeidelTime-style news
    reference), as long as it lies at most a week before the anchor (a day
    after, for time zones); anything further off is no dateline of this text.
    """
    if anchor is None:
        return None
    pos = 0
    for _ in range(3):  # the dateline is on one of the first non-empty lines
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        m = _DATELINE.match(text, pos)
        if m:
            month, day = month_of(m.group("month")), int(m.group("day"))
            years = [int(m.group("year"))] if m.group("year") else [anchor.year - 1, anchor.year, anchor.year + 1]
            best = None
            for y in years:
                try:
                    d = date(y, month, day)
                except ValueError:
                    continue
                if -_DATELINE_BEFORE <= (d - anchor).days <= _DATELINE_AFTER:
                    best = d
            return best
        nl = text.find("\n", pos)
        if nl < 0:
            return None
        pos = nl + 1
    return None


def _split_range(m: re.Match[str]) -> list[Timex]:
    """'1950-53', '1990-1995' -> DATE 1950 and DATE 1953 (TimeML marks a range's end points)."""
    s = m.group(0)
    y1 = int(s[:4])
    tail = s[5:]
    y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
    first = Timex(m.start(), m.start() + 4, s[:4], "DATE", str(y1))
    if y2 <= y1:
        return [first]
    return [first, Timex(m.start() + 5, m.end(), tail, "DATE", str(y2))]


def _span(m: re.Match[str]) -> tuple[int, int]:
    if "t" in m.re.groupindex and m.group("t") is not None:
        return m.span("t")
    return m.span()


def find_timexes(text: str, anchor: str | date | datetime | None = None) -> list[Timex]:
    """Find and normalise the time expressions of ``text`` (TimeML TIMEX3 conventions).

    ``anchor`` is the reference time (the document creation time): an ISO date
    string ("2013-03-20", "2013-03-20T10:00"), a ``date``/``datetime``, or
    ``None`` (then unresolvable parts stay ``X``).  Returns the timexes in text
    order; ``text[t.start:t.end] == t.text`` for each.
    """
    dct = _parse_anchor(anchor)
    # 1. candidates
    cands: list[tuple[int, int, int, re.Match[str]]] = []
    runnable = _runnable_rules(text)
    for idx, rule in enumerate(_RULES):
        if not runnable >> idx & 1:
            continue  # the rule cannot match here (see _NEEDS)
        for m in rule.regex.finditer(text):
            start, end = _span(m)
            if end <= start or (rule.guard is not None and not rule.guard(m, text)):
                continue
            cands.append((start, end, idx, m))
    # 2. selection: longest match (context included) first, then rule order
    cands.sort(key=lambda c: (c[3].start() - c[3].end(), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, int, re.Match[str]]] = []
    for c in cands:
        i = bisect.bisect_left(taken, (c[0], -1))
        if (i > 0 and taken[i - 1][1] > c[0]) or (i < len(taken) and taken[i][0] < c[1]):
            continue
        taken.insert(i, (c[0], c[1]))
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    # 3. resolution in text order (the discourse state flows forward)
    r = _Resolver(text, _dateline_day(text, dct) or dct)
    out: list[Timex] = []
    for start, end, idx, m in chosen:
        handler = _RULES[idx].handler
        if handler is h_year_range:
            out.extend(_split_range(m))
            continue
        res = handler(m, r)
        if res is not None:
            typ, value, mod = res
            out.append(Timex(start, end, text[start:end], typ, value, mod))
    return out
