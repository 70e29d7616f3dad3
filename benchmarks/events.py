"""Event clustering benchmark: B-cubed F1 on ECB+ streams, and articles per second at scale.

    python benchmarks/events.py [--data ../shared/data] [--thresholds 0.3,0.4,0.5] [--train-model] [--clusterer batch]
    python benchmarks/events.py --scale 1000,10000,100000

Accuracy.  The articles are streamed through the online clusterer
(storydesk.analysis.eventstream; ``--clusterer batch``: the batch one of
storydesk.analysis.events, given the articles in each order) in their
file order, in five random orders and in date order (the publication date
read from the header lines, as the text extractor would; undated articles
keep their place relative to each other, after the dated ones).  The pair
model shipped with storydesk is trained on these development articles, so
clustering them with it is an in-sample figure.  The honest figure is
cross-validated: the topics are split in five folds; for each fold a pair
model is trained on the other folds' articles and the fold's articles are
clustered with it; mean and spread over the stream orders are printed.
``--train-model`` rewrites the packaged model from all development articles.

Cut-down events.  In a whole ECB+ stream nearly every article has several
reports of its own event, so "my best match is my event" is almost always
true; in a real stream the first report of a new event has a best match from
another event.  With the same fold models, each fold is also streamed with
its events cut down, in 30 random draws: one event of each topic cut to a
single article (the fold's topics in one stream), and every event cut to 1-4
articles with each topic streamed alone (a handful of pages, as the seeds).
Printed: B3 F1 (mean over draws) and how often an event kept as a single
article wrongly shares a cluster with another event's articles.

Speed (``--scale``).  Synthetic news-length articles (those of
benchmarks/web.py: paragraphs of the seed pages with each topic's invented
names and words) go through the event + entity + quote stage: quotes per
article, events through one EventStream, entities over all articles.  Each
scale runs in its own process; printed: articles per second of each part and
of the whole, the stream's cost per article over its first and last thousand
articles (flat = the same), the process's peak memory, and the CPU time per
article of each part.

How realistic the scale corpus is.  Articles are news-length (a lede, 3-6
paragraphs, a quote) and 10% are near copies of a recent article, but: every
paragraph is one of the 50 long paragraphs of the five seed pages with every
third word replaced (by a topic word, one of 463 seed words or an invented
name), so all articles share one small vocabulary; names are 2-3 of 23
syllables (12,696 possible), so at 100k articles the 8,333 topics' 58,331
names and words drawn from them collide and unrelated topics share names; and a
topic's ~12 articles are spread uniformly over the whole stream, where the
reports of a real event come in a burst.  So events keep growing as the
stream goes on (until the window is full), which a real stream does not do,
and the local re-clustering at each arrival grows denser with them: the
events' cost per article rises on this corpus for reasons other than the size
of the store.  Copies go through the stream too (the analysis leaves them
out).  The figures are comparable from one version to the next, not a
measure of a real stream.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storydesk.analysis.events import EventOptions, cluster_events, train_pair_model  # noqa: E402
from storydesk.analysis.eventstream import StreamOptions, cluster_stream, train_stream_model  # noqa: E402
from storydesk.records import Article, DateValue  # noqa: E402
from storydesk.temporal.published import date_text_page  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DATA = Path(__file__).resolve().parents[1] / "src" / "storydesk" / "data"
PACKAGED = {"batch": DATA / "eventpairs.lgb.txt", "stream": DATA / "eventstream.lgb.txt"}
TRAIN = {"batch": train_pair_model, "stream": train_stream_model}
ORDERS = ["file", "random1", "random2", "random3", "random4", "random5", "date"]


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for d in pred:
        pc[pred[d]].add(d)
        gc[gold[d]].add(d)
    p = sum(len(pc[pred[d]] & gc[gold[d]]) / len(pc[pred[d]]) for d in pred) / len(pred)
    r = sum(len(pc[pred[d]] & gc[gold[d]]) / len(gc[gold[d]]) for d in pred) / len(pred)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def published(text: str) -> str | None:
    """The publication day from the header lines (URL, title, date line), as the text extractor reads it."""
    lines = [line for line in text.split("\n")[:6] if line.strip()]
    if not lines:
        return None
    crawled = lines[0].startswith("http")
    dates = date_text_page(lines, 1 if crawled else 0, 3 if crawled else 1)
    return dates.published.value if dates.published else None


def article(i: int, r: dict) -> Article:
    pub = r.get("published")
    return Article(source=r["id"], page_hash=f"{i:040d}", kind="text", text=r["text"], id=r["id"],
                   published=DateValue(pub, "header", 0.9) if pub else None)


def ordered(rows: list[dict], order: str) -> list[dict]:
    if order == "file":
        return list(rows)
    if order == "date":
        return sorted(rows, key=lambda r: (r.get("published") is None, r.get("published") or ""))
    out = list(rows)
    random.Random(int(order.removeprefix("random"))).shuffle(out)
    return out


def cluster(rows: list[dict], options: EventOptions | StreamOptions, order: str = "file") -> tuple[dict[str, str], float]:
    rows = ordered(rows, order)
    arts = [article(i, r) for i, r in enumerate(rows)]
    start = time.perf_counter()
    events = cluster_stream(arts, options) if isinstance(options, StreamOptions) else cluster_events(arts, options)
    secs = time.perf_counter() - start
    return {a: e.id for e in events for a in e.articles}, len(rows) / secs


SUBSAMPLED = {
    "singletons": "one event of each topic cut to one article, the fold's topics in one stream",
    "small": "each event cut to 1-4 articles, each topic streamed alone",
}
SUBSAMPLE_DRAWS = 30


def subsample(part: list[dict], mode: str, rng: random.Random) -> list[list[dict]]:
    """The streams of one draw: ``part``'s articles with events cut down (see SUBSAMPLED), in a random order."""
    by_topic: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in part:
        by_topic[r["topic"]][str(r["event"])].append(r)
    streams = []
    for topic in sorted(by_topic):
        events = [by_topic[topic][e] for e in sorted(by_topic[topic])]
        if mode == "singletons":
            cut = rng.randrange(len(events))
            kept = [r for k, ms in enumerate(events) for r in (rng.sample(ms, 1) if k == cut else ms)]
        else:
            kept = [r for ms in events for r in rng.sample(ms, min(len(ms), rng.randint(1, 4)))]
        rng.shuffle(kept)
        streams.append(kept)
    if mode == "singletons":
        streams = [[r for s in streams for r in s]]
        rng.shuffle(streams[0])
    return streams


