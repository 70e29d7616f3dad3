"""The HTML body's leak filter (extract/html.py): headline, cross-links, tag lines, prompts."""

from __future__ import annotations

from lxml import html as lxml_html

from storydesk.extract.html import _drop_leaks, extract_html

PAGE = """<html><head><title>Council approves the new bridge</title>
<meta property="og:title" content="Council approves the new bridge"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves the new bridge</h1>
<p>The city council voted on Tuesday to approve the construction of a new bridge over the river,
ending a debate that had lasted for more than three years and divided the town's residents.</p>
<p>Read more: <a href="/a">Residents split over the bridge plan for the river</a></p>
<p>The bridge will cost about 40 million euros, the mayor said, and work is due to start next spring
once the last permits have been granted by the regional authority and the tenders are closed.</p>
<p>Opponents had argued that <a href="/b">the old ferry</a> was enough for a town of this size, and that
the money would be better spent on schools, but the vote passed by a clear majority of members.</p>
<ul><li><a href="/c">Mayor promises lower taxes after the vote</a></li>
<li><a href="/d">Ferry operator warns of job losses in the town</a></li></ul>
<p>Sources: <a href="https://example.org/report">https://example.org/report</a></p>
<p>Follow us on Twitter and Facebook for more local news.</p>
</article></body></html>"""


def _tree(html: str):
    return lxml_html.fromstring(html)


def test_drop_leaks_keeps_prose_and_drops_cross_links() -> None:
    lines = [
        "Council approves the new bridge",
        "The city council voted on Tuesday to approve the construction of a new bridge.",
        "Read more: Residents split over the bridge plan for the river",
        "Opponents had argued that the old ferry was enough for a town of this size.",
        "Mayor promises lower taxes after the vote",
        "Ferry operator warns of job losses in the town",
        "bridges, rivers, town council",
        "Follow us on Twitter and Facebook for more local news.",
    ]
    text = "\n".join(lines)
    page = PAGE.replace(
        "</article>",
        '<p><a href="/t1">bridges</a>, <a href="/t2">rivers</a>, <a href="/t3">town council</a></p></article>',
    )
    kept = _drop_leaks(text, _tree(page), {"council approves the new bridge"}).split("\n")
    assert kept == [
        "The city council voted on Tuesday to approve the construction of a new bridge.",
        "Opponents had argued that the old ferry was enough for a town of this size.",
    ]


def test_drop_leaks_keeps_a_single_link_line_and_bare_urls() -> None:
    tree = _tree(PAGE)
    single = "Opening line of the story.\nMayor promises lower taxes after the vote\nClosing line."
    assert _drop_leaks(single, tree, set()) == single
    urls = "Sources:\nhttps://example.org/report\nhttps://example.org/report"
    assert _drop_leaks(urls, tree, set()) == urls


def test_extract_html_body_has_no_headline_teaser_or_prompt() -> None:
    out = extract_html(PAGE, "https://example.org/news/bridge")
    assert out.title == "Council approves the new bridge"
    assert "construction of a new bridge" in out.text
    assert "the old ferry was enough" in out.text
    assert "Council approves the new bridge" not in out.text
    assert "Residents split" not in out.text
    assert "Follow us" not in out.text


def test_extract_html_short_page_falls_back_to_the_default_mode() -> None:
    # Every phrase is a link: precision mode drops the paragraph, the default mode's rescue keeps it.
    page = (
        "<html><body><div><p>The mayor <a href='/a'>said on Monday</a> that the <a href='/b'>new bridge</a>"
        " would open <a href='/c'>next year</a>, after a <a href='/d'>long debate</a>.</p></div></body></html>"
    )
    out = extract_html(page)
    assert "new bridge" in out.text and "would open" in out.text
