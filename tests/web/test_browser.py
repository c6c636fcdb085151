"""End to end in headless Chromium against `storyline serve` on the seed articles.

Skips when ../shared (the seeds) or the system chromium is absent.  Saves the README's
screenshots to docs/timeline.png and docs/series.png.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"
DOCS = ROOT / "docs"

# Our own invented article, uploaded through the form.
NEW_ARTICLE = (
    "Trade envoys from Norway and Chile signed a salmon tariff accord in Valparaiso on Tuesday, "
    "cutting the duty on frozen fillets to 4% from 12%.\n\n"
    "\u201cThis accord gives our fishermen room to breathe,\u201d Chilean negotiator Marta Ibarra "
    "told reporters after the ceremony."
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is absent (development material only)")
    import storyline

    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with storyline.open(path) as store:
        report = store.ingest([str(SEEDS)])
    assert report.added, report.summary()
    return path


@pytest.fixture(scope="module")
def live_url(seeds_db: Path) -> Iterator[str]:
    import uvicorn

    from storyline.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(seeds_db)), host="127.0.0.1",
                                           port=port, log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def _no_external_requests(page: Any, base: str) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if not r.url.startswith((base, "data:")) else None)
    return seen


def test_timeline_to_geneva_talks_and_their_sources(page: Any, live_url: str) -> None:
    outside = _no_external_requests(page, live_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/timeline")
    cards = page.locator("article.event")
    assert cards.count() > 0, "the timeline shows no events for the seeds"
    geneva = page.locator("article.event", has_text="Geneva")
    assert geneva.count() > 0, "no timeline event mentions Geneva (pipeline output changed?)"
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "timeline.png"))
    geneva.first.locator("a.summary").click()
    page.wait_for_url("**/events/**")
    sources = page.locator("li.source")
    assert sources.count() >= 1
    cited = sources.first.locator("mark.cited")
    assert cited.inner_text().strip()
    assert "Geneva" in page.locator("main").inner_text()
    sources.first.locator("a", has_text="open in document").click()
    page.wait_for_url("**/documents/**")
    assert page.locator("mark.hl-hit").count() >= 1
    assert outside == []


def test_series_chart_draws_the_145_to_30_cut(page: Any, live_url: str) -> None:
    outside = _no_external_requests(page, live_url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_url}/series")
    assert page.locator("svg.chart").count() > 0, "no series charts for the seeds"
    riser = page.locator('line.riser[data-from="145"][data-to="30"]')
    assert riser.count() >= 1, "no 145 → 30 step in any chart"
    chart = page.locator("svg.chart", has=riser).first
    assert chart.locator('g.step[data-value="145"]').count() >= 1
    assert chart.locator('g.step[data-value="30"]').count() >= 1
    page.screenshot(path=str(DOCS / "series.png"), full_page=True)
    chart.locator('g.step[data-value="30"]').first.click()
    assert page.locator("tr:target ul.cites li").count() >= 1, "the step does not link to its sources"
    assert outside == []


def test_pages_fit_a_phone_screen(page: Any, live_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/timeline", "/series", "/documents", "/add"):
        page.goto(f"{live_url}{path}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"


def test_upload_an_article_and_see_it_appear(page: Any, live_url: str) -> None:
    page.goto(f"{live_url}/add")
    page.fill("input[name=title]", "Salmon accord signed")
    page.fill("input[name=source]", "Southern Ledger")
    page.fill("input[name=published]", "2025-11-18")
    page.fill("textarea[name=text]", NEW_ARTICLE)
    page.click("form#add-form button[type=submit]")
    status = page.locator("#job-status")
    status.filter(has_text="added").wait_for(timeout=240_000)
    assert "1 added" in status.inner_text(), status.inner_text()
    page.locator("#job-added a", has_text="document").first.click()
    page.wait_for_url("**/documents/**")
    assert "Salmon accord signed" in page.locator("h1").inner_text()
    assert "Valparaiso" in page.locator(".doc-text").inner_text()
    page.goto(f"{live_url}/documents")
    assert page.locator("td a", has_text="Salmon accord signed").count() == 1
    page.goto(f"{live_url}/search?q=salmon+fillets")
    assert page.locator("ol.hits li").count() >= 1


def test_a_bad_file_gets_a_clear_message(page: Any, live_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\x00\x00\x01binary")
    page.goto(f"{live_url}/add")
    page.set_input_files("input[name=files]", str(bad))
    page.click("form#add-form button[type=submit]")
    status = page.locator("#job-status")
    status.filter(has_text="scan.pdf").wait_for(timeout=20_000)
    assert "binary file" in status.inner_text()
