"""The web UI and JSON API through FastAPI's TestClient, over real SQLite stores.

One store holds the five seed pages; another holds crafted hostile pages
whose title, body and URL try to inject script.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx2")

from fastapi.testclient import TestClient
from markupsafe import escape

from storydesk.api import ingest
from storydesk.export import export_schema
from storydesk.store import Store
from storydesk.web import create_app
from storydesk.web.search import SearchIndex
from storydesk.web.security import CSP, http_url

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"

HOSTILE_TEXT = f"""Evil News Today

{SCRIPT} Rocket launch postponed {IMG}

The regional space agency said on Tuesday that the rocket launch planned for next week had been postponed because \
of bad weather, officials told reporters at the {SCRIPT} press centre near the launch site.

"We will not take any risks with the crew," the agency director said, adding that a new date would be announced \
once the forecast improved. Visitors can read more at {JS_LINK} and at {IMG} the agency website.

Engineers at the cosmodrome spent the weekend checking the fuel lines and the guidance system, and the director said \
the inspection had found no faults that would delay the launch further. <a href="{JS_LINK}">{JS_LINK}</a>

The launch will carry two satellites for weather forecasting and a small research payload built by university \
students, according to a statement published by the agency on its website.

The {IMG} director of the launch site said on Wednesday: "We will try again next month."
"""
HOSTILE_SPEAKER = f"The {IMG} director of the launch site"

HOSTILE_HTML = f"""<!doctype html><html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; Harbour fire \
&lt;img src=x onerror=alert(1)&gt;</title></head><body><article>
<h1>&lt;script&gt;alert(1)&lt;/script&gt; Harbour fire &lt;img src=x onerror=alert(1)&gt;</h1>
<p>A fire broke out in the old harbour warehouse on Monday night, the fire brigade said, and crews fought the blaze \
for six hours before bringing it under control. &lt;script&gt;alert(1)&lt;/script&gt; No one was injured.</p>
<p>The brigade's spokesman said the cause of the fire was not yet known and that investigators would inspect the \
building once it was safe. &lt;img src=x onerror=alert(1)&gt; Residents were asked to keep their windows closed.</p>
<p>Read the report at <a href="{JS_LINK}">{JS_LINK}</a>; the harbour authority said the warehouse had been empty \
for several months and was due to be demolished next year under the waterfront redevelopment plan.</p>
</article></body></html>"""


def write_hostile_pages(folder: Path) -> None:
    """A text dump, a JSONL text page with a javascript: URL, and one with an https URL."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "evil.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    lines = [
        {"id": "js-url", "url": JS_LINK, "html": HOSTILE_HTML},
        {"id": "https-url", "url": "https://example.com/news/harbour-fire", "text": HOSTILE_TEXT.replace(
            "Evil News Today", "Harbour Gazette")},
    ]
    (folder / "evil.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("web") / "seeds.db")
    summary = ingest([str(SEEDS)], db)
    assert summary.articles == 5
    return db


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    write_hostile_pages(folder / "pages")
    db = str(folder / "hostile.db")
    summary = ingest([str(folder / "pages")], db)
    assert summary.articles == 3, summary.line()
    return db


@pytest.fixture(scope="module")
def client(seed_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db)) as c:
        yield c


@pytest.fixture(scope="module")
def ids(seed_db: str) -> dict[str, str]:
    """Seed file prefix (000..004) -> article id."""
    return {Path(a.source).name[:3]: a.id for a in Store(seed_db).articles()}


def item_schema(key: str) -> dict:
    return export_schema()["properties"][key]["items"]


def story_of(client: TestClient, article_id: str) -> str:
    for s in client.get("/api/stories").json():
        doc = client.get(f"/api/stories/{s['id']}").json()
        if any(a["id"] == article_id for a in doc["articles"]):
            return s["id"]
    raise AssertionError(f"{article_id} is in no story")


def html_ok(r) -> str:  # type: ignore[no-untyped-def]
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == CSP
    return r.text


# --------------------------------------------------------------------------- pages


