"""Tables of a bench run (bench/results.json): rich for the terminal, Markdown for the README.

python bench/report.py [bench/results.json] [--markdown]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

NA = "not available"


def _s(fig: dict | float | None) -> str:
    """'min / median s' of a timing summary; a single run's seconds as they are."""
    if isinstance(fig, int | float):
        return f"{fig:.2f} s (one run)"
    if not fig or "min" not in fig:
        return NA
    return f"{fig['min']:.2f} / {fig['median']:.2f} s"


def _kb(value: float | None) -> str:
    return NA if value is None else f"{value / 1024:.1f} KB"


def _pct(value: float | None) -> str:
    return NA if value is None else f"{value * 100:.1f} %"


def _x(value: float | None) -> str:
    return NA if value is None else f"{value:.2f}×"


def _why(part: dict | None) -> str:
    return f"{NA} ({part['not_available']})" if part and "not_available" in part else NA


def size_rows(results: dict) -> tuple[list[str], list[list[str]]]:
    """Rows per N: builds, memory, check, page sizes."""
    sizes = results["sizes"]
    head = ["", *(f"N = {n}" for n in sizes)]
    rows: dict[str, list[str]] = {}

    def add(label: str, value: str) -> None:
        rows.setdefault(label, []).append(value)

    for row in sizes.values():
        b = row["builds"]
        stock = b.get("stock", {})
        add("our build (parallel, strict), min / median", _s(b["ours"]["seconds"]))
        add("our build, sequential `mkdocs build`", _s(b.get("ours_sequential", {}).get("seconds")))
        add("stock Material + static-i18n", _s(stock.get("seconds")))
        add("ours ÷ stock, median (target ≤ 1)", _x(b.get("ratio_ours_to_stock")))
        add("ours ÷ stock, min", _x(b.get("ratio_ours_to_stock_min")))
        loads = b.get("load_average_at_runs")
        add("machine load average at the runs", ", ".join(f"{x:.1f}" for x in loads) if loads else NA)
        add(
            "peak memory, ours (all workers / largest)",
            f"{b['ours']['rss_sum_mb']:.0f} / {b['ours']['rss_largest_mb']:.0f} MB",
        )
        add("peak memory, stock", f"{stock['rss_largest_mb']:.0f} MB" if stock else NA)
        check = row.get("check", {})
        add("`python -m lilith check`", _s(check.get("seconds")) if "seconds" in check else _why(check))
        add("check ÷ our build (target ≤ 10 %)", _pct(check.get("fraction_of_build")))
        html = row["pages"]["html"]
        add("article HTML, ours (max; target ≤ 60 KB)", _kb(html["ours"]["max"]))
        add("article HTML, stock (max)", _kb(html.get("stock", {}).get("max")))
        add("home page HTML, ours (the listing)", _kb(html.get("ours_home")))
        listing = row["pages"].get("listing", {})
        largest = listing.get("largest_listing_page")
        if isinstance(largest, dict):
            add(
                "largest listing page, ours (target ≤ 100 KB)",
                f"{_kb(largest['bytes'])} (`{largest['path']}`)",
            )
        browser = row["pages"].get("browser", {}).get("stock", {})
        if browser and "not_available" not in browser:
            first = next(iter(browser.values()))
            kinds = first["by_kind"]
            big = kinds.get("search index", 0) + kinds.get("search", 0) + kinds.get("sitemap", 0)
            add("browser bytes, en article, stock: all", _kb(first["total"]))
            add("  … of which search index + sitemap (stock)", _kb(big))
        else:
            add("browser bytes, en article, stock: all", _why(browser) if browser else NA)
            add("  … of which search index + sitemap (stock)", NA)
    return head, [[label, *values] for label, values in rows.items()]


def _lang(path: str) -> str:
    return path[:2] if path[:3] in {"cs/", "pl/"} else "en"


def _both(fig: dict, kind: str | None = None) -> str:
    """'uncompressed / gzip KB' of a byte count (all kinds, or one)."""
    if kind is None:
        return f"{fig['total'] / 1024:.1f} / {fig['gzip_total'] / 1024:.1f} KB"
    raw, gz = fig["by_kind"].get(kind, 0), fig.get("gzip_by_kind", {}).get(kind, 0)
    return f"{raw / 1024:.1f} / {gz / 1024:.1f} KB"


