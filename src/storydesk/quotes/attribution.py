"""Direct-quote extraction and speaker attribution for news text (rule based).

``find_quotes(text)`` is a pure function of the text: no model, no I/O, all
regular expressions compiled at import time (the ~560 reporting-verb forms as
a trie: about 0.35 ms CPU a news-length article, 0.7 ms with them as a plain
list of alternatives).

Conventions
-----------
* ``Quote.start``/``Quote.end`` delimit the quoted content *without* the quote
  marks; ``Quote.text == text[start:end]`` (punctuation inside the marks, such
  as the comma of ``“...,” he said``, is kept).
* One ``Quote`` per quote-mark pair.  A split quote (``“A,” he said, “B.”``) and
  a quote continued over paragraphs (the paragraph ends with an unclosed quote
  and the next one opens with a quote mark) give several ``Quote`` objects
  sharing the same speaker and the same ``group`` number.  A quote sentence
  that directly follows an attributed quote (``“A,” she said. “B.”`` or a
  next paragraph that is only a quote) is given to the same speaker and group.
* ``speaker`` is the mention as written (``"Russian President Vladimir
  Putin"``, ``"A high-ranking official from the Presidential Office"``,
  ``"KCNA"``); ``speaker_start``/``speaker_end`` point at that mention.  For a
  pronoun (``he``/``she``/``it``) or a definite description (``the official``)
  the span points at the mention (as PolNeAR Source spans do) while ``speaker``
  holds the resolved antecedent (falling back to the mention itself).  Appositions (``Jeff Weaver, Sanders’
  campaign manager, said``) are not part of the speaker span.
* ``cue`` is the reporting expression (``said``, ``according to``, ``told``,
  ``":"`` for ``Smith: “...”`` and transcript turns ``"WALLACE: ..."``, or the
  dash of ``“...” ― Sonya Herridge``); ``cue_start``/``cue_end`` are its offsets.
* A sentence that ends with a reporting verb and a colon (or ``X said in a
  statement.``) introduces the quote that opens the next sentence/paragraph.
* ``kind`` is ``"direct"`` when the quote marks enclose the whole reported
  content (the quote stands as its own clause next to speaker and cue), and
  ``"partial"`` when a quoted fragment is embedded in the reporting sentence
  (``called it a “devil’s deal”``, ``said that “...”``); for partial quotes the
  speaker is the subject of the first reporting verb of the quote's clause
  (clauses split at ``; ``, ``, while``, ``, but`` ...; a quote ending with
  ``.”`` ends its sentence), so ``Kim told Putin that his country offers its
  “...”`` goes to Kim; cues of relative clauses with a pronoun subject (``what
  he called``) are skipped.  An attribution after the fragment wins only when
  it governs the sentence (``“...,” X said`` or ``..., said X``), not a
  participle (``“...,” stressing ...``).
* Subject spans stop before adverbials (``Kim on Wednesday told`` -> ``Kim``,
  ``Putin in his opening remarks said`` -> ``Putin``) and verbs; cue words used as
  nouns (``Clinton’s emails``, ``state media``) are not cues.
* Resolution is light.  he/she take the latest earlier named person (a quote
  speaker, a name before a reporting verb, or a titled name) whose gender,
  known only from titles such as Mr./Ms. or from earlier resolutions, does not
  clash; ``it`` takes the latest non-person speaker (``The joint statement``,
  ``KCNA``); a definite description (``The official``) takes the latest fuller
  mention with the same words (``A high-ranking official from the Presidential
  Office``; ``Finance Minister Ana Silva`` for ``the minister``); ``who`` takes
  the name before ``, who``.  The span stays on the mention as written.
* Only attributed quotes are returned by default; scare quotes and titles in
  sentences without a reporting verb are skipped.  ``include_unattributed=True``
  also returns direct quotes with no speaker found (``speaker == ""``).

Quote marks understood: “…”, "…", ‘…’ (as outer quotes), «…», „…“ / „…”,
``…'' and ''…'' (older newswire), with mixed open/close styles tolerated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._trie import trie_alternation

__all__ = ["Quote", "find_quotes"]


@dataclass(slots=True)
class Quote:
    """One quoted span and its attribution (see the module docstring)."""

    start: int
    end: int
    text: str
    speaker: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int | None
    cue_end: int | None
    kind: str  # "direct" | "partial"
    group: int = 0


# --------------------------------------------------------------------------- lexicon

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing"),
    "read": ("read", "reads", "reading"),
    "speak": ("speaks", "spoke"),
    "go on": ("go on", "goes on", "went on", "going on"),
    "put it": ("put it", "puts it", "putting it"),
    "shoot back": ("shot back", "shoots back", "shooting back"),
    "fire back": ("fire back", "fires back", "fired back", "firing back"),
    "write back": ("write back", "writes back", "wrote back", "writing back"),
    "tell reporters": ("tell reporters", "tells reporters", "told reporters", "telling reporters"),
}
_REGULAR = """
add state explain emphasize emphasise warn note report ask insist argue claim declare announce continue reply
respond answer tweet post recall react riff press offer acknowledge admit concede suggest predict observe remark joke
quip laugh shout
yell cry exclaim stress point_out conclude urge complain lament boast vow promise pledge counter retort charge
contend maintain muse wonder demand testify comment text email chant assure interject echo confess affirm
reiterate repeat proclaim scoff snap sigh whisper mutter thunder bark boom gush marvel tout caution advise explain
predict recount describe inform acknowledge reason question protest cheer groan gripe grumble huff sneer smile
message blog summarize summarise surmise speculate fume rant rail plead beg concur agree disagree
""".split()

#: Verbs that embed a partial quote in their object (``called it a “...”``).
_PARTIAL_VERBS = """
call dub label term brand deem describe characterize characterise blast slam praise decry denounce condemn
criticize criticise hail refer dismiss mock deride
""".split()


def _inflect(verb: str) -> tuple[str, ...]:
    parts = verb.split("_")
    head, rest = parts[0], " ".join(parts[1:])
    if head.endswith("e"):
        forms = (head, head + "s", head + "d", head[:-1] + "ing")
    elif head.endswith("y") and head[-2] not in "aeiou":
        forms = (head, head[:-1] + "ies", head[:-1] + "ied", head + "ing")
    elif head.endswith(("sh", "ch", "ss", "x", "o")):
        forms = (head, head + "es", head + "ed", head + "ing")
    elif head in ("quip", "snap", "plan"):
        forms = (head, head + "s", head + head[-1] + "ed", head + head[-1] + "ing")
    else:
        forms = (head, head + "s", head + "ed", head + "ing")
    return tuple(f"{f} {rest}".strip() for f in forms)


def _alternation(forms: set[str]) -> str:
    # as a trie (longest form first, a space matching any run of white space): with the forms as a list of
    # 500 alternatives the regex engine tried each at every word, and the cues were half of the quote time
    return trie_alternation(forms, space=r"\s+")


_CUE_FORMS: set[str] = {f for v in _REGULAR for f in _inflect(v)}
for _forms in _IRREGULAR.values():
    _CUE_FORMS.update(_forms)
_PARTIAL_FORMS: set[str] = {f for v in _PARTIAL_VERBS for f in _inflect(v)}

# Reporting verbs; "according to" is handled as a cue whose speaker follows it.
_CUE_RE = re.compile(
    r"(?<![\w’'-])(?:(?P<acc>according\s+to)|(?P<verb>" + _alternation(_CUE_FORMS) + r"))(?![\w’'-])",
    re.IGNORECASE,
)
_PARTIAL_CUE_RE = re.compile(
    r"(?<![\w’'-])(?:" + _alternation(_PARTIAL_FORMS | _CUE_FORMS) + r"|according\s+to)(?![\w’'-])",
    re.IGNORECASE,
)
# cues after which the speaker never follows (``X told CNN``)
_NO_INVERSION = {"tell", "tells", "told", "telling", "tell reporters", "told reporters", "tells reporters"}

_PRONOUNS = {"he", "she", "they", "we", "i", "it", "you", "He", "She", "They", "We", "I", "It", "You"}
_HE, _SHE = {"he", "him", "his"}, {"she", "her"}
_MALE_TITLES = {"mr.", "mr", "sir", "king", "prince", "father", "brother", "lord"}
_FEMALE_TITLES = {"ms.", "ms", "mrs.", "mrs", "miss", "madam", "queen", "princess", "lady", "sister"}

_SKIP_BEFORE_CUE = set(
    """also later then has have had was were is are once again recently previously earlier quickly simply finally
    further even would will could may might reportedly flatly bluntly publicly privately repeatedly
    often frequently immediately subsequently has long never still just already had been being""".split()
)
_NP_STOP = set(
    """and but while as because when that which if although though so since where whereas yet or nor than
    who whom whose what whether after before until unless""".split()
)
_LEADING_PREP = set(
    """in on at during after before since from with for by to of about over under into amid among upon
    speaking asked when while last this next yesterday today tonight earlier later""".split()
)
# words that, right after a cue, show that no speaker follows the cue
_NOT_SPEAKER_AFTER = set(
    """in on at during after before since from with for by to of about over under into amid among upon
    monday tuesday wednesday thursday friday saturday sunday yesterday today tonight last this next earlier
    later recently previously then that it this there here was is had has would will ago when while as
    so and but repeatedly again afterward afterwards through via later told once shortly also
    """.split()
)
_TITLE_WORDS = set(
    """mr. mrs. ms. dr. sen. sens. rep. reps. gov. gen. lt. col. sgt. capt. adm. maj. cmdr. gov president
    prime minister senator governor representative secretary chairman chairwoman director spokesman spokeswoman
    mayor judge justice king queen prince pope rev. father sir lord chancellor premier leader""".split()
)
_ABBREV = set(
    """mr mrs ms dr sen sens rep reps gov gen lt col sgt capt adm maj cmdr st jr sr prof inc co corp ltd no vs
    etc jan feb mar apr aug sept sep oct nov dec ariz calif colo conn fla ga ill ind kan ky la md mass mich minn
    miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo rev fr gens mt ft messrs""".split()
)

# --------------------------------------------------------------------------- regexes

_DOUBLE_MARK = re.compile(r"''|``|[“”\"„«»]")
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–:]))[‘'](?=[A-Za-z0-9À-ÿ])", re.MULTILINE)
_SINGLE_CLOSE = re.compile(r"(?<=[^\s‘'])[’'](?![A-Za-z0-9À-ÿ])")
_PARA = re.compile(r"[^\n]+")
_TOKEN = re.compile(r"\w[\w’'.&/\-]*|[,;:()\[\]—–!?.]")
_WORD = re.compile(r"\w[\w’'.&/\-]*")
_SENT_END = re.compile(r"[.!?]+[)\]’'”\"]*(?=\s+[(\[“\"‘'«„`]*[A-Z0-9])")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(slots=True)
class _Region:
    """A quote-mark pair: ``open_s..cs`` is the opening mark, ``ce..close_e`` the closing one."""

    open_s: int
    cs: int
    ce: int
    close_e: int
    closed: bool
    para: int
    cont: bool = False  # continues an unclosed quote of the previous paragraph


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _opening_context(text: str, s: int, e: int) -> bool:
    prev = text[s - 1] if s > 0 else ""
    nxt = text[e] if e < len(text) else ""
    return (_is_space(prev) or prev in "([{—–-/:") and not _is_space(nxt)


def _closing_context(text: str, s: int, e: int) -> bool:
    prev = text[s - 1] if s > 0 else ""
    nxt = text[e] if e < len(text) else ""
    return not _is_space(prev) and (_is_space(nxt) or nxt in ".,;:!?)]—–-'’\"”")


def _find_regions(text: str, ps: int, pe: int, para: int) -> list[_Region]:
    """Pair the double quote marks of one paragraph (singles are added after)."""
    regions: list[_Region] = []
    open_m: re.Match[str] | None = None
    for m in _DOUBLE_MARK.finditer(text, ps, pe):
        tok, s, e = m.group(), m.start(), m.end()
        if open_m is None:
            if tok in ("”", "»"):
                if _opening_context(text, s, e) and not _closing_context(text, s, e):
                    open_m = m
                continue
            if tok in ('"', "''", "“") and _closing_context(text, s, e) and not _opening_context(text, s, e):
                continue  # stray closing mark
            open_m = m
            continue
        otok = open_m.group()
        if tok in ("„", "«", "``") or (tok == "“" and otok != "„"):
            if tok == "“" and _closing_context(text, s, e) and not _opening_context(text, s, e):
                pass  # “ used as a closing mark
            else:
                regions.append(_Region(open_m.start(), open_m.end(), s, s, False, para))
                open_m = m
                continue
        elif tok in ('"', "''") and _opening_context(text, s, e) and not _closing_context(text, s, e):
            # looks like an opening mark: the previous quote was left open
            regions.append(_Region(open_m.start(), open_m.end(), s, s, False, para))
            open_m = m
            continue
        regions.append(_Region(open_m.start(), open_m.end(), s, e, True, para))
        open_m = None
    if open_m is not None:
        regions.append(_Region(open_m.start(), open_m.end(), pe, pe, False, para))
    # outer single quotes outside double-quoted regions
    covered = [(r.open_s, r.close_e) for r in regions]
    pos = ps
    while True:
        m = _SINGLE_OPEN.search(text, pos, pe)
        if m is None:
            break
        pos = m.end()
        if any(a <= m.start() < b for a, b in covered) or re.match(r"\d\ds\b", text[m.end() : m.end() + 4]):
            continue
        if m.group() == "'" and m.start() > 0 and text[m.start() - 1] == "'":
            continue
        c = _SINGLE_CLOSE.search(text, m.end(), pe)
        if c is None or any(a <= c.start() < b for a, b in covered):
            continue
        inner = text[m.end() : c.start()]
        if len(inner.split()) < 2 or "\n" in inner:
            continue
        regions.append(_Region(m.start(), m.end(), c.start(), c.end(), True, para))
        covered.append((m.start(), c.end()))
        pos = c.end()
    regions.sort(key=lambda r: r.open_s)
    return regions


def _is_abbrev(word: str) -> bool:
    """``word`` (without its final period) is an abbreviation or an initial."""
    w = word.lower().rstrip(".")
    return w in _ABBREV or len(w) == 1 or bool(re.fullmatch(r"(?:\w\.)+\w", w))


def _has_period_boundary(seg: str) -> bool:
    for m in re.finditer(r"([\w’'.\-]*)\.\s", seg):
        if not _is_abbrev(m.group(1)):
            return True
    return False


def _sentence_starts(text: str, ps: int, pe: int, regions: list[_Region]) -> list[int]:
    """Sentence starts in a paragraph, ignoring boundaries inside quotes."""
    starts = [ps]
    for m in _SENT_END.finditer(text, ps, pe):
        end = m.end()
        if any(r.cs <= m.start() < r.ce for r in regions):
            continue
        if m.group() == ".":
            w = re.search(r"([\w’'.\-]+)\.$", text[max(ps, m.start() - 20) : m.start() + 1])
            if w and _is_abbrev(w.group(1)):
                continue
        while end < pe and text[end].isspace():
            end += 1
        starts.append(end)
    return starts


# --------------------------------------------------------------------------- noun phrases


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or tok[:1].isdigit()


_DETERMINERS = set(
    "the a an one another some many several his her their its our this that these those two three".split()
)
_VERBISH = set(
    """is was are were has had have will would can could did does do went goes seemed appeared also then later
    still not never who which that""".split()
)
_CLAUSE_OPENERS = set("but and so then still yet also later even only just meanwhile however".split())
_LEADING_ADVERBIAL = set(
    """as asked although though because if once despite like unlike back meanwhile however instead now then
    today yesterday separately alongside previously indeed again earlier later still""".split()
)
_SUBJECT_CUE_PREP = set("upon after before by while in when on with without".split())


_TIME_WORDS = set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april june july august
    september october november december yesterday today tonight morning afternoon evening night week weekend
    month year day days weeks months years""".split()
)
_ADV_PREPS = set("on in at during over after before via through amid following earlier last this".split())
_ADV_NOUNS = set(
    """statement interview speech remarks remark comments letter conference briefing tweet tweets post op-ed email
    emails address meeting rally appearance call broadcast video message note hearing session summit talks visit
    debate show episode radio television tv podcast response reply testimony release filing announcement memo
    column editorial speeches interviews stop dinner ceremony newsletter blog book""".split()
)
_POSSESSIVES = {"his", "her", "their", "its", "my", "our", "your"}


