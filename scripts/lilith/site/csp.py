"""The Content-Security-Policy of the whole site, with hashes of Material's inline scripts.

Scripts may come only from our own origin, plus the inline scripts the theme writes, each
allowed by its SHA-256 hash. Material's instant navigation re-creates the inline scripts of the
next page's content under the *first* page's policy, so the policy is the same on every page: the
union of the hashes of every inline script on the site. It is written at the very end of the build,
into every page as `<meta http-equiv="Content-Security-Policy">` right after `<meta charset>`
(before any script), and into `_headers` for hosts that read it (Netlify, Cloudflare Pages).

`mkdocs serve` injects its own inline live-reload script with a changing number, which no hash
can allow: the development policy allows inline scripts instead and keeps everything else.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

META_NAME = "Content-Security-Policy"
HEADERS_FILE = "_headers"

# Every directive but script-src. No 'unsafe-inline' for styles: Material writes no style
# attributes and changes styles only through the CSSOM, which CSP does not restrict.
BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
_EXISTING_START = f'<meta http-equiv="{META_NAME}"'
_EXISTING = re.compile(re.escape(_EXISTING_START) + r' content="[^"]*">')
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)


def _attributes(raw: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR.finditer(raw)}


def inline_scripts(html: str) -> list[str]:
    """Source text of every inline script the browser would run (not JSON data blocks)."""
    out = []
    for match in _SCRIPT.finditer(html):
        attrs = _attributes(match.group(1))
        if "src" in attrs:
            continue
        if attrs.get("type", "").strip().lower() not in _JS_TYPES:
            continue  # e.g. type="application/json": data, never executed
        out.append(match.group(2))
    return out


def script_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_hashes(pages: Iterable[str]) -> list[str]:
    """Sorted union of the hashes of the inline scripts of all `pages` (HTML texts)."""
    return sorted({script_hash(src) for html in pages for src in inline_scripts(html)})


def policy(hashes: Iterable[str], *, dev: bool = False) -> str:
    """The policy text; `dev` allows inline scripts for `mkdocs serve`'s live reload."""
    scripts = "'self' 'unsafe-inline'" if dev else " ".join(["'self'", *hashes])
    directives = [BASE_DIRECTIVES[0], ("script-src", scripts), *BASE_DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def with_policy(html: str, text: str) -> str:
    """`html` with its CSP meta (replaced if present) first after `<meta charset>`."""
    start = html.find(_EXISTING_START)  # a literal search: a regex tried at every position is slow
    found = _EXISTING.match(html, start) if start >= 0 else None
    if found is not None:  # drop it with the whitespace before it
        html = html[:start].rstrip() + html[found.end() :]
    tag = f'<meta http-equiv="{META_NAME}" content="{text}">'
    match = _CHARSET.search(html)
    if match is None:
        match = re.search(r"<head[^>]*>", html, re.I)
        if match is None:
            raise ValueError("page has no <head>: cannot place the Content-Security-Policy")
    return html[: match.end()] + "\n    " + tag + html[match.end() :]


def headers_file(text: str) -> str:
    """`_headers` for hosts that read it: the same policy, plus what only a header can say."""
    return (
        "/*\n"
        f"  Content-Security-Policy: {text}; frame-ancestors 'none'\n"
        "  X-Content-Type-Options: nosniff\n"
        "  Referrer-Policy: strict-origin-when-cross-origin\n"
    )


def stamp(texts: Mapping[Path, str], text: str) -> None:
    """Write the policy `text` into each page ({path: its HTML}) that does not have it yet."""
    for page, html in texts.items():
        updated = with_policy(html, text)
        if updated != html:
            page.write_text(updated, encoding="utf-8")


def write_site(site_dir: Path, *, dev: bool = False) -> str:
    """Put the site-wide policy into every page under `site_dir` and `_headers`; returns it."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    # Hash the pages as they will be served: without an old policy (it holds no scripts).
    text = policy(site_hashes(texts.values()), dev=dev)
    stamp(texts, text)
    (site_dir / HEADERS_FILE).write_text(headers_file(text), encoding="utf-8")
    return text
