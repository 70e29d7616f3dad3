from __future__ import annotations

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
    ],
)
def test_plain_text_is_left_alone(text: str) -> None:
    assert strip_render_marks(text) == text


def test_line_breaks_are_kept() -> None:
    page = "## Title\n\n**Lead** paragraph.\n  * one\n  * two\n"
    assert strip_render_marks(page).split("\n") == ["Title", "", "Lead paragraph.", "one", "two", ""]
