"""End to end through the real CLI, a real SQLite file and the sample pages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from storydesk.cli import main
from storydesk.export import export_schema
from storydesk.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "storydesk", *args], capture_output=True, text=True, check=False)


def test_ingest_export_stories(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    res = run("ingest", "--db", db, str(SEEDS))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "5 pages read, 5 articles kept, 0 duplicates, 0 failures"

    res = run("export", "--db", db)
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    jsonschema.validate(doc, export_schema())
    assert len(doc["articles"]) == 5
    assert {a["source"] for a in doc["articles"]} == {str(p) for p in SEEDS.glob("*.txt")}
    by_source = {Path(a["source"]).name[:3]: a["id"] for a in doc["articles"]}
    events = {frozenset(e["articles"]) for e in doc["events"]}
    # The four reports of the September 2023 Vostochny summit are one event, 000 (the June 2024
    # announcement that Putin's visit is imminent) another, both in one story.
    summit = frozenset(by_source[k] for k in ("001", "002", "003", "004"))
    assert events == {summit, frozenset({by_source["000"]})}
    assert len(doc["stories"]) == 1 and len(doc["stories"][0]["events"]) == 2
    titles = {Path(a["source"]).name[:3]: a["title"] for a in doc["articles"]}
    assert titles["001"] == "Putin Accepts Kim’s Invitation to Visit North Korea: A Historic Meeting of Two Leaders"

    # Every fact carries its article and span: dates, quotes, copy evidence.
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for q in doc["quotes"]:
        assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert texts[q["article"]][q["speaker_start"] : q["speaker_end"]]
    for a in doc["articles"]:
        assert all(a["text"][t["start"] : t["end"]] == t["text"] for t in a["timexes"])
    for g in doc["duplicates"]:
        for link in g["links"]:
            assert link["evidence"]
            for ev in link["evidence"]:
                assert texts[link["original"]][slice(*ev["original"])] and texts[link["copy"]][slice(*ev["copy"])]
    speakers = {q["text"]: q["speaker"] for q in doc["quotes"]}
    assert speakers["We will always be with Russia,"] == "Kim"
    assert speakers["An old friend is better than two new ones,"] == "Putin"
    assert speakers["Putin’s visit to North Korea is imminent."] == "A high-ranking official from the Presidential Office"

    res = run("stories", "--db", db)
    assert res.returncode == 0
    assert "Putin" in res.stdout and "samples/seeds/000" in res.stdout.replace("\\", "/")

    # Re-ingesting the same pages is a no-op.
    res = run("ingest", "--db", db, str(SEEDS))
    assert res.stdout.strip() == "5 pages read, 0 articles kept, 5 duplicates, 0 failures"
    assert Store(db).count_articles() == 5


def test_bad_inputs_do_not_stop_the_batch(tmp_path: Path, capsys) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_empty.txt").write_bytes(b"")
    (d / "b_binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "c_menu.txt").write_text("Home\nNews\nContact\n", encoding="utf-8")
    (d / "d_good.txt").write_text((SEEDS / "004_fc915dbf88c22944.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["ingest", "--db", db, str(d)]) == 0
    line = capsys.readouterr().out.strip()
    assert line == "4 pages read, 1 articles kept, 0 duplicates, 3 failures (binary 1, empty 1, no-article 1)"
    fails = Store(db).failures()
    assert {f.code for f in fails} == {"empty", "binary", "no-article"}
    assert all("\n" not in f.reason and f.reason for f in fails)


def test_extract_jsonl(tmp_path: Path) -> None:
    html = tmp_path / "p.html"
    body = " ".join(["The council approved the new budget on Tuesday after a long debate."] * 8)
    html.write_text(
        "<html><head><title>Budget passes - Town Gazette</title>"
        '<meta property="og:title" content="Budget passes">'
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
        "</head><body><nav>Home | News</nav>"
        f"<article><h1>Budget passes</h1><p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    res = run("extract", str(html), str(next(SEEDS.glob("002_*.txt"))))
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [x["source"] for x in lines][0] == str(html)
    assert "council approved the new budget" in lines[0]["text"]
    assert "Home | News" not in lines[0]["text"]
    assert lines[0]["title"] == "Budget passes"
    assert lines[0]["published"] == "2024-03-05"
    assert "htmldate" in lines[0]["published_evidence"]["evidence"]
    assert lines[1]["text"].startswith("Russian President Vladimir Putin has accepted")


def test_quotes_cli() -> None:
    text = "“We will always be with Russia,” Kim said. The minister added: “Talks will go on.”"
    res = subprocess.run(
        [sys.executable, "-m", "storydesk", "quotes"], input=json.dumps({"id": "q1", "text": text}) + "\nnot json\n",
        capture_output=True, text=True, check=False,
    )
    assert res.returncode == 1 and "stdin line 2" in res.stderr  # the bad line is named, the good one still done
    (out,) = [json.loads(x) for x in res.stdout.splitlines()]
    assert out["id"] == "q1"
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [
        ("We will always be with Russia,", "Kim"), ("Talks will go on.", "The minister")
    ]
    for q in out["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"] and text[q["speaker_start"] : q["speaker_end"]]


def test_quotes_cli_speaker_names() -> None:
    # without a corpus, the text's own entities: a surname after the full name is the full name as written there
    text = (
        "North Korean leader Kim Jong-un met Russian President Vladimir Putin on Wednesday. "
        "“We will always be with Russia,” Kim said. South Korea’s ruling party said: “It is a devil’s deal.” "
        "“An old friend is better than two new ones,” Putin said."
    )
    res = subprocess.run(
        [sys.executable, "-m", "storydesk", "quotes"], input=json.dumps({"id": "q", "text": text}) + "\n",
        capture_output=True, text=True, check=True,
    )
    (out,) = [json.loads(x) for x in res.stdout.splitlines()]
    got = {q["text"]: (q["speaker"], q["speaker_name"]) for q in out["quotes"]}
    assert got["We will always be with Russia,"] == ("Kim", "Kim Jong-un")
    assert got["It is a devil’s deal."] == ("South Korea’s ruling party", "South Korea’s ruling party")
    assert got["An old friend is better than two new ones,"] == ("Putin", "Vladimir Putin")
