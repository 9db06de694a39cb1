"""`python -m lilith serve` in the browser: a save shows in the open page, reloaded once.

The saved page is shown as soon as it is rendered alone (the preview); the run then writes
the same bytes, so the page does not reload a second time. A broken save shows the red bar
over the page as it was. Nothing here measures time.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.build.test_serve import ENV, Server
from tests.conftest import ROOT


def _corpus(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "6", "--out", str(root)],
        check=True, capture_output=True, env=ENV,
    )  # fmt: skip
    return root


def _append(path: Path, sentence: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n## ", f"\n{sentence}\n\n## ", 1), encoding="utf-8")


def test_a_saved_page_reloads_once_and_a_broken_save_shows_the_bar(page, tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    article = sorted(p for p in (root / "docs" / "radar").glob("*.md") if p.name.count(".") == 1)[0]
    server = Server(root, tmp_path / "serve.log")
    try:
        _append(article, "A first sentence, so that the translations are outdated already.")
        server.wait()  # that save changed the Czech and Polish pages too (their banner)
        loads: list[str] = []
        page.page.on("load", lambda: loads.append(page.page.url))
        page.page.goto(f"http://127.0.0.1:{server.port}/radar/{article.stem}/")
        page.page.wait_for_timeout(500)  # the live-reload script polls from its load event

        _append(article, "A sentence the editor just added.")
        page.page.get_by_text("A sentence the editor just added.").wait_for()
        server.wait()
        page.page.wait_for_timeout(1500)  # a second reload would have come by now (and events are in)
        assert len(loads) == 2, f"loads: {loads}"
        assert f"radar/{article.stem}/index.html previewed in " in server.log.read_text()

        text = article.read_text(encoding="utf-8")
        article.write_text(text.replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
        bar = page.page.locator(".lilith-serve-error[role=alert]")
        bar.wait_for()
        assert f"docs/radar/{article.name}:" in bar.inner_text()
        assert "A sentence the editor just added." in page.page.inner_text("article")
        assert page.errors == []
    finally:
        server.stop()
