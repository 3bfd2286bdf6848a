"""FastAPI application: server-rendered pages and a JSON API over one eventwire database.

Read-only by construction: the database is opened with ``mode=ro`` and only GET routes exist.
Templates autoescape; spans are highlighted by :mod:`eventwire.web.highlight`, which escapes every
character; links from articles pass :func:`safe_link`. A Content-Security-Policy forbids inline and
foreign scripts, so even a missed escape could not run code.
"""


import io
import json
import math
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl, urlencode

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventwire import queries
from eventwire.csvsafe import write_csv
from eventwire.web import monitor
from eventwire.web.highlight import highlight, safe_link

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
TYPE_COLOURS = dict(zip(PLOVER_TYPES, (
    "#1b9e77", "#66a61e", "#7fc97f", "#a6d854", "#33a02c", "#b2df8a", "#80b1d3", "#8da0cb", "#fdb462",
    "#fb8072", "#e7298a", "#ffd92f", "#e6ab02", "#a6761d", "#d95f02", "#c51b18"), strict=True))
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

TypeParam = Annotated[str | None, Query(description="PLOVER type", pattern="^[A-Za-z]{3,12}$")]
CountryParam = Annotated[str | None, Query(description="ISO 3166 alpha-3", pattern="^[A-Za-z]{3}$")]
DateParam = Annotated[str | None, Query(description="ISO date: YYYY, YYYY-MM or YYYY-MM-DD", pattern=ISO_DATE)]
TextParam = Annotated[str | None, Query(max_length=200)]
LimitParam = Annotated[int, Query(ge=1, le=500)]
OffsetParam = Annotated[int, Query(ge=0, le=10_000_000)]


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
WILDCARD_BINDS = ("0.0.0.0", "::", "")
MAX_COUNT = 1_000_000_000  # no report counts more people than this; larger figures get a 400, not an overflow


