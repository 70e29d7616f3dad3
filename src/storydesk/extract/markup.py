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

lynx's default dump also numbers every link in the text (``[12]Home``) and
appends the list of their URLs under "References": both are removed.

Text-mode renderers (lynx, w3m, html2text with its default width) also
hard-wrap paragraphs at a fixed width, so one paragraph arrives as several
short lines that no longer look like prose; :func:`unwrap_lines` joins them
again before anything else (see its docstring for the test it uses).

No library does this one job: Markdown parsers (markdown-it, mistune) render
to HTML, which would then need flattening again, and they would also treat
ordinary text (a line starting with "1." or ">") as Markdown structure.
"""

from __future__ import annotations

import re
from itertools import accumulate

__all__ = ["strip_render_marks", "unwrap_lines"]

_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
# Line-start rules begin with "\n" (the text gets one in front) rather than ^
# under re.M: the same matches, but a literal first character lets the regex
# engine jump from line to line instead of trying every position (five times
# faster); likewise the emphasis rule starts with its marker, not a lookbehind.
_HEADING = re.compile(r"\n[ \t]*#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?=\n|\Z)")
_BULLET = re.compile(r"\n[ \t]*(?:[*+•·▪◦‣o]|-(?!-))[ \t]+(?=\S)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPH = re.compile(r"([*_])(?<![\w*][*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_RULE = re.compile(r"\n[ \t]*(?:[-*_=][ \t]*){3,}(?=\n|\Z)")
_QUOTE = re.compile(r"\n[ \t]*>[ \t]?")
_INDENT = re.compile(r"\n[ \t]+")
# lynx -dump's list of the page's links, at the end of the page: "References", then
# numbered URLs (under "Visible links" / "Hidden links" headings in newer versions).
_LYNX_REFS = re.compile(r"\nReferences\n(?=\s*(?:Visible links:?\s*)?1\.[ \t]+\S+\n)")
_LYNX_REF_LINE = re.compile(r"[ \t]*(\d+\.[ \t]+\S+|(Visible|Hidden) links:?|\S+)?[ \t]*")  # \S+: a long URL's rest
_LYNX_MARKER = re.compile(r"\[\d+\](?=\S)")
_FIRST_WORD = re.compile(r"\S+")
_LIST_START = re.compile(r"[*+\-•·▪◦‣o][ \t]|\d{1,3}[.)][ \t]|\[\d+\]")
# How a hard-wrapped page is recognised (see _wrap_width): the lengths of its
# lines fall off a cliff at the wrap width (many lines in the _BAND_CHARS
# below it, next to none in as many above it), and many of the full lines end
# mid-sentence with the next line going on in lower case.  Menus and lists of
# headlines of similar lengths have no such continuations; unwrapped dumps
# have no cliff.  None of the development dumps, their inscriptis, html2text
# (unwrapped) and lxml renderings or the seed pages is taken for wrapped.
_BAND_CHARS = 12
_MIN_WIDTH, _MAX_WIDTH = 50, 250
_MIN_CONTINUED = 3
_CONTINUED_SHARE = 0.2
_ABOVE_SHARE = 0.1
_SENTENCE_END = frozenset(".!?:")
_URL_STARTS = ("http:", "https:", "www.")
_CJK_START = 0x2E80


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapping renderer used (lines right-stripped), or None when the page does not look wrapped."""
    lengths = [len(line) for line in lines]
    if sum(n >= _MIN_WIDTH - _BAND_CHARS for n in lengths) < 2 * _MIN_CONTINUED:
        return None
    hist = [0] * (_MAX_WIDTH + _BAND_CHARS + 2)
    for n in lengths:
        if n < len(hist):
            hist[n] += 1
    cum = list(accumulate(hist, initial=0))  # cum[k]: lines shorter than k
    width, best = None, 0
    for w in range(_MIN_WIDTH, _MAX_WIDTH + 1):
        below = cum[w + 1] - cum[w + 1 - _BAND_CHARS]
        above = cum[w + 1 + _BAND_CHARS] - cum[w + 1]
        if below - 3 * above > best:
            width, best = w, below - 3 * above
    if width is None:
        return None
    full = continued = above = 0
    for line, nxt in zip(lines, lines[1:]):
        n = len(line)
        if width < n <= width + _BAND_CHARS:
            above += 1
        elif width - _BAND_CHARS < n <= width:
            full += 1
            body = nxt.lstrip()
            if (body and body[0].islower() and line[-1] not in _SENTENCE_END and not _LIST_START.match(body)
                    and not body.startswith(_URL_STARTS)):
                continued += 1
    if continued >= max(_MIN_CONTINUED, _CONTINUED_SHARE * full) and above <= _ABOVE_SHARE * full:
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
    if "\n" not in text:
        return text
    stripped = [line.rstrip() for line in text.split("\n")]
    width = _wrap_width(stripped)
    if width is None:
        return text
    out: list[str] = []
    cur = stripped[0]
    cur_indent = len(cur) - len(cur.lstrip())
    cur_len = len(cur)  # the length of the physical line last appended to cur
    for line in stripped[1:]:
        body = line.lstrip()
        indent = len(line) - len(body)
        word = _FIRST_WORD.match(body)
        soft = False
        if word is not None and cur.strip() and not _LIST_START.match(body):
            first = len(word.group()) if len(word.group()) <= 25 else 1  # CJK lines have no spaces to break at
            soft = width - 1 < cur_len + 1 + first and cur_len <= width and cur_indent <= indent <= cur_indent + 4
        if soft:
            glue = "" if cur.endswith("-") and cur[-2:-1].isalpha() or (
                ord(cur[-1]) >= _CJK_START and ord(body[0]) >= _CJK_START) else " "
            cur = cur + glue + body
        else:
            out.append(cur)
            cur = line
            cur_indent = indent
        cur_len = len(line)
    out.append(cur)
    return "\n".join(out)


def _strip_lynx_links(text: str) -> str:
    """Without lynx's numbered link list and the ``[12]`` link numbers in the text, when the page ends in that list."""
    for m in reversed(list(_LYNX_REFS.finditer(text))):
        tail = [line for line in text[m.end() :].split("\n") if line.strip()]
        if sum(not _LYNX_REF_LINE.fullmatch(line) for line in tail) <= 0.25 * len(tail):  # URLs may hold spaces
            return _LYNX_MARKER.sub("", text[: m.start() + 1])
    return text


def strip_render_marks(text: str) -> str:
    """``text`` without Markdown marks, list bullets and indentation; hard-wrapped paragraphs
    are joined first (:func:`unwrap_lines`), other line breaks are kept."""
    if not text:
        return text
    if "\nReferences\n" in text:
        text = _strip_lynx_links(text)
    text = unwrap_lines(text)
    text = "\n" + text  # every line, the first included, starts after a newline (see _HEADING)
    # Each rule runs only when its mark occurs at all: most pages carry none of them.
    if "](" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(lambda m: m.group(1), text)
    if "][" in text:
        text = _REF_LINK.sub(lambda m: m.group(1), text)
    if "---" in text or "***" in text or "* *" in text or "___" in text or "===" in text or "- -" in text:
        text = _RULE.sub("\n", text)
    if "#" in text:
        text = _HEADING.sub(lambda m: "\n" + m.group(1), text)
    if ">" in text:
        text = _QUOTE.sub("\n", text)
    text = _BULLET.sub("\n", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(lambda m: m.group(2), text)
    if "*" in text or "_" in text:
        text = _EMPH.sub(lambda m: m.group(2), text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: m.group(1), text)
    return _INDENT.sub("\n", text)[1:]
