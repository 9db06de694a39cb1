"""What `python -m lilith serve` keeps between saves: the warm workers, the served folder, the
previews asked for and what the last run reported (the banners).

`Session.run` is the server's builder: it runs the workers, serves the saved languages' pages
as soon as theirs are done, then the rest, and reloads the open pages only when a page they
may show changed. `Session.preview` asks the workers' standbys for the pages of files just
saved (from the watcher's thread) and shows them as they come.
"""

from __future__ import annotations

import itertools
import re
import shutil
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Protocol

from lilith.site.serve.sync import SiteMirror, language_urls
from lilith.site.serve.workers import Round, Workers
from lilith.text.languages import lang_of_src

# States the site itself shows readers (translation banners): not an editor's mistake to flag.
_SHOWN_BY_SITE = ("[outdated]", "[translation-missing]", "[fingerprint-missing]")
_PROBLEM = re.compile(r"(?P<file>[\w./-]+\.(?:md|ya?ml)):(?P<line>\d+): (?P<message>.*)")


class Browsers(Protocol):
    """What a session needs of the live-reload server (`lilith.site.serve.server.LilithServer`)."""

    banners: dict[str, list[str]]
    runs: int
    status_lock: threading.Lock
    on_saved: Callable[[list[str]], None] | None

    def reload_browsers(self) -> None: ...

    def reload_for(self, changed: Collection[str]) -> None: ...


