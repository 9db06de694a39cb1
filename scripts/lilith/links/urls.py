"""What a URL is before anyone fetches it: checkable, skipped, or a content error.

`classify` turns malformed URLs and forbidden schemes into results without a request;
`normalise` gives the key under which a URL is checked once per run (no fragment,
lowercase scheme and host, IDNA host, no default port).
"""

from __future__ import annotations

import contextlib
import ipaddress
import re
from urllib.parse import urlsplit, urlunsplit

import idna

from lilith.links.models import LinkResult, LinkStatus

CHECKED_SCHEMES = frozenset({"http", "https"})
# Links a reader can follow but we do not fetch.
SKIPPED_SCHEMES = frozenset({"mailto", "tel", "sms", "ftp", "ftps", "sftp", "irc", "ircs", "news", "xmpp"})
# Links that are a content error wherever they appear.
FORBIDDEN_SCHEMES = {
    "javascript": "javascript: links run code instead of going somewhere; link to a page",
    "vbscript": "vbscript: links run code instead of going somewhere; link to a page",
    "data": "data: URLs embed content in the link; link to a page or put the file in docs/",
    "file": "file: links point to the author's own disk; link to a published page",
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lowercase, '' for protocol-relative '//host', None for relative links."""
    if url.startswith("//"):
        return ""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def is_external(url: str) -> bool:
    """True for links with a scheme (or '//host'): everything the built-site check does not own."""
    return scheme_of(url) is not None


def idna_host(host: str) -> str:
    """The ASCII (IDNA 2008, UTS 46) form of a host name; raises ValueError when it has none."""
    host = host.rstrip(".")
    if not host:
        raise ValueError("empty host")
    if host.isascii():
        lowered = host.lower()
        if any(label.startswith("xn--") for label in lowered.split(".")):
            idna.decode(lowered)  # validates the A-labels
        encoded = lowered
    else:
        try:
            encoded = idna.encode(host, uts46=True).decode("ascii")
        except idna.IDNAError as exc:
            raise ValueError(str(exc)) from None
    labels = encoded.split(".")
    if not all(_LABEL.match(label) for label in labels):
        raise ValueError("labels must be letters, digits and inner hyphens, at most 63 each")
    return encoded


def _host_problem(host: str) -> str | None:
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host.strip("[]"))
        except ValueError:
            return f"'{host}' is not a valid IPv6 address"
        return None
    try:
        ipaddress.IPv4Address(host)
        return None
    except ValueError:
        pass
    if re.fullmatch(r"[0-9.]+", host):
        return f"'{host}' is not a valid IP address"
    try:
        ascii_host = idna_host(host)
    except (ValueError, UnicodeError) as exc:
        return f"host name '{host}' is not valid ({exc})"
    if "." not in ascii_host:
        return f"host '{host}' is not a full domain name"
    return None


def classify(url: str) -> LinkResult | None:
    """A result for URLs that are never fetched (invalid or skipped); None when it must be checked."""
    scheme = scheme_of(url)
    if scheme is None:
        return LinkResult(url, LinkStatus.INVALID, "not an absolute URL")
    if scheme in FORBIDDEN_SCHEMES:
        return LinkResult(url, LinkStatus.INVALID, FORBIDDEN_SCHEMES[scheme])
    if scheme in SKIPPED_SCHEMES:
        return LinkResult(url, LinkStatus.SKIPPED, f"{scheme}: links are not checked")
    if scheme == "":
        return LinkResult(url, LinkStatus.INVALID, "protocol-relative URL ('//host'); write https://")
    if scheme not in CHECKED_SCHEMES:
        return LinkResult(url, LinkStatus.SKIPPED, f"{scheme}: links are not checked")
    if re.search(r"[\s\x00-\x1f\x7f]", url):
        return LinkResult(url, LinkStatus.INVALID, "URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return LinkResult(url, LinkStatus.INVALID, f"malformed URL ({exc})")
    if not parts.netloc or not parts.hostname:
        return LinkResult(url, LinkStatus.INVALID, "URL has no host")
    if port == 0:
        return LinkResult(url, LinkStatus.INVALID, "port 0 is not a valid port")
    if "@" in parts.netloc:
        return LinkResult(url, LinkStatus.INVALID, "URL carries a user name or password")
    host = parts.netloc.rsplit(":", 1)[0] if parts.netloc.count(":") == 1 else parts.netloc
    if host.startswith("[") and "]" in host:
        host = host[: host.index("]") + 1]
    problem = _host_problem(host)
    if problem:
        return LinkResult(url, LinkStatus.INVALID, problem)
    return None


def host_key(url: str) -> str:
    """The host a URL's requests are counted against (per-host concurrency), in ASCII."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    with contextlib.suppress(ValueError):
        host = idna_host(host) if host and not host.replace(".", "").isdigit() else host
    return host


def normalise(url: str) -> str:
    """The key a URL is checked under: fragment dropped, scheme and host lowercased, IDNA host,
    default port dropped. Returns the URL minus its fragment when it cannot be parsed."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in CHECKED_SCHEMES or not parts.hostname:
            return urlunsplit(parts._replace(fragment=""))
        host = parts.hostname
        try:
            host = idna_host(host) if not host.startswith("[") and ":" not in host else f"[{host}]"
        except ValueError:
            host = host.lower()
        port = parts.port
        netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
        return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    except ValueError:
        return url.split("#", 1)[0]
