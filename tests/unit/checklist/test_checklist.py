"""The `/// checklist` block: golden HTML, its syntax, and errors that name file and line."""

from __future__ import annotations

import gzip
import textwrap
from pathlib import Path

import markdown
import pytest
from lilith.checklist.syntax import ChecklistError, block_starts, item_hash
from lilith.text.languages import LANGUAGES
from lilith.text.strings import load

ROOT = Path(__file__).resolve().parents[3]
ASSETS = ROOT / "overrides" / "assets" / "lilith"


def render(md: str, lang: str = "en", **config: str) -> str:
    return markdown.markdown(
        textwrap.dedent(md),
        extensions=["lilith.blocks", "pymdownx.superfences"],
        extension_configs={"lilith.blocks": {"lang": lang, **config}},
    )


def check_markdown(md: str, expected: str, lang: str = "en", **config: str) -> None:
    """Markdown in, exact HTML out (as pymdown-extensions' tests do)."""
    assert render(md, lang, **config) == textwrap.dedent(expected).strip("\n")


def error(md: str, **config: str) -> str:
    with pytest.raises(ChecklistError) as exc:
        render(md, **config)
    return str(exc.value)


# -- golden HTML --------------------------------------------------------------------------------


def test_checklist_renders_fieldset_labelled_checkboxes_outcomes_and_result_region():
    check_markdown(
        """
        /// checklist | Ready to ship?
        - Do we have *evals*?
          | Write three evals first.
        - Is the brief written down?
        outcome all: **Ship it.**
        outcome 0-1: Not yet.
        ///
        """,
        """
        <div class="lilith-checklist no-glossary" data-checklist="ready-to-ship" id="checklist-ready-to-ship">
        <fieldset>
        <legend>Ready to ship?</legend>
        <p class="lilith-checklist__hint">Tick every question your team can answer “yes” to.</p>
        <ul class="lilith-checklist__items">
        <li data-hash="7d482868"><input autocomplete="off" id="checklist-ready-to-ship-1" type="checkbox" value="7d482868" /><label for="checklist-ready-to-ship-1">Do we have <em>evals</em>?</label><p class="lilith-checklist__lever"><span class="lilith-checklist__if">If not:</span> Write three evals first.</p>
        </li>
        <li data-hash="ef7196f5"><input autocomplete="off" id="checklist-ready-to-ship-2" type="checkbox" value="ef7196f5" /><label for="checklist-ready-to-ship-2">Is the brief written down?</label></li>
        </ul>
        </fieldset>
        <div class="lilith-checklist__key">
        <p class="lilith-checklist__heading">What your answers mean</p>
        <dl>
        <dt>“Yes” answers: 0–1</dt>
        <dd data-max="1" data-min="0">Not yet.</dd>
        <dt>“Yes” answers: 2</dt>
        <dd data-max="2" data-min="2"><strong>Ship it.</strong></dd>
        </dl>
        <p>For every question you cannot answer “yes” to yet, start with the step given under it.</p>
        </div>
        <div class="lilith-checklist__result" hidden="hidden">
        <p class="lilith-checklist__status" data-progress="“Yes” answers: {yes} of 2." role="status"></p>
        <div class="lilith-checklist__todo">
        <p class="lilith-checklist__heading">What to do first</p>
        <ol>
        <li data-hash="7d482868">Write three evals first.</li>
        <li data-hash="ef7196f5">Is the brief written down?</li>
        </ol>
        </div>
        <p class="lilith-checklist__actions"><a class="lilith-checklist__share" href="#checklist-ready-to-ship">Link to these answers</a><button data-action="copy" data-copied="Link copied." data-failed="Copying did not work; use the link “Link to these answers” instead." hidden="hidden" type="button">Copy link</button><button data-action="reset" type="button">Clear answers</button><span aria-live="polite" class="lilith-checklist__note"></span></p>
        </div>
        </div>
        """,  # noqa: E501
    )


