"""ProperDocs, the maintained fork of MkDocs 1.x, builds the site MkDocs builds.

`properdocs build --strict` reads our mkdocs.yml and loads our plugin through its
`mkdocs.plugins` entry point (ProperDocs serves `mkdocs.*` imports from `properdocs.*`).
Every file is the same, byte for byte: Material's `<meta name="generator">` would name the
engine's version, so the plugin leaves only the theme's there (`lilith.site.page_html`).
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.build.test_parallel_build import tree
from tests.conftest import ROOT


def test_properdocs_builds_the_mkdocs_site_byte_for_byte(built_site, site_url, tmp_path):
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
    assert [name for name in want if want[name] != got[name]] == []
