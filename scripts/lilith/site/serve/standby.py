"""A worker's standby: a fork of it as its last good run left it, rendering saved pages alone.

After every good run each warm worker (`lilith.site.serve.workers`) forks a standby. The
server hands it the Markdown files an editor saved as soon as the save lands, even while the
worker is still busy with an earlier one; the standby renders each request in a throwaway
fork of itself (`lilith.site.serve.alone` changes the state it renders with) into a folder of
its own and answers with the pages it wrote. The next run's standby retires the last one
(SIGUSR1): it finishes the request in hand, then exits; until then a lock file lets one of
them wait for a request at a time.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import shutil
import signal
from pathlib import Path

from lilith.site.serve import alone


def render_alone(state, saved: list[str], out: Path) -> tuple[list[str], str]:
    """The saved pages rendered alone into `out` by a fork of this process (its state stays
    as it was): (their dest URIs, why none when none)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the fork: render, answer, and never return into the caller's loop
        try:
            os.close(read)
            answer: dict = {"shown": [], "why": ""}
            try:
                answer["shown"] = alone.render(state, saved, out)
            except alone.NotShown as why:
                answer["why"] = str(why)
            except Exception as exc:
                answer["why"] = f"{type(exc).__name__}: {exc}"
            os.write(write, json.dumps(answer).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    try:
        answer = json.loads(data)
        return list(answer["shown"]), str(answer["why"])
    except (ValueError, KeyError):
        return [], "the preview process died"


def _read_line(fd: int) -> bytes | None:
    """One line from a pipe other standbys read too: a byte at a time, no more than the line
    (a request is written whole, in one write)."""
    line = bytearray()
    while True:
        byte = os.read(fd, 1)
        if not byte:
            return None
        if byte == b"\n":
            return bytes(line)
        line += byte


class Standby:
    """The worker's side: its current standby process, replaced after every run."""

    def __init__(self, lang: str, requests: int, answers: int, folder: Path, close: list[int]) -> None:
        self.lang, self.requests, self.answers, self.folder = lang, requests, answers, folder
        self.close = close  # the worker's own pipes: a standby must not hold them open
        self.pid: int | None = None
        self.retired: list[int] = []

    def replace(self, state) -> None:
        """Retire the standby and fork one of `state` if it can preview."""
        self.retire()
        if state is None or not state.can_preview():
            return
        pid = os.fork()
        if pid == 0:
            try:
                for fd in self.close:
                    os.close(fd)
                self._serve(state)
            finally:
                os._exit(0)
        self.pid = pid

    def retire(self) -> None:
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGUSR1)
            self.retired.append(self.pid)
            self.pid = None
        for pid in list(self.retired):  # reap those that are done
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            self.retired.remove(pid)

    def _serve(self, state) -> None:
        """Answer requests until retired (a request in hand is finished) or the server is gone.

        A retired standby and its successor may both be waiting: a lock file lets one wait
        for a request at a time, so each request line goes whole to one of them; the retired
        one sees that it is within a fifth of a second and leaves.
        """
        retired = []
        signal.signal(signal.SIGUSR1, lambda signum, frame: retired.append(signum))
        lock = os.open(self.folder.with_suffix(".lock"), os.O_CREAT | os.O_RDWR)
        while not retired:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                line = b""
                while not retired:
                    if select.select([self.requests], [], [], 0.2)[0]:
                        line = _read_line(self.requests)
                        break
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
            if line is None:  # the server is gone
                return
            if not line:  # retired while waiting
                continue
            request = json.loads(line)
            number, saved = int(request["id"]), list(request["saved"])
            shown, why = render_alone(state, saved, self.folder / str(number))
            answer = {"lang": self.lang, "id": number, "preview": shown, "why": why}
            os.write(self.answers, (json.dumps(answer) + "\n").encode())
