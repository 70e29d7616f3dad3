from __future__ import annotations

from collections.abc import Callable

import pytest

from storydesk.extract.markup import strip_render_marks


@pytest.mark.parametrize(
    ("rendered", "plain"),
    [
        ("# Putin accepts invitation", "Putin accepts invitation"),
        ("#### More Weather ####", "More Weather"),
        ("**Filed Under:**Health, Michigan", "Filed Under:Health, Michigan"),
        ("_Patchy fog continues overnight_", "Patchy fog continues overnight"),
        ("  * Contact Us", "Contact Us"),
        ("      o Nested item", "Nested item"),
        ("- Sports", "Sports"),
        ("Read the [full statement](https://example.org/a_(b)) here.", "Read the full statement here."),
        ("![Kim and Putin](https://img.example/x.jpg)", "Kim and Putin"),
        ("1\\. Introduction", "1. Introduction"),
        ("> quoted line", "quoted line"),
        ("* * *", ""),
        ("   [doobie-bro]", ""),
        ("[1538123681_1.jpg]", ""),
        ("   IFRAME: [43]https://www.youtube.com/embed/AEyOoZ7JpyY", ""),  # lynx's inline frame
        ("   IFRAME: likes-master", ""),
        ("   [INS: :INS]", ""),  # lynx's and w3m's marks around an <ins> element
        ("[INS::INS]", ""),
        ("Kim [INS: and Putin :INS] met.", "Kim and Putin met."),
        ("     •\xa0Kenapa Arab, Jepang, Korsel Kaya", "Kenapa Arab, Jepang, Korsel Kaya"),  # elinks's bullets
        ("     •\xa0[IMG]", ""),
        ("     •\xa0", ""),
        ("IFrame", ""),  # elinks's and links's inline frame
    ],
)
def test_render_marks_are_removed(rendered: str, plain: str) -> None:
    assert strip_render_marks(rendered) == plain


@pytest.mark.parametrize(
    "text",
    [
        "The price rose 5 * 3 times, said snake_case_name and file_name_here.",
        "Kim said: \u201cWe will always be with Russia.\u201d",
        "-- a signature line",
        "Seoul -- South Korea's ruling party criticized the deal.",
        "3 - 2 = 1",
        "It cost $5 and #1 spot on the chart.",
        "[Updated at 10:00] Kim left Vladivostok.",
        "The IFRAME: element embeds another page.",
        "Text \xa0•\xa0 Nov 18",
    ],
)
def test_plain_text_is_left_alone(text: str) -> None:
    assert strip_render_marks(text) == text


def test_line_breaks_are_kept() -> None:
    page = "## Title\n\n**Lead** paragraph.\n  * one\n  * two\n"
    assert strip_render_marks(page).split("\n") == ["Title", "", "Lead paragraph.", "one", "two", ""]


# --- hard-wrapped renderings (lynx, w3m, html2text's default width) ----------

_PARAGRAPHS = [
    "Russian President Vladimir Putin said on Wednesday that he had accepted an invitation from North Korean "
    "leader Kim Jong Un to visit Pyongyang, and that the two men discussed military cooperation at length.",
    "The talks at the Vostochny cosmodrome lasted more than four hours, according to the Kremlin, which gave "
    "no details of any agreement on weapons, satellites or the supply of food to the isolated country.",
    "Analysts in Seoul said the meeting showed how far both governments were willing to go in defying "
    "sanctions, while officials in Washington warned of consequences for any transfer of arms.",
]


def _wrap(paragraphs: list[str], width: int, indent: str = "") -> str:
    import textwrap

    return "\n\n".join(
        textwrap.fill(p, width=width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)
        for p in paragraphs
    )