def test_story_list(client: TestClient) -> None:
    page = html_ok(client.get("/"))
    assert "Recent" in page and "Biggest" in page
    assert 'action="/search"' in page
    assert "Kim Jong Un invites Putin to North Korea" in page
    # both seed events are one story (linked by Putin and North Korea), titled by its most central event
    assert "1 story from 5 articles" in page
    assert "4 distinct sources" in page  # the 001/002 rewrite counts once
    assert "Kim Jong Un invites Putin to North Korea" in html_ok(client.get("/stories?sort=biggest"))


def test_story_pages_show_every_event(client: TestClient, ids: dict[str, str]) -> None:
    analysis = client.app.state.cache.get().analysis  # type: ignore[attr-defined]
    assert analysis.events
    for ev in analysis.events:
        sid = client.app.state.cache.get().story_of_event[ev.id]  # type: ignore[attr-defined]
        page = html_ok(client.get(f"/stories/{sid}"))
        assert f'id="{ev.id}"' in page
        assert str(escape(ev.title)) in page
        assert "<svg" in page and 'class="chart"' in page  # the timeline
        for aid in ev.articles:
            assert f'href="/articles/{aid}"' in page
        # the seed events are undated with a "before" bound
        assert "on or before" in page


def test_story_page_rewrite_is_one_source(client: TestClient, ids: dict[str, str]) -> None:
    sid = story_of(client, ids["001"])
    page = html_ok(client.get(f"/stories/{sid}"))
    cards = re.findall(r'<li class="source[^"]*">(.*?)</li>\s*(?=<li class="source|</ol>)', page, re.DOTALL)
    assert len(cards) == 4  # the story's five articles, four sources (000 is in the same story)
    together = [c for c in cards if f"/articles/{ids['001']}" in c and f"/articles/{ids['002']}" in c]
    assert len(together) == 1
    card = together[0]
    # the original (002) leads, the rewrite (001) is flagged as such
    assert card.index(f"/articles/{ids['002']}") < card.index(f"/articles/{ids['001']}")
    assert "rewrite of" in card
    assert "4 sources" in page and "5 articles" in page
    assert "Who said what" in page and "Kim Jong Un" in page  # quotes grouped by speaker


SPEAKER_GROUP = re.compile(
    r'<div class="speaker"(?: data-entity="(?P<entity>[^"]*)")?>\s*<h3>(?P<name>.*?) <span class="count">(?P<n>\d+)</span></h3>'
    r'\s*(?:<p class="aliases">as (?P<aliases>.*?)</p>)?',
    re.DOTALL,
)


def speaker_groups(page: str) -> list[dict]:
    return [
        {"entity": m["entity"], "name": m["name"], "n": int(m["n"]), "aliases": m["aliases"].split("; ") if m["aliases"] else []}
        for m in SPEAKER_GROUP.finditer(page)
    ]


