"""Text helpers shared by the corpus stages."""

from __future__ import annotations

__all__ = ["STOP_WORDS"]

STOP_WORDS = frozenset(
    "the a an and or but of to in on at for with by from as is are was were be been being it its this that these "
    "those he she they we you i his her their our your him them us not no so if than then there here which who whom "
    "what when where why how all any both each few more most other some such only own same too very can will just "
    "would should could may might must has have had do does did also into over after before about against between "
    "through during up down out off again further once said says".split()
)
"""English function words (and "said"): not content, for stems, terms and topic words."""
