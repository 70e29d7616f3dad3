"""Defences for showing scraped (hostile) content: headers and URL checks.

Scraped titles and bodies are only ever rendered through Jinja2's autoescape
and never marked safe; links to a page's own URL are only made for http(s)
URLs; every HTML response carries a Content-Security-Policy that forbids
inline and foreign scripts, plugins and ``<base>`` rewriting.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "SecurityHeaders", "http_url"]

CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"

_ALWAYS: list[tuple[bytes, bytes]] = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
_HTML_ONLY: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-frame-options", b"DENY"),
]


def http_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL safe to put in ``href``, else None.

    Anything with whitespace or control characters is refused outright: browsers
    strip or ignore them, which is how ``java\\tscript:`` tricks get through.
    """
    if not url or len(url) > 2048 or any(ord(ch) <= 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


class SecurityHeaders:
    """Pure ASGI middleware: adds the CSP (HTML responses) and nosniff (all) headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                names = {k.lower() for k, _ in headers}
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                extra = list(_ALWAYS)
                if ctype.lower().startswith(b"text/html"):
                    extra += _HTML_ONLY
                headers += [(k, v) for k, v in extra if k not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
