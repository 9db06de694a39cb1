"""Live preview: how long a saved edit takes to be served, for `lilith serve` and its rivals.

For each server on a bench corpus (bench/corpus.py): start it, wait for its first build, then

* **save → page**: append a new sentence to an English article's body, and poll the article's
  URL until the served page holds it (the median of `--saves` saves, at least 5);
* **title → home**: change the newest article's title (the home page lists the newest 20),
  and poll the home page until it lists it;
* **peak memory**: the server's and its child processes' peak resident memory
  (`VmHWM` in /proc, summed over the process tree) at the end.

Servers: `python -m lilith serve` on the corpus (`mkdocs.yml`, our plugin), stock
`mkdocs serve` on the stock corpus (`mkdocs.stock.yml`: Material + static-i18n, no plugin of
ours), and `zensical serve` on the stock corpus when Zensical is installed (`make bench`
tries; Zensical reads mkdocs.yml but runs no MkDocs plugin, so neither ours nor static-i18n).

    python bench/serve.py --sizes 100 1000 [--saves 5] [--servers lilith mkdocs zensical]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVERS = ("lilith", "mkdocs", "zensical")


class NotAvailable(Exception):
    """A server that cannot run here (not installed), with the reason."""


def zensical_binary() -> str:
    for candidate in (ROOT / ".venv-zensical" / "bin" / "zensical", shutil.which("zensical")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise NotAvailable(
        "zensical is not installed (`make bench` installs zensical 0.0.73 into .venv-zensical; "
        "0.1.x needs zensical-ui==0.0.42, which is not on the package index)"
    )


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def command(kind: str, corpus, addr: str) -> tuple[list[str], Path]:
    if kind == "lilith":
        return [PY, "-m", "lilith", "serve", "-f", str(corpus.config), "-a", addr], corpus.config
    if kind == "mkdocs":
        return [PY, "-m", "mkdocs", "serve", "-f", str(corpus.stock_config), "-a", addr], corpus.stock_config
    return [zensical_binary(), "serve", "-f", str(corpus.stock_config), "-a", addr], corpus.stock_config


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as answer:
            return answer.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_for(url: str, text: str, deadline: float, proc: subprocess.Popen) -> float:
    """Poll `url` until it holds `text`; the time it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited ({proc.returncode})")
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    raise RuntimeError(f"{url} never showed {text!r} within {deadline:.0f} s")


