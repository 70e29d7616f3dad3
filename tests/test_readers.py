"""Tests of storydesk.readers: every input is built for real in tmp_path."""

from __future__ import annotations

import gzip
import io
import json
import random
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storydesk.errors import ErrorCode, InputError
from storydesk.readers import ReaderOptions, decode, detect_kind, read_file, read_paths
from storydesk.records import Failure, Page

DATE = "2024-05-06T07:08:09Z"


def pages(items: list[Page | Failure]) -> list[Page]:
    return [item for item in items if isinstance(item, Page)]


def failures(items: list[Page | Failure]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


def only_failure(path: Path | str, **kwargs: object) -> Failure:
    (item,) = list(read_file(str(path), **kwargs))  # type: ignore[arg-type]
    assert isinstance(item, Failure), item
    assert "\n" not in item.reason
    return item


def html(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><p>{body}</p></body></html>"


# --- WARC helpers -----------------------------------------------------------


def warc_record(
    writer: WARCWriter,
    n: int,
    body: bytes,
    content_type: str | None = "text/html",
    *,
    rtype: str = "response",
    extra: list[tuple[str, str]] | None = None,
    status: str = "200 OK",
) -> bytes:
    headers = [("Content-Type", content_type)] if content_type else []
    record = writer.create_warc_record(
        f"http://example.com/{n}",
        rtype,
        payload=io.BytesIO(body),
        http_headers=StatusAndHeaders(status, headers + (extra or []), protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": DATE, "WARC-Record-ID": f"<urn:uuid:rec-{n}>"},
    )
    writer.write_record(record)
    return body


def write_warc(path: Path, bodies: list[bytes], gz: bool) -> list[int]:
    """Write one HTML response per body; return the offset where each record ends."""
    ends = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for n, body in enumerate(bodies):
            warc_record(writer, n, body)
            ends.append(fh.tell())
    return ends


# --- text and HTML files ----------------------------------------------------


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Headline\n\nThe body of the story, in UTF-8: café.\n", encoding="utf-8")
    (page,) = list(read_file(str(path)))
    assert isinstance(page, Page)
    assert page.source == str(path)
    assert page.kind == "text"
    assert page.content.startswith("Headline") and "café" in page.content
    assert page.encoding == "utf-8"
    assert page.url is None and page.record_id is None and page.fetched_at is None


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.html.gz", "page.htm.gz", "gz-without-suffix.html"])
def test_html_file_plain_and_gzip(tmp_path: Path, name: str) -> None:
    data = html("Grüße aus Köln").encode("utf-8")
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if "gz" in name else data)
    (page,) = list(read_file(str(path)))
    assert isinstance(page, Page)
    assert page.kind == "html"
    assert page.content == data.decode("utf-8")


def test_truncated_html_gz(tmp_path: Path) -> None:
    blob = gzip.compress(html("word " * 5000).encode())
    path = tmp_path / "cut.html.gz"
    path.write_bytes(blob[: len(blob) // 2])
    failure = only_failure(path)
    assert failure.code == ErrorCode.TRUNCATED
    assert failure.reason == "truncated gzip stream"
    assert failure.source == str(path)


def test_empty_and_blank_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.html").write_bytes(b"  \r\n\t \n")
    assert only_failure(tmp_path / "empty.txt").code == ErrorCode.EMPTY
    assert only_failure(tmp_path / "blank.html").code == ErrorCode.EMPTY


def test_binary_file(tmp_path: Path) -> None:
    noise = random.Random(7).randbytes(4096) + b"\0\0\0" + random.Random(8).randbytes(4096)
    (tmp_path / "noise.txt").write_bytes(noise)
    failure = only_failure(tmp_path / "noise.txt")
    assert failure.code == ErrorCode.BINARY


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("latin-1", "Le garçon a mangé une pêche à l'hôtel. Ça coûte cher, déjà. Où est la forêt ?\n"),
        ("cp1252", "Das kostet 5 € – „Grüße“ aus Köln, sagt Jürgen. Über Straßen und Flüsse.\n"),
    ],
)
def test_undeclared_western_text(tmp_path: Path, encoding: str, text: str) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes(text.encode(encoding))
    (page,) = list(read_file(str(path)))
    assert isinstance(page, Page)
    assert page.content == text


@pytest.mark.parametrize(
    ("label", "codec", "body"),
    [
        ("Shift_JIS", "shift_jis", "日本語のニュース記事です。東京は今日も晴れでした。"),
        ("windows-1251", "cp1251", "Новости дня: в Москве сегодня солнечно и тепло."),
        # Too short for detection (it would say windows-1252): only the meta tells.
        ("windows-1254", "cp1254", "Türkçe metin: İstanbul'da güzel bir gün. Şehir, ağaç, ışık."),
    ],
)
def test_html_meta_charset(tmp_path: Path, label: str, codec: str, body: str) -> None:
    head = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
    doc = html(body, head)
    path = tmp_path / "meta.html"
    path.write_bytes(doc.encode(codec))
    (page,) = list(read_file(str(path)))
    assert isinstance(page, Page)
    assert page.content == doc
    assert page.encoding in ({"cp932", "shift_jis"} if codec == "shift_jis" else {codec})


def test_page_too_large_then_next_file_reads(tmp_path: Path) -> None:
    (tmp_path / "a_big.html").write_bytes(b"<p>" + b"x" * 20_100_000 + b"</p>")
    (tmp_path / "b_small.txt").write_text("small story")
    items = list(read_paths([str(tmp_path)]))
    assert len(items) == 2
    big, small = items
    assert isinstance(big, Failure) and big.code == ErrorCode.TOO_LARGE
    assert big.reason == "page too large: 20.1 MB > limit 10.0 MB"
    assert isinstance(small, Page) and small.content == "small story"


def test_gzip_page_too_large_counts_decompressed_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b" " * 3_000_000 + b"</p>"))
    failure = only_failure(path, options=ReaderOptions(max_bytes=1_000_000))
    assert failure.code == ErrorCode.TOO_LARGE
    assert failure.reason == "page too large: 3.0 MB > limit 1.0 MB"


