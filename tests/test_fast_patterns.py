"""The patterns and tables written for speed give exactly what their plain forms give.

Several hot patterns of the text-dump cleaner carry a lookahead on their first characters, a trie or
possessive quantifiers only so that Python's regex engine leaves a line sooner.  Each test here compares one
with its plain form (the pattern as it was before) on strings built to hit the edges: every form the pattern
names in random letter case, the same forms cut short, lengthened or glued to others, other letters and
scripts, spaces, tabs and no-break spaces.
"""

from __future__ import annotations

import math
import random
import re

import numpy as np
import pytest

from storydesk.extract import lines as lines_mod
from storydesk.extract import textdump

_SMALL = "of the and in on for to a an at by with from de la le el der die das".split()
_LEAD_CAPS_PLAIN = re.compile(r"\n((?:(?:[A-ZÀ-ÝА-Я0-9]\S*|" + "|".join(_SMALL) + r")[ \t]+)*)")
_QA_PLAIN = re.compile(
    r"\n(?:([QFP]|question|frage|pergunta|pregunta)|([AR]|answer|antwort|réponse|resposta|respuesta)) ?[:：]\s",
    re.IGNORECASE,
)
_CREDIT_PLAIN = re.compile(
    r"\n(photo|image|picture|video|credit|source|file photo|foto)s?\b[ \t]*[:/|-]", re.IGNORECASE
)
_FURNITURE_PLAIN = re.compile(
    "|".join(f"(?:{p.pattern})" for p in (*(p for _, p in textdump._FURNITURE), textdump._GALLERY)), re.IGNORECASE
)
_FURNITURE_FORMS = (
    "advertisement", "advertisements", "advertising", "ad", "sponsored", "sponsored content",
    "story continues below", "story continues below advertisement", "scroll to continue",
    "scroll to continue with content", "continue reading", "continue reading below", "also read: x",
    "read also: x", "read more: x", "read next > x", "see also | x", "related: x", "related articles: x",
    "related stories - x", "recommended: x", "more from the site: x", "watch: x", "listen: x", "photo: x",
    "photos: x", "images: x", "picture: x", "file photo: x", "credit: x", "foto: x", "image 2 of 3",
    "photo 1 of 4", "slide 3 of 9", "bild 2 of 2", "picture 1 of 1", "1 of 2", "12 of 30 x",
)
_PIECES = (
    "A", "The", "THE", "the", "of", "often", "an", "and", "andy", "at", "attack", "de", "del", "die", "diet",
    "Über", "élan", "Élan", "Россия", "россия", "2019", "x1", "é", "Q", "q", "A:", "R :", "answer", "Frage",
    "réponse", "RÉPONSE", "pergunta", "photo", "Photos", "credit", "source", "file", "video", "-", "—", ":", "：",
    "|", "/", ".", "(", "*", "ſource", "İmage", " ", "  ", "\t", "\xa0", "\u2009", *_SMALL, "dash", "tow", "inn",
    "lad", "withe", "bye", "fore",
)


def _random_lines(rng: random.Random, count: int, pieces: tuple[str, ...] = _PIECES) -> list[str]:
    out = []
    for _ in range(count):
        parts = [rng.choice(pieces) for _ in range(rng.randint(1, 7))]
        glue = [rng.choice(("", " ", " ", " ", "\t", "  ", "\xa0")) for _ in parts]
        out.append("".join(p + g for p, g in zip(parts, glue)))
    return out


def _case_variants(rng: random.Random, form: str, count: int = 8) -> list[str]:
    return [form, form.upper(), form.title()] + [
        "".join(c.upper() if rng.random() < 0.5 else c for c in form) for _ in range(count)
    ]


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text)]


def test_lead_caps_runs_are_those_of_the_plain_alternation() -> None:
    rng = random.Random(0)
    for _ in range(300):
        text = "\n" + "\n".join(_random_lines(rng, 20))
        assert lines_mod._LEAD_CAPS.findall(text) == _LEAD_CAPS_PLAIN.findall(text)
    assert lines_mod._LEAD_CAPS.findall("\nThe Man of the Year in 2019 and the rest") == ["The Man of the Year in 2019 and the "]


@pytest.mark.parametrize(
    ("fast", "plain", "forms"),
    [
        (textdump._QA_LINE, _QA_PLAIN, ("Q: x", "A: x", "F : x", "R： x", "Question: x", "Antwort: x", "RÉPONSE : x")),
        (lines_mod._CREDIT, _CREDIT_PLAIN, ("Photo: x", "Images / x", "File photo - x", "Source | x", "Credits: x")),
    ],
    ids=["interview lines", "credit lines"],
)
def test_line_start_lookaheads_change_no_match(fast: re.Pattern[str], plain: re.Pattern[str], forms: tuple[str, ...]) -> None:
    rng = random.Random(1)
    variants = [v for form in forms for v in _case_variants(rng, form)]
    text = "\n" + "\n".join(variants)
    assert _matches(fast, text) == _matches(plain, text)
    assert len(_matches(fast, text)) == len(variants)  # every variant is a match: the test has teeth
    for _ in range(300):
        text = "\n" + "\n".join(_random_lines(rng, 20))
        assert _matches(fast, text) == _matches(plain, text)


def test_the_furniture_lookahead_lets_every_form_through() -> None:
    rng = random.Random(2)
    lines = []
    for form in _FURNITURE_FORMS:
        for variant in _case_variants(rng, form):
            lines += [variant, "-- " + variant, "* " + variant + " *", variant + " and more text", variant[:-1],
                      variant[1:], "x" + variant]
    lines += _random_lines(rng, 3000, _PIECES + tuple(_FURNITURE_FORMS))
    lines += [chr(c) + rest for c in range(0x20, 0x250) for rest in ("d", "dvertising", "lso read: x", "0 of 2")]
    fast = [m and m.group(0) for m in map(textdump._ANY_FURNITURE.match, lines)]
    plain = [m and m.group(0) for m in map(_FURNITURE_PLAIN.match, lines)]
    assert fast == plain
    assert sum(1 for m in fast if m) > 500


def test_score_reasons_read_every_score_as_formatting_does() -> None:
    # Random scores, each table boundary and the floats either side of it, the binary ties (0.125 -> "0.12").
    rng = random.Random(5)
    edges = textdump._P2_FROM.tolist()
    scores = [rng.random() for _ in range(20_000)] + edges + [0.0, 1.0, 0.125, 0.375, 0.625, 0.875, 0.005, 0.995]
    scores += [math.nextafter(x, -1.0) for x in edges] + [math.nextafter(x, 2.0) for x in edges]
    for threshold in (0.35, 0.5):
        expected = [("isolated" if p >= threshold else "boilerplate") + f" p={p:.2f}" for p in scores]
        assert textdump._score_reasons(np.array(scores), threshold) == expected
