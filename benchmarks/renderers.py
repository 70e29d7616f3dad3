"""Text-dump cleaning across HTML-to-text renderers.

    python benchmarks/renderers.py [--data ../shared/data] [--write DIR] [--cv K] [--recipe-cv K [--cv-seeds 0,1,2]]

The development text dumps (``extraction/textdumps``) were all made by one
renderer; the held-out ones were made by another.  A cleaner that learned one
renderer's layout (blank-line habits, bullet marks, how links and tables come
out) would fail there.  This benchmark renders the same ScrapingHub HTML pages
with other public renderers and scores storydesk's text-dump cleaner on each,
against the same gold bodies and with the benchmark's own metric:

- ``inscriptis``  -- layout-preserving text (tables, indented lists);
- ``html2text``   -- Markdown-flavoured text (``#`` headings, ``*`` bullets);
- ``lxml-blocks`` -- every block element on its own line, blank lines between
  blocks, the way a browser's "select all, copy" flattens a page;
- ``html2text-wrapped`` -- html2text at its default width (78 columns): every
  paragraph hard-wrapped over several lines;
- ``one-line`` -- trafilatura's ``html2txt``: the page's whole text with its
  whitespace collapsed, no line breaks at all (as whitespace-collapsing
  scrapers and many JSONL "text" fields store pages);
- ``text-nodes`` -- every text node on a line of its own (BeautifulSoup's
  ``get_text("\\n")``, XPath ``//text()`` joined by newlines, as many
  scrapers store pages): every link or emphasis breaks its sentence over
  three lines;
- ``resiliparse`` -- Resiliparse's ``extract_plain_text`` with its defaults
  (the whole page, one block a line, list bullets, and the alt texts of
  images on lines of their own, as web-scale corpus pipelines render Common
  Crawl pages);
- ``w3m``, ``lynx``, ``elinks`` and ``links2`` -- the text-mode browsers'
  ``-dump`` (80 columns, hard-wrapped; lynx and elinks with their numbered
  links and the list of them), when they are installed (Debian packages
  ``w3m``, ``lynx``, ``elinks``, ``links2``; skipped otherwise);
- ``chromium`` -- a real browser's "select all, copy": ``document.body.innerText``
  of the page laid out by Debian's Chromium (driven by Playwright; the page's
  scripts off, every request it would make refused, so no stylesheet loads and
  nothing is fetched; no ``<title>`` line, as copying a page never gives one),
  when ``chromium`` (Debian's package) and ``playwright`` are installed.

(The development dumps themselves are exactly what ``html-text`` with
``guess_layout=True`` makes of these pages, so that renderer is not repeated.)

Each line also counts the titles found that match the page's ``<title>``
headline (most renderings leave ``<title>`` out, so the headline has to be
found above the article).

``--write DIR`` saves each rendering as JSONL (``id``, ``url``, ``text``,
``gold``), the format ``python -m storydesk.extract.train`` reads, so other
renderings can be added to the training data.  ``--cv K`` reports the honest
figure for a model trained that way: K folds grouped by site; for each fold a
model is trained on the other sites' pages in every renderer except the one
scored (the textdumps renderer is always in training), so each score is for
unseen sites *and* an unseen renderer.  ``--recipe-cv K`` trains the fold
models of the shipped recipe instead (the dumps and the renderings of
``storydesk.extract.train.TRAINING_RENDERINGS`` -- inscriptis, html2text,
lxml-blocks -- of the training sites, as the README's
``python -m storydesk.extract.train ... --extra`` command does) for each fold
assignment of ``--cv-seeds`` and scores the held-out sites in every
rendering: the shipped model's figure for sites it never saw, in renderings
it was trained on and in ones it never saw.

Renderers are development tools (``pip install ".[test]"``), never runtime
dependencies.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from storydesk.evaluation import extraction_score  # noqa: E402
from storydesk.extract.textdump import extract_text_dump  # noqa: E402
from storydesk.extract.title import split_site_suffix  # noqa: E402

_WORD = re.compile(r"\w+")
_LYNX_TEMP = re.compile(r"lynxXXXX\w+/(?:L\d+-\d+TMP\.html)?")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
    "table", "td", "th", "tr", "ul", "title", "option", "button", "label",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}


def _lxml_blocks(html: str) -> str:
    import lxml.html

    root = lxml.html.fromstring(html)
    out: list[str] = []
    title = root.findtext(".//title")
    if title:
        out.append(title.strip() + "\n")

    def walk(el) -> None:  # noqa: ANN001 - lxml element
        tag = el.tag if isinstance(el.tag, str) else None  # comments and processing instructions
        if tag is None or tag in _SKIP:
            if el.tail:
                out.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    text = "".join(out)
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _text_nodes(html: str) -> str:
    """Every text node of the page on a line of its own, as BeautifulSoup's ``get_text("\\n")`` or an
    XPath ``//text()`` joined by newlines flatten a page: each link or emphasis breaks its sentence."""
    import lxml.etree
    import lxml.html

    root = lxml.html.fromstring(html)
    lxml.etree.strip_elements(root, lxml.etree.Comment, "script", "style", "noscript", "template", with_tail=False)
    return "\n".join(root.itertext())


