"""The JSON API and the HTML pages over a hand-made knowledge base (no spaCy model)."""

from __future__ import annotations

import json
import re
import threading
import time
from typing import Any

import pytest

from .conftest import DOC1, DOC1_BOILER, DOC1_ID, DOC2_ID

HTML = {"Accept": "text/html"}

NEW_ARTICLE = (
    "date: 2024-05-02\n"
    "Japanese carmakers welcomed the lower Canadian levy on Thursday, saying exports to "
    "Vancouver could double within a year if the rate holds."
)


# ---------------------------------------------------------------------------- lists


@pytest.mark.parametrize(
    ("url", "count"),
    [("/api/documents", 2), ("/api/events", 3), ("/api/entities", 3), ("/api/quotes", 2),
     ("/api/series", 1), ("/api/stories", 1), ("/api/jobs", 0)],
)  # fmt: skip
def test_list_endpoints(client: Any, url: str, count: int) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert len(r.json()) == count


def test_documents_list_omits_text_and_one_document_has_it(client: Any) -> None:
    listed = client.get("/api/documents").json()
    assert {d["id"] for d in listed} == {DOC1_ID, DOC2_ID}
    assert all("text" not in d for d in listed)
    one = client.get(f"/api/documents/{DOC1_ID}").json()
    assert one["text"] == DOC1
    assert one["removed"][0]["text"] == DOC1_BOILER


def test_events_are_dated_in_date_order_in_export_shape(client: Any) -> None:
    events = client.get("/api/events").json()
    assert [e["id"] for e in events] == ["evhike", "evmeet", "evcut"]
    meet = client.get("/api/events/evmeet").json()
    assert meet["location"] == "Oslo"
    assert [h["status"] for h in meet["attributes"]["status_history"]] == ["planned", "occurred"]
    assert len(meet["sources"]) == 2


@pytest.mark.parametrize(
    ("query", "ids"),
    [("type=tariff", ["evhike", "evcut"]), ("status=planned", ["evcut"]),
     ("actor=person:anne-fulton", ["evmeet"]), ("from=2024-03-01", ["evmeet", "evcut"]),
     ("to=2024-03", ["evhike", "evmeet"]), ("type=meeting&type=tariff&status=in_effect", ["evhike"]),
     ("story=stcajp", ["evhike", "evmeet", "evcut"]), ("from=&to=&type=&story=", ["evhike", "evmeet", "evcut"]),
     ("limit=1", ["evmeet"])],
)  # fmt: skip
def test_timeline_filters(client: Any, query: str, ids: list[str]) -> None:
    api = client.get(f"/api/events?{query}")
    twin = client.get(f"/timeline.json?{query}")
    assert [e["id"] for e in api.json()] == ids
    assert [e["id"] for e in twin.json()["events"]] == ids


@pytest.mark.parametrize("query", ["from=May", "to=2024/03/01", "limit=ten"])
def test_bad_timeline_filters_are_400_json(client: Any, query: str) -> None:
    r = client.get(f"/timeline.json?{query}")
    assert r.status_code == 400
    assert set(r.json()) == {"error"}


def test_entities_quotes_series_stories(client: Any) -> None:
    fulton = client.get("/api/entities/person:anne-fulton").json()
    assert fulton["roles"][0]["title"] == "Trade Minister"
    by_event = client.get("/api/quotes?event=evmeet").json()
    assert [q["doc"] for q in by_event] == [DOC2_ID]
    assert len(client.get("/api/quotes?speaker=person:anne-fulton").json()) == 2
    assert client.get(f"/api/quotes?doc={DOC1_ID}").json()[0]["text"].startswith("We want")
    s = client.get("/api/series/tariff:CA-JP").json()
    assert [p["value"] for p in s["points"]] == [10, 40, 60, 15]
    assert client.get("/api/stories/stcajp").json()["events"] == ["evmeet", "evhike", "evcut"]