@pytest.mark.parametrize(("width", "indent"), [(78, ""), (80, "   "), (100, ""), (72, "  ")])
def test_wrapped_paragraphs_are_joined(width: int, indent: str) -> None:
    from storydesk.extract.markup import unwrap_lines

    page = "Menu\nHome\nWorld\n\n" + _wrap(_PARAGRAPHS, width, indent) + "\n\nShare this story\nComments"
    assert unwrap_lines(page).split("\n") == [
        "Menu", "Home", "World", "", indent + _PARAGRAPHS[0], "", indent + _PARAGRAPHS[1], "",
        indent + _PARAGRAPHS[2], "", "Share this story", "Comments",
    ]
    # and the line cleaner sees whole paragraphs
    assert strip_render_marks(page).split("\n")[4] == _PARAGRAPHS[0]


def test_wrapped_list_items_stay_apart() -> None:
    from storydesk.extract.markup import unwrap_lines

    items = "\n".join(
        f"  * Item {k}: a headline of another story that is long enough to fill the line"[:78] for k in range(6)
    )
    page = _wrap(_PARAGRAPHS, 78) + "\n\n" + items
    out = unwrap_lines(page).split("\n")
    assert out[-6:] == items.split("\n")
    assert out[0] == _PARAGRAPHS[0]


@pytest.mark.parametrize(
    "page",
    [
        # unwrapped prose: one paragraph a line, of any length
        "\n".join(_PARAGRAPHS * 3),
        # headlines of similar lengths, one a line (no line goes on in lower case)
        "\n".join(f"Headline number {k} about the summit in Vladivostok and its aftermath" for k in range(20)),
        # a product list: each item followed by its link on the next line
        "\n".join(f"{k}) A product with a name long enough to reach the usual width\nhttp://a.example/{k}"
                  for k in range(12)),
    ],
)
def test_unwrapped_pages_are_left_alone(page: str) -> None:
    from storydesk.extract.markup import unwrap_lines

    assert unwrap_lines(page) == page


def test_unwrapped_dumps_and_seeds_are_left_alone() -> None:
    """No false alarm on the development dumps (one paragraph a line) or on the sample pages."""
    from storydesk.extract.markup import unwrap_lines

    _assert_seeds_and_dumps_unchanged(unwrap_lines)


def _assert_seeds_and_dumps_unchanged(step: Callable[[str], str]) -> None:
    """``step`` returns every sample page and every development dump as it is (dumps skipped without the data)."""
    import json

    from conftest import SEEDS, require_data

    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert step(text) == text, path.name
    dumps = require_data("extraction", "textdumps", "textdumps.jsonl")
    for line in dumps.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert step(row["text"]) == row["text"], row["url"]


def test_lynx_link_numbers_and_reference_list_are_removed() -> None:
    page = (
        "   [1]Home [2]World\n\n[3]Putin accepts invitation to visit Pyongyang\n\n"
        "   Kim Jong Un invited Vladimir Putin, the [4]Kremlin said on Wednesday.\n\n"
        "References\n\n   Visible links\n   2. https://news.example/world\n"  # elinks: no colon, a hidden link 1
        "   3. https://news.example/2023/09/13/putin-accepts\n   4. https://news.example/tag/kremlin\n"
        "   5. https://news.example/search/label/Latest News\n   6. visit the Markets section\n\n"
        "   Hidden links:\n   1. file://localhost/tmp/x.html\n"
    )
    assert strip_render_marks(page).split("\n") == [
        "Home World", "", "Putin accepts invitation to visit Pyongyang", "",
        "Kim Jong Un invited Vladimir Putin, the Kremlin said on Wednesday.", "", "",
    ]


def test_a_reference_section_of_prose_is_kept() -> None:
    page = (
        "Results were confirmed [1]elsewhere.\n\nReferences\n\n1. Smith, J. (2019). A study of summits. Journal of "
        "Things, 4(2), 1-10.\n2. Lee, K. (2020). Another study. Press.\n"
    )
    assert strip_render_marks(page) == page


