"""`python -m lilith serve`: MkDocs' live-reload server over the warm workers.

MkDocs' `LiveReloadServer` watches the files and serves a folder; we keep it and change what it
builds and injects:

* the builder runs the warm workers (`lilith.site.serve.workers`) and copies what changed into
  the served folder (`lilith.site.serve.sync`), which is then what `python -m lilith build`
  writes from the same files, byte for byte (with the site's `site_url`, not the server's);
* a change that cannot be applied to the warm builds (mkdocs.yml, overrides/, our package's
  code, interface strings) restarts the server, which builds everything again, and says so;
* the live-reload script is a file (`/.lilith-serve/livereload.js`), not an inline script,
  so the pages keep the site's own Content-Security-Policy;
* a run that fails, or warns of an editor's mistake (`file:line`), keeps the last good site
  (the next good run copies everything changed since), and every problem naming `file:line` of the last
  run is shown in a banner on the pages of that file (on every page when it is not a page:
  a glossary term, a config file), styled by `/.lilith-serve/overlay.css`;
* a saved page whose front matter stayed is shown as soon as it is rendered alone
  (`WarmLanguage.preview`), while the run goes on; the run's page replaces it (and the
  browser reloads again only if it differs), a failed run the page as it was.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Collection
from pathlib import Path
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

from lilith.site.serve.sync import SiteMirror, language_urls
from lilith.site.serve.workers import Round, Workers
from lilith.text.languages import lang_of_src

log = logging.getLogger("lilith.serve")
ASSETS = "/.lilith-serve/"
_CHANGES = {"created", "deleted", "modified", "moved", "closed"}  # not "opened", "closed_no_write"
RESTART_ENV = "LILITH_SERVE_RESTARTED"
# States the site itself shows readers (translation banners): not an editor's mistake to flag.
_SHOWN_BY_SITE = ("[outdated]", "[translation-missing]", "[fingerprint-missing]")
_PROBLEM = re.compile(r"(?P<file>[\w./-]+\.(?:md|ya?ml)):(?P<line>\d+): (?P<message>.*)")

LIVERELOAD_JS = """(function () {
  var me = new URL(document.currentScript.src), epoch = +me.searchParams.get("epoch");
  var id = me.searchParams.get("id"), req, timeout;
  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) location.reload();
      else timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
    };
    req.open("GET", "/livereload/" + epoch + "/" + id);
    req.send();
  }
  function stop() { if (req) req.abort(); if (timeout) clearTimeout(timeout); req = timeout = undefined; }
  window.addEventListener("load", function () { if (document.visibilityState === "visible") poll(); });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