def test_checklist_speaks_the_page_language_and_links_glossary_terms_and_pages():
    check_markdown(
        """
        /// checklist | Připraveni?
            id: ready

        - Máme evaluační sadu? -> glossary:evaluation-set
        - Víme, proč? -> [Proč evaly](../evals.md#why)
        - A co dál? -> other.md
        outcome none: Ne.
        outcome some: Skoro.
        outcome all: Ano.
        ///
        """,
        """
        <div class="lilith-checklist no-glossary" data-checklist="ready" id="checklist-ready">
        <fieldset>
        <legend>Připraveni?</legend>
        <p class="lilith-checklist__hint">Zaškrtněte každou otázku, na kterou váš tým může odpovědět „ano“.</p>
        <ul class="lilith-checklist__items">
        <li data-hash="ee01ccc3"><input autocomplete="off" id="checklist-ready-1" type="checkbox" value="ee01ccc3" /><label for="checklist-ready-1">Máme evaluační sadu?</label><p class="lilith-checklist__more">Glosář: <a class="lilith-checklist__term" href="../../glossary/evaluation-set/">evaluační sada</a></p>
        </li>
        <li data-hash="d6619c56"><input autocomplete="off" id="checklist-ready-2" type="checkbox" value="d6619c56" /><label for="checklist-ready-2">Víme, proč?</label><p class="lilith-checklist__more"><a href="../evals.md#why">Proč evaly</a></p>
        </li>
        <li data-hash="580a0bca"><input autocomplete="off" id="checklist-ready-3" type="checkbox" value="580a0bca" /><label for="checklist-ready-3">A co dál?</label><p class="lilith-checklist__more"><a href="other.md">Číst dál</a></p>
        </li>
        </ul>
        </fieldset>
        <div class="lilith-checklist__key">
        <p class="lilith-checklist__heading">Co vaše odpovědi znamenají</p>
        <dl>
        <dt>Odpovědi „ano“: 0</dt>
        <dd data-max="0" data-min="0">Ne.</dd>
        <dt>Odpovědi „ano“: 1–2</dt>
        <dd data-max="2" data-min="1">Skoro.</dd>
        <dt>Odpovědi „ano“: 3</dt>
        <dd data-max="3" data-min="3">Ano.</dd>
        </dl>
        </div>
        <div class="lilith-checklist__result" hidden="hidden">
        <p class="lilith-checklist__status" data-progress="Odpovědi „ano“: {yes}, otázek celkem: 3." role="status"></p>
        <div class="lilith-checklist__todo">
        <p class="lilith-checklist__heading">Co udělat nejdřív</p>
        <ol>
        <li data-hash="ee01ccc3">Máme evaluační sadu?</li>
        <li data-hash="d6619c56">Víme, proč?</li>
        <li data-hash="580a0bca">A co dál?</li>
        </ol>
        </div>
        <p class="lilith-checklist__actions"><a class="lilith-checklist__share" href="#checklist-ready">Odkaz na tyto odpovědi</a><button data-action="copy" data-copied="Odkaz je zkopírovaný." data-failed="Kopírování se nepovedlo; použijte raději odkaz „Odkaz na tyto odpovědi“." hidden="hidden" type="button">Zkopírovat odkaz</button><button data-action="reset" type="button">Vymazat odpovědi</button><span aria-live="polite" class="lilith-checklist__note"></span></p>
        </div>
        </div>
        """,  # noqa: E501
        lang="cs",
        page_url="cs/radar/x/",
    )


def test_polish_page_gets_polish_interface_and_the_polish_glossary_term():
    html = render(
        """
        /// checklist | Gotowi?
        - Czy mamy zbiór ewaluacyjny? -> glossary:evaluation-set
        outcome 0-1: Sprawdź.
        ///
        """,
        lang="pl",
        page_url="pl/radar/x/",
    )
    assert '<p class="lilith-checklist__more">Słownik pojęć: <a class="lilith-checklist__term"' in html
    assert 'href="../../glossary/evaluation-set/">zbiór ewaluacyjny</a>' in html
    assert 'data-progress="Odpowiedzi „tak”: {yes} z 1."' in html


# -- syntax -------------------------------------------------------------------------------------


