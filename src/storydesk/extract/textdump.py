"""Boilerplate removal for flattened (plain-text) pages.

A two-stage LightGBM line classifier (see :mod:`storydesk.extract.lines` for
the features and :mod:`storydesk.extract.train` to retrain it).  Stage 1 scores
each line from its own features and its neighbours'; stage 2 re-scores the
lines stage 1 is not sure are boilerplate with stage 1's scores of the lines
around them and their fit to the likely article and its lead, which is what
lets a subheading inside the article survive and a teaser glued after the
article go.  Rules after the classifier then cut the article at the blocks
that end one (comment forms, list headings, share prompts, author boxes), drop
credits, bylines, sidebar lists and teasers above a wire dateline the model
kept, and keep the lists an article introduces or numbers.  Site-grouped
5-fold CV on the development dumps 0.943 (mean of three fold assignments, each
fold also trained on its training sites' other renderings as the shipped model
is; 0.942 on the dumps alone; the rules were written reading all development
pages).
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Any

import numpy as np

from .._trie import trie_alternation
from ..compiled import compiled_predictor
from .lines import FEATURE_NAMES, PageLines, _joined, _occurrences, line_features, page_lines, page_stats, topic_overlap
from .markup import strip_render_marks
from .title import best_title, heading_before

__all__ = ["TextModel", "TextExtraction", "extract_text_dump", "default_model"]

_SPLIT = "\n#### storydesk-stage-2 ####\n"
# Chosen by site-grouped cross-validation on the development text dumps
# (0.35: F1 0.903, 0.5: 0.897, averaged over two fold assignments; with the
# smoothing below 0.25 and 0.35 tie, 0.45 is lower).
DEFAULT_THRESHOLD = 0.35
# Cost of switching between article and boilerplate in the smoothing pass (see
# smooth), in log-odds.  Site-grouped CV, mean of three fold assignments:
# none 0.902, 0.5: 0.906, 1.0: 0.908, 1.5: 0.904, 2.0: 0.898.  Re-checked with
# the fold models of a later feature set (threshold / cost): 0.35 / 1.0 0.9219,
# 0.25 / 1.0 0.9216, 0.35 / 0.5 0.9206, 0.35 / 1.5 0.9202, 0.45 / 1.0 0.9109;
# weighting each line's log-odds by its length does not help (0.9203).
DEFAULT_SWITCH_COST = 1.0
# Stage 2 re-scores only the lines whose stage-1 score reaches this floor (a
# fifth to a third of the development dumps' lines, depending on the model);
# the others keep their stage-1 score.  Site-grouped CV, mean of three fold assignments, same models:
# every line re-scored 0.9219, floor 0.01: 0.9217, 0.02: 0.9216, 0.05: 0.9208
# (and stage 2 trained on those lines alone: see train.STAGE2_ON_CASCADE).
STAGE2_FLOOR = 0.01
_CONTEXT = 21


def _topic_fit(page: PageLines, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much each line shares with the lines stage 1 is sure about (the article).

    This is what unmasks a teaser of another story glued after the article:
    it looks like prose but talks about something else.
    """
    sure = p >= 0.5
    share, rare, n_content = topic_overlap(page_stats(page), sure, max(2, int(sure.sum()) // 3))
    return share, rare / np.maximum(n_content, 1.0)


def context_features(p: np.ndarray, page: PageLines) -> np.ndarray:
    """Stage-2 features: stage-1 probabilities around each line, and its fit to the likely article."""
    n = len(p)
    out = np.full((n, _CONTEXT), -1.0)
    if n == 0:
        return out
    padded = np.concatenate([np.full(3, -1.0), p, np.full(3, -1.0)])
    for k, off in enumerate((-3, -2, -1, 1, 2, 3)):
        out[:, k] = padded[3 + off : 3 + off + n]
    csum = np.concatenate([[0.0], np.cumsum(p)])
    idx = np.arange(n)
    lo, hi = np.maximum(idx - 5, 0), np.minimum(idx + 6, n)
    out[:, 6] = (csum[hi] - csum[lo]) / (hi - lo)
    out[:, 7] = np.concatenate([[-1.0], np.maximum.accumulate(p)[:-1]])  # best line before
    out[:, 8] = np.concatenate([np.maximum.accumulate(p[::-1])[::-1][1:], [-1.0]])  # best line after
    out[:, 9] = p.mean()
    kept = (p >= 0.5).astype(float)
    kcum = np.concatenate([[0.0], np.cumsum(kept)])
    total = max(kcum[-1], 1.0)
    out[:, 10] = kcum[idx] / total  # share of kept lines before
    out[:, 11] = (kcum[-1] - kcum[idx + 1]) / total  # share after
    top = max(float(p.max()), 1e-6)
    out[:, 12] = top  # how sure stage 1 is that the page has an article at all
    out[:, 13] = p / top  # the line relative to the page's best line
    rank = np.empty(n)
    rank[np.argsort(-p)] = np.arange(n)  # rank within the page: the inverse permutation, as argsort(argsort) gives
    out[:, 14] = rank / n
    out[:, 15], out[:, 16] = _topic_fit(page, p)
    sure = p >= 0.5
    if sure.any():  # the fit relative to the article's own lines: outliers are other stories
        out[:, 17] = out[:, 15] - _median(out[sure, 15])
        out[:, 18] = out[:, 16] - _median(out[sure, 16])
        out[:, 19], out[:, 20] = _lead_fit(page, np.flatnonzero(sure))
    return out


_LEAD_LINES = 3


def _lead_fit(page: PageLines, sure: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """How much each line shares with the article's lead (the first lines stage 1 is sure of),
    and the same for the lines after the lead only (0 for the lead and what precedes it).

    Teasers of other stories glued after the article share little with its
    lead, the article's own last paragraphs do.  (Site-grouped CV, mean of
    three fold assignments and two LightGBM seeds: 0.9169 without, 0.9172 with;
    with it seed 002's glued teasers go, and once the training teasers all
    carry a headline, seed 001's closing paragraph stays too.)
    """
    n = len(page.lines)
    lead = np.zeros(n, dtype=bool)
    lead[sure[:_LEAD_LINES]] = True
    share, _, n_content = topic_overlap(page_stats(page), lead, n)
    after = np.arange(n) > sure[min(_LEAD_LINES, len(sure)) - 1]
    return share, np.where(n_content > 0, share, -1.0) * after


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty array of finite values, bit for bit (the mean of the two middle
    values is their sum halved, as ``np.mean`` computes it), without its overhead."""
    v = np.sort(values).tolist()
    k = len(v) // 2
    return v[k] if len(v) % 2 else (v[k - 1] + v[k]) / 2


def _gains(scores: np.ndarray, threshold: float, clip: float) -> list[float]:
    """Each line's log-odds of being article text relative to the threshold's, clipped to +-clip."""
    p = np.clip(scores, 1e-4, 1 - 1e-4)
    return np.clip(np.log(p / (1 - p)) - math.log(threshold / (1 - threshold)), -clip, clip).tolist()


def strongest_run(scores: np.ndarray, threshold: float, clip: float = 6.0) -> tuple[int, int] | None:
    """The run of consecutive lines (first, last) whose gains (see :func:`smooth`) sum highest, or None
    when no line scores above the threshold.  Kadane's maximum-sum segment, written by hand (one pass)."""
    best, total, start, span = 0.0, 0.0, 0, None
    for i, g in enumerate(_gains(scores, threshold, clip)):
        if total <= 0:
            total, start = 0.0, i
        total += g
        if total > best:
            best, span = total, (start, i)
    return span


def smooth(scores: np.ndarray, threshold: float, switch_cost: float, clip: float = 6.0) -> list[bool]:
    """Keep/drop decisions that change state only when the evidence pays for it.

    A two-state Viterbi pass over the page's lines: each line brings its
    log-odds of being article text (relative to the threshold, clipped), and
    every switch between article and boilerplate costs ``switch_cost``.  A
    weak line inside the article stays, an isolated strong line amid
    boilerplate goes.
    """
    n = len(scores)
    if n == 0:
        return []
    gain = _gains(scores, threshold, clip)
    # Written by hand: two states and one pass; no library does this small a decode cheaply.
    v0, v1 = 0.0, gain[0]
    back = []
    for g in gain[1:]:
        from1 = v1 - switch_cost
        from0 = v0 - switch_cost
        b0 = v0 >= from1
        b1 = v1 >= from0
        back.append((b0, b1))
        v0, v1 = (v0 if b0 else from1), (v1 if b1 else from0) + g
    state = v1 > v0
    out = [state]
    for b0, b1 in reversed(back):  # the state before: b1/b0 say whether the article/boilerplate state stayed
        state = b1 if state else not b0
        out.append(state)
    return out[::-1]


# --- compiled boosters --------------------------------------------------------
# LightGBM's predict costs about 3 us a line for a stage's 80 trees: 0.8 ms of
# the ~3.4 ms a page cost before.  Both boosters are compiled to machine code by
# lleaves (storydesk.compiled: the same sums bit for bit, checked at load, cached;
# LightGBM predicts where lleaves is missing or the check fails).  On the
# development dumps, CPU time a page: stage 1 0.58 -> 0.19 ms, stage 2 0.25 ->
# 0.09 ms; predictions identical on all 54,217 lines of the dumps and their three
# renderings, both stages.  (Inlining the trees, lleaves' default, predicts stage 1
# 30% faster but takes 3-4 s a stage to compile; its default blocking of the
# trees by 34 changes the sums' last bits.)
_COMPILED_NAME = "textlines"


class TextModel:
    """The two boosters, loaded from or saved to one text file."""

    def __init__(
        self,
        stage1: Any,
        stage2: Any,
        threshold: float = DEFAULT_THRESHOLD,
        switch_cost: float = DEFAULT_SWITCH_COST,
        compiled: tuple[Callable[[np.ndarray], np.ndarray] | None, Callable[[np.ndarray], np.ndarray] | None]
        = (None, None),
    ) -> None:
        self.stage1 = stage1
        self.stage2 = stage2
        self.threshold = threshold
        self.switch_cost = switch_cost
        # The predictors: the compiled boosters where lleaves made them (storydesk.compiled), else LightGBM.
        self.predict1 = compiled[0] or partial(stage1.predict, num_threads=1)
        self.predict2 = compiled[1] or partial(stage2.predict, num_threads=1)
        self.compiled = (compiled[0] is not None, compiled[1] is not None)
        self._lock = threading.Lock()

    @classmethod
    def load(cls, path: str | Path) -> TextModel:
        import lightgbm as lgb

        text = Path(path).read_text(encoding="utf-8")
        first, second = text.split(_SPLIT)
        stage1, stage2 = lgb.Booster(model_str=first), lgb.Booster(model_str=second)
        expected = (len(FEATURE_NAMES), len(FEATURE_NAMES) + _CONTEXT)
        if (stage1.num_feature(), stage2.num_feature()) != expected:
            raise ValueError(
                f"{path}: a line model for another feature set ({stage1.num_feature()}/{stage2.num_feature()} "
                f"features, this version uses {expected[0]}/{expected[1]}); retrain it with python -m "
                "storydesk.extract.train"
            )
        return cls(stage1, stage2, compiled=(
            compiled_predictor(first, stage1, _COMPILED_NAME), compiled_predictor(second, stage2, _COMPILED_NAME)
        ))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(
            self.stage1.model_to_string() + _SPLIT + self.stage2.model_to_string(), encoding="utf-8"
        )

    def scores(self, page: PageLines, title: str | None) -> np.ndarray:
        n = len(page.lines)
        if n == 0:
            return np.zeros(0)
        x = line_features(page, title)
        with self._lock:  # LightGBM boosters are not re-entrant
            p1 = self.predict1(x)
            x2 = np.hstack([x, context_features(p1, page)])
            # A cascade: lines stage 1 is sure are boilerplate keep its score and are not
            # re-scored (four lines in five on the development dumps; stage 2's cost is per line).
            again = p1 >= STAGE2_FLOOR
            p2 = p1.copy()
            if again.any():
                p2[again] = self.predict2(x2[again])
            return p2

    def decide(self, scores: np.ndarray) -> list[bool]:
        """Keep (True) or drop each line, from its score and its neighbours' (see :func:`smooth`).

        When the smoothing keeps nothing although some lines score above the
        threshold, the strongest run of lines is kept: a short article amid
        boilerplate (three paragraphs under a headline, a caption between
        them) can cost more in switches than its lines gain, and a page with
        an article must not come out empty.  (Pages with no article are told
        by the extraction's minimum length, not here.)  Site-grouped CV, fold
        assignment 0: the dumps, the three training renderings and seven other
        renderers unchanged (none came out empty); resiliparse 0.8919 ->
        0.9000 and one text node a line 0.8983 -> 0.9103 (one page each that
        came out empty).
        """
        if self.switch_cost <= 0:
            return (scores >= self.threshold).tolist()
        keep = smooth(scores, self.threshold, self.switch_cost)
        if not any(keep):
            span = strongest_run(scores, self.threshold)
            if span is not None:
                keep[span[0] : span[1] + 1] = [True] * (span[1] + 1 - span[0])
        return keep

    def predict(self, page: PageLines, title: str | None) -> list[bool]:
        return self.decide(self.scores(page, title))


@lru_cache(maxsize=1)
def default_model() -> TextModel:
    ref = resources.files("storydesk.data").joinpath("textlines.lgb.txt")
    with resources.as_file(ref) as path:
        return TextModel.load(path)


def strip_furniture(page: PageLines) -> tuple[PageLines, list[int], list[str | None]]:
    """The page without its unmistakable furniture lines, which the classifier never sees.

    Returns the reduced page, the original index of each line kept in it, and
    the furniture kind (or None) of every original line.  Dropping them first
    keeps an article continuous for the context features when an "ALSO READ:"
    link or an ad slot interrupts it.
    """
    candidates = list(map(_ANY_FURNITURE.match, page.lines))  # one regex call rules out most lines
    if not any(candidates):
        return page, list(range(len(page.lines))), [None] * len(page.lines)
    kinds = [None if m is None else furniture(line) for m, line in zip(candidates, page.lines)]
    for i in _gallery_lines(page.lines, [i for i, m in enumerate(candidates) if m and kinds[i] is None]):
        kinds[i] = "gallery"
    positions = [i for i, kind in enumerate(kinds) if kind is None]
    reduced = PageLines([page.lines[i] for i in positions], [page.words[i] for i in positions])
    return reduced, positions, kinds


# Unmistakable page furniture, dropped whatever the classifier says: markers a
# site inserts into the body (ad slots, "also read" links, photo credits) are
# too rare in the training pages for the model to learn them reliably.
_FURNITURE = (
    ("advertisement", re.compile(
        r"^[-–—*\s]*(advertisements?|advertising|ad|sponsored( content)?|story continues below( advertisement)?|"
        r"scroll to continue( with content)?|continue reading( below)?)[-–—*\s]*$", re.IGNORECASE)),
    ("link", re.compile(
        r"^(also read|read also|read more|read next|see also|related( articles?| stories| news)?|recommended|"
        r"more from [^:]{1,40}|watch|listen)\s*[:|>»-]\s*\S", re.IGNORECASE)),
    ("photo-credit", re.compile(
        r"^(photos?|images?|pictures?|file photo|credit|foto)\s*:\s*\S.{0,80}$", re.IGNORECASE)),
)
# A photo gallery's counter, alone or before its caption ("Image 2 of 5", "3 of 4 A shopper looks at ...").
# Captions are not the article (gold bodies leave them out: the 10 counter lines this finds in the
# development dumps, and the 1 to 10 in each of their other renderings, are all boilerplate).  A bare
# "3 of 4 ..." counts only when another line of the page counts the same gallery, so a sentence such
# as "1 of 3 adults ..." stays.
_GALLERY = re.compile(r"((?:image|photo|picture|slide|foto|bild)\s+)?(\d{1,3})\s+of\s+(\d{1,3})\b", re.IGNORECASE)
# All of them in one pattern, matched against every line of a page.  Its lookahead names the two first
# characters that can begin a match of one of them (a dash, a star, a space or a digit, else the first two
# letters of one of their words): Python's engine would otherwise try their 35 alternatives one by one on
# every line, most of which begin otherwise.  Same matches on every line of the 1,092 development pages in all
# renderings; the cost of the pattern a page 100 -> 75 us.  (A test checks that the lookahead lets through
# every form of every pattern.)
_FURNITURE_START = r"(?=[-–—*\s\d]|a[dl]|s[ptcel]|c[or]|re|mo|wa|li|p[hi]|im|f[io]|bi)"
_ANY_FURNITURE = re.compile(
    _FURNITURE_START + "(?:" + "|".join(f"(?:{p.pattern})" for p in (*(p for _, p in _FURNITURE), _GALLERY)) + ")",
    re.IGNORECASE,
)


def _gallery_lines(lines: list[str], candidates: list[int]) -> list[int]:
    """Those of the ``candidates`` (indexes into ``lines``) that are a gallery's counters (see ``_GALLERY``)."""
    hits = [(i, m) for i in candidates if (m := _GALLERY.match(lines[i])) and 0 < int(m[2]) <= int(m[3])]
    totals = Counter(m[3] for _, m in hits)
    return [i for i, m in hits if m[1] or totals[m[3]] >= 2]


# A teaser's image and its link show the same headline: renderers that write an
# image's alt text ("Sears store to close by February 2020 - Photo") put it on
# the line next to the link's text ("Sears store to close by February"), one
# beginning the other.  Short lines only (3 to _ECHO_MAX_WORDS words, the
# shorter at least half the longer), never two identical lines (a headline
# repeated in a page's title line and heading).  In the lynx, elinks, links2
# and Resiliparse renderings of the development pages 13-17 pages have such
# pairs (180-186 lines, 4-5 of them in the gold bodies: a video's or a
# review's title); in the dumps 5 pages (10 lines).  Dropped after the
# classifier when it keeps them (extract_text_dump), so training is unchanged:
# fold models of the shipped recipe, assignments 0-2, Resiliparse 0.9056 ->
# 0.9068, elinks 0.8964 -> 0.8978, links2 0.8989 -> 0.9003, no rendering lower.
# (Taken out before the classifier instead, as furniture, they lifted lynx
# 0.895 -> 0.904, elinks 0.896 -> 0.902 and links2 0.899 -> 0.905 with the
# retrained model, almost all from one page of teaser pairs, but html2text
# wrapped fell 0.921 -> 0.915 and the dumps-alone model's CV at fold
# assignment 0 0.9131 -> 0.9058, under the quality gate's 0.907.)
_ECHO_MAX_WORDS = 25


def _echo_pairs(words: list[list[str]]) -> list[int]:
    """The lines (indexes) of each pair of adjacent short lines where one's words begin the other's."""
    out: list[int] = []
    for i in range(1, len(words)):
        a, b = words[i - 1], words[i]
        if not a or not b or a[0] != b[0]:  # most pairs stop here
            continue
        short, long_ = (a, b) if len(a) <= len(b) else (b, a)
        if 3 <= len(short) < len(long_) <= _ECHO_MAX_WORDS and 2 * len(short) >= len(long_) \
                and long_[: len(short)] == short:
            out += (i - 1, i)
    return out


_COMMENT_AUTHOR = re.compile(
    r"^.{1,80}\b(says|said|wrote|writes|commented|replied|dice|schreibt|a dit|disse|escribió)\s*:\s*$", re.IGNORECASE
)
# Python's regex engine tries a plain list of alternatives one after the other at every line start;
# as tries (storydesk._trie) these long lists of literal headings cost about one test a line.
_COMMENT_FORMS = (
    "please enter your comment", "please enter your name", "leave a reply", "leave a comment", "post a comment",
    "add a comment", "add your comment", "your email address will not be published", "join the discussion",
    "join the conversation", "write a comment", "submit a comment", "you must be logged in to post a comment",
    "comments are closed",
    # WordPress's "Leave a Reply" / "Leave a comment" as its translations have them.
    "lascia un commento", "laisser un commentaire", "deixe um comentário", "deixe uma resposta", "deja un comentario",
    "deja una respuesta", "schreibe einen kommentar", "kommentar schreiben", "tinggalkan balasan",
    "tinggalkan komentar", "コメントを残す", "оставить комментарий", "добавить комментарий", "geef een reactie",
    "dodaj komentarz", "bir yanıt yazın",
)
_COMMENT_FORM = re.compile(r"\n(?:" + trie_alternation(_COMMENT_FORMS) + r")\b", re.IGNORECASE)
# (searched in the page's lines joined by newlines, lines.py's _joined: one call, not one a line)
# A row of two or more sharing buttons, each on a line of its own ("Facebook" / "Twitter", "Share on
# Facebook" / "Share on Twitter"), ends the article as a sharing block's heading does.  Fold models,
# fold assignments 0-2: lynx +0.0009, w3m +0.0006, no rendering lower, no recall lost.
_SHARE_BUTTON = (
    r"(?:share(?: on| via)? )?(?:facebook|twitter|reddit|pinterest|linkedin|whatsapp|e-?mail|tweet|print|share|"
    r"flipboard|telegram)"
)
_SHARE_BUTTONS = re.compile(
    r"\n" + _SHARE_BUTTON + r"[ \t]*\n" + _SHARE_BUTTON + r"[ \t]*(?=\n|\Z)", re.IGNORECASE
)
# A sharing block's heading on a line of its own ("Share this:", as WordPress
# writes it under a post).  Not "Tags" or "Filed Under": some sites list a
# story's tags above it (on one page of one rendering that emptied the
# article; fold models, fold assignments 0-2).
_SHARE_HEADING = re.compile(r"\n(share this( article| story| post| entry)?)[ \t]*:?(?=\n|\Z)", re.IGNORECASE)
# The heading of a list of other stories ("Related", "More From <site>", "Most
# Read") on a line of its own: like a comment form, it comes after the
# article.  (In the development dumps and their three renderings article text
# follows one of these only after "Don't miss", left out for that reason.)
_LIST_HEADINGS = (
    "related", "related article", "related articles", "related stories", "related posts", "related news",
    "related content", "related coverage", "you may also like", "you might also like", "more stories", "more news",
    "more articles", "most popular", "most read", "most viewed", "most shared", "recommended", "recommended for you",
    "recommended stories", "recommended articles", "trending", "trending now", "trending stories", "popular posts",
    "popular stories", "popular articles", "popular news", "latest news", "latest stories", "latest posts",
    "latest articles", "read next", "up next", "what to read next", "top stories", "further reading", "editor's picks",
    "sponsored stories", "around the web", "you may also be interested in", "you might also be interested in",
    "you may be interested in", "you might be interested in",
    # The same headings in other languages.  Not their "read also" ("Lire aussi", "Leia também", "Baca
    # juga", "Читайте также"): many sites put one on a line of its own before a link in mid-article.
    "ähnliche artikel", "verwandte artikel", "weitere artikel", "mehr zum thema", "meistgelesen",
    "das könnte sie auch interessieren", "articles similaires", "articles liés", "sur le même sujet", "les plus lus",
    "vous aimerez aussi", "artículos relacionados", "noticias relacionadas", "entradas relacionadas", "lo más leído",
    "te puede interesar", "artigos relacionados", "notícias relacionadas", "posts relacionados", "mais lidas",
    "você também pode gostar", "articoli correlati", "notizie correlate", "i più letti", "potrebbe interessarti",
    "gerelateerde artikelen", "meest gelezen", "powiązane artykuły", "najczęściej czytane", "artikel terkait",
    "berita terkait", "terpopuler", "ilgili haberler", "en çok okunanlar", "похожие статьи", "похожие записи",
    "популярное", "материалы по теме", "вам может быть интересно", "вам также может быть интересно", "関連記事",
    "関連エントリー", "おすすめ記事", "人気記事", "相关文章", "相关阅读", "相关新闻", "热门文章", "관련기사", "관련 기사",
    "많이 본 뉴스",
)
_LIST_HEADING = re.compile(
    r"\n(?:more (?:(?:stories|news|articles) )?from [^\n]{1,30}|" + trie_alternation(_LIST_HEADINGS) + r")"
    r"[ \t]*(?:[:：]|\.\.\.|…)?(?=\n|\Z)",
    re.IGNORECASE,
)
# An author box under the article ("About the author", "Über Moritz Bachmann" over "Als Inbound Sales Manager
# bildet Moritz Bachmann ..."): a heading of its own, or "About" and a name of two or three capitalised words
# that the next line repeats (a press release's "About Acme" over "Acme is ..." is one word, and stays).
_AUTHOR_BOX = re.compile(
    r"\n(?:(?i:" + trie_alternation((
        "about the author", "about the authors", "über den autor", "über die autorin", "à propos de l'auteur",
        "a propos de l'auteur", "sobre o autor", "sobre a autora", "sobre el autor", "sobre la autora",
        "informazioni sull'autore", "tentang penulis", "over de auteur", "o autorze", "об авторе",
    )) + r")|(?i:about|über|sobre|à propos de|a proposito di|tentang)[ \t]+"
    r"(?:[A-ZÀ-Þ][\w'’.-]+[ \t]+){1,2}([A-ZÀ-Þ][\w'’-]+)(?=[ \t]*:?\n[^\n]*\b\1\b))[ \t]*:?(?=\n|\Z)"
)
_CREDIT_CHARS = 160  # no credit line is this long: longer (prose) lines are not tried
_AGENCIES = (
    r"(?:AP|AFP|Reuters|Getty Images|Associated Press|EPA(?:-EFE)?|Shutterstock|Bloomberg|Xinhua|TASS|Sputnik|"
    r"Yonhap|KCNA|Kyodo|Anadolu|USA TODAY|NurPhoto)"
)
# A line that is only a photo credit, in the forms _FURNITURE's does not take (in brackets, "Image
# credit:", "Photo by ..."): applied after the classifier, so the model is unchanged.
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:(?:photo|image|picture|foto|bild)s?\s*(?:credits?|courtesy|by|source)?|credits?|photograph(?:er)?)"
    r"\s*[:：/|]\s*[^\n]{1,80}?[)\]]?$"
    r"|^[(\[]?(?:photo|image|picture)s?\s+(?:by|courtesy(?:\s+of)?|copyright)\s+[^\n]{1,60}[)\]]?$"
    # A photographer and an agency ("Michael Conroy, AP", "(Reed Saxon / Associated Press)", "(AP Photo/...)").
    r"|^[(\[]?(?:[^\W\d_][\w.'’-]*\s+){0,4}[^\W\d_][\w.'’-]*\s*[,/]\s*" + _AGENCIES + r"(?:\s+(?:photo|images))?[)\]]?$"
    r"|^[(\[]?(?:AP|AFP|Reuters|EPA)\s+photo\s*/[^)\]\n]{1,60}[)\]]?$",
    re.IGNORECASE,
)
# A byline or dateline: one of these words first, and a date (a digit or a month's name) in it, on a
# short line that does not end as a sentence does.  In the development dumps and their lynx and Chromium
# renderings 44-45 lines each, none in a gold body.
_BYLINE = re.compile(
    r"(?:posted|published|updated|last updated|first published|written|submitted|by|von|par|por|di|oleh|"
    r"publicado|publié|veröffentlicht|aktualisiert|текст|기사입력)\b",
    re.IGNORECASE,
)
_BYLINE_DATE = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_BYLINE_WORDS = 14
# A byline without a date ("By Phil Helsel", "By Troy L. Smith, Cleveland.com", "Von Anna Muster und Max
# Muster"): the word, then one to four capitalised words (twice, joined by "and" or a comma).  In the dumps
# and their lynx, Chromium, html2text and inscriptis renderings 8-34 such lines each, none in a gold body.
# (Lines that are only a date and time, "Nov. 19, 2019, 8:41 AM UTC", 60-103 in each and none in a gold body
# either, were tried too: no gain on top of these, and recall lost on four pages of the one-line rendering,
# whose dates split_run_on puts on lines of their own.)
_BYLINE_NAME = re.compile(
    r"(?i:by|von|par|por|di|oleh)[ \t]+(?:[A-ZÀ-Ý][\w.'’-]*[ \t]*){1,4}"
    r"(?:(?:(?i:and|und|et|y|e|dan)[ \t]+|,[ \t]*)(?:[A-ZÀ-Ý][\w.'’-]*[ \t]*){1,4})?$"
)
# A line that asks the reader to click (no development gold body has one; 31 lines of the dumps do).
_CLICK = re.compile(r"(?:click|clique|cliquez|klik|klicken sie|haga clic|fai clic)\b", re.IGNORECASE)
# (Only up to 30 words, to spare run-on lines of a page flattened to one line: lower on every rendering, and
# those lines lost the same.)
# A caption's closing credit, and a "see more" link's label (in the dumps and their lynx, Chromium and
# html2text renderings 9-15 such caption lines and 0-2 links each, none in a gold body).
_CAPTION_CREDIT = re.compile(
    r"\((?:image|photo|picture|pic|credit|foto|bild|source|photograph)s?\s*:[^()\n]{1,60}\)\s*$", re.IGNORECASE
)
_SEE_MORE = re.compile(r"(?:see more|watch more|view more)\s*:\s*\S", re.IGNORECASE)
# A line that is only an ad marker (in the languages _FURNITURE's English one does not cover), a video
# player's controls and messages, or a reading time ("Tempo de leitura: 2 minutos", "5 min read").  None is
# in a development gold body; applied after the classifier, so the model is unchanged.
_WIDGET_LINE = re.compile(
    r"[»«›•*\-–—\s]*(?:iklan|publicidade|publicidad|publicité|anzeige|werbung|pubblicità|реклама|reklama|"
    r"advertentie|reklam|広告|광고|media playback is unsupported on your device|replay|embed this video|"
    r"thanks for watching!?\s*(?:visit website)?|more videos(?: \(\d+ of \d+\))?|video player is loading\.?|"
    r"(?:reading time|read time|lesezeit|tempo de leitura|tiempo de lectura|temps de lecture|tempo di lettura|"
    r"leestijd)\s*:?\s*\d+\s*(?:min\w*|minutes?|minuten|minutos|minuti)|\d+\s*(?:min|minutes?)\s+read)"
    r"[\s»«›•*\-–—:.]*$",
    re.IGNORECASE,
)
# A line of a page's HTML source shown as text ("<script type=...", "&lt;span data-mce-type=..."); none in a
# development gold body (6-7 lines in each of five renderings checked).
_MARKUP_LINE = re.compile(
    r"(?:<|&lt;|&amp;lt;)/?(?:script|div|span|iframe|img|style|a|p|noscript|ins|link|meta)\b", re.IGNORECASE
)
# A line that is a name and a count in brackets, a blog sidebar's category or archive widget ("Wahabi (185)").
# Not a year ("The Irishman (2019)"): a list of films or books in an article has those.
_COUNT_LINE = re.compile(r"^[^()\n]{1,60}\s?\((?!(?:1[89]|20)\d\d\))\d{1,6}\)$")


def _count_lists(lines: list[str], least: int = 3) -> list[int]:
    """The lines of each run of at least ``least`` adjacent lines that are a name and a count (``_COUNT_LINE``).

    In the development dumps 236 lines on 7 pages are such lines and none is in a gold body; a run of
    three keeps a single "(12)" in an article out of it."""
    out: list[int] = []
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if line and line[-1] == ")" and _COUNT_LINE.match(line):
            run.append(i)
            continue
        if len(run) >= least:
            out.extend(run)
        run = []
    return out


_SENTENCE_END = re.compile(r"[.!?。！？\"”’»]\s*$")


# The separator of a line of a list the article introduces: "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
# "Name: role", columns split by a tab.
_ITEM_SEP = re.compile(r" (?:--|—|–|-|\|) |: |\t")
_ITEM_WORDS = 30


def _item_shape(line: str, nwords: int) -> tuple[str, bool, bool] | None:
    """The shape of a list item: its first separator and whether it starts with a digit or a capital
    (None for a line with no separator within its first 42 characters, or longer than an item)."""
    m = _ITEM_SEP.search(line, 0, 42)
    if m is None or nwords > _ITEM_WORDS:
        return None
    return m.group(0), line[0].isdigit(), line[0].isupper()


# A numbered item of a list article at the start of a line ("1) Lego Star Wars ...", "12. Define early
# retirement", "#3 ...", "4 - ..."): its number.
_NUMBERED = re.compile(r"\n(?:#|No\.[ \t]?)?(\d{1,3})(?:[.)]|[ \t]?[–—-])[ \t]+\S")
_NUMBERED_GAP = 8  # lines at most from one item to the next


def _numbered_tails(page: PageLines, keep: list[bool], least: int = 3) -> list[int]:
    """The lines after the last kept item of each list numbered in sequence (1, 2, 3 ..., at least ``least``
    items, each at most ``_NUMBERED_GAP`` lines below the one before) whose first item is kept, up to its last
    item: a list article goes on as long as its numbers do, however short its last items."""
    joined, breaks, _ = _joined(page)
    items = [
        (int(np.searchsorted(breaks, m.start(), side="right")) - 1, int(m.group(1)))
        for m in _NUMBERED.finditer(joined)
    ]
    out: list[int] = []
    seq: list[tuple[int, int]] = []
    for line, number in [*items, (-1, -1)]:
        if seq and number == seq[-1][1] + 1 and line - seq[-1][0] <= _NUMBERED_GAP:
            seq.append((line, number))
            continue
        if len(seq) >= least and keep[seq[0][0]]:
            last_kept = max(k for k, (i, _) in enumerate(seq) if keep[i])
            if last_kept < len(seq) - 1:
                out.extend(range(seq[last_kept][0] + 1, seq[-1][0] + 1))
        seq = [(line, number)]
    return out


# A wire story's dateline at the start of its first paragraph: "ST. JOSEPH, Mich. (AP) —", "WASHINGTON
# (Reuters) -", "Hong Kong (CNN Business)".
_DATELINE = re.compile(
    r"[A-ZÀ-Ý][A-ZÀ-Ýa-zà-ý .'’-]{1,40}(?:, [A-Z][\w. ]{1,25})?[ \t]?"
    r"\((?:AP|Reuters|AFP|UPI|dpa|Bloomberg|CNN(?: Business)?|RNS|CNS)\)[ \t]?[—–-]?"
    r"|\(?(?:AP|Reuters|AFP)\)?[ \t]?[—–-][ \t]"
)
_DATELINE_CHARS = 72  # the agency's bracket comes within a dateline's first characters


def _above_dateline(page: PageLines, keep: list[bool], title: str | None, lead: int = 3) -> list[int]:
    """The kept lines above the first kept line that opens with a wire dateline (``_DATELINE``) that share fewer
    than two content words with the title (without one, with the story's first ``lead`` kept lines from the
    dateline on): teasers of other stories over the article."""
    lines = page.lines
    for i in [i for i, k in enumerate(keep) if k]:
        line = lines[i]
        # Tested only where a bracket or an agency's name comes early (the pattern costs more).
        if not ("(" in line[:_DATELINE_CHARS] or line.startswith(("AP", "Reuters", "AFP"))) or not _DATELINE.match(line):
            continue
        st = page_stats(page)
        content_ids = st.content_ids
        title_words = page_lines(title).words if title else []
        if title_words:
            topic = {st.vocab[w] for w in title_words[0] if w in st.vocab}
        else:
            topic = set().union(*(content_ids(k) for k in [k for k in range(i, len(keep)) if keep[k]][:lead]))
        return [k for k in range(i) if keep[k] and len(topic & content_ids(k)) < 2]
    return []


# An interview's question and answer lines ("Q: Favorite apps?" / "A: Bleacher Report, Uber Eats"), in English,
# German, French, Spanish and Portuguese forms.
# (The lookahead on the first letter lets the engine leave most lines after one test: 37 -> 18 us a page.)
_QA_LINE = re.compile(
    r"\n(?=[qfpar])(?:([QFP]|question|frage|pergunta|pregunta)|([AR]|answer|antwort|réponse|resposta|respuesta)) ?[:：]\s",
    re.IGNORECASE,
)


def _interview_runs(page: PageLines, keep: list[bool], least: int = 4) -> list[int]:
    """The lines of each run of at least ``least`` adjacent question and answer lines (``_QA_LINE``, both kinds
    present) of which the classifier kept one or more: a rapid-fire part of an interview, however short its
    answers."""
    joined, breaks, _ = _joined(page)
    out: list[int] = []
    run: list[int] = []
    kinds: set[int] = set()
    for m in [*_QA_LINE.finditer(joined), None]:
        i = -1 if m is None else int(np.searchsorted(breaks, m.start(), side="right")) - 1
        if run and i == run[-1] + 1 and m is not None:
            run.append(i)
            kinds.add(1 if m.group(1) else 2)
            continue
        if len(run) >= least and len(kinds) == 2 and any(keep[k] for k in run):
            out.extend(run)
        run, kinds = ([i], {1 if m.group(1) else 2}) if m is not None else ([], set())
    return out


_COLON_END = re.compile(r":[*_]*(?=\n|\Z)")  # a line ending in a colon, in Markdown's emphasis too ("**dates:**")
# An introduction to links rather than to the article's own list ("Read more of our coverage:", "See also:").
_LINKS_INTRO = re.compile(r"\b(?:read|see|watch|more|related|also|coverage|stories|links?)\b", re.IGNORECASE)


def _introduced_lists(page: PageLines, keep: list[bool], least: int = 3) -> list[int]:
    """The lines of each run of at least ``least`` lines of one item shape (see ``_item_shape``) right below a
    kept line of three words or more that ends in a colon ("The band's 2020 tour dates:") and does not
    introduce links (``_LINKS_INTRO``: "Read more of our coverage:")."""
    lines, words = page.lines, page.words
    joined, breaks, _ = _joined(page)
    out: list[int] = []
    for m in _COLON_END.finditer(joined):
        i = int(np.searchsorted(breaks, m.start(), side="right")) - 1
        if not (keep[i] and len(words[i]) >= 3 and i + 1 < len(lines)) or _LINKS_INTRO.search(lines[i]):
            continue
        shape = _item_shape(lines[i + 1], len(words[i + 1]))
        if shape is None:
            continue
        j = i + 2
        while j < len(lines) and _item_shape(lines[j], len(words[j])) == shape:
            j += 1
        if j - i - 1 >= least:
            out.extend(range(i + 1, j))
    return out


def furniture(line: str) -> str | None:
    """The kind of unmistakable page furniture a line is, or None."""
    for name, pattern in _FURNITURE:
        if pattern.match(line):
            return name
    return None


@dataclass(slots=True)
class TextExtraction:
    title: str | None
    text: str
    kept: list[str]
    removed: list[tuple[str, str]]
    """Dropped lines with the reason (``boilerplate p=0.03`` or ``title``)."""
    lines: list[str] = field(default_factory=list)
    """All non-empty lines of the page."""
    title_line: int | None = None
    body_start: int | None = None
    """Indexes into ``lines`` of the title and of the first line of the body."""


def _kept_junk(line: str, nwords: int) -> str | None:
    """Why a line the classifier kept is not the article's after all (the reason it is dropped with), or None.

    The tests go cheapest and most common first; ``nwords`` is the line's number of tokens."""
    # A photo credit the classifier kept amid captions ("(Image credit: NASA)", "Photo by Jane Doe").
    if len(line) <= _CREDIT_CHARS and _CREDIT_LINE.match(line):
        return "photo credit"
    if nwords <= _BYLINE_WORDS and (
        # A byline or dateline ("Posted on March 30, 2015 by Admin", "Updated 11:21 pm CST, ..."); "By Tuesday,
        # 12 people had died." is the article's.
        (_BYLINE.match(line) and _BYLINE_DATE.search(line) and not _SENTENCE_END.search(line))
        or _BYLINE_NAME.match(line)  # one without a date ("By Phil Helsel")
    ):
        return "byline"
    # An ad marker in another language, a video player's controls ("Iklan", "Replay", "Media playback is
    # unsupported on your device") or a reading time.
    if nwords <= 8 and _WIDGET_LINE.match(line):
        return "page widget"
    # The page's HTML source shown as text.
    if line[0] in "<&" and _MARKUP_LINE.match(line):
        return "markup"
    # A call to click ("Click here to subscribe", "Clique na imagem acima e veja ...").
    if _CLICK.match(line):
        return "call to click"
    # A caption that ends with its picture's credit ("The protests began in June (Image: GETTY )").
    if line[-1] == ")" and _CAPTION_CREDIT.search(line):
        return "photo caption"
    # A link to another story, as _FURNITURE's "link" kind ("SEE MORE: Hong Kong protests: ...").
    if _SEE_MORE.match(line):
        return "link"
    return None


# The reasons the classifier's score gives, "boilerplate p=0.03" (below the threshold) or "isolated p=0.71",
# looked up rather than formatted a line at a time (half the cost of cleaning a page's lines after the model):
# _P2_FROM[k - 1] is the least float that f"{p:.2f}" writes as k / 100 or more, found at import by asking the
# formatting itself (so the table reads every float as it does, ties such as 0.125 -> "0.12" included).
_P2 = [f"{k / 100:.2f}" for k in range(101)]


def _p2_from(k: int) -> float:
    x = (2 * k - 1) / 200
    while f"{x:.2f}" >= _P2[k]:
        x = math.nextafter(x, -math.inf)
    while f"{x:.2f}" < _P2[k]:
        x = math.nextafter(x, math.inf)
    return x


_P2_FROM = np.array([_p2_from(k) for k in range(1, 101)])
_SCORE_REASONS = np.array([f"boilerplate p={p}" for p in _P2] + [f"isolated p={p}" for p in _P2], dtype=object)


def _score_reasons(scores: np.ndarray, threshold: float) -> list[str]:
    """Each line's reason to be dropped as its score gives it (see _SCORE_REASONS)."""
    if not ((scores >= 0.0) & (scores <= 1.0)).all():  # not probabilities (never from the packaged model)
        return [("isolated" if p >= threshold else "boilerplate") + f" p={p:.2f}" for p in scores.tolist()]
    codes = np.searchsorted(_P2_FROM, scores, side="right") + len(_P2) * (scores >= threshold)
    return _SCORE_REASONS.take(codes).tolist()


def _drop(keep: list[bool], reasons: dict[int, str], lines: Iterable[int], reason: str) -> None:
    """Drop those of ``lines`` (indexes) that are kept, each with ``reason``."""
    for i in lines:
        if keep[i]:
            keep[i] = False
            reasons[i] = reason


def _restore(keep: list[bool], reasons: dict[int, str], lines: Iterable[int]) -> None:
    """Keep those of ``lines`` (indexes) that only the classifier dropped (no rule gave a reason)."""
    for i in lines:
        if i not in reasons:
            keep[i] = True


def extract_text_dump(text: str, model: TextModel | None = None) -> TextExtraction:
    """Clean one flattened page: the article body (paragraphs joined by blank lines) and its title."""
    model = model or default_model()
    # Judge lines by what they say, not by one renderer's Markdown or bullets.
    full = page_lines(strip_render_marks(text))
    page, positions, furnished = strip_furniture(full)
    lines = page.lines
    title, trusted = best_title(page)
    scores = model.scores(page, title)
    keep = model.decide(scores)
    first = next((i for i, k in enumerate(keep) if k and lines[i] != title), None)
    if first is not None and title in lines and lines.index(title) > first:
        # The guess sits inside the body: it is a subheading, the title comes before the body.  Whether a
        # browser title line vouches for it is the new guess's (no title of the dumps, their renderings or
        # the sample pages changes from keeping the first guess's).
        title, trusted = best_title(page, limit=first)
    if first is not None and not trusted:
        # No browser title line vouches for the guess (most renderers leave <title> out): the headline is
        # the heading just above the body that the body's words echo (title.heading_before).
        title = heading_before(page, first, [i for i, k in enumerate(keep) if k]) or title
    reasons: dict[int, str] = {}
    for i in _occurrences(lines, title) if title is not None else ():
        keep[i] = False
        reasons[i] = "title"
    # (Tried: dropping kept lines above the headline's occurrence nearest before the body's main run, as
    # teasers above a short article are: site-grouped CV 0.9212 -> 0.9174 on the dumps, lower on every
    # rendering.  Again in stop 16, only where the main run starts at most 2 or 4 lines below the headline:
    # the dumps 0.9268 -> 0.9265 / 0.9259, lower on nine of the twelve renderings, one page's lead lost in
    # eight.)
    # A comment thread ("name says:" lines) ends the article: everything from
    # its first author line on is comments, however article-like.  (Lines are
    # stripped, so an author line ends with its colon.)
    authors = [
        i for i, line in enumerate(lines)
        if line[-1] == ":" and len(page.words[i]) <= 14 and _COMMENT_AUTHOR.match(line)
    ]
    if len(authors) >= 2:
        _drop(keep, reasons, range(authors[0], len(keep)), "comment thread")
    # A comment form ("Leave a Reply", "Please enter your comment!") comes after
    # the article: what follows it is the form, comments or other stories'
    # teasers.  Only when the body's mass is before the form, so a stray
    # prompt at the top of a page cuts nothing.  (In the development pages no
    # article text ever follows one.)  The first heading of a list of other
    # stories on a line of its own ("Related", "More From ...") likewise:
    # site-grouped CV, fold assignments 0 / 1 / 2, 0.9148 / 0.9237 / 0.9174
    # (mean 0.9186) -> 0.9166 / 0.9242 / 0.9182 (0.9197), the model unchanged.
    # "The body's mass is before" means at least as many kept words before the
    # line as after it (until stop 16: twice as many, which left a Japanese
    # page's list of related posts and an English page's "Most Popular" list
    # in).  Fold models, fold assignments 0-2: the dumps 0.9213 -> 0.9244, and
    # every rendering of benchmarks/renderers.py as high or higher, by precision
    # alone on four pages; half as many scored higher still on the dumps but
    # emptied one page of one rendering, its "Most Popular" box above the
    # article under 377 kept words of captions (0.2 cut several articles).
    # Then the share prompt, the comment forms in translation and each match
    # tried in turn rather than the first alone: 0.9244 -> 0.9254, every
    # rendering as high or higher, again by precision alone.  In stop 17 an
    # author box's heading (_AUTHOR_BOX), after the introduced lists below:
    # CV of the dumps 0.9291 -> 0.9310, every rendering but one line +0.0019
    # to +0.0029, by precision alone on four pages.
    joined, breaks, _ = _joined(page)
    nwords = page_stats(page).nwords  # words as the features count them (Chinese, Japanese: two characters)
    # Only a line with kept lines both before and after it can cut (before >= after > 0): the patterns are
    # looked for between the first and the last kept line alone.
    kept_at = [i for i, k in enumerate(keep) if k]
    for pattern, reason in (
        (_COMMENT_FORM, "after comment form"), (_LIST_HEADING, "after list heading"),
        (_SHARE_HEADING, "after share prompt"), (_SHARE_BUTTONS, "after share buttons"),
        (_AUTHOR_BOX, "after author box"),
    ):
        if len(kept_at) < 2:
            break
        # The first such line with the body's mass before it (one in a menu above the body cuts nothing).
        # A match starting above the last kept line reads at most that line and the newline after it (two
        # lines for the share buttons and the author box): the search stops there, not at the page's end.
        last = kept_at[-1]
        stop = breaks[last + 1] + 1 if last + 1 < len(breaks) else len(joined)
        kept_words = None
        for m in pattern.finditer(joined, breaks[kept_at[0] + 1], stop):
            if m.start() >= breaks[kept_at[-1]]:
                break
            if kept_words is None:  # before line i: kept_words[i]
                kept_words = np.concatenate([[0.0], np.cumsum(np.where(keep, nwords, 0.0))])
            end = int(np.searchsorted(breaks, m.start(), side="right")) - 1  # the newline's line
            before, after = kept_words[end], kept_words[-1] - kept_words[end + 1]
            if after and before >= after:
                _drop(keep, reasons, range(end + 1, len(keep)), reason)
                kept_at = [i for i in kept_at if i <= end]
                break
    for i in [i for i, k in enumerate(keep) if k]:
        reason = _kept_junk(lines[i], len(page.words[i]))
        if reason is not None:
            keep[i] = False
            reasons[i] = reason
    # A sidebar's list of categories or archives with their post counts ("Wahabi (185)", "Mai 2019 (4)").
    _drop(keep, reasons, _count_lists(lines), "list with counts")
    # A teaser's image and link, one headline twice (see _echo_pairs).
    _drop(keep, reasons, _echo_pairs(page.words), "image and link text")
    # A wire story starts at its dateline: what the classifier kept above it, off the title's topic, is other
    # stories' teasers.  Fold models, fold assignments 0-2: CV of the dumps 0.9341 -> 0.9398, every rendering
    # +0.007 to +0.014, by precision on five pages (recall lower on one page of the one-line rendering, from
    # 1.0 to 0.965, its precision from 0.35 to 0.95).  Without a title, the story's first lines stand in for it
    # (dropping every kept line above the dateline then scored a little higher, 0.9336 against 0.9328 on
    # inscriptis, but would take a standfirst; nothing at all: 0.9319; the story's first lines in place of
    # the title on every page: the dumps 0.9369).
    _drop(keep, reasons, _above_dateline(page, keep, title), "above the dateline")
    # A list the article introduces with a colon ("... tour dates:", then "June 9 -- Coral Sky Amphitheatre, ...")
    # is the article's, however short and list-like its items: kept unless a rule above dropped them.  Fold
    # models, fold assignments 0-2: CV of the dumps 0.9268 -> 0.9291, every rendering but one line +0.0015 to
    # +0.0023, on one page (a tour's 30 dates); no page of any rendering lost precision.
    _restore(keep, reasons, _introduced_lists(page, keep))
    # So are an interview's rapid-fire questions and answers below the kept ones: CV of the dumps 0.9310 ->
    # 0.9324, every rendering but one line +0.0015, on one page; no page of any rendering lost precision.
    _restore(keep, reasons, _interview_runs(page, keep))
    # And a numbered list's last items, as long as the numbers go on: CV of the dumps 0.9324 -> 0.9337, every
    # rendering but one line +0.0008 to +0.0016, on two pages (precision lower on one in two renderings: its
    # article is there twice, and the second copy's items came in).
    _restore(keep, reasons, _numbered_tails(page, keep))
    # An article does not end on a fragment: short kept lines after the last
    # sentence of the body are labels or counters ("Hot this week", "Like (12)").
    last = max((i for i, k in enumerate(keep) if k), default=-1)
    while last >= 0 and keep[last] and len(page.words[last]) < 4 and not _SENTENCE_END.search(page.lines[last]):
        keep[last] = False
        reasons[last] = "trailing fragment"
        last = max((i for i, k in enumerate(keep[:last]) if k), default=-1)
    # Each line of the page kept or not, and why not: the furniture's kind, a rule's reason, else the
    # classifier's score (see _score_reasons); a line no rule dropped whose score is above the threshold was
    # dropped by the smoothing pass: it stands alone amid boilerplate.
    line_reasons = _score_reasons(scores, model.threshold)
    for i, reason in reasons.items():
        line_reasons[i] = reason
    all_keep, all_reasons = keep, line_reasons  # the same as the page's lines' when there is no furniture
    if len(positions) < len(full.lines):
        keep_full = np.zeros(len(full.lines), dtype=bool)
        keep_full[positions] = keep
        reason_full = np.array([kind or "furniture" for kind in furnished], dtype=object)
        reason_full[positions] = line_reasons
        all_keep, all_reasons = keep_full.tolist(), reason_full.tolist()
    dropped = [not k for k in all_keep]
    kept = list(compress(full.lines, all_keep))
    removed = list(zip(compress(full.lines, dropped), compress(all_reasons, dropped)))
    body_start = next((positions[i] for i, k in enumerate(keep) if k), None)
    title_line = None
    if title is not None:
        title_line = full.lines.index(title) if title in full.lines else 0 if full.lines else None
    return TextExtraction(
        title=title, text="\n\n".join(kept), kept=kept, removed=removed, lines=full.lines,
        title_line=title_line, body_start=body_start,
    )
