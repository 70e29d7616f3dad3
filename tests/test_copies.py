"""Copies, excerpts and rewrites, and which member is the original."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from storydesk.analysis import copies
from storydesk.analysis.copies import align_sentences, find_copies
from storydesk.api import extract_files
from storydesk.records import Article, DateValue

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"

STORY = (
    "The city council approved a new transit budget on Tuesday after a six-hour debate. "
    "Mayor Ellen Brooks said the plan would add 40 buses and extend night service to the harbour district. "
    "Opponents argued that the fare increase of 25 cents would hurt low-income riders. "
    "Council member Raj Patel, who voted against the measure, called it a tax on commuters. "
    "The budget takes effect in March and will be reviewed after one year. "
    "Transit officials expect ridership to grow by eight percent once the new routes open. "
    "A public hearing on the fare increase is scheduled for next month at City Hall."
)


def art(aid: str, text: str, published: str | None = None) -> Article:
    return Article(
        source=f"{aid}.txt", page_hash=(aid * 40)[:40], kind="text", text=text, id=aid,
        published=DateValue(published, "byline: test", 0.7) if published else None,
    )


def groups_by_member(articles: list[Article]) -> dict[str, tuple[str, str]]:
    return {m: (g.original, g.kinds[m]) for g in find_copies(articles) for m in g.members}


def test_exact_near_and_excerpt() -> None:
    near = "Advertisement\n" + STORY.replace("six-hour", "six hour long") + "\nCopyright 2024 The Gazette."
    excerpt = " ".join(STORY.split(". ")[:4]) + "."
    other = "Heavy rain flooded several streets in the old town on Sunday, and firefighters pumped water from dozens of basements."
    found = groups_by_member([art("a", STORY), art("b", STORY.upper()), art("c", near), art("d", excerpt), art("e", other)])
    assert found["b"] == ("a", "exact")
    assert found["c"][1] == "near" and found["d"][1] == "excerpt"
    assert found["c"][0] == found["d"][0] == "a"  # the full text contains the others
    assert "e" not in found


def test_a_story_republished_by_more_outlets_than_the_index_cap_is_one_group() -> None:
    # More copies than CopyOptions.max_postings: every 5-gram of the story is held by too many
    # documents for the sampled-5-gram index, which ignores such keys; MinHash LSH has no cap.
    n = copies.CopyOptions().max_postings * 2
    outlets = [
        art(f"o{k:03d}", f"Outlet {k} | Home | Local\n{STORY}\nRead more from outlet {k}: subscribe for {k} dollars.")
        for k in range(n)
    ]
    other = art("x", "Heavy rain flooded several streets in the old town on Sunday, and firefighters pumped water "
                     "from dozens of basements while the mayor asked residents to stay home until the evening.")
    groups = find_copies(outlets + [other])
    assert [len(g.members) for g in groups] == [n]
    assert set(groups[0].kinds.values()) == {"original", "near"}


def test_earliest_reliable_date_is_the_original() -> None:
    found = groups_by_member([art("a", STORY, "2024-03-05"), art("b", STORY + " More details soon.", "2024-03-04")])
    assert found["a"][0] == "b"


def test_seed_rewrite_pair_and_independent_reports() -> None:
    by_seed = {Path(a.source).name[:3]: a for a in extract_files(sorted(map(str, SEEDS.glob("*.txt"))))}
    groups = find_copies(list(by_seed.values()))
    ids = {a.id: k for k, a in by_seed.items()}
    assert [sorted(ids[m] for m in g.members) for g in groups] == [["001", "002"]]
    (g,) = groups
    assert ids[g.original] == "002" and g.kinds[by_seed["001"].id] == "rewrite"


REWRITE = (
    "Transit Budget Approved\n"
    "After a debate lasting six hours, the city council on Tuesday gave its approval to a new transit budget. "
    "According to Mayor Ellen Brooks, the plan is going to add 40 buses and extend night service to the harbour district. "
    "Critics said that the 25 cent fare increase would hurt riders with low incomes. "
    "Raj Patel, a council member who opposed the measure, described it as a tax on commuters. "
    "In this article, we will delve into what this means for the city."
)


def test_alignment_spans_point_into_both_texts() -> None:
    share, pairs = align_sentences(REWRITE, STORY)
    assert share >= 0.6 and len(pairs) >= 4
    for p in pairs:
        o, c = STORY[slice(*p["original"])], REWRITE[slice(*p["copy"])]
        assert o and c and o[0].isupper() and c[0].isupper()
    # One to one: no sentence of the source serves twice.
    assert len({tuple(p["original"]) for p in pairs}) == len(pairs)


def test_short_rewrite_with_moved_paragraphs_is_found() -> None:
    # Four sentences retold, the last two moved first: short texts and moved paragraphs are
    # what spinners produce, and what an order-bound alignment of five or more sentences missed.
    first, second = REWRITE.split("\n")[1].split(". ")[:2], REWRITE.split("\n")[1].split(". ")[2:4]
    moved = ". ".join(second) + ".\n\n" + ". ".join(first) + "."
    found = groups_by_member([art("a", STORY), art("b", moved), art("c", OTHER_REPORT)])
    assert found["a"][0] == found["b"][0] and {found["a"][1], found["b"][1]} == {"original", "rewrite"}
    assert "c" not in found


# The same council meeting reported independently: the same names and figures, other sentences.
OTHER_REPORT = (
    "Bus riders in the harbour district will get late-night service under a plan passed on Tuesday. "
    "Ellen Brooks, the mayor, hailed the vote as a win for shift workers who finish after midnight. "
    "The 40 new buses will be ordered from a manufacturer in Ohio, officials said. "
    "Raj Patel warned that the 25 cent increase came at the worst time for families. "
    "Transit staff will present ridership figures to the council in March next year. "
    "Several residents spoke during the public comment period, most of them in favour."
)


def test_same_event_reports_and_borrowed_paragraphs_are_not_rewrites() -> None:
    # A page that carries four sentences of the story verbatim after its own text shares passages,
    # it does not retell the story: the 5-gram step judges that (too little of either to be a copy).
    borrowed = OTHER_REPORT + "\n" + ". ".join(STORY.split(". ")[3:])
    found = groups_by_member([art("a", STORY), art("b", OTHER_REPORT), art("c", borrowed)])
    assert "a" not in found


def test_pairs_sharing_keys_match_a_direct_count(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    keys = [np.unique(rng.integers(0, 60, size=rng.integers(0, 25)).astype(np.uint64)) for _ in range(40)]
    members = list(range(0, 40, 1))
    holders = Counter(int(k) for ks in keys for k in ks.tolist())
    expected = {}
    for a in members:
        for b in members:
            if a < b:
                shared = [k for k in np.intersect1d(keys[a], keys[b]).tolist() if holders[int(k)] <= 8]
                if len(shared) >= 3:
                    expected[(a, b)] = len(shared)
    found = {(a, b): c for a, b, c in copies._sharing_pairs(keys, members, cap=8, minimum=3)}
    assert found == expected and found
    # counted in several passes when the pairs are many: the same answer
    monkeypatch.setattr(copies, "_PAIR_BUDGET", 50)
    assert {(a, b): c for a, b, c in copies._sharing_pairs(keys, members, cap=8, minimum=3)} == expected