def tree_peak_kb(pid: int) -> tuple[int, int]:
    """(sum, largest) of VmHWM over `pid` and its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    peaks, todo = [], [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]))
        except OSError:
            pass
    return sum(peaks), max(peaks, default=0)


def _article(corpus) -> tuple[Path, str]:
    radar = corpus.root / "docs" / "radar"
    english = sorted(p for p in radar.glob("*.md") if p.name.count(".") == 1)
    path = english[len(english) // 2]
    return path, f"radar/{path.stem}/"


def _newest(corpus) -> tuple[Path, str]:
    """The newest English article (bench/corpus.py: article 0, the first by name)."""
    radar = corpus.root / "docs" / "radar"
    path = sorted(p for p in radar.glob("*.md") if p.name.count(".") == 1)[0]
    return path, f"radar/{path.stem}/"


def measure(kind: str, corpus, saves: int = 5) -> dict:
    """One server on one corpus: first build, save → page (each save), title → home, memory."""
    addr = f"127.0.0.1:{_port()}"
    cmd, _ = command(kind, corpus, addr)
    article, url = _article(corpus)
    base = f"http://{addr}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = corpus.root / f"serve-{kind}.log"
    start = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=corpus.root, env=env, stdout=out, stderr=subprocess.STDOUT)
    newest_original = None
    try:
        original = article.read_text(encoding="utf-8")
        wait_for(base + url, "</html>", 1800, proc)
        result: dict = {"first_build_s": time.perf_counter() - start, "save_to_page_s": []}
        time.sleep(1.0)
        for i in range(saves):
            marker = f"Bench save {i} {time.time_ns()}."
            text = article.read_text(encoding="utf-8")
            article.write_text(text.replace("\n## ", f"\n{marker}\n\n## ", 1), encoding="utf-8")
            result["save_to_page_s"].append(wait_for(base + url, marker, 600, proc))
            time.sleep(1.0)  # let the server settle: the next save is a change of its own
        title = f"Bench title {time.time_ns()}"
        # The home page lists the newest 20 articles: retitle the newest, which it shows.
        newest, newest_url = _newest(corpus)
        newest_original = newest.read_text(encoding="utf-8")
        line = next(ln for ln in newest_original.split("\n") if ln.startswith("title: "))
        newest.write_text(newest_original.replace(line, f"title: {title}", 1), encoding="utf-8")
        # Stock's home page lists no articles: there, the article's own page shows the title.
        key, where = ("title_to_home_s", base) if kind == "lilith" else ("title_to_page_s", base + newest_url)
        result[key] = wait_for(where, title, 600, proc)
        time.sleep(0.5)
        total, largest = tree_peak_kb(proc.pid)
        result.update(
            save_to_page_median_s=statistics.median(result["save_to_page_s"]),
            peak_memory_mb=total / 1024,
            peak_memory_largest_mb=largest / 1024,
            load_average=os.getloadavg()[0],
        )
        return result
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        article.write_text(original, encoding="utf-8")
        if newest_original is not None:
            newest.write_text(newest_original, encoding="utf-8")


def measure_all(corpus, servers=SERVERS, saves: int = 5) -> dict:
    """Every server on one corpus, one after another; a server that cannot run says why."""
    out: dict = {}
    for kind in servers:
        print(f"  serve: {kind}", flush=True)
        try:
            out[kind] = measure(kind, corpus, saves)
        except NotAvailable as exc:
            out[kind] = {"not_available": str(exc)}
        except RuntimeError as exc:
            out[kind] = {"failed": str(exc)}
    return out


def table(rows: dict[str, dict]) -> str:
    """The Markdown table of `{N: measure_all(...)}`."""
    sizes = sorted(rows, key=int)
    head = "| | " + " | ".join(f"N = {n}" for n in sizes) + " |\n|---|" + "---|" * len(sizes) + "\n"
    names = {
        "lilith": "`lilith serve` (our plugin)",
        "mkdocs": "stock `mkdocs serve` (stock corpus)",
        "zensical": "`zensical serve` (stock corpus; no MkDocs plugins)",
    }
    lines = []
    for key, label, fmt in (
        ("save_to_page_median_s", "save → page served, median", "{:.2f} s"),
        ("title_to_home_s", "title edit → home served", "{:.2f} s"),
        ("title_to_page_s", "title edit → article served (stock home lists none)", "{:.2f} s"),
        ("first_build_s", "first build (server start → page)", "{:.1f} s"),
        ("peak_memory_mb", "peak memory, server + children", "{:.0f} MB"),
    ):
        for kind, name in names.items():
            cells = []
            for n in sizes:
                found = rows[n].get(kind, {})
                value = found.get(key)
                cells.append(fmt.format(value) if value is not None else "n/a")
            if all(cell == "n/a" for cell in cells) and key.startswith("title"):
                continue
            lines.append(f"| {label}: {name} | " + " | ".join(cells) + " |")
    return head + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    p.add_argument("--saves", type=int, default=5)
    p.add_argument("--servers", nargs="+", default=list(SERVERS), choices=SERVERS)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "serve-results.json")
    args = p.parse_args(argv)
    rows = {}
    for n in args.sizes:
        print(f"N = {n}", flush=True)
        rows[str(n)] = measure_all(generate(n), args.servers, max(args.saves, 5))
        print(json.dumps(rows[str(n)], indent=2), flush=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
