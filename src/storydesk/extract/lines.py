"""Line features for cleaning flattened (plain-text) pages.

A flattened page has lost its markup: what is left is a sequence of lines.
No library cleans this form well (jusText and trafilatura expect HTML and
score 0.70-0.74 F1 on text dumps), so storydesk learns a line classifier.
The features here describe a line by itself (length, stop words, punctuation,
boilerplate vocabulary), by its place in the page (position, the page's
densest prose region) and by its ties to the page's main topic (shared content
words with the other prose lines and with the title) — the last group is what
separates an article from teasers of unrelated stories glued after it.
Nothing depends on one HTML-to-text renderer's layout: blank lines and
indentation are ignored, only the non-empty lines and their order are used.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, count, repeat
from operator import add, itemgetter, methodcaller, sub

import numpy as np

from .._trie import trie_alternation

__all__ = ["PageLines", "PageStats", "page_lines", "line_starts", "page_stats", "topic_overlap", "FEATURE_NAMES", "line_features"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
# Punctuation around a word (none of it a word character, so _WORD never
# includes it: an apostrophe joins two runs of letters only).
_EDGE_PUNCT = ".,;:!?\"'’‘“”()[]{}«»„<>—–-/…*|•·"
# Patterns run once over the page's lines joined by "\n" (see _joined); none
# may cross a line break, hence [ \t] rather than \s.  Line ends are tested on
# each line's last characters instead (lines are stripped).
_END_CHARS = frozenset('.!?。！？…:;"”’»)]')
_ELLIPSIS_ENDS = ("...", "…", "[...]", "[…]")
# Patterns that start with one literal character are searched for far faster
# than ones that start with a character class, so the per-line counts and
# flags below use one pattern per first character (their matches never
# overlap, or only existence per line is used).
_SENT_BREAK = tuple(
    (c, re.compile(re.escape(c) + r"[\"”’»)]?[ \t]+[\"“‘«(]?[A-ZÀ-Ý0-9]")) for c in ".!?。！？"
)  # sentence end, space, capital; with the literal each match starts with
# Line-start patterns begin with "\n" rather than ^ (re.M): same matches, but
# a literal first character lets the regex engine jump from line to line
# instead of trying every position.
_BULLET = re.compile(r"\n([-–—•·*▪►»>|]|\d+[.)][ \t])")
_URLISH = tuple((literal, re.compile(p)) for literal, p in (("http", r"https?://"), ("www.", r"www\."), ("@", r"@\w"),
                                                          ("#", r"#\w")))  # pattern and the literal it needs
# Dates and times in a line: numeric forms by regex (digit-led, cheap), month
# names and "... ago" by token lookup.
# A line has a match of \d{1,4}[/.-]\d{1,2}[/.-]\d{1,4} or \d{1,2}:\d{2} iff it has
# one of these, anchored on the first separator (a digit before it).
_DATE_NUM = tuple(
    (sep, re.compile(re.escape(sep) + rf"(?<=\d{re.escape(sep)})" + (r"\d\d" if sep == ":" else r"\d{1,2}[/.-]\d")))
    for sep in "/.-:"
)
_MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september "
    "october november december".split()
)
# Vocabulary of page furniture.  Deliberately short and multi-site: these words
# are features for the classifier, not rules that drop lines by themselves.
# Looked up in the line's tokens (a regex alternation this size costs more
# than the rest of the features together).
_JUNK_WORDS = frozenset(
    "share shares shared tweet facebook twitter whatsapp linkedin pinterest instagram email print comment comments "
    "reply replies subscribe subscription subscribtion newsletter login signup register advertisement advertising "
    "sponsored promoted cookie cookies privacy terms copyright related popular trending recommended recommendation "
    "next previous menu home search skip navigation photo photos image images video getty shutterstock credit "
    "caption tag tags topic topics category categories loading archive download ranking".split()
)
_JUNK_BIGRAMS = frozenset(
    tuple(p.split()) for p in (
        "sign up", "sign in", "log in", "rights reserved", "all rights", "most read", "read more", "read now",
        "see also", "also read", "hot this", "more stories", "you may", "follow us", "contact us", "about us",
        "posted in", "filed under", "click here", "load more", "show more", "view all", "cancel reply", "leave a",
        "your name", "your email", "please enter", "required fields", "notify me", "app store", "google play",
    )
)
_COMMENT_WORDS = frozenset(
    "comment comments response responses replies reply discussion kommentar kommentare comentário comentários "
    "commenti commentaire commentaires comentario comentarios".split()
)
_CREDIT = re.compile(r"\n(?=[pivcsf])(photo|image|picture|video|credit|source|file photo|foto)s?\b[ \t]*[:/|-]", re.IGNORECASE)
_SAYS = re.compile(r"\S+(\s\S+){0,3}\s(says|said|wrote|writes)\s*:?$|\S+(\s\S+){0,3}:$", re.IGNORECASE)
# A stripped line that _SAYS matches ends in ":" or in one of its verbs
# (folded as the regex folds case): only such lines are tried.
_SAYS_LAST = frozenset(c for c in map(chr, range(0x250)) if re.fullmatch("[:sde]", c, re.IGNORECASE))
_SAYS_VERB_END = re.compile(r"(?:says|said|wrote|writes)$", re.IGNORECASE)
_LABEL_PREFIX = re.compile(r"\n[‘'\"“]?[A-Z][A-Z0-9 ’'&-]{2,40}[’'\"”]?:[ \t]")
# A headline glued to its teaser starts with a long run of capitalised words.
# The run may be empty, so the pattern matches once at every line start and
# findall gives one run per line, in order (no match objects to walk).  A word
# of the run is a whole chunk followed by spaces or tabs: a capitalised chunk,
# or one of the small words, which as a trie followed by a space cost one test
# rather than twenty on each line.  The possessive quantifiers only spare the
# engine backtracking that can never succeed (a shorter chunk is not followed
# by a space; nothing follows the run): same runs as the plain alternation,
# on all 1,092 development pages in every rendering, at half the cost.
_LEAD_CAPS = re.compile(
    r"\n((?:(?:[A-ZÀ-ÝА-Я0-9]\S*+|(?:"
    + trie_alternation("of the and in on for to a an at by with from de la le el der die das".split())
    + r")(?=[ \t]))[ \t]+)*+)"
)


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    """Stop-word lists per language, from jusText (which ships ~100 of them)."""
    import justext  # local import: only needed once, and heavy-ish

    langs = (
        "English German French Spanish Portuguese Italian Dutch Swedish Danish Norwegian_Bokmal "
        "Polish Czech Russian Ukrainian Turkish Indonesian Romanian Hungarian Finnish Greek Vietnamese"
    ).split()
    out: dict[str, frozenset[str]] = {}
    for lang in langs:
        try:
            out[lang] = frozenset(justext.get_stoplist(lang))
        except (ValueError, KeyError, OSError):  # pragma: no cover - list missing in some versions
            continue
    return out


@lru_cache(maxsize=1)
def _stop_index() -> tuple[dict[str, int], np.ndarray, list[frozenset[str]]]:
    """Every stop word -> row of a (word x language) membership matrix."""
    lists = list(_stoplists().values())
    index: dict[str, int] = {}
    for stop in lists:
        for w in stop:
            index.setdefault(w, len(index))
    member = np.zeros((len(index), len(lists)))
    for j, stop in enumerate(lists):
        member[[index[w] for w in stop], j] = 1.0
    return index, member, lists


def pick_stoplist(words: Sequence[str]) -> frozenset[str]:
    """The stop-word list that covers most tokens of the page (its language)."""
    index, member, lists = _stop_index()
    # The most frequent words decide: stop words are by nature among them.
    rows, counts = [], []
    for w, c in Counter(words).most_common(150):
        i = index.get(w)
        if i is not None:
            rows.append(i)
            counts.append(c)
    if not rows:
        return lists[0] if lists else frozenset()
    coverage = np.asarray(counts, dtype=np.float64) @ member[rows]
    return lists[int(np.argmax(coverage))]


def _pick_stoplist_ids(words: list[str], ids: np.ndarray) -> int:
    """:func:`pick_stoplist` of the tokens whose ids are ``ids``, numbered by first occurrence (``words``: the
    word of each id): the index of the list in ``_stop_index()[2]``.

    Same choice: a stable sort by count lists equal counts in order of first
    occurrence, as ``Counter.most_common`` does, and with no stop word among
    the top words (all coverages 0) the first list.
    """
    counts = np.bincount(ids)
    top = np.argsort(-counts, kind="stable")[:150]
    top = top[counts[top] > 0]
    n_lists = len(_stop_index()[2])
    # The lists each top word is in, as bits (bit j for list j).
    bits = np.fromiter(map(_stop_bits().get, [words[i] for i in top.tolist()], repeat(0)), dtype=np.int64, count=len(top))
    member = (bits[:, None] >> np.arange(n_lists)) & 1
    # Sums of whole numbers, exact: no need for a BLAS product (and its threads).
    return int(np.argmax((member * counts[top][:, None]).sum(axis=0)))


@lru_cache(maxsize=1)
def _stop_bits() -> dict[str, int]:
    """Every stop word -> the bits of the stop-word lists it is in (bit j for list j)."""
    index, member, _ = _stop_index()
    bits = (member.astype(np.int64) << np.arange(member.shape[1])).sum(axis=1).tolist()
    return {word: bits[row] for word, row in index.items()}


@dataclass(slots=True)
class PageLines:
    """The non-empty lines of a flattened page (stripped) and their tokens (see :func:`line_starts` for where
    they start in the page)."""

    lines: list[str]
    words: list[list[str]]
    stats: PageStats | None = None
    joined: tuple[str, np.ndarray, np.ndarray] | None = None
    classes: np.ndarray | None = None



def page_lines(text: str) -> PageLines:
    # (Built with map/compress over all raw lines: no Python-level loop per line.)
    stripped = list(map(str.strip, text.splitlines()))
    lines = list(compress(stripped, stripped))
    # _WORD tokens never span whitespace, and a whitespace-free chunk made only of
    # letters (or only of digits) is one token, also once the punctuation around
    # it is stripped ("word," "(2019)."): only the other chunks need the regex.
    words = []
    for low in map(str.lower, lines):
        tokens = []
        for chunk in low.split():
            if chunk.isalpha() or chunk.isdecimal():
                tokens.append(chunk)
            elif (core := chunk.strip(_EDGE_PUNCT)).isalpha() or core.isdecimal():
                tokens.append(core)
            else:
                tokens += _WORD.findall(chunk)
        words.append(tokens)
    return PageLines(lines, words)


def _occurrences(lines: list[str], line: str) -> list[int]:
    """The indexes of ``line`` in ``lines``, found by list methods (in C) rather than a comparison a line."""
    out: list[int] = []
    for _ in range(lines.count(line)):
        out.append(lines.index(line, out[-1] + 1 if out else 0))
    return out


def line_starts(text: str) -> list[int]:
    """Where each line of ``page_lines(text)`` starts in ``text`` (the offset of its first non-blank character).
    Computed apart: cleaning a page does not need them."""
    raws = text.splitlines(keepends=True)
    indents = map(sub, map(len, raws), map(len, map(str.lstrip, raws)))
    return list(compress(map(add, accumulate(map(len, raws), initial=0), indents), map(str.strip, raws)))


FEATURE_NAMES: tuple[str, ...] = (
    "log_chars",
    "log_words",
    "end_punct",
    "ellipsis_end",
    "stop_ratio",
    "punct_ratio",
    "digit_ratio",
    "title_case_ratio",
    "upper_ratio",
    "bullet",
    "pipes",
    "urlish",
    "sentences",
    "avg_word_len",
    "junk_words",
    "junk_density",
    "credit",
    "label_prefix",
    "dateish",
    "title_sim",
    "cohesion",
    "cohesion_rare",
    "repeats",
    "rel_pos",
    "rel_chars_before",
    "in_main",
    "dist_main",
    "main_share",
    "is_title",
    "prev1_words",
    "next1_words",
    "prev1_stop",
    "next1_stop",
    "prev1_end",
    "next1_end",
    "prev2_words",
    "next2_words",
    "win3_words",
    "win5_prose",
    "win5_cohesion",
    "prose_before",
    "prose_after",
    "page_lines",
    "len_rel",
    "words_rel",
    "lead_caps",
    "after_comments",
    "win_says",
    "period1",
    "period2",
    "period2_run",
    "label_run",
)


def _content_words(words: list[str], stop: frozenset[str]) -> set[str]:
    return {w for w in words if len(w) > 2 and w not in stop and not w.isdigit()}


@dataclass(slots=True)
class PageStats:
    """Per-page facts shared by the title guess, the features and stage 2.

    Tokens are flattened over the page (line i owns tokens
    ``word_starts[i]:word_starts[i + 1]``) and interned as integer ids, so the
    topic features are array operations rather than per-line set algebra.
    """

    stop: frozenset[str]
    nwords: np.ndarray
    stop_ratio: np.ndarray
    prose: np.ndarray
    flat: list[str]
    word_starts: np.ndarray
    token_line: np.ndarray
    """Line index of each token."""
    ids: np.ndarray
    """Interned id of each token (``vocab[token]``)."""
    vocab: dict[str, int]
    content: np.ndarray
    """Per token: a content word (not a stop word, not a number, three letters or more)."""
    df: np.ndarray
    """Per vocabulary id: occurrences as a content word in the page's prose lines."""
    n_content: np.ndarray
    """Per line: its number of content tokens."""
    word_len: np.ndarray
    """Per vocabulary id: the word's length in characters."""
    classes: np.ndarray
    """Per vocabulary id: the word's vocabulary classes (bits, see ``_TOKEN_CLASS``)."""

    def df_of(self, word: str) -> int:
        i = self.vocab.get(word)
        return 0 if i is None else int(self.df[i])

    def content_ids(self, line: int) -> set[int]:
        """The vocabulary ids of line ``line``'s content words."""
        lo, hi = self.word_starts[line], self.word_starts[line + 1]
        return set(self.ids[lo:hi][self.content[lo:hi]].tolist())


