"""`make bench`: build, check and links at scale, side by side with stock MkDocs Material.

    python bench/run.py                      # N = 100, 300, 1000; 3 runs each -> bench/results.json
    python bench/run.py --smoke              # N = 20, one run, small link set (part of `make test`)

For each N a synthetic corpus (bench/corpus.py) is built by our full build (the parallel
build, `python -m lilith.site.parallel_build --strict`), by a plain sequential `mkdocs build
--strict` of the same config, and by stock Material + static-i18n (bench/stock/). Then:
`python -m lilith check`, an article's HTML and browser bytes, glossary linking cost
(200 terms, with vs without auto-linking) and how matching grows with text length, and the
link checker against 50 fake hosts (bench/fakehosts.py), with PyPI's `linkchecker` beside it.

A part whose entry point does not exist yet is reported "not available", never invented.
The bench fails only on errors (a build that fails, a check that crashes), never on timing.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import math
import os
import shutil
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import report
from bench import serve as live_preview  # issue 14: `lilith serve` beside mkdocs/zensical serve
from bench.corpus import CORPUS_DIR, generate
from bench.measure import (
    NotAvailable,
    browser_bytes,
    cost_breakdown,
    first_query,
    glossary_scaling,
    html_sizes,
    largest_listing_page,
    load_average,
    machine,
    run_timed,
    summary,
)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
LINK_IDEAL = (500, 0.1, 32)  # URLs, seconds per answer, concurrency -> 1.5625 s


class BenchError(Exception):
    """Something broke (not: something was slow)."""


def env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def compile_ours() -> None:
    """Byte-compile our package first, as pip did the packages stock builds import.

    The runs write no bytecode (`env`); without this, every run of ours alone would compile
    its modules from source (a tenth of a second: a third of `check` at N = 100).
    """
    compileall.compile_dir(ROOT / "scripts" / "lilith", quiet=1)


def checked(run, what: str):
    if run.returncode != 0:
        raise BenchError(f"{what} failed (exit {run.returncode}):\n{run.output[-4000:]}")
    return run


# -- builds ----------------------------------------------------------------------------------


def build_ours(config: Path, site: Path) -> dict:
    """Our full build: the parallel build, strict."""
    with tempfile.NamedTemporaryFile(suffix=".json") as stats:
        cmd = [PY, "-m", "lilith.site.parallel_build", "--strict", "-q", "-f", str(config), "-d", str(site)]
        run = checked(run_timed([*cmd, "--stats", stats.name], config.parent, env()), "our build")
        workers = json.loads(Path(stats.name).read_text())
    return {
        "seconds": run.seconds,
        "rss_largest_mb": run.max_rss_kb / 1024,
        "rss_sum_mb": workers["max_rss_kb_sum"] / 1024,
        "workers_s": {lang: w["seconds"] for lang, w in workers["languages"].items()},
    }


def build_mkdocs(config: Path, site: Path, strict: bool, what: str) -> dict:
    cmd = [PY, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    run = checked(run_timed([*cmd, "--strict"] if strict else cmd, config.parent, env()), what)
    rss = run.max_rss_kb / 1024
    return {"seconds": run.seconds, "rss_largest_mb": rss, "rss_sum_mb": rss}


def rotated(items: list, i: int) -> list:
    """`items` in the order of run `i`: each run starts with the next one, so what runs first
    (or right after another) in one run does not in the next."""
    k = i % len(items)
    return items[k:] + items[:k]


def measure_builds(corpus, work: Path, runs: int, sequential: bool) -> dict:
    """Ours (parallel), ours sequential, stock: interleaved, in rotating order, so drifting
    load and order effects hit all alike."""
    builds = {
        "ours": partial(build_ours, corpus.config, work / "ours"),
        "ours_sequential": partial(
            build_mkdocs, corpus.config, work / "ours-seq", True, "our sequential build"
        ),
        "stock": partial(build_mkdocs, corpus.stock_config, work / "stock", False, "the stock build"),
    }
    if not sequential:
        del builds["ours_sequential"]
    samples: dict[str, list[dict]] = {"ours": [], "ours_sequential": [], "stock": []}
    loads = []
    for i in range(runs):
        loads.append(load_average())
        print(f"  build run {i + 1}/{runs} (load {loads[-1]:.1f})", flush=True)
        for name in rotated(list(builds), i):
            samples[name].append(builds[name]())
    out: dict = {"load_average_at_runs": loads}
    for name, rows in samples.items():
        if rows:
            out[name] = {
                "seconds": summary([r["seconds"] for r in rows]),
                "rss_largest_mb": max(r["rss_largest_mb"] for r in rows),
                "rss_sum_mb": max(r["rss_sum_mb"] for r in rows),
            }
            if "workers_s" in rows[0]:
                out[name]["workers_s"] = [r["workers_s"] for r in rows]
    out["ratio_ours_to_stock"] = out["ours"]["seconds"]["median"] / out["stock"]["seconds"]["median"]
    out["ratio_ours_to_stock_min"] = out["ours"]["seconds"]["min"] / out["stock"]["seconds"]["min"]
    return out


# -- check -----------------------------------------------------------------------------------


def measure_check(corpus, runs: int) -> dict:
    try:
        from lilith.checks import run_checks  # noqa: F401
    except ImportError as exc:
        raise NotAvailable("python -m lilith check does not exist") from exc
    times, problems = [], None
    for _ in range(runs):
        cmd = [PY, "-m", "lilith", "check", "--root", str(corpus.root), "--format", "json"]
        run = run_timed(cmd, ROOT, env())
        if run.returncode not in (0, 1):
            raise BenchError(f"python -m lilith check crashed (exit {run.returncode}):\n{run.output[-3000:]}")
        times.append(run.seconds)
        try:
            problems = len(json.loads(run.output[run.output.index("{") :])["problems"])
        except (ValueError, KeyError):
            problems = None
    return {"seconds": summary(times), "problems": problems}


# -- pages -----------------------------------------------------------------------------------


def article_paths(corpus, lang: str) -> list[str]:
    """First, middle and last article of the corpus, as site paths in `lang`."""
    english = (p for p in (corpus.root / "docs/radar").glob("*.md") if p.name.count(".") == 1)
    slugs = sorted(p.name.removesuffix(".md") for p in english)
    picked = sorted({slugs[0], slugs[len(slugs) // 2], slugs[-1]})
    pre = "" if lang == "en" else f"{lang}/"
    return [f"{pre}radar/{slug}/" for slug in picked]


# A reader's first query per language: a word in every article, typed in its plain form.
QUERIES = {"en": "model", "cs": "modelu", "pl": "ewaluacja"}
QUERY_RUNS = 5  # the first query's time to results is noisy: min / median / max of this many


def reader_paths(corpus) -> list[str]:
    """The middle article in every language: what a reader's first view is measured on."""
    return [article_paths(corpus, lang)[1] for lang in ("en", "cs", "pl")]