def test_wrapped_lines_continue_the_question_the_step_or_the_outcome():
    html = render(
        """
        /// checklist | Wrapped
        - A long question
          that goes on?
          | A long step
          | in two lines.
          that ends here.
        outcome 0-1: An outcome
          on two lines.
        ///
        """
    )
    assert '<label for="checklist-wrapped-1">A long question that goes on?</label>' in html
    assert "</span> A long step in two lines. that ends here.</p>" in html
    assert '<dd data-max="1" data-min="0">An outcome on two lines.</dd>' in html


def test_task_list_habit_is_accepted_and_does_not_change_the_question():
    plain = render("/// checklist | T\n- Ready?\noutcome 0-1: x\n///\n")
    task = render("/// checklist | T\n- [ ] Ready?\noutcome 0-1: x\n///\n")
    assert plain == task


def test_only_the_last_arrow_points_somewhere():
    html = render("/// checklist | T\n- Is A -> B better? -> glossary:rag\noutcome 0-1: x\n///\n")
    assert '<label for="checklist-t-1">Is A -&gt; B better?</label>' in html
    assert '<a class="lilith-checklist__term" href="glossary/rag/">RAG</a>' in html


def test_item_hash_depends_only_on_the_question_text():
    assert item_hash("Do we have  evals?") == item_hash("Do we have\nevals?")
    assert item_hash("Do we have evals?") != item_hash("Do we have an eval set?")
    before = render("/// checklist | T\n- One?\n- Two?\noutcome 0-2: x\n///\n")
    after = render("/// checklist | T\n- One?\n- Two, edited?\noutcome 0-2: x\n///\n")
    assert f'value="{item_hash("One?")}"' in before and f'value="{item_hash("One?")}"' in after
    assert f'value="{item_hash("Two?")}"' in before and f'value="{item_hash("Two?")}"' not in after


def test_two_checklists_on_a_page_get_their_own_ids():
    html = render(
        """
        /// checklist | First
        - a?
        outcome 0-1: x
        ///

        /// checklist | Second
        - a?
        outcome 0-1: x
        ///
        """
    )
    assert 'id="checklist-first-1"' in html and 'id="checklist-second-1"' in html


def test_a_checklist_shown_as_code_is_left_alone():
    html = render(
        """
        ```markdown
        /// checklist | Example
        - a?
        ///
        ```
        """
    )
    assert "lilith-checklist" not in html and "/// checklist | Example" in html


def test_block_starts_skip_fenced_code():
    source = "```\n/// checklist | A\n```\n\n/// checklist | B\n"
    assert block_starts(source) == [(5, "B")]