def test_forced_kind_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "page.dat"
    path.write_bytes("plain words, not markup: é".encode("cp1252"))
    (page,) = list(read_file(str(path), kind="html", options=ReaderOptions(encoding="cp1252")))
    assert isinstance(page, Page)
    assert page.kind == "html"
    assert page.content.endswith("é")
    assert page.encoding == "cp1252"
    with pytest.raises(ValueError):
        read_file(str(path), kind="pdf")
    with pytest.raises(ValueError):
        ReaderOptions(encoding="no-such-codec")


# --- paths and directories --------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.html")
    (failure,) = list(read_paths([missing]))
    assert isinstance(failure, Failure)
    assert failure.code == ErrorCode.UNREADABLE
    assert failure.source == missing
    assert "no such file" in failure.reason


def test_explicit_unsupported_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    failure = only_failure(path)
    assert failure.code == ErrorCode.UNSUPPORTED
    assert ".png" in failure.reason


def test_directory_walk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    (root / "a" / "z").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text("story b")
    (root / "a" / "c.html").write_text(html("story c"))
    (root / "a" / "z" / "d.txt").write_text("story d")
    (root / "notes.md").write_text("story notes")
    (root / ".hidden.txt").write_text("hidden")
    (root / ".git" / "x.txt").write_text("hidden too")
    (root / "img.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    monkeypatch.chdir(tmp_path)
    for given in ("root", "root/"):
        items = list(read_paths([given]))
        assert all(isinstance(item, Page) for item in items), items
        assert [item.source for item in items] == ["root/a/c.html", "root/a/z/d.txt", "root/b.txt", "root/notes.md"]
        assert [item.kind for item in items] == ["html", "text", "text", "text"]


def test_batch_goes_on_after_failures(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("fine story")
    (tmp_path / "empty.txt").write_bytes(b"")
    items = list(read_paths([str(tmp_path / "missing.txt"), str(tmp_path / "empty.txt"), str(good)]))
    assert [getattr(item, "code", "page") for item in items] == [ErrorCode.UNREADABLE, ErrorCode.EMPTY, "page"]


# --- kind detection and decoding -------------------------------------------


def test_detect_kind_by_extension_and_content(tmp_path: Path) -> None:
    samples = {
        "a.txt": b"<html>a text dump can hold anything</html>",
        "b.jsonl.gz": gzip.compress(b'{"text": "x"}\n'),
        "c.warc.gz": b"",
        "sniff-warc": b"WARC/1.1\r\nWARC-Type: warcinfo\r\n",
        "sniff-html.dat": b"<!doctype html><html><body>hi</body></html>",
        "sniff-tags": b"<div><p>a</p><p>b</p><p>c</p><p>d</p><p>e</p></div>",
        "sniff-jsonl.gz": gzip.compress(b'{"url": "u", "html": "<p>x</p>"}\n{"text": "y"}\n'),
        "sniff-text.out": b"Just some words.\nAnd more words.\n",
    }
    expected = ["text", "jsonl", "warc", "warc", "html", "html", "jsonl", "text"]
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    assert [detect_kind(str(tmp_path / name)) for name in samples] == expected


def test_decode_rules() -> None:
    assert decode("Zürich".encode("utf-16"), "s") == ("Zürich", "utf-16")
    assert decode(b"\xef\xbb\xbfhello", "s") == ("hello", "utf-8-sig")
    assert decode("Привет мир".encode("koi8_r"), "s", "koi8-r") == ("Привет мир", "koi8-r")
    # A Latin-1 label on UTF-8 bytes is the classic mislabel: UTF-8 wins.
    assert decode("naïve".encode(), "s", "iso-8859-1") == ("naïve", "utf-8")
    # A lying declaration falls back to detection instead of raising.
    assert decode("ok ünïcode".encode(), "s", "ascii")[0] == "ok ünïcode"
    assert decode(b"caf\xe9 au lait", "s", "utf-8")[0] == "café au lait"
    with pytest.raises(InputError) as info:
        decode(b"\x00\x01\x02binary", "s")
    assert info.value.code == ErrorCode.BINARY
    with pytest.raises(InputError) as info:
        decode(b" \n ", "s")
    assert info.value.code == ErrorCode.EMPTY


def test_decode_never_raises_unicode_errors() -> None:
    rng = random.Random(3)
    for _ in range(50):
        data = bytes(rng.randrange(1, 256) for _ in range(rng.randrange(1, 600)))
        try:
            text, encoding = decode(data, "s", rng.choice([None, "utf-8", "shift_jis", "base64"]), html=True)
        except InputError as exc:
            assert exc.code in (ErrorCode.BINARY, ErrorCode.EMPTY)
        else:
            assert isinstance(text, str) and encoding


# --- WARC -------------------------------------------------------------------


@pytest.mark.parametrize("gz", [False, True])
def test_warc_reads_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    russian = html("Новости дня: в Москве солнечно.")
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        warc_record(writer, 0, html("first story").encode())
        warc_record(writer, 1, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        warc_record(writer, 2, russian.encode("cp1251"), "text/html; charset=windows-1251")
        warc_record(writer, 3, b"GET / HTTP/1.1\r\n\r\n", None, rtype="request")
        warc_record(writer, 4, gzip.compress(html("zipped story").encode()), extra=[("Content-Encoding", "gzip")])
        warc_record(writer, 5, html("no content type").encode(), None)
        warc_record(writer, 6, b"just text, no type", None)
        chunked = html("chunked story").encode()
        pieces = [chunked[i : i + 20] for i in range(0, len(chunked), 20)]
        chunks = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces)
        warc_record(writer, 7, chunks + b"0\r\n\r\n", extra=[("Transfer-Encoding", "chunked")])
        warc_record(writer, 8, html("Page not found").encode(), status="404 Not Found")
        warc_record(writer, 9, html("Moved").encode(), status="301 Moved Permanently", extra=[("Location", "/x")])
    items = list(read_file(str(path)))
    assert not failures(items)
    assert [p.record_id for p in pages(items)] == [f"<urn:uuid:rec-{n}>" for n in (0, 2, 4, 5, 7)]
    first, ru, zipped, untyped, unchunked = pages(items)
    assert unchunked.content == html("chunked story")
    assert first.content == html("first story")
    assert first.url == "http://example.com/0"
    assert first.fetched_at == DATE
    assert first.source == str(path) and first.kind == "html"
    assert (ru.content, ru.encoding) == (russian, "cp1251")
    assert zipped.content == html("zipped story")
    assert untyped.content == html("no content type")


def test_truncated_warc_gz_keeps_complete_records(tmp_path: Path) -> None:
    bodies = [html(f"story {n} " + "word " * 200).encode() for n in range(3)]
    whole = tmp_path / "whole.warc.gz"
    ends = write_warc(whole, bodies, gz=True)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: (ends[1] + ends[2]) // 2])  # inside the third member
    items = list(read_file(str(cut)))
    assert [p.content for p in pages(items)] == [b.decode() for b in bodies[:2]]
    assert isinstance(items[-1], Failure) and len(failures(items)) == 1
    assert items[-1].code == ErrorCode.TRUNCATED
    assert items[-1].source == str(cut)


def test_truncated_plain_warc_names_the_record(tmp_path: Path) -> None:
    bodies = [html(f"story {n}").encode() for n in range(2)]
    whole = tmp_path / "whole.warc"
    ends = write_warc(whole, bodies, gz=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: ends[1] - 20])  # inside the second payload
    items = list(read_file(str(cut)))
    assert [p.record_id for p in pages(items)] == ["<urn:uuid:rec-0>"]
    (failure,) = failures(items)
    assert (failure.code, failure.record_id) == (ErrorCode.TRUNCATED, "<urn:uuid:rec-1>")


def test_malformed_warc_record(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    ends = write_warc(path, [html(f"story {n}").encode() for n in range(3)], gz=False)
    data = path.read_bytes()
    second = data[ends[0] : ends[1]].replace(b"Content-Length: ", b"Content-Length: x", 1)
    path.write_bytes(data[: ends[0]] + second + data[ends[1] :])
    items = list(read_file(str(path)))
    assert [p.record_id for p in pages(items)] == ["<urn:uuid:rec-0>"]
    (failure,) = failures(items)
    assert failure.code == ErrorCode.BAD_RECORD
    assert failure.record_id == "<urn:uuid:rec-1>"


def test_warc_record_too_large_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    write_warc(path, [html("x" * 5000).encode(), html("small").encode()], gz=True)
    items = list(read_file(str(path), options=ReaderOptions(max_bytes=1000)))
    assert [type(item).__name__ for item in items] == ["Failure", "Page"]
    assert items[0].code == ErrorCode.TOO_LARGE and items[0].record_id == "<urn:uuid:rec-0>"  # type: ignore[union-attr]
    assert items[1].content == html("small")  # type: ignore[union-attr]


# --- JSONL ------------------------------------------------------------------


def jsonl_lines() -> list[str]:
    return [
        json.dumps({"url": "http://a.example/1", "html": html("one"), "fetched_at": DATE}),
        "",
        json.dumps({"id": "doc-7", "url": "http://a.example/2", "text": "plain story"}),
        '{"url": "http://a.example/3", "html": ',
        json.dumps({"url": "http://a.example/4"}),
        json.dumps({"text": "last story"}),
    ]


@pytest.mark.parametrize("name", ["pages.jsonl", "pages.jsonl.gz"])
def test_jsonl(tmp_path: Path, name: str) -> None:
    data = "\n".join(jsonl_lines()).encode() + b"\n"
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    items = list(read_file(str(path)))
    assert [getattr(item, "code", "page") for item in items] == [
        "page", "page", ErrorCode.BAD_RECORD, ErrorCode.BAD_RECORD, "page",
    ]  # fmt: skip
    one, seven, bad_json, no_body, last = items
    assert isinstance(one, Page) and isinstance(seven, Page) and isinstance(last, Page)
    assert (one.kind, one.content, one.url, one.record_id, one.fetched_at) == (
        "html", html("one"), "http://a.example/1", "line 1", DATE,
    )  # fmt: skip
    assert (seven.kind, seven.content, seven.record_id, seven.fetched_at) == ("text", "plain story", "doc-7", None)
    assert (last.record_id, last.source) == ("line 6", str(path))
    assert isinstance(bad_json, Failure) and bad_json.record_id == "line 4" and "line 4" in bad_json.reason
    assert isinstance(no_body, Failure) and no_body.record_id == "line 5" and "line 5" in no_body.reason


def test_truncated_jsonl_gz(tmp_path: Path) -> None:
    lines = [json.dumps({"id": n, "text": f"story {n} " + "word " * 300}) for n in range(40)]
    blob = gzip.compress("\n".join(lines).encode())
    path = tmp_path / "cut.jsonl.gz"
    cut = blob[: len(blob) * 3 // 4]
    path.write_bytes(cut)
    complete_lines = zlib.decompressobj(31).decompress(cut).count(b"\n")
    items = list(read_file(str(path)))
    read = pages(items)
    assert 0 < len(read) == complete_lines < 40
    assert [p.record_id for p in read] == [str(n) for n in range(len(read))]
    assert isinstance(items[-1], Failure) and items[-1].code == ErrorCode.TRUNCATED
