"""The people-facing side of `python -m lilith links`: option parsing helpers and a progress
bar while URLs are checked (the totals are `LinksOutcome.summary`, see `lilith.links.summary`).
The typer command in `lilith.cli` stays a thin wrapper over `run_command`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lilith.links.models import LinkResult
from lilith.links.run import LinkOptions, LinksOutcome, run_links
from lilith.links.urls import idna_host


def parse_resolve(values: Iterable[str]) -> dict[str, str]:
    """`HOST:ADDRESS` pairs (like curl's --resolve, without the port) into a map; ValueError if bad."""
    mapping = {}
    for value in values:
        host, sep, address = value.rpartition(":") if value.count(":") == 1 else value.partition("=")
        if not sep or not host or not address:
            raise ValueError(f"--resolve wants HOST:ADDRESS (or HOST=ADDRESS for IPv6), not '{value}'")
        mapping[idna_host(host)] = address.strip("[]")
    return mapping


def run_command(root: Path, options: LinkOptions, people: bool, err: Console | None = None) -> LinksOutcome:
    """Run the checks; for people, show a progress bar on stderr while URLs are checked."""
    err = err or Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("checking links"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not people,
    )
    task = progress.add_task("links", total=None)

    def started(total: int) -> None:
        progress.update(task, total=total)

    def done(_: LinkResult) -> None:
        progress.advance(task)

    with progress:
        return run_links(root, options, on_start=started, on_result=done)
