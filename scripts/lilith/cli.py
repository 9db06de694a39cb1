"""`python -m lilith …`: the editors' and CI's command line.

Thin commands over library functions (`lilith.checks`, `lilith.translations.fingerprints`,
`lilith.content.scaffold`); every command reports through `lilith.report` and exits with its
codes: 0 clean, 1 problems, 2 usage or configuration error.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from lilith import report
from lilith.content import scaffold
from lilith.content.pages import ContentError, page_paths, source_name
from lilith.report import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, Format, Problem
from lilith.text.languages import DEFAULT
from lilith.translations import fingerprints as translations

if TYPE_CHECKING:  # rich only for people's output: machine formats start faster without it
    from rich.console import Console

app = typer.Typer(
    name="lilith",
    help="Lilith's editor and CI tools. Exit codes: 0 clean, 1 problems, 2 usage or configuration error.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


@app.callback()
def _group() -> None:
    """Lilith's editor and CI tools. Exit codes: 0 clean, 1 problems, 2 usage or configuration error."""


# -- options shared by the commands ----------------------------------------------------------

RootOption = Annotated[
    Path,
    typer.Option("--root", help="the site's repository (holds mkdocs.yml and docs/)", show_default=False),
]
FormatOption = Annotated[Format, typer.Option("--format", help="output for people or machines")]
JunitOption = Annotated[
    Path | None, typer.Option("--junit", help="also write a JUnit XML report to PATH", metavar="PATH")
]


