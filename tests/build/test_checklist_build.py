"""In a real MkDocs build, a broken checklist stops the build with one line naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.checklist_site import ARTICLE_MD, build, edit, make_site
from tests.site_facts import ARTICLE, LANGS, page_path

OPTIONS = "    id: before-fine-tuning\n"


def line_of(config: Path, text: str) -> int:
    lines = (config.parent / ARTICLE_MD).read_text(encoding="utf-8").split("\n")
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (OPTIONS, OPTIONS + "    open: true\n", "/// checklist |", "unknown option(s) open"),
        ("outcome 0-3:", "outcome 1-3:", "/// checklist |", "no outcome for 0 ticked item(s)"),
        (OPTIONS, "    id: [broken\n", "/// checklist |", "this block was not read as a checklist"),
        ("glossary:runtime-layer", "glossary:runtime-layers", "glossary:runtime-layers", "unknown glossary"),
        ("outcome all:", "outcome everything:", "outcome everything:", "'outcome everything:' counts are"),
    ],
    ids=["unknown-option", "outcome-gap", "unreadable-options", "unknown-term", "bad-count"],
)
def test_broken_checklist_fails_the_build_naming_file_and_line(tmp_path, old, new, at, message):
    config = make_site(tmp_path / "src")
    edit(config, old, new)

    result = build(config, tmp_path / "site", "http://127.0.0.1:9/")  # not even --strict

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{ARTICLE_MD}:{line_of(config, at)}: checklist: " in output
    assert message in output
    assert "Traceback" not in output


@pytest.mark.parametrize("lang", LANGS)
def test_article_checklist_is_built_in_every_language(built_site, lang):
    doc = HTMLParser((built_site / page_path(lang, ARTICLE) / "index.html").read_text(encoding="utf-8"))
    checklist = doc.css_first("div.lilith-checklist#checklist-before-fine-tuning")
    boxes = checklist.css('fieldset input[type="checkbox"]')
    assert checklist.css_first("fieldset > legend").text().strip()
    assert len(boxes) == 4
    for box in boxes:  # every checkbox has its own label (DESIGN trap 7)
        label = checklist.css_first(f'label[for="{box.attributes["id"]}"]')
        assert label is not None and label.text().strip().endswith("?")
    assert [dd.attributes["data-min"] + "-" + dd.attributes["data-max"] for dd in checklist.css("dd")] == [
        "0-3",
        "4-4",
    ]
    assert len(checklist.css(".lilith-checklist__lever")) == 4
    assert checklist.css_first('[role="status"]') is not None
    assert "/// checklist" not in doc.body.text()
