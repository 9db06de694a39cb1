"""ProperDocs, the maintained fork of MkDocs 1.x, builds the site MkDocs builds.

`properdocs build --strict` reads our mkdocs.yml and loads our plugin through its
`mkdocs.plugins` entry point (ProperDocs serves `mkdocs.*` imports from `properdocs.*`).
Every file is the same, byte for byte, but one tag: Material writes the engine's version
into `<meta name="generator">` on every HTML page, and ProperDocs reports itself there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import version

from tests.build.test_parallel_build import tree
from tests.conftest import ROOT

MKDOCS_GENERATOR = f'content="mkdocs-{version("mkdocs")}, '.encode()
PROPERDOCS_GENERATOR = f'content="mkdocs-ProperDocs {version("properdocs")}, '.encode()


def test_properdocs_builds_the_mkdocs_site_byte_for_byte_but_the_generator_tag(
    built_site, site_url, tmp_path
):
    out = tmp_path / "site"
    env = {**os.environ, "LILITH_SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    want, got = tree(built_site), tree(out)
    assert sorted(got) == sorted(want), "the two builds wrote different files"
    differing = {name for name in want if want[name] != got[name]}
    with_generator = {name for name, data in want.items() if MKDOCS_GENERATOR in data}
    assert with_generator, "the session build should be MkDocs' own (its generator tag)"
    assert differing == with_generator, "files that differ beyond the generator tag"
    for name in differing:
        assert want[name].count(MKDOCS_GENERATOR) == 1, name
        assert got[name] == want[name].replace(MKDOCS_GENERATOR, PROPERDOCS_GENERATOR), name
    assert all(name.endswith(".html") for name in differing)