def listing_size(site: Path) -> dict:
    """The largest listing page of the site (home, tag, glossary entry or archive page)."""
    path, size = largest_listing_page(site)
    return {"largest_listing_page": {"path": path, "bytes": size}}


def measure_reader(corpus, site: Path, query_runs: int) -> dict:
    """First view (every language, by kind, also gzipped) and first query (`query_runs`
    times in a fresh browser context: ms min/median/max), on our site."""
    out: dict = {}
    try:
        paths = reader_paths(corpus)
        out["first_view"] = browser_bytes(site, paths)
        queries = {path: QUERIES[lang] for path, lang in zip(paths, QUERIES, strict=True)}
        out["first_query"] = first_query(site, queries, runs=query_runs)
    except NotAvailable as exc:
        out = {"not_available": str(exc)}
    return out


def measure_pages(corpus, work: Path, query_runs: int) -> dict:
    out: dict = {"html": {}, "browser": {}}
    for name in ("ours", "stock"):
        sizes = {}
        for lang in ("en", "cs", "pl"):
            sizes.update(html_sizes(work / name, article_paths(corpus, lang)))
        values = list(sizes.values())
        out["html"][name] = {"max": max(values), "median": summary(values)["median"], "pages": sizes}
    out["html"]["ours_home"] = html_sizes(work / "ours", [""])[""]
    out["listing"] = listing_size(work / "ours")
    middle = article_paths(corpus, "en")[1:2] + article_paths(corpus, "cs")[1:2]
    try:
        out["browser"]["stock"] = browser_bytes(work / "stock", middle)
    except NotAvailable as exc:
        out["browser"]["stock"] = {"not_available": str(exc)}
    out["reader"] = measure_reader(corpus, work / "ours", query_runs)
    return out