class Session:
    """The warm workers, the served folder and what the last run reported."""

    def __init__(self, config_file: Path, site_dir: Path, strict: bool | None, root: Path) -> None:
        self.config_file, self.root = config_file, root
        self.workers = Workers(config_file, strict)
        self.mirror = SiteMirror(site_dir, self.workers.parts, self.workers.default)
        self.docs_dir = (config_file.parent / "docs").resolve()
        self.requests: dict[int, float] = {}  # preview request -> when its save was seen
        self._numbers = itertools.count(1)
        self._answered = threading.Condition()
        self._paused = False  # the workers, while a preview renders

    def run(self, server: Browsers | None, changed: Collection[str] = ()) -> Round:
        start = time.monotonic()
        early: list[float] = []  # when the saved languages' pages were served, if before the rest
        reload = server.reload_for if server is not None else None  # only if pages changed

        def serve_first(first: Round) -> None:
            if first.ok and not self.banners(first):  # their pages are good: serve them now
                self.mirror.update(reload, first.langs(), start)
                early.append(time.monotonic() - start)

        first = saved_languages(changed, self.root, self.workers.langs) if self.mirror.seen else set()
        result = self.workers.run(first, serve_first)
        for line in result.lines():
            print(line, flush=True)
        banners = self.banners(result)
        if server is not None:
            with server.status_lock:
                before, server.banners = server.banners, banners
            if banners != before:  # the pages show them (or no longer)
                server.reload_browsers()
        if not result.ok or (banners and self.mirror.seen):
            reverted = self.mirror.revert_preview()  # the last good version, with the banners
            if reload is not None:
                reload(reverted)
        if result.ok and banners and self.mirror.seen:  # a mistake (file:line): every page stays
            print(
                "ERROR   -  lilith serve: a file has a mistake (above); serving the last good version",
                flush=True,
            )
        elif result.ok:
            built = time.monotonic()
            changed_files = self.mirror.update(reload, (), start)
            pages = sum(r.built for r in result.results)
            served = f"{', '.join(first)} served in {early[0]:.2f} s, " if early else ""
            print(
                f"INFO    -  lilith serve: {pages} page(s) rebuilt, {len(changed_files)} file(s) updated "
                f"in {time.monotonic() - start:.2f} s ({served}languages {built - start:.2f} s, "
                f"site {time.monotonic() - built:.2f} s)",
                flush=True,
            )
        else:
            print("ERROR   -  lilith serve: the build failed; serving the last good version", flush=True)
        if server is not None:
            with server.status_lock:
                server.runs += 1
        return result

    def preview(self, server: Browsers, saved: Collection[str]) -> None:
        """Ask for the saved pages alone, now (the watcher's thread); `_previewed` shows them."""
        if not self.mirror.seen or server.banners:  # the site shows the last good version
            return
        for lang, rels in saved_pages(saved, self.root).items():
            number = next(self._numbers)
            with self._answered:
                self.requests[number] = time.monotonic()  # before the answer can come
                if not self.workers.preview(lang, rels, number):
                    del self.requests[number]
                elif not self._paused:  # the page first: a run under way waits (1 s at most)
                    self.workers.pause(True)
                    self._paused = True
                    threading.Timer(1.0, self._resume).start()

    def _resume(self) -> None:
        with self._answered:
            if self._paused:
                self.workers.pause(False)
                self._paused = False

    def wait_for_previews(self, timeout: float = 1.0) -> None:
        """Until the previews asked for are shown (at most `timeout`): the run that follows
        a save leaves the saved page's rendering the cores (two here, three workers)."""
        with self._answered:
            self._answered.wait_for(lambda: not self.requests, timeout)
            self.requests.clear()  # an answer not come by now is not waited for again
        self._resume()

    def _previewed(self, server: Browsers, lang: str, number: int, rels: list[str], why: str) -> None:
        folder = self.workers.previews[lang] / str(number)
        try:
            saved_at = self.requests.get(number)
            if why:
                print(f"INFO    -  lilith serve: no preview: {why}; the run shows it", flush=True)
            if saved_at is None or not rels or server.banners:
                return
            shown = self.mirror.show(folder, rels, saved_at)
            if shown:
                server.reload_browsers()
                print(
                    f"INFO    -  lilith serve: {', '.join(shown)} previewed in "
                    f"{time.monotonic() - saved_at:.2f} s",
                    flush=True,
                )
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            with self._answered:
                self.requests.pop(number, None)
                self._answered.notify_all()
                if not self.requests:
                    self._resume()

    def listen(self, server: Browsers) -> None:
        """Show the standbys' previews as they come, and ask for them as saves land."""
        self.workers.listen(lambda *answer: self._previewed(server, *answer))
        server.on_saved = lambda paths: self.preview(server, paths)

    def banners(self, result: Round) -> dict[str, list[str]]:
        """Problems naming `file:line` in the last run, by the site path they concern."""
        found: dict[str, list[str]] = {}
        unplaced: list[str] = []  # errors naming no file: every page, unless one names its file
        placed = False
        for line in result.lines():
            match = _PROBLEM.search(line)
            if match is None and "ERROR" in line and not result.ok:
                unplaced.append(line.split("-  ", 1)[-1])
                continue
            placed = placed or (match is not None and "ERROR" in line)
            if match is None or line.rstrip().endswith(_SHOWN_BY_SITE):
                continue
            text = f"{match['file']}:{match['line']}: {match['message']}"
            where = [""]
            if match["file"].startswith("docs/") and match["file"].endswith(".md"):
                where = language_urls(match["file"][len("docs/") :], self.workers.langs, self.workers.default)
            for prefix in where:
                if text not in found.setdefault(prefix, []):
                    found[prefix].append(text)
        if unplaced and not placed:
            found.setdefault("", []).extend(unplaced)
        return found


def saved_pages(changed: Collection[str], root: Path) -> dict[str, list[str]]:
    """The saved Markdown files by language, docs-relative: the pages to preview."""
    docs = (root / "docs").resolve()
    found: dict[str, list[str]] = {}
    for name in sorted(changed):
        path = Path(name).resolve()
        if path.is_relative_to(docs) and path.suffix == ".md":
            rel = path.relative_to(docs).as_posix()
            found.setdefault(lang_of_src(rel), []).append(rel)
    return found


def saved_languages(changed: Collection[str], root: Path, langs: list[str]) -> set[str]:
    """The languages whose pages alone a save of `changed` files can change first: those of
    the Markdown files saved (an English save changes the others' banners too, served next).
    Empty when a file of every language changed, or another file (a glossary term, an image)."""
    pages = saved_pages(changed, root)
    if sum(len(rels) for rels in pages.values()) < len(changed):  # not only pages
        return set()
    return set(pages) if len(pages) < len(langs) else set()
