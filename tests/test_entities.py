"""Entities canonicalised across the seed pages, quote speakers, and stories that link events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storydesk.analysis.entities import entity_key, find_entities
from storydesk.api import export_store, ingest
from storydesk.export import export_schema
from storydesk.records import Article

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("ent") / "s.db")
    ingest([str(SEEDS)], db)
    return export_store(db)


@pytest.fixture(scope="module")
def ids(doc: dict[str, Any]) -> dict[str, str]:
    return {Path(a["source"]).name[:3]: a["id"] for a in doc["articles"]}


def entity_of(doc: dict[str, Any], surface: str) -> dict[str, Any]:
    """The entity mentioned as ``surface`` somewhere (exactly one)."""
    found = {
        m["entity"] for a in doc["articles"] for m in a["mentions"] if m["text"] == surface
    }
    assert len(found) == 1, (surface, found)
    (eid,) = found
    return next(e for e in doc["entities"] if e["id"] == eid)


def test_export_validates(doc: dict[str, Any]) -> None:
    jsonschema.validate(doc, export_schema())
    assert doc["schema_version"] == "1.6.0"
    assert len({e["id"] for e in doc["entities"]}) == len(doc["entities"])


def test_name_variants_are_one_entity(doc: dict[str, Any]) -> None:
    kim = entity_of(doc, "Kim Jong Un")
    assert entity_of(doc, "Kim Jong-un") == kim
    assert kim["type"] == "PERSON" and kim["name"] == "Kim Jong Un"
    putin = entity_of(doc, "Vladimir Putin")
    assert entity_of(doc, "Putin") == putin and putin["type"] == "PERSON"
    nk = entity_of(doc, "North Korea")
    assert entity_of(doc, "DPRK") == nk and nk["type"] == "PLACE"
    assert entity_of(doc, "KCNA")["type"] == "ORG"
    assert entity_of(doc, "KCNA") == entity_of(doc, "Korean Central News Agency")
    assert entity_of(doc, "Kim Gunn")["id"] != kim["id"]
    assert entity_of(doc, "U.S.") == entity_of(doc, "United States")


def test_titles_are_roles_not_names(doc: dict[str, Any]) -> None:
    names = {e["name"] for e in doc["entities"]}
    assert "Vladimir Putin" in names and "Yoko Kamikawa" in names
    assert not any(n.split()[0] in ("Russian", "President", "Minister", "Comrade") for n in names)


def test_mention_spans(doc: dict[str, Any]) -> None:
    known = {e["id"] for e in doc["entities"]}
    n = 0
    for a in doc["articles"]:
        for m in a["mentions"]:
            assert a["text"][m["start"] : m["end"]] == m["text"]
            assert m["entity"] in known
            n += 1
    assert n > 100


def test_quote_speaker_entity(doc: dict[str, Any]) -> None:
    kim = entity_of(doc, "Kim Jong Un")
    putin = entity_of(doc, "Vladimir Putin")
    by_text = {q["text"]: q for q in doc["quotes"]}
    assert by_text["We will always be with Russia,"]["speaker_entity"] == kim["id"]
    assert by_text["An old friend is better than two new ones,"]["speaker_entity"] == putin["id"]
    known = {e["id"] for e in doc["entities"]}
    assert all(q["speaker_entity"] is None or q["speaker_entity"] in known for q in doc["quotes"])


def test_seeds_are_one_story(doc: dict[str, Any], ids: dict[str, str]) -> None:
    (story,) = doc["stories"]
    events = {e["id"]: e for e in doc["events"]}
    assert set(story["events"]) == set(events)
    assert len(story["events"]) == 2
    keys = [
        (events[e]["date"]["value"] is None, events[e]["date"]["value"] or events[e]["date"]["before"] or "9999")
        for e in story["events"]
    ]
    assert keys == sorted(keys)  # date order, unknown dates last (by their bound)
    summit = next(e for e in story["events"] if ids["002"] in events[e]["articles"])
    assert story["title"] == events[summit]["title"]  # the most central event (most sources)
    assert {t["event"] for t in story["timeline"]} == set(story["events"])


def art(aid: str, text: str) -> Article:
    return Article(source=f"{aid}.txt", page_hash=aid * 8, kind="text", text=text, id=aid)


def test_small_rules() -> None:
    text = (
        "The talks in Seoul went on. Russian President Vladimir Putin met North Korean leader Kim Jong Un, "
        "and South Korea's envoy Kim Gunn said the talks failed. Kim Gunn later spoke to Kim Jong Un's aides. "
        "Kim said nothing. The Korean Central News Agency (KCNA) reported it. KCNA said Putin left on Monday."
    )
    res = find_entities([art("x", text)])
    ents = res.by_id()
    by_text: dict[str, set[str]] = {}
    for m in res.mentions["x"]:
        assert text[m.start : m.end] == m.text
        by_text.setdefault(m.text, set()).add(ents[m.entity].name)
    assert by_text["Putin"] == {"Vladimir Putin"}
    assert by_text["KCNA"] == {"Korean Central News Agency"}
    assert by_text["Kim Gunn"] == {"Kim Gunn"}
    assert "Kim" not in by_text or by_text["Kim"] != {"Kim Gunn"}
    assert "Monday" not in by_text and "The" not in by_text
    assert entity_key("Kim Jong-un") == entity_key("Kim Jong Un") == "kim jong un"
    assert entity_key("U.S.") == "us"