def measure_ours_only(corpus, work: Path, query_runs: int) -> dict:
    """One run of our build alone (large N): time, memory, pages, first view, first query."""
    print("  our build, one run", flush=True)
    load = load_average()
    build = build_ours(corpus.config, work / "ours")
    sizes = {}
    for lang in ("en", "cs", "pl"):
        sizes.update(html_sizes(work / "ours", article_paths(corpus, lang)))
    html = {"ours": {"max": max(sizes.values()), "pages": sizes}}
    html["ours_home"] = html_sizes(work / "ours", [""])[""]
    return {
        "builds": {"ours": build, "load_average_at_runs": [load]},
        "pages": {
            "html": html,
            "listing": listing_size(work / "ours"),
            "reader": measure_reader(corpus, work / "ours", query_runs),
        },
    }


# -- glossary --------------------------------------------------------------------------------


def measure_glossary(n: int, terms: int, runs: int, work: Path) -> dict:
    try:
        from lilith.glossary.match import link_terms  # noqa: F401
    except ImportError as exc:
        raise NotAvailable("no glossary auto-linker (lilith.glossary.match.link_terms)") from exc
    on = generate(n, CORPUS_DIR / f"{n}-g{terms}", terms=terms)
    off = generate(n, CORPUS_DIR / f"{n}-g{terms}-nolink", terms=terms, autolink=False)
    samples: dict[str, list[float]] = {"with": [], "without": []}
    corpora = {"with": (on, work / "gl-on"), "without": (off, work / "gl-off")}
    for i in range(runs):
        print(f"  glossary run {i + 1}/{runs} (load {load_average():.1f})", flush=True)
        for name in rotated(list(corpora), i):
            corpus, site = corpora[name]
            samples[name].append(build_ours(corpus.config, site)["seconds"])
    with_s, without_s = summary(samples["with"]), summary(samples["without"])
    from lilith.glossary.match import TERM_CLASS

    marker = f'class="{TERM_CLASS}"'
    pages = (work / "gl-on").rglob("radar/*/index.html")
    links = sum(p.read_text(encoding="utf-8").count(marker) for p in pages)
    return {
        "articles": n,
        "terms": on.terms,
        "with_autolink": with_s,
        "without_autolink": without_s,
        "added_fraction": with_s["median"] / without_s["median"] - 1,
        "added_fraction_min": with_s["min"] / without_s["min"] - 1,
        "term_links_in_articles": links,
        "_glossary_dir": str(on.root / "glossary"),
    }


def measure_matching(glossary_dir: Path, stock_site: Path, corpus, factors: list[int]) -> dict:
    from selectolax.lexbor import LexborHTMLParser

    page = stock_site / article_paths(corpus, "en")[1] / "index.html"
    body = LexborHTMLParser(page.read_text(encoding="utf-8")).css_first("article")
    html = body.html if body is not None else page.read_text(encoding="utf-8")
    return glossary_scaling(glossary_dir, html, "en", factors)


# -- links -----------------------------------------------------------------------------------