def subsampled_cv(rows: list[dict], fold_of: dict[str, int], models: list[Path], options: type,
                  threshold: float, mode: str, gold: dict[str, str]) -> str:
    """CV by topic on streams whose events are cut down: B3 F1 (mean over draws) and how often an event kept
    as a single article wrongly shares its cluster (with an article of another event)."""
    f1s, joined, singles = [], 0, 0
    for draw in range(SUBSAMPLE_DRAWS):
        rng = random.Random(1000 + draw)
        pred: dict[str, str] = {}
        sub_gold: dict[str, str] = {}
        for f in range(5):
            part = [r for r in rows if fold_of[r["topic"]] == f]
            opts = options(threshold=threshold, model=str(models[f]))
            for k, stream in enumerate(subsample(part, mode, rng)):
                labels, _ = cluster(stream, opts)
                pred.update({d: f"{f}:{k}:{e}" for d, e in labels.items()})
                sub_gold.update({r["id"]: gold[r["id"]] for r in stream})
        f1s.append(bcubed(pred, sub_gold)[0])
        size = defaultdict(int)
        for d in sub_gold:
            size[sub_gold[d]] += 1
        company = defaultdict(int)
        for d in pred:
            company[pred[d]] += 1
        for d in sub_gold:
            if size[sub_gold[d]] == 1:
                singles += 1
                joined += company[pred[d]] > 1
    return (f"subsampled ({SUBSAMPLED[mode]}; {SUBSAMPLE_DRAWS} draws): B3 F1 mean {statistics.fmean(f1s):.4f} "
            f"sd {statistics.pstdev(f1s):.4f}  single-article events wrongly joined {joined}/{singles} "
            f"= {joined / max(singles, 1):.3f}")


