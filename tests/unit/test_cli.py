"""`python -m lilith check|fingerprint`: what editors and CI see, and the exit codes they get."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lilith.cli import app
from typer.testing import CliRunner

from tests.editor_site import make_site, tree_state

runner = CliRunner()
EN = "docs/radar/a.md"
CS = "docs/radar/a.cs.md"
PL = "docs/radar/a.pl.md"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


def lilith(site: Path, *args: str):
    result = runner.invoke(app, [*args, "--root", str(site)])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def problems(site: Path) -> list[dict]:
    result = lilith(site, "check", "--format", "json")
    return json.loads(result.output)["problems"]


def edit(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- clean and broken sites -----------------------------------------------------------------


def test_a_clean_site_passes_with_exit_0(site):
    result = lilith(site, "check")
    assert result.exit_code == 0
    assert "no problems" in result.output


def _write(site: Path, rel: str, data: bytes | str) -> None:
    path = site / rel
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def _replace(rel: str, old: str, new: str):
    def apply(site: Path) -> None:
        text = (site / rel).read_text(encoding="utf-8")
        assert old in text
        _write(site, rel, text.replace(old, new, 1))

    return apply


def _copy(rel: str, to: str):
    return lambda site: _write(site, to, (site / rel).read_bytes())


BAD_INPUT = {
    "malformed-yaml": (_replace(CS, "title: Nejdřív evaly", "title: [Nejdřív evaly"), CS, "not valid YAML"),
    "tab": (_replace(EN, "  url: https", "\turl: https"), EN, "tab character"),
    "bom": (lambda s: _write(s, PL, b"\xef\xbb\xbf" + (s / PL).read_bytes()), PL, "byte-order mark"),
    "crlf": (lambda s: _write(s, CS, (s / CS).read_bytes().replace(b"\n", b"\r\n")), CS, "CRLF"),
    "non-utf8": (lambda s: _write(s, PL, (s / PL).read_bytes().replace("ż".encode(), b"\xbf")), PL, "UTF-8"),
    "empty": (lambda s: _write(s, CS, b""), CS, "empty file"),
    "unclosed": (_replace(EN, "---\n\nMost teams", "\nMost teams"), EN, "no closing '---'"),
    "impossible-date": (_replace(CS, "date: 2026-11-20", "date: 2026-13-45"), CS, "2026-11-20"),
    "duplicate-slug": (_copy(EN, "docs/radar/a.en.md"), "docs/radar/a.md", "same page"),
    "orphan": (_copy(CS, "docs/radar/b.cs.md"), "docs/radar/b.cs.md", "without an English"),
    "unknown-suffix": (_copy(EN, "docs/radar/a.de.md"), "docs/radar/a.de.md", "'.de'"),
    "http-source": (_replace(PL, "url: https://", "url: http://"), PL, "https://"),
    "duplicate-key": (_replace(CS, "verdict:", "title: Znovu\nverdict:"), CS, "'title' is written twice"),
    "duplicate-tag": (_replace(EN, "tags: [evals, rag]", "tags: [evals, evals]"), EN, "listed twice"),
}


@pytest.mark.parametrize("case", BAD_INPUT, ids=list(BAD_INPUT))
def test_bad_input_gives_one_clear_error_exit_1_and_changes_nothing(site, case):
    breaker, path, words = BAD_INPUT[case]
    breaker(site)
    before = tree_state(site)
    result = lilith(site, "check", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.output)["problems"]
    assert len(found) == 1, found
    if case == "duplicate-slug":  # reported on whichever of the two comes second
        assert found[0]["path"] in {"docs/radar/a.md", "docs/radar/a.en.md"}
    else:
        assert found[0]["path"] == path
    assert words in found[0]["message"]
    assert found[0]["line"] >= 1
    assert tree_state(site) == before


def test_every_schema_error_is_reported_with_its_line_and_what_to_write(site):
    edit(site, EN, "date: 2026-11-20", "date: 20. 11. 2026")
    edit(site, EN, "tags: [evals, rag]", "tags: [Evals]")
    found = {p["line"]: p["message"] for p in problems(site)}
    assert set(found) == {4, 5}
    assert "write e.g. `date: 2026-11-20`" in found[4]
    assert "lowercase ids" in found[5] and "tags: [evals, rag]" in found[5]


# -- completeness, parity, staleness through the command line -------------------------------


def test_a_missing_translation_is_reported_on_the_english_file(site):
    (site / PL).unlink()
    (found,) = problems(site)
    assert (found["path"], found["code"]) == (EN, "translation-missing")
    assert "docs/radar/a.pl.md" in found["message"]


def test_structural_differences_are_reported_per_kind(site):
    edit(site, CS, "## Proč na tom záleží", "### Proč na tom záleží")
    edit(site, CS, "- Zkusili jsme nejdřív retrieval?\n", "")
    edit(site, CS, "![graf](img/chart.png)", "![graf](img/graf.png)")
    edit(site, CS, "(other.md#proc)", "(jiny.md#proc)")
    edit(site, CS, "[[evals|evaly]]", "evaly")
    edit(site, CS, "https://example.com/post", "https://example.com/jiny")
    codes = {p["code"]: p for p in problems(site)}
    assert set(codes) == {
        "parity-headings",
        "parity-checklist",
        "parity-images",
        "parity-links",
        "parity-glossary",
        "parity-source",
    }
    assert all(p["path"] == CS for p in codes.values())
    assert codes["parity-headings"]["line"] == 16
    assert "'## Why it matters'" in codes["parity-headings"]["message"]
    assert "missing 'img/chart.png'" in codes["parity-images"]["message"]
    assert "missing 'evals'" in codes["parity-glossary"]["message"]
    assert "url: https://example.com/post" in codes["parity-source"]["message"]


def test_changed_english_makes_translations_outdated_with_a_diff_until_fingerprinted(site):
    edit(site, EN, "Most teams skip", "Nearly all teams skip")
    found = problems(site)
    assert [(p["path"], p["code"]) for p in found] == [(CS, "outdated"), (PL, "outdated")]
    diff = found[0]["detail"]
    assert "-Most teams skip [[evals]] and regret it." in diff
    assert "+Nearly all teams skip [[evals]] and regret it." in diff
    assert f"python -m lilith fingerprint {CS}" in found[0]["message"]

    human = lilith(site, "check")
    assert human.exit_code == 1 and "+Nearly all teams skip" in human.output

    result = lilith(site, "fingerprint", CS)
    assert result.exit_code == 0
    assert [(p["path"], p["code"]) for p in problems(site)] == [(PL, "outdated")]
    assert lilith(site, "fingerprint", "--all").exit_code == 0
    assert lilith(site, "check").exit_code == 0


def test_fingerprint_changes_only_the_translated_from_line(site):
    before = (site / CS).read_text(encoding="utf-8")
    edit(site, EN, "Most teams skip", "Teams skip")
    assert lilith(site, "fingerprint", str(site / CS)).exit_code == 0
    after = (site / CS).read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]
    assert len(changed) == 1 and changed[0][1].startswith("translated_from: ")


def test_fingerprint_refuses_a_broken_translation_and_changes_nothing(site):
    edit(site, EN, "Most teams skip", "Teams skip")
    _write(site, CS, (site / CS).read_bytes().replace(b"\n", b"\r\n"))
    before = tree_state(site)
    result = lilith(site, "fingerprint", CS)
    assert result.exit_code == 1
    assert "CRLF" in result.output
    assert tree_state(site) == before


@pytest.mark.parametrize(
    "args",
    [
        ["fingerprint"],
        ["fingerprint", CS, "--all"],
        ["fingerprint", EN],
        ["fingerprint", "docs/radar/nope.cs.md"],
        ["check", "--format", "xml"],
        ["check", "--no-such-option"],
        ["no-such-command"],
    ],
    ids=["nothing", "both", "english", "missing-file", "bad-format", "bad-option", "bad-command"],
)
def test_usage_errors_exit_2_and_change_nothing(site, args):
    before = tree_state(site)
    result = lilith(site, *args)
    assert result.exit_code == 2, result.output
    assert tree_state(site) == before


@pytest.mark.parametrize(
    ("config", "words"),
    [("site_name: t\ndocs_dir: content\n", "no docs folder"), ("site_name: [t\n", "not valid YAML")],
    ids=["no-docs", "broken-mkdocs-yml"],
)
def test_a_site_that_cannot_be_read_is_a_configuration_error(site, config, words):
    (site / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = lilith(site, "check")
    assert result.exit_code == 2
    assert words in result.output


def test_mkdocs_yml_python_and_env_tags_do_not_stop_check(site):
    (site / "mkdocs.yml").write_text(
        'site_url: !ENV [X, "https://a.b/"]\nmarkdown_extensions:\n  - toc:\n'
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds: {case: lower}\n",
        encoding="utf-8",
    )
    assert lilith(site, "check").exit_code == 0


def test_a_folder_without_mkdocs_yml_is_a_configuration_error(tmp_path):
    result = runner.invoke(app, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert "mkdocs.yml" in result.output


# -- formats --------------------------------------------------------------------------------


def test_github_format_writes_workflow_annotations(site):
    edit(site, CS, "title: Nejdřív evaly", "title: [oops")
    result = lilith(site, "check", "--format", "github")
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"::error file={CS},line=2,title=syntax::front matter is not valid YAML")


def test_junit_report_has_one_failure_per_error(site, tmp_path):
    edit(site, EN, "Most teams skip", "Teams skip")
    report = tmp_path / "reports" / "check.xml"
    result = lilith(site, "check", "--format", "json", "--junit", str(report))
    assert result.exit_code == 1
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite.get("failures") == "2"
    failures = [case.find("failure") for case in suite.iter("testcase")]
    assert all(f is not None and "outdated" in f.get("message") for f in failures)
    assert "+Teams skip" in failures[0].text


def test_junit_report_of_a_clean_site_passes(site, tmp_path):
    report = tmp_path / "clean.xml"
    assert lilith(site, "check", "--junit", str(report)).exit_code == 0
    suite = ET.parse(report).getroot().find("testsuite")
    assert suite.get("failures") == "0" and suite.get("tests") == "1"


def test_python_dash_m_lilith_is_the_entry_point(site):
    run = [sys.executable, "-m", "lilith", "check", "--root", str(site)]
    assert subprocess.run(run, capture_output=True, check=False).returncode == 0
    edit(site, PL, "date: 2026-11-20", "date: yesterday")
    broken = subprocess.run(run, capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert "docs/radar/a.pl.md" in broken.stdout and "Traceback" not in broken.stderr


def test_fingerprint_all_writes_nothing_while_any_translation_is_unreadable(site):
    edit(site, EN, "Most teams skip", "Teams skip")
    _write(site, PL, b"")
    before = tree_state(site)
    result = lilith(site, "fingerprint", "--all")
    assert result.exit_code == 1
    assert "docs/radar/a.pl.md" in result.output and "empty file" in result.output
    assert tree_state(site) == before  # a.cs.md is outdated too, and was not touched