def _inscriptis(html: str) -> str:
    from inscriptis import get_text

    return get_text(html)


def _resiliparse(html: str) -> str:
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html)  # its defaults: the whole page, block layout, bullets, images' alt texts


def _html2text_at(width: int) -> Callable[[str], str]:
    """html2text without links and images; ``width`` 0 keeps paragraphs on one line, 78 is its default wrap."""

    def render(html: str) -> str:
        import html2text

        h = html2text.HTML2Text()
        h.ignore_links = True
        h.ignore_images = True
        h.body_width = width
        return h.handle(html)

    return render


def _dump_with(argv: list[str], from_file: bool = False) -> Callable[[str], str]:
    """A text-mode browser's dump of the page, given on stdin (or, ``from_file``, as a temporary file's path)."""

    def render(html: str) -> str:
        if not from_file:
            done = subprocess.run(argv, input=html.encode("utf-8"), capture_output=True, timeout=120, check=True)
            return done.stdout.decode("utf-8", errors="replace")
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "page.html"
            page.write_text(html, encoding="utf-8")
            done = subprocess.run([*argv, str(page)], capture_output=True, timeout=120, check=True)
        return done.stdout.decode("utf-8", errors="replace")

    return render


def _one_line(html: str) -> str:
    import trafilatura

    return trafilatura.html2txt(html)


class _Chromium:
    """``document.body.innerText`` from one headless Chromium, started on first use and reused.

    Scraped pages are hostile: JavaScript is off and every network request is
    aborted (images, stylesheets, frames, prefetches), so rendering a page runs
    none of its code and fetches nothing.
    """

    def __init__(self, executable: str) -> None:
        self.executable = executable
        self._driver = self._browser = self._page = None

    def __call__(self, html: str) -> str:
        if self._page is None:
            from playwright.sync_api import sync_playwright

            self._driver = sync_playwright().start()
            self._browser = self._driver.chromium.launch(
                executable_path=self.executable, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
            )
            context = self._browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda route: route.abort())
            self._page = context.new_page()
        self._page.set_content(html, wait_until="domcontentloaded", timeout=30_000)
        return self._page.evaluate("document.body ? document.body.innerText : ''")

    def close(self) -> None:
        """Stop the browser (one Playwright driver at a time may run in a thread)."""
        if self._browser is not None:
            self._browser.close()
            self._driver.stop()
        self._driver = self._browser = self._page = None


RENDERERS: dict[str, Callable[[str], str]] = {
    "inscriptis": _inscriptis,
    "html2text": _html2text_at(0),
    "lxml-blocks": _lxml_blocks,
    "html2text-wrapped": _html2text_at(78),
    "one-line": _one_line,
    "text-nodes": _text_nodes,
}
if importlib.util.find_spec("resiliparse"):  # the test extra's; a binary wheel, so skipped where it has none
    RENDERERS["resiliparse"] = _resiliparse
# Text-mode browsers, when installed: pages in, 80-column dumps out (nothing is fetched:
# the page comes on stdin, lynx and w3m never follow its links in -dump mode, elinks runs with -no-connect).
if shutil.which("w3m"):
    RENDERERS["w3m"] = _dump_with(["w3m", "-dump", "-T", "text/html", "-cols", "80", "-I", "UTF-8", "-O", "UTF-8"])
if shutil.which("lynx"):
    _lynx = _dump_with(["lynx", "-dump", "-stdin", "-width=80", "-assume_charset=utf-8", "-display_charset=utf-8"])

    def _lynx_stable(html: str) -> str:
        # lynx names the page by a random temporary file in its list of links ("file:///tmp/lynxXXXXgXs5Ln/
        # L27996-2892TMP.html#top"); one name for every run, so the rendering, and a model trained on it, repeat.
        return _LYNX_TEMP.sub("lynx/", _lynx(html))

    RENDERERS["lynx"] = _lynx_stable
if shutil.which("elinks"):
    RENDERERS["elinks"] = _dump_with(["elinks", "-dump", "-dump-width", "80", "-dump-charset", "utf-8", "-force-html",
                                      "-no-home", "-no-connect"])
if shutil.which("links2"):  # reads a file, not stdin; a local file's dump fetches nothing
    RENDERERS["links2"] = _dump_with(["links2", "-dump", "-width", "80", "-codepage", "utf-8",
                                      "-html-assume-codepage", "utf-8", "-no-connect"], from_file=True)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")  # Debian's, or another distribution's name
if CHROMIUM:
    try:
        import playwright.sync_api  # noqa: F401 - only whether it is installed
    except ImportError:
        pass
    else:
        RENDERERS["chromium"] = _Chromium(CHROMIUM)