def page_stats(page: PageLines) -> PageStats:
    if page.stats is not None:
        return page.stats
    lines, words = page.lines, page.words
    n = len(lines)
    flat = list(chain.from_iterable(words))
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=n)
    word_starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=word_starts[1:])
    token_line = np.repeat(np.arange(n), lengths)
    # Tokens interned as ids in order of first occurrence; what is known of a word is
    # found once per distinct word, then spread by id.  Each is a map of a
    # built-in over the page's distinct words (a few hundred).  Until stop 18 a
    # table of every word seen on earlier pages (up to 500,000) held these facts;
    # it saved no measurable time (its lookups, at tens of thousands of words,
    # mostly missed the processor's caches), so the state shared across pages went.
    distinct = list(dict.fromkeys(flat))
    vocab = dict(zip(distinct, count()))
    ids = np.fromiter(map(vocab.__getitem__, flat), dtype=np.int64, count=len(flat))
    lists = _stop_index()[2]
    which = _pick_stoplist_ids(distinct, ids[:1500])
    stop = lists[which] if lists else frozenset()
    n_vocab = len(distinct)
    word_len = np.fromiter(map(len, distinct), dtype=np.float64, count=n_vocab)
    wordy = (word_len > 2) & ~np.fromiter(map(str.isdigit, distinct), dtype=bool, count=n_vocab)
    classes = np.fromiter(map(_TOKEN_CLASS.get, distinct, repeat(0)), dtype=np.int64, count=n_vocab)
    _, breaks, codes = _joined(page)
    cjk_chars = (_classes(page) & _CJK_BIT) != 0
    cjk = _per_char_line(cjk_chars, breaks) if cjk_chars.any() else np.zeros(n)
    # Word counts, counting CJK text (no spaces) at about two characters a word.
    nwords = lengths.astype(np.float64) + cjk // 2
    is_stop = np.fromiter(map(stop.__contains__, distinct), dtype=bool, count=n_vocab)[ids]
    stop_ratio = _per_line(is_stop, token_line, n) / np.maximum(lengths, 1)
    if cjk.sum() > 0.3 * (len(codes) - n):  # no stop-word list: sentence punctuation stands in
        stop_ratio = np.where(_ends_with(lines, _END_CHARS) > 0, 0.3, 0.1)
    content = wordy[ids] & ~is_stop if len(flat) else np.zeros(0, dtype=bool)
    prose = (nwords >= 10) & (stop_ratio >= 0.15)
    df = np.bincount(ids[content & prose[token_line]], minlength=len(vocab))
    page.stats = PageStats(
        stop, nwords, stop_ratio, prose, flat, word_starts, token_line, ids, vocab, content, df,
        _per_line(content, token_line, n), word_len, classes,
    )
    return page.stats


