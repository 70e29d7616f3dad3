"""Copies, rewrites and the original source.

News is republished everywhere, and counting copies as corroboration is the
classic error of aggregators.  This stage finds, among the clean articles:

- **exact** copies: the same normalised body;
- **near** copies: the same text with small edits, other boilerplate, reordered
  paragraphs (high resemblance of their word 5-gram sets);
- **excerpts**: one body inside another (truncations, excerpts, copies with
  extra paragraphs): high *containment* of the smaller 5-gram set;
- **rewrites**: the same source text retold in changed words (paraphrased
  sentences, paragraphs moved, headings and filler added).  A rewrite keeps
  most of its source's sentences recognisable: at least half of the shorter
  text's sentences (and three) match a sentence of the other one to one, with
  a Dice coefficient of content-word stems of 0.5 once the names every report
  of the event repeats are set aside.  Independent reports of the same event
  share facts and names, but few sentences that close.  Order is not needed
  (spinners move paragraphs); a looser paraphrase that keeps no sentence
  nearly intact is accepted when most of its sentences follow the source's in
  order.

Candidate retrieval never compares all pairs.  Near copies are found by
MinHash LSH over the word 5-grams of the clean bodies (signatures from rensa;
32 bands of 4 rows, so a pair with resemblance 0.6 meets in some band with
probability 0.99), verified by the signatures' estimated resemblance.  LSH
buckets have no size limit, so a wire story republished by hundreds of
outlets still forms one group.  MinHash estimates resemblance, not
containment: an excerpt holding a fifth of an article has a resemblance near
0.2 with it, so excerpts are found separately.  For that, each document
keeps the 5-grams whose hash falls in a fixed 1/8 of the hash space
(content-defined sampling, so an excerpt's sample is a subset of its
original's); the pairs that share several are found by sorting all samples
(numpy, flat memory), one representative per group of near copies.  For rewrites, the candidates are the pairs that share
some 5-grams (spun text keeps many runs of five words) or many names and
numbers (capitalised words and digits, which paraphrase keeps), compared one
group of copies to another so that an article's own copies do not crowd out
its rewrite.  Keys held by more documents than a cap (phrases every page has)
are ignored, which keeps the cost per article flat.

Provenance: in each group of copies the likely original is the member with the
earliest reliable publication date; without dates, the one that looks like the
source (it contains the others, carries attributions such as "KCNA said" or a
wire credit, direct quotes rather than reported speech, no filler headings).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from ..records import Article
from ..temporal.published import iso_day
from ._text import STOP_WORDS
from ._unionfind import UnionFind

__all__ = ["CopyGroup", "CopyLink", "CopyOptions", "align_sentences", "find_copies"]

_WORD = re.compile(r"\w+")
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
"""Words, and each Chinese or Japanese character (written without spaces, a sentence would be one word)."""
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|\n|$)")
_NAMEISH = re.compile(r"\b(?:[A-Z][\w’'-]{2,}|\d[\d,.]*\d|\d)")
_ATTRIBUTION = re.compile(
    r"\b(said|says|told|according to|reported|stated)\b|\((?:AP|AFP|Reuters|dpa|Xinhua|Yonhap|KCNA)\)|"
    r"\b(AFP|Reuters|Associated Press|KCNA|Xinhua|Yonhap|TASS|news agency)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[“\"][^”\"]{12,}[”\"]")
_FILLER = re.compile(
    r"\b(in this article|we will (delve|explore|discuss|look)|let'?s (dive|take a look)|in conclusion|"
    r"remains? to be seen|it is worth noting|significant implications)\b",
    re.IGNORECASE,
)
_STOP = STOP_WORDS


@dataclass(frozen=True, slots=True)
class CopyOptions:
    sample_mod: int = 8
    """Keep the 5-grams whose hash is 0 modulo this (content-defined 1/8 sample)."""
    max_postings: int = 60
    """Ignore index keys shared by more documents than this (boilerplate, common names)."""
    near_resemblance: float = 0.6
    """Jaccard of sampled 5-gram sets at or above which two bodies are near copies."""
    excerpt_containment: float = 0.7
    """Share of the smaller body's sampled 5-grams found in the larger one for an excerpt."""
    min_shared_samples: int = 3
    minhash_perm: int = 128
    """MinHash signature length (near copies)."""
    lsh_bands: int = 32
    """LSH bands of the signature (rows per band: minhash_perm / lsh_bands)."""
    rewrite_min_names: int = 6
    """Names/numbers two documents must share to be aligned as a possible rewrite."""
    rewrite_candidates: int = 8
    """At most this many rewrite candidates per document (most shared names first, one per group of copies)."""
    rewrite_aligned: float = 0.5
    """Share of the document with fewer sentences whose sentences must match for a rewrite."""
    rewrite_aligned_back: float = 0.3
    """Share of the other document's sentences that must match (filler and headings dilute it)."""
    rewrite_min_sentences: int = 3
    """Matched sentences a rewrite needs however short the documents."""
    sentence_similarity: float = 0.5
    """Dice of two sentences' content-word stems (topic words left out) for them to match."""
    paraphrase_overlap: float = 0.4
    """Looser paraphrase: shared stems / stems of the smaller sentence for two sentences to align in order."""
    paraphrase_aligned: float = 0.45
    """Share of the document with fewer sentences that must align in order (with at least
    ``rewrite_min_sentences`` close matches) for a looser paraphrase."""
    paraphrase_aligned_back: float = 0.15
    paraphrase_min_sentences: int = 5
    paraphrase_max_similarity: float = 0.8
    """A looser paraphrase keeps no sentence this close (Dice) to its source's."""