def _is_adverbial_pp(words: list[str]) -> bool:
    """``words`` (a preposition and what follows, up to the verb) form an adverbial, not a modifier.

    ``on Wednesday``, ``in his opening remarks``, ``during a news conference``,
    ``last week``; but not ``from the Presidential Office`` or ``at the ministry``.
    """
    if not words or words[0].lower() not in _ADV_PREPS:
        return False
    rest = [w.lower().rstrip(".") for w in words[1:]]
    if words[0].lower() in ("last", "this", "earlier") and not rest:
        return words[0].lower() == "earlier"
    if not rest or len(rest) > 6:
        return False
    # "at a news conference in Seoul": the place after the adverbial noun goes with it
    if len(rest) > 2 and rest[-2] in ("in", "at", "from") and words[-1][:1].isupper():
        rest = rest[:-2]
    last = rest[-1]
    if last in _TIME_WORDS or last in _ADV_NOUNS or last[:1].isdigit():
        return all(w not in _NP_STOP and w not in _VERBISH for w in rest)
    return rest[0] in _POSSESSIVES and len(rest) <= 3 and words[-1].islower()


def _trailing_adverbial(toks: list[tuple[int, int, str]], i: int) -> int | None:
    """Index of the preposition of an adverbial phrase ending at token ``i`` (after a subject), or None."""
    for k in range(i, max(-1, i - 7), -1):
        w = toks[k][2]
        if not _WORD.fullmatch(w):
            return None
        if k > 0 and w.lower() in _ADV_PREPS and _is_adverbial_pp([t[2] for t in toks[k : i + 1]]):
            if _WORD.fullmatch(toks[k - 1][2]) or toks[k - 1][2] in (",", ")"):
                return k
    # a bare day name: "Kim Wednesday said"
    if i > 0 and toks[i][2].lower() in _TIME_WORDS and _is_cap(toks[i][2]) and _is_cap(toks[i - 1][2]):
        return i
    return None