def topic_overlap(st: PageStats, members: np.ndarray, rare_cut: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per line: the share of its content tokens found in the *other* member lines, and of those
    the number that are rare there (in at most ``rare_cut`` occurrences: topic words, not filler).

    Returns (share, rare_count, content_count).
    """
    member_tok = members[st.token_line] & st.content
    df = np.bincount(st.ids[member_tok], minlength=len(st.vocab))
    others = df[st.ids] - member_tok  # occurrences outside this token's own line (approximately)
    shared = st.content & (others > 0)
    n_content = st.n_content
    share = _per_line(shared, st.token_line, len(n_content)) / np.maximum(n_content, 1.0)
    rare = _per_line(shared & (others <= rare_cut), st.token_line, len(n_content))
    return share, rare, n_content


_JUNK_BIT, _COMMENT_BIT, _DATE_BIT, _BIGRAM_BIT = 1, 2, 4, 8
_TOKEN_CLASS: dict[str, int] = {}
for _words, _bit in (
    (_JUNK_WORDS, _JUNK_BIT), (_COMMENT_WORDS, _COMMENT_BIT), (_MONTHS | {"ago"}, _DATE_BIT),
    ({a for a, _ in _JUNK_BIGRAMS}, _BIGRAM_BIT),  # first words of the junk bigrams
):
    for _w in _words:
        _TOKEN_CLASS[_w] = _TOKEN_CLASS.get(_w, 0) | _bit


def _per_line(counts: np.ndarray, token_line: np.ndarray, n: int) -> np.ndarray:
    """Sum per line of a per-token count (tokens flattened over the page).

    The counts are whole numbers (flags, lengths): their float sums are exact
    in any order, so one ``bincount`` gives the same values as prefix sums.
    """
    return np.bincount(token_line, weights=counts, minlength=n)


def _joined(page: PageLines) -> tuple[str, np.ndarray, np.ndarray]:
    """``"\\n"`` + the lines joined by newlines, the offset of the newline before each line,
    and the code points of that string.

    Every line, the first included, starts after a newline: line-start patterns
    begin with ``\\n`` (see ``_BULLET``), and a match at any offset belongs to
    the last line whose newline is at or before it.
    """
    if page.joined is None:
        n = len(page.lines)
        breaks = np.zeros(n, dtype=np.int64)
        if n:
            np.cumsum(np.fromiter(map(len, page.lines[:-1]), dtype=np.int64, count=n - 1) + 1, out=breaks[1:])
        text = "\n" + "\n".join(page.lines)
        page.joined = (text, breaks, np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    return page.joined


def _per_char_line(mask: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """Sum per line of a per-code-point quantity over ``_joined``'s string."""
    return np.add.reduceat(mask.astype(np.float64), breaks)


def _line_hits(patterns: Sequence[tuple[str, re.Pattern[str]]] | re.Pattern[str], page: PageLines) -> np.ndarray:
    """Line index of every match of ``pattern`` (one regex pass over the whole page).

    Several ``(literal, pattern)`` pairs may be given: the matches of all of
    them, each pattern run only if its literal is on the page.
    """
    text, breaks, _ = _joined(page)
    if isinstance(patterns, re.Pattern):
        patterns = (("", patterns),)
    pos = [m.start() for literal, p in patterns if literal in text for m in p.finditer(text)]
    return np.searchsorted(breaks, pos, side="right") - 1 if pos else np.zeros(0, dtype=np.int64)


def _count(patterns: Sequence[tuple[str, re.Pattern[str]]] | re.Pattern[str], page: PageLines) -> np.ndarray:
    return np.bincount(_line_hits(patterns, page), minlength=len(page.lines)).astype(np.float64)


def _flag(patterns: Sequence[tuple[str, re.Pattern[str]]] | re.Pattern[str], page: PageLines) -> np.ndarray:
    out = np.zeros(len(page.lines))
    out[_line_hits(patterns, page)] = 1.0
    return out


# The classes of a line's last character, looked up for all lines at once from the code points of _joined's
# string (see _line_ends): a sentence's end (_END_CHARS), a letter a speech verb ends with (_SAYS_LAST).  All
# are in the Basic Multilingual Plane; code points above it are looked up as U+FFFF, in neither class.
_LAST_END, _LAST_SAYS = 1, 2
_LAST_TABLE = np.zeros(0x10000, np.uint8)
for _chars, _bit in ((_END_CHARS, _LAST_END), (_SAYS_LAST, _LAST_SAYS)):
    for _c in _chars:
        _LAST_TABLE[ord(_c)] |= _bit


def _line_ends(page: PageLines) -> tuple[np.ndarray, np.ndarray]:
    """Per line: its length, and the class bits (``_LAST_TABLE``) of its last character; array operations on
    _joined's code points instead of a call per line (the lines are not empty)."""
    _, breaks, codes = _joined(page)
    ends = np.append(breaks[1:], len(codes))  # the newline after each line, or the string's end
    return ends - breaks - 1, _LAST_TABLE.take(codes.take(ends - 1), mode="clip")


def _ends_with(lines: list[str], chars: frozenset[str]) -> np.ndarray:
    """1.0 for the (non-empty) lines whose last character is one of ``chars``."""
    return np.fromiter(map(chars.__contains__, map(itemgetter(-1), lines)), dtype=np.float64, count=len(lines))


def _char_classes(c: np.ndarray) -> tuple[np.ndarray, ...]:
    """Masks of code points: digit, upper case, alphanumeric, space, newline, CJK (kana, CJK
    ideographs and extension A, Hangul)."""
    digit = (c >= 48) & (c <= 57)
    ascii_upper = (c >= 65) & (c <= 90)
    upper = ascii_upper | ((c >= 0xC0) & (c <= 0xDE) & (c != 0xD7)) | ((c >= 0x391) & (c <= 0x3A9)) | (
        (c >= 0x410) & (c <= 0x42F)
    )
    ascii_alpha = ascii_upper | ((c >= 97) & (c <= 122))
    punct_block = ((c >= 0x2000) & (c <= 0x2BFF)) | ((c >= 0x3000) & (c <= 0x303F)) | ((c >= 0xFF00) & (c <= 0xFF0F))
    alnum = digit | ascii_alpha | ((c >= 0xC0) & ~punct_block & (c != 0xD7) & (c != 0xF7))
    space = (c == 32) | (c == 9) | (c == 0xA0)
    cjk = ((c >= 0x3040) & (c <= 0x30FF)) | ((c >= 0x3400) & (c <= 0x4DBF)) | ((c >= 0x4E00) & (c <= 0x9FFF)) | (
        (c >= 0xAC00) & (c <= 0xD7AF))
    return digit, upper, alnum, space, c == 10, cjk


# The classes of every BMP code point as bits, looked up rather than computed
# per page; code points above U+FFFF are all in the classes of U+FFFF.
_CLASS_TABLE = sum(
    (mask.astype(np.uint8) << bit for bit, mask in enumerate(_char_classes(np.arange(0x10000)))), np.zeros(1, np.uint8)
)
_CJK_BIT = 1 << 5


def _classes(page: PageLines) -> np.ndarray:
    """The class bits (see _CLASS_TABLE) of each code point of ``_joined``'s string, computed once per page."""
    if page.classes is None:
        # take(mode="clip") clips code points above U+FFFF to it, as np.minimum would, and
        # is three times faster than indexing with a clipped copy.
        page.classes = _CLASS_TABLE.take(_joined(page)[2], mode="clip")
    return page.classes


def _char_counts(page: PageLines) -> dict[str, np.ndarray]:
    """Per-line counts of character classes, vectorised over the code points."""
    breaks = _joined(page)[1]
    cls = _classes(page)
    digit, upper, alnum, space, newline = ((cls & (1 << bit)) != 0 for bit in range(5))
    # Token starts: a non-space after a space or a newline (the string starts with one).
    gap = space | newline
    tok_start = ~gap
    tok_start[1:] &= gap[:-1]
    return {
        "digit": _per_char_line(digit, breaks),
        "upper": _per_char_line(upper, breaks),
        "alnum": _per_char_line(alnum, breaks),
        "space": _per_char_line(space, breaks),
        "tokens": _per_char_line(tok_start, breaks),
        "caps": _per_char_line(tok_start & (upper | digit), breaks),
    }


def _prefix(values: np.ndarray) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])


