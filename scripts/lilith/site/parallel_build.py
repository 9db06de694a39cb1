"""Build the languages in parallel processes and merge them into one site.

mkdocs-static-i18n builds the default language and then every other language one after
another, inside the default build's `on_post_build`. Each language is independent, so we
run one process per language instead (as FastAPI's docs do) and merge the results:

* a worker (forked from a parent that has imported everything once, or `--worker LANG`)
  loads the normal `mkdocs.yml` with every language configured,
  makes static-i18n build only LANG (its `current_language`, and its nested-build loop
  switched off), and builds into its own temporary directory;
* each worker finishes its own pages with the parent (`lilith.site.finish`): its search
  shards, and the site-wide CSP, made by the parent from every worker's script hashes once
  all are built (after the root 404 page, which carries every language's texts);
* the parent merges what each worker wrote *in its own language's URL space*: `cs/…` from
  the Czech build, `pl/…` from the Polish one, everything else (pages, the root sitemap,
  404 page, search index, theme assets) from the default language's build. Anything a worker
  writes outside its space (e.g. a copy of the assets) is ignored, so nothing is clobbered.
  Then the search entries of fallback pages that static-i18n drops.

Why not static-i18n's own `build_only_locale`: it makes that language the *default* one
(`default: true`, everything else `build: false`), so Czech would be built at the site root
with root-relative links, a one-language switcher and search config; the pages would not be
the ones a full build writes. Setting `current_language` keeps every language configured.

The merged site is byte for byte the site a sequential `mkdocs build` writes
(tests/build/test_parallel_build.py). `site_dir` is only touched once every build passed.

Run it as `python -m lilith build [--strict] [-d DIR] [-f mkdocs.yml]` (or `make build`).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lilith.site import csp, finish, site_inputs
from lilith.site.merge import merge
from lilith.text.languages import DEFAULT, LANGUAGES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class LanguageRun:
    """What one language's worker process did."""

    lang: str
    returncode: int
    seconds: float
    max_rss_kb: int  # peak resident memory of the worker
    output: str  # its log: warnings and errors (everything with --verbose)


@dataclass
class BuildResult:
    """The outcome of a parallel build."""

    site_dir: Path
    runs: list[LanguageRun] = field(default_factory=list)
    seconds: float = 0.0
    merge_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(run.returncode == 0 for run in self.runs)

    def stats(self) -> dict:
        """A JSON-ready summary (used by `make bench`)."""
        return {
            "site_dir": str(self.site_dir),
            "ok": self.ok,
            "seconds": self.seconds,
            "merge_seconds": self.merge_seconds,
            "languages": {
                run.lang: {k: v for k, v in asdict(run).items() if k != "output"} for run in self.runs
            },
            "max_rss_kb_sum": sum(run.max_rss_kb for run in self.runs),
        }


# -- configuration ---------------------------------------------------------------------------


def read_config(config_file: Path) -> dict:
    """The raw mkdocs.yml (MkDocs' own YAML loader: `!ENV`, `INHERIT`, python tags)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as fh:
        return yaml_load(fh) or {}


def built_languages(raw: dict) -> tuple[str, list[str]]:
    """(default language, every language static-i18n builds), from the raw config."""
    for plugin in raw.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = (plugin["i18n"] or {}).get("languages") or []
            langs = [
                lang["locale"] for lang in languages if lang.get("build", True) and lang["locale"] != "null"
            ]
            default = next((lang["locale"] for lang in languages if lang.get("default")), DEFAULT)
            return default, langs
    return DEFAULT, list(LANGUAGES)


def site_dir_of(raw: dict, config_file: Path) -> Path:
    """`site_dir` as MkDocs resolves it: relative to the config file's folder."""
    return (config_file.parent / raw.get("site_dir", "site")).resolve()


# -- the parent ------------------------------------------------------------------------------


