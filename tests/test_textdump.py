"""Behaviour of the flattened-page cleaner on the sample pages (what must be kept, what must go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storydesk.extract.textdump import extract_text_dump, furniture

SEEDS = Path(__file__).resolve().parents[1] / "samples" / "seeds"


def _keep_every_line():  # noqa: ANN202
    """A line model that keeps every line (p=0.9), to test the rules applied after it."""
    import numpy as np

    from storydesk.extract.textdump import TextModel

    class Keep:
        def predict(self, x, num_threads=1):  # noqa: ANN001, ANN202
            return np.full(len(x), 0.9)

    return TextModel(Keep(), Keep())


def clean(name: str) -> str:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return extract_text_dump(path.read_text(encoding="utf-8")).text


@pytest.mark.parametrize(
    ("seed", "body_lines"),
    [
        ("000", ["As officially confirmed by the South Korean Presidential Office on the 12th",
                 "In the joint statement, Kazakhstan expressed support"]),
        ("001", ["On a rare summit between North Korean leader Kim Jong Un", "A Historic Meeting and Talks",
                 "Potential for Military Collaboration",
                 "The meeting between Kim Jong Un and Vladimir Putin marks a significant milestone"]),
        ("002", ["Russian President Vladimir Putin has accepted an invitation",
                 "“An old friend is better than two new ones,” Putin said"]),
        ("003", ["North Korean leader Kim Jong Un says he and Russian President Vladimir Putin",
                 "The U.S. warned that meeting could lead to a deal"]),
        ("004", ["North Korean leader Kim Jong Un, currently on a visit to Russia",
                 "The summit between Kim Jong Un and Vladimir Putin lasted over four hours"]),
    ],
)
def test_article_body_is_kept(seed: str, body_lines: list[str]) -> None:
    text = clean(seed)
    for line in body_lines:
        assert line in text


@pytest.mark.parametrize(
    ("seed", "junk"),
    [
        ("000", ["Hot this week", "Tesla’s Massive 8% Surge", "Related Articles", "Saturday, January 18, 2025"]),
        ("001", ["Please enter your comment!", "Most Popular", "Hurricane Otis", "- Advertisement -", "Free Subscribtion"]),
        ("002", ["Photo: AFP / KCNA VIA KNS"]),
        ("003", ["veryGood!", "Date:2025-04-19", "Are Instagram, Facebook and WhatsApp down?", "Ranking"]),
        ("004", ["ALSO READ:", "Comment As:", "Comment (0)"]),
    ],
)
def test_junk_is_dropped(seed: str, junk: list[str]) -> None:
    text = clean(seed)
    for line in junk:
        assert line not in text


def test_furniture_rules() -> None:
    assert furniture("- Advertisement -") == "advertisement"
    assert furniture("ALSO READ: India's response to China's new map") == "link"
    assert furniture("Photo: AFP / KCNA VIA KNS") == "photo-credit"
    assert furniture("Photographers gathered outside the court on Monday.") is None
    assert furniture("Read the full statement below, the minister said.") is None


def test_gallery_counters_are_furniture() -> None:
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import strip_furniture

    body = "The council met on Tuesday and voted to close the old bridge to traffic for the winter."
    page = page_lines("\n".join([
        "1 of 3 Workers inspect the bridge on Monday.", body, "2 of 3 The bridge seen from the river.",
        "Image 1 of 5", "3 of 3",
    ]))
    kinds = strip_furniture(page)[2]
    assert kinds == ["gallery", None, "gallery", "gallery", "gallery"]
    # A sentence that merely starts with "N of M" is not a counter: no other line counts that gallery.
    page = page_lines("\n".join(["1 of 3 adults in the county now work from home, the survey found.", body]))
    assert strip_furniture(page)[2] == [None, None]
    # Counters that cannot be (0 of 4, 5 of 4) are not counted either.
    page = page_lines("\n".join(["0 of 4 votes were cast against it.", body, "5 of 4 is wrong."]))
    assert strip_furniture(page)[2] == [None, None, None]


def test_an_image_and_its_link_showing_one_headline_are_dropped() -> None:
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import _echo_pairs

    body = "The council met on Tuesday and voted to close the old bridge to traffic for the winter."
    lines = [
        "Sears store at South Park Mall to close by February 2020 - Photo",  # the teaser image's alt text
        "Sears store at South Park Mall to close by February",  # its link, cut short
        body,
        "Bridge closure angers commuters",  # a heading, and the article's first sentence beginning with its words
        "Bridge closure angers commuters who cross the river twice a day, the mayor said.",
        "Putin to visit North Korea", "Putin to visit North Korea",  # the same line twice: not this rule's
    ]
    assert _echo_pairs(page_lines("\n".join(lines)).words) == [0, 1]
    # After the classifier: a pair it keeps goes, with its reason (a classifier that keeps every line).
    got = extract_text_dump("\n".join(lines), _keep_every_line())
    assert [line for line, reason in got.removed if reason == "image and link text"] == lines[:2]
    assert got.kept[:2] == lines[2:4]


def test_empty_and_junk_only_pages() -> None:
    assert extract_text_dump("").text == ""
    menu = "\n".join(["Home", "News", "Sport", "Contact us", "Privacy policy", "Subscribe"])
    assert extract_text_dump(menu).text == ""


def test_teasers_after_the_comment_form_are_dropped() -> None:
    # 001: "Popular News" and "Read Now" teasers (a lowercase snippet, a headline
    # with its "..." snippet) sit after the comment form, away from the body.
    text = clean("001")
    for junk in ["The Exorcist: Believer", "Instagram’s New Features", "The Unprecedented Fury of Hurricane Otis",
                 "iPhone special event"]:
        assert junk not in text
    assert text.rstrip().endswith("remain to be seen.")


def test_comment_form_ends_the_article_only_after_the_body() -> None:
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs that will take most of next year, officials said." for k in range(6)]
    teaser = "Another story about a football transfer that nobody asked for, with a long snippet of text."
    after = extract_text_dump("\n\n".join(["Bridge to close for repairs", *body, "Leave a Reply", teaser])).text
    assert "Paragraph 5" in after and "football transfer" not in after
    # a prompt above the body cuts nothing
    above = extract_text_dump("\n\n".join(["Bridge to close for repairs", "Leave a Reply", *body])).text
    assert "Paragraph 0" in above and "Paragraph 5" in above


def test_list_heading_ends_the_article_only_after_the_body() -> None:
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs that will take most of next year, officials said." for k in range(6)]
    teaser = "Another story about a football transfer that nobody asked for, with a long snippet of text."
    page = extract_text_dump("\n\n".join(["Bridge to close for repairs", *body, "More From The Daily Bugle", teaser]))
    assert "Paragraph 5" in page.text and "football transfer" not in page.text
    assert "after list heading" in [reason for line, reason in page.removed if "football" in line]
    # a "Related" box above the body cuts nothing
    above = extract_text_dump("\n\n".join(["Bridge to close for repairs", "Related", *body])).text
    assert "Paragraph 0" in above and "Paragraph 5" in above


def test_list_heading_needs_as_much_body_before_it_as_kept_text_after() -> None:
    # What a classifier keeps after the heading: 1.5 times less than the body before it (the rule asked
    # for twice as little until stop 16, and left such lists in).
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs, officials said." for k in range(3)]
    teasers = [f"Teaser {k} about a football transfer that nobody asked for, with a long snippet of text "
               "that goes on." for k in range(2)]
    page = extract_text_dump("\n".join(["Bridge to close", *body, "Most Popular", *teasers]), _keep_every_line())
    assert "Paragraph 2" in page.text and "Teaser" not in page.text
    # More kept after the heading than before: nothing is cut.
    page = extract_text_dump("\n".join(["Bridge to close", *body[:1], "Most Popular", *teasers]), _keep_every_line())
    assert "Teaser 1" in page.text


@pytest.mark.parametrize(
    ("body", "heading", "teasers"),
    [
        (
            ["Der Stadtrat hat am Dienstag beschlossen, die alte Brücke im kommenden Jahr für Reparaturen "
             "zu schließen, sagte ein Sprecher der Stadt am Abend."] * 3,
            "Ähnliche Artikel",
            ["Ein anderer Artikel über einen Fußballtransfer, nach dem niemand gefragt hat, mit einem langen "
             "Textausschnitt."],
        ),
        (
            # Japanese, words not spaced: counted at two characters a word, as the features count them.
            ["市議会は火曜日、古い橋を修理のため来年の大部分にわたって閉鎖することを決めたと当局者が述べた。"] * 3,
            "関連記事",
            ["Surface LaptopのFnキーを固定してF5やF7キーを単体で使う設定", "Open SSL脆弱性問題の対策を施した版が配布"],
        ),
    ],
)
def test_list_headings_in_other_languages(body: list[str], heading: str, teasers: list[str]) -> None:
    page = extract_text_dump("\n".join(["Headline", *body, heading, *teasers]), _keep_every_line())
    assert body[0] in page.text
    assert [reason for line, reason in page.removed if line in teasers] == ["after list heading"] * len(teasers)


def test_a_heading_in_the_menu_does_not_hide_the_one_after_the_body() -> None:
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs, officials said." for k in range(3)]
    teasers = [f"Teaser {k} about a football transfer that nobody asked for, with a long snippet of text "
               "that goes on." for k in range(2)]
    page = extract_text_dump(
        "\n".join(["Bridge to close", "Home", "Related", "Sport", *body, "Related", *teasers]), _keep_every_line()
    )
    assert "Paragraph 2" in page.text and "Teaser" not in page.text


@pytest.mark.parametrize(
    ("prompt", "reason"),
    [("Share this:", "after share prompt"), ("Facebook\nTwitter", "after share buttons"),
     ("Tinggalkan Balasan", "after comment form"),
     ("Lascia un commento Annulla risposta", "after comment form"), ("コメントを残す", "after comment form"),
     ("You may also be interested in...", "after list heading"), ("You may also like…", "after list heading")],
)
def test_share_prompts_and_comment_forms_in_other_languages_end_the_article(prompt: str, reason: str) -> None:
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs, officials said." for k in range(3)]
    teaser = "Another story about a football transfer that nobody asked for, with a long snippet of text."
    page = extract_text_dump("\n".join(["Bridge to close", *body, prompt, teaser]), _keep_every_line())
    assert "Paragraph 2" in page.text
    assert [r for line, r in page.removed if line == teaser] == [reason]


@pytest.mark.parametrize(
    ("heading", "bio"),
    [("About the author", "Jane Doe writes about transport for the paper."),
     ("Über Moritz Bachmann", "Als Inbound Sales Manager bildet Moritz Bachmann die Schnittstelle zum Vertrieb."),
     ("About Brigit Katz", "Brigit Katz is a freelance writer based in Toronto.")],
)
def test_an_author_box_ends_the_article(heading: str, bio: str) -> None:
    body = [f"Paragraph {k} of the report says the council met on Tuesday and voted to close the old bridge "
            "for repairs, officials said." for k in range(3)]
    page = extract_text_dump("\n".join(["Bridge to close", *body, heading, bio]), _keep_every_line())
    assert "Paragraph 2" in page.text
    assert [r for line, r in page.removed if line == bio] == ["after author box"]


def test_an_about_heading_of_one_word_or_of_a_name_the_next_line_does_not_repeat_cuts_nothing() -> None:
    body = [f"Paragraph {k} of the release says the company met on Tuesday and agreed to open a new plant "
            "next year, officials said." for k in range(3)]
    for heading, after in (("About my6sense", "my6sense offers an open programmatic platform for publishers."),
                           ("About Jane Doe", "The council's plan was drawn up by engineers in 2019.")):
        page = extract_text_dump("\n".join(["Plant to open", *body, heading, after]), _keep_every_line())
        assert after in page.text  # one word, or a name the next line does not repeat


def test_teasers_above_a_wire_storys_dateline_are_dropped_but_not_its_standfirst() -> None:
    title = "Sixth death linked to mosquito virus reported in Michigan"
    teasers = ["Customers Leave Without Paying Bill At Steakhouse A party of six left the restaurant without "
               "paying their bill, police said on Tuesday.",
               "The 4 Best Vegan Spots In Detroit Hoodline crunched the numbers to find the top vegan spots "
               "around the city, using both reviews and ratings."]
    standfirst = "Health officials say the mosquito virus has now caused a sixth death in Michigan this year."
    story = ["ST. JOSEPH, Mich. (AP) — Michigan health authorities are reporting a sixth death linked to the "
             "mosquito virus, officials said on Monday.",
             "County health officials said the victim was one of two people who contracted the virus this year."]
    page = extract_text_dump("\n".join([title, *teasers, standfirst, *story]), _keep_every_line())
    assert [r for line, r in page.removed if line in teasers] == ["above the dateline"] * 2
    assert standfirst in page.kept and all(line in page.kept for line in story)
    # without a dateline, nothing is dropped for one
    page = extract_text_dump("\n".join([title, *teasers, standfirst, story[1]]), _keep_every_line())
    assert all(line in page.kept for line in teasers)
    # without a title, the story's first lines give the topic
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import _above_dateline

    lines = page_lines("\n".join([*teasers, standfirst, *story]))
    assert _above_dateline(lines, [True] * 5, None) == [0, 1]
    assert _above_dateline(lines, [True, True, True, False, True], None) == []  # the dateline's line dropped


@pytest.mark.parametrize(
    ("lines", "reason", "stays"),
    [
        (["(Image credit: Blue Origin)", "Photo by Jane Doe/Getty Images", "Photo credit: NASA", "Michael Conroy, AP",
          "(Reed Saxon / Associated Press)", "(AP Photo/Evan Vucci)"],
         "photo credit", "Photographer Jane Doe said: the bridge has not been painted since 1970."),
        (["Iklan", "» Publicidade", "Anzeige", "Media playback is unsupported on your device", "Replay",
          "More videos (1 of 9)", "Thanks for watching! Visit Website", "Tempo de leitura: 2 minutos", "5 min read"],
         "page widget", "The replay showed the ball had crossed the line, the referee said."),
        (['<script type="text/javascript" src="http://example.com/player.js">', "&lt;span data-mce-type=\"x\"&gt;"],
         "markup", "<Jang Noksu> opened on Tuesday at the theatre, its director said."),
        (["Click here to subscribe to The Paradigm Newsletter",
          "Clique na imagem acima e veja como está o ranking dos pilotos nesta temporada"],
         "call to click", "Clicking through the council's report shows the bridge has not been painted since 1970."),
        (["The protests kicked off in June and have strengthened in size (Image: GETTY )"],
         "photo caption", "The council (which met on Tuesday) said the bridge would close (source: minutes)."),
        (["SEE MORE: Hong Kong protests: 800 students under siege in university"],
         "link", "See more of the council's plans in the report it published on Tuesday, officials said."),
    ],
)
def test_furniture_kept_by_the_classifier_is_dropped_but_not_sentences_like_it(
    lines: list[str], reason: str, stays: str
) -> None:
    body = "The council met on Tuesday and voted to close the old bridge for repairs, officials said."
    page = extract_text_dump("\n".join(["Bridge to close", body, *lines, body + " Again."]), _keep_every_line())
    assert [r for line, r in page.removed if line in lines] == [reason] * len(lines)
    assert stays in extract_text_dump("\n".join(["Bridge to close", body, stays]), _keep_every_line()).text


def test_a_sidebar_list_with_counts_is_dropped_but_not_a_list_of_films() -> None:
    from storydesk.extract.textdump import _count_lists

    body = "The council met on Tuesday and voted to close the old bridge for repairs, officials said."
    widget = ["Akhlaq (47)", "Aliran Islam (160)", "Dakwah (60)", "Mai 2019 (4)"]
    films = ["The Irishman (2019)", "Roma (2018)", "Cold War (2018)"]
    page = extract_text_dump("\n".join(["Bridge to close", body, *films, body + " Again.", *widget]),
                             _keep_every_line())
    assert [r for line, r in page.removed if line in widget] == ["list with counts"] * 4
    assert all(film in page.text for film in films)
    assert _count_lists(["Akhlaq (47)", "Dakwah (60)", body]) == []  # two alone are not a widget


def _keep_lines_of_six_words_or_more():  # noqa: ANN202
    """A line model that keeps the lines of six words or more and drops the others."""
    import math

    import numpy as np

    from storydesk.extract.lines import FEATURE_NAMES
    from storydesk.extract.textdump import TextModel

    words = FEATURE_NAMES.index("log_words")

    class Long:
        def predict(self, x, num_threads=1):  # noqa: ANN001, ANN202
            return np.where(x[:, words] >= math.log1p(6), 0.95, 0.02)

    return TextModel(Long(), Long())


def test_a_list_the_article_introduces_with_a_colon_is_kept() -> None:
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import _introduced_lists

    body = [f"Paragraph {k} of the report says the band met on Tuesday and agreed to tour again next year, "
            "its manager said." for k in range(3)]
    intro = "The band will play these dates next year:"
    dates = ["June 9 -- Tampa, FL", "June 10 -- Nashville, TN", "June 14 -- Raleigh, NC"]
    page = extract_text_dump("\n".join(["Band to tour", *body[:2], intro, *dates, body[2]]),
                             _keep_lines_of_six_words_or_more())
    assert all(date in page.kept for date in dates)
    # Markdown emphasis around the colon
    page = extract_text_dump("\n".join(["Band to tour", *body[:2], f"**{intro}**", *dates, body[2]]),
                             _keep_lines_of_six_words_or_more())
    assert all(date in page.kept for date in dates)

    def runs(lines: list[str], keep: list[bool]) -> list[int]:
        return _introduced_lists(page_lines("\n".join(lines)), keep)

    lines = [intro, *dates, body[0]]
    assert runs(lines, [True] + [False] * 4) == [1, 2, 3]
    assert runs(lines, [False] * 5) == []  # the classifier dropped the colon line too
    assert runs([intro, *dates[:2], body[0]], [True] + [False] * 3) == []  # two lines are no list
    assert runs([intro, dates[0], "Tampa, FL", dates[1], body[0]], [True] + [False] * 4) == []  # shapes differ
    assert runs(["More:", *dates], [True] + [False] * 3) == []  # a label, not a sentence
    assert runs(["Read more of our coverage:", *dates], [True] + [False] * 3) == []  # links, not the article's list


def test_an_interviews_short_questions_and_answers_are_kept() -> None:
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import _interview_runs

    lead = ("Paragraph of the interview says the new chief executive met staff on Tuesday and answered "
            "questions about the company's plans for next year.")
    qa = ["Q: Where did you grow up in the end, after all those years of moving around the world?",
          "A: St. Croix", "Q: Favorite apps?", "A: Bleacher Report", "Q: Favorite books?", "A: Two of them"]
    page = extract_text_dump("\n".join(["New CEO", lead, *qa]), _keep_lines_of_six_words_or_more())
    assert all(line in page.kept for line in qa)
    def runs(lines: list[str], keep: list[bool]) -> list[int]:
        return _interview_runs(page_lines("\n".join(lines)), keep)

    assert runs(qa, [True] * 6) == list(range(6))
    assert runs(qa, [False] * 6) == []  # none of them kept: not the article's
    assert runs(qa[:3], [True] * 3) == []  # too short a run
    assert runs(qa[::2], [True] * 3) == []  # questions alone
    assert runs([*qa[:2], lead, *qa[2:]], [True] * 7) == [3, 4, 5, 6]  # a run of two, then one of four


def test_a_numbered_list_goes_on_as_long_as_its_numbers_do() -> None:
    from storydesk.extract.lines import page_lines
    from storydesk.extract.textdump import _numbered_tails

    lead = ("Paragraph of the article says the shops opened early on Friday and that these are the offers "
            "worth a look this year, the editors said.")
    items = ["1) Lego Star Wars bomber of the Resistance, in a box", "http://amzn.to/aaa",
             "2) Polistil electric race track with two cars", "http://amzn.to/bbb",
             "3) Thriller (Vinyl)", "http://amzn.to/ccc", "4) Taboo, the board game", "http://amzn.to/ddd"]
    page = extract_text_dump("\n".join(["Offers", lead, *items, "Home | Contact"]),
                             _keep_lines_of_six_words_or_more())
    # From the last item the model kept (item 2) through the last item; what follows it is the model's.
    assert all(line in page.kept for line in items[2:7])
    assert "http://amzn.to/ddd" not in page.kept and "Home | Contact" not in page.kept

    def tails(lines: list[str], keep: list[bool]) -> list[int]:
        return _numbered_tails(page_lines("\n".join(lines)), keep)

    assert tails(items, [True, False] * 4) == []  # every item kept: nothing to add
    assert tails(items, [False] * 8) == []  # first item dropped: not the article's list
    assert tails(["1. Home", "2. News", "5. Sport", "6. Weather"], [True] + [False] * 3) == []  # 2 then 5


def test_bylines_kept_by_the_classifier_are_dropped_but_not_sentences() -> None:
    body = "The council met on Tuesday and voted to close the old bridge for repairs, officials said."
    bylines = ["Posted on March 30, 2015 by Admin", "Updated 11:21 pm CST, Tuesday, November 19, 2019",
               "Von Moritz Bachmann publiziert am 30. Juli 2018", "By Phil Helsel", "By Troy L. Smith, Cleveland.com"]
    sentence = "By Tuesday, 12 people had died."
    page = extract_text_dump("\n".join(["Bridge to close", *bylines, body, sentence]), _keep_every_line())
    assert [r for line, r in page.removed if line in bylines] == ["byline"] * 5
    assert sentence in page.text
    short = "By the end of the week the bridge had closed"  # a sentence that lacks its full stop
    assert short in extract_text_dump("\n".join(["Bridge to close", body, short]), _keep_every_line()).text


def test_markdown_rendering_is_cleaned_like_plain_text() -> None:
    page = SEEDS.glob("002_*.txt").__next__().read_text(encoding="utf-8")
    lines = page.split("\n")
    # the same page as a Markdown renderer would write it: headings, bold lead, bullets for the lists
    md = "\n".join(
        (f"# {ln}" if k == 0 else f"**{ln}**" if k == 1 else f"  * {ln}" if ln and len(ln.split()) < 8 else ln)
        for k, ln in enumerate(lines)
    )
    assert "**" not in extract_text_dump(md).text and "# " not in extract_text_dump(md).text
    assert "Russian President Vladimir Putin has accepted an invitation" in extract_text_dump(md).text
    assert "“An old friend is better than two new ones,” Putin said" in extract_text_dump(md).text


@pytest.mark.parametrize(
    ("seed", "junk"),
    [
        ("002", ["‘CHARM OFFENSIVE’", "UNITED: The premier", "GOLDEN OPPORTUNITY", "‘VERY SHALLOW’"]),
    ],
)
def test_glued_teasers_are_dropped(seed: str, junk: list[str]) -> None:
    text = clean(seed)
    assert not any(line in text for line in junk)


def test_a_model_for_another_feature_set_is_refused(tmp_path: Path) -> None:
    from importlib import resources

    from storydesk.extract.textdump import _SPLIT, TextModel

    packaged = resources.files("storydesk.data").joinpath("textlines.lgb.txt").read_text(encoding="utf-8")
    stage1 = packaged.split(_SPLIT)[0]
    wrong = tmp_path / "old.lgb.txt"
    wrong.write_text(stage1 + _SPLIT + stage1, encoding="utf-8")  # a stage 2 without the context features
    with pytest.raises(ValueError, match="another feature set"):
        TextModel.load(wrong)


def _seed_features() -> list:
    from storydesk.extract.lines import line_features, page_lines
    from storydesk.extract.markup import strip_render_marks
    from storydesk.extract.textdump import strip_furniture
    from storydesk.extract.title import guess_title

    out = []
    for path in sorted(Path(__file__).resolve().parents[1].joinpath("samples", "seeds").glob("*.txt")):
        page = strip_furniture(page_lines(strip_render_marks(path.read_text(encoding="utf-8"))))[0]
        out.append((page, line_features(page, guess_title(page))))
    return out


def test_compiled_model_predicts_what_lightgbm_predicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """lleaves' machine code gives LightGBM's scores bit for bit (see storydesk.compiled),
    on the seeds and on rows of the model's own thresholds, NaN and values LightGBM reads as 0."""
    pytest.importorskip("lleaves")
    from importlib import resources

    import numpy as np

    from storydesk.compiled import _probe_rows
    from storydesk.extract.textdump import _SPLIT, TextModel

    monkeypatch.setenv("STORYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("STORYDESK_COMPILED_MODEL", raising=False)
    path = resources.files("storydesk.data").joinpath("textlines.lgb.txt")
    compiled = TextModel.load(path)
    assert compiled.compiled == (True, True)
    assert len(list(tmp_path.glob("textlines-*.o"))) == 2  # cached for the next process
    assert TextModel.load(path).compiled == (True, True)  # loaded from the cache
    monkeypatch.setenv("STORYDESK_COMPILED_MODEL", "0")
    plain = TextModel.load(path)
    assert plain.compiled == (False, False)
    for page, x in _seed_features():
        assert np.array_equal(compiled.predict1(x), plain.predict1(x))
        assert np.array_equal(compiled.scores(page, None), plain.scores(page, None))
    first, second = path.read_text(encoding="utf-8").split(_SPLIT)
    for text, booster, predict in ((first, plain.stage1, compiled.predict1), (second, plain.stage2, compiled.predict2)):
        probe = _probe_rows(text, booster.num_feature())
        assert np.isnan(probe).any() and ((np.abs(probe) < 1e-30) & (probe != 0)).any()
        assert np.array_equal(predict(probe), booster.predict(probe, num_threads=1))


def test_without_lleaves_lightgbm_predicts(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    from importlib import resources

    from storydesk.extract.textdump import TextModel

    real_import = builtins.__import__

    def no_lleaves(name: str, *args: object, **kwargs: object) -> object:
        if name.split(".")[0] in ("lleaves", "llvmlite"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_lleaves)
    model = TextModel.load(resources.files("storydesk.data").joinpath("textlines.lgb.txt"))
    assert model.compiled == (False, False)
    page, x = _seed_features()[0]
    assert len(model.scores(page, None)) == len(page.lines)


@pytest.mark.parametrize("width", [72, 78, 100])
def test_seed_pages_hard_wrapped_give_the_same_article(width: int) -> None:
    """A text-mode renderer's hard wraps are joined back: the same article comes out."""
    import textwrap

    from storydesk.evaluation import extraction_score

    pairs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        wrapped = "\n".join(textwrap.fill(line, width, break_on_hyphens=False) for line in text.split("\n"))
        assert wrapped != text
        pairs.append((extract_text_dump(wrapped).text, extract_text_dump(text).text))
    assert extraction_score(pairs).f1 >= 0.97


def test_headline_found_without_a_title_line() -> None:
    """Most renderers leave out <title>: the headline is the heading above the body that the body echoes,
    here far below the first lines, under teasers of other stories and above a byline and share buttons."""
    body = clean("002").split("\n\n")
    nav = [f"Section {k}" for k in range(40)] + [
        "Markets rally as oil prices fall across Asia", "Storm warning issued for the southern coast",
        "Local team wins the regional championship final",
    ] * 10
    headline = "Putin accepts invitation to visit North Korea"
    page = "\n".join([*nav, headline, "By Staff Writer", "September 14, 2023", "Share", "Tweet", *body])
    got = extract_text_dump(page)
    assert got.title == headline
    assert body[0] in got.text and headline not in got.text


class _NoBooster:
    """Stands in for a booster where only the decision step is tested (decide never predicts)."""

    def predict(self, x):  # noqa: ANN001, ANN201
        raise AssertionError("decide must not predict")


def test_the_smoothing_never_empties_a_page_that_has_strong_lines() -> None:
    import numpy as np

    from storydesk.extract.textdump import TextModel, smooth, strongest_run

    # A short article (two paragraphs and a weak line between them) amid boilerplate: keeping it
    # gains less than its two switches cost, so the smoothing alone keeps nothing.
    scores = np.array([0.01, 0.02, 0.6, 0.3, 0.6, 0.01, 0.2])
    assert not any(smooth(scores, 0.35, 1.0))
    assert strongest_run(scores, 0.35) == (2, 4)
    model = TextModel(_NoBooster(), _NoBooster())
    assert model.decide(scores) == [False, False, True, True, True, False, False]
    # Nothing above the threshold: nothing kept (a page with no article stays empty).
    assert strongest_run(np.full(4, 0.2), 0.35) is None
    assert not any(model.decide(np.full(4, 0.2)))
    # Where the smoothing keeps something, the fallback changes nothing.
    strong = np.array([0.01, 0.9, 0.95, 0.9, 0.01, 0.6, 0.01])
    assert model.decide(strong) == smooth(strong, 0.35, 1.0) == [False, True, True, True, False, False, False]