def find_root(start: Path) -> Path:
    """The nearest directory at or above `start` that holds `mkdocs.yml`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    raise typer.BadParameter(f"no mkdocs.yml in {start} or above; run inside the site or pass --root")


def emit(
    problems: Sequence[Problem],
    fmt: Format,
    junit: Path | None,
    title: str,
    console: Console | None = None,
    totals: report.Totals | None = None,
) -> int:
    """Print `problems` (and `totals`) in `fmt`, write the JUnit file if asked; return the exit code."""
    if fmt == Format.JSON:
        print(report.render_json(problems, totals))
    elif fmt == Format.GITHUB:
        if problems:
            print(report.render_github(problems))
    else:
        from rich.console import Console

        report.render_human(problems, console or Console(highlight=False), title=title, totals=totals)
    if junit is not None:
        try:
            junit.parent.mkdir(parents=True, exist_ok=True)
            junit.write_text(report.render_junit(problems, suite=f"lilith.{title}"), encoding="utf-8")
        except OSError as exc:
            print(f"lilith: cannot write the JUnit report {junit}: {exc.strerror}", file=sys.stderr)
            return EXIT_USAGE
    return report.exit_code(problems)


# -- check -----------------------------------------------------------------------------------


@app.command()
def check(
    root: RootOption = Path("."),
    fmt: FormatOption = Format.HUMAN,
    junit: JunitOption = None,
) -> None:
    """Validate front matter, translation completeness, parity and staleness."""
    from lilith.checks import ConfigError, run_checks

    site = find_root(root)
    try:
        problems = run_checks(site)
    except ConfigError as exc:
        print(f"lilith check: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    raise typer.Exit(emit(problems, fmt, junit, "check"))


# -- new -------------------------------------------------------------------------------------


@app.command()
def new(
    slug: Annotated[str, typer.Argument(help="lowercase words joined by hyphens, e.g. agents-in-production")],
    root: RootOption = Path("."),
    date: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="publication date [default: today]")
    ] = None,
    tags: Annotated[
        list[str] | None, typer.Option("--tag", help="a tag id (at least one); repeat for more")
    ] = None,
    source_url: Annotated[str, typer.Option(help="the original's https:// URL")] = (
        "https://example.com/replace-with-the-original"
    ),
) -> None:
    """Scaffold docs/radar/SLUG.md, .cs.md and .pl.md; never overwrites a file."""
    site = find_root(root)
    try:
        planned = scaffold.plan(site, slug, date.date() if date else None, tags, source_url)
    except scaffold.ScaffoldError as exc:
        raise typer.BadParameter(str(exc)) from None
    existing = planned.existing()
    if existing:
        problems = [
            Problem(
                _shown(site, p), 1, "exists", "already exists; `new` never overwrites, so nothing was written"
            )
            for p in existing
        ]
        raise typer.Exit(emit(problems, Format.HUMAN, None, "new"))
    for path in scaffold.create(site, planned):
        print(f"created {_shown(site, path)}")
    print(
        "Replace every [TODO …] in the English, then translate; `python -m lilith check` lists what is left."
    )
    raise typer.Exit(EXIT_OK)


# -- fingerprint -----------------------------------------------------------------------------


@app.command()
def fingerprint(
    files: Annotated[
        list[Path] | None, typer.Argument(help="translations (x.cs.md, x.pl.md) now up to date")
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="every translation in docs/")] = False,
    root: RootOption = Path("."),
) -> None:
    """Record translations as matching the current English (after you updated them)."""
    site = find_root(root)
    docs = site / "docs"
    if every == bool(files):
        raise typer.BadParameter("pass translation files, or --all (not both)")
    if every:
        targets = [p for p in page_paths(docs) if source_name(p.relative_to(docs).as_posix()).lang != DEFAULT]
    else:
        targets = [_translation_file(site, Path(f)) for f in files or []]
    problems, updates = [], []
    for path in targets:  # read everything first: one unreadable file and nothing is written
        try:
            updates.append(translations.plan_fingerprint(site, path))
        except ContentError as exc:
            problems.append(Problem(_shown(site, Path(exc.path)), exc.line, "fingerprint", exc.message))
    if problems:
        raise typer.Exit(emit(problems, Format.HUMAN, None, "fingerprint"))
    for update in updates:
        update.apply(site)
        status = f"{update.old or 'none'} -> {update.new}" if update.changed else "up to date"
        print(f"{_shown(site, update.translation)}: translated_from {update.new} ({status})")
    for removed in translations.prune_snapshots(site):
        print(f"removed {_shown(site, removed)} (no translation refers to it)")
    raise typer.Exit(EXIT_OK)


def _translation_file(site: Path, path: Path) -> Path:
    """A translation file given on the command line, as an absolute path inside docs/."""
    resolved = path.resolve() if path.is_absolute() or path.exists() else (site / path).resolve()
    docs = (site / "docs").resolve()
    if not resolved.is_file():
        raise typer.BadParameter(f"no such file: {path}")
    if not resolved.is_relative_to(docs) or resolved.suffix != ".md":
        raise typer.BadParameter(f"{path} is not a Markdown page under {docs}")
    if source_name(resolved.relative_to(docs).as_posix()).lang == DEFAULT:
        raise typer.BadParameter(f"{path} is English; pass its translation (.cs.md or .pl.md)")
    return site / "docs" / resolved.relative_to(docs)


def _shown(site: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        return str(path)


# -- links -----------------------------------------------------------------------------------


@app.command()
def links(
    root: RootOption = Path("."),
    fmt: FormatOption = Format.HUMAN,
    junit: JunitOption = None,
    site_dir: Annotated[
        Path | None, typer.Option("--site-dir", help="the built site to check [default: <root>/site]")
    ] = None,
    internal: Annotated[bool, typer.Option(help="check links and anchors in the built site")] = True,
    external: Annotated[bool, typer.Option(help="check the external URLs in the content")] = True,
    concurrency: Annotated[int, typer.Option(min=1, help="requests in flight at once")] = 32,
    per_host: Annotated[int, typer.Option(min=1, help="requests in flight to one host")] = 4,
    timeout: Annotated[float, typer.Option(min=0.1, help="seconds before a request times out")] = 10.0,
    retries: Annotated[int, typer.Option(min=0, help="retries after 5xx, 408, 429, resets")] = 3,
    retry_after_cap: Annotated[float, typer.Option(min=0, help="longest Retry-After waited, seconds")] = 30.0,
    cache: Annotated[Path, typer.Option(help="cache of successes")] = Path(".lilith-cache/links.json"),
    no_cache: Annotated[bool, typer.Option("--no-cache", help="neither read nor write the cache")] = False,
    cache_days: Annotated[float, typer.Option(min=0, help="how long a success stays cached")] = 7.0,
    archive_endpoint: Annotated[
        str,
        typer.Option(
            envvar="LILITH_ARCHIVE_ENDPOINT", metavar="URL", help="Wayback availability API for dead sources"
        ),
    ] = "https://archive.org/wayback/available",
    no_archive: Annotated[bool, typer.Option("--no-archive", help="do not look up archived copies")] = False,
    bot_wall_host: Annotated[
        list[str] | None,
        typer.Option(metavar="HOST", help="another host whose 403 means 'unverified' (repeatable)"),
    ] = None,
    resolve: Annotated[
        list[str] | None,
        typer.Option(metavar="HOST:ADDRESS", help="connect to ADDRESS for HOST, like curl (repeatable)"),
    ] = None,
) -> None:
    """Check internal links and anchors in the built site and every external URL in the content."""
    from lilith.links.client import DEFAULT_BOT_WALL_HOSTS
    from lilith.links.command import parse_resolve, run_command
    from lilith.links.run import LinkOptions, LinksUsageError, default_checker

    site = find_root(root)
    try:
        checker = default_checker(
            site,
            concurrency=concurrency,
            per_host=per_host,
            timeout=timeout,
            retries=retries,
            retry_after_cap=retry_after_cap,
            bot_wall_hosts=DEFAULT_BOT_WALL_HOSTS | {h.lower() for h in bot_wall_host or ()},
            resolve=parse_resolve(resolve or ()),
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    options = LinkOptions(
        internal=internal,
        external=external,
        site_dir=site_dir,
        cache_path=None if no_cache else cache,
        max_age=cache_days * 24 * 3600,
        archive=not no_archive,
        archive_endpoint=archive_endpoint,
        checker=checker,
    )
    try:
        outcome = run_command(site, options, people=fmt == Format.HUMAN)
    except LinksUsageError as exc:
        print(f"lilith links: {exc}", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE) from None
    raise typer.Exit(emit(outcome.problems, fmt, junit, "links", totals=outcome.summary))


# -- build -----------------------------------------------------------------------------------


@app.command()
def build(
    strict: Annotated[bool, typer.Option("--strict", "-s", help="fail on any warning")] = False,
    site_dir: Annotated[
        Path | None, typer.Option("--site-dir", "-d", help="output folder (default: the config's site_dir)")
    ] = None,
    config_file: Annotated[Path, typer.Option("--config-file", "-f", help="the mkdocs.yml")] = Path(
        "mkdocs.yml"
    ),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="print only warnings and errors")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="print every build's whole log")] = False,
) -> None:
    """Build the site: one process per language, merged into site/ (see lilith.site.parallel_build)."""
    from lilith.site.parallel_build import main as parallel_build

    argv = ["-f", str(config_file), *(["-d", str(site_dir)] if site_dir else [])]
    argv += [flag for flag, on in (("--strict", strict), ("-q", quiet), ("-v", verbose)) if on]
    raise typer.Exit(parallel_build(argv))


# -- serve -----------------------------------------------------------------------------------


@app.command()
def serve(
    config_file: Annotated[Path, typer.Option("--config-file", "-f", help="the mkdocs.yml")] = Path(
        "mkdocs.yml"
    ),
    dev_addr: Annotated[
        str, typer.Option("--dev-addr", "-a", metavar="IP:PORT", help="address to serve on")
    ] = "127.0.0.1:8000",
    strict: Annotated[bool, typer.Option("--strict", "-s", help="fail a rebuild on any warning")] = False,
) -> None:
    """Serve the site with live reload; a save re-renders only what it changes (lilith.site.serve)."""
    if not config_file.is_file():
        print(f"ERROR   -  Config file '{config_file}' does not exist.", file=sys.stderr)
        raise typer.Exit(EXIT_USAGE)
    from lilith.site.serve.server import serve as run_server

    raise typer.Exit(run_server(config_file, dev_addr, strict=True if strict else None))


# -- entry point -----------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of raising SystemExit."""
    try:
        app(args=list(argv) if argv is not None else None, prog_name="python -m lilith", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    return EXIT_OK


__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "app", "emit", "find_root", "main"]