def test_wrapped_cjk_paragraphs_are_joined_without_spaces() -> None:
    """A text-mode browser counts an ideograph as two columns; the wrapped lines join with nothing between them."""
    from storydesk.extract.markup import unwrap_lines

    sentence = "先日、不正に改造した端末を販売したとして、商標法違反の疑いで男性が逮捕されたというニュースを耳にしました"
    paragraphs = [sentence * 3 + "。", sentence * 2 + "。", sentence * 4 + "。"]
    wrapped = []
    for p in paragraphs:
        wrapped.append("\n".join(p[i : i + 39] for i in range(0, len(p), 39)))  # 78 columns
    page = "メニュー\nホーム\n\n" + "\n\n".join(wrapped)
    assert unwrap_lines(page).split("\n") == ["メニュー", "ホーム", "", paragraphs[0], "", paragraphs[1], "", paragraphs[2]]
    # lynx counts an ideograph as one column: its lines hold 74 characters behind a three-space indent, however
    # many of them are ideographs (so the lines' widths in columns vary)
    def line(k: int) -> str:  # 74 characters, ideographs at both ends, k Latin words in between
        middle = " ".join(["the", "iPhone", "and", "iPad", "run", "iOS", "from", "the", "App", "Store"][:k])
        return sentence[:10] + middle + (sentence * 2)[: 64 - len(middle)]

    mixed = [line(2) + line(10) + "ました。", line(0) + line(4) + line(7) + "。", line(9) + "した。"]
    by_chars = "\n\n".join("\n".join("   " + p[i : i + 74] for i in range(0, len(p), 74)) for p in mixed)
    joined = [line.strip() for line in unwrap_lines("メニュー\nホーム\n\n" + by_chars).split("\n")]
    assert joined == ["メニュー", "ホーム", "", mixed[0], "", mixed[1], "", mixed[2]]
    # unwrapped CJK paragraphs stay as they are
    flat = "メニュー\nホーム\n\n" + "\n\n".join(paragraphs)
    assert unwrap_lines(flat) == flat


def test_a_page_without_line_breaks_is_cut_into_sentences() -> None:
    from storydesk.extract.markup import split_run_on

    quote = 'He said: "We will always be with Russia."'
    page = " ".join([*_PARAGRAPHS, *_PARAGRAPHS, quote, "Share this article"])
    assert split_run_on(page).split("\n") == [*_PARAGRAPHS, *_PARAGRAPHS, quote, "Share this article"]
    # pages with lines are left alone, short ones too
    assert split_run_on("\n".join(_PARAGRAPHS * 3)) == "\n".join(_PARAGRAPHS * 3)
    assert split_run_on(_PARAGRAPHS[0]) == _PARAGRAPHS[0]


def test_a_run_on_menu_is_cut_into_short_pieces_and_a_sentence_full_of_names_is_not() -> None:
    from storydesk.extract.markup import split_run_on

    menu = ("Home World Politics Business Sports Weather Video Opinion Texas Seeks To Stamp Out Distracted Driving "
            "Man Beaten To Death At Northwest Side Parking Lot Christmas Season Preparations Underway Sign In Log Out")
    names = ("Russian President Vladimir Putin and North Korean leader Kim Jong Un met at the Vostochny Cosmodrome "
             "in Amur Oblast on Wednesday, the Kremlin said, according to TASS and RIA Novosti, and the two men "
             "toured the launch pads.")
    lines = split_run_on(" ".join([menu + ".", names, *_PARAGRAPHS])).split("\n")
    assert all(len(line.split()) <= 6 for line in lines[:6]) and " ".join(lines[:6]) == menu + "."
    assert lines[6:] == [names, *_PARAGRAPHS]


