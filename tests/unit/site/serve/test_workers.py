"""The saved language's worker gets a core of its own while the others share the rest."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from lilith.site.serve.workers import _pin

CPUS = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []


@pytest.mark.skipif(len(CPUS) < 2, reason="needs two cores to give one away")
def test_the_first_worker_gets_a_core_and_the_others_the_rest_until_unpinned() -> None:
    sleepers = [subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]) for _ in range(3)]
    try:
        first, *others = (p.pid for p in sleepers)
        every = {p.pid for p in sleepers}
        assert _pin({first}, every)
        assert os.sched_getaffinity(first) == {CPUS[0]}
        for pid in others:
            assert os.sched_getaffinity(pid) == set(CPUS[1:])
        assert not _pin(set(), every)
        for pid in every:
            assert os.sched_getaffinity(pid) == set(CPUS)
        if len(CPUS) <= len(every):  # as many saved languages as cores: nothing to give away
            assert not _pin(every, every)
            assert all(os.sched_getaffinity(pid) == set(CPUS) for pid in every)
    finally:
        for p in sleepers:
            p.kill()
            p.wait()
