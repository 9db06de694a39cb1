"""Compiled templates kept between builds: Jinja's own file-system bytecode cache.

Every build makes a new Jinja environment — each language of a sequential build, each worker of
the parallel build, each `mkdocs serve` rebuild — and compiled Material's and our templates again,
about a third of a second each time. Jinja's bytecode cache (a private directory in the system's
temp folder, written atomically) keeps the compiled code, checked against each template's source:
only a template that changed is compiled again.
"""

from __future__ import annotations

from functools import cache

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache


@cache
def _shared() -> BytecodeCache | None:
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temp directory here: compile as before
        return None


def use(env: Environment) -> None:
    """Let `env` load compiled templates from the shared cache (unless it has a cache of its own)."""
    shared = _shared()
    if shared is not None and env.bytecode_cache is None:
        env.bytecode_cache = shared
