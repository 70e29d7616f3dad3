"""storydesk: messy crawled news pages in, clean sourced stories out.

The public surface is small: the record types, the pipeline entry points and
the store.  Everything else is internal and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .analysis import Analysis, analyse
from .api import IngestSummary, analyse_store, export_store, extract_files, ingest
from .extract import ExtractOptions, extract_page
from .readers import ReaderOptions, read_file, read_paths
from .records import Article, DateValue, Failure, Page
from .store import Store

__all__ = [
    "__version__",
    "Analysis",
    "Article",
    "DateValue",
    "ExtractOptions",
    "Failure",
    "IngestSummary",
    "Page",
    "ReaderOptions",
    "Store",
    "analyse",
    "analyse_store",
    "export_store",
    "extract_files",
    "extract_page",
    "ingest",
    "read_file",
    "read_paths",
]
