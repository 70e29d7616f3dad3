"""The store: pages, articles and failures in SQLite (default) or PostgreSQL.

SQLAlchemy Core keeps the SQL portable; the database is named by a URL or a
file path (``storydesk.db`` in the working directory by default).  Pages are
keyed by the hash of their content, so ingesting the same page twice is a
no-op and an ingest that crashed can simply be run again: what was committed
is skipped, what was not is done.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    insert,
    select,
)
from sqlalchemy.engine import Engine

from ..errors import StorydeskError
from ..records import Article, DateValue, Failure

__all__ = ["Store", "DEFAULT_DB", "database_url"]

DEFAULT_DB = "storydesk.db"

metadata = MetaData()

pages = Table(
    "pages",
    metadata,
    Column("hash", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("record_id", Text),
    Column("status", String(16), nullable=False),  # "article" or the failure code
    Column("ingested_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("page_hash", String(40), nullable=False, unique=True),
    Column("seq", Integer, nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("url", Text),
    Column("record_id", Text),
    Column("fetched_at", String(32)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("text_hash", String(40), nullable=False, index=True),
    Column("site", Text),
    Column("author", Text),
    Column("published", String(32)),
    Column("published_evidence", Text),
    Column("published_confidence", Float),
    Column("published_before", String(32)),
    Column("published_before_evidence", Text),
    Column("dates", Text),  # JSON: {"evidence": [...], "conflicts": [...]}
    Column("removed", Text),  # JSON list of [line, reason]
)

failures = Table(
    "failures",
    metadata,
    Column("key", Text, primary_key=True),  # source#record_id: one row per input, the latest reason
    Column("source", Text, nullable=False),
    Column("record_id", Text),
    Column("page_hash", String(40)),
    Column("code", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(32), nullable=False),
)


def database_url(db: str | None) -> str:
    """A SQLAlchemy URL from a URL or a file path."""
    db = db or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db)}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """Transactional access to the stored pages, articles and failures."""

    def __init__(self, db: str | None = None, *, engine: Engine | None = None) -> None:
        self.url = database_url(db)
        self.engine = engine or create_engine(self.url, future=True)
        metadata.create_all(self.engine)
        self._check_schema()

    def _check_schema(self) -> None:
        """Refuse, with a clear message, a store written by an older storydesk."""
        from sqlalchemy import inspect

        have = {c["name"] for c in inspect(self.engine).get_columns("articles")}
        missing = sorted({c.name for c in articles.columns} - have)
        if missing:
            raise StorydeskError(
                f"{self.url}: store was written by an older storydesk (missing columns: {', '.join(missing)}); "
                "ingest into a new --db file"
            )

    # -- writing ----------------------------------------------------------
    def known_hashes(self) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(pages.c.hash)).scalars())

    def write_batch(self, records: Iterable[Article | Failure]) -> None:
        """Write one batch in one transaction (all or nothing)."""
        now = _now()
        with self.engine.begin() as conn:
            seq = conn.execute(select(articles.c.seq).order_by(articles.c.seq.desc()).limit(1)).scalar() or 0
            for rec in records:
                if isinstance(rec, Article):
                    seq += 1
                    conn.execute(
                        insert(pages).values(
                            hash=rec.page_hash, source=rec.source, record_id=rec.record_id, status="article",
                            ingested_at=now,
                        )
                    )
                    conn.execute(insert(articles).values(**_article_row(rec, seq)))
                    conn.execute(delete(failures).where(failures.c.key == _key(rec.source, rec.record_id)))
                else:
                    key = _key(rec.source, rec.record_id)
                    conn.execute(delete(failures).where(failures.c.key == key))
                    conn.execute(
                        insert(failures).values(
                            key=key, source=rec.source, record_id=rec.record_id, page_hash=rec.page_hash,
                            code=rec.code, reason=rec.reason, at=now,
                        )
                    )
                    if rec.page_hash is not None:
                        # The page was read but has no article: remember it so that
                        # re-ingesting it is a no-op like any stored page.
                        exists = conn.execute(select(pages.c.hash).where(pages.c.hash == rec.page_hash)).first()
                        if exists is None:
                            conn.execute(
                                insert(pages).values(
                                    hash=rec.page_hash, source=rec.source, record_id=rec.record_id,
                                    status=rec.code, ingested_at=now,
                                )
                            )

    # -- reading ----------------------------------------------------------
    def articles(self) -> Iterator[Article]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(articles).order_by(articles.c.seq)):
                yield _article_from_row(row._mapping)

    def failures(self) -> list[Failure]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(failures).order_by(failures.c.source, failures.c.record_id)).all()
        return [Failure(r.source, r.code, r.reason, r.record_id, r.page_hash) for r in rows]

    def count_articles(self) -> int:
        with self.engine.connect() as conn:
            return len(conn.execute(select(articles.c.id)).all())


def _key(source: str, record_id: str | None) -> str:
    return source if record_id is None else f"{source}#{record_id}"


def _article_row(a: Article, seq: int) -> dict[str, object]:
    return {
        "id": a.id,
        "page_hash": a.page_hash,
        "seq": seq,
        "source": a.source,
        "kind": a.kind,
        "url": a.url,
        "record_id": a.record_id,
        "fetched_at": a.fetched_at,
        "title": a.title,
        "text": a.text,
        "text_hash": a.text_hash,
        "site": a.site,
        "author": a.author,
        "published": a.published.value if a.published else None,
        "published_evidence": a.published.evidence if a.published else None,
        "published_confidence": a.published.confidence if a.published else None,
        "published_before": a.published_before.value if a.published_before else None,
        "published_before_evidence": a.published_before.evidence if a.published_before else None,
        "dates": json.dumps({"evidence": a.date_evidence, "conflicts": a.date_conflicts}, ensure_ascii=False),
        "removed": json.dumps(a.removed, ensure_ascii=False),
    }


def _article_from_row(r: object) -> Article:
    m = dict(r)  # type: ignore[call-overload]
    published = None
    if m["published"]:
        published = DateValue(m["published"], m["published_evidence"] or "", m["published_confidence"] or 0.0)
    before = None
    if m["published_before"]:
        before = DateValue(m["published_before"], m["published_before_evidence"] or "", 0.9)
    dates = json.loads(m["dates"] or "{}")
    return Article(
        published_before=before,
        date_evidence=dates.get("evidence", []),
        date_conflicts=dates.get("conflicts", []),
        source=m["source"],
        page_hash=m["page_hash"],
        kind=m["kind"],
        text=m["text"],
        title=m["title"],
        url=m["url"],
        record_id=m["record_id"],
        fetched_at=m["fetched_at"],
        site=m["site"],
        author=m["author"],
        published=published,
        removed=[tuple(x) for x in json.loads(m["removed"] or "[]")],
        id=m["id"],
    )
