"""Named entities (people, organisations, places) without a downloaded model.

Candidates
    Capitalised token sequences (with particles such as "bin", "de", "al-" and
    hyphenated parts), acronyms (KCNA, U.S.) and the phrases of the packaged
    alias table (``storydesk/data/entity_aliases.json``: countries, official
    names, a few capitals).  A title in front of a name is stripped into a role
    ("Russian President Vladimir Putin" -> "Vladimir Putin", role "Russian
    President").  A word at the start of a sentence or in a title-case headline
    counts only when the corpus also shows it capitalised mid-sentence;
    stop-words, months and weekdays never count.  An acronym counts when it is
    in the alias table, is spelled out in the text or occurs at least twice.

Canonicalisation (corpus-wide)
    Case, dot, hyphen and space variants share a key ("Kim Jong-un" = "Kim Jong
    Un"); alias-table forms map to the table's name (DPRK -> North Korea); an
    acronym next to its expansion in parentheses joins it; inside one article a
    one-word mention that is the first or last word of exactly one full name of
    that article maps to it ("Putin" -> "Vladimir Putin"; "Kim" -> "Kim Jong Un"
    unless another Kim is there: with two, the bare "Kim" maps to the full name
    only when that one has at least three times the mentions of the others);
    a one-word mention left over maps to the only full name of the corpus
    ending with it.

Types
    Votes per canonical entity: PERSON (a stripped title, a "said" subject, a
    quote's speaker, a common first name), ORG (an organisation word such as
    Agency or Ministry ending the name or opening "X of Y", weakly an
    acronym), PLACE ("in X", "from X"); the alias table's type overrides the
    votes; no vote gives MISC.

Optional model
    ``EntityOptions(model=PATH)`` adds a spaCy pipeline loaded from a local
    directory (never downloaded; ``pip install 'storydesk[spacy]'``): its
    entities vote for the type of the rule candidates they overlap (2 votes;
    PERSON, ORG, GPE/LOC/FAC -> PLACE) and become candidates where the rules
    found none (a lower-case name, an acronym seen once).  Canonicalisation
    is the same.  The rules stay the default: no model is needed.

Cost
    Two passes over the corpus (the confirmed words, then the candidates), each
    tokenising every article; a run of tokens that can only end a name
    (lower-case words, numbers, punctuation) is one regex match, and the alias
    table is one trie regex.  About 0.9 ms CPU an article on the synthetic scale
    corpus of ``benchmarks/events.py`` (1.5 ms before, same output).  Memory is
    linear in the corpus: every article's candidates are kept until the
    corpus-wide canonicalisation.

Speakers
    A quote's speaker phrase is linked to the entity of the name that heads
    it (:func:`speaker_head`): the longest mention ending the phrase, so the
    titles, roles, demonyms and possessors in front of it are modifiers
    ("North Korean leader Kim Jong Un" -> Kim Jong Un, "the North's Korean
    Central News Agency (KCNA)" -> KCNA); a name that modifies a common noun
    ("South Korea's ruling party", "Kremlin spokesman") or sits in a
    post-modifier ("an official from the Presidential Office") is not the
    speaker, which stays a description (no entity). A pronoun or definite
    description is linked through its antecedent (:func:`speaker_entity`).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .._trie import trie_alternation
from ..errors import StorydeskError
from ..records import Article

__all__ = [
    "EntityOptions", "Entity", "Mention", "EntityResult", "find_entities", "entity_key", "alias_table", "speaker_entity", "speaker_head",
    "speaker_name", "name_index",
]


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | PLACE | MISC
    aliases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": self.aliases}


@dataclass(slots=True)
class Mention:
    entity: str
    start: int
    end: int
    text: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class EntityResult:
    entities: list[Entity]
    mentions: dict[str, list[Mention]]
    """Per article id, sorted by start."""

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}


# --------------------------------------------------------------------------- word lists

_STOP = frozenset(
    "a an the and or but nor of to in on at for with by from as is are was were be been it its this that these those "
    "he she they we you i his her their our your him them us my me not no so if than then there here which who whom "
    "what when where why how all any both each few more most other some such only own same too very can will just "
    "would should could may might must has have had do does did also into over after before about against between "
    "through during up down out off again once while meanwhile however although though because since until unless "
    "yes according among amid despite via per new photo live view date home read more advertisement also".split()
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_TITLES = frozenset(
    "president presidents prime minister ministers leader leaders chancellor king queen secretary senator governor "
    "mayor chairman chairwoman chair director ambassador envoy spokesman spokeswoman spokesperson general colonel "
    "commander comrade mr mrs ms dr pope sheikh prince princess emperor premier official analyst judge justice "
    "lawmaker sen gov lt sgt captain admiral marshal ceo founder president-elect counterpart dictator".split()
)
_PARTICLES = frozenset("bin bint ibn de da del della der den van von la le du al el dos das of".split())
_ORG_SUFFIX = frozenset(
    "agency ministry office party council inc inc. corp corp. co ltd llc plc news bank university college "
    "institute department committee commission court army navy force forces fleet service services association "
    "union federation group company corporation foundation organization organisation times post press network "
    "tv television radio agency authority bureau board assembly parliament congress senate police guard "
    "command club league airlines motors".split()
)
_FIRST_NAMES = frozenset(
    "vladimir joe donald barack hillary kamala xi emmanuel olaf rishi boris keir angela justin narendra shinzo "
    "fumio yoko antony sergei sergey dmitry volodymyr recep benjamin elon mark jeff bill tim john james robert "
    "michael david richard william mary elizabeth charles george thomas peter paul maria anna ali mohammed "
    "muhammad ahmed kim moon yoon lee park".split()
)
_SAY = re.compile(r"^\s*,?\s*(?:said|says|told|stated|added|explained|wrote|noted|announced|warned|urged)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|according to)\s+$")
_PLACE_BEFORE = re.compile(r"\b(?:in|from|near|across|to visit|visited|visiting|arrived in)\s+$")
_TITLE_BEFORE = re.compile(
    r"((?:[A-Z][\w’'.-]*\s+)*(?:%s))\s+$" % "|".join(sorted((t for t in _TITLES if t.isalpha()), key=len, reverse=True)),
    re.IGNORECASE,
)
_TITLE_ENDINGS = tuple(t for t in _TITLES if t.isalpha())


def _title_before(before: str) -> re.Match[str] | None:
    """``_TITLE_BEFORE.search(before)``, skipping the (slow) search when no title word ends the text."""
    stripped = before.rstrip()
    if len(stripped) == len(before) or not stripped.casefold().endswith(_TITLE_ENDINGS):
        return None
    return _TITLE_BEFORE.search(before)


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+|[^\w\s]")
_BREAK_BEFORE = frozenset(".!?:;“\"‘—–•|")


_POSSESSIVE_END = re.compile(r"'s$")


@lru_cache(maxsize=1 << 16)
def entity_key(s: str) -> str:
    """Normalised form: case, dots, hyphens, apostrophes and spaces folded."""
    s = s.replace("’", "'").casefold()
    s = _POSSESSIVE_END.sub("", s)
    s = s.replace(".", "").replace("-", " ").replace("'", "")
    return " ".join(s.split())


@lru_cache(maxsize=1)
def alias_table() -> tuple[dict[str, tuple[str, str]], frozenset[str], re.Pattern[str]]:
    """(alias key -> (canonical name, type), demonym words, regex of the table's surface forms)."""
    ref = resources.files("storydesk.data").joinpath("entity_aliases.json")
    data = json.loads(ref.read_text(encoding="utf-8"))
    table: dict[str, tuple[str, str]] = {}
    forms: set[str] = set()
    for e in data["entities"]:
        for form in [e["name"], *e["aliases"]]:
            table[entity_key(form)] = (e["name"], e["type"])
            forms.add(form)
    demonyms = frozenset(w for d in data["demonyms"] for w in d.split())
    alts = trie_alternation(forms)  # the longest form first, as a trie: one test a position, not one a form
    return table, demonyms, re.compile(rf"(?<![\w.])(?:{alts})(?![\w])")


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True, slots=True)
class EntityOptions:
    model: str | None = None
    """A spaCy pipeline directory with an ``ner`` or ``entity_ruler`` component (see the module docstring)."""