def _trim_adverbial(text: str, s: int, e: int) -> tuple[int, int]:
    """Cut a subject span before an adverbial phrase (``The minister on Wednesday`` -> ``The minister``)."""
    toks = _tokens(text, s, e)
    for k in range(1, len(toks)):
        if toks[k][2].lower() in _ADV_PREPS and _is_adverbial_pp([t[2] for t in toks[k:]]):
            return s, toks[k - 1][1]
    return s, e


#: irregular past tenses that end a subject noun phrase ("the actor held ...")
_PAST_VERBS = set(
    """held took made gave went came got found saw knew thought left met ran won lost sent kept brought bought paid
    spent began became spoke stood sat led felt heard meant built let cut struck fought threw drew chose rose fell
    sought taught caught wore broke""".split()
)


def _sentence_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The grammatical subject at the start of the clause ``text[lo:hi]`` (heuristic)."""
    toks = _tokens(text, lo, hi)
    i = 0
    for _ in range(4):
        while i < len(toks) and toks[i][2].lower() in _CLAUSE_OPENERS:
            i += 1
            if i < len(toks) and toks[i][2] == ",":
                i += 1
        if i >= len(toks):
            return None
        first = toks[i][2]
        low = first.lower()
        leading = low in _LEADING_PREP or low in _LEADING_ADVERBIAL
        if not (leading or (first.endswith("ing") and first[:1].isupper()) or (low.endswith("ly") and len(low) > 4)):
            break
        for j in range(i, min(len(toks), i + 25)):
            if toks[j][2] == ",":
                i = j + 1
                break
        else:
            return None
    if i >= len(toks):
        return None
    s, e, w = toks[i]
    if w in _PRONOUNS:
        return s, e
    words: list[tuple[int, int, str]] = []
    det = w.lower() in _DETERMINERS
    for s, e, w in toks[i : i + 12]:
        low = w.lower()
        if not _WORD.fullmatch(w):
            break
        if words and (low in _VERBISH or low in _NP_STOP or (w.islower() and _PARTIAL_CUE_RE.fullmatch(w))):
            break
        if words and not det and not _is_cap(w) and low not in ("of", "de", "van", "von", "al", "bin", "la", "le"):
            break
        if words and det and (low.endswith("ed") or low.endswith("ing") or low in _PAST_VERBS) and not _is_cap(w):
            break
        words.append((s, e, w))
    while words and words[-1][2].lower() in ("of", "de", "van", "von", "the", "a", "al", "la", "le"):
        words.pop()
    if not words or not _LETTER.search(words[0][2]):
        return None
    return _trim_adverbial(text, words[0][0], words[-1][1])


def _np_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject noun phrase ending just before ``hi`` (a cue), within ``[lo, hi)``."""
    toks = _tokens(text, lo, hi)
    i = len(toks) - 1
    while i >= 0:
        low = toks[i][2].lower()
        k = _trailing_adverbial(toks, i)
        if k is not None:
            i = k - 1  # "Kim on Wednesday told", "Putin in his opening remarks said"
        elif low in _SKIP_BEFORE_CUE or (low.endswith("ly") and toks[i][2].islower() and len(low) > 4):
            i -= 1
        elif low == "to" and i > 0 and toks[i - 1][2].islower():
            # "went on to say", "seemed to suggest", "continued to insist"
            i -= 2
            if i >= 0 and toks[i][2] == "on":
                i -= 1
        else:
            break
    if i < 0:
        return None
    cue_m = _WORD.match(text, hi)
    cue_tok = cue_m.group().lower() if cue_m else ""
    # ", saying" / "upon saying" / "and added": the subject of the clause speaks
    if (toks[i][2] == "," and cue_tok.endswith("ing")) or toks[i][2].lower() in _SUBJECT_CUE_PREP | {"and", "but"}:
        return _sentence_subject(text, lo, toks[i][0])
    # relative pronoun: "Charlie Sykes, who lamented ..." -> the span points at "who" (as PolNeAR does)
    if toks[i][2].lower() == "who":
        return toks[i][0], toks[i][1]
    # parenthesis before the cue: "Sen. Smith (D-N.Y.) said"
    paren_end = None
    if toks[i][2] == ")":
        paren_end = toks[i][1]
        j = i
        while j >= 0 and toks[j][2] != "(":
            j -= 1
        if j <= 0:
            return None
        i = j - 1
    # apposition: "Name, a title, said" / "Name, speaking to X, said"
    if toks[i][2] == ",":
        j = i - 1
        while j >= 0 and toks[j][2] not in (",", ";", ":", ".", "—", "–") and i - j <= 40:
            j -= 1
        if j >= 0 and toks[j][2] == ",":
            i = j - 1
        elif j < 0:
            # the window starts the apposition ("”, another friend, Mariam Emara told")
            i = i - 1
        else:
            return None
        if i < 0:
            return None
    collected: list[int] = []
    while i >= 0 and len(collected) < 14:
        tok = toks[i][2]
        low = tok.lower()
        if tok == ")":
            j = i
            while j >= 0 and toks[j][2] != "(":
                j -= 1
            if j < 0:
                break
            collected.extend(range(j, i + 1))
            i = j - 1
            continue
        if not _WORD.fullmatch(tok):
            break
        if low in _NP_STOP:
            # keep coordinated names: "Sens. Smith and Jones said"
            if low == "and" and collected and _is_cap(toks[collected[-1]][2]) and i > 0 and _is_cap(toks[i - 1][2]):
                collected.append(i)
                i -= 1
                continue
            break
        if tok.islower() and _CUE_RE.fullmatch(tok) and collected:
            break
        collected.append(i)
        i -= 1
    if not collected:
        return None
    idx = sorted(collected)
    words = [toks[k] for k in idx if _WORD.fullmatch(toks[k][2])]
    if not words:
        return None
    # a pronoun inside the phrase is the subject ("On Tuesday he said")
    for s, e, w in reversed(words):
        if w in _PRONOUNS and w not in ("it", "It", "you", "You"):
            return s, e
    first = words[0][2].lower()
    if words[0][2].islower() and (first in _VERBISH or first == "to" or first.endswith(("ed", "ly"))) and first not in (
        "retired", "embattled", "unnamed", "elected", "united", "frustrated", "longtime"
    ):
        return _sentence_subject(text, lo, hi)
    if first in _LEADING_PREP or (first.endswith("ing") and len(words) > 1):
        run: list[tuple[int, int, str]] = []
        for s, e, w in reversed(words):
            if _is_cap(w) or (run and w.lower() in ("of", "the", "de", "van", "von", "al", "bin")):
                run.append((s, e, w))
            elif run:
                break
        if not run:
            return None
        while run and not _is_cap(run[-1][2]):
            run.pop()
        return (run[-1][0], run[0][1]) if run else None
    s, e = words[0][0], toks[idx[-1]][1]
    if paren_end is not None and not text[e:paren_end].count(","):
        e = paren_end  # "Sen. Smith (D-N.Y.)", as PolNeAR Source spans do
    if not _LETTER.search(text[s:e]):
        return None
    return s, e