@dataclass(slots=True)
class CopyLink:
    original: str
    copy: str
    kind: str
    """``exact``, ``near``, ``excerpt`` or ``rewrite``."""
    score: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    """Aligned passages: ``{"original": [start, end], "copy": [start, end], "similarity"}``."""


@dataclass(slots=True)
class CopyGroup:
    id: str
    members: list[str]
    original: str
    kinds: dict[str, str]
    """Per member: ``original`` or how it derives from the original."""
    links: list[CopyLink]
    reason: str
    """Why ``original`` was chosen."""


# --- document features -----------------------------------------------------


@dataclass(slots=True)
class _Doc:
    samples: np.ndarray
    """Sorted hashes of the sampled word 5-grams (numpy, not a set: 8 bytes a key, not ~70)."""
    names: np.ndarray
    """Sorted hashes of the names and numbers."""
    size: int = 0
    """Number of distinct 5-grams."""


_P = np.uint64(1_000_003)
_EMPTY = np.empty(0, dtype=np.uint64)
_PAIRS_PER_GROUPS = 3
"""Pairs of members tried, most similar first, before two groups of copies are judged not rewrites."""
_PAIR_BUDGET = 4_000_000
"""(pair, shared key) rows counted at once when finding the pairs that share keys (32 MB)."""


def _shingles(words: list[str], k: int = 5) -> np.ndarray:
    """Distinct hashes of the word k-grams (a text shorter than k words is one shingle)."""
    if len(words) < k:
        return np.array([zlib.crc32(" ".join(words).encode())], dtype=np.uint64) if words else _EMPTY
    # crc32, not hash(): str hashes are salted per process, and results must be reproducible.
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    acc = np.zeros(len(words) - k + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc = acc * _P + h[j : len(words) - k + 1 + j]
        acc ^= acc >> np.uint64(29)
        acc *= np.uint64(0xBF58476D1CE4E5B9)
        acc ^= acc >> np.uint64(32)
    return np.unique(acc)


def _doc(article: Article, options: CopyOptions) -> tuple[_Doc, np.ndarray]:
    """The document's sampled 5-grams and names, and all its 5-grams (for its MinHash signature)."""
    text = article.text
    words = _TOKEN.findall(text.casefold())
    names = {w.casefold().replace(",", "") for w in set(_NAMEISH.findall(text))}
    # 32-bit keys: a rare collision only adds a shared name to some pair of candidates
    keys = np.unique(np.fromiter((zlib.crc32(w.encode()) for w in names), dtype=np.uint32, count=len(names)))
    shingles = _shingles(words)
    return _Doc(shingles[shingles % np.uint64(options.sample_mod) == 0], keys, int(shingles.size)), shingles


_CHUNK = 5_000
"""Documents whose full 5-gram sets are held at once (only their signatures are kept)."""


def _documents(articles: Sequence[Article], options: CopyOptions) -> tuple[list[_Doc], np.ndarray]:
    """Each article's features, and the MinHash signatures of their 5-gram sets (one row each)."""
    from rensa import RMinHash

    docs: list[_Doc] = []
    signatures = []
    for start in range(0, len(articles), _CHUNK):
        full = []
        for a in articles[start : start + _CHUNK]:
            doc, shingles = _doc(a, options)
            docs.append(doc)
            full.append(shingles)
        offsets = np.zeros(len(full) + 1, dtype=np.uint64)
        np.cumsum([f.size for f in full], out=offsets[1:])
        flat = np.concatenate(full) if full else _EMPTY
        matrix = RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, options.minhash_perm, 17)
        signatures.append(np.array(matrix.to_rows(), dtype=np.uint32).reshape(len(full), options.minhash_perm))
    return docs, (np.vstack(signatures) if signatures else np.zeros((0, options.minhash_perm), np.uint32))


