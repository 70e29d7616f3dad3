from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "samples" / "seeds"
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def require_data(*parts: str) -> Path:
    path = DATA.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"benchmark data not found at {path} (../shared/data is absent): quality gate skipped")
    return path
