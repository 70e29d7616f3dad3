"""Entities canonicalised across the seed pages, quote speakers, and stories that link events."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from storydesk.analysis.entities import entity_key, find_entities, name_index, speaker_entity, speaker_head
from storydesk.api import export_store, ingest
from storydesk.export import export_schema
from storydesk.quotes import find_quotes
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
    assert doc["schema_version"] == "1.7.0"
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


# --------------------------------------------------------------------------- speakers -> entities


def speakers_of(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    """Per quote text: (speaker as written, linked entity's name, its type), as ``analyse`` links them."""
    qs = find_quotes(text)
    res = find_entities([art("x", text)], {"x": [(q.speaker_start, q.speaker_end, q.speaker) for q in qs]})
    ents = res.by_id()
    names = name_index(res.entities)
    out = {}
    for q in qs:
        eid = speaker_entity(text, q.speaker, q.speaker_start, q.speaker_end, res.mentions["x"], names)
        out[q.text] = (q.speaker, ents[eid].name if eid else None, ents[eid].type if eid else None)
    return out


@pytest.mark.parametrize(
    "text, quote, name, typ",
    [
        # a title, role or demonym in front of the name is stripped: the name heads the phrase
        ("North Korean leader Kim Jong Un met aides. North Korean leader Kim Jong Un said: “We are ready.”",
         "We are ready.", "Kim Jong Un", "PERSON"),
        ("Japanese Minister of Foreign Affairs Yoko Kamikawa said the talks were “deeply worrying.”",
         "deeply worrying.", "Yoko Kamikawa", "PERSON"),
        ("Kremlin spokesman Dmitry Peskov said: “No comment.”", "No comment.", "Dmitry Peskov", "PERSON"),
        # a possessor in front of the head is a modifier
        ("Russia’s Putin said: “We agree.”", "We agree.", "Putin", "PERSON"),
        ("Kim Jong Un’s sister Kim Yo Jong said: “Never.”", "Never.", "Kim Yo Jong", "PERSON"),
        # an acronym in parentheses after the head is the same entity
        ("“The visit was a success,” the North’s Korean Central News Agency (KCNA) said.",
         "The visit was a success,", "Korean Central News Agency", "ORG"),
        # an organisation named by the whole head
        ("South Korea’s Foreign Ministry said: “We are watching closely.”",
         "We are watching closely.", "Foreign Ministry", "ORG"),
        ("The Bank of England said: “Rates stay.”", "Rates stay.", "Bank of England", "ORG"),
        # a pronoun goes through its antecedent
        ("Russian President Vladimir Putin arrived on Tuesday. “An old friend is better than two new ones,” he said.",
         "An old friend is better than two new ones,", "Vladimir Putin", "PERSON"),
    ],
)
def test_speaker_linked_to_the_name_heading_it(text: str, quote: str, name: str, typ: str) -> None:
    _, got, got_type = speakers_of(text)[quote]
    assert (got, got_type) == (name, typ)


@pytest.mark.parametrize(
    "text, quote",
    [
        # the name is a possessor or modifier of a common-noun head: not the speaker
        ("South Korea’s ruling party said: “This is a devil’s deal.” The talks in Seoul went on.",
         "This is a devil’s deal."),
        ("Kim Jong Un's sister said: “Never.”", "Never."),
        ("A Kremlin spokesman said: “Still no comment.”", "Still no comment."),
        # the name is inside a post-modifier ("from ...", "of ...") or a conjunct
        ("A senior official from the Presidential Office said: “The visit is imminent.”", "The visit is imminent."),
        ("The head of Japan’s ruling party said: “We object.”", "We object."),
        ("Kim and Putin said: “We agree.”", "We agree."),
        # a definite description resolved to a described speaker stays described
        ("A senior official from the Presidential Office said: “The visit is imminent.” The official added: “Dates are set.”",
         "Dates are set."),
    ],
)
def test_described_speaker_has_no_entity(text: str, quote: str) -> None:
    speaker, got, _ = speakers_of(text)[quote]
    assert got is None, (speaker, got)


def test_speaker_head_rules() -> None:
    text = "the North’s Korean Central News Agency (KCNA)"
    spans = [(12, 38, None), (40, 44, None)]  # "Korean Central News Agency", "KCNA"
    assert speaker_head(text, 0, len(text), spans) == 0
    text = "an aide to President Yoon"
    spans = [(21, 25, "President")]
    assert speaker_head(text, 0, len(text), spans) is None  # "to": the aide is the head
    text = "Finance Minister Ana Silva"
    spans = [(17, 26, "Finance Minister")]
    assert speaker_head(text, 0, len(text), spans) == 0
    assert speaker_head("Putin", 0, 5, [(0, 5, None)]) == 0
    assert speaker_head("Putin,", 0, 6, [(0, 5, None)]) == 0  # trailing punctuation
    assert speaker_head("Putin aides", 0, 11, [(0, 5, None)]) is None  # a following noun


SEED_SPEAKERS = {
    # speaker as written -> the linked entity's name (None: a described speaker)
    "North Korean leader Kim Jong Un": "Kim Jong Un",
    "Kim Jong Un": "Kim Jong Un",
    "Kim": "Kim Jong Un",
    "Putin": "Vladimir Putin",
    "KCNA": "Korean Central News Agency",
    "the North’s Korean Central News Agency (KCNA)": "Korean Central News Agency",
    "Japanese Minister of Foreign Affairs Yoko Kamikawa": "Yoko Kamikawa",
    "Moon": "Moon Seong Mook",
    "South Korea’s Foreign Ministry": "Foreign Ministry",
    "South Korea’s ruling party": None,
    "The head of South Korea’s ruling party": None,
    "A high-ranking official from the Presidential Office": None,
    "The joint statement": None,
}


def test_seed_speakers_linked(doc: dict[str, Any]) -> None:
    ents = {e["id"]: e for e in doc["entities"]}
    got: dict[str, set[str | None]] = {}
    for q in doc["quotes"]:
        e = ents[q["speaker_entity"]] if q["speaker_entity"] else None
        got.setdefault(q["speaker"], set()).add(e["name"] if e else None)
        # speaker_name: the entity's name, else the description as written
        assert q["speaker_name"] == (e["name"] if e else " ".join(q["speaker"].split()))
    assert got == {k: {v} for k, v in SEED_SPEAKERS.items()}
    assert ents[next(q["speaker_entity"] for q in doc["quotes"] if q["speaker"].startswith("Japanese"))]["type"] == "PERSON"
    # pronoun and description mentions keep their span on the mention as written
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    surfaces = {texts[q["article"]][q["speaker_start"] : q["speaker_end"]] for q in doc["quotes"]}
    assert {"He", "It", "The official"} <= surfaces


def _article(aid: str, text: str) -> Article:
    return Article(source=f"{aid}.txt", page_hash=(aid * 40)[:40], kind="text", text=text, id=aid)


def test_optional_spacy_model_from_a_local_directory(tmp_path: Path) -> None:
    # A real spaCy pipeline saved to disk (an entity ruler: no weights to download), loaded by path.
    spacy = pytest.importorskip("spacy")
    from storydesk.analysis.entities import EntityOptions

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "ORG", "pattern": "acme"},
        {"label": "ORG", "pattern": "Zorblax"},
        {"label": "GPE", "pattern": "Velmora"},
    ])
    model = tmp_path / "ner"
    nlp.to_disk(model)
    arts = [_article("a", "Shares of acme rose on Monday after analysts at Zorblax praised the deal in Velmora. "
                          "The deal gives acme a new plant, Zorblax said.")]
    plain = {e.name: e.type for e in find_entities(arts).entities}
    modelled = {e.name: e.type for e in find_entities(arts, options=EntityOptions(model=str(model))).entities}
    assert "acme" not in plain and modelled["acme"] == "ORG"  # lower case: the rules cannot see it
    assert plain.get("Zorblax") != "ORG" and modelled["Zorblax"] == "ORG"  # the model's type outvotes "Zorblax said"
    assert modelled["Velmora"] == "PLACE"


def test_entity_model_must_be_a_local_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from storydesk.cli import main

    db = str(tmp_path / "s.db")
    ingest([str(SEEDS / "004_fc915dbf88c22944.txt")], db)
    assert main(["export", "--db", db, "--ner-model", str(tmp_path / "no-such-model")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not a local directory" in err and "no-such-model" in err