def test_story_page_groups_quotes_by_speaker_entity(client: TestClient, ids: dict[str, str]) -> None:
    sid = story_of(client, ids["001"])
    page = html_ok(client.get(f"/stories/{sid}"))
    groups = speaker_groups(page)
    by_name = {g["name"]: g for g in groups}
    assert len(by_name) == len(groups)  # one group per speaker
    names = [g["name"] for g in groups]
    counts = [g["n"] for g in groups]
    assert counts == sorted(counts, reverse=True)  # most quoted first
    # Kim Jong Un's quotes are together, under his name, with the ways the articles name him
    kim = by_name["Kim Jong Un"]
    assert names[0] == "Kim Jong Un" and kim["entity"]
    assert {"Kim", "North Korean leader Kim Jong Un"} <= set(kim["aliases"])
    kcna = by_name["Korean Central News Agency"]
    assert {"KCNA", str(escape("the North’s Korean Central News Agency (KCNA)"))} <= set(kcna["aliases"])
    assert "Putin" in by_name["Vladimir Putin"]["aliases"]
    assert "Yoko Kamikawa" in by_name and by_name["Foreign Ministry"]["entity"]
    # no group under a surface form of a linked speaker, and no country for a party
    assert not {"Kim", "North Korean leader Kim Jong Un", "KCNA", "Putin", "South Korea"} & set(by_name)
    # described speakers are grouped by their description, with no entity
    for described in ("A high-ranking official from the Presidential Office", "South Korea’s ruling party",
                      "The head of South Korea’s ruling party", "The joint statement"):
        g = by_name[str(escape(described))]
        assert g["entity"] is None and g["aliases"] == [], described
    assert by_name["A high-ranking official from the Presidential Office"]["n"] >= 3  # "The official" joins it
    # the API gives the same groups
    doc = client.get(f"/api/stories/{sid}").json()
    spec = client.get("/openapi.json").json()["components"]["schemas"]
    for g in doc["speakers"]:
        jsonschema.validate(g, spec["SpeakerGroup"])
    assert [str(escape(g["speaker"])) for g in doc["speakers"]] == names
    assert [len(g["quotes"]) for g in doc["speakers"]] == counts
    assert doc["speakers"][0]["entity"] == kim["entity"]
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for g in doc["speakers"]:
        for q in g["quotes"]:
            assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
    # the story's quotes carry their speaker's entity and canonical name
    kim_quotes = [q for q in doc["quotes"] if q["speaker_entity"] == kim["entity"]]
    assert {q["speaker"] for q in kim_quotes} >= {"Kim", "North Korean leader Kim Jong Un"}
    assert {q["speaker_name"] for q in kim_quotes} == {"Kim Jong Un"}


def test_story_meta_counts_events_once(client: TestClient, ids: dict[str, str]) -> None:
    sid = story_of(client, ids["001"])
    page = html_ok(client.get(f"/stories/{sid}"))
    n = len(client.app.state.cache.get().analysis.events)  # type: ignore[attr-defined]
    label = f"{n} event" + ("s" if n != 1 else "")
    head = re.search(r'<header class="story-head">.*?</header>', page, re.DOTALL).group()
    assert head.count(f"<span>{label}</span>") == 1
    assert "on or before " in head  # undated events: the story's bound
    card = re.search(r'<li class="story-card">.*?</li>', html_ok(client.get("/")), re.DOTALL).group()
    assert len(re.findall(r"\b\d+ events?\b", card)) <= 1  # a one-event story's card shows its date instead


def test_story_date_label() -> None:
    from datetime import date

    from storydesk.web.data import story_date_label

    a, b, c = date(2023, 9, 13), date(2024, 6, 18), date(2025, 1, 18)
    assert story_date_label([a, b], []) == "13 Sep 2023 – 18 Jun 2024"
    assert story_date_label([a, a], []) == "13 Sep 2023"
    assert story_date_label([a], [c]) == "13 Sep 2023 – on or before 18 Jan 2025"
    assert story_date_label([b], [a]) == "18 Jun 2024"
    assert story_date_label([], [a, c]) == "on or before 18 Jan 2025"
    assert story_date_label([], []) == "dates unknown"


def test_article_page_names_the_speaker(client: TestClient, ids: dict[str, str]) -> None:
    page = html_ok(client.get(f"/articles/{ids['003']}"))
    assert "— Kim Jong Un (as “North Korean leader Kim Jong Un”)" in page and "— Kim Jong Un (as “Kim”)" in page
    assert "— Foreign Ministry (as “South Korea’s Foreign Ministry”)" in page


def test_article_page(client: TestClient, ids: dict[str, str], seed_db: str) -> None:
    art = next(a for a in Store(seed_db).articles() if a.id == ids["000"])
    page = html_ok(client.get(f"/articles/{art.id}"))
    assert str(escape(art.title)) in page
    details = re.search(r'<details class="removed">(.*?)</details>', page, re.DOTALL)
    assert details, "removed boilerplate is not in a <details>"
    assert f"{len(art.removed)} lines" in details.group(1)
    for line, reason in art.removed[:5]:
        assert str(escape(line)) in details.group(1)
        assert str(escape(reason)) in details.group(1)
    assert "on or before 18 Jan 2025" in page  # the site header is a bound, not a publication date
    assert "site-header" in page
    assert '<mark class="quote' in page  # quotes highlighted
    rewrite = html_ok(client.get(f"/articles/{ids['001']}"))
    assert "rewrite of" in rewrite and f'href="/articles/{ids["002"]}"' in rewrite