def preload(config_file: Path) -> None:
    """Import and configure once what every worker needs, so forked workers start warm.

    Loading the config imports MkDocs, Material, static-i18n, our plugin and every Markdown
    extension (about a second per process); each worker then loads its own config again.
    What every language's build reads from the whole site (the site checks, every article,
    the glossary: `lilith.site.site_inputs`) is read here once instead of once per worker.
    """
    import gc

    from mkdocs.commands import build as _  # noqa: F401
    from mkdocs.config import load_config

    from lilith.site.config import project_root

    logger = logging.getLogger("mkdocs")
    level, logger.level = logger.level, logging.CRITICAL  # the workers report problems
    try:
        config = load_config(str(config_file))
        site_inputs.prepare(project_root(config), Path(config.docs_dir))  # checks, articles, glossary
    except Exception:  # a broken config or site is reported by every worker, once
        pass
    finally:
        logger.setLevel(level)
    gc.freeze()  # keep the imported objects out of the workers' garbage collections


def _fork(
    lang: str,
    config_file: Path,
    out_dir: Path,
    options: tuple[bool | None, bool],
    log: Path,
    channel: finish.Channel,
    inherited: Sequence[int],
) -> int:
    """Start a worker as a fork of this (preloaded) process; its output goes to `log`.

    `options`: (strict, verbose); `inherited`: the parent's ends of earlier workers' channels.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    pid = os.fork()
    if pid:
        os.close(fd)
        channel.as_parent()
        return pid
    code = EXIT_FAILED
    try:  # the child: never return into the parent's code
        for other in inherited:
            os.close(other)
        channel.as_worker()
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.close(fd)
        os.chdir(config_file.parent)
        code = run_worker(lang, config_file, out_dir, *options, channel=channel)
    except BaseException as exc:
        print(f"ERROR   -  {type(exc).__name__}: {exc}")
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _wait(pid: int) -> tuple[int, int]:
    """Reap a worker; (exit code, peak RSS in KiB) from wait4's resource usage."""
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss


def build(
    config_file: Path,
    site_dir: Path | None = None,
    *,
    strict: bool | None = None,
    verbose: bool = False,
    languages: Sequence[str] | None = None,
) -> BuildResult:
    """Build every language in its own process, then merge into `site_dir` if all passed."""
    start = time.monotonic()
    config_file = config_file.resolve()
    raw = read_config(config_file)
    default, langs = built_languages(raw)
    langs = list(languages or langs)
    site_dir = (site_dir or site_dir_of(raw, config_file)).resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    result = BuildResult(site_dir)
    with tempfile.TemporaryDirectory(prefix=f".{site_dir.name}.parts-", dir=site_dir.parent) as tmp:
        parts = {lang: Path(tmp) / lang for lang in langs}
        logs = {lang: Path(tmp) / f"{lang}.log" for lang in langs}
        started, pids = {}, {}
        channels = {lang: finish.Channel(default, langs) for lang in langs}
        preload(config_file)
        inherited: list[int] = []
        options = (strict, verbose)
        for lang in langs:
            started[lang] = time.monotonic()
            pids[lang] = _fork(lang, config_file, parts[lang], options, logs[lang], channels[lang], inherited)
            inherited.extend(channels[lang].parent_fds())
        policy = finish.policy_for(parts, default, channels)
        for lang in langs:
            code, rss = _wait(pids[lang])
            output = logs[lang].read_text(encoding="utf-8", errors="replace")
            result.runs.append(LanguageRun(lang, code, time.monotonic() - started[lang], rss, output))
        if result.ok and policy is not None:
            merge_start = time.monotonic()
            merge(parts, site_dir, default)
            finish.merge_search(site_dir, parts, sorted(langs, key=lambda lang: lang != default))
            (site_dir / csp.HEADERS_FILE).write_text(csp.headers_file(policy), encoding="utf-8")
            result.merge_seconds = time.monotonic() - merge_start
    result.seconds = time.monotonic() - start
    return result