def accuracy(args: argparse.Namespace) -> int:
    path = args.data / "clustering" / "ecbplus" / "ecbplus.jsonl"
    if not path.is_file():
        print(f"no ECB+ data at {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    for r in rows:
        r["published"] = published(r["text"])
    gold = {r["id"]: str(r["event"]) for r in rows}
    train = TRAIN[args.clusterer]
    options = StreamOptions if args.clusterer == "stream" else EventOptions
    if args.train_model:
        train(rows, PACKAGED[args.clusterer])
        print(f"wrote {PACKAGED[args.clusterer]}")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    print(f"{sum(r['published'] is not None for r in rows)} of {len(rows)} articles dated from their header")

    topics = sorted({r["topic"] for r in rows})
    random.Random(0).shuffle(topics)
    fold_of = {t: k % 5 for k, t in enumerate(topics)}
    with tempfile.TemporaryDirectory() as tmp:
        models = []
        for f in range(5):
            model = Path(tmp) / f"fold{f}.txt"
            train([r for r in rows if fold_of[r["topic"]] != f], model)
            models.append(model)
        for th in thresholds:
            scores, speeds = [], []
            for order in ORDERS:
                pred: dict[str, str] = {}
                for f in range(5):
                    part = [r for r in rows if fold_of[r["topic"]] == f]
                    labels, speed = cluster(part, options(threshold=th, model=str(models[f])), order)
                    pred.update({d: f"{f}:{e}" for d, e in labels.items()})
                    speeds.append(speed)
                scores.append(bcubed(pred, gold))
            f1s = [s[0] for s in scores]
            print(f"threshold {th:.2f}  5-fold CV by topic  B3 F1 mean {statistics.fmean(f1s):.4f} "
                  f"sd {statistics.pstdev(f1s):.4f} min {min(f1s):.4f} max {max(f1s):.4f}  "
                  f"P {statistics.fmean(s[1] for s in scores):.4f}  R {statistics.fmean(s[2] for s in scores):.4f}  "
                  f"{statistics.fmean(speeds):.0f} articles/s")
            print("    by order: " + "  ".join(f"{o} {f:.4f}" for o, f in zip(ORDERS, f1s)))
            for mode in SUBSAMPLED:
                print("    " + subsampled_cv(rows, fold_of, models, options, th, mode, gold))
    for th in thresholds:
        labels, speed = cluster(rows, options(threshold=th))
        f1, p, r = bcubed(labels, gold)
        print(f"threshold {th:.2f}  all 559, packaged model (in-sample, file order)  B3 F1 {f1:.4f}  P {p:.4f}  "
              f"R {r:.4f}  {speed:.0f} articles/s")
    return 0


def speed(n: int, seed: int) -> None:
    """One scale, in this process: the event + entity + quote stage over n synthetic articles."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from web import synthetic_articles  # benchmarks/web.py

    from storydesk.analysis.entities import find_entities
    from storydesk.analysis.eventstream import EventStream
    from storydesk.quotes import find_quotes

    arts = synthetic_articles(n, random.Random(seed))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    c0, t0 = time.process_time(), time.perf_counter()
    quotes = {a.id: find_quotes(a.text) for a in arts}
    c1, t1 = time.process_time(), time.perf_counter()
    stream = EventStream()
    marks = [time.perf_counter()]
    for k, a in enumerate(arts, 1):
        stream.add(a)
        if k % 1000 == 0:
            marks.append(time.perf_counter())
    c2, t2 = time.process_time(), time.perf_counter()
    find_entities(arts, {aid: [(q.speaker_start, q.speaker_end, q.speaker) for q in qs] for aid, qs in quotes.items()})
    c3, t3 = time.process_time(), time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    first = (marks[1] - marks[0]) if len(marks) > 1 else t2 - t1
    last = (marks[-1] - marks[-2]) if len(marks) > 1 else t2 - t1
    print(f"{n:>7} articles  quotes {n / (t1 - t0):6.0f}/s  events {n / (t2 - t1):6.0f}/s  "
          f"entities {n / (t3 - t2):6.0f}/s  whole stage {n / (t3 - t0):6.0f}/s  "
          f"events ms/article first 1k {first:.2f} last 1k {last:.2f}  "
          f"{len(stream.events())} events, {len(stream.merges)} merges  "
          f"peak memory {peak / 1024:.0f} MB (articles loaded: {base / 1024:.0f} MB)", flush=True)
    print(f"{'':>7}           CPU ms/article: quotes {1000 * (c1 - c0) / n:.2f}  events {1000 * (c2 - c1) / n:.2f}  "
          f"entities {1000 * (c3 - c2) / n:.2f}  whole stage {1000 * (c3 - c0) / n:.2f}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5")
    ap.add_argument("--train-model", action="store_true", help="retrain the packaged pair model on all dev articles")
    ap.add_argument("--clusterer", choices=["stream", "batch"], default="stream")
    ap.add_argument("--scale", help="speed instead of accuracy: comma-separated article counts")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--one-scale", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_scale:
        speed(args.one_scale, args.seed)
        return 0
    if args.scale:
        for n in (int(x) for x in args.scale.split(",")):
            subprocess.run([sys.executable, __file__, "--one-scale", str(n), "--seed", str(args.seed)], check=True)
        return 0
    return accuracy(args)


if __name__ == "__main__":
    raise SystemExit(main())
