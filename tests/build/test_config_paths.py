"""Every way people run the build finds the project root: relative and absolute `-f`, a subfolder,
`python -m lilith build`, `mkdocs serve`, `python -m lilith check --root`, a symlinked checkout.

Each build writes the site the session's `mkdocs build --strict -f <absolute path>` wrote,
byte for byte (issue #16: `-f mkdocs.yml` and `-f ../mkdocs.yml` used to crash in the checks).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.build.test_parallel_build import assert_same_site
from tests.conftest import ROOT, free_port
from tests.site_facts import ARTICLE, SOURCE_LABEL


def run(args: list[str], cwd: Path, site_url: str = "http://127.0.0.1:9/") -> subprocess.CompletedProcess:
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)


MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
LILITH = [sys.executable, "-m", "lilith", "build", "--strict", "-q"]


@pytest.fixture(scope="module")
def checkout_link(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A symlink to the checkout, as in `ln -s ~/src/lilith ~/lilith`; its parent is the cwd."""
    link = tmp_path_factory.mktemp("links") / "lilith"
    link.symlink_to(ROOT, target_is_directory=True)
    return link


def working_dir(where: str, link: Path) -> Path:
    """`where` under ROOT, or with "link:" under the symlinked checkout's parent folder."""
    return link.parent / where.removeprefix("link:") if where.startswith("link:") else ROOT / where


# (command, the -f argument, the working directory: see working_dir)
FORMS = {
    "mkdocs -f relative": (MKDOCS, "mkdocs.yml", "."),
    "mkdocs -f relative, from docs/": (MKDOCS, "../mkdocs.yml", "docs"),
    "mkdocs -f absolute, from elsewhere": (MKDOCS, str(ROOT / "mkdocs.yml"), "/"),
    "mkdocs -f through a symlinked checkout": (MKDOCS, "lilith/mkdocs.yml", "link:"),
    "mkdocs -f relative, inside a symlinked checkout's docs/": (MKDOCS, "../mkdocs.yml", "link:lilith/docs"),
    "lilith build -f relative": (LILITH, "mkdocs.yml", "."),
    "lilith build -f relative, from docs/": (LILITH, "../mkdocs.yml", "docs"),
    "lilith build -f through a symlinked checkout": (LILITH, "lilith/mkdocs.yml", "link:"),
}


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_the_build_writes_the_same_site(form, built_site, site_url, checkout_link, tmp_path):
    command, config, where = FORMS[form]
    cwd = working_dir(where, checkout_link)
    out = tmp_path / "site"
    result = run([*command, "-f", config, "-d", str(out)], cwd=cwd, site_url=site_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert_same_site(built_site, out)


@pytest.mark.parametrize(
    ("root", "where"),
    [
        ("..", "docs"),
        ("../..", "docs/radar"),
        (".", "."),
        ("docs", "."),
        ("lilith", "link:"),
        ("..", "link:lilith/docs"),
    ],
)
def test_check_takes_a_relative_root(root, where, checkout_link):
    cwd = working_dir(where, checkout_link)
    result = run([sys.executable, "-m", "lilith", "check", "--root", root], cwd=cwd)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_mkdocs_serve_with_a_relative_config_path_serves_the_site(tmp_path):
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        html = _fetch(f"http://127.0.0.1:{port}/cs/{ARTICLE}", server, log)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert SOURCE_LABEL["cs"] in html
    assert "Traceback" not in log.read_text(encoding="utf-8")


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1, never a proxy


def _fetch(url: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> str:
    """The page once the server has built the site (it serves only after the first build)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"mkdocs serve exited with {server.returncode}:\n{log.read_text(encoding='utf-8')}")
        try:
            with _DIRECT.open(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"mkdocs serve did not answer in {seconds} s:\n{log.read_text(encoding='utf-8')}")
