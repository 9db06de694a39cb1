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
* a saved page whose front matter stayed (but for its title: the home page comes along) is
  shown as soon as a worker's standby has rendered it alone (`lilith.site.serve.standby`),
  even while a run for an earlier save goes on; the run's page replaces it (the browser
  reloads again only if it differs), a failed run the page as it was.
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
from collections.abc import Callable, Collection
from pathlib import Path
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer, _timestamp

from lilith.site.serve.session import Session

log = logging.getLogger("lilith.serve")
ASSETS = "/.lilith-serve/"
_CHANGES = {"created", "deleted", "modified", "moved", "closed"}  # not "opened", "closed_no_write"
RESTART_ENV = "LILITH_SERVE_RESTARTED"

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
        self.on_saved: Callable[[list[str]], None] | None = None  # a file written and closed
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
            # written whole: closed after writing, or renamed into place (not a write under way)
            saved = {"closed": event.src_path, "moved": getattr(event, "dest_path", "")}.get(event.event_type)
            if saved and self.on_saved is not None:
                self.on_saved([os.fsdecode(saved)])

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def reload_browsers(self) -> None:
        """Reload the open pages now (MkDocs reloads them once a build returns; we, as soon as
        the pages they show changed, and not otherwise: see `settle`)."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch = max(_timestamp(), self._visible_epoch + 1)
            self._epoch_cond.notify_all()

    def reload_for(self, changed: Collection[str]) -> None:
        """Reload the open pages if a page changed."""
        if any(name.endswith(".html") for name in changed):
            self.reload_browsers()

    def settle(self) -> None:
        """Serve pages without waiting for the run (MkDocs holds them back while it builds;
        our served folder is replaced file by file), and, once the run is over, make MkDocs'
        reload after the builder returns a no-op: what changed was reloaded already (a save
        whose page was previewed reloads once)."""
        with self._epoch_cond:
            self._wanted_epoch = self._visible_epoch
            self._epoch_cond.notify_all()

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
    session.listen(server)
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
        server.settle()  # pages are served during the run (each file is replaced whole)
        changed = server.take_changes()
        reason = fallback_reason(changed, root, [])
        if reason is not None:
            print(f"INFO    -  lilith serve: {reason}: not incremental, full rebuild", flush=True)
            _restart(session, site_dir)
        try:
            session.wait_for_previews()
            session.run(server, changed)
        except Exception as exc:  # never a traceback, never a dead server
            print(f"ERROR   -  lilith serve: {type(exc).__name__}: {exc}", flush=True)
            session.mirror.revert_preview()
            with server.status_lock:
                server.banners = {"": [f"{type(exc).__name__}: {exc}"]}
                server.runs += 1
            server.reload_browsers()
        server.settle()

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