def _languages_text(langs: Sequence[str]) -> str:
    quoted = [f"'{lang}'" for lang in langs]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def report(result: BuildResult, quiet: bool = False) -> str:
    """What to print: every distinct log line once, tagged with its languages unless all logged it.

    Site-wide warnings (e.g. content checks run at the start of every build) are logged by
    every worker; a sequential build logs them once, and so do we.
    """
    languages: dict[str, list[str]] = {}  # line -> languages that logged it, in first-seen order
    for run in result.runs:
        if quiet and run.returncode == 0:
            continue
        for line in run.output.splitlines():
            if line.strip() and run.lang not in languages.setdefault(line, []):
                languages[line].append(run.lang)
    everyone = len(result.runs)
    lines = [
        line if len(langs) == everyone else f"[{', '.join(langs)}] {line}"
        for line, langs in languages.items()
    ]
    failed = [run.lang for run in result.runs if run.returncode]
    if failed:
        noun = "build" if len(failed) == 1 else "builds"
        lines.append(
            f"ERROR   -  The {_languages_text(failed)} {noun} failed; {result.site_dir} was not changed."
        )
    elif not quiet:
        names = ", ".join(run.lang for run in result.runs)
        lines.append(
            f"INFO    -  Built {names} in {everyone} parallel processes into "
            f"{result.site_dir} in {result.seconds:.2f} seconds"
        )
    return "\n".join(lines)


# -- the worker ------------------------------------------------------------------------------


class _Formatter(logging.Formatter):
    """MkDocs' log line shape (`WARNING -  message`), without colours."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"{record.levelname:<8}-  " if record.levelno != logging.INFO else "INFO    -  "
        return prefix + record.getMessage()


def run_worker(
    lang: str,
    config_file: Path,
    site_dir: Path,
    strict: bool | None,
    verbose: bool,
    channel: finish.Channel | None = None,
) -> int:
    """Build only `lang` into `site_dir` with the normal config; returns the exit code.

    With a `channel` (a forked worker), the build's pages are then finished as
    `lilith.site.finish` describes, with the parent.
    """
    from mkdocs import exceptions, utils
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(_Formatter())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(utils.DuplicateFilter())
    try:
        kwargs = {"strict": strict} if strict is not None else {}
        config = load_config(str(config_file), site_dir=str(site_dir), **kwargs)
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            # static-i18n builds `current_language` first (the default language when unset)
            # and the other languages from its on_post_build unless it is already `building`.
            i18n.current_language = lang
            i18n.building = True
        lilith = config.plugins.get("lilith")
        if lilith is not None:
            lilith.worker = True  # the parent writes what needs every language (see build())
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
        if channel is not None:
            finish.finish_worker(site_dir, lang, channel)
    except exceptions.Abort as exc:
        print(exc.format_message())
        return EXIT_FAILED
    except exceptions.ConfigurationError as exc:
        print(f"ERROR   -  Config file error: {exc}")
        return EXIT_FAILED
    except Exception as exc:  # a plugin or template bug: one line, no traceback
        print(f"ERROR   -  {type(exc).__name__}: {exc}")
        return EXIT_FAILED
    return EXIT_OK


# -- command line ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m lilith.site.parallel_build",
        description="Build every language in its own process and merge them into one site.",
    )
    p.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="the mkdocs.yml")
    p.add_argument("-d", "--site-dir", type=Path, help="output directory (default: the config's site_dir)")
    strict = p.add_mutually_exclusive_group()
    strict.add_argument("-s", "--strict", action="store_true", default=None, help="fail on any warning")
    strict.add_argument("--no-strict", dest="strict", action="store_false")
    p.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    p.add_argument("-v", "--verbose", action="store_true", help="print every build's whole log")
    p.add_argument("--stats", type=Path, metavar="FILE", help="write timings and peak memory as JSON")
    p.add_argument("--worker", metavar="LANG", help=argparse.SUPPRESS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not hasattr(os, "fork"):
        print(
            "ERROR   -  the parallel build needs os.fork (Linux, macOS); use `mkdocs build`", file=sys.stderr
        )
        return EXIT_USAGE
    if args.worker:
        return run_worker(args.worker, args.config_file, args.site_dir, args.strict, args.verbose)
    if not args.config_file.is_file():
        print(f"ERROR   -  Config file '{args.config_file}' does not exist.", file=sys.stderr)
        return EXIT_USAGE
    result = build(args.config_file, args.site_dir, strict=args.strict, verbose=args.verbose)
    text = report(result, quiet=args.quiet)
    if text:
        print(text, file=sys.stderr if not result.ok else sys.stdout)
    if args.stats:
        args.stats.write_text(json.dumps(result.stats(), indent=2), encoding="utf-8")
    return EXIT_OK if result.ok else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