def measure_links(runs: int, hosts: int, per_host: int, linkchecker: bool) -> dict:
    try:
        from lilith.links import check_urls
    except ImportError as exc:
        raise NotAvailable("the link checker (lilith.links.check_urls) does not exist") from exc
    from bench.fakehosts import fake_hosts

    urls_n, delay, concurrency = hosts * per_host, LINK_IDEAL[1], LINK_IDEAL[2]
    # Every answer takes `delay`: at best `concurrency` at a time, and 4 at a time per host.
    ideal = max(urls_n * delay / concurrency, math.ceil(per_host / 4) * delay)
    cold, warm, requests, not_ok = [], [], [], 0
    theirs: list[float] = []
    theirs_note = "not run (--no-linkchecker)" if not linkchecker else None
    with fake_hosts(hosts, per_host, delay) as fh:
        for i in range(runs):
            print(f"  links run {i + 1}/{runs} (load {load_average():.1f})", flush=True)
            with tempfile.TemporaryDirectory() as tmp:
                cache = Path(tmp) / "links-cache.json"
                fh.reset()
                start = time.perf_counter()
                results = check_urls(fh.urls, concurrency=concurrency, per_host=4, cache_path=cache)
                cold.append(time.perf_counter() - start)
                requests.append(fh.requests)
                not_ok += sum(1 for r in results if str(getattr(r.status, "value", r.status)) != "ok")
                start = time.perf_counter()
                check_urls(fh.urls, concurrency=concurrency, per_host=4, cache_path=cache)
                warm.append(time.perf_counter() - start)
        if linkchecker:
            theirs, theirs_note = run_linkchecker(fh, runs, concurrency)
    out = {
        "urls": urls_n,
        "hosts": hosts,
        "delay_s": delay,
        "concurrency": concurrency,
        "per_host": 4,
        "ideal_s": ideal,
        "lilith_cold": summary(cold),
        "lilith_ratio_to_ideal": summary([c / ideal for c in cold]),
        "lilith_warm": summary(warm),
        "warm_fraction_of_cold": summary([w / c for w, c in zip(warm, cold, strict=True)]),
        "requests_per_cold_run": requests,
        "not_ok": not_ok,
    }
    if theirs:
        out["linkchecker"] = summary(theirs)
        out["linkchecker_ratio_to_ideal"] = summary([t / ideal for t in theirs])
    out["linkchecker_note"] = theirs_note
    return out


def run_linkchecker(fh, runs: int, threads: int) -> tuple[list[float], str]:
    """PyPI's linkchecker on a page linking to the same URLs, its politeness delay lifted.

    linkchecker waits 0.1–0.6 s between two requests to one host, under one lock for all
    threads, unless the host answers with a `LinkChecker` header (ours do) and
    `maxrequestspersecond` allows more; we give it 1000/s so it is measured at full speed.
    """
    exe = Path(PY).with_name("linkchecker")
    if not exe.exists():
        return [], "not installed (make bench installs linkchecker==10.6.0)"
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        ini = Path(tmp) / "linkcheckerrc"
        ini.write_text("[checking]\nmaxrequestspersecond=1000\n")
        Path(tmp).chmod(0o755)  # linkchecker drops root privileges to `nobody`
        ini.chmod(0o644)
        for _ in range(runs):
            fh.reset()
            cmd = [str(exe), "-f", str(ini), "--check-extern", "--no-robots", "--no-status", "-r", "1"]
            cmd += ["-t", str(threads), "-o", "text", fh.page_url]
            run = run_timed(cmd, ROOT, env())
            if fh.requests < len(fh.urls) or "0 errors found" not in run.output:
                got = f"{fh.requests} requests"
                raise BenchError(f"linkchecker did not check the URLs ({got}):\n{run.output[-2000:]}")
            times.append(run.seconds)
    return times, f"{threads} threads, --check-extern --no-robots -r 1, maxrequestspersecond=1000"


# -- main ------------------------------------------------------------------------------------


