"""Event clustering benchmark on ECB+: B-cubed precision / recall / F1 and articles per second.

    python benchmarks/events.py [--data ../shared/data] [--thresholds 0.3,0.4,0.5] [--train-model]

The pair model shipped with storydesk is trained on these development
articles, so streaming all of them with it is an in-sample figure.  The honest
figure is cross-validated: the topics are split in five folds; for each fold a
pair model is trained on the other folds' articles and the fold's articles are
clustered with it.  ``--train-model`` rewrites the
packaged model from all development articles.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storydesk.analysis.events import EventOptions, cluster_events, train_pair_model  # noqa: E402
from storydesk.records import Article  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PACKAGED = Path(__file__).resolve().parents[1] / "src" / "storydesk" / "data" / "eventpairs.lgb.txt"


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pc: dict[str, set[str]] = defaultdict(set)
    gc: dict[str, set[str]] = defaultdict(set)
    for d in pred:
        pc[pred[d]].add(d)
        gc[gold[d]].add(d)
    p = sum(len(pc[pred[d]] & gc[gold[d]]) / len(pc[pred[d]]) for d in pred) / len(pred)
    r = sum(len(pc[pred[d]] & gc[gold[d]]) / len(gc[gold[d]]) for d in pred) / len(pred)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def cluster(rows: list[dict], options: EventOptions) -> tuple[dict[str, str], float]:
    arts = [Article(source=r["id"], page_hash=f"{i:040d}", kind="text", text=r["text"], id=r["id"]) for i, r in enumerate(rows)]
    start = time.perf_counter()
    events = cluster_events(arts, options)
    secs = time.perf_counter() - start
    return {a: e.id for e in events for a in e.articles}, len(rows) / secs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--thresholds", default="0.3,0.4,0.5,0.6")
    ap.add_argument("--train-model", action="store_true", help="retrain the packaged pair model on all dev articles")
    args = ap.parse_args()
    path = args.data / "clustering" / "ecbplus" / "ecbplus.jsonl"
    if not path.is_file():
        print(f"no ECB+ data at {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    gold = {r["id"]: str(r["event"]) for r in rows}
    if args.train_model:
        train_pair_model(rows, PACKAGED)
        print(f"wrote {PACKAGED}")
    thresholds = [float(t) for t in args.thresholds.split(",")]

    topics = sorted({r["topic"] for r in rows})
    random.Random(0).shuffle(topics)
    fold_of = {t: k % 5 for k, t in enumerate(topics)}
    with tempfile.TemporaryDirectory() as tmp:
        models = []
        for f in range(5):
            model = Path(tmp) / f"fold{f}.txt"
            train_pair_model([r for r in rows if fold_of[r["topic"]] != f], model)
            models.append(model)
        for th in thresholds:
            pred: dict[str, str] = {}
            speeds = []
            for f in range(5):
                part = [r for r in rows if fold_of[r["topic"]] == f]
                labels, speed = cluster(part, EventOptions(threshold=th, model=str(models[f])))
                pred.update({d: f"{f}:{e}" for d, e in labels.items()})
                speeds.append(speed)
            f1, p, r = bcubed(pred, gold)
            print(f"threshold {th:.2f}  5-fold CV by topic  B3 F1 {f1:.4f}  P {p:.4f}  R {r:.4f}  "
                  f"{sum(speeds) / len(speeds):.0f} articles/s")
    for th in thresholds:
        labels, speed = cluster(rows, EventOptions(threshold=th))
        f1, p, r = bcubed(labels, gold)
        print(f"threshold {th:.2f}  all 559, packaged model (in-sample)  B3 F1 {f1:.4f}  P {p:.4f}  R {r:.4f}  "
              f"{speed:.0f} articles/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
