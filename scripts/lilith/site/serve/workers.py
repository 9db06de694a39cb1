"""The warm workers: one forked process per language, each holding a `WarmLanguage`.

The parent preloads what every worker needs (as `python -m lilith build` does) and forks one
worker per language. A worker waits for a line on its command pipe, runs its language's
build (`lilith.site.serve.warm`) into its own folder and answers with one JSON line: whether
it passed, its log and how much it re-did. The workers run in parallel; the parent then
copies what changed into the served site (`lilith.site.serve.sync`).

After every good run a worker forks a standby copy of itself (`lilith.site.serve.standby`),
which renders the pages of the Markdown files an editor saves alone, at once, even while the
worker is busy: `preview` asks it, `listen` hears which pages it wrote into `previews[lang]`.
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
import signal
import sys
import tempfile
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from lilith.site.parallel_build import _Formatter, built_languages, preload, read_config
from lilith.site.serve import inputs
from lilith.site.serve.standby import Standby


@dataclass
class LanguageResult:
    lang: str
    ok: bool
    log: str
    rendered: int = 0
    built: int = 0
    pages: int = 0
    standby: bool = False  # whether its standby can preview saved pages now


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


def _worker(
    lang: str, config_file: Path, part: Path, strict: bool | None, commands, answers, standby: Standby
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
    for _ in commands:
        buffer.seek(0)
        buffer.truncate()
        answer: dict = {"lang": lang, "ok": False}
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
        answer["standby"] = state is not None and state.can_preview()
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
        standby.replace(state)  # of this run's state: the next saves are rendered from it
        _collect()
    standby.retire()


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
        self.standby_pipes: dict[str, tuple[int, int]] = {}  # lang -> (requests, answers) fds
        self.ready: dict[str, bool] = {}  # whether the language's standby can preview
        inputs.remember_per_file()  # the site read once here fills each file's memo, for every worker
        preload(self.config_file)
        for lang in self.langs:
            self._fork(lang, strict)

    def _fork(self, lang: str, strict: bool | None) -> None:
        cmd_r, cmd_w = os.pipe()
        ans_r, ans_w = os.pipe()
        req_r, req_w = os.pipe()  # preview requests, to the worker's standby
        prev_r, prev_w = os.pipe()  # and its answers
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never return into the parent's code
            code = 1
            try:
                for fd in (cmd_w, ans_r, req_w, prev_r):
                    os.close(fd)
                for other in self.pipes.values():
                    for f in other:
                        f.close()
                for fds in self.standby_pipes.values():
                    for fd in fds:
                        os.close(fd)
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                os.chdir(self.config_file.parent)
                standby = Standby(lang, req_r, prev_w, self.previews[lang], close=[cmd_r, ans_w])
                with os.fdopen(cmd_r, "r") as commands, os.fdopen(ans_w, "w") as answers:
                    _worker(lang, self.config_file, self.parts[lang], strict, commands, answers, standby)
                code = 0
            finally:
                os._exit(code)
        for fd in (cmd_r, ans_w, req_r, prev_w):
            os.close(fd)
        self.pipes[lang] = (os.fdopen(cmd_w, "w"), os.fdopen(ans_r, "r"))
        self.standby_pipes[lang] = (req_w, prev_r)
        self.pids[lang] = pid

    def preview(self, lang: str, saved: list[str], number: int) -> bool:
        """Ask the language's standby to render the saved pages (docs-relative Markdown files)
        alone, as request `number` (its answer's, to `listen`); whether one can."""
        if not self.ready.get(lang) or lang not in self.standby_pipes:
            return False
        line = json.dumps({"id": number, "saved": saved}) + "\n"
        os.write(self.standby_pipes[lang][0], line.encode())  # one write: whole, as pipes take it
        return True

    def pause(self, paused: bool) -> None:
        """Stop the workers (SIGSTOP) while a saved page renders in a standby, which then has
        the cores; continue them (SIGCONT). Their standbys are processes of their own."""
        for pid in self.pids.values():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP if paused else signal.SIGCONT)

    def listen(self, on_preview: Callable[[str, int, list[str], str], None]) -> None:
        """Call `on_preview(lang, number, dest URIs, why none)` for every answer of the
        standbys (in a thread of its own); the pages are in `previews[lang] / str(number)`."""

        def loop() -> None:
            fds = {prev_r: lang for lang, (_, prev_r) in self.standby_pipes.items()}
            pending = dict.fromkeys(fds, b"")
            while fds:
                try:
                    ready, _, _ = select.select(list(fds), [], [])
                except (OSError, ValueError):  # closed: the server is shutting down
                    return
                for fd in ready:
                    try:
                        chunk = os.read(fd, 1 << 16)
                    except OSError:
                        chunk = b""
                    if not chunk:
                        del fds[fd]
                        continue
                    pending[fd] += chunk
                    while b"\n" in pending[fd]:
                        line, pending[fd] = pending[fd].split(b"\n", 1)
                        answer = json.loads(line)
                        on_preview(fds[fd], int(answer["id"]), list(answer["preview"]), str(answer["why"]))

        threading.Thread(target=loop, name="lilith-previews", daemon=True).start()

    def run(self, first: Collection[str] = (), on_first: Callable[[Round], None] | None = None) -> Round:
        """Run every language's build once, in parallel; the round's results.

        The `first` languages (those of the saved files) get cores of their own while they
        run, the others share the rest; once the first have all answered, `on_first` gets
        their results (the caller serves them at once) and the others get every core.
        """
        first = [lang for lang in self.langs if lang in first]
        pinned = _pin({self.pids[lang] for lang in first}, set(self.pids.values()))
        for commands, _ in self.pipes.values():
            commands.write("run\n")
            commands.flush()
        answers = {answers.fileno(): (lang, answers) for lang, (_, answers) in self.pipes.items()}
        got: dict[str, LanguageResult] = {}
        waiting = set(first)
        while answers:
            ready, _, _ = select.select(list(answers), [], [])
            for fd in ready:
                lang, pipe = answers.pop(fd)
                line = pipe.readline()
                if not line:
                    got[lang] = LanguageResult(lang, False, f"ERROR   -  the {lang} worker died\n")
                else:
                    got[lang] = LanguageResult(**json.loads(line))
                self.ready[lang] = got[lang].standby
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
        self.pause(False)
        for commands, answers in self.pipes.values():
            commands.close()
            answers.close()
        for fds in self.standby_pipes.values():
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.standby_pipes.clear()
        for pid in self.pids.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pipes.clear()
        self.pids.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