"""

OVERLAY_CSS = """.lilith-serve-error{position:fixed;inset:auto 0 0 0;z-index:10000;max-height:50vh;
overflow:auto;margin:0;padding:1rem 1.5rem;background:#2b0a0a;color:#ffe5e5;border-top:4px solid #ff5252;
font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap}
.lilith-serve-error strong{color:#ff8a80}
"""


def _code_dirs() -> list[Path]:
    import lilith

    return [Path(lilith.__file__).parent]


class LilithServer(LiveReloadServer):
    """The live-reload server with our builder, script, banners and change classification."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # inotify (and the like) where the system has it: a save is seen at once, not at
        # MkDocs' next poll (every 0.5 s, each a walk over every watched file).
        self.observer = watchdog.observers.Observer()
        self.build_delay = 0.05  # quiet time after a change before building (MkDocs: 0.1 s); an
        # editor's save (write, or write and rename) is one burst of events a few ms long
        self.changed: set[str] = set()
        self.banners: dict[str, list[str]] = {}  # site path prefix ("" = every page) -> problems
        self.runs = 0  # finished runs, for tests (GET /.lilith-serve/status)
        self.status_lock = threading.Lock()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As MkDocs' `watch`, but remembering which files changed."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1

        def callback(event) -> None:
            if event.is_directory or event.event_type not in _CHANGES:  # inotify also says "opened"
                return
            with self._rebuild_cond:
                self.changed.add(os.fsdecode(event.src_path))
                if getattr(event, "dest_path", ""):
                    self.changed.add(os.fsdecode(event.dest_path))
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def reload_browsers(self, changed: Collection[str] = ()) -> None:
        """Reload the open pages now, as MkDocs does once the builder returns: the rest of the
        run (the search shards) is not waited for; a search in that second finds the last ones."""
        with self._epoch_cond:
            self._visible_epoch = self._wanted_epoch
            self._epoch_cond.notify_all()

    def reload_again(self, changed: Collection[str]) -> None:
        """Reload the open pages once more in this run when pages changed after the first reload."""
        if any(name.endswith(".html") for name in changed):
            with self._epoch_cond:
                self._wanted_epoch = _timestamp()
            self.reload_browsers()

    def take_changes(self) -> set[str]:
        with self._rebuild_cond:
            changed, self.changed = self.changed, set()
        return changed

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        script = f'<script src="{ASSETS}livereload.js?epoch={epoch}&amp;id={_timestamp()}"></script>'
        body_end = content.rfind(b"</body>")
        body_end = len(content) if body_end < 0 else body_end
        content = content[:body_end] + script.encode() + content[body_end:]
        return self._banner(content)

    def _banner(self, content: bytes) -> bytes:
        path = getattr(self._local, "path", "")
        problems = [p for where, ps in self.banners.items() if path.startswith(where) for p in ps]
        if not problems:
            return content
        items = "\n".join(f"<strong>{html.escape(p)}</strong>" for p in problems)
        banner = (
            f'<link rel="stylesheet" href="{ASSETS}overlay.css">'
            '<div class="lilith-serve-error" role="alert">'
            f"lilith serve: this page is not up to date.\n{items}</div>"
        )
        match = re.search(rb"<body[^>]*>", content)
        at = match.end() if match else 0
        return content[:at] + banner.encode() + content[at:]

    _local = threading.local()

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith(ASSETS):
            name = path[len(ASSETS) :]
            if name == "status":
                with self.status_lock:
                    pending = self._want_rebuild or bool(self.changed)
                    status = {"runs": self.runs, "pending": pending, "site_dir": self.root}
                    status["banners"] = self.banners
                body = json.dumps(status)
                return self._send(start_response, body.encode(), "application/json")
            if name == "livereload.js":
                return self._send(start_response, LIVERELOAD_JS.encode(), "application/javascript")
            if name == "overlay.css":
                return self._send(start_response, OVERLAY_CSS.encode(), "text/css")
            return None
        self._local.path = path[len(self.mount_path) :] if path.startswith(self.mount_path) else ""
        return super()._serve_request(environ, start_response)

    @staticmethod
    def _send(start_response, body: bytes, kind: str):
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body)))])
        return [body]