def reader_rows(results: dict) -> tuple[list[str], list[list[str]]]:
    """Per N: an article's cold first view (every language, by kind) and the first query."""
    sizes = {n: row for n, row in results["sizes"].items() if "reader" in row.get("pages", {})}
    head = ["uncompressed / gzip", *(f"N = {n}" for n in sizes)]
    rows: dict[str, list[str]] = {}

    def add(label: str, value: str) -> None:
        rows.setdefault(label, []).append(value)

    totals: dict[str, float] = {}
    for n, row in sizes.items():
        reader = row["pages"]["reader"]
        if "not_available" in reader:
            add("first view", _why(reader))
            continue
        views = {_lang(path): fig for path, fig in reader["first_view"].items()}
        for lang in ("en", "cs", "pl"):
            if lang in views:
                add(f"first view, {lang} article (target ≤ 400 KB)", _both(views[lang]))
        totals[n] = max(fig["total"] for fig in views.values())
        for kind in ("document", "css", "js", "search", "sitemap", "other"):
            add(f"  … {kind} (en)", _both(views["en"], kind))
        for path, q in reader["first_query"].items():
            lang = _lang(path)
            add(f"first query, {lang} “{q['query']}” (target ≤ 300 KB)", _both(q))
            runs = q.get("ms_summary")
            if runs and len(runs["runs"]) > 1:
                n, top = len(runs["runs"]), max(runs["runs"])
                ms = f"{runs['median']:.0f} ms (min {runs['min']:.0f}, max {top:.0f}; {n} runs)"
            else:
                ms = f"{q['ms_to_results']:.0f} ms"
            add(
                f"  … {lang}: results shown after, median (target ≤ 300 ms) / pages shown",
                f"{ms} / {q['results_shown']}",
            )
    if len(totals) > 1:
        low, high = min(totals, key=int), max(totals, key=int)
        ratio = totals[high] / totals[low]
        rows[f"first view, largest N ÷ smallest N (N = {high} ÷ {low}; target ≤ 1.1)"] = [
            _x(ratio) if n == high else "" for n in sizes
        ]
    return head, [[label, *values] for label, values in rows.items()]


def other_rows(results: dict) -> list[list[str]]:
    out = []
    g = results.get("glossary_cost", {})
    if "with_autolink" in g:
        label = f"build, N = {g['articles']}, {g['terms']} glossary terms, auto-linking on"
        out.append([label, _s(g["with_autolink"])])
        out.append(["… auto-linking off (`glossary: false`)", _s(g["without_autolink"])])
        out.append(["… added by auto-linking (median; target ≤ 20 %)", _pct(g["added_fraction"])])
    else:
        out.append(["glossary auto-linking cost", _why(g)])
    m = results.get("glossary_matching", {})
    if "points" in m:
        first, last = m["points"][0], m["points"][-1]
        out.append(
            [
                f"`link_terms`, {m['terms']} terms: {first['kb']:.0f} KB → {last['kb']:.0f} KB of HTML",
                f"{first['seconds'] * 1000:.1f} → {last['seconds'] * 1000:.0f} ms; ms/KB ratio "
                f"{m['ms_per_kb_ratio_last_first']:.2f} (1 = linear)",
            ]
        )
    else:
        out.append(["glossary matching vs text length", _why(m)])
    links = results.get("links", {})
    if "lilith_cold" in links:
        label = f"links: {links['urls']} URLs, {links['hosts']} hosts, 100 ms answers"
        out.append([f"{label}: ideal", f"{links['ideal_s']:.2f} s"])
        out.append(["… lilith (concurrency 32, per host 4)", _s(links["lilith_cold"])])
        out.append(["… lilith ÷ ideal (median; target ≤ 1.3)", _x(links["lilith_ratio_to_ideal"]["median"])])
        warm = links["warm_fraction_of_cold"]["median"]
        out.append(["… lilith, warm cache (target ≤ 5 % of cold)", _pct(warm)])
        if "linkchecker" in links:
            out.append(["… linkchecker 10.6.0 (32 threads)", _s(links["linkchecker"])])
            out.append(["… linkchecker ÷ ideal (median)", _x(links["linkchecker_ratio_to_ideal"]["median"])])
        else:
            out.append(["… linkchecker", f"{NA} ({links.get('linkchecker_note')})"])
    else:
        out.append(["link checker", _why(links)])
    return out


def cost_rows(results: dict) -> list[list[str]]:
    cost = results.get("cost_breakdown", {})
    if "parts" not in cost:
        return [["where a build spends its time", _why(cost)]]
    head = f"one language's build (cs, N = {cost.get('articles')}), share of its time under cProfile:"
    return [[head, ""]] + [[f"  {p['part']}", _pct(p["share"])] for p in cost["parts"]]


def print_tables(results: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 120))
    m = results["machine"]
    title = (
        f"Lilith bench {results['date']} — {m['cpu_count']} × {m['cpu_model']}, {m['memory_gb']} GB, "
        f"Python {m['python']}, MkDocs {m['versions']['mkdocs']}, Material {m['versions']['mkdocs-material']}"
    )
    head, rows = size_rows(results)
    table = Table(title=title, title_justify="left")
    for i, name in enumerate(head):
        table.add_column(name, justify="left" if i == 0 else "right")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    head, rows = reader_rows(results)
    reader = Table(title="A reader's first view and first query (headless chromium, cold cache)")
    for i, name in enumerate(head):
        reader.add_column(name, justify="left" if i == 0 else "right")
    for row in rows:
        reader.add_row(*row)
    console.print(reader)
    other = Table(show_header=False)
    other.add_column("")
    other.add_column("", justify="right")
    for row in other_rows(results) + cost_rows(results):
        other.add_row(*row)
    console.print(other)
    console.print(
        f"runs per figure: {results['runs']}; load average {results['load_average_start']:.1f} at the start, "
        f"{results.get('load_average_end', 0):.1f} at the end"
    )


def markdown(results: dict) -> str:
    head, rows = size_rows(results)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    head, rows = reader_rows(results)
    lines += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", "| | |", "|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in other_rows(results) + cost_rows(results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("results", type=Path, nargs="?", default=Path(__file__).with_name("results.json"))
    p.add_argument("--markdown", action="store_true")
    args = p.parse_args(argv)
    results = json.loads(args.results.read_text(encoding="utf-8"))
    if args.markdown:
        print(markdown(results))
    else:
        print_tables(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
