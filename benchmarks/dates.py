"""Publication dates of flattened pages, checked against the same pages' HTML.

    python benchmarks/dates.py [--data ../shared/data]

The development text dumps are renderings of the ScrapingHub HTML pages, so
each dump's publication date (read from its lines by storydesk) can be
compared with the date htmldate reads from the page's markup.  htmldate is not
gold, so this measures agreement, and how often each side finds a date at all;
disagreements are printed for inspection.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storydesk.extract.html import extract_html  # noqa: E402
from storydesk.extract.textdump import extract_text_dump  # noqa: E402
from storydesk.temporal.published import date_text_page  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = ap.parse_args()
    root = args.data / "extraction" / "scrapinghub"
    dumps = args.data / "extraction" / "textdumps" / "textdumps.jsonl"
    if not root.is_dir() or not dumps.is_file():
        print(f"no benchmark data under {args.data}", file=sys.stderr)
        return 2
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    html = {
        v["url"]: gzip.decompress((root / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace")
        for k, v in truth.items()
    }
    counts: Counter[str] = Counter()
    seconds = 0.0
    rows = [json.loads(line) for line in dumps.open(encoding="utf-8")]
    for row in rows:
        t = extract_text_dump(row["text"])
        start = time.perf_counter()
        d = date_text_page(t.lines, t.title_line, t.body_start)
        seconds += time.perf_counter() - start
        markup = extract_html(html[row["url"]], row["url"]).published
        mine = d.published.value if d.published else None
        theirs = markup.value if markup else None
        if mine and theirs:
            counts["agree" if mine == theirs else "disagree"] += 1
            if mine != theirs:
                print(f"  differ: text {mine} ({d.published.evidence[:60]}) vs markup {theirs}  {row['url'][:70]}")
        else:
            counts["text only" if mine else "markup only" if theirs else "neither"] += 1
        counts["bounded"] += d.published_before is not None
    both = counts["agree"] + counts["disagree"]
    print(
        f"text-dump publication dates: {both + counts['text only']} of {len(rows)} pages dated; "
        f"agree with markup on {counts['agree']} of {both} ({counts['agree'] / max(both, 1):.2f}); "
        f"markup only {counts['markup only']}, text only {counts['text only']}, neither {counts['neither']}; "
        f"{counts['bounded']} with a bound; {len(rows) / max(seconds, 1e-9):.0f} pages/s (dating step)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