def test_search(client: TestClient, ids: dict[str, str]) -> None:
    page = html_ok(client.get("/search", params={"q": "Vostochny"}))
    assert f'href="/articles/{ids["003"]}"' in page
    assert "<mark>Vostochny</mark>" in page
    assert html_ok(client.get("/search", params={"q": "zzzyxqq"})).count('class="result"') == 0
    # FTS5 syntax in the query is never an error
    for q in ['"unbalanced', "NEAR(", "a AND OR", "*", "Kim -Putin", "'; DROP TABLE articles; --"]:
        html_ok(client.get("/search", params={"q": q}))
        assert client.get("/api/search", params={"q": q}).status_code == 200


def test_404(client: TestClient) -> None:
    r = client.get("/stories/nope")
    assert r.status_code == 404 and r.headers["content-security-policy"] == CSP
    assert client.get("/articles/nope").status_code == 404
    assert client.get("/api/stories/nope").json() == {"detail": "No story 'nope'"}
    assert client.get("/api/articles/nope").status_code == 404


# --------------------------------------------------------------------------- JSON API


def test_api(client: TestClient, ids: dict[str, str]) -> None:
    stories = client.get("/api/stories").json()
    assert len(stories) == 1  # both seed events in one story
    for s in stories:
        jsonschema.validate(s, item_schema("stories"))
    assert client.get("/api/stories", params={"sort": "biggest", "limit": 1}).json()[0]["title"] == (
        "Kim Jong Un invites Putin to North Korea"
    )
    sid = story_of(client, ids["001"])
    doc = client.get(f"/api/stories/{sid}").json()
    jsonschema.validate(doc["story"], item_schema("stories"))
    for key in ("events", "articles", "duplicates", "quotes"):
        assert doc[key], key
        for item in doc[key]:
            jsonschema.validate(item, item_schema(key))
    assert {a["id"] for a in doc["articles"]} == {ids[k] for k in ("000", "001", "002", "003", "004")}  # one story
    assert doc["duplicates"][0]["original"] == ids["002"]

    art = client.get(f"/api/articles/{ids['003']}").json()
    jsonschema.validate(art, item_schema("articles"))
    assert art["id"] == ids["003"]

    res = client.get("/api/search", params={"q": "Vostochny"}).json()
    assert res["query"] == "Vostochny"
    assert ids["003"] in [r["article"]["id"] for r in res["results"]]
    for r in res["results"]:
        jsonschema.validate(r["article"], item_schema("articles"))
        assert "\x02" not in r["snippet"]
    assert client.get("/api/search").status_code == 422


def test_openapi(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search"} <= set(
        spec["paths"]
    )
    assert not any(p.startswith("/stories") for p in spec["paths"])  # HTML pages are not API
    assert {"Article", "Story", "Event", "CopyGroup", "Quote"} <= set(spec["components"]["schemas"])
    ok = spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Article"}
    docs = html_ok(client.get("/docs"))
    assert "/api/search" in docs and "<script" not in docs


def test_csp_on_every_html_response(client: TestClient, ids: dict[str, str]) -> None:
    for url in ["/", "/stories", "/stories/s1", f"/articles/{ids['000']}", "/search?q=Putin", "/docs", "/missing"]:
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP, url
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in client.get("/api/stories").headers
    assert client.get("/static/style.css").status_code == 200