def _window_mean(values: np.ndarray, before: int, after: int) -> np.ndarray:
    """Mean over a window around each position (of the last axis: rows are separate series)."""
    n = values.shape[-1]
    cum = np.zeros(values.shape[:-1] + (n + 1,))
    np.cumsum(values, axis=-1, dtype=np.float64, out=cum[..., 1:])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - before, 0), np.minimum(idx + after + 1, n)
    return (cum[..., hi] - cum[..., lo]) / (hi - lo)


def _shift(values: np.ndarray, k: int, fill: float = -1.0) -> np.ndarray:
    """values[i - k] at i (k > 0 looks back, k < 0 looks ahead)."""
    out = np.full(len(values), fill)
    if k > 0:
        out[k:] = values[:-k]
    elif k < 0:
        out[:k] = values[-k:]
    else:
        out[:] = values
    return out


def _max_segment(scores: np.ndarray) -> tuple[int, int]:
    """Kadane: the contiguous run of lines with the largest total score."""
    best, best_lo, best_hi = -math.inf, 0, -1
    cur, lo = 0.0, 0
    for i, s in enumerate(scores.tolist()):
        if cur <= 0:
            cur, lo = s, i
        else:
            cur += s
        if cur > best:
            best, best_lo, best_hi = cur, lo, i
    return best_lo, best_hi


