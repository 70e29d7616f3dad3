"""Copy detection: recall per kind of copy, precision, hard negatives, provenance, speed.

    python benchmarks/copies.py [--data ../shared/data] [--seed 0] [--part dev|test|both]
                                [--dates] [--errors N] [--stub] [--scale [--sizes 10000,100000]]

A labelled corpus is generated from real articles (see ``copygen.py``): every
ScrapingHub body and every ECB+ text is an original, and each source of at
least 80 words gets one ``exact``, ``near``, ``excerpt`` (truncation, middle
part, or embedded in a longer page), ``reordered`` and ``rewrite`` (spun,
English sources only) copy.  ECB+ articles of the same event are independent
reports of it: the hard negatives.  Sources are split into ``dev`` and
``test`` by a hash of their id (of the event for ECB+, so that same-event pairs
stay in one part); each part is a separate corpus, scored separately.  Tune on
dev only.

Scores (one line each):

- recall per gold kind: share of (original, copy) pairs put in one group;
- precision over all predicted same-group pairs (two copies of one original
  count as a true pair), and per predicted link kind;
- hard negatives: share of ECB+ same-event pairs put in one group.  Some
  same-event ECB+ pairs are really one wire story on two sites; pairs are
  banded by the share of the smaller text's 5-grams found in the other
  (< 0.1 independent: the scored hard negatives; 0.1-0.5 partial; >= 0.5 wire
  copies).  Families of sources that overlap by >= 0.1 (transitively), and an
  embedded excerpt's family with the article it borrowed paragraphs from, are
  neither true nor false pairs (``excused``);
- provenance: share of groups (with a majority family) whose ``original`` is
  the true original.  By default no article carries a date, so provenance is
  judged from the texts alone (an exact copy cannot be told from its original);
  ``--dates`` gives originals a publication date and most copies a later one;
- speed: articles per second of ``find_copies``; ``--scale`` times synthetic
  corpora of 10k and 100k articles, each in a fresh process, with peak memory.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Protocol

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from copygen import (  # noqa: E402
    COPY_KINDS,
    Doc,
    Source,
    build_corpus,
    containment,
    jaccard,
    load_sources,
    shingles,
    stable_int,
    synthetic_corpus,
)
from storydesk.records import Article, DateValue  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
EXCUSED_OVERLAP = 0.1
"""Sources sharing at least this share of the smaller one's 5-grams are not scored against each other."""
WIRE_OVERLAP = 0.5


# --------------------------------------------------------------------------- detector interface


class Link(Protocol):
    original: str
    copy: str
    kind: str
    score: float


class Group(Protocol):
    id: str
    members: list[str]
    original: str
    kinds: dict[str, str]
    links: Sequence[Link]


Detector = Callable[[list[Article]], Sequence[Group]]


LAST_STATS: Counter[str] = Counter()
"""What the last run of the real detector counted (candidate pairs verified, links by kind)."""


def real_detector() -> Detector:
    from storydesk.analysis.copies import find_copies

    def detect(articles: list[Article]) -> Sequence[Group]:
        LAST_STATS.clear()
        return find_copies(articles, stats=LAST_STATS)  # type: ignore[return-value]

    return detect


@dataclass(slots=True)
class _StubLink:
    original: str
    copy: str
    kind: str
    score: float


@dataclass(slots=True)
class _StubGroup:
    id: str
    members: list[str]
    original: str
    kinds: dict[str, str]
    links: list[_StubLink] = field(default_factory=list)