_MODEL_TYPES = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


@lru_cache(maxsize=2)
def _load_model(path: str) -> Any:
    from pathlib import Path

    if not Path(path).is_dir():
        raise StorydeskError(f"entity model {path}: not a local directory (storydesk never downloads models)")
    try:
        import spacy
    except ImportError as exc:  # the extra is optional
        raise StorydeskError(f"entity model {path}: spaCy is not installed (pip install 'storydesk[spacy]')") from exc
    return spacy.load(path)


def _model_entities(articles: Sequence[Article], path: str) -> dict[str, list[tuple[int, int, str]]]:
    """Per article id, the model's (start, end, type) entities of the kinds storydesk keeps."""
    nlp = _load_model(path)
    out: dict[str, list[tuple[int, int, str]]] = {}
    for a, doc in zip(articles, nlp.pipe(a.text for a in articles)):
        out[a.id] = [(e.start_char, e.end_char, _MODEL_TYPES[e.label_]) for e in doc.ents if e.label_ in _MODEL_TYPES]
    return out


def _add_model_entities(text: str, cands: list[_Cand], found: list[tuple[int, int, str]]) -> list[_Cand]:
    """Model entities vote for the candidates they overlap, and are added where no candidate is."""
    added = []
    for s, e, typ in found:
        hit = [c for c in cands if c.start < e and s < c.end]
        for c in hit:
            c.votes[typ] += 2
        if not hit:
            name = text[s:e].strip()
            if name:
                c = _Cand(s, s + len(name), name, entity_key(name), "name", ntok=len(name.split()))
                c.votes[typ] += 2
                added.append(c)
    return sorted(cands + added, key=lambda c: c.start) if added else cands


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # word | alias | acr | punct | num
    initial: bool = False
    possessive: bool = False