def _np_after(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The speaker noun phrase right after a cue (``said Geoff Garin, a pollster``)."""
    toks = _tokens(text, lo, hi)
    words: list[tuple[int, int, str]] = []
    for s, e, w in toks:
        if not _WORD.fullmatch(w):
            break
        low = w.lower().rstrip(".")
        if not words and (low in _NOT_SPEAKER_AFTER or low.endswith("ly") and w.islower()):
            return None
        if words and (low in _NP_STOP and low != "and" or low in ("in", "on", "at", "during", "after", "before",
                                                                   "told", "said", "says", "to", "while", "when",
                                                                   "last", "this", "ago", "yesterday", "today")):
            break
        if words and low == "and" and not (_is_cap(words[-1][2])):
            break
        words.append((s, e, w))
        if len(words) >= 10:
            break
    while words and words[-1][2].lower() in ("and", "of", "the", "a"):
        words.pop()
    if not words:
        return None
    s, e = words[0][0], words[-1][1]
    if text[e - 1] == "." and text[s:e].count(".") == 1 and text[e - 2 : e - 1].islower() and len(words[-1][2]) > 3:
        e -= 1  # sentence-final period
    return s, e


def _speaker_text(text: str, s: int, e: int) -> str:
    return re.sub(r"\s+", " ", text[s:e]).strip(" ,")


# --------------------------------------------------------------------------- attribution


@dataclass(slots=True)
class _Attr:
    sp: tuple[int, int] | None
    cue: tuple[int, int] | None  # (s, e), or (s, s) for a colon
    cue_text: str
    name: str | None = None  # who a pronoun mention refers to, when known from the sentence


_NOUNLIKE_BEFORE = set(
    """a an the his her their its this that my our your these those in with on of for by from to another every each
    simple brief short written new latest recent first second final""".split()
)


#: cue forms that are as often nouns (``her March comment``, ``primary states``, ``Clinton’s emails``)
_NOUN_PRONE = set(
    """comment comments report reports state states message messages email emails text texts post posts tweet tweets
    question questions answer answers reply replies claim claims charge charges promise promises pledge pledges
    offer offers note notes remark remarks joke jokes vow vows cry cries reason reasons blog blogs quip quips shout
    shouts laugh laughs sigh sighs counter counters protest protests cheer cheers groan groans gripe gripes rant rants
    whisper whispers echo echoes demand demands boast boasts request requests plea pleas chant chants concern
    concerns question warning""".split()
)


def _noun_context(text: str, lo: int, hi: int) -> bool:
    """The words before a cue make it a noun: a determiner, possessive or number shortly before, no verb between."""
    words = re.findall(r"[\w’'\-]+|[^\w\s]", text[lo:hi])[-3:]
    for k, w in enumerate(reversed(words)):
        low = w.lower()
        if not re.match(r"\w", w):
            return False
        if low in _POSSESSIVES or (k == 0 and (low.endswith(("’s", "'s")) or low[:1].isdigit())):
            return True
        if low in _VERBISH or low in _NP_STOP or low in _PRONOUNS or low in _SKIP_BEFORE_CUE or _is_cap(w):
            return False
    return False


def _is_modified_noun(word: str) -> bool:
    """``word`` after a noun-prone cue is the noun it modifies (``state media``), not an object or adverb."""
    low = word.lower()
    return not (
        low in _NP_STOP
        or low in _NOT_SPEAKER_AFTER
        or low in _DETERMINERS
        or low in _PRONOUNS
        or low in _POSSESSIVES
        or low in ("him", "them", "us", "me", "whether", "how", "why", "what")
        or low.endswith("ly")
    )


def _cues(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Cue matches in ``text[lo:hi]``: lower case, or capitalised at the start of the window.

    Cue words that may be nouns (``a post``, ``the report``, ``in a statement``) are
    skipped when a determiner or preposition precedes them, unless in past tense.
    """
    out = []
    for m in pattern.finditer(text, lo, hi):
        word = m.group()
        if word[:1].isupper() and text[lo : m.start()].strip(" ,;:—–-\n"):
            continue
        if not word.endswith(("ed", "aid", "old", "ote", "ing")) and not word.lower().startswith("according"):
            prev = re.search(r"(\w[\w’'\-]*)\W*$", text[max(lo, m.start() - 30) : m.start()])
            if prev and prev.group(1).lower() in _NOUNLIKE_BEFORE:
                continue
            if word.lower() in _NOUN_PRONE and _noun_context(text, max(lo, m.start() - 40), m.start()):
                continue
            nxt = re.match(r"[^\S\n]+([a-z][\w\-]*)", text[m.end() : m.end() + 30])
            if (
                word.lower() in _NOUN_PRONE
                and nxt
                and not word.endswith("s")
                and _is_modified_noun(nxt.group(1))
            ):
                continue  # "state media", "email server", "text message"
        out.append(m)
    return out


def _post_attribution(text: str, lo: int, hi: int) -> _Attr | None:
    """``“...,” he said`` / ``“...,” said X`` / ``“...,” according to X`` in ``text[lo:hi]``."""
    seg = text[lo:hi]
    if not seg.strip() or seg.lstrip()[:1] in "“\"„«‘":
        return None
    lead = len(seg) - len(seg.lstrip(" \t,"))
    for m in _cues(_CUE_RE, text, lo + lead, min(hi, lo + lead + 160)):
        between = text[lo + lead : m.start()]
        if re.search(r"[;!?]\s|[“”\"]|\n", between) or _has_period_boundary(between):
            return None
        if m.group("acc"):
            if between.strip(" ,—–-"):
                # "X said, according to footage": only the leading cue counts
                return None
            sp = _np_after(text, m.end(), hi)
            return _Attr(sp, (m.start(), m.end()), m.group()) if sp else None
        cue = m.group()
        if not between.strip(" ,—–-"):
            if cue.lower() in _NO_INVERSION:
                return None
            sp = _np_after(text, m.end(), hi)
            if sp is None:
                continue
            return _Attr(sp, (m.start(), m.end()), cue)
        if len(_WORD.findall(between)) > 14:
            return None
        sp = _np_before(text, lo + lead, m.start())
        if sp is None and between.rstrip().endswith(",") and cue.lower() not in _NO_INVERSION:
            sp = _np_after(text, m.end(), hi)  # "“...” reading of the plan, said X"
        if sp is None:
            return None
        return _Attr(sp, (m.start(), m.end()), cue)
    return None


def _post_binds(text: str, r: _Region, post: _Attr) -> bool:
    """Whether an attribution after a quote fragment governs the whole sentence (``“...,” X said``)."""
    if post.cue is None:
        return False
    content = text[r.cs : r.ce].rstrip()
    gap = text[r.close_e : post.cue[0]]
    if content.endswith((".", "!", "?")):
        return False  # the sentence ends inside the quote
    if post.sp is not None and post.sp[0] > post.cue[0] and text[: post.cue[0]].rstrip().endswith(","):
        return True  # inverted "..., said X" governs its whole sentence
    if post.cue_text.lower().endswith("ing") or _cues(_CUE_RE, text, r.close_e, post.cue[0]):
        return False  # "“...,” saying": the sentence subject speaks
    if len(_WORD.findall(gap)) > 8:
        return False
    return content.endswith(",") or gap.lstrip().startswith(",")


def _pre_attribution(text: str, lo: int, hi: int) -> tuple[_Attr | None, bool]:
    """Attribution before an opening quote mark in ``text[lo:hi]``; returns (attr, is_direct)."""
    seg = text[lo:hi]
    stripped = seg.strip()
    if not stripped:
        return None, True
    cues = _cues(_CUE_RE, text, lo, hi)
    best = cues[-1] if cues else None
    if best is not None:
        gap = text[best.end() : hi]
        gap_words = len(_WORD.findall(gap))
        direct = gap_words <= 12 and bool(re.search(r"[,:]\s*$", gap) or not gap.strip()) and not re.search(
            r"\bthat\s*[,:]?\s*$", gap
        )
        if best.group("acc"):
            sp = _np_after(text, best.end(), hi)
            return (_Attr(sp, (best.start(), best.end()), best.group()) if sp else None), direct
        sp = _np_before(text, lo, best.start())
        if sp is None and best.group().lower() not in _NO_INVERSION:
            sp = _np_after(text, best.end(), hi)
        if sp is None:
            return None, direct
        return _Attr(sp, (best.start(), best.end()), best.group()), direct
    # "Smith: “...”", "Rep. Trey Gowdy (R-S.C.): “...”"
    colon = re.fullmatch(r"\s*([A-Z][\w’'.\- ]{0,60}?(?:\s*\([^()]{1,20}\))?)\s*:\s*", seg)
    if colon and len(colon.group(1).split()) <= 6:
        s, e = lo + colon.start(1), lo + colon.end(1)
        c = lo + seg.rindex(":")
        return _Attr((s, e), (c, c + 1), ":"), True
    # partial quote: "called it a “...”"
    pcues = _cues(_PARTIAL_CUE_RE, text, lo, hi)
    pm = pcues[-1] if pcues else None
    if pm is not None:
        sp = _np_before(text, lo, pm.start())
        if sp is not None:
            return _Attr(sp, (pm.start(), pm.end()), pm.group()), False
    return None, False


# clause boundaries inside a sentence: the clause after them has its own subject
_CLAUSE_BOUNDARY = re.compile(r";\s|,\s+(?:while|whereas|but|although|though)\s|\s[—–]\s*(?:while|but)\s")
# "what he called", "what she has described as": the pronoun refers back to the subject
_EMBEDDED_CUE = re.compile(r"\b(?:what|which|whom)\s+(he|she|they|it|we|I)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _in_regions(pos: int, regions: list[_Region]) -> bool:
    return any(r.cs <= pos < r.ce for r in regions)


def _partial_attribution(text: str, sent_lo: int, hi: int, regions: list[_Region]) -> _Attr | None:
    """Speaker of a quote fragment embedded in the sentence ``text[sent_lo:...]`` opening at ``hi``.

    The sentence part before the quote is cut into clauses at ``; ``, ``, while``,
    ``, but`` ...; in the quote's clause (or, when it has none, the closest earlier
    clause) the *first* reporting verb with a subject noun phrase gives the speaker,
    so ``Kim told Putin that his country offers its “...”`` goes to Kim, not to
    ``his country``.  Cue words inside other quotes are skipped, and so are cues
    of relative clauses with a pronoun subject (``criticized what he called “...”``,
    ``which she described as``): the pronoun refers back to the subject.  With no
    other cue, the pronoun is the mention and the clause subject its ``name``.
    """
    # a quote ending with sentence punctuation before a capital ends a sentence ('... “liar.” Fiorina said')
    for r in regions:
        if sent_lo <= r.close_e < hi and text[r.cs : r.ce].rstrip().endswith((".", "!", "?")):
            nxt = re.match(r"\s+(?=[A-Z“\"‘'])", text[r.close_e : r.close_e + 3])
            if nxt:
                sent_lo = r.close_e + nxt.end()
    bounds = [sent_lo] + [
        m.end() for m in _CLAUSE_BOUNDARY.finditer(text, sent_lo, hi) if not _in_regions(m.start(), regions)
    ]
    ends = bounds[1:] + [hi]
    embedded: tuple[re.Match[str], tuple[int, int]] | None = None
    main: _Attr | None = None
    for k in range(len(bounds) - 1, -1, -1):
        c_lo, c_hi = bounds[k], ends[k]
        subj = _sentence_subject(text, c_lo, c_hi)
        start = subj[0] if subj else c_lo
        for m in _cues(_PARTIAL_CUE_RE, text, start, c_hi):
            if _in_regions(m.start(), regions):
                continue
            rel = _EMBEDDED_CUE.search(text, max(c_lo, m.start() - 40), m.start())
            if rel:
                if k == len(bounds) - 1 and len(_WORD.findall(text, m.end(), hi)) <= 4:
                    embedded = (m, (rel.start(1), rel.end(1)))
                continue
            if main is not None:
                continue
            if m.group().lower().startswith("according"):
                sp = _np_after(text, m.end(), hi)
            else:
                # the subject may not reach back over an earlier quote
                np_lo = max([c_lo] + [r.close_e for r in regions if c_lo <= r.close_e <= m.start()])
                sp = _np_before(text, np_lo, m.start())
            if sp is not None:
                main = _Attr(sp, (m.start(), m.end()), m.group())
        if embedded is not None and main is None and subj is not None:
            main = _Attr(subj, None, "")
        if main is not None:
            break
    if main is not None and main.cue is not None:
        return main
    if embedded is None:
        return None
    m, pron = embedded
    name = None
    if main is not None and main.sp is not None:
        name = _speaker_text(text, *main.sp)
        if name.lower() in {p.lower() for p in _PRONOUNS} | {"who"}:
            name = None
    return _Attr(pron, (m.start(), m.end()), m.group(), name)


_LEAD_IN_VERBS = {"said", "says", "told", "tells", "wrote", "writes", "added", "adds", "stated", "states", "declared"}


def _lead_in(text: str, lo: int, hi: int) -> _Attr | None:
    """A sentence introducing the next quote: ``Smith said in a statement.`` / ``He declared:``."""
    seg = text[lo:hi].rstrip()
    if not seg or re.search(r"[“”\"«»„]|''|``", seg):
        return None
    end = lo + len(seg)
    colon = seg.endswith(":")
    cues = _cues(_CUE_RE, text, lo, end)
    if cues:
        m = cues[-1]
        tail = text[m.end() : end]
        if len(_WORD.findall(tail)) > (12 if colon else 6) or not re.search(r"[.:]$", tail.strip() or "."):
            return None
        if not colon and m.group().lower() not in _LEAD_IN_VERBS:
            return None
        if m.group("acc"):
            sp = _np_after(text, m.end(), end)
        else:
            sp = _np_before(text, lo, m.start())
            if sp is None and not colon and m.group().lower() not in _NO_INVERSION:
                sp = _np_after(text, m.end(), end)
        return _Attr(sp, (m.start(), m.end()), m.group()) if sp else None
    return None


_NAME_BEFORE_CUE = re.compile(
    r"\b((?:(?:[A-Z][\w’'\-]*\.?|of|de|van|von|bin)\s+){0,4}[A-Z][\w’'\-]+)"
    r"(?:\s*,[^,.;“”\"]{1,80},)?\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:said|says|told|tells|added|adds|wrote|writes|argued|noted|stated|explained|insisted|warned|asked|announced)\b"
)
_TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|President|Prime Minister|Chancellor|Senator|Governor|Mayor|Judge)"
    r"\.?\s+(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+"
)
# "Finance Minister Ana Silva", "Foreign Ministry Spokesman Li Wei": antecedents of "the minister"
_ROLE_NAME = re.compile(
    r"(?<![\w’'\-])(?:[A-Z][\w’'\-]+\s+){0,2}(?=[A-Z])(?:Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Director|Chairman|"
    r"Chairwoman|Ambassador|Commissioner|Chief|Envoy|Adviser|Advisor)\s+(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+"
)
_NOT_NAME_START = set(
    """the a an but and in on at as after before when while if so then this that these those there it its his her
    their our we they he she i you asked also however meanwhile""".split()
)
_ANTECEDENT = re.compile(r"((?:[A-Z][\w’'.\-]*\s+){0,4}[A-Z][\w’'.\-]*)\s*,\s*$")


