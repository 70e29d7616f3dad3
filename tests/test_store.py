"""Resume after a crash: committed batches are kept, the rest is done once."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk import api
from storydesk.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


def test_resume_after_crash_has_no_duplicates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.db")
    seen = 0

    def crash_on_fourth(rec: object) -> None:
        nonlocal seen
        seen += 1
        if seen == 4:
            raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError):
        api.ingest([str(SEEDS)], db, batch_size=2, progress=crash_on_fourth)
    assert Store(db).count_articles() == 2  # the first batch was committed, the second was not

    summary = api.ingest([str(SEEDS)], db, batch_size=2)
    assert summary.articles == 3 and summary.duplicates == 2
    assert Store(db).count_articles() == 5
    assert len({a.id for a in Store(db).articles()}) == 5