# -- errors name file and line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("md", "expected"),
    [
        (
            "Intro.\n\n/// checklist | T\noutcome all: x\n///\n",
            "<markdown>:3: checklist: no items; list the questions as '- question' lines",
        ),
        (
            "/// checklist | T\n    id: a\n    colour: red\n\n- a?\noutcome 0-1: x\n///\n",
            "<markdown>:1: checklist: unknown option(s) colour; the only option is 'id'",
        ),
        (
            "/// checklist | T\n- a?\n- b?\noutcome all: x\noutcome none: y\n///\n",
            "<markdown>:1: checklist: no outcome for 1 ticked item(s); cover every count from 0 to 2",
        ),
        (
            "/// checklist | T\n- a?\n- b?\noutcome 0-1: x\noutcome some: y\noutcome all: z\n///\n",
            "<markdown>:5: checklist: 'outcome 0-1' and 'outcome some' both cover 1 ticked item(s)",
        ),
        (
            "/// checklist | T\n- a?\noutcome 0-3: x\n///\n",
            "<markdown>:3: checklist: 'outcome 0-3:' does not fit a checklist of 1 items",
        ),
        (
            "/// checklist | T\n- a?\noutcome most: x\n///\n",
            "<markdown>:3: checklist: 'outcome most:' counts are all, none, some, a number "
            "or a range like 0-3",
        ),
        (
            "/// checklist | T\n\n- a?\nthis line is wrong\noutcome 0-1: x\n///\n",
            "<markdown>:4: checklist: 'this line is wrong': expected '- question', "
            "'  | step if unticked' or 'outcome <count>: text'",
        ),
        (
            "/// checklist | T\n| a step with no question\n- a?\noutcome 0-1: x\n///\n",
            "<markdown>:2: checklist: a '| …' line (what to do if unticked) must follow an item",
        ),
        (
            "/// checklist | T\n- a?\n- b? -> glossary:evaluation-sets\noutcome 0-2: x\n///\n",
            "<markdown>:3: checklist: unknown glossary term 'evaluation-sets'; "
            "did you mean 'glossary:evaluation-set'?",
        ),
        (
            "/// checklist | T\n- a? -> https://example.com/\noutcome 0-1: x\n///\n",
            "<markdown>:2: checklist: '-> https://example.com/': point at 'glossary:<term-id>' "
            "or a relative page like '../other.md'",
        ),
        (
            "/// checklist | T\n- a?\n- a?\noutcome 0-2: x\n///\n",
            "<markdown>:3: checklist: the question 'a?' appears twice",
        ),
        (
            "Text.\n\n/// checklist\n- a?\noutcome 0-1: x\n///\n",
            "<markdown>:3: checklist: give the checklist a title: '/// checklist | Your title'",
        ),
        (
            "/// checklist | T\n    id: Not An Id\n\n- a?\noutcome 0-1: x\n///\n",
            "<markdown>:1: checklist: id 'Not An Id' must be lowercase letters, digits and hyphens",
        ),
        (
            "/// checklist | A\n    id: x\n- a?\noutcome 0-1: x\n///\n\n"
            "/// checklist | B\n    id: x\n- a?\noutcome 0-1: x\n///\n",
            "<markdown>:7: checklist: two checklists on this page have the id 'x'; give each its own 'id:'",
        ),
    ],
    ids=[
        "no-items",
        "unknown-option",
        "outcomes-leave-a-gap",
        "outcomes-overlap",
        "outcome-beyond-items",
        "unknown-count-word",
        "malformed-line",
        "step-without-item",
        "unknown-glossary-term",
        "target-not-a-page",
        "duplicate-question",
        "no-title",
        "bad-id",
        "duplicate-id",
    ],
)
def test_broken_block_is_an_error_naming_the_line(md, expected):
    assert error(md) == expected


def test_block_pymdownx_cannot_read_is_an_error_not_plain_text():
    """Broken YAML options make pymdownx leave the block as text; we refuse that."""
    message = error("Para.\n\n/// checklist | T\n    id: [oops\n\n- a?\noutcome 0-1: x\n///\n")
    assert message.startswith("<markdown>:3: checklist: this block was not read as a checklist")


def test_lines_count_in_the_markdown_file_front_matter_included(tmp_path: Path):
    source = tmp_path / "page.md"
    text = "---\ntitle: T\n---\n\nIntro.\n\n/// checklist | Same\n- a?\noutcome 0-1: x\n///\n\n"
    text += "/// checklist | Same\n    id: second\n\n- a?\n- b? -> glossary:nope\noutcome 0-2: x\n///\n"
    source.write_text(text, encoding="utf-8")
    body = text.split("---\n", 2)[2]  # MkDocs renders the body without front matter

    with pytest.raises(ChecklistError) as exc:
        render(body, src_path=str(source))

    assert exc.value.path == str(source)
    assert exc.value.line == 16  # the second block's item, counted from the top of the file
    assert str(exc.value).startswith(f"{source}:16: checklist: unknown glossary term 'nope'")


# -- strings and budget -------------------------------------------------------------------------


def test_every_checklist_string_is_translated():
    strings = {key: entry for key, entry in load().items() if key.startswith("checklist.")}
    assert len(strings) >= 10
    missing = [(key, lang) for key, entry in strings.items() for lang in LANGUAGES if not entry.get(lang)]
    assert missing == []


def test_checklist_javascript_and_css_fit_in_3_kb_gzipped():
    sizes = {
        name: len(gzip.compress((ASSETS / name).read_bytes(), compresslevel=9))
        for name in ("checklist.js", "checklist.css")
    }
    assert sum(sizes.values()) <= 3072, sizes