def _lsh_pairs(signatures: np.ndarray, members: Sequence[int], bands: int) -> set[tuple[int, int]]:
    """Pairs of ``members`` whose signatures agree on a whole band (LSH candidates), as (a, b) with a < b.

    Banding is done here on the signature matrix with numpy: rensa's LSH index
    takes one Python MinHash object per document, which at 100k documents
    costs more than the signatures themselves.  Each bucket gives a star (its
    first member with each other one), not all its pairs: a story copied by a
    thousand outlets is a thousand candidate pairs, not half a million.
    """
    out: set[tuple[int, int]] = set()
    if len(members) < 2:
        return out
    idx = np.asarray(sorted(members), dtype=np.int64)
    sig = signatures[idx].astype(np.uint64)
    rows = sig.shape[1] // bands
    for b in range(bands):
        key = np.zeros(len(idx), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(b * rows, (b + 1) * rows):
                key = (key ^ sig[:, r]) * np.uint64(0x100000001B3)
        order = np.argsort(key, kind="stable")
        key = key[order]
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
        sizes = np.diff(np.append(starts, key.size))
        for st, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
            head = int(idx[order[st]])
            for k in order[st + 1 : st + size].tolist():
                other = int(idx[k])
                out.add((min(head, other), max(head, other)))
    return out


def _sharing_pairs(
    keys: Sequence[np.ndarray], members: Sequence[int], cap: int, minimum: int
) -> Iterator[tuple[int, int, int]]:
    """(a, b, shared keys) for each pair a < b of ``members`` sharing at least ``minimum`` keys.

    Keys held by more than ``cap`` documents (boilerplate, common names) are
    ignored.  Done on sorted numpy arrays, not an inverted index of Python
    lists, which at 100k documents took over a gigabyte.
    """
    members = sorted(members)
    sizes = np.fromiter((keys[i].size for i in members), dtype=np.int64, count=len(members))
    if not sizes.sum():
        return
    flat = np.concatenate([keys[i] for i in members])
    order = np.argsort(flat, kind="stable")  # by key, then (stable, members ascending) by document
    flat = flat[order]
    owner = np.repeat(np.asarray(members, dtype=np.int32), sizes)[order]
    del order
    starts = np.flatnonzero(np.concatenate(([True], flat[1:] != flat[:-1])))
    del flat
    lengths = np.diff(np.append(starts, owner.size))
    n = members[-1] + 1
    # the documents holding each key, one (keys x holders) block per number of holders
    blocks = [
        owner[starts[lengths == length][:, None] + np.arange(length)]
        for length in np.unique(lengths[(lengths >= 2) & (lengths <= cap)]).tolist()
    ]
    del owner, starts, lengths
    emitted = sum(b.shape[0] * b.shape[1] * (b.shape[1] - 1) // 2 for b in blocks)
    # Pairs are counted for a range of first documents at a time, so that memory holds a bounded
    # number of (pair, key) rows whatever the corpus size.
    parts = max(1, -(-emitted // _PAIR_BUDGET))
    edges = np.linspace(0, n, parts + 1).astype(np.int64)
    for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist()):
        codes = []
        for block in blocks:
            i, j = np.triu_indices(block.shape[1], 1)
            first = block[:, i]
            mine = (first >= lo) & (first < hi)  # a block row is sorted: first < second
            codes.append(first[mine].astype(np.int64) * n + block[:, j][mine])
        pairs = np.sort(np.concatenate(codes)) if codes else _EMPTY
        del codes
        if not pairs.size:
            continue
        bounds = np.flatnonzero(np.concatenate(([True], pairs[1:] != pairs[:-1], [True])))
        counts = np.diff(bounds)
        keep = counts >= minimum
        found = pairs[bounds[:-1][keep]]
        yield from zip((found // n).tolist(), (found % n).tolist(), counts[keep].tolist())


# --- sentence alignment --------------------------------------------------------


def _stems(text: str) -> set[str]:
    """Content-word stems (first five letters: crude, but robust to inflection and cheap)."""
    return {w[:5] for w in _WORD.findall(text.casefold()) if w not in _STOP and len(w) > 2}


def _sentences(text: str) -> list[tuple[int, int, set[str]]]:
    out = []
    for m in _SENTENCE.finditer(text):
        stems = _stems(m.group())
        if len(stems) >= 4:  # headings and fragments do not count
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((start, m.end(), stems))
    return out


_Sentences = list[tuple[int, int, set[str]]]


def _sentence_pairs(sa: _Sentences, sb: _Sentences, topic_share: float = 0.15) -> list[tuple[float, float, int, int]]:
    """``(dice, overlap, i, j)`` for each sentence of ``sa`` and of ``sb`` sharing two content-word stems.

    ``dice`` is the Dice coefficient of the two sentences' stems, ``overlap`` the
    shared stems over the smaller sentence's.  Stems found in more than
    ``topic_share`` of the pair's sentences (the names every report of the event
    repeats) are left out first, so that similar sentences mean shared
    sentences, not a shared topic.
    """
    if not sa or not sb:
        return []
    df = Counter(w for _, _, st in sa for w in st) + Counter(w for _, _, st in sb for w in st)
    cut = max(3.0, topic_share * (len(sa) + len(sb)))  # a stem in one matched pair occurs twice
    topic = {w for w, c in df.items() if c > cut}
    sets_b = [st - topic for _, _, st in sb]
    # b's sentences by stem, so that each of a's sentences meets only those it shares a stem with
    where: dict[str, list[int]] = defaultdict(list)
    for j, st in enumerate(sets_b):
        for w in st:
            where[w].append(j)
    out = []
    for i, (_, _, st) in enumerate(sa):
        st = st - topic
        for j, k in Counter(j for w in st for j in where.get(w, ())).items():
            if k >= 2:
                la, lb = len(st), len(sets_b[j])
                out.append((2 * k / (la + lb), k / min(la, lb), i, j))
    return out


def _one_to_one(pairs: list[tuple[float, float, int, int]], threshold: float) -> list[tuple[int, int, float]]:
    """Sentence matches with Dice >= ``threshold``, each sentence at most once (most similar first), by ``i``.

    Dice, not overlap with the smaller sentence: a short sentence is not
    "contained" in every long one that mentions its few words, which is how
    independent reports of one event resemble each other.  Order is not
    required: spinners move paragraphs.
    """
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for dice, _, i, j in sorted((p for p in pairs if p[0] >= threshold), key=lambda p: (-p[0], p[2], p[3])):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((i, j, dice))
    return sorted(out)


def _in_order(pairs: list[tuple[float, float, int, int]], threshold: float) -> int:
    """The most sentence pairs with overlap >= ``threshold`` that keep the order of both texts.

    A looser paraphrase (a rewrite that retells each sentence, keeping only a
    few of its words) is recognised by following its source sentence by sentence.
    """
    by_i: dict[int, list[int]] = defaultdict(list)
    for _, overlap, i, j in pairs:
        if overlap >= threshold:
            by_i[i].append(j)
    # Longest chain increasing in both i and j (patience sorting; a row's js descending so that
    # one sentence of a is used once).
    import bisect

    tails: list[int] = []
    for i in sorted(by_i):
        for j in sorted(by_i[i], reverse=True):
            pos = bisect.bisect_left(tails, j)
            if pos == len(tails):
                tails.append(j)
            else:
                tails[pos] = j
    return len(tails)


def align_sentences(a: str, b: str, threshold: float = 0.5) -> tuple[float, list[dict[str, Any]]]:
    """Match the sentences of ``a`` (the copy) one to one with those of ``b`` (see :func:`_one_to_one`).

    Returns the share of ``a``'s sentences matched and the matched pairs with
    character spans in both texts, in ``a``'s order.
    """
    sa, sb = _sentences(a), _sentences(b)
    kept = _one_to_one(_sentence_pairs(sa, sb), threshold)
    pairs = [
        {"original": [sb[j][0], sb[j][1]], "copy": [sa[i][0], sa[i][1]], "similarity": round(sim, 3)}
        for i, j, sim in kept
    ]
    return len(kept) / max(len(sa), 1), pairs


# --- provenance ------------------------------------------------------------------


def _source_score(article: Article) -> float:
    """How much an article reads like a source rather than a derivative."""
    text = article.text
    n = max(len(_sentences(text)), 1)
    lines = [line for line in text.split("\n") if line.strip()]
    headings = sum(1 for line in lines if len(line.split()) <= 12 and not line.rstrip().endswith((".", "”", '"')))
    return (
        len(_ATTRIBUTION.findall(text)) / n
        + len(_QUOTE.findall(text)) / n
        - len(_FILLER.findall(text)) / n
        - headings / max(len(lines), 1)
    )


def _choose_original(members: list[Article], centrality: dict[str, float]) -> tuple[Article, str]:
    dated = [
        (d, a) for a in members if a.published and a.published.confidence >= 0.5 and (d := iso_day(a.published.value))
    ]
    if dated:
        first: tuple[date, Article] = min(dated, key=lambda x: x[0])
        if sum(1 for d, _ in dated if d == first[0]) == 1:
            return first[1], f"earliest publication date ({first[0].isoformat()})"
    # Every copy was made from the original, not from each other: the original
    # is the member most strongly linked to all the others.
    best = max(members, key=lambda a: (round(centrality.get(a.id, 0.0), 2), _source_score(a)))
    runner_up = max((centrality.get(a.id, 0.0) for a in members if a is not best), default=0.0)
    if centrality.get(best.id, 0.0) - runner_up >= 0.05:
        return best, "closest to all the other copies"
    return best, "reads most like the source (attributions, direct quotes, no filler)"


# --- the stage ---------------------------------------------------------------------


def _rewrite_score(sa: _Sentences, sb: _Sentences, options: CopyOptions) -> float | None:
    """Share of the shorter text's sentences matched if one text rewrites the other, else None."""
    few, many = sorted((len(sa), len(sb)))
    if few == 0:
        return None
    pairs = _sentence_pairs(sa, sb)
    close = _one_to_one(pairs, options.sentence_similarity)
    matched = len(close)
    # A rewrite changes the words of most sentences it keeps; passages shared unchanged
    # (a wire paragraph, a quoted statement) were weighed as 5-grams already.
    if 2 * sum(1 for *_, sim in close if sim < 1.0) < matched:
        return None
    if matched >= max(
        options.rewrite_min_sentences, options.rewrite_aligned * few, options.rewrite_aligned_back * many
    ):
        return matched / few
    # A looser paraphrase: some sentences still close, and most follow the source in order.  It
    # retells every sentence; texts that keep some sentences nearly intact but too few for the rule
    # above share passages (two edits of one wire story), which is not what this branch is for.
    if matched < options.rewrite_min_sentences or any(sim >= options.paraphrase_max_similarity for *_, sim in close):
        return None
    chain = _in_order(pairs, options.paraphrase_overlap)
    need = max(
        options.paraphrase_min_sentences, options.paraphrase_aligned * few, options.paraphrase_aligned_back * many
    )
    return chain / few if chain >= need else None


def find_copies(
    articles: Sequence[Article], options: CopyOptions | None = None, stats: Counter[str] | None = None
) -> list[CopyGroup]:
    """Group articles that are copies of one another; each group names its likely original.

    ``stats``, if given, counts the work done: candidate pairs verified at each step and links found by kind.
    """
    options = options or CopyOptions()
    stats = stats if stats is not None else Counter()
    n = len(articles)
    docs, signatures = _documents(articles, options)
    links: list[tuple[int, int, str, float]] = []  # (larger/other, smaller/copy, kind, score)

    # 1. exact copies
    by_hash: dict[str, int] = {}
    exact_of: dict[int, int] = {}
    for i, a in enumerate(articles):
        h = a.text_hash
        if h in by_hash:
            exact_of[i] = by_hash[h]
            links.append((by_hash[h], i, "exact", 1.0))
        else:
            by_hash[h] = i
    reps = [i for i in range(n) if i not in exact_of]

    # 2. near copies: MinHash LSH candidates, verified by the signatures' estimated resemblance
    samples = [d.samples for d in docs]
    uf = UnionFind(n)
    near_pairs: set[tuple[int, int]] = set()
    for a, b in sorted(_lsh_pairs(signatures, reps, options.lsh_bands)):
        stats["pairs:lsh"] += 1
        resemblance = float(np.mean(signatures[a] == signatures[b]))
        if resemblance >= options.near_resemblance:
            large, small = (a, b) if docs[a].size >= docs[b].size else (b, a)
            # |A n B| = J (|A| + |B|) / (1 + J): a copy that is wholly inside a clearly longer text is
            # a truncation (an excerpt), even when the two are alike enough to be near copies.
            inter = resemblance * (docs[a].size + docs[b].size) / (1.0 + resemblance)
            containment = inter / max(docs[small].size, 1)
            truncated = containment >= 0.9 and docs[small].size <= 0.8 * docs[large].size
            links.append((large, small, "excerpt" if truncated else "near", containment if truncated else resemblance))
            near_pairs.add((a, b))
            uf.union(a, b)

    # 3. excerpts (and near copies LSH missed): shared sampled 5-grams.
    # Pairs sharing some 5-grams but too few for a near copy: a spun rewrite keeps many runs of
    # five words, so these are its best candidates, whatever names its source shares with others.
    some_shared: dict[tuple[int, int], int] = {}
    # Every pair found here counts for provenance (LSH gives a bucket as a star, which says which
    # member came first, not which one the others were copied from), also when LSH found it first.
    strength: list[tuple[int, int, str, float]] = []
    for a, b, _ in _sharing_pairs(samples, reps, options.max_postings, options.min_shared_samples):
        stats["pairs:sampled-5-grams"] += 1
        sa, sb = samples[a], samples[b]
        inter = np.intersect1d(sa, sb, assume_unique=True).size
        small, large = (a, b) if sa.size <= sb.size else (b, a)
        containment = inter / max(min(sa.size, sb.size), 1)
        resemblance = inter / max(sa.size + sb.size - inter, 1)
        if resemblance >= options.near_resemblance:
            link = (large, small, "near", resemblance)
        elif containment >= options.excerpt_containment:
            link = (large, small, "excerpt", containment)
        else:
            some_shared[(a, b)] = inter
            continue
        strength.append(link)
        if (a, b) not in near_pairs:
            links.append(link)

    # 4. rewrites: shared names and numbers, then sentence matching
    for x, y, _, _ in links:
        uf.union(x, y)
    # Candidates are compared group to group (groups of copies found so far), through a few of
    # their most similar pairs of members: an article's near copies and excerpts would otherwise
    # fill every slot and crowd out its rewrite, and give a short excerpt as many chances to
    # match another article as the article itself.
    names = [d.names for d in docs]
    tries: dict[tuple[int, int], list[tuple[tuple[int, int, int], int, int]]] = defaultdict(list)

    def offer(a: int, b: int, shared_samples: int, shared_names: int) -> None:
        ga, gb = uf.find(a), uf.find(b)
        if ga != gb:
            score = (shared_samples, shared_names, -docs[a].samples.size - docs[b].samples.size)
            kept = tries[(min(ga, gb), max(ga, gb))]
            kept.append((score, a, b))
            if len(kept) > _PAIRS_PER_GROUPS:
                kept.sort(reverse=True)
                kept.pop()

    for (a, b), shared in some_shared.items():
        offer(a, b, shared, np.intersect1d(names[a], names[b], assume_unique=True).size)
    for a, b, shared in _sharing_pairs(names, reps, options.max_postings, options.rewrite_min_names):
        if (a, b) not in some_shared:
            offer(a, b, 0, shared)
    per_group: dict[int, list[tuple[tuple[int, int, int], tuple[int, int]]]] = defaultdict(list)
    for key, kept in tries.items():
        top = max(kept)[0]
        per_group[key[0]].append((top, key))
        per_group[key[1]].append((top, key))
    chosen: set[tuple[int, int]] = set()
    for cands in per_group.values():
        chosen.update(key for _, key in sorted(cands, reverse=True)[: options.rewrite_candidates])
    # a bounded cache: pairs come sorted by group, so a document's pairs mostly come together
    sentences_of = lru_cache(maxsize=4096)(lambda i: _sentences(articles[i].text))
    for key in sorted(chosen):
        for _, a, b in sorted(tries[key], reverse=True):
            stats["pairs:sentence-aligned"] += 1
            score = _rewrite_score(sentences_of(a), sentences_of(b), options)
            if score is not None:
                long_, short = (a, b) if len(articles[a].text) >= len(articles[b].text) else (b, a)
                links.append((long_, short, "rewrite", score))
                break

    # 5. groups and provenance
    stats.update(f"links:{kind}" for _, _, kind, _ in links)
    for x, y, _, _ in links:
        uf.union(x, y)
    members_of: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members_of[uf.find(i)].append(i)
    links_of: dict[int, list[tuple[int, int, str, float]]] = defaultdict(list)
    for lk in links:
        links_of[uf.find(lk[0])].append(lk)
    # How strongly each member is tied to the others: the pairs of sampled 5-grams (all of them, within
    # the cap), else the links; exact and rewrite links count too.
    strength_of: dict[int, list[tuple[int, int, str, float]]] = defaultdict(list)
    seen = {(min(x, y), max(x, y)) for x, y, _, _ in strength}
    for lk in strength + [lk for lk in links if (min(lk[0], lk[1]), max(lk[0], lk[1])) not in seen]:
        strength_of[uf.find(lk[0])].append(lk)
    groups: list[CopyGroup] = []
    for root in sorted(r for r, m in members_of.items() if len(m) > 1):
        idx = members_of[root]
        group_links = links_of[root]
        centrality: Counter[str] = Counter()
        for x, y, _, score in strength_of[root]:
            centrality[articles[x].id] += score
            centrality[articles[y].id] += score
        original, reason = _choose_original([articles[i] for i in idx], centrality)
        kinds = {articles[i].id: _kind_to(original.id, articles[i].id, group_links, articles) for i in idx}
        kinds[original.id] = "original"
        out_links = []
        for x, y, kind, score in group_links:
            ox, oy = (x, y) if articles[y].id != original.id else (y, x)
            out_links.append(CopyLink(articles[ox].id, articles[oy].id, kind, round(score, 3)))
        groups.append(
            CopyGroup(f"c{len(groups) + 1}", [articles[i].id for i in idx], original.id, kinds, out_links, reason)
        )
    return groups


def _kind_to(original: str, member: str, links: list[tuple[int, int, str, float]], articles: Sequence[Article]) -> str:
    """How a member derives from the original: its direct link's kind, else the weakest on the way."""
    rank = {"exact": 0, "near": 1, "excerpt": 2, "rewrite": 3}
    direct = [k for x, y, k, _ in links if {articles[x].id, articles[y].id} == {original, member}]
    if direct:
        return min(direct, key=rank.__getitem__)
    touching = [k for x, y, k, _ in links if member in (articles[x].id, articles[y].id)]
    return max(touching, key=rank.__getitem__) if touching else "near"


def link_evidence(original: Article, copy: Article) -> list[dict[str, Any]]:
    """Aligned passages of a copy and its original, with character spans in each text."""
    return align_sentences(copy.text, original.text)[1]
