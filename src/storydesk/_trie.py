"""Regular expressions for long lists of literal phrases, as tries."""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["trie_alternation"]


def trie_alternation(forms: Iterable[str], space: str | None = None) -> str:
    """A regular expression matching any of ``forms``, the longest that matches tried first (as
    ``"|".join(sorted(forms, key=len, reverse=True))`` would), written as a trie: ``tell(?:s|ing)?``.

    Python's regex engine tries the alternatives of a plain list one after the other at every position, so a
    list of hundreds of phrases costs hundreds of tests a word; the trie costs about one.  ``space``: the
    pattern a space in a form stands for (e.g. ``\\s+``), else a literal space.  At each node the children
    are distinct characters, so with case-sensitive matching (or lower-case forms under IGNORECASE) at most
    one of them can match: the search tries the longest form along the text first, then shorter ones, as
    the longest-first list does.
    """
    end = ""
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[end] = {}

    def pattern(node: dict) -> str:
        alts = [(space if ch == " " and space else re.escape(ch)) + pattern(child)
                for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        if len(alts) == 1 and end not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + (")?" if end in node else ")")

    return pattern(trie)
