"""The link cache: successes only, with an age limit, safe against crashes and parallel runs.

A URL that was reachable (ok or permanently moved) is remembered with the time it was
checked; failures are never stored, so they are always rechecked. The file is JSON,
written to a temporary file in the same directory and moved into place with
`os.replace` (atomic on POSIX), under an advisory lock that also merges what other runs
wrote meanwhile. A file that cannot be read is ignored with a warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from lilith.links.models import LinkResult, LinkStatus

try:  # advisory locking; POSIX only, the cache still never corrupts without it
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

DEFAULT_PATH = Path(".lilith-cache/links.json")
DEFAULT_MAX_AGE = 7 * 24 * 3600.0  # seconds
FORMAT_VERSION = 1
CACHED_STATUSES = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED})
_FIELDS = ("status", "detail", "code", "final_url", "checked_at")


class LinkCache:
    """Successful results by normalised URL, loaded from and saved to one JSON file."""

    def __init__(self, path: Path, max_age: float = DEFAULT_MAX_AGE, clock=time.time) -> None:
        self.path = Path(path)
        self.max_age = max_age
        self.clock = clock
        self.warnings: list[str] = []
        self._entries: dict[str, dict] = {}
        self._new: dict[str, dict] = {}
        self._entries = self._read()

    # -- reading ---------------------------------------------------------------------------

    def _read(self) -> dict[str, dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            self.warnings.append(f"cannot read the link cache {self.path}: {exc.strerror}; ignoring it")
            return {}
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
                raise ValueError("unknown format")
            entries = data["entries"]
            if not isinstance(entries, dict):
                raise ValueError("entries is not an object")
            return {url: e for url, e in entries.items() if _valid(e)}
        except (ValueError, KeyError) as exc:
            self.warnings.append(f"the link cache {self.path} is corrupt ({exc}); ignoring it")
            return {}

    def get(self, url: str) -> LinkResult | None:
        """The cached success for `url` when younger than the age limit, else None."""
        entry = self._new.get(url) or self._entries.get(url)
        if entry is None or entry.get("forget") or self.clock() - entry["checked_at"] > self.max_age:
            return None
        return LinkResult(
            url=url,
            status=LinkStatus(entry["status"]),
            detail=entry["detail"],
            code=entry["code"],
            final_url=entry["final_url"],
            checked_at=entry["checked_at"],
            from_cache=True,
        )

    def __len__(self) -> int:
        return len(self._entries.keys() | self._new.keys())

    # -- writing ---------------------------------------------------------------------------

    def record(self, results: Iterable[LinkResult]) -> None:
        """Remember fresh successes; a failure drops any older success for the same URL."""
        for result in results:
            if result.from_cache:
                continue
            if result.status in CACHED_STATUSES:
                entry = {k: v for k, v in asdict(result).items() if k in _FIELDS}
                entry["status"] = str(result.status)
                self._new[result.url] = entry
            elif result.status not in {LinkStatus.INVALID, LinkStatus.SKIPPED}:
                self._new[result.url] = {"forget": True, "checked_at": result.checked_at}

    def save(self) -> None:
        """Merge our results into the file on disk and replace it atomically."""
        if not self._new:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            merged = self._read() if self.path.exists() else {}
            now = self.clock()
            for url, entry in self._new.items():
                old = merged.get(url)
                if old is not None and old["checked_at"] > entry["checked_at"]:
                    continue  # another run checked it more recently
                if entry.get("forget"):
                    merged.pop(url, None)
                else:
                    merged[url] = entry
            merged = {u: e for u, e in merged.items() if now - e["checked_at"] <= self.max_age}
            payload = json.dumps(
                {"version": FORMAT_VERSION, "entries": dict(sorted(merged.items()))},
                ensure_ascii=False,
                indent=0,
            )
            _atomic_write(self.path, payload)
        self._entries, self._new = merged, {}

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if fcntl is None:  # pragma: no cover
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)


def _valid(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and all(k in entry for k in _FIELDS)
        and entry["status"] in {str(s) for s in CACHED_STATUSES}
        and isinstance(entry["checked_at"], int | float)
    )


def _atomic_write(path: Path, text: str) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, then rename over `path`."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
