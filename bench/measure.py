"""Measurements for `make bench`: timed commands with peak memory, page bytes in a real
browser, glossary matching cost. Each returns plain data; bench/run.py decides what to run."""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit


class NotAvailable(Exception):
    """A measured part whose entry point does not exist (yet) in this checkout."""


@dataclass(frozen=True)
class Run:
    """One run of a command."""

    seconds: float
    max_rss_kb: int  # the largest process of the command's tree (wait4)
    returncode: int
    output: str


def run_timed(cmd: Sequence[str], cwd: Path, env: dict | None = None, timeout: float = 1800) -> Run:
    """Run `cmd`, timing its wall clock and reading its peak memory from wait4."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Run(seconds, usage.ru_maxrss, proc.returncode, out.read().decode("utf-8", "replace"))


def summary(values: Sequence[float]) -> dict:
    """min, median and the raw values."""
    return {"min": min(values), "median": statistics.median(values), "runs": list(values)}


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` timed calls of `fn` (for in-process micro-measurements)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# -- the machine -----------------------------------------------------------------------------


def machine() -> dict:
    """CPU, memory, versions: what the figures were measured on."""
    from importlib.metadata import PackageNotFoundError, version

    def ver(name: str) -> str | None:
        try:
            return version(name)
        except PackageNotFoundError:
            return None

    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            name: ver(name)
            for name in (
                *("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pymdown-extensions"),
                *("playwright", "linkchecker"),
            )
        },
    }


def load_average() -> float:
    """The 1-minute load average (other work on the machine skews wall times)."""
    return os.getloadavg()[0]


# -- page bytes ------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """`directory` over HTTP on 127.0.0.1 (a static host without compression)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


KINDS = ("document", "css", "js", "search", "sitemap", "other")


def _kind(url: str, resource_type: str) -> str:
    """document, css, js, search (index files), sitemap (what instant navigation reads), other."""
    path = urlsplit(url).path
    if path.endswith("search_index.json") or ("/search/" in path and path.endswith(".json")):
        return "search"
    if path.endswith(("sitemap.xml", "/assets/lilith/instant.xml")):
        return "sitemap"
    if resource_type in {"document", "stylesheet", "script"}:
        return {"stylesheet": "css", "script": "js"}.get(resource_type, resource_type)
    if path.endswith(".js"):
        return "js"
    return "other"


def _gzipped(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6, mtime=0))


class _Counter:
    """Bytes of finished requests by kind: as received (headers + bodies) and with gzip bodies."""

    def __init__(self) -> None:
        self.requests: list = []

    def __call__(self, request) -> None:
        self.requests.append(request)

    def since(self, start: int) -> dict:
        kinds: dict[str, int] = {}
        gz: dict[str, int] = {}
        for request in self.requests[start:]:
            sizes = request.sizes()
            kind = _kind(request.url, request.resource_type)
            kinds[kind] = kinds.get(kind, 0) + sizes["responseBodySize"] + sizes["responseHeadersSize"]
            response = request.response()
            try:
                body = response.body() if response is not None else b""
            except Exception:  # a body the browser did not keep (aborted, redirected)
                body = b""
            gz[kind] = gz.get(kind, 0) + _gzipped(body) + sizes["responseHeadersSize"]
        return {
            "total": sum(kinds.values()),
            "by_kind": kinds,
            "gzip_total": sum(gz.values()),
            "gzip_by_kind": gz,
            "requests": len(self.requests) - start,
        }


def _browser():
    try:
        from playwright.sync_api import sync_playwright

        from tests.chromium import CHROMIUM, launch
    except ImportError as exc:
        raise NotAvailable("playwright is not installed") from exc
    if not Path(CHROMIUM).exists():
        raise NotAvailable(f"no chromium at {CHROMIUM}")
    return sync_playwright, launch


def _local_only(page, blocked: list[str]) -> None:
    def route(r):
        if urlsplit(r.request.url).hostname == "127.0.0.1":
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)