class Session:
    """The warm workers, the served folder and what the last run reported."""

    def __init__(self, config_file: Path, site_dir: Path, strict: bool | None, root: Path) -> None:
        self.config_file, self.root = config_file, root
        self.workers = Workers(config_file, strict)
        self.mirror = SiteMirror(site_dir, self.workers.parts, self.workers.default)
        self.docs_dir = (config_file.parent / "docs").resolve()

    def run(self, server: LilithServer | None, changed: Collection[str] = ()) -> Round:
        start = time.monotonic()
        early: list[float] = []  # when the saved languages' pages were served, if before the rest
        previewed: list[float] = []  # when the saved pages were shown alone, if they were

        def serve_first(first: Round) -> None:
            if first.ok and not self.banners(first):  # their pages are good: serve them now
                reload = server.reload_again if previewed else server.reload_browsers
                self.mirror.update(reload if server is not None else None, first.langs())
                early.append(time.monotonic() - start)

        def show(lang: str, rels: list[str]) -> None:
            if self.mirror.show(self.workers.previews[lang], rels) and server is not None:
                server.reload_browsers()
                previewed.append(time.monotonic() - start)

        good_site = bool(self.mirror.seen) and not (server is not None and server.banners)
        first = saved_languages(changed, self.root, self.workers.langs) if self.mirror.seen else set()
        saved = saved_pages(changed, self.root) if good_site else {}
        result = self.workers.run(first, serve_first, saved, show)
        for line in result.lines():
            print(line, flush=True)
        banners = self.banners(result)
        if server is not None:
            with server.status_lock:
                server.banners = banners
        if not result.ok or (banners and self.mirror.seen):
            reverted = self.mirror.revert_preview()  # the last good version, with the banners
            if server is not None:
                server.reload_again([rel for rel in reverted if rel.endswith(".html")])
        if result.ok and banners and self.mirror.seen:  # a mistake (file:line): every page stays
            print(
                "ERROR   -  lilith serve: a file has a mistake (above); serving the last good version",
                flush=True,
            )
        elif result.ok:
            built = time.monotonic()
            reload = server.reload_browsers if server is not None else None
            if (early or previewed) and server is not None:  # open pages, if they changed since
                reload = server.reload_again
            changed_files = self.mirror.update(reload)
            pages = sum(r.built for r in result.results)
            shown = f"page previewed in {previewed[0]:.2f} s, " if previewed else ""
            served = f"{', '.join(first)} served in {early[0]:.2f} s, " if early else ""
            print(
                f"INFO    -  lilith serve: {pages} page(s) rebuilt, {len(changed_files)} file(s) updated "
                f"in {time.monotonic() - start:.2f} s ({shown}{served}languages {built - start:.2f} s, "
                f"site {time.monotonic() - built:.2f} s)",
                flush=True,
            )
        else:
            print("ERROR   -  lilith serve: the build failed; serving the last good version", flush=True)
        if server is not None:
            with server.status_lock:
                server.runs += 1
        return result

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
    Empty when a file of every language changed (a glossary term, an image)."""
    docs = (root / "docs").resolve()
    found = set()
    for name in changed:
        path = Path(name).resolve()
        if not path.is_relative_to(docs) or path.suffix != ".md":
            return set()
        found.add(lang_of_src(path.relative_to(docs).as_posix()))
    return found if len(found) < len(langs) else set()


def fallback_reason(changed: set[str], root: Path, theme_dirs: list[Path]) -> str | None:
    """Why these changes need a full rebuild, or None when the warm builds can take them."""
    docs, glossary = (root / "docs").resolve(), (root / "glossary").resolve()
    for name in sorted(changed):
        path = Path(name).resolve()
        if path.is_relative_to(docs) or path.is_relative_to(glossary):
            continue
        if path.suffix in {".pyc", ".swp"} or path.name.endswith("~") or "__pycache__" in path.parts:
            continue
        try:
            shown = path.relative_to(root)
        except ValueError:
            shown = path
        return f"{shown} changed"
    return None


def serve(config_file: Path, dev_addr: str = "127.0.0.1:8000", strict: bool | None = None) -> int:
    """Serve the site with live reload until interrupted; returns the exit code."""
    logging.basicConfig(level=logging.INFO, format="INFO    -  %(message)s")
    for noisy in ("mkdocs.livereload", "watchdog"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    config_file = config_file.resolve()
    root = config_file.parent
    host, _, port = dev_addr.rpartition(":")
    site_dir = Path(tempfile.mkdtemp(prefix="lilith-serve-"))
    start = time.monotonic()
    session = Session(config_file, site_dir, strict, root)
    from lilith.site.parallel_build import read_config

    raw = read_config(config_file)
    mount = urlsplit(str(raw.get("site_url") or "/")).path
    server = LilithServer(
        builder=lambda: None, host=host or "127.0.0.1", port=int(port), root=str(site_dir), mount_path=mount
    )
    server.error_handler = lambda code: _error_page(site_dir, code)
    first = session.run(server)
    print(f"INFO    -  lilith serve: first build in {time.monotonic() - start:.2f} s", flush=True)
    if not first.ok and not any(site_dir.iterdir()):
        print("ERROR   -  lilith serve: nothing to serve until the next good save", flush=True)
    theme = raw.get("theme") or {}
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    watched = [root / "docs", root / "glossary", config_file, *_code_dirs()]
    if custom:
        watched.append(root / custom)
    for path in watched:
        if path.exists():
            server.watch(str(path))

    def builder() -> None:
        changed = server.take_changes()
        reason = fallback_reason(changed, root, [])
        if reason is not None:
            print(f"INFO    -  lilith serve: {reason}: not incremental, full rebuild", flush=True)
            _restart(session, site_dir)
        try:
            session.run(server, changed)
        except Exception as exc:  # never a traceback, never a dead server
            print(f"ERROR   -  lilith serve: {type(exc).__name__}: {exc}", flush=True)
            session.mirror.revert_preview()
            with server.status_lock:
                server.banners = {"": [f"{type(exc).__name__}: {exc}"]}
                server.runs += 1

    server.builder = builder
    # Ctrl-C, and a `kill`: shut down cleanly (workers, served folder) even where the shell
    # started us with SIGINT ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("INFO    -  Shutting down...", flush=True)
    finally:
        server.shutdown()
        session.workers.close()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _restart(session: Session, site_dir: Path) -> None:
    """Start again from scratch in a fresh process: new config, templates, strings and code."""
    session.workers.close()
    shutil.rmtree(site_dir, ignore_errors=True)
    sys.stdout.flush()
    sys.stderr.flush()
    env = dict(os.environ, **{RESTART_ENV: "1"})
    os.execve(sys.executable, [sys.executable, "-m", "lilith", *sys.argv[1:]], env)


def _error_page(site_dir: Path, code: int) -> bytes | None:
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