class _Votes(dict):
    """Votes per type: a Counter without Counter's slow constructor (a candidate is made for every name)."""

    __slots__ = ()

    def __missing__(self, key: str) -> int:
        return 0


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    text: str
    key: str
    kind: str  # name | alias | acr
    votes: _Votes = field(default_factory=_Votes)
    role: str | None = None
    ntok: int = 1


_PAREN_GAP = re.compile(r"\s*\(\s*")
_AL_EL = re.compile(r"(?:al|el)-[A-Z]")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}")


def _is_cap(t: str) -> bool:
    return t[:1].isupper() or bool(_AL_EL.match(t))


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")  # the letter runs longer than three letters


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Spans of title-case lines (headlines, menus): their words need confirmation."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if not line.rstrip().endswith("."):
            words = _LONG_WORD.findall(line)
            if len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
                out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


# A run of tokens that can only end a name, separated by spaces or tabs: ASCII lower-case words that are not
# particles (each ending where _TOKEN's word would: not before a letter, nor before a hyphen or apostrophe
# and a letter), numbers, and punctuation other than _BREAK_BEFORE's (which makes the next word initial).
# Matched first, at the same places as _TOKEN's tokens, so a run is a sequence of _TOKEN's tokens.
_RUN_TOKEN = (
    r"(?:(?!(?:%s)(?![^\W\d_]|[-'’][^\W\d_]))[a-z]+(?:[-'’][a-z]+)*(?![^\W\d_]|[-'’][^\W\d_])|\d+|[^\w\s.!?:;“\"‘—–•|])"
    % "|".join(sorted(_PARTICLES, key=len, reverse=True))
)
_TOKEN_RUNS = re.compile(rf"(?P<run>{_RUN_TOKEN}(?:[ \t]*{_RUN_TOKEN})*)|" + _TOKEN.pattern)
_BREAK = _Tok(-1, -1, "", "break")
"""Stands for tokens that can only end a name (lower-case words other than particles, numbers, punctuation)."""