def render_all(data: Path) -> dict[str, list[dict]]:
    base = data / "extraction" / "scrapinghub"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    out: dict[str, list[dict]] = {name: [] for name in RENDERERS}
    for pid in sorted(truth):
        path = base / "html" / f"{pid}.html.gz"
        if not path.is_file():
            continue
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        title = _html_title(html)
        for name, render in RENDERERS.items():
            try:
                text = render(html)
            except Exception as exc:  # a renderer's crash is a benchmark note, not a stop
                print(f"{name}: {pid}: render failed: {exc}", file=sys.stderr)
                continue
            out[name].append({"id": pid, "url": truth[pid].get("url", ""), "text": text,
                              "gold": truth[pid]["articleBody"], "title": title})
    for render in RENDERERS.values():
        if isinstance(render, _Chromium):
            render.close()
    return out


def _html_title(html: str) -> str:
    """The headline of the page's <title> ("Headline - Site" -> "Headline")."""
    import lxml.html

    return split_site_suffix(lxml.html.fromstring(html).findtext(".//title") or "")


def title_matches(guess: str | None, title: str) -> bool:
    """Whether a guessed title is the page's <title> headline: most of the guess's words are in it, and
    half of its words in the guess (a site's visible headline often differs a little from its <title>)."""
    got, want = set(_WORD.findall((guess or "").lower())), set(_WORD.findall(title.lower()))
    common = len(got & want)
    return bool(got and want) and common >= 0.7 * len(got) and common >= 0.5 * len(want)


def score(rows: list[dict], model=None) -> tuple[float, float, float, float, int]:  # noqa: ANN001
    """F1, precision, recall, pages a second, and how many titles match the page's <title> headline."""
    preds, golds, titles = [], [], 0
    start = time.perf_counter()
    for row in rows:
        got = extract_text_dump(row["text"], model)
        preds.append(got.text)
        golds.append(row["gold"])
        titles += title_matches(got.title, row.get("title", ""))
    secs = time.perf_counter() - start
    prf = extraction_score(zip(preds, golds))
    return prf.f1, prf.precision, prf.recall, len(rows) / secs, titles


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--write", type=Path, help="save each rendering as JSONL in this folder")
    ap.add_argument("--cv", type=int, default=0, help="site-grouped folds, each renderer left out when scored")
    ap.add_argument("--recipe-cv", type=int, default=0,
                    help="site-grouped folds of the shipped recipe (the dumps and train.TRAINING_RENDERINGS), "
                         "every rendering scored")
    ap.add_argument("--cv-seeds", default="0,1,2", help="fold assignments for --recipe-cv, comma-separated")
    args = ap.parse_args()
    if not (args.data / "extraction" / "scrapinghub").is_dir():
        print(f"no ScrapingHub data under {args.data}", file=sys.stderr)
        return 2
    rendered = render_all(args.data)
    dumps_path = args.data / "extraction" / "textdumps" / "textdumps.jsonl"
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, rows in rendered.items():
            with (args.write / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
                for row in rows:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("packaged model (in-sample pages: trained on them in the dumps and in these renderings):")
    for name, rows in rendered.items():
        f1, p, r, pps, titles = score(rows)
        print(f"  {name:12s} pages {len(rows):3d}  F1 {f1:.4f}  precision {p:.4f}  recall {r:.4f}  {pps:6.1f} pages/s"
              f"  titles as <title> {titles:2d}")
    if args.recipe_cv:
        from storydesk.extract.train import TRAINING_RENDERINGS, load, recipe_cv_by_rendering

        seeds = [int(x) for x in args.cv_seeds.split(",")]
        by = recipe_cv_by_rendering(load(dumps_path), rendered, args.recipe_cv, seeds)
        print(f"{args.recipe_cv}-fold site-grouped CV of the shipped recipe (trained on the dumps and the "
              f"{', '.join(TRAINING_RENDERINGS)} renderings of the training sites), fold assignments {args.cv_seeds}:")
        for name, scores in by.items():
            seen = "" if name == "dumps" or name in TRAINING_RENDERINGS else "  (renderer not trained on)"
            print(f"  {name:17s} " + " ".join(f"{x:.4f}" for x in scores) + f"  mean {sum(scores) / len(scores):.4f}{seen}")
    if args.cv:
        from storydesk.extract.train import cross_renderer_cv, load

        dumps = load(dumps_path)
        base = cross_renderer_cv(dumps, rendered, args.cv, use_renderings=False)
        multi = cross_renderer_cv(dumps, rendered, args.cv)
        print(f"{args.cv}-fold site-grouped CV (unseen sites); F1 of a model trained on the dumps alone,"
              " then with the other renderings added (the scored renderer always left out):")
        for name in base:
            print(f"  {name:12s} dumps only {base[name]:.4f}   + other renderers {multi[name]:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