def _gender(name: str) -> str:
    first = name.split()[0].lower() if name.split() else ""
    return "m" if first in _MALE_TITLES else "f" if first in _FEMALE_TITLES else ""


def _strip_name(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _NOT_NAME_START:
        words.pop(0)
    return " ".join(words)


#: head nouns of non-person speakers, the antecedents of "it"
_THING_NOUNS = set(
    """statement statements report ministry office agency department government party committee council newspaper
    paper network campaign company firm group organization organisation union association commission court bureau
    service administration embassy military army navy police board bank foundation institute university school
    center centre website site ad ads video letter document communique communiqué declaration resolution memo study
    survey poll book article editorial release agreement treaty bill law plan proposal kremlin outlet daily times
    journal magazine channel radio station media parliament congress senate house assembly cabinet team club league
    federation alliance coalition movement fund corporation inc. co. ltd. group. state-run regime junta
    authorities ministry's broadcaster tv television command""".split()
)
_PREP_SPLIT = re.compile(r"\s(?:of|from|for|at|in|with|to|on|who|which|that)\s", re.IGNORECASE)
_DEFINITE = re.compile(r"(?:the|this|that)\s+(?:[a-z][\w’'\-]*\s+){0,2}([a-z][\w’'\-]*)", re.IGNORECASE)
_PRONOUN_SET = {p.lower() for p in _PRONOUNS} | {"who"}


def _head_part(name: str) -> str:
    """The part of a noun phrase before its first preposition or relative clause."""
    return _PREP_SPLIT.split(" " + name + " ", maxsplit=1)[0].strip()


def _is_thing(name: str) -> bool:
    """A speaker that is not a person: an acronym (KCNA), or an organisation or document noun as head."""
    words = name.split()
    if not words:
        return False
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,}[A-Z0-9-]*", words[0]):
        return True
    head_words = _head_part(name).lower().split()
    return bool(head_words) and (head_words[-1] in _THING_NOUNS or head_words[-1].rstrip("’'s") in _THING_NOUNS)