def part(results: dict, key: str, fn, *args):
    """Run one measured part; a missing entry point becomes a 'not available' row."""
    try:
        results[key] = fn(*args)
    except NotAvailable as exc:
        results[key] = {"not_available": str(exc)}
        print(f"  {key}: not available — {exc}")
    return results[key]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--terms", type=int, default=200, help="glossary size for the linking cost")
    p.add_argument("--glossary-size", type=int, help="N for the linking cost (default: the largest N)")
    p.add_argument("--smoke", action="store_true", help="N = 20, one run, small link set, no linkchecker")
    p.add_argument("--no-linkchecker", action="store_true")
    p.add_argument("--no-serve", action="store_true", help="skip the live-preview measurement")
    p.add_argument(
        "--ours-only", type=int, nargs="*", default=[5000], help="larger N: one run of our build alone"
    )
    p.add_argument("--out", type=Path, help="results JSON (default bench/results.json)")
    args = p.parse_args(argv)
    if args.smoke:
        args.sizes, args.runs, args.no_linkchecker, args.ours_only = [20], 1, True, []
    out = args.out or (CORPUS_DIR / "smoke-results.json" if args.smoke else ROOT / "bench" / "results.json")
    hosts, per_host = (5, 4) if args.smoke else (50, 10)
    query_runs = 1 if args.smoke else QUERY_RUNS

    results: dict = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "smoke": args.smoke,
        "runs": args.runs,
        "machine": machine(),
        "load_average_start": load_average(),
        "sizes": {},
    }
    compile_ours()
    work_root = Path(tempfile.mkdtemp(prefix="lilith-bench-"))
    try:
        for n in args.sizes:
            print(f"N = {n}: generating the corpus", flush=True)
            corpus = generate(n)
            work = work_root / str(n)
            row: dict = {"articles": n, "pages_per_language": n}
            row["builds"] = measure_builds(corpus, work, args.runs, sequential=True)
            part(row, "check", measure_check, corpus, args.runs)
            if "seconds" in row["check"]:
                row["check"]["fraction_of_build"] = (
                    row["check"]["seconds"]["median"] / row["builds"]["ours"]["seconds"]["median"]
                )
            row["pages"] = measure_pages(corpus, work, query_runs)
            if not args.smoke and not args.no_serve:  # -- live preview (bench/serve.py) --
                row["serve"] = live_preview.measure_all(corpus)
            if n == min(args.sizes, key=lambda size: abs(size - 300)):
                print(f"  where one language's build spends its time (cProfile, N = {n})", flush=True)
                part(results, "cost_breakdown", cost_breakdown, corpus.config, "cs", work / "profiled")
                results["cost_breakdown"]["articles"] = n
            results["sizes"][str(n)] = row
            last_stock, last_corpus = work / "stock", corpus
        for n in args.ours_only:
            print(f"N = {n} (ours only): generating the corpus", flush=True)
            corpus = generate(n)
            row = {"articles": n, "pages_per_language": n, "ours_only": True}
            row.update(measure_ours_only(corpus, work_root / str(n), query_runs))
            results["sizes"][str(n)] = row
            shutil.rmtree(work_root / str(n), ignore_errors=True)
            shutil.rmtree(corpus.root, ignore_errors=True)
        gn = args.glossary_size or max(args.sizes)
        print(f"glossary: {args.terms} terms, N = {gn}", flush=True)
        gl = part(results, "glossary_cost", measure_glossary, gn, args.terms, args.runs, work_root / "gl")
        if "_glossary_dir" in gl:
            factors = [1, 2, 4, 8] if args.smoke else [1, 2, 4, 8, 16, 32]
            gdir = Path(gl.pop("_glossary_dir"))
            part(results, "glossary_matching", measure_matching, gdir, last_stock, last_corpus, factors)
        else:
            results["glossary_matching"] = {"not_available": gl.get("not_available")}
        print("links", flush=True)
        part(results, "links", measure_links, args.runs, hosts, per_host, not args.no_linkchecker)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work_root, ignore_errors=True)
    results["load_average_end"] = load_average()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report.print_tables(results)
    serve_rows = {n: row["serve"] for n, row in results["sizes"].items() if "serve" in row}
    if serve_rows:  # -- live preview (bench/serve.py) --
        print("\nLive preview (bench/serve.py)\n" + live_preview.table(serve_rows))
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
