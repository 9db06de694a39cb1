"""Run the checker's coroutines from synchronous code."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def run_sync(coro: Coroutine[object, object, T]) -> T:
    """`asyncio.run(coro)`, also when this thread already runs an event loop.

    Playwright's sync API, Jupyter and some test runners keep a loop running in the main
    thread, where `asyncio.run` refuses to start; there the coroutine gets its own thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lilith-links") as pool:
        return pool.submit(asyncio.run, coro).result()