def _token_matches(text: str, aliases: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """_TOKEN's matches, except that a run of tokens that only end a name (see _TOKEN_RUNS) is one match
    (``lastgroup == "run"``) unless a table phrase overlaps it."""
    k = 0
    for m in _TOKEN_RUNS.finditer(text):
        if m.lastgroup == "run":
            s, e = m.span()
            while k < len(aliases) and aliases[k][1] <= s:
                k += 1
            if k < len(aliases) and aliases[k][0] < e:
                yield from _TOKEN.finditer(text, s, e)
                continue
        yield m


def _tokens(text: str) -> list[_Tok]:
    """The tokens a name can be made of, in order: words (with whether they start a sentence or a headline),
    acronyms and alias-table phrases; a run of the other tokens, which only end a name, is one ``_BREAK``."""
    table, demonyms, alias_re = alias_table()
    aliases = [(m.start(), m.end()) for m in alias_re.finditer(text)]
    n_aliases = len(aliases)
    heads = _headline_lines(text)
    toks: list[_Tok] = []
    append = toks.append
    ai = 0
    a_s, a_e = aliases[0] if aliases else (len(text) + 1, len(text) + 1)
    hi = 0
    prev_end = 0
    prev_text = ""
    first = True
    last_break = False
    for m in _token_matches(text, aliases):
        s, e = m.span()
        if m.lastgroup == "run":
            if not last_break:
                append(_BREAK)
                last_break = True
            prev_end, prev_text = e, ""  # (the last token is none of _BREAK_BEFORE)
            first = False
            continue
        t = m.group()
        if a_e <= s:
            while ai < n_aliases and aliases[ai][1] <= s:
                ai += 1
            a_s, a_e = aliases[ai] if ai < n_aliases else (len(text) + 1, len(text) + 1)
        if a_s < e:
            # the token overlaps table phrases: they replace it ("North Korea’s", "Russia-DPRK")
            while ai < n_aliases and aliases[ai][0] < e:
                a_s, a_e = aliases[ai]
                if not (toks and toks[-1].kind == "alias" and toks[-1].start == a_s):
                    append(_Tok(a_s, a_e, text[a_s:a_e], "alias"))
                    last_break = False
                prev_end, prev_text = a_e, text[a_s:a_e]
                if a_e > e:
                    break
                ai += 1
            a_s, a_e = aliases[ai] if ai < n_aliases else (len(text) + 1, len(text) + 1)
            first = False
            continue
        c = t[0]
        if not c.isupper() and t not in _PARTICLES and not ((c == "a" or c == "e") and _AL_EL.match(t)):
            # a lower-case word, a number or punctuation: it only ends a name
            if not last_break:
                append(_BREAK)
                last_break = True
            prev_end = e - 2 if c.isalpha() and len(t) > 3 and t.endswith(("'s", "’s")) else e
            prev_text = t
            first = False
            continue
        while hi < len(heads) and heads[hi][1] < s:
            hi += 1
        initial = first or prev_text in _BREAK_BEFORE or "\n" in text[prev_end:s] or (hi < len(heads) and heads[hi][0] <= s)
        first = False
        if c.isdigit():
            kind = "num"
        elif not (c.isalpha() or c == "_"):
            kind = "punct"
        elif _ACRONYM.fullmatch(t):
            kind = "acr"
        else:
            kind = "word"
        poss = False
        if kind == "word" and t.endswith(("'s", "’s")) and len(t) > 3:
            e -= 2
            t = t[:-2]
            poss = True
        if kind == "word" and "-" in t:
            parts = t.split("-")
            if parts[-1].islower() and parts[0][:1].isupper() and parts[0] in demonyms:
                kind = "punct"  # "Russian-made"
            if len(parts) == 2 and all(p[:1].isupper() and len(p) >= 3 for p in parts):
                append(_Tok(s, s + len(parts[0]), parts[0], "word", initial))
                append(_BREAK)  # the hyphen
                s = s + len(parts[0]) + 1
                t = parts[1]
                initial = False
        if kind == "word" or kind == "acr":
            append(_Tok(s, e, t, kind, initial, poss))
            last_break = False
        elif not last_break:
            append(_BREAK)
            last_break = True
        prev_end, prev_text = e, t
    return toks


def _confirmed_words(articles: Sequence[Article]) -> set[str]:
    """Capitalised words seen mid-sentence (outside headlines) anywhere in the corpus."""
    seen: set[str] = set()
    for a in articles:
        for t in _tokens(a.text):
            if t.kind == "word" and not t.initial and _is_cap(t.text):
                seen.add(t.text.casefold())
    return seen


def _candidates(text: str, confirmed: set[str], acr_ok: set[str]) -> list[_Cand]:
    table, demonyms, _ = alias_table()
    toks = _tokens(text)
    out: list[_Cand] = []

    def ok_word(t: _Tok) -> bool:
        f = t.text.casefold()
        if t.kind != "word" or not _is_cap(t.text) or f in _STOP or f in _MONTHS or f in _DAYS:
            return False
        return not t.initial or f in confirmed

    def emit(seq: list[_Tok]) -> None:
        while seq and seq[-1].text in _PARTICLES:
            seq = seq[:-1]
        if not seq:
            return
        words = [t.text for t in seq]
        # strip a leading title ("Russian President", "Japanese Minister of Foreign Affairs")
        last_title = -1
        run = 0
        for i, w in enumerate(words):
            f = w.casefold()
            if not (f in _TITLES or w in demonyms or f in ("of", "the")):
                break
            run = i + 1
        if any(w.casefold() in _TITLES for w in words[:run]):
            last_title = run - 1
        role = None
        if 0 <= last_title < len(seq) - 1:
            role = text[seq[0].start : seq[last_title].end]
            seq = seq[last_title + 1 :]
            while seq and seq[0].text in _PARTICLES:
                seq = seq[1:]
            if not seq:
                return
        elif last_title == len(seq) - 1 or all(t.text in demonyms for t in seq):
            return  # a title or a demonym alone
        s, e = seq[0].start, seq[-1].end
        surface = text[s:e]
        c = _Cand(s, e, surface, entity_key(surface), "name", _Votes(), role, len(seq))
        if role is None:
            before = text[max(0, s - 80) : s]
            m = _title_before(before)
            if m and m.group(1).split()[-1].islower():
                role = m.group(1)
                c.role = role
        if role:
            c.votes["PERSON"] += 2
        out.append(c)

    seq: list[_Tok] = []
    pending: list[_Tok] = []  # particles waiting for a capitalised word
    for t in toks:
        if t is _BREAK:
            if seq:
                emit(seq)
                seq = []
            pending = []
            continue
        if t.kind == "alias":
            emit(seq)
            seq, pending = [], []
            name, typ = table[entity_key(t.text)]
            out.append(_Cand(t.start, t.end, t.text, entity_key(name), "alias", _Votes(), None, len(t.text.split())))
            continue
        if t.kind == "acr":
            emit(seq)
            seq, pending = [], []
            key = entity_key(t.text)
            if key not in _STOP and key in acr_ok:
                out.append(_Cand(t.start, t.end, t.text, key, "acr", _Votes(ORG=1)))
            continue
        contiguous = bool(seq) and text[(pending or seq)[-1].end : t.start] == " " and not (pending or seq)[-1].possessive
        if ok_word(t):
            if contiguous:
                seq.extend(pending)
                seq.append(t)
            else:
                emit(seq)
                seq = [t]
            pending = []
        elif t.kind == "word" and t.text in _PARTICLES and seq and contiguous:
            pending.append(t)
        else:
            emit(seq)
            seq, pending = [], []
        if seq and seq[-1].possessive:
            emit(seq)
            seq, pending = [], []
    emit(seq)
    return out


# --------------------------------------------------------------------------- canonicalisation


class _Keys:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _initials_match(acr: str, expansion: str) -> bool:
    letters = acr.replace(".", "").casefold()
    words = [w for w in re.split(r"[\s-]+", expansion) if w and w.casefold() not in ("of", "and", "the", "for")]
    initials = "".join(w[0].casefold() for w in words)
    return initials == letters or (len(letters) >= 2 and initials.startswith(letters[0]) and _subseq(letters, initials))


def _subseq(a: str, b: str) -> bool:
    it = iter(b)
    return all(ch in it for ch in a)


def _org_name(key: str) -> bool:
    """An organisation's name: it ends with an organisation word ("... News Agency") or begins with one followed by
    "of" ("Bank of England", "Ministry of Foreign Affairs")."""
    words = key.split()
    return words[-1] in _ORG_SUFFIX or (len(words) > 2 and words[0] in _ORG_SUFFIX and words[1] == "of")


def _person_like(c: _Cand) -> bool:
    return c.kind == "name" and not _org_name(c.key)


def find_entities(
    articles: Sequence[Article],
    speakers: Mapping[str, Sequence[tuple[int | None, int | None, str]]] | None = None,
    options: EntityOptions | None = None,
) -> EntityResult:
    """Entities of the corpus and their mentions per article.

    ``speakers``: per article id, the quotes' (speaker_start, speaker_end, speaker) — the name heading a speaker
    phrase (:func:`speaker_head`) gets a PERSON vote unless it ends with an organisation word.
    """
    table, _, _ = alias_table()
    speakers = speakers or {}
    options = options or EntityOptions()
    modelled = _model_entities(articles, options.model) if options.model else {}
    confirmed = _confirmed_words(articles)
    # acronyms that count: in the table, spelled out in parentheses, or seen at least twice
    acr_counts: Counter[str] = Counter()
    for a in articles:
        for m in re.finditer(r"(?<![\w.])(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b", a.text):
            acr_counts[entity_key(m.group())] += 1
    acr_ok = {k for k, n in acr_counts.items() if n >= 2 or k in table}
    for a in articles:
        for m in re.finditer(r"\(\s*([A-Z]{2,6})\s*\)", a.text):
            acr_ok.add(entity_key(m.group(1)))

    keys = _Keys()
    per_article: dict[str, list[_Cand]] = {}
    for a in articles:
        cands = _candidates(a.text, confirmed, acr_ok)
        if a.id in modelled:
            cands = _add_model_entities(a.text, cands, modelled[a.id])
        text = a.text
        # contexts
        for c in cands:
            after = text[c.end : c.end + 30]
            before = text[max(0, c.start - 30) : c.start]
            if c.kind == "name" and (_SAY.match(after) or _SAID_BEFORE.search(before)):
                c.votes["PERSON"] += 1
            if c.kind == "name" and _org_name(c.key):
                c.votes["ORG"] += 3
            if c.kind == "name" and _PLACE_BEFORE.search(before) and not c.role:
                c.votes["PLACE"] += 1
            if c.kind == "name" and c.ntok >= 2 and c.key.split()[0] in _FIRST_NAMES:
                c.votes["PERSON"] += 1
        if speakers.get(a.id):
            ordered = sorted(cands, key=lambda c: c.start)
            spans = [(c.start, c.end, c.role) for c in ordered]
            for ss, se, name in speakers[a.id]:
                if ss is None or se is None or _norm(text[ss:se]) != _norm(name):
                    continue  # a pronoun or description: its antecedent has had its vote
                h = speaker_head(text, ss, se, spans)
                if h is not None and _person_like(ordered[h]):
                    ordered[h].votes["PERSON"] += 2  # the head of a speaker phrase, not an organisation
        # acronym <-> expansion: "Korean Central News Agency (KCNA)" or "KCNA (Korean Central News Agency)"
        for x, y in zip(cands, cands[1:]):
            gap = text[x.end : y.start]
            if "(" in gap and _PAREN_GAP.fullmatch(gap) and text[y.end : y.end + 3].lstrip().startswith(")"):
                acr, exp = (y, x) if y.kind == "acr" else (x, y) if x.kind == "acr" else (None, None)
                if acr is not None and exp is not None and exp.kind != "acr" and _initials_match(acr.text, exp.text):
                    keys.union(acr.key, exp.key)
        # one-word mentions -> the full name of this article
        full: Counter[str] = Counter(c.key for c in cands if _person_like(c) and c.ntok >= 2)
        by_word: dict[str, list[str]] = {}  # first and last words of the full names, in ``full``'s order
        for k in full:
            ws = k.split()
            by_word.setdefault(ws[0], []).append(k)
            if ws[-1] != ws[0]:
                by_word.setdefault(ws[-1], []).append(k)
        for c in cands if by_word else ():
            if not (_person_like(c) and c.ntok == 1):
                continue
            ks = by_word.get(c.key)
            if not ks:
                continue
            matches = Counter({k: full[k] for k in ks})
            (top, n), *rest = matches.most_common()
            if not rest or n >= 3 * sum(m for _, m in rest):
                c.key = top
        per_article[a.id] = cands

    # leftover one-word names -> the only full name of the corpus ending with that word
    full_corpus = {c.key for cs in per_article.values() for c in cs if _person_like(c) and c.ntok >= 2}
    by_last: dict[str, set[str]] = defaultdict(set)
    for k in full_corpus:
        by_last[k.split()[-1]].add(k)
    for cs in per_article.values():
        for c in cs:
            if _person_like(c) and c.ntok == 1 and " " not in c.key and len(by_last.get(c.key, ())) == 1:
                c.key = next(iter(by_last[c.key]))
            keys.find(c.key)

    # group, name, type
    groups: dict[str, list[_Cand]] = defaultdict(list)
    for cs in per_article.values():
        for c in cs:
            groups[keys.find(c.key)].append(c)
    built: list[tuple[str, Entity, int]] = []
    for root, cs in groups.items():
        forms: Counter[str] = Counter(c.text for c in cs)
        table_hit = next((table[c.key] for c in cs if c.kind == "alias"), None)
        if table_hit is None:
            table_hit = next((table[k] for k in {c.key for c in cs} if k in table), None)
        if table_hit:
            name, typ = table_hit
        else:
            name = max(forms, key=lambda f: (len(entity_key(f).split()), not f.isupper(), forms[f], -len(f), f))
            votes: Counter[str] = Counter()
            for c in cs:
                votes.update(c.votes)
            typ = "MISC"
            if votes:
                best = max(votes.values())
                typ = next(t for t in ("PERSON", "ORG", "PLACE") if votes[t] == best)
        aliases = sorted({f for f in forms if f != name}, key=lambda f: (-forms[f], f))
        built.append((root, Entity("", name, typ, aliases), len(cs)))
    built.sort(key=lambda x: (-x[2], x[1].name))
    id_of: dict[str, str] = {}
    entities: list[Entity] = []
    for k, (root, ent, _) in enumerate(built):
        ent.id = f"n{k + 1}"
        id_of[root] = ent.id
        entities.append(ent)
    mentions = {
        aid: sorted((Mention(id_of[keys.find(c.key)], c.start, c.end, c.text, c.role) for c in cs), key=lambda m: m.start)
        for aid, cs in per_article.items()
    }
    return EntityResult(entities, mentions)


# --------------------------------------------------------------------------- speakers

#: words that end the head of a noun phrase: what follows is a post-modifier ("an official *from* the Office",
#: "the head *of* the party") or another conjunct ("Kim *and* Putin"); so is a comma or semicolon
_POST_MODIFIER = re.compile(
    r"(?<![\w’'-])(?:of|from|for|at|in|with|by|on|to|near|inside|within|under|over|among|about|against|behind|outside|"
    r"and|or|nor|who|whom|whose|which|that|&)(?![\w’'-])|[,;]"
)
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)
_TRAILING_PARENS = re.compile(r"(?:\s*\([^()]*\))+\s*$")