def browser_bytes(site_dir: Path, paths: Sequence[str], settle_ms: int = 1500) -> dict[str, dict]:
    """Per path: every byte chromium transfers loading it cold (headers + bodies), by kind,
    and the same with each body gzip-compressed (as static hosts send text).

    Requests to any host but 127.0.0.1 are blocked and counted (there must be none).
    """
    sync_playwright, launch = _browser()
    out: dict[str, dict] = {}
    with serve(site_dir) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            for path in paths:
                context = browser.new_context()
                page = context.new_page()
                blocked: list[str] = []
                _local_only(page, blocked)
                counter = _Counter()
                page.on("requestfinished", counter)
                page.goto(base + path, wait_until="networkidle")
                page.wait_for_timeout(settle_ms)
                out[path] = {**counter.since(0), "blocked_external": blocked}
                context.close()
        finally:
            browser.close()
    return out


# Resolves when Material's result list changes after the query was typed: ms since typing.
_RESULTS_SHOWN = """() => new Promise(resolve => {
  const meta = document.querySelector(".md-search-result__meta");
  const before = meta.textContent;
  const start = performance.now();
  const done = () => resolve(performance.now() - start);
  new MutationObserver((_, o) => {
    if (meta.textContent !== before) { o.disconnect(); done(); }
  }).observe(meta, { childList: true, characterData: true, subtree: true });
  const field = document.querySelector("input.md-search__input");
  field.value = window.__lilithQuery;
  field.dispatchEvent(new KeyboardEvent("keyup", { key: "End", bubbles: true }));
})"""


def first_query(
    site_dir: Path, queries: dict[str, str], settle_ms: int = 1000, runs: int = 1
) -> dict[str, dict]:
    """Per path: the reader's first query on a cold page: bytes fetched from opening search
    to the results (by kind, also gzipped; the first run's), and ms from the keystroke to the
    results shown: `ms_to_results` is the median of `runs` cold runs (`ms_summary`: all)."""
    sync_playwright, launch = _browser()
    out: dict[str, dict] = {}
    with serve(site_dir) as base, sync_playwright() as pw:
        browser = launch(pw)
        try:
            for _ in range(runs):
                for path, query in queries.items():
                    row = _one_query(browser, base + path, query, settle_ms)
                    if path not in out:
                        out[path] = {**row, "ms_runs": []}
                    out[path]["ms_runs"].append(row["ms_to_results"])
        finally:
            browser.close()
    for row in out.values():
        row["ms_summary"] = summary(row.pop("ms_runs"))
        row["ms_to_results"] = row["ms_summary"]["median"]
    return out


def _one_query(browser, url: str, query: str, settle_ms: int) -> dict:
    """One cold first query in a fresh context: what opening search and the query fetched."""
    context = browser.new_context()
    try:
        page = context.new_page()
        blocked: list[str] = []
        _local_only(page, blocked)
        counter = _Counter()
        page.on("requestfinished", counter)
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(settle_ms)
        start = len(counter.requests)
        page.locator("input.md-search__input").click()
        page.wait_for_timeout(300)  # whatever opening the dialog does, before typing
        page.evaluate("q => { window.__lilithQuery = q; }", query)
        ms = page.evaluate(_RESULTS_SHOWN)
        page.wait_for_load_state("networkidle")
        return {
            "query": query,
            "ms_to_results": ms,
            "results_shown": page.locator(".md-search-result__item").count(),
            "meta": page.locator(".md-search-result__meta").inner_text(),
            **counter.since(start),
            "blocked_external": blocked,
        }
    finally:
        context.close()


def html_sizes(site_dir: Path, paths: Sequence[str]) -> dict[str, int]:
    """Bytes of each page's index.html."""
    return {p: (site_dir / p / "index.html").stat().st_size for p in paths}


# -- glossary matching -----------------------------------------------------------------------