def stub_detector(articles: list[Article]) -> list[_StubGroup]:
    """A minimal stand-in (``--stub``): exact hashes, then 5-gram resemblance / containment; no rewrites."""
    n = len(articles)
    sets = [{hash(s) for s in shingles(a.text)} for a in articles]
    postings: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for h in s:
            postings[h].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in postings.values():
        if 1 < len(docs) <= 50:
            for x, a in enumerate(docs):
                for b in docs[x + 1 :]:
                    shared[(a, b)] += 1
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links: list[tuple[int, int, str, float]] = []
    by_hash: dict[str, int] = {}
    for i, a in enumerate(articles):
        if a.text_hash in by_hash:
            links.append((by_hash[a.text_hash], i, "exact", 1.0))
        by_hash.setdefault(a.text_hash, i)
    for (a, b), k in shared.items():
        if k < 3:
            continue
        small, large = (a, b) if len(sets[a]) <= len(sets[b]) else (b, a)
        res, cont = k / len(sets[a] | sets[b]), k / max(len(sets[small]), 1)
        if res >= 0.5:
            links.append((large, small, "near", res))
        elif cont >= 0.7:
            links.append((large, small, "excerpt", cont))
    for x, y, _, _ in links:
        parent[find(x)] = find(y)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[find(i)].append(i)
    groups = []
    for root, idx in members.items():
        if len(idx) < 2:
            continue
        orig = max(idx, key=lambda i: len(articles[i].text))
        glinks = [_StubLink(articles[x].id, articles[y].id, k, s) for x, y, k, s in links if find(x) == root]
        kinds = {articles[i].id: "near" for i in idx} | {articles[orig].id: "original"}
        ids = [articles[i].id for i in idx]
        groups.append(_StubGroup(f"g{len(groups) + 1}", ids, articles[orig].id, kinds, glinks))
    return groups


# --------------------------------------------------------------------------- corpus -> articles


def page_hash(seed: int, key: str) -> str:
    return hashlib.sha1(f"copies-benchmark|{seed}|{key}".encode()).hexdigest()


def to_articles(docs: Sequence[Doc], seed: int, dates: bool) -> list[Article]:
    """Articles without metadata (``--dates``: originals dated, copies mostly dated later, some undated)."""
    out = []
    for d in docs:
        h = page_hash(seed, d.key)
        published = None
        if dates:
            base = date(2010, 1, 1) + timedelta(days=stable_int("date", d.origin) % 3000)
            r = stable_int("lag", seed, d.key)
            if d.kind == "original":
                day = base if r % 10 else None
            else:
                day = None if r % 5 == 0 else base + timedelta(days=(r >> 8) % 11)
            if day is not None:
                published = DateValue(day.isoformat(), "benchmark", 0.9)
        out.append(
            Article(
                source="benchmark:copies", page_hash=h, kind="text", text=d.text, title=None, id="a" + h[:12],
                published=published,
            )
        )
    return out


# --------------------------------------------------------------------------- gold


@dataclass(slots=True)
class Gold:
    """The labels of a generated corpus, keyed by article id, and the source pairs not to score."""

    docs: list[Doc]
    ids: list[str]
    """Article id of each doc."""
    family: dict[str, str] = field(default_factory=dict)
    """Article id -> source id it derives from."""
    kind: dict[str, str] = field(default_factory=dict)
    variant: dict[str, str] = field(default_factory=dict)
    original: dict[str, str] = field(default_factory=dict)
    """Source id -> article id of the original."""
    overlap: dict[frozenset[str], float] = field(default_factory=dict)
    """Natural overlap of two sources: share of the smaller one's 5-grams found in the other."""
    excused: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def build(cls, docs: list[Doc], ids: list[str]) -> Gold:
        g = cls(docs, ids)
        for d, i in zip(docs, ids):
            g.family[i] = d.origin
            g.kind[i] = d.kind
            g.variant[i] = d.variant
            if d.kind == "original":
                g.original[d.origin] = i
        originals = [d for d in docs if d.kind == "original"]
        g.overlap = source_overlaps(originals)
        # Sources that overlap naturally (wire stories and their versions), transitively: a
        # detector may chain A ~ B ~ C; and an embedded excerpt's family with its donor's.
        parent = {d.key: d.key for d in originals}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for pair, c in g.overlap.items():
            if c >= EXCUSED_OVERLAP:
                a, b = pair
                parent[find(a)] = find(b)
        clusters: dict[str, list[str]] = defaultdict(list)
        for key in parent:
            clusters[find(key)].append(key)
        for members in clusters.values():
            g.excused |= {frozenset((a, b)) for x, a in enumerate(members) for b in members[x + 1 :]}
        g.excused |= {frozenset((d.origin, d.donor)) for d in docs if d.donor}
        return g