def _phrase_end(text: str, start: int, end: int) -> int:
    """The end of a speaker phrase without trailing punctuation and parentheticals ("... Agency (KCNA)")."""
    seg = text[start:end].rstrip(" \t\n,.;:")
    seg = _TRAILING_PARENS.sub("", seg).rstrip(" \t\n,.;:")
    return start + len(seg)


def speaker_head(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int, str | None]], *, inside_name: bool = True
) -> int | None:
    """Index in ``spans`` ((start, end, role) of entity mentions, sorted by start) of the head of ``text[start:end]``.

    The head of a noun phrase is its last name: the longest mention that ends the phrase (trailing punctuation
    and parentheticals such as "(KCNA)" dropped), so titles, roles, demonyms and possessors in front of it are
    modifiers ("North Korean leader Kim Jong Un", "Japanese Minister of Foreign Affairs Yoko Kamikawa", "the
    North's Korean Central News Agency", "Russia's Putin"). A name followed by a noun or by 's is a modifier,
    not the head ("South Korea's ruling party", "Kremlin spokesman"): no mention ends the phrase, no head. Nor
    is a name inside a post-modifier or a conjunct ("an official from the Presidential Office", "the head of
    the ministry", "Kim and Putin"): a preposition, relative pronoun, conjunction or comma before the mention
    (outside the title the entity finder stripped in front of it) means the phrase's head is a common noun
    before it. With ``inside_name`` a phrase lying wholly inside one mention is headed by it ("Putin" in a
    mention "Putin").
    """
    e = _phrase_end(text, start, end)
    if e <= start:
        return None
    best: int | None = None
    for i, (ms, me, _role) in enumerate(spans):
        if ms >= e:
            break
        ends_phrase = start <= ms and me == e
        covers = inside_name and ms <= start and me >= e
        if (ends_phrase or covers) and (best is None or me - ms > spans[best][1] - spans[best][0]):
            best = i
    if best is None:
        return None
    ms, _me, role = spans[best]
    before = text[start:ms].rstrip() if ms > start else ""
    if role and before.endswith(role):
        before = before[: -len(role)]
    if _POST_MODIFIER.search(before):
        return None
    return best