def allowed_hosts(bind: str, extra: Sequence[str] = ()) -> list[str]:
    """Host header values the server answers when bound to ``bind``, plus ``extra`` (``--allow-host``).

    A loopback bind answers its loopback names only, so a page on another site cannot reach the UI by
    rebinding its own DNS name to 127.0.0.1; a bind on every interface adds this machine's names.
    ``*`` in ``extra`` turns the check off; ``*.example.org`` allows the subdomains of a name."""
    bind = bind.strip().lower()
    hosts = list(LOOPBACK_HOSTS)
    if bind in WILDCARD_BINDS:
        hosts += [socket.gethostname().lower(), socket.getfqdn().lower()]
    elif bind not in ("localhost", "127.0.0.1", "::1"):
        hosts.append(f"[{bind}]" if ":" in bind and not bind.startswith("[") else bind)
    for name in extra:
        name = name.strip().lower()
        hosts.append(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    return list(dict.fromkeys(h for h in hosts if h))


def create_app(db: Path | str, hosts: Sequence[str] | None = None) -> FastAPI:
    """The web app over the database file ``db`` (opened read-only per request).

    ``hosts``: the Host header values to answer (see :func:`allowed_hosts`); others get a 400. None
    answers any host (tests, or a server behind a proxy that checks them)."""
    db_path = Path(db)
    if not db_path.exists():
        raise FileNotFoundError(f"no database at {db_path}")
    app = FastAPI(title="eventwire", version="1", description="Events, incidents, actors and quotes from news.",
                  docs_url=None, redoc_url=None)  # the stock docs pages load scripts from a CDN
    static = resources.files("eventwire.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    templates = Jinja2Templates(directory=str(resources.files("eventwire.web").joinpath("templates")))
    templates.env.filters["safe_link"] = safe_link
    templates.env.globals["colour"] = lambda t: TYPE_COLOURS.get(t or "", "#888")

    def connection() -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        try:
            yield conn
        finally:
            conn.close()

    Conn = Annotated[sqlite3.Connection, Depends(connection)]
    app.add_middleware(DropEmptyParams)
    if hosts is not None:  # added last, so it runs first: a foreign Host never reaches a route
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts), www_redirect=False)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = [f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "invalid parameters", "detail": problems}, status_code=400)
        return templates.TemplateResponse(request, "error.html", {"status": 400, "problems": problems},
                                          status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                          "problems": [str(exc.detail)]}, status_code=exc.status_code)

    def event_filter(
        type: TypeParam = None,
        actor: TextParam = None,
        country: CountryParam = None,
        since: DateParam = None,
        until: DateParam = None,
        min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_COUNT)] = None,
        q: TextParam = None,
        all: bool = False,
        incident: Annotated[str | None, Query(max_length=64)] = None,
        sort: Annotated[str, Query(pattern="^(" + "|".join(queries.SORTABLE) + ")$")] = "date",
        order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
        limit: LimitParam = 50,
        offset: OffsetParam = 0,
    ) -> queries.EventFilter:
        if type and type.upper() not in PLOVER_TYPES:
            raise RequestValidationError([{"loc": ("query", "type"), "msg": f"unknown PLOVER type {type!r}",
                                           "type": "value_error"}])
        return queries.EventFilter(type=type, actor=actor, country=country, since=since, until=until,
                                   min_fatalities=min_fatalities, text=q, include_all=all, incident_id=incident,
                                   sort=sort, descending=order == "desc", limit=limit, offset=offset)

    Filter = Annotated[queries.EventFilter, Depends(event_filter)]

    # -- JSON API ----------------------------------------------------------------------------
    @app.get("/api/stats")
    def api_stats(conn: Conn) -> dict[str, int]:
        return _counts(conn)

    @app.get("/api/events", response_model=None)
    def api_events(conn: Conn, f: Filter,
                   format: Annotated[str, Query(pattern="^(json|csv|jsonl)$")] = "json") -> Any:
        if format != "json":
            f.limit, f.offset = 100_000, 0  # a download is the whole current filter
            return _download(queries.events(conn, f), format)
        total = queries.count_events(conn, f, cap=queries.COUNT_CAP)
        return {"total": min(total, queries.COUNT_CAP), "total_exact": total <= queries.COUNT_CAP,
                "limit": f.limit, "offset": f.offset, "events": [_decode(r) for r in queries.events(conn, f)]}

    @app.get("/api/events/{event_id}")
    def api_event(conn: Conn, event_id: str) -> dict[str, Any]:
        return _decode(_or_404(queries.event(conn, event_id), "event"))

    @app.get("/api/incidents")
    def api_incidents(conn: Conn, type: TypeParam = None, country: CountryParam = None, since: DateParam = None,
                      until: DateParam = None, limit: LimitParam = 50, offset: OffsetParam = 0) -> dict[str, Any]:
        rows = queries.incidents(conn, type, country, since, until, limit, offset)
        return {"limit": limit, "offset": offset, "incidents": rows}

    @app.get("/api/incidents/{incident_id}")
    def api_incident(conn: Conn, incident_id: str) -> dict[str, Any]:
        item = _or_404(queries.incident(conn, incident_id), "incident")
        members = queries.events(conn, queries.EventFilter(incident_id=incident_id, include_all=True, limit=500))
        return {**item, "outlets": queries.incident_outlets(conn, incident_id), "events": [_decode(e) for e in members]}

    @app.get("/api/actors")
    def api_actors(conn: Conn, name: TextParam = None, country: CountryParam = None,
                   sector: Annotated[str | None, Query(pattern="^[A-Za-z]{2,4}$")] = None,
                   limit: LimitParam = 50, offset: OffsetParam = 0) -> dict[str, Any]:
        rows = queries.actors(conn, name=name, country=country, sector=sector, limit=limit, offset=offset)
        return {"limit": limit, "offset": offset, "actors": [_decode(r) for r in rows]}

    @app.get("/api/actors/{actor_id}")
    def api_actor(conn: Conn, actor_id: str) -> dict[str, Any]:
        item = _decode(_or_404(queries.actor(conn, actor_id), "actor"))
        return {**item, "timeline": queries.actor_timeline(conn, actor_id),
                "quotes": queries.quotes(conn, speaker=actor_id, limit=100)}

    @app.get("/api/quotes")
    def api_quotes(conn: Conn, speaker: TextParam = None, q: TextParam = None,
                   limit: LimitParam = 50, offset: OffsetParam = 0) -> dict[str, Any]:
        return {"limit": limit, "offset": offset,
                "quotes": queries.quotes(conn, speaker=speaker, contains=q, limit=limit, offset=offset)}

    @app.get("/api/articles/{article_id}")
    def api_article(conn: Conn, article_id: str) -> dict[str, Any]:
        item = _decode(_or_404(queries.article(conn, article_id), "article"))
        outlets = queries.article_outlets(conn, article_id)
        return {**item, "n_sources": queries.count_sources(outlets), "copies": outlets[1:],
                "events": [_decode(e) for e in queries.events(
                    conn, queries.EventFilter(article_id=article_id, include_all=True, limit=500))]}

    @app.get("/api/sources")
    def api_sources(conn: Conn, limit: LimitParam = 500, offset: OffsetParam = 0) -> dict[str, Any]:
        return {"limit": limit, "offset": offset, "sources": monitor.sources(conn, limit, offset)}

    @app.get("/api/alerts")
    def api_alerts(conn: Conn, rule: TextParam = None, limit: LimitParam = 50,
                   offset: OffsetParam = 0) -> dict[str, Any]:
        return {"limit": limit, "offset": offset, "alerts": monitor.alerts(conn, rule, limit=limit, offset=offset)}

    # -- pages -------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse)
    def page_overview(request: Request, conn: Conn, f: Filter) -> Response:
        data = queries.overview(conn, f)
        # "since your last visit": the time of the previous visit is a cookie (the database is read-only)
        last_visit = monitor.valid_stamp(request.cookies.get(monitor.LAST_VISIT_COOKIE))
        response = templates.TemplateResponse(request, "overview.html", {
            "counts": _counts(conn), "chart": _timeline_chart(data["timeline"]), "data": data, "f": f,
            "incidents": queries.incidents(conn, limit=10), "types": PLOVER_TYPES,
            "arrivals": monitor.arrivals(conn, last_visit) if last_visit else None})
        response.set_cookie(monitor.LAST_VISIT_COOKIE, monitor.now_stamp(), max_age=365 * 86400, httponly=True,
                            samesite="strict")
        return response

    @app.get("/sources", response_class=HTMLResponse)
    def page_sources(request: Request, conn: Conn) -> Response:
        return templates.TemplateResponse(request, "sources.html", {"rows": monitor.sources(conn)})

    @app.get("/alerts", response_class=HTMLResponse)
    def page_alerts(request: Request, conn: Conn, rule: TextParam = None, limit: LimitParam = 100,
                    offset: OffsetParam = 0) -> Response:
        rows = monitor.alerts(conn, rule, limit=limit, offset=offset)
        return templates.TemplateResponse(request, "alerts.html", {"rows": rows, "rule": rule,
                                                                   "total": monitor.count_alerts(conn)})

    @app.get("/events", response_class=HTMLResponse)
    def page_events(request: Request, conn: Conn, f: Filter) -> Response:
        page = f.limit
        f.limit += 1  # one more row tells whether there is a next page, whatever the capped count says
        rows = queries.events(conn, f)
        f.limit = page
        total = queries.count_events(conn, f, cap=queries.COUNT_CAP)
        return templates.TemplateResponse(request, "events.html", {
            "rows": rows[:page], "total": min(total, queries.COUNT_CAP), "total_exact": total <= queries.COUNT_CAP,
            "f": f, "types": PLOVER_TYPES, "query": _query(request),
            "prev": _page_link(request, f.offset - f.limit) if f.offset > 0 else None,
            "next": _page_link(request, f.offset + f.limit) if len(rows) > page else None})

    @app.get("/events/{event_id}", response_class=HTMLResponse)
    def page_event(request: Request, conn: Conn, event_id: str) -> Response:
        e = _decode(_or_404(queries.event(conn, event_id), "event"))
        evidence = [{**ev, "html": highlight(ev["sentence"], _event_spans(e, ev), offset=ev["start"])}
                    for ev in e["evidence_spans"]]
        return templates.TemplateResponse(request, "event.html", {"e": e, "evidence": evidence})

    @app.get("/incidents", response_class=HTMLResponse)
    def page_incidents(request: Request, conn: Conn, type: TypeParam = None, country: CountryParam = None,
                       limit: LimitParam = 50, offset: OffsetParam = 0) -> Response:
        rows = queries.incidents(conn, type, country, limit=limit, offset=offset)
        return templates.TemplateResponse(request, "incidents.html", {"rows": rows, "types": PLOVER_TYPES,
                                                                       "type": type, "country": country})

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def page_incident(request: Request, conn: Conn, incident_id: str) -> Response:
        item = _or_404(queries.incident(conn, incident_id), "incident")
        members = queries.events(conn, queries.EventFilter(incident_id=incident_id, include_all=True, limit=500))
        return templates.TemplateResponse(request, "incident.html", {
            "i": item, "members": members, "outlets": queries.incident_outlets(conn, incident_id)})

    @app.get("/actors/{actor_id}", response_class=HTMLResponse)
    def page_actor(request: Request, conn: Conn, actor_id: str) -> Response:
        item = _decode(_or_404(queries.actor(conn, actor_id), "actor"))
        as_actor = queries.events(conn, queries.EventFilter(actor=actor_id, limit=200))
        return templates.TemplateResponse(request, "actor.html", {
            "a": item, "events": as_actor, "timeline": queries.actor_timeline(conn, actor_id),
            "quotes": queries.quotes(conn, speaker=actor_id, limit=100)})

    @app.get("/quotes", response_class=HTMLResponse)
    def page_quotes(request: Request, conn: Conn, speaker: TextParam = None, q: TextParam = None,
                    limit: LimitParam = 50, offset: OffsetParam = 0) -> Response:
        rows = queries.quotes(conn, speaker=speaker, contains=q, limit=limit, offset=offset)
        return templates.TemplateResponse(request, "quotes.html", {"rows": rows, "speaker": speaker, "q": q})

    @app.get("/map", response_class=HTMLResponse)
    def page_map(request: Request, conn: Conn, f: Filter) -> Response:
        f.limit, f.offset = 500, 0
        points = [_map_point(e) for e in queries.events(conn, f) if e["latitude"] is not None]
        return templates.TemplateResponse(request, "map.html", {
            "countries": _world(), "points": points, "f": f, "types": PLOVER_TYPES, "query": _query(request)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def page_article(request: Request, conn: Conn, article_id: str) -> Response:
        a = _decode(_or_404(queries.article(conn, article_id), "article"))
        spans = queries.article_spans(conn, article_id)
        full = "\n\n".join([a["text"], *a["captions"]])
        paragraphs = _paragraph_html(full, spans)
        events = queries.events(conn, queries.EventFilter(article_id=article_id, include_all=True, limit=500))
        outlets = queries.article_outlets(conn, article_id)
        return templates.TemplateResponse(request, "article.html", {
            "a": a, "paragraphs": paragraphs, "events": events, "body_end": len(a["text"]),
            "copies": outlets[1:], "n_sources": queries.count_sources(outlets)})

    return app


class DropEmptyParams:
    """Treat ``?country=&since=`` (what an HTML form sends for blank fields) as absent parameters."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return queries.table_counts(conn)


def _or_404(item: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(status_code=404, detail=f"no such {what}")
    return item


_JSON_FIELDS = ("contexts", "quantity", "evidence_spans", "aliases", "captions", "removed")


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (json.loads(v) if k in _JSON_FIELDS and isinstance(v, str) else v) for k, v in row.items()}


def _download(rows: list[dict[str, Any]], fmt: str) -> Response:
    if fmt == "jsonl":
        body = "".join(json.dumps(_decode(r), ensure_ascii=False) + "\n" for r in rows)
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="events.jsonl"'})
    buffer = io.StringIO()
    if rows:
        write_csv(buffer, rows, list(rows[0]))
    return StreamingResponse(iter([buffer.getvalue()]), media_type="text/csv",
                             headers={"Content-Disposition": 'attachment; filename="events.csv"'})


def _query(request: Request) -> str:
    return str(request.url.query)


def _page_link(request: Request, offset: int) -> str:
    params = dict(request.query_params)
    params["offset"] = str(max(offset, 0))
    return f"{request.url.path}?{urlencode(params)}"


def _event_spans(e: dict[str, Any], ev: dict[str, Any]) -> list[tuple[int, int, str, str | None]]:
    spans: list[tuple[int, int, str, str | None]] = []
    if ev.get("trigger_start") is not None:
        spans.append((ev["trigger_start"], ev["trigger_end"], "trigger", None))
    for key, kind in (("actor", "actor"), ("recipient", "recipient"), ("timex", "date"), ("place", "place")):
        start, end = e.get(f"{key}_start"), e.get(f"{key}_end")
        if start is not None and end is not None and ev["start"] <= start < ev["end"]:
            link = f"/actors/{e[f'{key}_id']}" if key in ("actor", "recipient") and e.get(f"{key}_id") else None
            spans.append((start, end, kind, link))
    return spans


def _paragraph_html(full: str, spans: list[tuple[int, int, str, str | None]]) -> list[Any]:
    paragraphs = []
    position = 0
    for block in full.split("\n\n"):
        start = full.index(block, position) if block else position
        end = start + len(block)
        inside = [s for s in spans if s[0] < end and start < s[1]]
        paragraphs.append(highlight(block, inside, offset=start))
        position = end
    return paragraphs


def _timeline_chart(timeline: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked monthly bars as plain numbers for an inline SVG."""
    by_bucket: dict[str, list[dict[str, Any]]] = {}
    for t in timeline:  # one pass: five years of months by 16 types is ~1,000 entries
        by_bucket.setdefault(t["bucket"], []).append(t)
    buckets = sorted(by_bucket)
    totals = {b: sum(t["n"] for t in by_bucket[b]) for b in buckets}
    peak = max(totals.values(), default=1)
    width = max(len(buckets), 1)
    bars = []
    for i, bucket in enumerate(buckets):
        y = 200.0
        for t in sorted(by_bucket[bucket], key=lambda t: t["type"]):
            height = 180.0 * t["n"] / peak
            y -= height
            bars.append({"x": 40 + i * (900 / width), "y": y, "w": max(900 / width - 4, 2), "h": height,
                         "type": t["type"], "n": t["n"], "bucket": bucket, "colour": TYPE_COLOURS.get(t["type"])})
    return {"bars": bars, "buckets": buckets, "peak": peak,
            "labels": [{"x": 40 + i * (900 / width), "text": b} for i, b in enumerate(buckets)]}


def _map_point(e: dict[str, Any]) -> dict[str, Any]:
    killed = e["fatalities_best"] if e["fatalities_best"] is not None else (e["fatalities_low"] or 0)
    return {"id": e["id"], "x": (e["longitude"] + 180.0) * 1000.0 / 360.0, "y": (90.0 - e["latitude"]) * 500.0 / 180.0,
            "r": 3.0 + 2.0 * math.sqrt(killed), "type": e["type"], "colour": TYPE_COLOURS.get(e["type"], "#888"),
            "label": f"{e['date'] or 'undated'} {e['type']} {e['place'] or ''} ({killed} killed)"}


@lru_cache(maxsize=1)
def _world() -> list[dict[str, str]]:
    data = resources.files("eventwire.web").joinpath("static/world.json").read_text(encoding="utf-8")
    countries: list[dict[str, str]] = json.loads(data)
    return countries
