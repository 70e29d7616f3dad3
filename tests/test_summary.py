"""Per-story summary, timeline, claims and contradictions: spans, independence, order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storydesk.analysis import Story, analyse
from storydesk.analysis.copies import CopyGroup
from storydesk.analysis.dates import EventDate
from storydesk.analysis.events import Event
from storydesk.analysis.summary import DigestOptions, digest_story, sentence_similarity, split_sentences
from storydesk.api import export_store, ingest
from storydesk.export import export_schema
from storydesk.records import Article

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("summary") / "s.db")
    assert ingest([str(SEEDS)], db).articles == 5
    return export_store(db)


@pytest.fixture(scope="module")
def ids(doc: dict[str, Any]) -> dict[str, str]:
    return {Path(a["source"]).name[:3]: a["id"] for a in doc["articles"]}


def story_of(doc: dict[str, Any], article_id: str) -> dict[str, Any]:
    event_ids = {e["id"] for e in doc["events"] if article_id in e["articles"]}
    return next(s for s in doc["stories"] if event_ids & set(s["events"]))


def test_export_validates(doc: dict[str, Any]) -> None:
    jsonschema.validate(doc, export_schema())
    assert doc["schema_version"] == "1.7.0"


def test_every_item_slices_to_its_text(doc: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    n = 0
    for s in doc["stories"]:
        assert s["summary"] and s["timeline"]
        for item in s["summary"] + s["timeline"] + s["claims"]:
            assert texts[item["article"]][item["start"] : item["end"]] == item["text"], item
            assert item["text"].strip() == item["text"] and item["text"]
            n += 1
        for claim in s["claims"]:
            for sp in claim["supported_by"]:
                assert texts[sp["article"]][sp["start"] : sp["end"]]
                assert sp["article"] != claim["article"]
        for c in s["contradictions"]:
            for sp in c["spans"]:
                assert texts[sp["article"]][sp["start"] : sp["end"]]
    assert n >= 10


def test_rewrite_is_one_independent_source(doc: dict[str, Any], ids: dict[str, str]) -> None:
    story = story_of(doc, ids["001"])
    rewrite, original = ids["001"], ids["002"]
    assert story["claims"], "the four reports of the summit corroborate each other"
    for claim in story["claims"]:
        cited = {claim["article"]} | {sp["article"] for sp in claim["supported_by"]}
        assert rewrite not in cited  # the copy is collapsed into its original
        assert cited != {original}
        assert len(cited) == claim["independent_sources"] >= 2
    counts = [c["independent_sources"] for c in story["claims"]]
    assert counts == sorted(counts, reverse=True)
    for item in story["summary"] + story["timeline"]:
        assert rewrite not in item["sources"] and item["article"] != rewrite
    # the summit's timeline item is the one citing the original, its rewrite counted in it
    (summit,) = [t for t in story["timeline"] if original in t["sources"]]
    assert rewrite not in summit["sources"]
    assert {ids["002"], ids["003"], ids["004"]} <= set(summit["sources"])  # 002 (with its rewrite 001), 003, 004


def test_claims_are_corroborated_within_one_event(doc: dict[str, Any], ids: dict[str, str]) -> None:
    # 000 (the 2024 announcement) and the summit reports share "Putin", "visit" and
    # "North Korea", but 000 confirms nothing the summit reports say, nor contradicts them.
    event_of = {a: e["id"] for e in doc["events"] for a in e["articles"]}
    story = story_of(doc, ids["000"])
    for claim in story["claims"]:
        cited = {claim["article"]} | {sp["article"] for sp in claim["supported_by"]}
        assert len({event_of[a] for a in cited}) == 1, claim["text"]
    for c in story["contradictions"]:
        assert len({event_of[sp["article"]] for sp in c["spans"]}) == 1


def test_summary_is_article_prose_without_repeats(doc: dict[str, Any]) -> None:
    by_id = {a["id"]: a for a in doc["articles"]}
    for story in doc["stories"]:
        summary = story["summary"]
        assert 3 <= len(summary) <= 5
        for item in summary:
            assert item["text"][-1] in ".!?”\"’)"
            assert len(item["text"].split()) >= 8
            assert not item["text"].startswith(("—", "-"))
            for junk in ("iPhone", "Exorcist", "CHARM OFFENSIVE", "Okinawa"):
                assert junk not in item["text"]
            assert item["article"] in item["sources"]
            assert by_id[item["article"]]["text"].count(item["text"]) >= 1
        for i, a in enumerate(summary):
            for b in summary[i + 1 :]:
                assert sentence_similarity(a["text"], b["text"]) < DigestOptions().redundancy, (a["text"], b["text"])


def test_timeline_in_date_order(doc: dict[str, Any]) -> None:
    events = {e["id"]: e for e in doc["events"]}
    for story in doc["stories"]:
        assert [t["event"] for t in story["timeline"]] and {t["event"] for t in story["timeline"]} == set(story["events"])
        keys = []
        for t in story["timeline"]:
            d = events[t["event"]]["date"]
            assert t["date"] == {"value": d["value"], "basis": d["basis"], "before": d["before"]}
            keys.append((t["date"]["value"] is None, t["date"]["value"] or ""))
        assert keys == sorted(keys)


# --------------------------------------------------------------------------- synthetic


def art(aid: str, text: str) -> Article:
    return Article(source=f"{aid}.txt", page_hash=aid * 8, kind="text", text=text, id=aid)


REPORT_A = (
    "Quake in the hills\n\n"
    "A powerful earthquake struck the mountain town of Velmora early on Monday and killed 12 people, the regional "
    "emergency service said.\n\n"
    "Rescue teams searched collapsed houses through the night while aftershocks rattled the valley, officials said.\n\n"
    "The governor declared three days of mourning and promised aid to families who lost their homes in the disaster."
)
REPORT_B = (
    "An earthquake in the mountain town of Velmora on Monday killed 15 people, according to the regional emergency "
    "service.\n\n"
    "Schools across the province stayed closed as engineers inspected bridges and roads for damage after the tremor.\n\n"
    "Residents said the shaking lasted nearly a minute and that many older stone buildings in the centre collapsed."
)


def test_number_contradiction_between_independent_reports() -> None:
    a, b = art("a1", REPORT_A), art("a2", REPORT_B)
    articles = {x.id: x for x in (a, b)}
    event = Event("e1", "Quake", ["a1", "a2"])
    digest = digest_story(
        Story("s1", "Quake", ["e1"]), {"e1": event}, articles, [], {"e1": EventDate(None, "unknown")}, {}
    )
    numbers = [c for c in digest.contradictions if c["kind"] == "number"]
    assert numbers, digest.contradictions
    c = numbers[0]
    assert c["values"] == ["12 people", "15 people"]
    assert {sp["article"] for sp in c["spans"]} == {"a1", "a2"}
    for sp in c["spans"]:
        assert "killed" in articles[sp["article"]].text[sp["start"] : sp["end"]]
    assert digest.claims and digest.claims[0]["independent_sources"] == 2
    # A copy of the same report is no corroboration and no contradiction.
    group = CopyGroup("c1", ["a1", "a2"], "a1", {"a1": "original", "a2": "rewrite"}, [], "test")
    alone = digest_story(
        Story("s1", "Quake", ["e1"]), {"e1": event}, articles, [group], {"e1": EventDate(None, "unknown")}, {}
    )
    assert not alone.claims and not alone.contradictions
    assert all(item["sources"] == ["a1"] for item in alone.summary)


def test_analyse_fills_digests() -> None:
    analysis = analyse([art("a1", REPORT_A), art("a2", REPORT_B)])
    assert set(analysis.digests) == {s.id for s in analysis.stories}
    for d in analysis.digests.values():
        assert d.summary and d.timeline


def test_sentence_filters() -> None:
    text = (
        "Top stories\n\n"
        "The council approved the new budget on Tuesday after a long debate, the mayor said.\n\n"
        "Subscribe to our newsletter for more news.\n\n"
        "company's annual event. On September 12, Apple will take...\n\n"
        "‘BIG LABEL’: Something else happened somewhere else entirely, a newspaper reported on Saturday.\n\n"
        "Officials in the U.S. State Department said the talks would resume next week in the capital city."
    )
    a = art("a9", text)
    sents = [s.text for s in split_sentences(a)]
    assert sents == [
        "The council approved the new budget on Tuesday after a long debate, the mayor said.",
        "Officials in the U.S. State Department said the talks would resume next week in the capital city.",
    ]


def test_story_page_shows_the_digest(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx2")
    from fastapi.testclient import TestClient

    from storydesk.web import create_app

    db = str(tmp_path / "s.db")
    ingest([str(SEEDS)], db)
    with TestClient(create_app(db)) as client:
        snap = client.app.state.cache.get()  # type: ignore[attr-defined]
        big = snap.biggest[0]
        html = client.get(f"/stories/{big}").text
        assert "Summary" in html and "Timeline" in html and "Corroborated claims" in html
        top = snap.analysis.digests[big].claims[0]["independent_sources"]
        assert top >= 2 and f"{top} independent sources" in html
        digest = snap.analysis.digests[big]
        assert f'href="/articles/{digest.summary[0]["article"]}"' in html
        item = client.get("/api/stories").json()[0]
        jsonschema.validate(item, export_schema()["properties"]["stories"]["items"])


def test_sentences_sharing_only_names_do_not_corroborate() -> None:
    # Both name Putin, Russia and North Korea; one says Kim invited him, the other that his visit is near.
    invited = art("b1", "North Korean leader Kim Jong Un has extended an invitation to Russian President Vladimir "
                        "Putin to visit North Korea during their talks in Russia, state media reported on Thursday.")
    imminent = art("b2", "Russian President Vladimir Putin is expected to visit North Korea soon, a South Korean "
                         "official told a press conference in Astana on Wednesday.")
    accepted = art("b3", "Russian President Vladimir Putin has accepted an invitation from Kim Jong Un to visit "
                         "North Korea, the North's state media reported after their talks.")
    articles = {x.id: x for x in (invited, imminent, accepted)}

    def claims(*ids: str) -> list[dict[str, Any]]:
        event = Event("e1", "Visit", list(ids))
        return digest_story(
            Story("s1", "Visit", ["e1"]), {"e1": event}, articles, [], {"e1": EventDate(None, "unknown")}, {}
        ).claims

    assert claims("b1", "b2") == []
    (claim,) = claims("b1", "b3")
    assert {claim["article"]} | {sp["article"] for sp in claim["supported_by"]} == {"b1", "b3"}
