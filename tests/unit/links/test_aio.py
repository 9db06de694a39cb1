"""The synchronous entry points work whether or not an event loop is already running."""

import asyncio

from lilith.links.aio import run_sync


async def answer() -> int:
    await asyncio.sleep(0)
    return 42


def test_run_sync_without_a_running_loop():
    assert run_sync(answer()) == 42


def test_run_sync_inside_a_running_loop_uses_its_own_thread():
    async def caller() -> int:
        return run_sync(answer())  # asyncio.run would raise here

    assert asyncio.run(caller()) == 42
