"""conceptgen preview in a real headless browser (Debian's chromium, driven by playwright; nothing is
downloaded): the page loads with the document's pages, an edit to a file shows the new text, a broken
file shows its diagnostic while the last good pages stay, and fixing it clears the diagnostic."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, require_libreoffice

pytestmark = pytest.mark.slow  # a browser and a server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def require_browser() -> None:
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("playwright missing: pip install -e '.[test]'")
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium missing in CI: .ci/run must install it")
        pytest.skip("chromium not installed (apt-get install chromium)")


@pytest.fixture
def preview(tmp_path):
    require_libreoffice()
    require_browser()
    project = tmp_path / "projekt"
    shutil.copytree(FIXTURES / "minimal", project)
    process = subprocess.Popen(
        [sys.executable, "-m", "conceptgen", "preview", str(project), "--no-browser"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("Vorschau: http://127.0.0.1:"), line
        yield project, line.split()[1]
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def test_preview_in_a_browser(preview):
    from playwright.sync_api import sync_playwright

    project, url = preview
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(url)
        page.wait_for_selector("#pages figure img", timeout=120_000)
        assert "Absatz eins zu einleitung." in page.evaluate("document.getElementById('texts').textContent")
        assert page.get_attribute("#pages figure img", "alt").startswith("Seite 1:")

        page.wait_for_function("document.querySelectorAll('#pages figure.pending').length === 0")
        pages = page.locator("#pages figure").count()
        # no page goes blank while the new pictures come: a page once drawn always has a picture
        page.evaluate(
            """window.blank = 0; new MutationObserver(() => {
                 for (const img of document.querySelectorAll('#pages figure img')) {
                   if (img.getAttribute('src') === null && img.closest('figure').dataset.key) window.blank++;
                 }
               }).observe(document.getElementById('pages'),
                          {subtree: true, childList: true, attributes: true});"""
        )
        text = project / "text" / "einleitung.md"
        added = "\nDie Vorschau zeigt diesen Satz 4711.\n"
        text.write_text(text.read_text(encoding="utf-8") + added, encoding="utf-8")
        page.wait_for_function(
            "document.getElementById('texts').textContent.includes('Satz 4711')", timeout=60_000
        )
        assert "aktuell" in page.inner_text("#status")
        page.wait_for_function("document.querySelectorAll('#pages figure.pending').length === 0")
        assert page.evaluate("window.blank") == 0
        assert page.locator("#pages figure").count() >= pages
        # the page with the edit is marked and its picture is the new one
        edited = page.evaluate("fetch('/state').then(r => r.json())")
        assert edited["edited"] is not None and all(p["ready"] for p in edited["pages"])
        src = page.get_attribute(f"#pages figure:nth-child({edited['edited'] + 1}) img", "src")
        assert edited["pages"][edited["edited"]]["key"] in src
        # the page with the edit came ahead of the rest, from the line applied to the loaded document,
        # and looks as the whole document's page there
        early = edited["early"]
        assert early is not None and early["after"] == edited["version"] - 1, early
        assert early["patched"] is True and early["same"] is True and early["page"] == edited["edited"]

        # zoom: the pages grow and the ones in view are drawn again, sharper
        width = page.evaluate("document.querySelector('#pages figure').offsetWidth")
        page.click("#zoom-in")
        page.click("#zoom-in")
        assert page.evaluate("document.querySelector('#pages figure').offsetWidth") > width
        seen = "document.querySelectorAll('#pages figure')[document.getElementById('page-number').value - 1]"
        page.wait_for_function(f"!{seen}.querySelector('img').getAttribute('src').endsWith('/70')")
        # the table of contents: a heading jumps to its page
        headings = page.locator("#toc-list a")
        assert headings.count() == len(edited["headings"]) > 0
        last = headings.nth(headings.count() - 1)
        last.click()
        page.wait_for_function(
            f"document.getElementById('page-number').value === '{edited['headings'][-1]['page'] + 1}'"
        )
        page.fill("#page-number", "1")
        page.press("#page-number", "Enter")
        page.wait_for_function(  # the first page is at the top of the window again
            "(r => r.top >= 0 && r.top < innerHeight / 3)(document.querySelector('#pages figure')"
            ".getBoundingClientRect())"
        )

        measures = project / "measures.yaml"
        good = measures.read_text(encoding="utf-8")
        measures.write_text(good.replace("priority: 1", "priority: hoch", 1), encoding="utf-8")
        page.wait_for_selector("#problems li.error", timeout=60_000)
        problem = page.inner_text("#problems li.error")
        assert "measures.yaml:" in problem and "CG10" in problem
        assert "Fehler" in page.inner_text("#status")
        # the last good pages stay, marked as not current
        assert page.locator("#pages figure").count() > 0
        assert "stale" in page.get_attribute("#pages", "class")
        assert "Satz 4711" in page.evaluate("document.getElementById('texts').textContent")

        measures.write_text(good, encoding="utf-8")
        page.wait_for_function("document.querySelectorAll('#problems li.error').length === 0", timeout=60_000)

        # the client's comments of kommentare.yaml (conceptgen review) with the answer
        (project / "kommentare.yaml").write_text(
            "comments:\n  - id: r-1\n    author: Anna Amt\n    text: Bitte kürzen.\n"
            "    source: text/einleitung.md:1\n    answer: Wird gekürzt.\n",
            encoding="utf-8",
        )
        page.wait_for_selector("#comment-list li", timeout=60_000, state="attached")
        listed = page.evaluate("document.getElementById('comment-list').textContent")
        assert "Bitte kürzen." in listed and "Wird gekürzt." in listed and "text/einleitung.md:1" in listed
        assert "1, davon 1 offen" in page.evaluate("document.querySelector('#comments summary').textContent")
        browser.close()