def test_sentences_broken_at_inline_elements_are_joined() -> None:
    """A page flattened one text node a line (get_text("\\n"), //text()): its links and emphasis break its sentences."""
    from storydesk.extract.markup import join_text_nodes

    page = "\n".join([
        "Home", "World", "Putin accepts invitation to visit Pyongyang",
        "The Kremlin said on Wednesday that ", "Vladimir Putin", " had accepted an invitation from ", "Kim Jong Un",
        ", according to ", "the state news agency TASS", ".",
        "The two leaders met at the ", "Vostochny Cosmodrome", " in September.",
        "",
        "Most read: ", "1. Kim leaves Russia after summit", "2. Seoul warns of arms deals",
    ])
    assert join_text_nodes(page).split("\n") == [
        "Home", "World", "Putin accepts invitation to visit Pyongyang",
        "The Kremlin said on Wednesday that Vladimir Putin had accepted an invitation from Kim Jong Un, according to "
        "the state news agency TASS.",
        "The two leaders met at the Vostochny Cosmodrome in September.",
        "",
        "Most read: ", "1. Kim leaves Russia after summit", "2. Seoul warns of arms deals",  # list items stay
    ]
    assert strip_render_marks(page) == join_text_nodes(page)  # the cleaner joins them before it reads the page


def test_pages_with_one_kind_of_break_are_not_joined() -> None:
    """Lines ending in a space (Chromium) or starting with one (html2text), or tag lists with a comma after each
    tag, are other renderers' habits: such pages, the sample pages and the development dumps stay as they are."""
    from storydesk.extract.markup import join_text_nodes

    trailing = "\n".join(f"Headline number {k} about the summit " for k in range(10))
    leading = "\n".join(f" __Share\n  * item {k}\n morning briefing {k}" for k in range(10))
    tags = "\n".join(f"Tag {k}\n," for k in range(10))
    for page in (trailing, leading, tags):
        assert join_text_nodes(page) == page
    _assert_seeds_and_dumps_unchanged(join_text_nodes)


def test_stamps_of_a_page_without_line_breaks_get_lines_of_their_own() -> None:
    """Teasers run together keep their byline's date or "ago" stamp between headline and blurb: cut out.
    A date or time in a sentence stays in it."""
    from storydesk.extract.markup import split_run_on

    dated = [
        "The transcript was released on September 25, 2019, and Volker later said he had not seen it.",
        "On July 27, 2006, he emailed the publisher, and the talks began at 10:30 a.m. the next day.",
    ]
    teasers = (
        "What made Joker so popular? Madeline Fry Wednesday November 20, 2019 Joker killed at the box office. "
        "14H ago Cities urge boycott of meat companies linked to Amazon fires."
    )
    page = " ".join([*_PARAGRAPHS, *dated, *_PARAGRAPHS, teasers])
    assert split_run_on(page).split("\n") == [
        *_PARAGRAPHS, *dated, *_PARAGRAPHS, "What made Joker so popular?", "Madeline Fry", "Wednesday November 20, 2019",
        "Joker killed at the box office.", "14H ago", "Cities urge boycott of meat companies linked to Amazon fires.",
    ]


def test_head_links_of_elinks_and_links_are_removed() -> None:
    """elinks and links -dump start with the page's <link> elements, one "Link:" line each."""
    page = (
        "   Link: [1]Example News (alternate)\n   Link: [2]Example News comments feed\n   Link: [3]oEmbed (JSON)\n\n"
        "Putin accepts invitation to visit Pyongyang\n\nKim Jong Un invited Vladimir Putin, the Kremlin said.\n"
    )
    assert strip_render_marks(page).split("\n") == [
        "", "Putin accepts invitation to visit Pyongyang", "", "Kim Jong Un invited Vladimir Putin, the Kremlin said.", "",
    ]
    body = "Putin accepts invitation\n\nLink: the summit and the war in Ukraine, analysts say.\n"
    assert strip_render_marks(body) == body  # a "Link:" line in a page that does not start with them stays


def test_image_file_names_alone_on_a_line_are_removed() -> None:
    """Text-mode browsers show a linked image by its file name; a domain name or a hyphenated phrase in prose stays."""
    page = (
        "The showroom hosts three light installations.\n\nmilano-design-week-2018-flos-jewels-01\n\n"
        "IMG_2041_final_crop.jpg\n\nwww.autoracing.com.br\n\nA state-of-the-art system, the designer says.\n"
    )
    assert [line for line in strip_render_marks(page).split("\n") if line] == [
        "The showroom hosts three light installations.", "www.autoracing.com.br",
        "A state-of-the-art system, the designer says.",
    ]