def glossary_scaling(glossary_dir: Path, html: str, lang: str, factors: Sequence[int]) -> dict:
    """Time `link_terms` on `html` repeated `factors` times; linear matching keeps s/KB flat."""
    try:
        from lilith.glossary.match import link_terms
        from lilith.glossary.terms import load_glossary
    except ImportError as exc:
        raise NotAvailable("lilith.glossary.match.link_terms does not exist") from exc
    glossary = load_glossary(glossary_dir)
    rows = []
    for factor in factors:
        text = html * factor
        seconds = best_of(lambda text=text: link_terms(text, lang, glossary), repeat=3)
        kb = len(text.encode("utf-8")) / 1024
        ms_per_kb = seconds * 1000 / kb
        rows.append({"factor": factor, "kb": round(kb, 1), "seconds": seconds, "ms_per_kb": ms_per_kb})
    first, last = rows[0], rows[-1]
    return {
        "terms": len(glossary),
        "lang": lang,
        "points": rows,
        "ms_per_kb_ratio_last_first": last["ms_per_kb"] / first["ms_per_kb"],
        "slope_ms_per_kb": _slope([r["kb"] for r in rows], [r["seconds"] * 1000 for r in rows]),
    }


def _slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of ys over xs."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


# -- where a build's time goes ---------------------------------------------------------------

# (label, file path fragment, function): cumulative time of these entry points in one
# language's build, under cProfile. Shares are indicative (profiling slows pure Python most).
COST_CENTRES = [
    ("Markdown → HTML (every extension, ours included)", "mkdocs/structure/pages.py", "render"),
    ("glossary auto-linking (lilith)", "lilith/glossary/pages.py", "link_page"),
    ("typography (lilith: bodies and the `nbsp` filter)", "lilith/text/typography.py", "glue_html"),
    # A worker of the parallel build gets these from its parent, which reads them once.
    ("site checks, articles, glossary (lilith; once per build)", "lilith/site/site_inputs.py", "read"),
    ("page context (lilith)", "lilith/site/plugin.py", "on_page_context"),
    ("site-wide files at the end (lilith)", "lilith/site/plugin.py", "on_post_build"),
    ("search index (Material)", "material/plugins/search/plugin.py", "on_page_context"),
    ("page templates (Jinja, Material + overrides)", "jinja2/environment.py", "render"),
]


def cost_breakdown(config: Path, lang: str, site_dir: Path) -> dict:
    """Profile one language's build (a parallel-build worker) and attribute its time."""
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        prof = Path(tmp) / "worker.prof"
        cmd = ["-m", "cProfile", "-o", str(prof), "-m", "lilith.site.parallel_build", "--worker", lang]
        run = run_timed([sys.executable, *cmd, "-f", str(config), "-d", str(site_dir)], config.parent)
        if run.returncode != 0:
            raise NotAvailable(f"the profiled build failed:\n{run.output[-3000:]}")
        stats = pstats.Stats(str(prof)).stats  # {(file, line, func): (cc, nc, tt, ct, callers)}

    def cumulative(fragment: str, name: str) -> list[float]:
        return [ct for (file, _, func), (*_, ct, _) in stats.items() if func == name and fragment in file]

    total = max(cumulative("mkdocs/commands/build.py", "build"))
    rows = []
    for label, fragment, name in COST_CENTRES:
        found = cumulative(fragment, name)
        if found:
            rows.append({"part": label, "share": max(found) / total})
    return {"lang": lang, "profiled_seconds": total, "parts": rows}


LISTING_DIRS = ("page", "tags", "glossary", "archive")  # under a language root


def largest_listing_page(site_dir: Path) -> tuple[str, int]:
    """The largest listing page of a built site: (site-relative path, bytes of HTML).

    Listing pages: each language's home page and its pages 2 … n (`page/<n>/`), the tag
    pages, the glossary pages (each entry lists the articles using its term) and the archive,
    with their own pages 2 … n. ("", 0) when the site has none.
    """
    best = ("", 0)
    for lang_root in ("", "cs/", "pl/"):
        root = site_dir / lang_root
        candidates = [root / "index.html"]
        for folder in LISTING_DIRS:
            candidates += sorted((root / folder).rglob("index.html"))
        for path in candidates:
            if path.is_file() and (size := path.stat().st_size) > best[1]:
                best = (path.relative_to(site_dir).as_posix(), size)
    return best
