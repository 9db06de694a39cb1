"""Debian's chromium as the browser tests and `make bench` launch it: headless, offline,
nothing phones home (no Playwright browser download)."""

from __future__ import annotations

import shutil

from playwright.sync_api import Browser, Playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright: Playwright) -> Browser:
    """A headless chromium with our flags."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