def _resolve(text: str, quotes: list[Quote]) -> None:
    """Name the speaker of pronoun (he/she/it), ``who`` and definite-description mentions.

    Candidates are the named speakers of earlier quotes and names that are the
    subject of a reporting verb anywhere before (``Putin said on Tuesday ...``).
    He/she take the latest person candidate whose gender (from Mr./Ms./...
    titles, or from an earlier pronoun resolved to it) does not clash; ``it``
    takes the latest non-person candidate (``The joint statement``, ``KCNA``); a
    definite description (``The official``) takes the latest earlier fuller
    mention with the same head noun (``A high-ranking official from the
    Presidential Office``, ``Finance Minister Ana Silva`` for ``the minister``).
    The span keeps pointing at the mention.
    """
    cands: list[tuple[int, str]] = []
    for m in _NAME_BEFORE_CUE.finditer(text):
        name = _strip_name(m.group(1))
        if name and name.lower() not in _PRONOUNS and name[:1].isupper():
            cands.append((m.start(1) + m.group(1).find(name), name))
    cands.extend((m.start(), m.group()) for m in _TITLED_NAME.finditer(text))
    for q in quotes:
        if q.speaker_start is not None and q.speaker.lower() not in _PRONOUN_SET:
            cands.append((q.speaker_start, q.speaker))
    cands.sort()
    gender: dict[str, str] = {}
    resolved: dict[int, str] = {}  # mention start -> resolved name (definite descriptions)
    role_cands: list[tuple[int, str]] | None = None
    for q in quotes:
        if q.speaker_start is None:
            continue
        low = q.speaker.lower()
        if low == "who":
            m = _ANTECEDENT.search(text, max(0, q.speaker_start - 80), q.speaker_start)
            if m:
                q.speaker = _strip_name(m.group(1)) or q.speaker
            continue
        if q.speaker_start in resolved:
            q.speaker = resolved[q.speaker_start]
            continue
        definite = _DEFINITE.fullmatch(q.speaker)
        if definite and definite.group(1).islower():
            if role_cands is None:  # "Finance Minister Ana Silva", looked for only when needed
                role_cands = list(cands)
                for m in _ROLE_NAME.finditer(text):
                    name = _strip_name(m.group())
                    if name:
                        role_cands.append((m.start() + m.group().find(name), name))
                role_cands.sort()
            # every word of "the former president" must be in the antecedent
            want_words = q.speaker.lower().split()[1:]
            for pos, name in reversed(role_cands):
                if pos >= q.speaker_start or q.speaker_start - pos > 3000:
                    continue
                if pos in resolved or _DEFINITE.match(name) or len(name) <= len(q.speaker):
                    continue
                if name.endswith(("’s", "'s")) or re.search(r"[.!?]\s", name):
                    continue
                have = set(re.findall(r"[\w’'\-]+", _head_part(name).lower()))
                if all(w in have for w in want_words):
                    q.speaker = resolved[q.speaker_start] = name
                    break
            continue
        if low == "it":
            for pos, name in reversed(cands):
                if pos < q.speaker_start and _is_thing(name):
                    q.speaker = name
                    break
            continue
        if low not in _HE and low not in _SHE:
            continue
        want = "m" if low in _HE else "f"
        for pos, name in reversed(cands):
            if pos >= q.speaker_start or _is_thing(name):
                continue
            g = gender.get(name) or _gender(name)
            if g in ("", want):
                q.speaker = name
                gender.setdefault(name, want)
                break