def source_overlaps(originals: Sequence[Doc]) -> dict[frozenset[str], float]:
    """5-gram containment (of the smaller in the larger) for every pair of sources sharing any 5-gram."""
    sets = [shingles(d.text) for d in originals]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        for sh in s:
            postings[sh].append(i)
    pairs: set[tuple[int, int]] = set()
    for docs in postings.values():
        for x, a in enumerate(docs):
            pairs.update((a, b) for b in docs[x + 1 :])
    out = {}
    for a, b in pairs:
        small, large = sorted((sets[a], sets[b]), key=len)
        out[frozenset((originals[a].key, originals[b].key))] = containment(small, large)
    return out


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Report:
    """Printed lines, one per score."""

    lines: list[str] = field(default_factory=list)

    def add(self, label: str, value: str) -> None:
        self.lines.append(f"  {label:<44} {value}")


def _share(hit: int, total: int) -> str:
    return f"{hit / total:.3f}  ({hit}/{total})" if total else "n/a  (0 pairs)"


def score(gold: Gold, groups: Sequence[Group], errors: int = 0) -> Report:
    """All the scores of one corpus (see the module docstring); ``errors`` > 0 also lists examples."""
    rep = Report()
    group_of: dict[str, int] = {}
    for n, g in enumerate(groups):
        for m in g.members:
            group_of[m] = n

    def together(a: str, b: str) -> bool:
        return a in group_of and group_of.get(b) == group_of[a]

    # recall per gold kind (and per excerpt variant, per corpus)
    missed: dict[str, list[str]] = defaultdict(list)
    for kind in COPY_KINDS:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for i in gold.ids:
            if gold.kind[i] != kind:
                continue
            fam = gold.family[i]
            ok = together(gold.original[fam], i)
            for key in ("all", fam.split(":")[0], gold.variant[i] or "-"):
                totals[key] += 1
                hits[key] += ok
            if not ok:
                missed[kind].append(i)
        detail = ", ".join(f"{k} {hits[k] / totals[k]:.2f}" for k in ("sh", "ecb") if totals[k])
        if kind == "excerpt":
            variants = ("truncation", "middle", "embedded")
            detail += "; " + ", ".join(f"{v} {hits[v] / totals[v]:.2f}" for v in variants if totals[v])
        rep.add(f"recall {kind}", f"{_share(hits['all'], totals['all'])}   [{detail}]")

    # precision over predicted same-group pairs, counted per family
    tp = fp = excused = mixed = 0
    fp_examples: list[tuple[str, str]] = []
    for g in groups:
        fams = Counter(gold.family[m] for m in g.members)
        total = len(g.members) * (len(g.members) - 1) // 2
        pos = sum(c * (c - 1) // 2 for c in fams.values())
        exc = sum(fams[a] * fams[b] for a in fams for b in fams if a < b and frozenset((a, b)) in gold.excused)
        tp += pos
        excused += exc
        fp += total - pos - exc
        mixed += total - pos - exc > 0
        if total - pos - exc and len(fp_examples) < errors:
            fl = sorted(fams)
            fp_examples.extend(
                (a, b) for x, a in enumerate(fl) for b in fl[x + 1 :] if frozenset((a, b)) not in gold.excused
            )
    rep.add("precision (same-group pairs)", f"{_share(tp, tp + fp)}   [{excused} pairs excused]")
    sizes = sorted((len(g.members) for g in groups), reverse=True)
    rep.add(
        "groups",
        f"{len(groups)}; {mixed} join unrelated sources; largest {', '.join(map(str, sizes[:3])) or '-'} members",
    )

    # precision per predicted link kind, and gold kind -> predicted kind on original-copy links
    link_ok: Counter[str] = Counter()
    link_all: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    for g in groups:
        for lk in g.links:
            fa, fb = gold.family.get(lk.original), gold.family.get(lk.copy)
            if fa is None or fb is None:
                continue
            if fa != fb and frozenset((fa, fb)) in gold.excused:
                continue
            link_all[lk.kind] += 1
            link_ok[lk.kind] += fa == fb
            if fa == fb:
                pair_kinds = {gold.kind[lk.original], gold.kind[lk.copy]}
                if "original" in pair_kinds and len(pair_kinds) == 2:
                    confusion[(pair_kinds - {"original"}).pop()][lk.kind] += 1
    for kind in ("exact", "near", "excerpt", "rewrite"):
        rep.add(f"precision of {kind} links", _share(link_ok[kind], link_all[kind]))
    other = sorted(set(link_all) - {"exact", "near", "excerpt", "rewrite"})
    for kind in other:
        rep.add(f"precision of {kind} links (unknown kind)", _share(link_ok[kind], link_all[kind]))
    conf = "; ".join(
        f"{k}: " + " ".join(f"{p}={c}" for p, c in confusion[k].most_common()) for k in COPY_KINDS if confusion[k]
    )
    rep.add("link kinds (gold: predicted)", conf or "-")

    # hard negatives: ECB+ same-event pairs of originals, banded by natural overlap
    bands: dict[str, list[int]] = {"independent": [0, 0], "partial": [0, 0], "wire": [0, 0]}
    hard_examples: list[tuple[str, str]] = []
    ecb = sorted((d for d in gold.docs if d.kind == "original" and d.corpus == "ecbplus"), key=lambda d: d.key)
    by_event: dict[str, list[Doc]] = defaultdict(list)
    for d in ecb:
        by_event[d.event or ""].append(d)
    for docs in by_event.values():
        for x, a in enumerate(docs):
            for b in docs[x + 1 :]:
                ov = gold.overlap.get(frozenset((a.key, b.key)), 0.0)
                band = "independent" if ov < EXCUSED_OVERLAP else "partial" if ov < WIRE_OVERLAP else "wire"
                hit = together(gold.original[a.key], gold.original[b.key])
                bands[band][0] += hit
                bands[band][1] += 1
                if hit and band == "independent" and len(hard_examples) < errors:
                    hard_examples.append((a.key, b.key))
    rep.add(
        "hard negatives grouped (target <= 0.01)", _share(*bands["independent"]) + "   [ECB+ same event, overlap < 0.1]"
    )
    rep.add("  same event, partial overlap 0.1-0.5", _share(*bands["partial"]) + "   [not scored]")
    rep.add("  same event, wire copies (overlap >= 0.5)", _share(*bands["wire"]) + "   [not scored; real copies]")

    # provenance
    judged = right = absent = 0
    wrong_examples: list[str] = []
    chosen: Counter[str] = Counter()
    copies_of = Counter(gold.family[i] for i in gold.ids if gold.kind[i] != "original")
    for g in groups:
        fams = Counter(gold.family[m] for m in g.members)
        fam, count = fams.most_common(1)[0]
        if count * 2 <= len(g.members) or not copies_of[fam]:
            continue
        judged += 1
        truth = gold.original[fam]
        right += g.original == truth
        absent += truth not in g.members
        if g.original != truth:
            label = gold.kind.get(g.original, "?")
            if gold.family.get(g.original) != fam:
                label = "other article"
            elif gold.variant.get(g.original):
                label += "/" + gold.variant[g.original]
            chosen[label] += 1
            if len(wrong_examples) < errors:
                wrong_examples.append(f"{fam}: chose {label} {g.original}")
    rep.add(
        "provenance (group original is the true one)",
        f"{_share(right, judged)}   [wrong picks: {', '.join(f'{k} {v}' for k, v in chosen.most_common()) or '-'}; "
        f"true original not in group: {absent}]",
    )

    if errors:
        for kind in COPY_KINDS:
            for i in missed[kind][:errors]:
                rep.lines.append(f"    missed {kind:<9} {gold.family[i]}  {gold.variant[i]}")
        for a, b in fp_examples[:errors]:
            rep.lines.append(f"    false pair: {a}  ~  {b}  (overlap {gold.overlap.get(frozenset((a, b)), 0.0):.2f})")
        for a, b in hard_examples:
            rep.lines.append(f"    hard negative grouped: {a}  ~  {b}")
        for line in wrong_examples:
            rep.lines.append(f"    provenance wrong: {line}")
    return rep


def corpus_stats(docs: Sequence[Doc]) -> str:
    """Mean 5-gram Jaccard and containment of each copy kind with its original."""
    text = {d.key: d.text for d in docs if d.kind == "original"}
    jac: dict[str, list[float]] = defaultdict(list)
    con: dict[str, list[float]] = defaultdict(list)
    for d in docs:
        if d.kind == "original":
            continue
        a, b = shingles(text[d.origin]), shingles(d.text)
        jac[d.kind].append(jaccard(a, b))
        con[d.kind].append(max(containment(a, b), containment(b, a)))
    return ", ".join(
        f"{k} {len(jac[k])} (J {sum(jac[k]) / len(jac[k]):.2f}, C {sum(con[k]) / len(con[k]):.2f})"
        for k in COPY_KINDS
        if jac[k]
    )


def mean_rewrite_jaccard(docs: Sequence[Doc]) -> float:
    text = {d.key: d.text for d in docs if d.kind == "original"}
    values = [jaccard(shingles(text[d.origin]), shingles(d.text)) for d in docs if d.kind == "rewrite"]
    return sum(values) / max(len(values), 1)


# --------------------------------------------------------------------------- scaling


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def scale_run(data: Path, n: int, seed: int, stub: bool) -> dict[str, Any]:
    """Generate an ``n``-article synthetic corpus and time the detector on it (run in a fresh process)."""
    sources = load_sources(data)
    t0 = time.perf_counter()
    docs = synthetic_corpus(sources, n, seed)
    gen_s = time.perf_counter() - t0
    articles = to_articles(docs, seed, dates=False)
    ids = {d.key: a.id for d, a in zip(docs, articles)}
    rss_before = _rss_mb()
    detect = stub_detector if stub else real_detector()
    t0, c0 = time.perf_counter(), time.process_time()
    groups = detect(articles)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss_after = _rss_mb()
    group_of = {m: k for k, g in enumerate(groups) for m in g.members}
    copies = [d for d in docs if d.kind != "original"]
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter(d.kind for d in copies)
    for d in copies:
        hits[d.kind] += ids[d.key] in group_of and group_of[ids[d.key]] == group_of.get(ids[d.origin])
    family = {ids[d.key]: d.origin for d in docs}
    pairs = sum(len(g.members) * (len(g.members) - 1) // 2 for g in groups)
    true_pairs = sum(c * (c - 1) // 2 for g in groups for c in Counter(family[m] for m in g.members).values())
    return {"n": len(articles), "gen_s": gen_s, "secs": secs, "cpu": cpu, "rss_before": rss_before, "rss_after": rss_after,
            "copies": len(copies), "found": sum(hits.values()), "groups": len(groups), "pairs": pairs,
            "true_pairs": true_pairs, "recall": {k: hits[k] / totals[k] for k in COPY_KINDS if totals[k]}}


def run_scale(data: Path, sizes: Sequence[int], seed: int, stub: bool) -> None:
    print("scaling (synthetic corpora with ~3% copies, see copygen.synthetic_corpus; each size in a fresh process;"
          " peak RSS includes the corpus)")
    results = []
    for n in sizes:
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            r = pool.submit(scale_run, data, n, seed, stub).result()
        results.append(r)
        print(
            f"  {r['n']:>7} articles: find_copies {r['secs']:7.1f} s ({r['n'] / r['secs']:6.0f} articles/s; "
            f"CPU {r['cpu']:.1f} s); "
            f"peak RSS {r['rss_after']:6.0f} MB ({r['rss_after'] - r['rss_before']:+.0f} MB during find_copies); "
            f"corpus generated in {r['gen_s']:.1f} s; copy recall {r['found'] / max(r['copies'], 1):.3f} "
            f"({r['found']}/{r['copies']}); {r['groups']} groups, "
            f"pair precision {r['true_pairs'] / max(r['pairs'], 1):.3f}",
            flush=True,
        )
        print("           recall per kind: " + ", ".join(f"{k} {v:.2f}" for k, v in r["recall"].items()))
    if len(results) >= 2:
        a, b = results[0], results[-1]
        ratio = (b["secs"] / b["n"]) / (a["secs"] / a["n"])
        cpu_ratio = (b["cpu"] / b["n"]) / (a["cpu"] / a["n"])
        # CPU time too: on a shared machine the wall-clock ratio mostly measures the other jobs
        print(
            f"  time per article {b['n'] // 1000}k / {a['n'] // 1000}k: {ratio:.2f} wall-clock, {cpu_ratio:.2f} CPU"
            "  (1.0 = linear)"
        )


# --------------------------------------------------------------------------- main


def bench_part(sources: Sequence[Source], part: str, args: argparse.Namespace, detect: Detector) -> None:
    mine = [s for s in sources if s.part == part]
    t0 = time.perf_counter()
    docs = build_corpus(mine, args.seed)
    articles = to_articles(docs, args.seed, args.dates)
    gold = Gold.build(docs, [a.id for a in articles])
    gen_s = time.perf_counter() - t0
    n_copies = sum(d.kind != "original" for d in docs)
    n_sh = sum(s.corpus == "scrapinghub" for s in mine)
    print(
        f"[{part}] {len(docs)} articles: {len(mine)} originals ({n_sh} ScrapingHub, {len(mine) - n_sh} ECB+), "
        f"{n_copies} copies; generated in {gen_s:.1f} s"
    )
    print(f"  copies vs original, 5-gram Jaccard / containment: {corpus_stats(docs)}")
    rj = mean_rewrite_jaccard(docs)
    verdict = "ok" if rj < 0.3 else "TOO HIGH"
    print(f"  rewrite 5-shingle Jaccard with the original: mean {rj:.3f} ({verdict}: target < 0.3)")
    t0 = time.perf_counter()
    groups = detect(articles)
    secs = time.perf_counter() - t0
    rep = score(gold, groups, args.errors)
    print("\n".join(rep.lines))
    print(f"  {'speed':<44} {len(articles) / secs:.0f} articles/s ({secs:.2f} s, {len(groups)} groups)")
    if LAST_STATS:
        verified = sum(v for k, v in LAST_STATS.items() if k.startswith("pairs:"))
        n = len(articles)
        detail = ", ".join(f"{k[6:]} {v}" for k, v in sorted(LAST_STATS.items()) if k.startswith("pairs:"))
        print(f"  {'candidate pairs verified':<44} {verified} ({detail}): {verified / secs:.0f} pairs/s; "
              f"{n * (n - 1) // 2} pairs in all, {n * (n - 1) / 2 / secs:.0f} pairs/s covered")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--part", choices=("dev", "test", "both"), default="both")
    ap.add_argument(
        "--dates", action="store_true", help="give originals a publication date and most copies a later one"
    )
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="print up to N misses and false pairs per item")
    ap.add_argument("--stub", action="store_true", help="score a minimal built-in detector instead of storydesk's")
    ap.add_argument("--scale", action="store_true", help="also time synthetic corpora (see --sizes)")
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes for --scale")
    args = ap.parse_args(argv)
    if not (args.data / "extraction" / "scrapinghub").is_dir() or not (args.data / "clustering" / "ecbplus").is_dir():
        print(f"no benchmark data under {args.data}", file=sys.stderr)
        return 2
    detect: Detector = stub_detector if args.stub else real_detector()  # type: ignore[assignment]
    print(f"copy detector: {'stub (--stub)' if args.stub else 'storydesk.analysis.copies.find_copies'}; "
          f"seed {args.seed}; dates {'on' if args.dates else 'off'}")
    sources = load_sources(args.data)
    for part in ("dev", "test") if args.part == "both" else (args.part,):
        bench_part(sources, part, args, detect)
    if args.scale:
        run_scale(args.data, [int(s) for s in re.split(r"[,\s]+", args.sizes.strip()) if s], args.seed, args.stub)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
