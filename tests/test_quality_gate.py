"""Quality gate: development-set extraction F1 must not drop below pinned floors.

Floors are pinned a little under the measured figures (see benchmarks/extraction.py);
a change that lowers them fails CI.  Skipped with a message when ../shared/data is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import require_data

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

HTML_F1_FLOOR = 0.970  # measured 0.9765 (trafilatura precision mode + the leak filter of extract/html.py)
TEXT_F1_FLOOR = 0.983  # in-sample (the packaged model was trained on these pages): measured 0.9925
# The honest figure: 5-fold cross-validation grouped by site (models retrained on the other sites'
# dumps, fold assignment 0), measured 0.9404 (0.9416 averaged over fold assignments 0, 1, 2; the
# shipped recipe, which also trains on the training sites' other renderings, 0.9429 / 0.9462 /
# 0.9408, mean 0.9433, is not gated: it needs the renderers); a little under it for LightGBM's
# platform noise.  (Training has been deterministic since stop 13: no row or feature sampling.)
# 0.907 until stop 16, whose rules after the classifier (list headings in more languages and at
# an even split, share prompts, bylines, credits, category counts) took fold assignment 0 from 0.9131
# to 0.9224; 0.915 until stop 17, whose rules (lists an article introduces or numbers and an
# interview's answers kept; author boxes, teasers above a wire dateline, captions with credits,
# calls to click, bylines without dates and page widgets dropped) took it to 0.9404.
TEXT_CV_F1_FLOOR = 0.932


def test_html_extraction_f1_floor() -> None:
    data = require_data("extraction", "scrapinghub").parents[1]
    from extraction import bench_html

    score, _ = bench_html(data)
    assert score.f1 >= HTML_F1_FLOOR, score


def test_textdump_extraction_f1_floor() -> None:
    data = require_data("extraction", "textdumps").parents[1]
    from extraction import bench_text

    score, _ = bench_text(data, repeat=1)
    assert score.f1 >= TEXT_F1_FLOOR, score


def test_textdump_cross_validated_f1_floor() -> None:
    path = require_data("extraction", "textdumps", "textdumps.jsonl")
    from storydesk.extract.train import cross_validate, load

    f1 = cross_validate(load(path), 5)
    assert f1 >= TEXT_CV_F1_FLOOR, f1