_TRANSCRIPT = re.compile(r"\s*([A-Z][A-Z.’'\- ]{1,30}[A-Z.]):\s")
_DASH_NAME = re.compile(
    r"[^\S\n]*[―—–-]+[^\S\n]*([A-Z][\w’'.\-]*(?:[^\S\n]+[A-Za-z][\w’'.\-]*){0,5}?)\.?[^\S\n]*(?:[,;]|$)", re.M
)


def _dash_attribution(text: str, lo: int, pe: int, next_para: tuple[int, int] | None) -> _Attr | None:
    """``“...” ― Sonya Herridge`` or a next paragraph ``- Bernie Sanders.``."""
    for start, end in ((lo, pe),) + ((next_para,) if next_para and not text[lo:pe].strip(" .") else ()):
        m = _DASH_NAME.match(text, start, end)
        if m and len(_WORD.findall(m.group(1))) <= 6:
            dash = text.index(m.group().lstrip()[0], start)
            return _Attr((m.start(1), m.end(1)), (dash, dash + 1), text[dash])
    return None


def _same(a: _Attr | None, b: _Attr | None) -> bool:
    return a is not None and b is not None and a.sp is not None and a.sp == b.sp


def find_quotes(text: str, *, include_unattributed: bool = False) -> list[Quote]:
    """Direct (and partial) quotes in ``text`` with their speakers; see the module docstring."""
    paras = [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]
    out: list[Quote] = []
    prev_attr: _Attr | None = None  # attribution of the latest quote (for continuations)
    prev_group = 0
    prev_para_quote_end = False  # previous paragraph ended with an attributed quote
    prev_unclosed = False
    group_counter = 0
    last_para: tuple[int, int, list[_Region]] | None = None
    for pi, (ps, pe) in enumerate(paras):
        regions = _find_regions(text, ps, pe, pi)
        prev_para, last_para = last_para, (ps, pe, regions)
        if not regions:
            prev_para_quote_end = False
            prev_unclosed = False
            prev_attr = None
            continue
        starts = _sentence_starts(text, ps, pe, regions)
        para_attr: list[tuple[_Attr | None, bool, bool]] = []  # (attr, direct, own)
        for ri, r in enumerate(regions):
            prev_end = regions[ri - 1].close_e if ri > 0 else ps
            sent_lo = max([s for s in starts if s <= r.open_s] + [ps])
            lo = max(prev_end, sent_lo)
            nxt_open = regions[ri + 1].open_s if ri + 1 < len(regions) else pe
            sent_hi = min([s for s in starts if s > r.close_e] + [pe])
            hi = min(nxt_open, sent_hi)
            content = text[r.cs : r.ce].rstrip()
            end_ch = content[-1:] if content else ""
            pre_attr, direct = _pre_attribution(text, lo, r.open_s)
            nxt_word = re.match(r"\s+([a-z][\w’'\-]*)", text[r.close_e : r.close_e + 30])
            if (
                direct
                and r.closed
                and end_ch
                and end_ch not in ".,!?;:—–-…"
                and nxt_word
                and nxt_word.group(1) not in _PRONOUNS
                and not _CUE_RE.fullmatch(nxt_word.group(1))
            ):
                direct = False  # the sentence goes on after the quote: “...” from officials
            if ri > 0 and lo == prev_end and not text[prev_end:r.open_s].strip(" ,;:—–-"):
                direct = True
            post = _post_attribution(text, r.close_e, hi) if r.closed else None
            if (
                post is not None
                and pre_attr is not None
                and post.cue is not None
                and end_ch in ".!?"
                and ri + 1 < len(regions)
                and re.fullmatch(r"[^.!?“”\"\n]{0,60}:\s*", text[post.cue[1] : nxt_open])
            ):
                post = None  # Y said: “A.” X added: “B.” -- X introduces the next quote, not this one
            if post is None and r.closed:
                last_in_para = pi + 1 < len(paras) and ri == len(regions) - 1
                post = _dash_attribution(text, r.close_e, pe, paras[pi + 1] if last_in_para else None)
            if pre_attr is None and post is None:
                m_t = _TRANSCRIPT.match(text, r.cs, r.ce)
                if m_t:  # "WALLACE: Let's start with ..."
                    pre_attr, direct = _Attr((m_t.start(1), m_t.end(1)), (m_t.end(1), m_t.end(1) + 1), ":"), True
            # the attribution right after the quote wins ("Kim “...,” KCNA reported")
            attr = pre_attr if pre_attr is not None else post
            if (
                post is not None
                and pre_attr is not None
                and (not direct or (ri > 0 and lo == prev_end) or pre_attr.cue_text == ":")
            ):
                attr = post
            if not direct and (pre_attr is None or pre_attr.cue_text != ":"):
                # partial quote: the subject of the sentence's reporting verb, unless the
                # attribution right after the quote covers the whole sentence ("“...,” X said")
                part = _partial_attribution(text, sent_lo, r.open_s, regions)
                if post is not None and _post_binds(text, r, post):
                    attr = post
                elif part is not None:
                    attr = part
                elif post is not None and (end_ch in ".!?" and end_ch):
                    attr = pre_attr
            own = attr is not None
            if attr is None and direct:
                # continuation: split quote or a following quote sentence / paragraph
                if ri > 0:
                    pa = para_attr[-1][0]
                    if pa is not None and (lo == prev_end or lo == sent_lo):
                        attr = pa
                elif r.open_s - ps <= 1 and prev_attr is not None and (prev_unclosed or prev_para_quote_end):
                    attr = prev_attr
            if attr is None and direct and not text[lo : r.open_s].strip():
                # lead-in sentence: "He declared:" / "Smith said in a statement."
                k = starts.index(lo) if lo in starts else -1
                if k > 0:
                    attr = _lead_in(text, max(starts[k - 1], prev_end), lo)
                elif lo == ps and prev_para is not None:
                    lp_s, lp_e, lp_regions = prev_para
                    lp_starts = _sentence_starts(text, lp_s, lp_e, lp_regions)
                    tail_lo = max([lp_starts[-1]] + [x.close_e for x in lp_regions])
                    attr = _lead_in(text, tail_lo, lp_e)
            para_attr.append((attr, direct, own))
        # a quote whose attribution comes from the next quote in the same sentence ("“A” and “B,” he said")
        for ri in range(len(regions)):
            attr, direct, own = para_attr[ri]
            if attr is None and direct and ri + 1 < len(regions) and para_attr[ri + 1][2]:
                gap = text[regions[ri].close_e : regions[ri + 1].open_s]
                if not gap.strip(" ,;:—–-"):
                    para_attr[ri] = (para_attr[ri + 1][0], direct, False)
        for ri, r in enumerate(regions):
            attr, direct, own = para_attr[ri]
            cont_prev = ri == 0 and r.open_s - ps <= 1 and _same(attr, prev_attr)
            same_prev = ri > 0 and _same(attr, para_attr[ri - 1][0])
            if not (cont_prev or same_prev):
                group_counter += 1
            group = prev_group if cont_prev else group_counter
            prev_group = group
            if attr is None or attr.sp is None:
                if include_unattributed and direct and r.ce > r.cs:
                    out.append(Quote(r.cs, r.ce, text[r.cs : r.ce], "", None, None, "", None, None, "direct", group))
                continue
            ss, se = attr.sp
            cs, ce = attr.cue if attr.cue else (None, None)
            out.append(
                Quote(
                    r.cs,
                    r.ce,
                    text[r.cs : r.ce],
                    attr.name or _speaker_text(text, ss, se),
                    ss,
                    se,
                    attr.cue_text,
                    cs,
                    ce,
                    "direct" if direct else "partial",
                    group,
                )
            )
        last_attr, last_direct, _ = para_attr[-1]
        tail = text[regions[-1].close_e : pe].strip()
        prev_attr = last_attr if last_direct else None
        prev_unclosed = not regions[-1].closed
        prev_para_quote_end = last_attr is not None and len(_WORD.findall(tail)) <= 12
    _resolve(text, out)
    return out
