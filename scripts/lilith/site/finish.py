"""The end of a parallel build, shared out: each worker finishes the pages it owns.

A sequential build ends by cutting every language's search shards and by reading and
rewriting every page for the site-wide CSP (`csp.write_site`): 6–8 s at 1,000 articles,
which the parallel build's parent paid alone, after its workers. Now, after its MkDocs
build, each worker (`finish_worker`)

1. cuts its own language's search shards (keeping the full index beside its build for the
   merge, which drops fallback pages' entries and cuts only the languages that changed again),
2. hashes the inline scripts of the pages the merge takes from it and tells the parent
   (`Channel.ready`);

the parent, once every worker is ready, writes the root 404 page, makes the policy from all
the hashes and sends it (`Channel.go`), and each worker stamps it into its own pages, in
parallel. Same bytes as the sequential build (tests/build/test_parallel_build.py).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

from lilith.site import csp, not_found, outputs
from lilith.site.merge import drop_fallback_duplicates, owned_entries
from lilith.text.languages import prefix


class Channel:
    """Two pipes between the parent and one worker: "ready, with these hashes", "go, with this policy".

    Made before the fork, with the site's `default` language and built `langs` the worker
    needs; each side then keeps its ends (`as_worker`, `as_parent`). A worker that dies
    before it is ready closes its end: the parent reads no hashes (None).
    """

    def __init__(self, default: str, langs: Sequence[str]) -> None:
        self.default, self.langs = default, list(langs)
        self._ready_r, self._ready_w = os.pipe()
        self._go_r, self._go_w = os.pipe()

    def as_worker(self) -> None:
        os.close(self._ready_r)
        os.close(self._go_w)

    def as_parent(self) -> None:
        os.close(self._ready_w)
        os.close(self._go_r)

    def parent_fds(self) -> tuple[int, int]:
        """The parent's ends, which a later worker inherits and closes."""
        return self._ready_r, self._go_w

    # the worker's side
    def ready(self, hashes: Sequence[str]) -> None:
        os.write(self._ready_w, (json.dumps(list(hashes)) + "\n").encode("ascii"))
        os.close(self._ready_w)

    def wait_go(self) -> str | None:
        """The policy to stamp, or None: the build failed elsewhere, leave the pages."""
        with os.fdopen(self._go_r, encoding="utf-8") as pipe:
            line = pipe.readline()
        return json.loads(line) if line.strip() else None

    # the parent's side
    def wait_ready(self) -> list[str] | None:
        """The worker's hashes once it is ready; None when it ended without (it failed)."""
        with os.fdopen(self._ready_r, encoding="ascii") as pipe:
            line = pipe.readline()
        return json.loads(line) if line.strip() else None

    def go(self, policy: str | None) -> None:
        with os.fdopen(self._go_w, "w", encoding="utf-8") as pipe:
            pipe.write((json.dumps(policy, ensure_ascii=False) if policy is not None else "") + "\n")


def own_pages(part: Path, lang: str, default: str, langs: Sequence[str]) -> list[Path]:
    """The HTML pages of a worker's build that the merge takes (`merge.owned_entries`)."""
    pages: list[Path] = []
    for entry in owned_entries(part, lang, default, langs):
        if entry.is_dir():
            pages.extend(entry.rglob("*.html"))
        elif entry.suffix == ".html":
            pages.append(entry)
    return sorted(pages)


def kept_index(part: Path, lang: str) -> Path:
    """Where a worker keeps its language's full search index for the merge."""
    return part.parent / f"{lang}.search_index.json"


def finish_worker(part: Path, lang: str, channel: Channel) -> None:
    """Shards, hashes, then (on the parent's word) the policy in every page this build owns."""
    index_file = part / prefix(lang) / outputs.SEARCH_INDEX
    if index_file.is_file():
        os.replace(index_file, kept_index(part, lang))
        index = json.loads(kept_index(part, lang).read_text(encoding="utf-8"))
        outputs.write_language_shards(part, lang, index)
    pages = own_pages(part, lang, channel.default, channel.langs)
    root_404 = part / not_found.FILE
    texts = {page: page.read_text(encoding="utf-8") for page in pages if page != root_404}
    channel.ready(csp.site_hashes(texts.values()))  # the parent hashes the root 404 page it finishes
    policy = channel.wait_go()
    if policy is None:
        return
    if root_404 in pages:
        texts[root_404] = root_404.read_text(encoding="utf-8")
    csp.stamp(texts, policy)


def finish_root_404(parts: dict[str, Path], default: str) -> list[str]:
    """Write the root 404 page with the other languages' texts; the hashes of its scripts."""
    root = parts[default] / not_found.FILE
    if not root.is_file():
        return []
    others = {lang: part / prefix(lang) / not_found.FILE for lang, part in parts.items() if lang != default}
    not_found.write_root(parts[default], others)
    return csp.site_hashes([root.read_text(encoding="utf-8")])


def policy_for(parts: dict[str, Path], default: str, channels: dict[str, Channel]) -> str | None:
    """The parent's part: once every worker is ready, the root 404 page, then the site's
    policy, sent to every worker to stamp; None (sent as "stop") when one failed."""
    hashes = {lang: channel.wait_ready() for lang, channel in channels.items()}
    policy = None
    if all(found is not None for found in hashes.values()):
        root = finish_root_404(parts, default) if default in parts else []
        policy = csp.policy(sorted(set(root).union(*hashes.values())))
    for channel in channels.values():
        with contextlib.suppress(BrokenPipeError):  # that worker has ended already
            channel.go(policy)
    return policy


def merge_search(site_dir: Path, parts: dict[str, Path], order: Sequence[str]) -> None:
    """Drop fallback pages' entries across the workers' full indexes (`merge.drop_fallback_duplicates`);
    cut the shards again of each language that lost some."""
    files = {lang: kept_index(parts[lang], lang) for lang in order}
    indexes = {lang: json.loads(f.read_text(encoding="utf-8")) for lang, f in files.items() if f.is_file()}
    for lang in sorted(drop_fallback_duplicates(indexes, order)):
        outputs.write_language_shards(site_dir, lang, indexes[lang])
