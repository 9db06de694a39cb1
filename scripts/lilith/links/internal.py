"""Check the links and anchors inside a built site, every language at once.

Every `href`/`src`/`srcset` in every HTML page that stays on the site (relative,
root-relative, or absolute under the site's own URL, e.g. canonical and hreflang links)
must name a file that was built, and its `#fragment` an element id on that page. The
`<loc>`s of every `sitemap.xml` must exist too. External URLs are `external`'s business.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from lilith.links.models import InternalIssue

_REFS = {
    "href": "a[href], area[href], link[href]",
    "src": "img[src], script[src], source[src], iframe[src], audio[src], video[src], track[src], embed[src]",
    "srcset": "img[srcset], source[srcset]",
    "poster": "video[poster]",
}
_SKIP_REL = {"preconnect", "dns-prefetch"}
_LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
OUTSIDE = "\0outside"  # a path on our host but above the site's root


class _Lines:
    """Line numbers of attribute values in a page's source, found in document order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.cursor = 0

    def line_of(self, value: str) -> int:
        for needle in (value, html.escape(value, quote=True), html.escape(value, quote=False)):
            at = self.text.find(needle, self.cursor)
            if at == -1:
                at = self.text.find(needle)
            if at != -1:
                self.cursor = at + 1
                return bisect.bisect_right(self.starts, at)
        return 1


def site_url_of(site_dir: Path) -> str:
    """The site's own URL, from the home page's canonical link ('/' when there is none)."""
    index = site_dir / "index.html"
    if index.is_file():
        node = LexborHTMLParser(index.read_text(encoding="utf-8")).css_first('link[rel="canonical"]')
        if node is not None and node.attributes.get("href"):
            return str(node.attributes["href"])
    return "/"


class SiteChecker:
    """Resolves links against one built site; ids of each page are read once."""

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.site_dir = site_dir.resolve()
        self.site_url = site_url or site_url_of(site_dir)
        parts = urlsplit(self.site_url)
        self.origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
        self.base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.ids = lru_cache(maxsize=None)(self._ids)

    def _ids(self, rel: str) -> frozenset[str]:
        tree = LexborHTMLParser((self.site_dir / rel).read_text(encoding="utf-8"))
        ids = {str(n.attributes["id"]) for n in tree.css("[id]") if n.attributes.get("id")}
        ids |= {str(n.attributes["name"]) for n in tree.css("a[name]") if n.attributes.get("name")}
        return frozenset(ids)

    def site_path(self, url: str, page_rel: str, absolute: bool = True) -> str | None:
        """The site-relative URL path `url` points to from `page_rel`; None when it is external
        (any absolute URL when `absolute` is False), `OUTSIDE` when above the site's root."""
        scheme_url = f"{urlsplit(self.site_url).scheme or 'https'}:{url}" if url.startswith("//") else url
        parts = urlsplit(scheme_url)
        if parts.scheme:
            if (
                not absolute
                or not self.origin
                or f"{parts.scheme}://{parts.netloc}".lower() != self.origin.lower()
            ):
                return None
            joined = parts.path or "/"
        else:
            joined = urlsplit(urljoin(self.base_path + page_rel, url)).path
        if not joined.startswith(self.base_path) and joined + "/" != self.base_path:
            return OUTSIDE
        return unquote(joined[len(self.base_path) :])

    def file_for(self, path: str) -> str | None:
        """The built file a site-relative URL path serves, or None."""
        candidates = [path + "index.html"] if path.endswith("/") or not path else [path, path + "/index.html"]
        for rel in candidates:
            file = (self.site_dir / rel).resolve()
            if file.is_file() and file.is_relative_to(self.site_dir):
                return file.relative_to(self.site_dir).as_posix()
        return None

    def check_ref(self, page_rel: str, line: int, ref: str, absolute: bool = True) -> InternalIssue | None:
        """The problem with one link on `page_rel`, if any; `absolute`: also check absolute URLs
        under the site's own URL (generated `<link>`s; in `<a>` they are citations, checked as
        external links)."""
        ref = ref.strip()
        if not ref or ref.startswith(("mailto:", "tel:", "javascript:", "data:")):
            return None
        path = self.site_path(ref, page_rel, absolute)
        if path is None:
            return None  # external
        if path == OUTSIDE:
            return InternalIssue(
                page_rel, line, ref, "internal-link", f"'{ref}' points above the site's root"
            )
        if ref.startswith("#"):
            target = page_rel
        else:
            target = self.file_for(path)
            if target is None:
                return InternalIssue(
                    page_rel,
                    line,
                    ref,
                    "internal-link",
                    f"'{ref}' leads nowhere: no {_expected(path)} in the built site",
                )
        fragment = unquote(urlsplit(ref).fragment)
        # '#top' scrolls to the top without any element (HTML standard, "scroll to the fragment").
        missing = fragment and fragment.lower() != "top" and fragment not in self.ids(target)
        if missing and target.endswith(".html"):
            where = "this page" if target == page_rel else target
            return InternalIssue(
                page_rel, line, ref, "internal-anchor", f"'{ref}': no element with id '{fragment}' on {where}"
            )
        return None

    def check_page(self, page_rel: str) -> list[InternalIssue]:
        text = (self.site_dir / page_rel).read_text(encoding="utf-8")
        tree = LexborHTMLParser(text)
        lines = _Lines(text)
        issues: list[InternalIssue] = []
        for tag, ref in _refs(tree):
            issue = self.check_ref(page_rel, lines.line_of(ref), ref, absolute=tag == "link")
            if issue is not None:
                issues.append(issue)
        return issues

    def check_sitemap(self, sitemap_rel: str) -> list[InternalIssue]:
        text = (self.site_dir / sitemap_rel).read_text(encoding="utf-8")
        issues = []
        for match in _LOC.finditer(text):
            url = html.unescape(match.group(1))
            path = self.site_path(url, sitemap_rel)
            if path is None or path == OUTSIDE or self.file_for(path) is None:
                line = text.count("\n", 0, match.start()) + 1
                issues.append(
                    InternalIssue(sitemap_rel, line, url, "internal-link", f"sitemap lists {url}, not built")
                )
        return issues


def _expected(path: str) -> str:
    """The file a site path should have been built as, for messages."""
    return path + "index.html" if not path or path.endswith("/") else path


def _refs(tree: LexborHTMLParser) -> Iterator[tuple[str, str]]:
    """(tag, URL) pairs of a page in document order."""
    selector = ", ".join(_REFS.values())
    for node in tree.css(selector):
        attrs = node.attributes
        if node.tag == "link" and _SKIP_REL & set(str(attrs.get("rel") or "").lower().split()):
            continue
        for attr in ("href", "src", "poster"):
            value = attrs.get(attr)
            if value is not None and attr in attrs:
                yield node.tag, str(value)
        if attrs.get("srcset"):
            for candidate in str(attrs["srcset"]).split(","):
                if candidate.strip():
                    yield node.tag, candidate.strip().split()[0]


def check_site(site_dir: Path, site_url: str | None = None) -> list[InternalIssue]:
    """Every broken internal link and anchor in the built site at `site_dir`."""
    checker = SiteChecker(site_dir, site_url)
    issues: list[InternalIssue] = []
    for page in sorted(site_dir.rglob("*.html")):
        issues.extend(checker.check_page(page.relative_to(site_dir).as_posix()))
    for sitemap in sorted(site_dir.rglob("sitemap.xml")):
        issues.extend(checker.check_sitemap(sitemap.relative_to(site_dir).as_posix()))
    return issues
