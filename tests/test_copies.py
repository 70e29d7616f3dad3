"""Copies, excerpts and rewrites, and which member is the original."""

from __future__ import annotations

from pathlib import Path

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


def test_alignment_spans_point_into_both_texts() -> None:
    rewrite = (
        "Transit Budget Approved\n"
        "After a debate lasting six hours, the city council on Tuesday gave its approval to a new transit budget. "
        "According to Mayor Ellen Brooks, the plan is going to add 40 buses and extend night service to the harbour district. "
        "Critics said that the 25 cent fare increase would hurt riders with low incomes. "
        "Raj Patel, a council member who opposed the measure, described it as a tax on commuters. "
        "In this article, we will delve into what this means for the city."
    )
    share, pairs = align_sentences(rewrite, STORY)
    assert share >= 0.6 and len(pairs) >= 4
    for p in pairs:
        o, c = STORY[slice(*p["original"])], rewrite[slice(*p["copy"])]
        assert o and c and o[0].isupper() and c[0].isupper()
    # Alignments keep the order of the source.
    assert [p["original"][0] for p in pairs] == sorted(p["original"][0] for p in pairs)
