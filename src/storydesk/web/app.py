"""The FastAPI application: HTML pages and the JSON API over one store."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..analysis import EntityOptions, analyse
from ..store import Store
from .data import AnalysisCache, Snapshot, article_date, display_title, site_of
from .render import environment, highlight, timeline
from .search import SearchIndex
from .security import SecurityHeaders, http_url

__all__ = ["create_app"]

PAGE_SIZE = 50
STATIC = Path(__file__).with_name("static")

# The export's item schemas, offered to OpenAPI clients as components.
_ITEMS = {"Article": "articles", "CopyGroup": "duplicates", "Event": "events", "Story": "stories", "Quote": "quotes"}


def _ref(name: str, array: bool = False) -> dict[int | str, dict[str, Any]]:
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{name}"}
    if array:
        schema = {"type": "array", "items": schema}
    return {200: {"content": {"application/json": {"schema": schema}}}}


# The story page's "who said what", as the API gives it.
_SPEAKER_GROUP: dict[str, Any] = {
    "type": "object",
    "description": (
        "The quotes of one speaker, most quoted speaker first: grouped by the speaker's entity when linked "
        "(`speaker` is its name, `aliases` the other ways the articles name it), else by the description "
        "(case, spaces and a leading article folded). A quote repeated by copies is listed once (`also` counts them)."
    ),
    "required": ["speaker", "entity", "aliases", "quotes"],
    "properties": {
        "speaker": {"type": "string"},
        "entity": {"type": ["string", "null"], "description": "entity id, null for a described speaker"},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "quotes": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["article", "start", "end", "text", "kind", "also"],
                "properties": {
                    "article": {"type": "string"},
                    "start": {"type": "integer", "minimum": 0},
                    "end": {"type": "integer", "minimum": 0},
                    "text": {"type": "string"},
                    "kind": {"enum": ["direct", "partial"]},
                    "also": {"type": "integer", "minimum": 0, "description": "copies that repeat the quote"},
                },
            },
        },
    },
}


def _export_items() -> dict[str, Any]:
    doc = json.loads(resources.files("storydesk.schema").joinpath("export.schema.json").read_text(encoding="utf-8"))
    return {**{name: doc["properties"][key]["items"] for name, key in _ITEMS.items()}, "SpeakerGroup": _SPEAKER_GROUP}


def create_app(
    db: str | None = None, *, check_every: float = 2.0, entity_options: EntityOptions | None = None
) -> FastAPI:
    """The web UI and JSON API over the store ``db`` (a SQLite path or SQLAlchemy URL)."""
    store = Store(db)
    search = SearchIndex(store.engine)
    cache = AnalysisCache(
        store, analyser=partial(analyse, entity_options=entity_options), check_every=check_every,
        on_refresh=lambda snap: search.refresh(snap.signature),
    )
    env = environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        cache.get()  # analyse once at start, not on the first visitor's request
        yield

    app = FastAPI(
        title="storydesk",
        version=__version__,
        description=(
            "Stories, events and articles analysed from crawled news pages. The JSON API returns the "
            "same item shapes as `storydesk export` (schema: `storydesk schema`)."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI needs a CDN and inline scripts; /docs is rendered server-side instead
        redoc_url=None,
    )
    app.state.cache = cache
    app.state.search = search
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        base = request.scope.get("root_path", "").rstrip("/")
        html = env.get_template(name).render(base=base, request_path=request.url.path, **ctx)
        return HTMLResponse(html, status_code=status_code)

    def snapshot() -> Snapshot:
        return cache.get()

    # ------------------------------------------------------------------ HTML pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        snap = snapshot()
        return page(
            request,
            "index.html",
            title="Stories",
            recent=[snap.summaries[i] for i in snap.recent[:12]],
            biggest=[snap.summaries[i] for i in snap.biggest[:12]],
            n_stories=len(snap.stories),
            n_articles=len(snap.articles),
            n_sources=snap.n_sources,
            q="",
        )

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def all_stories(
        request: Request, page_no: Annotated[int, Query(alias="page", ge=1)] = 1, sort: str = "recent"
    ) -> HTMLResponse:
        snap = snapshot()
        order = snap.biggest if sort == "biggest" else snap.recent
        pages = max(1, -(-len(order) // PAGE_SIZE))
        ids = order[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        return page(
            request, "stories.html", title="All stories", stories=[snap.summaries[i] for i in ids],
            page_no=page_no, pages=pages, sort="biggest" if sort == "biggest" else "recent", q="",
        )

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        snap = snapshot()
        view = snap.story_view(story_id)
        if view is None:
            raise HTTPException(404, f"No story {story_id!r}")
        base = request.scope.get("root_path", "").rstrip("/")
        return page(request, "story.html", title=view.summary.title, view=view, chart=timeline(view, base), q="")

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> HTMLResponse:
        snap = snapshot()
        a = snap.articles.get(article_id)
        if a is None:
            raise HTTPException(404, f"No article {article_id!r}")
        quotes = snap.analysis.quotes.get(a.id, [])
        timexes = snap.analysis.timexes.get(a.id, [])
        event_id = snap.event_of_article.get(a.id)
        group = snap.group_of.get(a.id)
        return page(
            request,
            "article.html",
            title=display_title(a),
            a=a,
            row=snap.row(a),
            date=article_date(a),
            site=site_of(a),
            url=http_url(a.url),
            event=snap.events.get(event_id) if event_id else None,
            story=snap.stories.get(snap.story_of_event.get(event_id, "")) if event_id else None,
            group=group,
            group_rows=[snap.row(snap.articles[m]) for m in group.members if m in snap.articles] if group else [],
            late=snap.analysis.late.get(a.id),
            quotes=quotes,
            speakers=[snap.speaker_label(a.id, i) for i in range(len(quotes))],
            timexes=timexes,
            paragraphs=highlight(a.text, quotes, timexes),
            q="",
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        snap = snapshot()
        results = []
        for hit in search.search(q, limit=50) if q.strip() else []:
            a = snap.articles.get(hit.id)
            if a is None:  # stored after the current analysis; shown once it is re-analysed
                continue
            ev = snap.event_of_article.get(a.id)
            results.append({
                "row": snap.row(a),
                "snippet": hit.snippet,
                "story": snap.summaries.get(snap.story_of_event.get(ev, "")) if ev else None,
            })
        return page(request, "search.html", title=f"Search: {q}" if q else "Search", q=q, results=results)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        spec = app.openapi()
        ops = [
            {"method": m.upper(), "path": p, **op}
            for p, methods in spec["paths"].items()
            for m, op in methods.items()
        ]
        return page(request, "docs.html", title="API", ops=ops, spec=spec, q="")

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/stories", tags=["stories"], summary="List stories", responses=_ref("Story", array=True))
    def api_stories(
        sort: Annotated[str, Query(pattern="^(recent|biggest)$", description="recent or biggest first")] = "recent",
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> JSONResponse:
        """Stories as in the export's `stories` (`id`, `title`, `events`), most recent or biggest first."""
        snap = snapshot()
        order = snap.biggest if sort == "biggest" else snap.recent
        return JSONResponse([snap.story_item(snap.stories[i]) for i in order[offset : offset + limit]])

    @app.get(
        "/api/stories/{story_id}",
        tags=["stories"],
        summary="One story with its events, articles, copy groups, quotes and quotes by speaker",
        responses={
            200: {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["story", "events", "articles", "duplicates", "quotes", "speakers"],
                            "properties": {
                                "story": {"$ref": "#/components/schemas/Story"},
                                "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                                "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
                                "duplicates": {"type": "array", "items": {"$ref": "#/components/schemas/CopyGroup"}},
                                "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}},
                                "speakers": {"type": "array", "items": {"$ref": "#/components/schemas/SpeakerGroup"}},
                            },
                        }
                    }
                }
            },
            404: {"description": "No such story"},
        },
    )
    def api_story(story_id: str) -> JSONResponse:
        """The export document restricted to one story (each list holds the export's items), and `speakers`: its
        quotes grouped by speaker as on the story page."""
        doc = snapshot().story_document(story_id)
        if doc is None:
            raise HTTPException(404, f"No story {story_id!r}")
        return JSONResponse(doc)

    @app.get(
        "/api/articles/{article_id}",
        tags=["articles"],
        summary="One article",
        responses={**_ref("Article"), 404: {"description": "No such article"}},
    )
    def api_article(article_id: str) -> JSONResponse:
        """The article as in the export's `articles` (text, dates with evidence, timexes, late copy)."""
        item = snapshot().article_item(article_id)
        if item is None:
            raise HTTPException(404, f"No article {article_id!r}")
        return JSONResponse(item)

    @app.get(
        "/api/search",
        tags=["articles"],
        summary="Full-text search over articles",
        responses={
            200: {
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "query": {"type": "string"},
                                "results": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "article": {"$ref": "#/components/schemas/Article"},
                                            "snippet": {"type": "string"},
                                            "event": {"type": ["string", "null"]},
                                            "story": {"type": ["string", "null"]},
                                        },
                                    },
                                },
                            },
                        }
                    }
                }
            }
        },
    )
    def api_search(
        q: Annotated[str, Query(description="words to find (all of them; the last one as a prefix)")],
        limit: Annotated[int, Query(ge=1, le=100)] = 20,
    ) -> JSONResponse:
        """Articles matching all the words (SQLite FTS5, ranked by BM25; LIKE on other databases)."""
        snap = snapshot()
        results = []
        for hit in search.search(q, limit=limit):
            item = snap.article_item(hit.id)
            if item is None:
                continue
            ev = snap.event_of_article.get(hit.id)
            results.append({
                "article": item,
                "snippet": "".join(t for t, _ in hit.snippet),
                "event": ev,
                "story": snap.story_of_event.get(ev) if ev else None,
            })
        return JSONResponse({"query": q, "results": results})

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            spec.setdefault("components", {}).setdefault("schemas", {}).update(_export_items())
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    # ------------------------------------------------------------------ errors

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return page(request, "error.html", status_code=exc.status_code, title="Not found"
                    if exc.status_code == 404 else "Error", status=exc.status_code, detail=str(exc.detail), q="")

    return app
