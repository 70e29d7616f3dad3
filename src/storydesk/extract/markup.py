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

No library does this one job: Markdown parsers (markdown-it, mistune) render
to HTML, which would then need flattening again, and they would also treat
ordinary text (a line starting with "1." or ">") as Markdown structure.
"""

from __future__ import annotations

import re

__all__ = ["strip_render_marks"]

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


def strip_render_marks(text: str) -> str:
    """``text`` without Markdown marks, list bullets and indentation (line breaks are kept)."""
    if not text:
        return text
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
