"""A saved page is shown ahead of the run only as the run then writes it.

The warm workers on a small bench corpus: a save names its Markdown file to the standby of
its language's worker, a fork of it as its last run left it, which renders that page alone
(`WarmLanguage.preview`); then the workers run as usual. A body edit's preview must be the
run's page byte for byte; a save that changes what other
pages show (the title), or that the run would warn about, or a page the last run did not
have, gets no preview. Nothing here measures time.
"""

from __future__ import annotations

import itertools
import os
import queue
import subprocess
import sys

import pytest
import yaml
from lilith.site.serve.workers import Round, Workers

from tests.build.test_serve import _known_tags
from tests.conftest import ROOT

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
_NUMBERS = itertools.count(1)
WHY: dict[str, str] = {}  # the last reason a save of a file got no preview ("" when it got one)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview") / "site"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "corpus.py"), "25", "--out", str(root)],
        check=True, capture_output=True, env=ENV,
    )  # fmt: skip
    workers = Workers(root / "mkdocs.yml")
    answers: queue.Queue = queue.Queue()
    workers.listen(lambda *answer: answers.put(answer))
    try:
        assert workers.run().ok
        yield root, workers, answers
    finally:
        workers.close()


def _preview(site, lang: str, rel: str) -> dict[str, bytes]:
    """The pages the standby of `lang` previews for a save of docs/`rel`, and their bytes."""
    _, workers, answers = site
    number = next(_NUMBERS)
    assert workers.preview(lang, [rel], number), "no standby after a good run"
    got_lang, got_number, rels, why = answers.get(timeout=120)
    assert (got_lang, got_number) == (lang, number)
    WHY[rel] = why
    return {r: (workers.previews[lang] / str(number) / r).read_bytes() for r in rels}


def _article(site, number: int, suffix: str = "") -> str:
    """The docs-relative path of the corpus's article `number`, in English or `.cs`, `.pl`."""
    names = [p.name for p in (site[0] / "docs" / "radar").glob(f"note-{number:04d}-*.md")]
    (name,) = [n for n in names if n.count(".") == suffix.count(".") + 1 and n.endswith(f"{suffix}.md")]
    return f"radar/{name}"


def _dest(rel: str) -> str:
    """The site path of a docs page: radar/x.cs.md -> cs/radar/x/index.html."""
    stem, *lang = rel[: -len(".md")].split(".")
    return "".join(f"{code}/" for code in lang) + f"{stem}/index.html"


def _save(site, rel: str, old: str, new: str) -> tuple[dict[str, dict[str, bytes]], Round]:
    """Edit docs/`rel`, preview it, then run the workers: ({lang: its previewed pages' bytes}, the run)."""
    root, workers, _ = site
    path = root / "docs" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lang = rel.split(".")[-2] if rel.count(".") == 2 else "en"
    shown = {lang: _preview(site, lang, rel)}
    return shown, workers.run({lang})


@pytest.mark.parametrize(
    ("number", "suffix", "sentence"),
    [
        (0, "", "A sentence the editor just added."),
        (2, ".cs", "Věta, kterou redaktor právě přidal."),
        (2, ".pl", "Zdanie, które redaktor właśnie dodał."),
    ],
)
def test_a_body_edit_is_previewed_as_the_run_writes_it(site, number, suffix, sentence) -> None:
    rel = _article(site, number, suffix)
    lang, dest = suffix[1:] or "en", _dest(rel)
    shown, result = _save(site, rel, "\n## ", f"\n{sentence}\n\n## ")
    assert result.ok, result.lines()
    assert list(shown) == [lang] and list(shown[lang]) == [dest]
    assert sentence.encode() in shown[lang][dest]
    assert shown[lang][dest] == (site[1].parts[lang] / dest).read_bytes(), "the preview is not the run's page"


def test_a_title_edit_is_previewed_with_the_home_page_as_the_run_writes_them(site) -> None:
    """The home page lists the newest articles by title; tag pages and feeds wait for the run."""
    rel = _article(site, 1)  # among the newest: on the home page
    shown, result = _save(site, rel, "title: ", "title: Retitled ")
    assert result.ok, result.lines()
    assert list(shown["en"]) == [_dest(rel), "index.html"]
    assert b"Retitled " in shown["en"]["index.html"]
    for dest, data in shown["en"].items():
        assert data == (site[1].parts["en"] / dest).read_bytes(), f"the preview of {dest} is not the run's"


def test_a_tag_edit_is_not_previewed(site) -> None:
    """Tag pages and related articles show tags: only the run shows them everywhere at once."""
    rel = _article(site, 1)
    current = yaml.safe_load((site[0] / "docs" / rel).read_text(encoding="utf-8").split("---")[1])["tags"]
    tag = next(tag for tag in _known_tags() if tag not in current)
    shown, _ = _save(site, rel, "tags:\n", f"tags:\n- {tag}\n")
    assert shown == {"en": {}}
    assert WHY[rel] == "its tags changed (other pages show them)"
    _save(site, rel, f"tags:\n- {tag}\n", "tags:\n")


def test_a_save_the_run_warns_about_is_not_previewed(site) -> None:
    rel = _article(site, 3)
    shown, result = _save(site, rel, "\n## ", "\nSee [this](nope.md).\n\n## ")
    assert shown == {"en": {}}
    assert WHY[rel] == "the run has a warning to show"
    assert any("nope.md" in line for line in result.lines())
    _save(site, rel, "\nSee [this](nope.md).\n", "")  # mended: the next tests start from a good run


def test_broken_front_matter_is_not_previewed(site) -> None:
    rel = _article(site, 4)
    shown, result = _save(site, rel, "title: ", "title: [unclosed ")
    assert shown == {"en": {}}
    assert any(rel in line for line in result.lines()), result.lines()
    shown, result = _save(site, rel, "title: [unclosed ", "title: ")
    assert result.ok


def test_a_new_page_is_not_previewed(site) -> None:
    root, workers, _ = site
    source = (root / "docs" / _article(site, 5)).read_text(encoding="utf-8")
    (root / "docs" / "radar" / "note-9000-new.md").write_text(source, encoding="utf-8")
    assert _preview(site, "en", "radar/note-9000-new.md") == {}
    assert WHY["radar/note-9000-new.md"] == "radar/note-9000-new.md is a new page"
    assert workers.run({"en"}).ok
    shown, _ = _save(site, "radar/note-9000-new.md", "\n## ", "\nNow it is known.\n\n## ")
    assert list(shown["en"]) == ["radar/note-9000-new/index.html"], "once built, it is previewed"


def test_a_save_during_a_run_is_previewed_from_the_run_before(site) -> None:
    """The standby renders while its worker is busy: the editor does not wait for that run."""
    root, workers, _ = site
    rel = _article(site, 6)
    path = root / "docs" / rel
    path.write_text(path.read_text(encoding="utf-8").replace("\n## ", "\nSaved during a run.\n\n## ", 1))
    for commands, _ in workers.pipes.values():  # a run under way, not waited for
        commands.write("run\n")
        commands.flush()
    shown = _preview(site, "en", rel)
    assert b"Saved during a run." in shown[_dest(rel)]
    for _, answer in workers.pipes.values():  # that run's answers
        assert '"ok": true' in answer.readline()
    assert workers.run({"en"}).ok
    assert shown[_dest(rel)] == (workers.parts["en"] / _dest(rel)).read_bytes()
