"""Coded errors: every way a page can fail has a stable code and a one-line reason.

Stages never ``return None`` silently: they yield a :class:`~storydesk.records.Failure`
carrying one of these codes, and the batch goes on.  Codes are stable so that
the store, the summary line and downstream tools can count them.
"""

from __future__ import annotations

__all__ = ["StorydeskError", "InputError", "ErrorCode"]


class ErrorCode:
    """Stable failure codes (strings so that they read well in JSON and SQL)."""

    EMPTY = "empty"  # zero bytes or only whitespace
    BINARY = "binary"  # not text: NUL bytes / undecodable
    TOO_LARGE = "too-large"  # above the configured size limit
    TRUNCATED = "truncated"  # truncated gzip / WARC stream
    UNREADABLE = "unreadable"  # OS error, permission, missing file
    BAD_RECORD = "bad-record"  # malformed JSONL line or WARC record
    NO_ARTICLE = "no-article"  # page read fine but carries no article text
    UNSUPPORTED = "unsupported"  # file type storydesk does not read
    EXTRACT_ERROR = "extract-error"  # the extractor raised (bug or hostile input)


class StorydeskError(Exception):
    """Base class of storydesk's errors."""


class InputError(StorydeskError):
    """An input could not be read; ``code`` is an :class:`ErrorCode` value."""

    def __init__(self, source: str, code: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.code = code
        self.reason = reason