def _norm(s: str) -> str:
    return " ".join(s.split()).strip(" ,")


def name_index(entities: Sequence[Entity]) -> dict[str, list[str]]:
    """Entity ids by the key (:func:`entity_key`) of each name and alias."""
    out: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        for k in {entity_key(x) for x in [e.name, *e.aliases]}:
            out[k].append(e.id)
    return dict(out)


def speaker_entity(
    text: str,
    speaker: str,
    start: int | None,
    end: int | None,
    mentions: Sequence[Mention],
    names: Mapping[str, Sequence[str]],
) -> str | None:
    """The entity id of a quote's speaker, or None for a described speaker ("a high-ranking official").

    The speaker span is linked to the mention that heads it (:func:`speaker_head`). A pronoun or definite
    description ("he", "the official") keeps its span on the mention while ``speaker`` holds the antecedent as
    written: the antecedent is then the latest earlier mention written like it, else the latest earlier (or the
    first later) occurrence of ``speaker`` in the text, headed the same way. Failing a head, the whole phrase
    (determiner dropped) may be an entity's name or alias: one of the entities of this article, else the only
    one of the corpus (``names``: :func:`name_index`).
    """
    spans = [(m.start, m.end, m.role) for m in mentions]
    if start is not None and end is not None:
        if _norm(text[start:end]) == _norm(speaker):
            h = speaker_head(text, start, end, spans)
            if h is not None:
                return mentions[h].entity
        else:  # resolved pronoun or description: find the antecedent
            key = entity_key(speaker)
            for m in reversed(mentions):
                if m.end <= start and entity_key(m.text) == key:
                    return m.entity
            words = speaker.split()
            if words:
                pat = re.compile(r"(?<![\w’'-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w’'-])")
                found = [m for m in pat.finditer(text)]
                earlier = [m for m in found if m.end() <= start]
                occ = earlier[-1] if earlier else next(iter(found), None)
                if occ is not None:
                    h = speaker_head(text, occ.start(), occ.end(), spans, inside_name=False)
                    if h is not None:
                        return mentions[h].entity
    key = entity_key(_DETERMINERS.sub("", _norm(speaker)))
    if not key:
        return None
    named = list(names.get(key, ()))
    local = {m.entity for m in mentions}
    hits = [i for i in named if i in local] or named
    return hits[0] if len(hits) == 1 else None


def speaker_name(entity: Entity | None, speaker: str) -> str:
    """The canonical name of a quote's speaker: its entity's name, else the description as written."""
    return entity.name if entity is not None else _norm(speaker)
