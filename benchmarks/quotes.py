"""Direct-quote attribution on PolNeAR (dev and train), and articles per second.

    python benchmarks/quotes.py [--data ../shared/data] [--errors errors.txt] [--split dev]

``--errors`` lists direct-quote false positives (FP) and negatives (FN), and
partial quotes whose speaker is not a gold Source (PARTIAL).

Data: ``<data>/quotes/polnear/{train,dev}/text/<name>.txt`` with brat standoff
``attributions/<name>_<annotator>.ann`` (Source, Cue, Content spans joined by an
``Attribution`` event).  Where an article has several annotators, the first
annotation file in sorted order is used.

Metric (one figure per split):

* Gold direct quotes are ``Attribution`` events that have a Source and whose
  Content is wholly inside quote marks: every Content fragment (brat spans may
  be discontinuous, ``Content2`` arguments are added), trimmed of whitespace,
  must begin with an opening quote mark or follow one directly, must end with a
  closing mark (optionally followed by punctuation) or be followed by one, and
  must contain no other double quote mark except a re-opening mark at the start
  of a continued paragraph.  So ``“I will win,”`` and ``"Out, out, out!"`` are
  direct, ``called it a “devil’s deal”`` and ``that “...”`` are not.
  Attributions without a Source (``Attribution-no-source``) are not gold.
* Predictions are the ``kind == "direct"`` quotes of ``find_quotes``.  A
  prediction is correct when it overlaps the Content of a gold direct quote and
  its speaker span overlaps that attribution's Source.  A gold direct quote is
  found when some prediction overlaps its Content with a speaker span
  overlapping its Source.  Precision = correct predictions / predictions;
  recall = found gold / gold.
* Partial quotes are reported apart: share of ``kind == "partial"`` predictions
  that overlap the Content and Source of *any* gold attribution.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storydesk.quotes import Quote, find_quotes  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

Span = tuple[int, int]



@dataclass
class Attribution:
    content: list[Span]
    source: list[Span]
    cue: list[Span]
    has_source: bool


@dataclass
class Article:
    name: str
    text: str
    attributions: list[Attribution]
    direct: list[Attribution] = field(default_factory=list)


def parse_ann(ann: str) -> list[Attribution]:
    spans: dict[str, list[Span]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in ann.splitlines():
        if re.match(r"T\d+\t", line):
            tid, mid = line.split("\t")[:2]
            _, offsets = mid.split(" ", 1)
            spans[tid] = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        elif re.match(r"E\d+\t", line):
            _, mid = line.split("\t")[:2]
            args: dict[str, list[str]] = {}
            parts = mid.split()
            etype = parts[0].split(":")[0]
            for arg in parts[1:]:
                role, tid = arg.split(":")
                args.setdefault(re.sub(r"\d+$", "", role), []).append(tid)
            events.append((etype, args))
    out = []
    for etype, args in events:
        if not etype.startswith("Attribution"):
            continue
        get = lambda role: [f for t in args.get(role, []) if t in spans for f in spans[t]]  # noqa: E731
        source = get("Source")
        out.append(Attribution(get("Content"), source, get("Cue"), bool(source)))
    return out


_MARK = re.compile(r"''|``|[“”\"„«»]")
_OPENING = ("“", "„", "«", "``")
_CLOSING = ("”", "»")


def _fragment_quoted(text: str, s: int, e: int) -> bool | None:
    """Whether ``text[s:e]`` lies wholly inside quote marks (None: no letters, ignored).

    The quote state is tracked with a small state machine from the start of the
    paragraph: “ „ « `` open, ” » close, and the ambiguous " and '' toggle.
    Every letter or digit of the fragment must be inside a quote.
    """
    seg = text[s:e].strip()
    if not re.search(r"\w", seg):
        return None
    if re.fullmatch(r"[‘'][^“”\"„«»]*[’'][.,;:!?]*", seg):
        return True  # wholly in (outer) single quotes
    para = text.rfind("\n", 0, s) + 1
    inside = False
    pos = para
    saw_inside = False
    for m in _MARK.finditer(text, para, e):
        if m.start() >= s:
            chunk = text[max(pos, s) : m.start()]
            if re.search(r"\w", chunk):
                if not inside:
                    return False
                saw_inside = True
        tok = m.group()
        inside = True if tok in _OPENING else False if tok in _CLOSING else not inside
        pos = m.end()
    chunk = text[max(pos, s) : e]
    if re.search(r"\w", chunk):
        if not inside:
            return False
        saw_inside = True
    return saw_inside


def is_direct(text: str, att: Attribution) -> bool:
    if not att.has_source or not att.content:
        return False
    flags = [f for f in (_fragment_quoted(text, s, e) for s, e in att.content) if f is not None]
    return bool(flags) and all(flags)


def load_split(root: Path, split: str) -> list[Article]:
    arts = []
    for tf in sorted((root / split / "text").glob("*.txt")):
        anns = sorted(
            a
            for a in (root / split / "attributions").glob(tf.stem + "_*.ann")
            if re.fullmatch(re.escape(tf.stem) + r"_[0-9a-f]+\.ann", a.name)
        )
        if not anns:
            continue
        text = tf.read_text(encoding="utf-8")
        atts = parse_ann(anns[0].read_text(encoding="utf-8"))
        arts.append(Article(tf.stem, text, atts, [a for a in atts if is_direct(text, a)]))
    return arts


def _overlap(a: Span, spans: list[Span]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


@dataclass
class Score:
    pred: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0
    partial: int = 0
    partial_ok: int = 0
    articles: int = 0
    seconds: float = 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        pp = self.partial_ok / self.partial if self.partial else 0.0
        return (
            f"{name:6s} articles {self.articles:4d}  gold {self.gold:5d}  pred {self.pred:5d}  "
            f"P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"| partial quotes {self.partial} (P {pp:.3f})  | {self.articles / self.seconds:.0f} articles/s"
        )


def _correct(q: Quote, atts: list[Attribution]) -> bool:
    if q.speaker_start is None or q.speaker_end is None:
        return False
    sp = (q.speaker_start, q.speaker_end)
    return any(_overlap((q.start, q.end), a.content) and _overlap(sp, a.source) for a in atts)


def evaluate(arts: list[Article], errors: list[str] | None = None) -> Score:
    score = Score(articles=len(arts))
    for art in arts:
        t0 = time.perf_counter()
        quotes = find_quotes(art.text)
        score.seconds += time.perf_counter() - t0
        direct = [q for q in quotes if q.kind == "direct"]
        partial = [q for q in quotes if q.kind == "partial"]
        score.partial += len(partial)
        score.partial_ok += sum(_correct(q, art.attributions) for q in partial)
        if errors is not None:
            for q in partial:
                if _correct(q, art.attributions):
                    continue
                gold_src = [
                    art.text[s:e]
                    for a in art.attributions
                    if a.has_source and _overlap((q.start, q.end), a.content)
                    for s, e in a.source
                ]
                why = "wrong speaker" if gold_src else "no gold attribution"
                span = art.text[q.speaker_start : q.speaker_end] if q.speaker_start is not None else ""
                ctx = art.text[max(0, q.start - 200) : q.end + 80].replace("\n", " ⏎ ")
                errors.append(
                    f"PARTIAL [{why}] {art.name}\n  pred speaker={q.speaker!r} span={span!r} cue={q.cue!r} "
                    f"quote={q.text!r} gold={gold_src}\n  …{ctx}…\n"
                )
        score.pred += len(direct)
        score.gold += len(art.direct)
        for q in direct:
            ok = _correct(q, art.direct)
            score.correct += ok
            if not ok and errors is not None:
                overlaps = any(_overlap((q.start, q.end), a.content) for a in art.direct)
                why = "wrong speaker" if overlaps else "no gold direct quote"
                gold_src = [
                    art.text[s:e] for a in art.direct if _overlap((q.start, q.end), a.content) for s, e in a.source
                ]
                ctx = art.text[max(0, q.start - 120) : q.end + 120].replace("\n", " ⏎ ")
                span = art.text[q.speaker_start : q.speaker_end]
                errors.append(
                    f"FP [{why}] {art.name}\n  pred speaker={q.speaker!r} span={span!r} cue={q.cue!r} "
                    f"gold={gold_src}\n  …{ctx}…\n"
                )
        for a in art.direct:
            hit = any(
                _overlap((q.start, q.end), a.content)
                and q.speaker_start is not None
                and _overlap((q.speaker_start, q.speaker_end or q.speaker_start), a.source)
                for q in direct
            )
            score.found += hit
            if not hit and errors is not None:
                near = [q for q in quotes if _overlap((q.start, q.end), a.content)]
                found = ", ".join(f"{q.kind} speaker={q.speaker!r}" for q in near)
                why = f"quote found, {found}" if near else "no quote"
                lo = min(s for s, _ in a.content + a.source)
                hi = max(e for _, e in a.content + a.source)
                ctx = art.text[max(0, lo - 80) : min(hi, lo + 400) + 40].replace("\n", " ⏎ ")
                src = [art.text[s:e] for s, e in a.source]
                cue = [art.text[s:e] for s, e in a.cue]
                errors.append(f"FN [{why}] {art.name}\n  gold source={src} cue={cue}\n  …{ctx}…\n")
    return score


def bench(data: Path, split: str, errors: list[str] | None = None) -> Score:
    return evaluate(load_split(data / "quotes" / "polnear", split), errors)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--errors", type=Path, help="write false positives / negatives here")
    ap.add_argument("--split", action="append", choices=["dev", "train"], help="default: dev and train")
    args = ap.parse_args()
    root = args.data / "quotes" / "polnear"
    if not root.is_dir():
        print(f"no PolNeAR data under {root}", file=sys.stderr)
        return 2
    errors: list[str] | None = [] if args.errors else None
    for split in args.split or ["dev", "train"]:
        if errors is not None:
            errors.append(f"======== {split}\n")
        print(bench(args.data, split, errors).line(split))
    if errors is not None and args.errors:
        args.errors.write_text("\n".join(errors), encoding="utf-8")
        print(f"errors written to {args.errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
