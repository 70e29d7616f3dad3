"""Scoring used by the benchmarks and the quality gate.

Extraction metric (the ScrapingHub article-extraction benchmark's own): texts
are split into ``\\w+`` words, 4-word shingles are counted, and per document
tp/fp/fn over shingles are normalised by their sum; precision and recall are
averaged over documents, F1 is computed from the two averages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PRF", "shingle_prf", "extraction_score"]

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __str__(self) -> str:
        return f"F1 {self.f1:.4f}  precision {self.precision:.4f}  recall {self.recall:.4f}"


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    words = _WORD.findall(text)
    return Counter(tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0)))


def shingle_prf(predicted: str, gold: str) -> tuple[float, float]:
    """Per-document (precision, recall) over 4-word shingles with counts."""
    pred, ref = _shingles(predicted), _shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    if not pred:
        precision = 0.0 if ref else 1.0
    else:
        precision = tp / (tp + fp)
    recall = tp / (tp + fn) if ref else 1.0
    return precision, recall


def extraction_score(pairs: Iterable[tuple[str, str]]) -> PRF:
    """Average per-document precision and recall over (predicted, gold) pairs."""
    ps: list[float] = []
    rs: list[float] = []
    for predicted, gold in pairs:
        p, r = shingle_prf(predicted, gold)
        ps.append(p)
        rs.append(r)
    if not ps:
        return PRF(0.0, 0.0)
    return PRF(sum(ps) / len(ps), sum(rs) / len(rs))
