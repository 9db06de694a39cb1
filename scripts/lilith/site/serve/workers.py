"""The warm workers: one forked process per language, each holding a `WarmLanguage`.

The parent preloads what every worker needs (as `python -m lilith build` does) and forks one
worker per language. A worker waits for a line on its command pipe, runs its language's
build (`lilith.site.serve.warm`) into its own folder and answers with one JSON line: whether
it passed, its log and how much it re-did. The workers run in parallel; the parent then
copies what changed into the served site (`lilith.site.serve.sync`).

A command may name the language's Markdown files an editor saved. The worker then first
renders those pages alone in a throwaway fork of itself (`WarmLanguage.preview`), into
`previews[lang]`, and says which it wrote in a line before its answer: the server shows them
while the whole run goes on, and the run's own pages replace them when it is done.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import logging
import os
import select
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from lilith.site.parallel_build import _Formatter, built_languages, preload, read_config


@dataclass
class LanguageResult:
    lang: str
    ok: bool
    log: str
    rendered: int = 0
    built: int = 0
    pages: int = 0


@dataclass
class Round:
    """The outcome of one run of every worker."""

    results: list[LanguageResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def langs(self) -> list[str]:
        return [r.lang for r in self.results]

    def lines(self) -> list[str]:
        """Every distinct log line once, tagged with its languages unless all logged it."""
        seen: dict[str, list[str]] = {}
        for result in self.results:
            for line in result.log.splitlines():
                if line.strip() and result.lang not in seen.setdefault(line, []):
                    seen[line].append(result.lang)
        every = len(self.results)
        return [line if len(ls) == every else f"[{', '.join(ls)}] {line}" for line, ls in seen.items()]


def _preview(state, saved: list[str], out: Path) -> list[str]:
    """The saved pages rendered alone into `out` by a fork of this worker (its state stays
    as it was); their dest URIs, or none."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: render, answer, and never return into the worker's loop
        try:
            os.close(read)
            shown: list[str] = []
            with contextlib.suppress(Exception):
                shown = state.preview(saved, out)
            os.write(write, json.dumps(shown).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        return list(json.loads(data or b"[]"))
    except ValueError:
        return []


def _worker(
    lang: str, config_file: Path, part: Path, strict: bool | None, commands, answers, preview_dir: Path
) -> None:
    from mkdocs import exceptions, utils

    from lilith.site.serve.warm import WarmLanguage

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(_Formatter())
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(utils.DuplicateFilter())
    state = None
    for command in commands:
        buffer.seek(0)
        buffer.truncate()
        answer: dict = {"lang": lang, "ok": False}
        saved = json.loads(command).get("saved", [])
        if saved and state is not None:
            shown = _preview(state, saved, preview_dir)
            answers.write(json.dumps({"lang": lang, "preview": shown}) + "\n")
            answers.flush()
        try:
            if state is None:
                state = WarmLanguage(lang, config_file, part, strict)
            stats = state.run()
            answer.update(ok=True, rendered=stats.rendered, built=stats.built, pages=stats.pages)
        except exceptions.Abort as exc:
            buffer.write(exc.format_message() + "\n")
        except exceptions.ConfigurationError as exc:
            buffer.write(f"ERROR   -  Config file error: {exc}\n")
            state = None
        except Exception as exc:  # a plugin or template error: one line, no traceback
            buffer.write(f"ERROR   -  {type(exc).__name__}: {exc}\n")
        answer["log"] = buffer.getvalue()
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
        _collect()


def _collect() -> None:
    """Collect the run's garbage after answering, then freeze what is left.

    A warm worker holds millions of objects (every page's rendered parts); the collector's
    full passes over them cost a save a fifth of its time. Frozen, they are skipped until the
    next run is over, when this collects everything once more, off the editor's wait.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _pin(first: set[int], every: set[int]) -> bool:
    """Give the `first` processes cores of their own and the others what is left; with no
    `first`, every process every core. Whether anything was pinned (not where it cannot be)."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
        if first and not 0 < len(first) < len(cpus):
            return False
        own = iter(cpus[: len(first)])
        for pid in sorted(every):
            os.sched_setaffinity(pid, {next(own)} if pid in first else set(cpus[len(first) :] or cpus))
        return bool(first)
    except (AttributeError, OSError):  # no affinity here (not Linux), or a worker just died
        return False


class Workers:
    """One warm worker process per language of the site."""

    def __init__(self, config_file: Path, strict: bool | None = None) -> None:
        self.config_file = config_file.resolve()
        self.default, self.langs = built_languages(read_config(self.config_file))
        self.tmp = Path(tempfile.mkdtemp(prefix="lilith-serve-parts-"))
        self.parts = {lang: self.tmp / lang for lang in self.langs}
        self.previews = {lang: self.tmp / f"preview-{lang}" for lang in self.langs}
        self.pipes: dict[str, tuple] = {}
        self.pids: dict[str, int] = {}
        preload(self.config_file)
        for lang in self.langs:
            self._fork(lang, strict)

    def _fork(self, lang: str, strict: bool | None) -> None:
        cmd_r, cmd_w = os.pipe()
        ans_r, ans_w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never return into the parent's code
            code = 1
            try:
                os.close(cmd_w)
                os.close(ans_r)
                for other in self.pipes.values():
                    for f in other:
                        f.close()
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.chdir(self.config_file.parent)
                with os.fdopen(cmd_r, "r") as commands, os.fdopen(ans_w, "w") as answers:
                    _worker(
                        lang,
                        self.config_file,
                        self.parts[lang],
                        strict,
                        commands,
                        answers,
                        self.previews[lang],
                    )
                code = 0
            finally:
                os._exit(code)
        os.close(cmd_r)
        os.close(ans_w)
        self.pipes[lang] = (os.fdopen(cmd_w, "w"), os.fdopen(ans_r, "rb", buffering=0))
        self.pids[lang] = pid

    def run(
        self,
        first: Collection[str] = (),
        on_first: Callable[[Round], None] | None = None,
        saved: dict[str, list[str]] | None = None,
        on_preview: Callable[[str, list[str]], None] | None = None,
    ) -> Round:
        """Run every language's build once, in parallel; the round's results.

        The `first` languages (those of the saved files) get cores of their own while they
        run, the others share the rest; once the first have all answered, `on_first` gets
        their results (the caller serves them at once) and the others get every core.
        `saved` names each language's saved Markdown files (docs-relative): their pages are
        rendered alone first, and `on_preview` gets the language and the dest URIs written
        into `previews[lang]` (none when they could not be).
        """
        saved = saved or {}
        first = [lang for lang in self.langs if lang in first]
        pinned = _pin({self.pids[lang] for lang in first}, set(self.pids.values()))
        for lang, (commands, _) in self.pipes.items():
            commands.write(json.dumps({"saved": saved.get(lang, [])}) + "\n")
            commands.flush()
        answers = {answers.fileno(): lang for lang, (_, answers) in self.pipes.items()}
        pending = {fd: b"" for fd in answers}  # what came of a line so far
        got: dict[str, LanguageResult] = {}
        waiting = set(first)
        while answers:
            ready, _, _ = select.select(list(answers), [], [])
            for fd in ready:
                lang, chunk = answers[fd], os.read(fd, 1 << 16)
                pending[fd] += chunk
                while b"\n" in pending[fd]:
                    line, pending[fd] = pending[fd].split(b"\n", 1)
                    answer = json.loads(line)
                    if "preview" in answer:
                        if on_preview is not None:
                            on_preview(lang, list(answer["preview"]))
                    else:
                        got[lang] = LanguageResult(**answer)
                if not chunk and lang not in got:
                    got[lang] = LanguageResult(lang, False, f"ERROR   -  the {lang} worker died\n")
                if lang in got:
                    del answers[fd]
                    waiting.discard(lang)
            if first and not waiting:
                if pinned:
                    _pin(set(), set(self.pids.values()))
                    pinned = False
                if on_first is not None:
                    on_first(Round([got[lang] for lang in first]))
                first = []
        return Round([got[lang] for lang in self.pipes])

    def close(self) -> None:
        for commands, answers in self.pipes.values():
            commands.close()
            answers.close()
        for pid in self.pids.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pipes.clear()
        self.pids.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
