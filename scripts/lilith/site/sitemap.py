"""Per-language sitemaps with hreflang alternates.

Each language gets its own `sitemap.xml` at its root (`/`, `/cs/`, `/pl/`). Material's instant
navigation only follows links listed in the sitemap beside the page's `base`, so a sitemap per
language keeps instant navigation inside one language: a switch of language is a full page load,
which gives the new page its own `<html lang>`, header and search.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from lilith.text.languages import DEFAULT, LANGUAGES, alternates


def absolute(site_url: str, path: str) -> str:
    """Join the site URL and a site-relative path."""
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def head_alternates(url: str, site_url: str) -> list[dict[str, str]]:
    """hreflang alternates of a page, `x-default` (the English page) last."""
    alts = alternates(url)
    out = [{"lang": lang, "href": absolute(site_url, alts[lang])} for lang in LANGUAGES]
    out.append({"lang": "x-default", "href": absolute(site_url, alts[DEFAULT])})
    return out


def render(urls: list[str], site_url: str) -> str:
    """A sitemap listing `urls` (site-relative, one language), each with its alternates."""
    rows = []
    for url in sorted(set(urls)):
        links = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{a["lang"]}" href={quoteattr(a["href"])}/>'
            for a in head_alternates(url, site_url)
        )
        rows.append(f"  <url>\n    <loc>{absolute(site_url, url)}</loc>{links}\n  </url>")
    body = "\n".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{body}\n</urlset>\n"
    )
