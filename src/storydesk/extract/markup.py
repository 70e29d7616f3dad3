"""Undo the marks that HTML-to-text renderers add to flattened pages.

Renderers differ in how they flatten the same page: Markdown-flavoured ones
(html2text, pandoc, many crawlers' "markdown" output) write ``# Heading``,
``**bold**``, ``_italic_``, ``* item`` and ``[text](url)``; layout-preserving
ones (inscriptis, lynx, w3m) indent blocks and draw ``*`` or ``o`` bullets.
The line classifier must judge a line by what it says and where it sits, not
by one renderer's decoration, so these marks are removed before the page is
split into lines.  Plain text is left as it is: every rule needs the marks'
exact syntax (paired emphasis markers, a heading's hashes followed by a space,
a link's brackets immediately followed by a parenthesised URL).

Text-mode browsers put an image's name in brackets on a line of its own
(removed); lynx's and elinks' default dumps also number every link in the
text (``[12]Home``) and append the list of them under "References": both are
removed, and so are the "Link: ..." lines (the page's <link> elements) that
elinks and links put first.

Scrapers that flatten a page one text node a line (BeautifulSoup's
``get_text("\n")``, lxml's ``itertext()``, an XPath ``//text()`` joined by
newlines) break every sentence at its links and emphasis; :func:`join_text_nodes`
puts such sentences back together.

Text-mode renderers (lynx, w3m, elinks, html2text with its default width)
also hard-wrap paragraphs at a fixed width, so one paragraph arrives as
several short lines that no longer look like prose; :func:`unwrap_lines`
joins them again before the other marks go (see its docstring for the test
it uses).

No library does this one job: Markdown parsers (markdown-it, mistune) render
to HTML, which would then need flattening again, and they would also treat
ordinary text (a line starting with "1." or ">") as Markdown structure.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from itertools import islice

import numpy as np

__all__ = ["strip_render_marks", "unwrap_lines", "split_run_on", "join_text_nodes"]

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
# Line-start rules begin with "\n" (the text gets one in front) rather than ^
# under re.M: the same matches, but a literal first character lets the regex
# engine jump from line to line instead of trying every position (five times
# faster); likewise the emphasis rule starts with its marker, not a lookbehind.
_HEADING = re.compile(r"\n[ \t]*#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?=\n|\Z)")
_BULLET = re.compile(r"\n[ \t]*(?:[*+•·▪◦‣o]|-(?!-))[ \t\xa0]+(?=\S)")  # elinks: "•" and a no-break space
_LONE_BULLET = re.compile(r"\n[ \t]*[•·▪◦‣]\xa0[ \t\xa0]*(?=\n|\Z)")  # elinks: a bullet whose item is on the next line
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"([*_])(?<![\w*][*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_RULE = re.compile(r"\n[ \t]*(?:[-*_=][ \t]*){3,}(?=\n|\Z)")
_QUOTE = re.compile(r"\n[ \t]*>[ \t]?")
_INDENT = re.compile(r"\n[ \t]+")
# lynx -dump's list of the page's links, at the end of the page: "References", then
# numbered URLs (under "Visible links" / "Hidden links" headings in newer versions;
# elinks -dump writes the same, sometimes a link's title instead of its URL).
_LYNX_REFS = re.compile(r"\nReferences\n(?=\s*(?:Visible links:?\s*)?\d+\.[ \t]+\S+)")
_LYNX_REF_LINE = re.compile(r"[ \t]*(\d+\.[ \t]+\S.*|(Visible|Hidden) links:?|\S+)?[ \t]*")  # \S+: a long URL's rest
_MIN_LINK_NUMBERS = 3
_LYNX_MARKER = re.compile(r"\[\d+\](?=\S)")
# Text-mode browsers show an image as its alt text or file name in brackets on
# a line of its own ("[doobie-bro]", "[1538123681_1.jpg]"); one token, no spaces.
_IMAGE_NAME = re.compile(r"\n[ \t]*\[[^\]\s]+\][ \t]*(?=\n|\Z)")
# Without brackets (a linked image in lynx, after its link number goes; w3m,
# elinks and links) the name is a file name or slug alone on its line:
# "milano-design-week-2018-flos-cover", "IMG_2041_final.jpg".  Four parts or
# more joined by hyphens or underscores, no spaces; a domain name
# ("www.example.com.br", in some articles' bodies) does not count.  On the
# development pages' w3m, lynx, elinks and links2 dumps, fold models of the
# site-grouped CV (assignments 0-2): F1 +0.0017, +0.0008, +0.0021, +0.0017;
# no such line in the dumps or the training renderings.
# (Possessive: a line's first word is never given back, half the time on pages without such lines.)
# Tried and not adopted (same fold models, assignments 0-2): any one-token file name with an image
# extension ("airpods-pro-2.jpg") too, within 0.0005 on every rendering; dropping the shorter of two
# adjacent lines when it begins the longer (an image's alt text over its link's, "X - Photo" / "X"):
# links2 and resiliparse +0.004, w3m +0.001, Chromium and inscriptis -0.001, the dumps -0.0002.
_FILE_NAME = re.compile(r"\n[ \t]*+[^\W_]++(?:[-_][^\W_]++){3,}+(?:\.[A-Za-z]{2,4})?[ \t]*(?=\n|\Z)")
# elinks and links -dump list the document's <link> elements first ("Link:
# [1]Site (alternate)", a feed, a stylesheet, an icon), a line each: removed
# where the dump starts with one (in its first 20,000 characters: they may
# come a little later too).  On the development pages' elinks dumps, with the
# site-grouped CV's fold models (fold assignments 0-2), F1 0.884 -> 0.891 (the
# title, too, was often one of them); on links2's 0.8953 -> 0.8949.
# lynx's line for an inline frame ("IFRAME: [12]https://www.youtube.com/embed/...", "IFRAME: likes-master":
# the frame's name or address, never text of the page) and the marks lynx and w3m put around an <ins>
# element ("[INS: :INS]", "[INS::INS]", empty for an ad slot): no rendering the model is trained on has
# either, so the model is unchanged by their removal.
_IFRAME = re.compile(r"\n[ \t]*(?:IFRAME:[^\n]*|IFrame)(?=\n|\Z)")  # elinks and links: "IFrame" alone
_IFRAME_HINT = re.compile(r"IF(?:RAME:|rame)")
_INS = re.compile(r"\[INS:[ \t]*|[ \t]*:INS\]")
_HEAD_LINK = re.compile(r"\n[ \t]*Link: [^\n]*(?=\n|\Z)")
_HEAD_LINK_CHARS = 20_000
_HEAD_LINK_FIRST = re.compile(r"\s*Link: ")  # the page's first non-blank text (matched, not a stripped copy)
# A page flattened with no line breaks at all (whitespace-collapsing extractors
# such as trafilatura's html2txt or get_text(" "), many JSONL "text" fields)
# gives the line classifier nothing to judge; it is cut into sentences
# instead: after a sentence's end (and its closing quote), before a capital.
_RUN_ON_MAX_LINES = 5
_RUN_ON_MIN_CHARS = 1000
_RUN_ON_MENU_WORDS = 30
_RUN_ON_MENU_SHARE = 0.45
_RUN_ON_MENU_PIECE = 6
_RUN_ON_MENU_COMMA = 15  # at most a comma in this many words: a long sentence full of names has more
# Dates, times and "2 hours ago" stamps that are not part of a sentence are
# put on a line of their own in a page run into one line: lists of other
# stories give each headline its byline and stamp ("What made Joker so
# popular? Madeline Fry Wednesday November 20, 2019 Joker killed at the box
# office."), which a sentence splitter leaves glued to the teaser; on a line of
# their own they read as the stamp lines of a page with lines.  On the
# development pages flattened to one line, with the site-grouped CV's fold
# models (fold assignments 0-2), F1 0.853 -> 0.868 (precision 0.799 -> 0.824,
# recall 0.915 -> 0.918), and 16-17 of the 21 stamps in the gold bodies are in
# the output (19 without the cut).  Cutting out every stamp scores 0.871 but
# keeps only 6 of them: the article's own dates ("released on September 25,
# 2019") would go, and the dates stage reads the clean text.
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_STAMP = re.compile(  # \b first: tried at word starts only, twice as fast
    r"\b(?:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?" + _MONTH + r"\s+\d{1,2},?\s+\d{4}"
    r"(?:,?\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+(?-i:[A-Z]{2,4}))?)?"
    r"|\d{1,2}\s+" + _MONTH + r"\s+\d{4}"
    r"|\d{1,3}\s?(?:[hmd]|mins?|minutes?|hours?|hrs?|days?|weeks?|months?)\s+ago\b"
    r"|\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?![\d:]))",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_NEWLINE = re.compile("\n")
_SENTENCE_BREAK = re.compile(
    r"(?:(?<=[.!?。！？])|(?<=[.!?。！？][\"”’»)]))[ \t]+(?=[\"“‘«(]?[A-ZÀ-Þ0-9])"
)
_FIRST_WORD = re.compile(r"\S+")
# A line that starts with a letter that is not an (ASCII or Latin-1) capital: a
# wrapped page has at least _MIN_CONTINUED of them, most unwrapped pages fewer
# (a cheap test that spares them the rest; CJK counts, having no case).
_LOWER_START = re.compile(r"\n[ \t]*[^\W\d_A-ZÀ-Þ]")
_LIST_START = re.compile(r"[*+\-•·▪◦‣o][ \t]|\d{1,3}[.)][ \t]")
# How a hard-wrapped page is recognised (see _wrap_width): the lengths of its
# lines fall off a cliff at the wrap width (many lines in the _BAND_CHARS
# below it, next to none in as many above it), and many of the full lines end
# mid-sentence with the next line going on in lower case.  Menus and lists of
# headlines of similar lengths have no such continuations; unwrapped dumps
# have no cliff.  None of the development dumps, their inscriptis, html2text
# (unwrapped) and lxml renderings or the seed pages is taken for wrapped.
_BAND_CHARS = 12
_MIN_WIDTH, _MAX_WIDTH = 50, 250
_WIDTHS = np.arange(_MIN_WIDTH, _MAX_WIDTH + 1)
_TOP = _MAX_WIDTH + _BAND_CHARS + 1
_MIN_CONTINUED = 3
_CONTINUED_SHARE = 0.2
_ABOVE_SHARE = 0.1
_SENTENCE_END_CHARS = frozenset(".!?:。！？")  # tested with `in` on a one-character string (or "")
_URL_STARTS = ("http:", "https:", "www.")
_CJK_START = 0x2E80
# East Asian wide characters take two columns in a text-mode renderer's line
# (Hangul, kana, CJK ideographs, full-width forms).  Measured only on pages
# mostly written in them: UTF-8 needs 3 bytes for each, so their pages are far
# longer in bytes than in characters (English with curly quotes: about 1.01).
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
_WIDE_PAGE_BYTES = 1.3
# A page flattened one text node a line shows the breaks that only inline
# elements make: a line ending in a word and the text node's own space over an
# unindented line ("roughly $449,000, " / "according to ..."), a line starting
# with one space and a lower-case word (or an opening bracket or quote) under a
# line ending in a word (" (R) is defending ..."), or a sentence's punctuation
# opening a line after a word ("Argus Leader" / ".").  Five of them, of at least
# two of the three kinds, make the page one to join: so are 60 of the 84
# development pages flattened one text node a line (benchmarks/renderers.py's
# "text-nodes"), one of their Chromium renderings and none of the dumps or of
# their other renderings (a lone kind is other renderers' habit: Chromium ends
# lines with a space, html2text starts them with one, tag lists put a comma
# after each tag).
# (The pattern starts at the newline and looks behind afterwards: one that
# starts with a lookbehind or a space is tried at far more places, 3-5 times slower.)
_TEXT_NODE_BREAK = re.compile(
    r"\n(?:((?=\S)(?<=[\w,;:“\"'’(][ \xa0]\n))"
    r"|([ \xa0](?=[^\W\d_A-ZÀ-Þ]|[(“\"‘]\w)(?<=[\w”\"’]\n[ \xa0]))|([.,;:!?)](?=[ \t\n])(?<=\w\n[.,;:!?)])))"
)
_MIN_TEXT_NODE_BREAKS = 5
_CLOSING = frozenset(".,;:!?)]’”»")


def _at_least(pattern: re.Pattern[str], text: str, n: int, end: int = sys.maxsize) -> bool:
    """Whether ``pattern`` occurs ``n`` times or more in ``text[:end]`` (the search stops at the n-th match)."""
    return next(islice(pattern.finditer(text, 0, end), n - 1, None), None) is not None


def _columns(text: str) -> Callable[[str], int]:
    """How to measure a line of ``text`` in columns: its length, plus one for each wide character on a page of them."""
    if len(text.encode("utf-8")) <= _WIDE_PAGE_BYTES * len(text):
        return len
    return lambda line: len(line) + len(_WIDE.findall(line))


def _wrap_width(lines: list[str], columns: Callable[[str], int] = len) -> int | None:
    """The width a hard-wrapping renderer used, or None when the page does not look wrapped.

    Lengths are taken as they come (a trailing space moves a line by one
    column, well within the band); vectorised, as every page pays for it.
    """
    lengths = np.fromiter(map(columns, lines), dtype=np.int64, count=len(lines))
    if np.count_nonzero(lengths >= _MIN_WIDTH - _BAND_CHARS) < 2 * _MIN_CONTINUED:
        return None
    cum = np.zeros(_TOP + 2, dtype=np.int64)  # cum[k]: lines shorter than k (longer ones counted at _TOP)
    np.cumsum(np.bincount(np.minimum(lengths, _TOP), minlength=_TOP + 1), out=cum[1:])
    cum_w = cum[_WIDTHS + 1]
    cliff = (cum_w - cum[_WIDTHS + 1 - _BAND_CHARS]) - 3 * (cum[_WIDTHS + 1 + _BAND_CHARS] - cum_w)
    k = int(np.argmax(cliff))
    if cliff[k] <= 0:
        return None
    width = k + _MIN_WIDTH
    above = np.count_nonzero((lengths[:-1] > width) & (lengths[:-1] <= width + _BAND_CHARS))
    full = np.flatnonzero((lengths[:-1] > width - _BAND_CHARS) & (lengths[:-1] <= width)).tolist()
    if len(full) < _MIN_CONTINUED or above > _ABOVE_SHARE * len(full):  # no cliff: most pages stop here
        return None
    needed = max(_MIN_CONTINUED, _CONTINUED_SHARE * len(full))
    continued = 0
    for i in full:
        body = lines[i + 1].lstrip()
        if (body and (body[0].islower() or ord(body[0]) >= _CJK_START) and lines[i].rstrip()[-1:] not in _SENTENCE_END_CHARS
                and not _LIST_START.match(body) and not body.startswith(_URL_STARTS)):
            continued += 1
            if continued >= needed:
                return width
    return None


def unwrap_lines(text: str) -> str:
    """``text`` with the soft line breaks of a hard-wrapped rendering joined back into paragraphs.

    A break is soft when the next line's first word would not have fitted on
    the line before it within the page's wrap width (so the renderer had to
    break there), the next line is indented like a continuation (as deep as
    the line, or up to four columns deeper after a list bullet) and does not
    start a list item.  Short lines (menus, headings, a paragraph's last
    line) keep their breaks.  Pages that are not wrapped are returned
    unchanged.  Written by hand: text libraries wrap text (textwrap), none
    undoes a renderer's wrapping.
    """
    if not _at_least(_LOWER_START, text, _MIN_CONTINUED):
        return text
    lines = text.split("\n")
    columns = _columns(text)
    width = _wrap_width(lines, columns)
    if width is None and columns is not len:
        # Some renderers count a wide character as one column: lynx's full lines of Japanese are 74 characters
        # (up to 145 columns).  Lynx's dumps of the development pages, fold models of the site-grouped CV
        # (assignments 0-2): F1 0.8914 -> 0.8948 (two of its five pages in CJK scripts); no other rendering
        # changes.  (Taking whichever measure shows the higher cliff also moved the Korean page in elinks,
        # links2 and wrapped html2text, and scored no better: elinks -0.0009.)
        columns = len
        width = _wrap_width(lines, columns)
    if width is None:
        return text
    stripped = [line.rstrip() for line in lines]
    out: list[str] = []
    cur = stripped[0]
    cur_indent = len(cur) - len(cur.lstrip())
    cur_len = columns(cur)  # the width of the physical line last appended to cur
    for line in stripped[1:]:
        body = line.lstrip()
        indent = len(line) - len(body)
        word = _FIRST_WORD.match(body)
        soft = False
        if word is not None and cur and not _LIST_START.match(body):  # cur is right-stripped: empty or not blank
            # CJK lines have no spaces to break at: their first "word" is the line, its first character counts
            first = columns(word.group()) if len(word.group()) <= 25 else columns(body[0])
            fits = cur_indent <= indent <= cur_indent + 4
            # the next word would not have fitted, or (renderers also break early around links
            # and emphasis) the sentence goes on in lower case after a line half the width or more
            soft = fits and (width - 1 < cur_len + 1 + first and cur_len <= width or (
                2 * cur_len >= width and body[0].islower() and cur[-1] not in _SENTENCE_END_CHARS))
        if soft:
            glue = "" if cur.endswith("-") and cur[-2:-1].isalpha() or (
                ord(cur[-1]) >= _CJK_START and ord(body[0]) >= _CJK_START) else " "
            cur = cur + glue + body
        else:
            out.append(cur)
            cur = line
            cur_indent = indent
        cur_len = columns(line)
    out.append(cur)
    return "\n".join(out)


def join_text_nodes(text: str) -> str:
    """``text`` with the sentences that inline elements broke over lines joined again, on pages flattened that way.

    On a page with at least _MIN_TEXT_NODE_BREAKS of the breaks only inline
    elements make, of at least two of their three kinds (see
    _TEXT_NODE_BREAK), a line is joined to the one before it (no blank line
    between) when it starts with a sentence's closing punctuation (glued on),
    when the line before ends in whitespace (the text node's own space before
    a link), or when it starts with a single space (after a link or
    emphasis); never when it starts a list item.  Other lines, and other
    pages, are returned unchanged.  Written by hand: the renderers that make
    such text do not undo it, and sentence splitters (pysbd, spaCy) split,
    they do not rejoin.
    """
    kinds = [0, 0, 0]
    for m in _TEXT_NODE_BREAK.finditer(text):
        kinds[m.lastindex - 1] += 1  # type: ignore[operator]  # every branch is one group
        if sum(kinds) >= _MIN_TEXT_NODE_BREAKS and kinds.count(0) <= 1:
            break
    else:
        return text
    out: list[str] = []
    cur: str | None = None  # the line being put together
    last = ""  # the physical line last added to it, as it came
    for line in text.split("\n"):
        body = line.strip()
        if cur is not None and body and not _LIST_START.match(body):
            if body[0] in _CLOSING and (len(body) == 1 or not body[1].isalnum()):
                cur = cur.rstrip() + body
                last = line
                continue
            if last[-1] in " \xa0\t" or line[0] in " \xa0" and not line[1].isspace():
                cur = cur.rstrip()
                cur += ("" if ord(cur[-1]) >= _CJK_START and ord(body[0]) >= _CJK_START else " ") + body
                last = line
                continue
        if cur is not None:
            out.append(cur)
        cur, last = (line, line) if body else (None, "")
        if not body:
            out.append(line)
    if cur is not None:
        out.append(cur)
    return "\n".join(out)


def split_run_on(text: str) -> str:
    """``text`` cut into one sentence a line when it is long and has (almost) no line breaks, else unchanged.

    Sentence-level lines are what the classifier can judge.  A "sentence" of
    more than _RUN_ON_MENU_WORDS words most of which start with a capital, a
    digit or a symbol is a menu or a list of headlines run together ("Home
    World Politics ... Texas seeks to stamp out distracted driving Man beaten
    ..."), unless it has the commas of a long sentence full of names: it is
    cut into pieces of _RUN_ON_MENU_PIECE words, which read like the menu
    lines they were (on the development pages flattened to one line, F1 0.797
    -> 0.876 with the packaged model; without the comma test 0.882, but such
    sentences would go).  Dates, times and "... ago" stamps are cut out onto
    lines of their own (see _STAMP).  A sentence splitter library
    (e.g. pysbd) would cost far more than this one regex, and exact sentence
    boundaries do not matter here.
    """
    # (The newlines are searched for up to the fifth, not all counted: most pages have five at once.)
    if len(text) < _RUN_ON_MIN_CHARS or _at_least(_NEWLINE, text, _RUN_ON_MAX_LINES, 100_000):
        return text
    lines = []
    for piece in _SENTENCE_BREAK.split(text):
        words = piece.split()
        if (len(words) > _RUN_ON_MENU_WORDS and piece.count(",") * _RUN_ON_MENU_COMMA <= len(words)
                and sum(1 for w in words if not w[0].islower()) >= _RUN_ON_MENU_SHARE * len(words)):
            lines.extend(" ".join(words[i : i + _RUN_ON_MENU_PIECE]) for i in range(0, len(words), _RUN_ON_MENU_PIECE))
        else:
            lines.append(piece)
    return "\n".join(_cut_stamps(lines))


def _cut_stamps(lines: list[str]) -> list[str]:
    """``lines`` with every date, time and "... ago" stamp that is not part of a sentence on a line of its own.

    A stamp is part of a sentence when the word before it starts in lower case
    or ends with a comma or an opening bracket ("released on September 25,
    2019", "at 7:14"), or what follows it starts in lower case or with a comma,
    semicolon or closing bracket ("On July 27, 2006, he").
    """
    out: list[str] = []
    for line in lines:
        if not _DIGIT.search(line):  # every stamp has one; most lines of menus and prose have none
            out.append(line)
            continue
        at = 0
        for m in _STAMP.finditer(line):
            before = line[at : m.start()].split()
            after = line[m.end() : m.end() + 2].lstrip()[:1]
            if before and (before[-1][0].islower() or before[-1][-1] in ",(") or after.islower() or after in ",;)":
                continue
            out.extend(piece for piece in (line[at : m.start()].strip(), m.group()) if piece)
            at = m.end()
        rest = line[at:].strip()
        if rest or not at:
            out.append(rest if at else line)
    return out


def _cut_lynx_references(text: str) -> tuple[str, bool]:
    """``text`` without lynx's (or elinks') closing list of numbered links, and whether it had one.

    Only when the text before the list carries the browsers' link numbers
    (``[12]Home``): a plain page's own numbered "References" stay.
    """
    for m in reversed(list(_LYNX_REFS.finditer(text))):
        tail = [line for line in text[m.end() :].split("\n") if line.strip()]
        if sum(not _LYNX_REF_LINE.fullmatch(line) for line in tail) <= 0.25 * len(tail):
            body = text[: m.start() + 1]
            if _at_least(_LYNX_MARKER, body, _MIN_LINK_NUMBERS):
                return body, True
    return text, False


def strip_render_marks(text: str) -> str:
    """``text`` without Markdown marks, list bullets and indentation; hard-wrapped paragraphs
    are joined first (:func:`unwrap_lines`), other line breaks are kept."""
    if not text:
        return text
    text = split_run_on(text)
    lynx = False
    if "\nReferences\n" in text:
        text, lynx = _cut_lynx_references(text)
    text = unwrap_lines(text)  # before the link numbers go: lynx counted them in its line widths
    if lynx:
        text = _LYNX_MARKER.sub("", text)
    text = join_text_nodes(text)
    text = "\n" + text  # every line, the first included, starts after a newline (see _HEADING)
    if _HEAD_LINK_FIRST.match(text):
        text = _HEAD_LINK.sub("", text[:_HEAD_LINK_CHARS]) + text[_HEAD_LINK_CHARS:]
    # Each rule runs only when its mark occurs at all: most pages carry none of them.  A test for one
    # character (`"]" in text`) costs a fraction of a microsecond; one for two or more characters reads the
    # page a character at a time (5-20 us a page each): those come only behind one for a character of theirs.
    if _IFRAME_HINT.search(text):  # (the regex engine's search for a literal start beats two `in` tests)
        text = _IFRAME.sub("\n", text)
    if "]" in text:
        if "INS]" in text:
            text = _INS.sub("", text)
        if "[" in text:
            text = _IMAGE_NAME.sub("\n", text)
        if "](" in text:
            text = _IMAGE.sub(lambda m: m.group(1), text)
            text = _LINK.sub(lambda m: m.group(1), text)
        if "][" in text:
            text = _REF_LINK.sub(lambda m: m.group(1), text)
    # A rule's search first (12 us a page), then the test for its marks (which costs three times as much, see
    # above).  Only pages with one of these runs of marks lose their rules: the packaged model learned from pages
    # cleaned so (lines of spaced-out stars, "*   *   *", stay on a page without one).
    if _RULE.search(text) and (
        "---" in text or "***" in text or "* *" in text or "___" in text or "===" in text or "- -" in text
    ):
        text = _RULE.sub("\n", text)
    if "#" in text:
        text = _HEADING.sub(lambda m: "\n" + m.group(1), text)
    if ">" in text:
        text = _QUOTE.sub("\n", text)
    bulleted_images = "\xa0" in text and "\xa0[" in text  # an image's name behind an elinks bullet ("•\xa0[IMG]")
    text = _BULLET.sub("\n", text)
    if "\xa0" in text:
        text = _LONE_BULLET.sub("\n", text)
    if bulleted_images:  # stands alone only now
        text = _IMAGE_NAME.sub("\n", text)
    if "*" in text or "_" in text:
        if "**" in text or "__" in text:
            text = _STRONG.sub(lambda m: m.group(2), text)
        text = _EMPH.sub(lambda m: m.group(2), text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: m.group(1), text)
    if "-" in text or "_" in text:
        text = _FILE_NAME.sub("\n", text)
    return _INDENT.sub("\n", text)[1:]
