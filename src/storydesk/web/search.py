"""Full-text search over the stored articles.

On SQLite the store gets an FTS5 index, ``articles_fts``, an external-content
table over ``articles`` (title and text, keyed by the article's ``seq``), so
the text is not stored twice.  It is rebuilt when the store's articles change
(its state row records the signature it was built for).  On other databases,
or when the SQLite file cannot be written, search falls back to ``LIKE``.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

__all__ = ["Hit", "SearchIndex", "query_terms"]

log = logging.getLogger("storydesk.web")

INDEX_VERSION = "1"
START, END = "\x02", "\x03"
"""Highlight markers inside snippets; turned into (text, highlighted) segments, never into markup."""

_TERM = re.compile(r"\w+", re.UNICODE)


def query_terms(q: str, limit: int = 12) -> list[str]:
    """The words of a user's query (FTS5 syntax is never passed through)."""
    return _TERM.findall(q)[:limit]


@dataclass(slots=True)
class Hit:
    id: str
    snippet: list[tuple[str, bool]]
    """The snippet as segments: (text, is_match)."""


def _segments(snippet: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for part in re.split(f"({START}[^{END}]*{END})", snippet):
        if not part:
            continue
        if part.startswith(START) and part.endswith(END):
            out.append((part[1:-1], True))
        else:
            out.append((part.replace(START, "").replace(END, ""), False))
    return out


def _like_snippet(title: str, body: str, terms: list[str], width: int = 180) -> list[tuple[str, bool]]:
    low = body.casefold()
    pos = min((p for p in (low.find(t.casefold()) for t in terms) if p >= 0), default=0)
    lo = max(0, pos - width // 3)
    chunk = body[lo : lo + width]
    prefix = "…" if lo > 0 else ""
    suffix = "…" if lo + width < len(body) else ""
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    segs: list[tuple[str, bool]] = [(prefix, False)] if prefix else []
    last = 0
    if pattern is not None:
        for m in pattern.finditer(chunk):
            segs += [(chunk[last : m.start()], False), (m.group(0), True)]
            last = m.end()
    segs.append((chunk[last:] + suffix, False))
    return [s for s in segs if s[0]]


class SearchIndex:
    """FTS5 over the SQLite store (rebuilt when stale), LIKE elsewhere."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fts = engine.dialect.name == "sqlite"
        self._built_for: str | None = None
        self._lock = threading.Lock()

    def refresh(self, signature: tuple[int, int]) -> None:
        """Make sure the FTS index matches the store (cheap when it already does)."""
        if not self.fts:
            return
        state = f"{INDEX_VERSION}:{signature[0]}:{signature[1]}"
        with self._lock:
            if self._built_for == state:
                return
            try:
                with self.engine.begin() as conn:
                    conn.execute(text(
                        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                        "title, text, content='articles', content_rowid='seq', "
                        "tokenize='porter unicode61 remove_diacritics 2')"
                    ))
                    conn.execute(text("CREATE TABLE IF NOT EXISTS articles_fts_state (built_for TEXT NOT NULL)"))
                    have = conn.execute(text("SELECT built_for FROM articles_fts_state")).scalar()
                    if have != state:
                        conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))
                        conn.execute(text("DELETE FROM articles_fts_state"))
                        conn.execute(text("INSERT INTO articles_fts_state (built_for) VALUES (:s)"), {"s": state})
                        log.info("full-text index rebuilt (%d articles)", signature[0])
            except DBAPIError as exc:  # no FTS5 in this SQLite, or a read-only file
                log.warning("full-text index unavailable (%s); searching with LIKE", exc.orig)
                self.fts = False
                return
            self._built_for = state

    def search(self, q: str, limit: int = 20) -> list[Hit]:
        terms = query_terms(q)
        if not terms:
            return []
        if self.fts:
            try:
                return self._search_fts(terms, limit)
            except DBAPIError as exc:
                log.warning("full-text search failed (%s); searching with LIKE", exc.orig)
        return self._search_like(terms, limit)

    def _search_fts(self, terms: list[str], limit: int) -> list[Hit]:
        # every term quoted (a phrase of one word), the last one also as a prefix
        match = " ".join(f'"{t}"' for t in terms[:-1]) + f' "{terms[-1]}"*'
        sql = text(
            "SELECT a.id, snippet(articles_fts, 1, :s, :e, '…', 24) AS snip "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH :q ORDER BY bm25(articles_fts, 4.0, 1.0) LIMIT :n"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(sql, {"s": START, "e": END, "q": match.strip(), "n": limit}).all()
        return [Hit(r.id, _segments(r.snip or "")) for r in rows]

    def _search_like(self, terms: list[str], limit: int) -> list[Hit]:
        clauses: list[str] = []
        params: dict[str, object] = {"n": limit}
        for i, t in enumerate(terms):
            esc = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            params[f"t{i}"] = f"%{esc}%"
            clauses.append(f"(lower(title) LIKE lower(:t{i}) ESCAPE '\\' OR lower(text) LIKE lower(:t{i}) ESCAPE '\\')")
        sql = text(f"SELECT id, title, text FROM articles WHERE {' AND '.join(clauses)} ORDER BY seq DESC LIMIT :n")
        with self.engine.connect() as conn:
            rows = conn.execute(sql, params).all()
        return [Hit(r.id, _like_snippet(r.title or "", r.text or "", terms)) for r in rows]
