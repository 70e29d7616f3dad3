"""Per story: a cited extractive summary, a dated timeline, corroborated claims.

Everything here is a pure function of the corpus analysis (articles, copy
groups, events, stories, event dates, time expressions) and every item it
returns points back into the text: an article id and the character span of
the sentence, so that ``article.text[start:end] == item["text"]``.

- **Independent sources.**  A copy group (exact, near, excerpt, rewrite) is
  one source, represented by its original; copies never corroborate their
  original.  An article outside any group is its own source.
- **Sentences.**  The independent sources' texts are split into sentences
  with spans; short fragments, headings, sentences without terminal
  punctuation and paragraphs that look like boilerplate (glued teasers ending
  in "...", all-caps kicker labels, "read more" furniture) are skipped.
  Each sentence is a TF-IDF vector of content-word stems (IDF over the
  story's sentences); numbers are left out of the vectors (they are compared
  separately, for contradictions).
- **Summary.**  A sentence scores by its support across the other sources
  (mean over them of the best cosine to one of their sentences), its
  similarity to the story's centroid, and a lead-position bonus; 3-5 are
  picked by maximal marginal relevance, never two above a redundancy cosine,
  and shown in event-date then position order.
- **Timeline.**  The story's events by date (unknown dates last, with their
  ``before`` bound), each described by the best-scoring lead sentence of its
  independent sources.
- **Claims.**  Sentences of one source that align with sentences of other
  independent sources *reporting the same event*, grouped, most corroborated
  first.  Aligned pairs (same event) whose numbers (same unit word), resolved
  dates or names differ are reported as contradictions.

Cost is linear in the story's size: only the first ``max_sentences_per_source``
sentences of at most ``max_sources`` sources are compared pairwise, through an
inverted index over stems.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..records import Article
from ..temporal import Timex
from ._text import STOP_WORDS as _STOP
from .copies import CopyGroup
from .dates import EventDate

__all__ = [
    "DigestOptions",
    "Sentence",
    "StoryDigest",
    "digest_story",
    "digest_stories",
    "independent_sources",
    "split_sentences",
    "sentence_similarity",
]


@dataclass(frozen=True, slots=True)
class DigestOptions:
    min_words: int = 8
    """Sentences with fewer words are fragments."""
    max_words: int = 90
    min_stems: int = 4
    max_sentences_per_source: int = 20
    """Only the first sentences of each source are compared (news is lead-heavy)."""
    max_sources: int = 30
    """At most this many independent sources per story are compared pairwise."""
    summary_min: int = 3
    summary_max: int = 5
    summary_floor: float = 0.12
    """Beyond ``summary_min`` sentences, only sentences scoring at least this are added."""
    mmr_lambda: float = 0.7
    redundancy: float = 0.4
    """Cosine at or above which two sentences state the same fact."""
    support: float = 0.28
    """Cosine at or above which a sentence of another source supports one."""
    claim: float = 0.3
    """Cosine at or above which two sentences of different sources make one claim."""
    fact_overlap: float = 0.34
    """Besides the cosine, a sentence supports another (for a claim, or a summary sentence's sources) only if
    they share this much of the smaller one's IDF weight in words that are not names (see ``_fact_overlap``)."""
    max_claims: int = 6
    contradiction: float = 0.3
    """Cosine (numbers and names left out) at or above which aligned sentences are compared for contradictions."""
    lead_bonus: tuple[float, ...] = (0.25, 0.12, 0.06)


class _AnalysisLike(Protocol):
    articles: list[Article]
    copies: list[CopyGroup]
    events: list[Any]
    stories: list[Any]
    timexes: dict[str, list[Timex]]
    event_dates: dict[str, EventDate]


@dataclass(slots=True)
class StoryDigest:
    summary: list[dict[str, Any]] = field(default_factory=list)
    """``{"text", "article", "start", "end", "sources"}``."""
    timeline: list[dict[str, Any]] = field(default_factory=list)
    """``{"event", "date": {"value", "basis", "before"}, "text", "article", "start", "end", "sources"}``."""
    claims: list[dict[str, Any]] = field(default_factory=list)
    """``{"text", "article", "start", "end", "supported_by": [{"article", "start", "end"}], "independent_sources"}``."""
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    """``{"kind": "number"|"date"|"name", "values", "spans": [{"article", "start", "end"}]}``."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "timeline": self.timeline,
            "claims": self.claims,
            "contradictions": self.contradictions,
        }


# --------------------------------------------------------------------------- sentences

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])")
_TERMINAL = re.compile(r"[.!?][\"'”’»)\]]*$")
_ABBREV = frozenset(
    "mr mrs ms dr st gen lt col sgt rep sen gov prof jan feb mar apr jun jul aug sep sept oct nov dec no vs etc inc "
    "corp co ltd jr sr dept est fig approx capt cmdr adm maj pres".split()
)
_BOILERPLATE = re.compile(
    r"\b(subscribe|newsletter|sign up|log ?in|cookies?|click here|read more|also read|read also|related articles?|"
    r"advertisement|sponsored|follow us|all rights reserved|copyright|share this|watch:|recommended)\b|©",
    re.IGNORECASE,
)
_KICKER = re.compile(r"^\W{0,2}[A-Z][A-Z’' -]{3,}\W{0,2}:")  # ‘CHARM OFFENSIVE’: a teaser's label
_BULLET = re.compile(r"^\s*(?:[—–•*·▪►-]\s+)?")
_CAPWORD = re.compile(r"\b[A-Z][\w’'-]+")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "dozen": 12,
}  # fmt: skip
_NUMBER = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")(?![\w])", re.IGNORECASE)
_UNIT_SKIP = frozenset("at least more than less fewer about some nearly almost over under around of the".split())
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december the a an in on at for and but he she it they we i this that these those "
    "his her their its after before during while with as by from".split()
)


@dataclass(slots=True)
class Sentence:
    article: str
    start: int
    end: int
    text: str
    index: int
    """Position among the article's kept sentences (0 is the lead)."""
    source: int
    """Index of its independent source in the story."""
    terms: Counter[str]
    vec: dict[str, float] = field(default_factory=dict)
    names: frozenset[str] = frozenset()
    """Stems of its capitalised words after the first (names, titles): who and where, not what happened."""


def _terms(text: str) -> Counter[str]:
    """Content-word stems (first five letters), no numbers."""
    return Counter(w[:5] for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2 and not w.isdigit())


def _paragraph_is_boilerplate(para: str) -> bool:
    p = para.strip()
    if not p:
        return True
    if p.endswith(("...", "…")):  # a teaser cut short
        return True
    if p[0].islower():  # a fragment glued from somewhere else
        return True
    if _KICKER.match(p):
        return True
    return len(p) < 200 and bool(_BOILERPLATE.search(p))


def _sentence_spans(para: str, offset: int) -> Iterable[tuple[int, int]]:
    start = 0
    for m in _BOUNDARY.finditer(para):
        before = para[start : m.start()]
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        word = last.strip("\"'“‘(").rstrip(".")
        if len(word) == 1 and word.isalpha() or word.casefold() in _ABBREV or re.fullmatch(r"(?:\w\.)+\w", word):
            continue  # U.S. / Mr. / U.N.
        yield offset + start, offset + m.end()
        start = m.end()
    yield offset + start, offset + len(para)


def split_sentences(article: Article, options: DigestOptions | None = None, limit: int | None = None) -> list[Sentence]:
    """The article's usable sentences with their spans (``text == article.text[start:end]``)."""
    options = options or DigestOptions()
    text = article.text
    out: list[Sentence] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if _paragraph_is_boilerplate(line):
            continue
        for s, e in _sentence_spans(line, line_start):
            chunk = text[s:e]
            lead = len(chunk) - len(_BULLET.sub("", chunk, count=1))
            s, e = s + lead, e - (len(chunk) - len(chunk.rstrip()))
            sent = text[s:e]
            if not sent or not _TERMINAL.search(sent) or sent.endswith(("...", "…")):
                continue
            n_words = len(sent.split())
            if not options.min_words <= n_words <= options.max_words:
                continue
            terms = _terms(sent)
            if len(terms) < options.min_stems:
                continue
            names = frozenset(m.group().casefold()[:5] for m in _CAPWORD.finditer(sent) if m.start() > 0)
            out.append(Sentence(article.id, s, e, sent, len(out), -1, terms, names=names))
            if limit is not None and len(out) >= limit:
                return out
    return out


def _weigh(sentences: Sequence[Sentence]) -> None:
    """TF-IDF unit vectors, IDF over these sentences."""
    n = len(sentences)
    df: Counter[str] = Counter()
    for s in sentences:
        df.update(s.terms.keys())
    for s in sentences:
        vec = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in s.terms.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        s.vec = {t: v / norm for t, v in vec.items()}


def _fact_overlap(a: Sentence, b: Sentence, idf: Mapping[str, float]) -> float:
    """The IDF weight of the non-name stems two sentences share, over the smaller one's.

    Two sentences of one story share their names ("Russian President Vladimir
    Putin", "North Korea") whatever they say; whether they state the same fact
    shows in the other words ("extended an invitation" is not "is expected to
    visit soon").  Names are left out so that they cannot carry the match.
    """
    fa = {t for t in a.terms if t not in a.names}
    fb = {t for t in b.terms if t not in b.names}
    wa = sum(idf.get(t, 1.0) for t in fa)
    wb = sum(idf.get(t, 1.0) for t in fb)
    if not wa or not wb:
        return 0.0
    return sum(idf.get(t, 1.0) for t in fa & fb) / min(wa, wb)


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def sentence_similarity(a: str, b: str) -> float:
    """Cosine of two sentences' stem vectors (IDF over the pair): what the redundancy threshold applies to."""
    sa = Sentence("", 0, 0, a, 0, 0, _terms(a))
    sb = Sentence("", 0, 0, b, 0, 1, _terms(b))
    _weigh([sa, sb])
    return _cos(sa.vec, sb.vec)


def _pair_similarities(sentences: Sequence[Sentence], floor: float) -> dict[int, dict[int, float]]:
    """Cosine of every pair of sentences from different sources that share a stem, if at least ``floor``."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        for t in s.vec:
            postings[t].append(i)
    sims: dict[int, dict[int, float]] = defaultdict(dict)
    for i, s in enumerate(sentences):
        acc: dict[int, float] = defaultdict(float)
        for t, w in s.vec.items():
            for j in postings[t]:
                if j > i and sentences[j].source != s.source:
                    acc[j] += w * sentences[j].vec[t]
        for j, v in acc.items():
            if v >= floor:
                sims[i][j] = v
                sims[j][i] = v
    return sims


# --------------------------------------------------------------------------- independent sources


def independent_sources(article_ids: Iterable[str], copies: Sequence[CopyGroup]) -> list[str]:
    """One article per independent source, in first-seen order: a copy group counts once, as its original."""
    original_of = {m: g.original for g in copies for m in g.members}
    out: list[str] = []
    seen: set[str] = set()
    for aid in article_ids:
        src = original_of.get(aid, aid)
        if src not in seen:
            seen.add(src)
            out.append(src)
    return out


# --------------------------------------------------------------------------- contradictions


def _numbers(text: str) -> dict[str, set[float]]:
    """Numbers with the unit word that follows them (``{"people": {12}}``); years are dates, not counts."""
    out: dict[str, set[float]] = defaultdict(set)
    for m in _NUMBER.finditer(text):
        raw = m.group(1).casefold()
        if raw in _NUMBER_WORDS:
            value = float(_NUMBER_WORDS[raw])
        else:
            try:
                value = float(raw.replace(",", ""))
            except ValueError:
                continue
            if 1800 <= value <= 2100 and "," not in raw and "." not in raw:
                continue
        rest = _WORD.findall(text[m.end() : m.end() + 60].casefold())
        unit = next((w for w in rest if w not in _UNIT_SKIP and not w.isdigit()), None)
        if unit and len(unit) > 2:
            out[unit[:5]].add(value)
    return out


def _names(text: str) -> set[str]:
    words = list(_CAPWORD.finditer(text))
    return {m.group().casefold() for m in words if m.start() > 0 and m.group().casefold() not in _NOT_NAMES}


def _dates(s: Sentence, timexes: Sequence[Timex]) -> set[str]:
    return {
        t.value
        for t in timexes
        if s.start <= t.start and t.end <= s.end and t.type == "DATE" and len(t.value) >= 10 and "X" not in t.value
    }


@dataclass(slots=True)
class _Facts:
    numbers: dict[str, set[float]]
    dates: set[str]
    names: set[str]
    words: set[str]


def _facts(s: Sentence, timexes: Sequence[Timex]) -> _Facts:
    return _Facts(_numbers(s.text), _dates(s, timexes), _names(s.text), {w.casefold() for w in _WORD.findall(s.text)})


def _contradictions(a: Sentence, b: Sentence, fa: _Facts, fb: _Facts) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    spans = [{"article": s.article, "start": s.start, "end": s.end} for s in (a, b)]
    na, nb = fa.numbers, fb.numbers
    for unit in sorted(na.keys() & nb.keys()):
        if na[unit].isdisjoint(nb[unit]):
            values = [_fmt_number(v) + " " + unit for v in sorted(na[unit])] + [
                _fmt_number(v) + " " + unit for v in sorted(nb[unit])
            ]
            out.append({"kind": "number", "values": _unit_words(values, a.text, b.text), "spans": spans})
    if fa.dates and fb.dates and fa.dates.isdisjoint(fb.dates):
        out.append({"kind": "date", "values": sorted(fa.dates) + sorted(fb.dates), "spans": spans})
    # names: near-identical sentences that name someone else
    ta, tb = fa.words, fb.words
    only_a = {n for n in fa.names - tb if not any(n in w or w in n for w in tb if len(w) > 3)}
    only_b = {n for n in fb.names - ta if not any(n in w or w in n for w in ta if len(w) > 3)}
    if 0 < len(only_a) <= 2 and 0 < len(only_b) <= 2:
        strip = {n[:5] for n in only_a | only_b}
        va = {t: v for t, v in a.vec.items() if t not in strip}
        vb = {t: v for t, v in b.vec.items() if t not in strip}
        norm = math.sqrt(sum(v * v for v in va.values()) * sum(v * v for v in vb.values())) or 1.0
        if _cos(va, vb) / norm >= 0.6:
            out.append({"kind": "name", "values": sorted(only_a) + sorted(only_b), "spans": spans})
    return out


def _fmt_number(v: float) -> str:
    return str(int(v)) if v == int(v) else str(v)


def _unit_words(values: list[str], *texts: str) -> list[str]:
    """``12 peopl`` -> ``12 people``: show the unit as the text spells it."""
    out = []
    for v in values:
        num, stem = v.split(" ", 1)
        word = stem
        for text in texts:
            m = re.search(r"\b(" + re.escape(stem) + r"\w*)", text, re.IGNORECASE)
            if m:
                word = m.group(1)
                break
        out.append(f"{num} {word}")
    return out


# --------------------------------------------------------------------------- the digest


def _span(s: Sentence) -> dict[str, Any]:
    return {"text": s.text, "article": s.article, "start": s.start, "end": s.end}


def _date_key(d: EventDate | None) -> tuple[int, str, str]:
    if d is not None and d.value:
        return (0, d.value, "")
    return (1, (d.before or "9999") if d else "9999", "")


def _fallback_line(article: Article) -> dict[str, Any]:
    """The first non-empty line of the article (when no sentence passes the filters)."""
    text = article.text
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            s = pos + len(line) - len(line.lstrip())
            e = pos + len(line.rstrip())
            return {"text": text[s:e], "article": article.id, "start": s, "end": e}
        pos += len(line) + 1
    return {"text": "", "article": article.id, "start": 0, "end": 0}


def digest_story(
    story: Any,
    events: Mapping[str, Any],
    articles: Mapping[str, Article],
    copies: Sequence[CopyGroup],
    event_dates: Mapping[str, EventDate],
    timexes: Mapping[str, Sequence[Timex]],
    options: DigestOptions | None = None,
) -> StoryDigest:
    """Summary, timeline, claims and contradictions of one story."""
    options = options or DigestOptions()
    event_ids = [e for e in story.events if e in events]
    members = [a for e in event_ids for a in events[e].articles if a in articles]
    sources = independent_sources(members, copies)
    original_of = {m: g.original for g in copies for m in g.members}
    event_of_source: dict[str, str] = {}
    for e in event_ids:
        for a in events[e].articles:
            event_of_source.setdefault(original_of.get(a, a), e)

    compared = sources[: options.max_sources]
    sentences: list[Sentence] = []
    for k, aid in enumerate(compared):
        for s in split_sentences(articles[aid], options, options.max_sentences_per_source):
            s.source = k
            sentences.append(s)
    _weigh(sentences)
    n_src = len(compared)
    floor = min(options.support, options.claim, options.contradiction, options.redundancy)
    sims = _pair_similarities(sentences, floor) if n_src > 1 else {}

    df: Counter[str] = Counter()
    for st in sentences:
        df.update(st.terms.keys())
    idf = {t: math.log((1 + len(sentences)) / (1 + c)) + 1 for t, c in df.items()}

    # per other source, the best matching sentence (for centrality), and the best one that states the
    # same fact (for support: a summary sentence's sources, claims)
    best: list[dict[int, tuple[float, int]]] = []
    backing: list[dict[int, tuple[float, int]]] = []
    for i in range(len(sentences)):
        per: dict[int, tuple[float, int]] = {}
        stated: dict[int, tuple[float, int]] = {}
        for j, v in sims.get(i, {}).items():
            src = sentences[j].source
            if v > per.get(src, (0.0, -1))[0]:
                per[src] = (v, j)
            if v > stated.get(src, (0.0, -1))[0] and _fact_overlap(sentences[i], sentences[j], idf) >= options.fact_overlap:
                stated[src] = (v, j)
        best.append(per)
        backing.append(stated)

    centroid: Counter[str] = Counter()
    for s in sentences:
        for t, v in s.vec.items():
            centroid[t] += v
    cnorm = math.sqrt(sum(v * v for v in centroid.values())) or 1.0
    scores: list[float] = []
    for i, s in enumerate(sentences):
        cross = sum(v for v, _ in best[i].values()) / (n_src - 1) if n_src > 1 else 0.0
        central = _cos(s.vec, centroid) / cnorm
        lead = options.lead_bonus[s.index] if s.index < len(options.lead_bonus) else 0.0
        scores.append(cross + 0.5 * central + lead)

    def supporters(i: int, threshold: float) -> list[str]:
        s = sentences[i]
        ids = [s.article] + [compared[src] for src, (v, _) in backing[i].items() if v >= threshold]
        return [a for a in compared if a in ids]

    def sim(i: int, j: int) -> float:
        if sentences[i].source == sentences[j].source:
            return _cos(sentences[i].vec, sentences[j].vec)
        return sims.get(i, {}).get(j, 0.0)

    # -- summary: MMR with a hard redundancy cut
    picked: list[int] = []
    candidates = set(range(len(sentences)))
    while candidates and len(picked) < options.summary_max:
        def mmr(i: int) -> float:
            red = max((sim(i, j) for j in picked), default=0.0)
            return options.mmr_lambda * scores[i] - (1 - options.mmr_lambda) * red

        i = max(sorted(candidates), key=mmr)
        candidates.discard(i)
        # The hard cut also applies the pairwise measure (IDF over the two
        # sentences alone), under which words common in this story still count.
        if any(
            max(sim(i, j), sentence_similarity(sentences[i].text, sentences[j].text)) >= options.redundancy
            for j in picked
        ):
            continue
        if len(picked) >= options.summary_min and scores[i] < options.summary_floor:
            break
        picked.append(i)
    date_of = {e: _date_key(event_dates.get(e)) for e in event_ids}
    order = {aid: k for k, aid in enumerate(compared)}

    def when(i: int) -> tuple[Any, ...]:
        s = sentences[i]
        return (date_of.get(event_of_source.get(s.article, ""), (1, "9999", "")), s.index, order[s.article])

    summary = [{**_span(sentences[i]), "sources": supporters(i, options.support)} for i in sorted(picked, key=when)]

    # -- timeline
    timeline: list[dict[str, Any]] = []
    leads_of: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        if s.index < 2:
            leads_of[s.article].append(i)
    for e in sorted(event_ids, key=lambda e: (date_of[e], event_ids.index(e))):
        ev_sources = independent_sources([a for a in events[e].articles if a in articles], copies)
        leads = [i for a in ev_sources for i in leads_of.get(a, ())]
        if leads:
            i = max(leads, key=lambda i: (scores[i], -sentences[i].index))
            item = _span(sentences[i])
        else:
            item = _fallback_line(articles[ev_sources[0]]) if ev_sources else {"text": "", "article": "", "start": 0, "end": 0}
        d = event_dates.get(e)
        timeline.append(
            {
                "event": e,
                "date": {"value": d.value if d else None, "basis": d.basis if d else "unknown", "before": d.before if d else None},
                **item,
                "sources": ev_sources,
            }
        )

    def same_event(i: int, j: int) -> bool:
        # A claim is a fact about one event: two events of a story share names and
        # words ("Putin", "visit", "North Korea") without one confirming the other.
        return event_of_source.get(sentences[i].article) == event_of_source.get(sentences[j].article)

    # -- claims
    claims: list[dict[str, Any]] = []
    if n_src > 1:
        anchors = []
        for i, per in enumerate(backing):
            support = {src: (v, j) for src, (v, j) in per.items() if v >= options.claim and same_event(i, j)}
            if support:
                anchors.append((len(support), sum(v for v, _ in support.values()) + scores[i] * 0.1, i, support))
        anchors.sort(key=lambda x: (-x[0], -x[1], x[2]))
        used: set[int] = set()
        chosen: list[int] = []
        for n, _, i, support in anchors:
            if len(claims) >= options.max_claims:
                break
            if i in used or any(sim(i, c) >= options.redundancy for c in chosen):
                continue
            chosen.append(i)
            used.add(i)
            used.update(j for _, j in support.values())
            backing = sorted(support.values(), key=lambda x: order[sentences[x[1]].article])
            claims.append(
                {
                    **_span(sentences[i]),
                    "supported_by": [
                        {"article": sentences[j].article, "start": sentences[j].start, "end": sentences[j].end}
                        for _, j in backing
                    ],
                    "independent_sources": 1 + n,
                }
            )

    # -- contradictions over aligned pairs (each sentence with its best match in each other source)
    contradictions: list[dict[str, Any]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    facts: dict[int, _Facts] = {}

    def facts_of(i: int) -> _Facts:
        if i not in facts:
            facts[i] = _facts(sentences[i], timexes.get(sentences[i].article, ()))
        return facts[i]

    aligned = {
        (min(i, j), max(i, j))
        for i, per in enumerate(best)
        for v, j in per.values()
        if v >= options.contradiction and same_event(i, j)
    }
    for i, j in sorted(aligned):
        for c in _contradictions(sentences[i], sentences[j], facts_of(i), facts_of(j)):
            key = (c["kind"], tuple(sorted(c["values"])))
            if key not in seen:
                seen.add(key)
                contradictions.append(c)
    return StoryDigest(summary, timeline, claims, contradictions[: options.max_claims * 2])


def digest_stories(analysis: _AnalysisLike, options: DigestOptions | None = None) -> dict[str, StoryDigest]:
    """A digest for every story of the analysis, by story id."""
    events = {e.id: e for e in analysis.events}
    articles = {a.id: a for a in analysis.articles}
    return {
        s.id: digest_story(s, events, articles, analysis.copies, analysis.event_dates, analysis.timexes, options)
        for s in analysis.stories
    }