def line_features(page: PageLines, title: str | None) -> np.ndarray:
    """The feature matrix of a page: one row per non-empty line, columns in FEATURE_NAMES order."""
    lines = page.lines
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    st = page_stats(page)
    nwords, stop_ratio, prose = st.nwords, st.stop_ratio, st.prose
    length, last = _line_ends(page)
    nchar = length.astype(np.float64)
    cc = _char_counts(page)
    end_punct = (last & _LAST_END).astype(np.float64)
    n_prose = int(prose.sum())
    title_words = _content_words([w.lower() for w in _WORD.findall(title or "")], st.stop)
    line_counts = Counter(lines)
    is_title = np.zeros(n)
    if title:
        is_title[_occurrences(lines, title)] = 1.0
    total_chars = float(nchar.sum()) or 1.0
    long_len = max(float(np.sort(nchar)[int(0.95 * (n - 1))]), 1.0)

    # The page's densest prose region (where the article most likely is).
    seg = np.where(prose, np.minimum(nwords, 60) * (0.5 + stop_ratio), -3.0 - 0.2 * np.minimum(nwords, 20))
    lo, hi = _max_segment(seg)
    idx = np.arange(n)
    in_main = (idx >= lo) & (idx <= hi)
    main_chars = float(nchar[lo : hi + 1].sum()) if hi >= lo else 0.0

    # How much a line shares with the page's other prose, i.e. with its main topic.
    cohesion, rare, n_content = topic_overlap(st, prose, max(2, n_prose // 3))
    cohesion_rare = np.log1p(rare)
    title_sim = np.zeros(n)
    if title_words:
        is_title_word = np.zeros(len(st.vocab), dtype=bool)
        is_title_word[[st.vocab[w] for w in title_words if w in st.vocab]] = True
        in_title = is_title_word[st.ids] & st.content
        title_sim = _per_line(in_title, st.token_line, n) / np.maximum(n_content, 1.0)

    # The size of a run is its number of spaces and tabs: counted over the code points of the runs
    # joined by newlines (no run holds one), each counted for the line of the newlines before it
    # (one pass instead of two str.count calls a line).
    runs = np.frombuffer("\n".join(_LEAD_CAPS.findall(_joined(page)[0])).encode("utf-32-le"), dtype=np.uint32)
    lead = np.bincount(np.cumsum(runs == 10)[(runs == 32) | (runs == 9)], minlength=n).astype(np.float64)
    flat = st.flat
    # Each token's vocabulary classes as bits, from its word's facts.
    classes = st.classes[st.ids]
    junk = _per_line(classes & _JUNK_BIT, st.token_line, n)
    # Bigrams are counted on the line of their first word (only tokens that can start one are tried).
    bigram = [k for k in np.flatnonzero(classes[:-1] & _BIGRAM_BIT).tolist() if (flat[k], flat[k + 1]) in _JUNK_BIGRAMS]
    if bigram:
        junk += np.bincount(st.token_line[bigram], minlength=n)
    comment_head = (nwords <= 8) & (_per_line(classes & _COMMENT_BIT, st.token_line, n) > 0)
    dateish = _flag(_DATE_NUM, page)
    dateish[(_per_line(classes & _DATE_BIT, st.token_line, n) > 0) & (cc["digit"] > 0)] = 1.0
    comment_rows = np.nonzero(comment_head & (idx > n // 4))[0]
    comment_at = int(comment_rows[0]) if len(comment_rows) else n
    says = np.zeros(n)
    # Only short lines ending in ":" or in a letter a verb ends with can match.
    for i in np.flatnonzero(((last & _LAST_SAYS) != 0) & (length < 60)).tolist():
        t = lines[i]
        if (t[-1] == ":" or _SAYS_VERB_END.search(t, max(len(t) - 6, 0))) and _SAYS.match(t):
            says[i] = 1.0
    logw = np.log1p(nwords)
    chars_before = np.concatenate([[0.0], np.cumsum(nchar)[:-1]])
    prose_f = prose.astype(np.float64)
    prose_before = np.concatenate([[0.0], np.cumsum(prose_f)[:-1]])
    ntok = np.maximum(cc["tokens"], 1.0)
    alnum = np.maximum(cc["alnum"], 1.0)
    says_cum = _prefix(says)
    # Neighbours' values as views into one padded array (-1 beyond the page).
    pad = np.full((3, n + 4), -1.0)
    pad[0, 2:-2], pad[1, 2:-2], pad[2, 2:-2] = logw, stop_ratio, end_punct
    win5 = _window_mean(np.array([prose_f, cohesion]), 5, 5)

    cols = {
        "log_chars": np.log1p(nchar),
        "log_words": logw,
        "end_punct": end_punct,
        "ellipsis_end": np.fromiter(map(methodcaller("endswith", _ELLIPSIS_ENDS), lines), dtype=np.float64, count=n),
        "stop_ratio": stop_ratio,
        "punct_ratio": (nchar - cc["alnum"] - cc["space"]) / np.maximum(nchar, 1.0),
        "digit_ratio": cc["digit"] / alnum,
        "title_case_ratio": cc["caps"] / ntok,
        "upper_ratio": cc["upper"] / alnum,
        "bullet": _flag(_BULLET, page),
        "pipes": (
            _per_char_line(_joined(page)[2] == 124, _joined(page)[1])  # the "|" of each line
            if "|" in _joined(page)[0] else np.zeros(n)  # most pages have none
        ),
        "urlish": _flag(_URLISH, page),
        "sentences": _count(_SENT_BREAK, page),
        "avg_word_len": _per_line(st.word_len[st.ids], st.token_line, n) / np.maximum(np.diff(st.word_starts), 1),
        "junk_words": junk,
        "junk_density": junk / np.maximum(nwords, 1.0),
        "credit": _flag(_CREDIT, page),
        "label_prefix": _flag(_LABEL_PREFIX, page),
        "dateish": dateish,
        "title_sim": title_sim,
        "cohesion": cohesion,
        "cohesion_rare": cohesion_rare,
        "repeats": np.fromiter(map(line_counts.__getitem__, lines), dtype=np.float64, count=n) - 1,
        "rel_pos": idx / n,
        "rel_chars_before": chars_before / total_chars,
        "in_main": in_main.astype(np.float64),
        "dist_main": np.where(in_main, 0.0, np.where(idx < lo, lo - idx, idx - hi)) / n,
        "main_share": np.full(n, main_chars / total_chars),
        "is_title": is_title,
        "prev1_words": pad[0, 1:-3],
        "next1_words": pad[0, 3:-1],
        "prev1_stop": pad[1, 1:-3],
        "next1_stop": pad[1, 3:-1],
        "prev1_end": pad[2, 1:-3],
        "next1_end": pad[2, 3:-1],
        "prev2_words": pad[0, :-4],
        "next2_words": pad[0, 4:],
        "win3_words": _window_mean(logw, 3, 3),
        "win5_prose": win5[0],
        "win5_cohesion": win5[1],
        "prose_before": prose_before / max(n_prose, 1),
        "prose_after": (n_prose - prose_before - prose_f) / max(n_prose, 1),
        "page_lines": np.full(n, math.log1p(n)),
        "len_rel": np.minimum(nchar / long_len, 2.0),
        "words_rel": nwords / max(float(nwords.max()), 1.0),
        "lead_caps": lead,
        "after_comments": (idx > comment_at).astype(np.float64),
        "win_says": says_cum[np.minimum(idx + 4, n)] - says_cum[np.maximum(idx - 3, 0)],
    }
    # Lists of teasers repeat a layout: headline, blurb, headline, blurb...
    # A line whose shape (length class, closing punctuation, title case) recurs
    # one or two lines away is likely part of such a list.
    shape = (
        np.minimum(np.log2(nwords + 1).astype(np.int64), 6) * 8
        + end_punct.astype(np.int64) * 4
        + (cols["title_case_ratio"] > 0.6).astype(np.int64) * 2
        + cols["ellipsis_end"].astype(np.int64)
    )
    same1 = (_shift(shape, 1, -1) == shape).astype(np.float64) + (_shift(shape, -1, -1) == shape)
    same2 = (_shift(shape, 2, -1) == shape).astype(np.float64) + (_shift(shape, -2, -1) == shape)
    cols["period1"] = same1
    cols["period2"] = same2
    cols["period2_run"] = _window_mean(same2, 4, 4)
    # Teasers of other stories often come as a run of "LABEL: text" lines (a
    # kicker before each blurb); an article rarely has two such lines in a row.
    cols["label_run"] = _window_mean(cols["label_prefix"], 3, 3)
    return np.ascontiguousarray(np.array([cols[name] for name in FEATURE_NAMES]).T)
