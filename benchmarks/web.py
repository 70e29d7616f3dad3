"""Web UI latency on a 10,000-article store.

Fills a temporary SQLite store with synthetic articles (paragraphs sampled
from the seed pages, mutated with each topic's invented names and keywords and
random words, so that they form many stories, with some copies among them),
starts the app (which analyses the store once) in a real uvicorn server on a
loopback port, then times a few hundred requests of the story page and of
search over HTTP (httpx2, one connection kept alive), as a browser would see
them; ``--in-process`` calls the app through FastAPI's TestClient instead.

    python benchmarks/web.py [--articles 10000] [--requests 300] [--seed 1] [--in-process]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import random
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx2
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from storydesk.api import extract_files
from storydesk.records import Article, DateValue
from storydesk.store import Store
from storydesk.web import create_app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "seeds"
SYLLABLES = ["ka", "lo", "mi", "ren", "tar", "vos", "te", "ni", "ko", "bar", "del", "sun", "ra", "ven", "hol", "mar", "est", "ul", "dor", "fen", "gri", "pa", "zu"]


def seed_paragraphs() -> tuple[list[str], list[str]]:
    paras: list[str] = []
    for rec in extract_files(sorted(str(p) for p in SEEDS.glob("*.txt"))):
        if isinstance(rec, Article):
            paras += [p for p in rec.text.split("\n\n") if len(p) > 120]
    words = sorted({w for p in paras for w in re.findall(r"[a-z]{5,}", p)})
    return paras, words


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def synthetic_articles(n: int, rng: random.Random) -> list[Article]:
    paras, vocab = seed_paragraphs()
    n_topics = max(1, n // 12)
    topics = []
    for _ in range(n_topics):
        topics.append({
            "names": [name(rng) for _ in range(3)],
            "words": rng.sample(vocab, 4) + [name(rng).lower() for _ in range(4)],
            "day": date(2023, 1, 1) + timedelta(days=rng.randrange(700)),
        })
    out: list[Article] = []
    for i in range(n):
        t = topics[rng.randrange(n_topics)] if i >= n_topics else topics[i]
        a, b, c = t["names"]
        if out and rng.random() < 0.1:  # a near copy of an earlier article of the same stream
            src = out[rng.randrange(max(0, len(out) - 50), len(out))]
            text = src.text + f"\n\n{name(rng)} {rng.choice(vocab)} {rng.choice(vocab)}."
            title = src.title
        else:
            body = []
            lede = (f"{a} met {b} in {c} on {t['day']:%B} {t['day'].day}, {t['day'].year}, officials said, "
                    f"in talks about {' and '.join(t['words'][:3])}.")
            body.append(lede)
            for p in rng.sample(paras, rng.randint(3, 6)):
                words = p.split()
                for k in range(0, len(words), 3):  # every third word: the topic's own, or any word
                    words[k] = rng.choice([a, b, c, *t["words"], rng.choice(vocab), name(rng).lower()])
                body.append(" ".join(words) + f" {rng.choice(vocab)} {rng.choice(vocab)}.")
            body.append(f'"We will {rng.choice(t["words"])} the {rng.choice(t["words"])}," {a} told reporters.')
            text = "\n\n".join(body)
            title = f"{a} and {b} discuss {t['words'][0]} in {c}"
        site = f"site{rng.randrange(40)}.example"
        h = hashlib.sha1(f"{i}:{text}".encode()).hexdigest()
        pub_day = t["day"] + timedelta(days=rng.randint(0, 3) if rng.random() > 0.03 else rng.randint(40, 400))
        published = DateValue(pub_day.isoformat(), f"byline: {pub_day:%B %d, %Y}", 0.9) if rng.random() < 0.8 else None
        before = None if published else DateValue((pub_day + timedelta(days=5)).isoformat(), "crawl", 0.9)
        out.append(Article(
            source=f"synthetic/{i:05d}.txt", page_hash=h, kind="text", text=text, title=title,
            url=f"https://{site}/news/{i}", site=site, published=published, published_before=before,
            removed=[("Subscribe to our newsletter", "boilerplate p=0.02")],
        ))
    return out


@contextlib.contextmanager
def served(app: FastAPI) -> Iterator[httpx2.Client]:
    """The app in a real uvicorn server on a free loopback port (its start-up analysis included), and a client."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join()


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def report(label: str, ms: list[float]) -> None:
    print(f"{label:<26} n={len(ms):4d}  p50 {pct(ms, 0.5):7.1f} ms  p95 {pct(ms, 0.95):7.1f} ms  "
          f"max {max(ms):7.1f} ms  mean {statistics.fmean(ms):6.1f} ms")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--in-process", action="store_true", help="call the app through TestClient, not over HTTP")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        arts = synthetic_articles(args.articles, rng)
        store = Store(db)
        for k in range(0, len(arts), 500):
            store.write_batch(arts[k : k + 500])
        print(f"store: {len(arts)} synthetic articles written in {time.perf_counter() - t0:.1f} s")

        t0 = time.perf_counter()
        app = create_app(db)
        with (TestClient(app) if args.in_process else served(app)) as client:
            start = time.perf_counter() - t0
            snap = app.state.cache.get()
            print(f"{'in-process (TestClient)' if args.in_process else 'uvicorn over HTTP'}; app start: {start:.1f} s (analysis {snap.seconds:.1f} s, then the FTS5 index): "
                  f"{len(snap.stories)} stories, {len(snap.events)} events, {len(snap.analysis.copies)} copy groups")

            story_ids = list(snap.stories)
            terms = sorted({w for a in rng.sample(arts, 200) for w in re.findall(r"[A-Za-z]{5,}", a.title or "")})

            def timed(url: str) -> float:
                t = time.perf_counter()
                r = client.get(url)
                ms = (time.perf_counter() - t) * 1000
                assert r.status_code == 200, (url, r.status_code)
                return ms

            for _ in range(20):  # warm up (templates compiled, SQLite caches)
                timed(f"/stories/{rng.choice(story_ids)}")
                timed(f"/search?q={rng.choice(terms)}")

            # distinct stories, so each is a first view (story views are cached per snapshot)
            picked = rng.sample(story_ids, min(args.requests, len(story_ids)))
            results = {
                "story page (first view)": [timed(f"/stories/{s}") for s in picked],
                "story page (again)": [timed(f"/stories/{s}") for s in picked],
                "search (1 word)": [timed(f"/search?q={rng.choice(terms)}") for _ in range(args.requests)],
                "search (2 words)": [
                    timed(f"/search?q={rng.choice(terms)}+{rng.choice(terms)}") for _ in range(args.requests)
                ],
                "article page": [timed(f"/articles/{rng.choice(arts).id}") for _ in range(args.requests)],
                "front page": [timed("/") for _ in range(min(100, args.requests))],
                "api story": [timed(f"/api/stories/{s}") for s in picked[:100]],
            }
        for label, ms in results.items():
            report(label, ms)
        worst = max(pct(results[k], 0.95) for k in ("story page (first view)", "search (1 word)", "search (2 words)"))
        print(f"target p95 <= 100 ms for story page and search: {'met' if worst <= 100 else 'NOT met'} "
              f"(worst p95 {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