def test_analysis_is_cached_and_refreshed(tmp_path: Path) -> None:
    db = str(tmp_path / "grow.db")
    ingest([str(SEEDS / "000_69fb1e28d2d49681.txt")], db)
    app = create_app(db, check_every=0.0)
    with TestClient(app) as c:
        first = app.state.cache.get()
        assert len(c.get("/api/stories").json()) == 1
        assert app.state.cache.get() is first  # not recomputed per request
        assert c.get("/api/search", params={"q": "Vostochny"}).json()["results"] == []
        ingest([str(SEEDS)], db)
        deadline = time.monotonic() + 60
        # the summit reports join the 2024 announcement's story once the cache sees them
        while not c.get("/api/search", params={"q": "Vostochny"}).json()["results"] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert app.state.cache.get() is not first
        stories = c.get("/api/stories").json()
        assert len(stories) == 1
        story = c.get(f"/api/stories/{stories[0]['id']}").json()
        assert sum(len(e["articles"]) for e in story["events"]) == 5


def test_like_fallback(seed_db: str, ids: dict[str, str]) -> None:
    index = SearchIndex(Store(seed_db).engine)
    index.fts = False  # what a non-SQLite store gets
    hits = index.search("vostochny")
    assert [h.id for h in hits] == [ids["003"]]
    assert any(hit and text.lower() == "vostochny" for text, hit in hits[0].snippet)
    assert index.search("100%_") == []


def test_http_url() -> None:
    assert http_url("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert http_url("http://example.com") == "http://example.com"
    for bad in [JS_LINK, "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                "//example.com", "vbscript:x", "https://exa mple.com", "file:///etc/passwd", None, ""]:
        assert http_url(bad) is None, bad


# --------------------------------------------------------------------------- hostile content


def test_hostile_pages_are_escaped(hostile_db: str) -> None:
    arts = list(Store(hostile_db).articles())
    assert any(SCRIPT in (a.title or "") for a in arts), [a.title for a in arts]  # the attack reached the store
    assert any(IMG in a.text for a in arts)
    with TestClient(create_app(hostile_db)) as c:
        sid = c.get("/api/stories").json()[0]["id"]
        urls = ["/", "/stories", f"/stories/{sid}", "/search?q=alert", "/search?q=rocket+launch", "/search?q=fire"]
        urls += [f"/articles/{a.id}" for a in arts]
        urls += [f"/stories/{s['id']}" for s in c.get("/api/stories").json()]
        seen_escaped = set()
        for url in urls:
            page = html_ok(c.get(url))
            assert SCRIPT not in page and "<script" not in page.lower(), url
            assert IMG not in page and "<img" not in page.lower(), url
            assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(1)&gt;", ""), url
            assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.IGNORECASE), url
            for raw in (SCRIPT, IMG, JS_LINK):
                if str(escape(raw)) in page:
                    seen_escaped.add(raw)
        assert seen_escaped == {SCRIPT, IMG, JS_LINK}

        # a described speaker carrying markup is grouped and shown as text
        story = next(
            html_ok(c.get(f"/stories/{s['id']}")) for s in c.get("/api/stories").json()
            if any(g["speaker"] == HOSTILE_SPEAKER for g in c.get(f"/api/stories/{s['id']}").json()["speakers"])
        )
        assert f"<h3>{escape(HOSTILE_SPEAKER)} <span" in story

        by_url = {a.url: a for a in arts}
        js = html_ok(c.get(f"/articles/{by_url[JS_LINK].id}"))
        assert JS_LINK in js and "<a href=\"javascript" not in js  # shown as text, not linked
        ok = html_ok(c.get(f"/articles/{by_url['https://example.com/news/harbour-fire'].id}"))
        assert ('<a href="https://example.com/news/harbour-fire" rel="noopener noreferrer nofollow"') in ok

        # the JSON API returns the content as data (JSON-encoded, served as application/json)
        r = c.get(f"/api/articles/{by_url[JS_LINK].id}")
        assert r.headers["content-type"] == "application/json"
        assert SCRIPT in r.json()["title"]


def test_entity_options_reach_the_analysis(seed_db: str, tmp_path: Path) -> None:
    from storydesk.analysis import EntityOptions
    from storydesk.errors import StorydeskError

    app = create_app(seed_db, entity_options=EntityOptions(model=str(tmp_path / "missing-model")))
    with pytest.raises(StorydeskError, match="not a local directory"):
        with TestClient(app):
            pass