def test_search_over_sentences(client: Any) -> None:
    hits = client.get("/api/search", params={"q": "Oslo negotiators"}).json()
    assert [h["doc"] for h in hits] == [DOC2_ID]
    assert hits[0]["text"].startswith("Canadian and Japanese negotiators")
    page = client.get("/search.json", params={"q": "levy"}).json()
    assert {h["doc"] for h in page["hits"]} == {DOC1_ID, DOC2_ID}
    assert client.get("/search.json", params={"q": " "}).json()["hits"] == []
    assert client.get("/api/search").status_code == 422


# ---------------------------------------------------------------------------- unknown ids


@pytest.mark.parametrize(
    "url",
    ["/api/documents/nope", "/api/events/nope", "/api/entities/nope", "/api/series/nope",
     "/api/stories/nope", "/api/jobs/nope", "/events/nope.json", "/actors/nope.json",
     "/documents/nope.json", "/jobs/nope.json", "/events/nope", "/no/such/page"],
)  # fmt: skip
def test_unknown_ids_are_404_json(client: Any, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    body = r.json()
    assert set(body) == {"error"}
    assert body["error"]


@pytest.mark.parametrize("url", ["/events/nope", "/actors/nope", "/documents/nope"])
def test_unknown_ids_in_a_browser_get_an_html_404(client: Any, url: str) -> None:
    r = client.get(url, headers=HTML)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "nope" in r.text and "Not found" in r.text


# ---------------------------------------------------------------------------- pages


PAGES = ["/", "/timeline", "/events/evmeet", "/actors", "/actors/person:anne-fulton",
         "/documents", f"/documents/{DOC1_ID}", "/series", "/search?q=tariffs", "/add", "/docs"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_and_load_nothing_from_the_network(client: Any, url: str) -> None:
    r = client.get(url, headers=HTML)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport"' in r.text
    external = re.findall(r'(?:src|href)="(https?:)?//', r.text)
    assert external == []
    assert '<link rel="stylesheet" href="/static/style.css">' in r.text


@pytest.mark.parametrize("url", ["/", "/timeline", "/events/evmeet", "/actors/person:anne-fulton",
                                 f"/documents/{DOC1_ID}", "/series", "/actors", "/documents"])  # fmt: skip
def test_every_page_links_its_json_twin(client: Any, url: str) -> None:
    page = client.get(url, headers=HTML).text
    twin = re.search(r'<a href="([^"]+)">this page as JSON</a>', page)
    assert twin is not None
    r = client.get(twin.group(1).replace("&amp;", "&"))
    assert r.status_code == 200
    assert isinstance(r.json(), dict)


def test_static_assets_are_served(client: Any) -> None:
    css, js = client.get("/static/style.css"), client.get("/static/app.js")
    assert css.status_code == js.status_code == 200
    assert "@media" in css.text  # responsive
    assert "/api/ingest" in js.text


def test_timeline_page_styles_planned_and_occurred_apart(client: Any) -> None:
    page = client.get("/timeline", headers=HTML).text
    cards = re.findall(r'<article class="event (\w+) status-(\w+)" data-event="(\w+)"', page)
    assert cards == [("occurred", "in_effect", "evhike"), ("occurred", "occurred", "evmeet"),
                     ("planned", "planned", "evcut")]  # fmt: skip
    assert "2 sources" in page and "1 source<" in page
    data = client.get("/timeline.json").json()
    assert [e["sources_count"] for e in data["events"]] == [1, 2, 1]
    assert [a["name"] for a in data["options"]["actors"]] == ["Anne Fulton", "Canada", "Japan"]


def test_event_page_shows_history_participants_and_sources_in_context(client: Any) -> None:
    data = client.get("/events/evmeet.json").json()
    ev = data["event"]
    assert [p["name"] for p in ev["participant_names"]] == ["Anne Fulton", "Canada", "Japan"]
    assert [h["document"]["outlet"] for h in ev["history"]] == ["Harbor Ledger", "Pacific Wire"]
    first = ev["sources"][0]
    assert first["document"]["outlet"] == "Harbor Ledger" and first["document"]["published"] == "2024-03-04"
    assert first["context"]["cited"] == first["text"]
    assert first["context"]["after"].startswith("\n\nCanada raised")
    assert data["quotes"][0]["speaker_name"] == "Anne Fulton"
    page = client.get("/events/evmeet", headers=HTML).text
    assert '<mark class="cited">Trade ministers from Canada and Japan' in page
    assert "Pacific Wire" in page and "planned" in page and "Oslo" in page


def test_actor_page_roles_events_quotes(client: Any) -> None:
    data = client.get("/actors/person:anne-fulton.json").json()
    assert data["entity"]["roles"] == [{"title": "Trade Minister", "org": "Canada", "since": "2023-07-01", "until": None}]
    assert [e["id"] for e in data["events"]] == ["evmeet"]
    assert len(data["quotes"]) == 2
    page = client.get("/actors/person:anne-fulton", headers=HTML).text
    assert "Trade Minister" in page and "since 2023-07-01" in page and "good day" in page


def test_document_page_highlights_facts_escapes_text_and_shows_removed(client: Any) -> None:
    data = client.get(f"/documents/{DOC1_ID}.json").json()
    kinds = sorted(h["kind"] for h in data["highlights"])
    assert kinds == ["event", "event", "event", "quote"]
    page = client.get(f"/documents/{DOC1_ID}", headers=HTML).text
    assert '<mark class="hl-event"' in page
    assert '<mark class="hl-quote" title="quote by Anne Fulton">We want a fair deal' in page
    assert 'href="/events/evundated" title="Ottawa warns of higher rate">statement · undated</a>' in page
    assert "&lt;b&gt;Bold&lt;/b&gt; claims &amp; more" in page
    assert "<b>Bold</b>" not in page
    assert DOC1_BOILER in page and "newsletter" in page
    flagged = client.get(f"/documents/{DOC2_ID}", headers=HTML).text
    assert '<span class="badge flag">paywall</span>' in flagged


def test_document_link_marks_the_linked_passage(client: Any) -> None:
    start = DOC1.index("Ottawa")
    data = client.get(f"/documents/{DOC1_ID}.json?hl={start}-{start + 6}").json()
    assert {"kind": "hit", "start": start, "end": start + 6} .items() <= data["highlights"][-1].items()
    page = client.get(f"/documents/{DOC1_ID}?hl={start}-{start + 6}", headers=HTML).text
    assert 'id="hl"' in page and "hl-hit" in page
    assert "hl-hit" not in client.get(f"/documents/{DOC1_ID}?hl=junk", headers=HTML).text


def test_series_page_draws_steps_with_levels_risers_and_dashed_threats(client: Any) -> None:
    page = client.get("/series", headers=HTML).text
    svg = re.search(r'<svg class="chart".*?</svg>', page, re.S)
    assert svg is not None
    values = re.findall(r'data-value="([\d.]+)" data-date="([\d-]+)" data-status="(\w+)"', svg.group(0))
    assert values == [("10", "2024-02-19", "in_effect"), ("40", "2024-02-20", "in_effect"),
                      ("15", "2024-04-01", "planned"), ("60", "2024-03-04", "threatened")]  # fmt: skip
    risers = re.findall(r'class="riser"[^>]*data-from="(\d+)" data-to="(\d+)"', svg.group(0))
    assert risers == [("10", "40"), ("40", "15")]
    assert 'href="#p-tariff-CA-JP-2"' in svg.group(0)  # the threatened step links to its sources
    assert 'id="p-tariff-CA-JP-2"' in page
    assert "stroke-dasharray" in client.get("/static/style.css").text
    data = client.get("/series.json").json()
    assert data["series"][0]["points"][0]["sources"][0]["document"]["outlet"] == "Harbor Ledger"


def test_docs_page_is_offline_and_lists_the_api(client: Any) -> None:
    page = client.get("/docs", headers=HTML).text
    assert "cdn" not in page.lower() and "swagger" not in page.lower()
    for path in ("/api/events", "/api/ingest", "/api/search", "/timeline.json"):
        assert f"<code>{path}</code>" in page
    spec = client.get("/openapi.json").json()
    assert "multipart/form-data" in json.dumps(spec["paths"]["/api/ingest"])
    assert client.get("/redoc").status_code == 404


# ---------------------------------------------------------------------------- uploads


def _wait(client: Any, url: str, timeout: float = 20) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["finished"]:
            return dict(job)
        time.sleep(0.05)
    raise AssertionError(f"job at {url} did not finish")


def test_pasted_article_is_ingested_in_the_background(client: Any) -> None:
    r = client.post("/api/ingest", data={"text": NEW_ARTICLE, "title": "Carmakers react",
                                         "source": "Tokyo Desk"})  # fmt: skip
    assert r.status_code == 202
    body = r.json()
    assert body["total"] == 1 and body["url"] == f"/api/jobs/{body['job']}"
    job = _wait(client, body["url"])
    assert job["state"] == "done" and job["processed"] == 1 and len(job["added"]) == 1
    doc = client.get(f"/api/documents/{job['added'][0]}").json()
    assert doc["title"] == "Carmakers react" and doc["source"] == "Tokyo Desk"
    assert doc["published"] == "2024-05-02" and doc["text"].startswith("Japanese carmakers")
    again = _wait(client, client.post("/api/ingest", data={"text": NEW_ARTICLE}).json()["url"])
    assert again["added"] == [] and again["duplicates"] == ["pasted text"]


@pytest.mark.parametrize(
    ("name", "content", "count"),
    [("wire.txt", NEW_ARTICLE.encode(), 1),
     ("feed.jsonl", b'{"text": "Canadian dealers expect Japanese car prices to fall by five percent this summer."}\n'
                    b'{"text": "Japanese officials plan a follow-up meeting with Canada in Tokyo during July."}\n', 2),
     ("page.html", b"<html><body><article><p>Canadian ports reported record arrivals of Japanese vehicles in May, "
                   b"as importers rushed shipments ahead of the lower tariff taking hold.</p></article></body></html>", 1)],
)  # fmt: skip
def test_uploaded_files_are_read_by_their_format(client: Any, name: str, content: bytes, count: int) -> None:
    r = client.post("/api/ingest", files=[("files", (name, content, "application/octet-stream"))])
    assert r.status_code == 202, r.text
    job = _wait(client, r.json()["url"])
    assert len(job["added"]) == count, job
    paths = {client.get(f"/api/documents/{d}").json()["path"] for d in job["added"]}
    assert paths == {name}


@pytest.mark.parametrize(
    ("files", "reason"),
    [([("files", ("scan.pdf", b"%PDF-1.4\x00\x01\x02binary", "application/pdf"))], "scan.pdf: binary file"),
     ([("files", ("blank.txt", b"   \n", "text/plain"))], "blank.txt: empty file"),
     ([("files", ("broken.jsonl", b'{"text": "unterminated\n', "application/json"))], "broken.jsonl:1")],
)  # fmt: skip
def test_bad_files_get_a_clear_400(client: Any, files: list[Any], reason: str) -> None:
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 400
    body = r.json()
    assert reason in body["error"]
    assert body["failed"][0]["message"].startswith(reason.split(":")[0])


def test_a_bad_file_beside_good_ones_is_reported_in_the_job(client: Any) -> None:
    files = [("files", ("good.txt", NEW_ARTICLE.encode(), "text/plain")),
             ("files", ("bad.bin", b"\x00\x01\x02\x03", "application/octet-stream"))]  # fmt: skip
    r = client.post("/api/ingest", files=files)
    assert r.status_code == 202
    assert [f["path"] for f in r.json()["rejected"]] == ["bad.bin"]
    job = _wait(client, r.json()["url"])
    assert len(job["added"]) == 1
    assert job["failed"][0]["message"] == "bad.bin: binary file (NUL bytes)"


@pytest.mark.parametrize(
    ("data", "message"),
    [({}, "nothing to ingest"), ({"text": "   "}, "nothing to ingest"),
     ({"text": NEW_ARTICLE, "published": "May 2"}, "not YYYY-MM-DD")],
)  # fmt: skip
def test_unusable_forms_are_400(client: Any, data: dict[str, str], message: str) -> None:
    r = client.post("/api/ingest", data=data)
    assert r.status_code == 400
    assert message in r.json()["error"]


def test_uploads_over_the_limit_are_413_json(make_client: Any) -> None:
    small = make_client(upload_limit=2000)
    big = ("Canadian officials discussed tariffs again. " * 100).encode()
    r = small.post("/api/ingest", files=[("files", ("big.txt", big, "text/plain"))])
    assert r.status_code == 413
    assert r.json()["error"] == "upload is 5 KB, larger than the 2 KB limit"

    def chunks() -> Any:  # no Content-Length: counted while reading
        for _ in range(10):
            yield b"x" * 500

    r = small.post("/api/ingest", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=zz"})
    assert r.status_code == 413
    assert "larger than the 2 KB limit" in r.json()["error"]
    ok = small.post("/api/ingest", data={"text": NEW_ARTICLE})
    assert ok.status_code == 202


def test_form_without_javascript_redirects_to_the_job_page(client: Any) -> None:
    r = client.post("/add", data={"text": NEW_ARTICLE}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303
    job_url = r.headers["location"]
    assert re.fullmatch(r"/jobs/[0-9a-f]{12}", job_url)
    _wait(client, f"{job_url}.json")
    page = client.get(job_url, headers=HTML).text
    assert "1 added, 0 skipped as duplicates, 0 failed" in page
    assert 'http-equiv="refresh"' not in page
    assert job_url.rsplit("/", 1)[1] in client.get("/add", headers=HTML).text


def test_reads_do_not_wait_for_a_running_ingest(make_client: Any) -> None:
    gate = threading.Event()
    c = make_client(gate=gate)
    try:
        job = c.post("/api/ingest", data={"text": NEW_ARTICLE}).json()
        deadline = time.monotonic() + 5
        while c.get(job["url"]).json()["state"] != "running" and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)  # the runner now holds the write lock
        t0 = time.monotonic()
        assert len(c.get("/api/documents").json()) == 2
        assert c.get("/timeline", headers=HTML).status_code == 200
        assert time.monotonic() - t0 < 2
        assert c.get(job["url"]).json()["finished"] is False
    finally:
        gate.set()
    assert len(_wait(c, job["url"])["added"]) == 1
    assert len(c.get("/api/documents").json()) == 3


def test_server_starts_on_a_fresh_database(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with TestClient(create_app(str(tmp_path / "new.db"))) as c:
        assert c.get("/api/events").json() == []
        page = c.get("/", headers=HTML).text
        assert "Nothing ingested yet" in page
        assert "No series yet" in c.get("/series", headers=HTML).text


def test_serve_binds_to_localhost_by_default() -> None:
    from storyline.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"


@pytest.mark.slow
def test_upload_runs_the_real_pipeline(tmp_path: Any) -> None:
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    text = ("date: 2024-06-10\nCanadian trade minister Anne Fulton will meet Japanese officials "
            "in Osaka on June 18 to finish the auto tariff agreement, her office said on Monday.")  # fmt: skip
    with TestClient(create_app(str(tmp_path / "real.db"))) as c:
        r = c.post("/api/ingest", files=[("files", ("osaka.txt", text.encode(), "text/plain"))])
        assert r.status_code == 202
        job = _wait(c, r.json()["url"], timeout=240)
        assert job["state"] == "done", job
        assert len(job["added"]) == 1
        doc = c.get(f"/api/documents/{job['added'][0]}").json()
        assert doc["published"] == "2024-06-10"
        hits = c.get("/api/search", params={"q": "Osaka"}).json()
        assert hits and hits[0]["doc"] == doc["id"]
        assert c.get("/timeline", headers=HTML).status_code == 200
