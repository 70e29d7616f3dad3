"""Publication vs crawl vs page dates, event dates and late copies."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date as date_cls
from pathlib import Path

from storydesk.analysis import analyse
from storydesk.api import extract_files
from storydesk.records import Article, DateValue
from storydesk.temporal.published import date_html_page, date_text_page

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


def test_site_header_is_a_bound_not_a_publication_date() -> None:
    lines = ["Saturday, January 18, 2025", "Home | World", "Minister resigns over budget row", "The minister ..."]
    d = date_text_page(lines, title_line=2, body_start=3)
    assert d.published is None
    assert d.published_before is not None and d.published_before.value == "2025-01-18"
    assert d.evidence[0].kind == "site-header"


def test_byline_between_title_and_body_is_the_publication_date() -> None:
    lines = ["Minister resigns over budget row", "By Jane Doe | March 3, 2023 at 4:02 pm", "The minister resigned ..."]
    d = date_text_page(lines, title_line=0, body_start=2, fetched_at="2024-01-05T10:00:00Z")
    assert d.published is not None and d.published.value == "2023-03-03"
    assert "byline" in d.published.evidence and d.published.confidence >= 0.5
    assert d.published_before is not None and d.published_before.value == "2024-01-05"  # the crawl


def test_machine_stamp_is_not_a_publication_date() -> None:
    lines = ["Live updates: leaders meet", "Date:2025-04-19 04:40:05", "The leaders met on Wednesday ..."]
    d = date_text_page(lines, title_line=0, body_start=2)
    assert d.published is None
    assert d.published_before is not None and d.published_before.value == "2025-04-19"


def test_publication_date_contradicted_by_the_page_is_dropped() -> None:
    lines = ["Monday, May 6, 2019", "Council approves budget", "Posted June 1, 2019 at 9:00 am", "The council ..."]
    d = date_text_page(lines, title_line=1, body_start=3)
    assert d.published is None
    assert d.conflicts and "2019-06-01" in d.conflicts[0]


def test_html_markup_date_bounded_by_crawl() -> None:
    d = date_html_page("2020-02-01", "2020-01-15T00:00:00Z")
    assert d.published is None and d.conflicts  # published after it was crawled: impossible
    d = date_html_page("2020-01-10", "2020-01-15T00:00:00Z")
    assert d.published is not None and d.published.value == "2020-01-10"


def test_seed_pages_get_no_made_up_dates() -> None:
    by_seed = {Path(a.source).name[:3]: a for a in extract_files(sorted(map(str, SEEDS.glob("*.txt"))))}
    assert all(isinstance(a, Article) for a in by_seed.values())
    assert all(a.published is None for a in by_seed.values())  # none of them states its publication date
    assert by_seed["000"].published_before.value == "2025-01-18"  # the site's "today" header
    assert by_seed["003"].published_before.value == "2025-04-19"  # the content farm's stamp
    kinds = {e["kind"] for e in by_seed["003"].date_evidence}
    assert kinds == {"page-stamp"}


def _article(aid: str, text: str, published: str | None, stamp: str | None = None) -> Article:
    return Article(
        source=f"{aid}.txt",
        page_hash=aid * 10,
        kind="text",
        text=text,
        title="Leaders meet at the cosmodrome",
        published=DateValue(published, "byline: test", 0.7) if published else None,
        date_evidence=[{"value": stamp, "kind": "page-stamp", "text": f"Date:{stamp} 04:40:05", "line": 1}]
        if stamp
        else [],
        id=aid,
    )


def test_event_date_from_the_texts_and_late_copy_flag() -> None:
    body = (
        "North Korean leader Kim Jong Un met Russian President Vladimir Putin at the Vostochny cosmodrome "
        "on Wednesday, state media said. The leaders discussed military cooperation and the space program, "
        "and Kim invited Putin to visit Pyongyang."
    )
    a = _article("a1", body, "2023-09-14")
    b = _article("b2", body.replace("state media said", "officials said"), "2023-09-13")
    c = _article("c3", body.replace("Wednesday", "the day before"), None, stamp="2025-04-19")
    result = analyse([a, b, c])
    (event,) = [e for e in result.events if "a1" in e.articles]
    assert set(event.articles) == {"a1", "b2", "c3"}
    date = result.event_dates[event.id]
    assert date.value == "2023-09-13" and date.basis == "text"
    assert all(ev["text"] == "Wednesday" for ev in date.evidence)
    assert {ev["article"] for ev in date.evidence} == {"a1", "b2"}
    assert set(result.late) == {"c3"}
    assert result.late["c3"].gap_days == (date_cls(2025, 4, 19) - date_cls(2023, 9, 13)).days
    assert result.late["c3"].kind == "page-stamp"


def test_event_without_any_date_stays_unknown_with_a_bound() -> None:
    a = _article("a1", "Kim met Putin on Wednesday at the cosmodrome, officials said on Thursday.", None)
    a.published_before = DateValue("2025-01-18", "site-header: Saturday, January 18, 2025", 0.9)
    result = analyse([a])
    date = next(iter(result.event_dates.values()))
    assert date.value is None and date.basis == "unknown" and date.before == "2025-01-18"
    # Without an anchor, relative expressions stay partly unresolved rather than guessed.
    assert [t.value for t in result.timexes["a1"]] == ["XXXX-WXX-3", "XXXX-WXX-4"]


def test_timex_cli() -> None:
    lines = [
        {"id": 1, "text": "Kim met Putin on Wednesday, KCNA said yesterday.", "anchor": "2023-09-14"},
        {"id": 2, "text": "It happened on the 12th.", "anchor": None},
    ]
    res = subprocess.run(
        [sys.executable, "-m", "storydesk", "timex"],
        input="\n".join(json.dumps(x) for x in lines) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    out = [json.loads(x) for x in res.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    first = out[0]["timexes"]
    assert [(t["text"], t["value"]) for t in first] == [("Wednesday", "2023-09-13"), ("yesterday", "2023-09-13")]
    assert all(lines[0]["text"][t["start"] : t["end"]] == t["text"] for t in first)
    assert out[1]["timexes"][0]["value"] == "XXXX-XX-12"
