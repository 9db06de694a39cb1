"""Non-breaking spaces after one-letter words in Czech and Polish (lilith.text.typography).

Golden tests: HTML in, HTML out. `~` in an expected string stands for U+00A0 (serialized
as `&nbsp;` in HTML output).
"""

import difflib

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lilith.text import typography
from lilith.text.typography import glue_html, glue_text
from markupsafe import Markup


def nb(expected: str, html: bool = True) -> str:
    return expected.replace("~", "&nbsp;" if html else "\u00a0")


def check_html(source: str, lang: str, expected: str) -> None:
    out = glue_html(source, lang)
    want = nb(expected)
    if out != want:
        lines = difflib.unified_diff(want.splitlines(), out.splitlines(), "expected", "got", lineterm="")
        diff = "\n".join(lines)
        pytest.fail(f"glue_html({lang!r}) differs:\n{diff}")


# -- plain text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kladivo na každý problém a v praxi", "cs", "Kladivo na každý problém a~v~praxi"),
        ("K tomu s námi, u nás, o tom, z domu, i tak", "cs", "K~tomu s~námi, u~nás, o~tom, z~domu, i~tak"),
        ("V Praze a Z Brna", "cs", "V~Praze a~Z~Brna"),
        ("„A v tom je problém“", "cs", "„A~v~tom je problém“"),
        ("(s rezervou)", "cs", "(s~rezervou)"),
        ("W domu i z kotem, o tym, u nas, a potem", "pl", "W~domu i~z~kotem, o~tym, u~nas, a~potem"),
        ("Skalpel tak. Młotek na każdy problem – nie.", "pl", "Skalpel tak. Młotek na każdy problem – nie."),
        ("k domu, v Praze, s tebou", "pl", "k domu, v Praze, s tebou"),  # not Polish words
        ("w domu", "cs", "w domu"),  # not a Czech word
        ("a cat in a box", "en", "a cat in a box"),
        ("v Praze", "cs-CZ", "v~Praze"),
        ("řekl v\nPraze", "cs", "řekl v~Praze"),
        ("viz [[rag|v praxi]] a [[!o tom]]", "cs", "viz [[rag|v~praxi]] a~[[!o~tom]]"),  # explicit links
    ],
)
def test_plain_text(text, lang, expected):
    assert glue_text(text, lang) == nb(expected, html=False)


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/v a",  # the URL's "v" follows "/"
        "soubor a.txt, verze 2.a",  # letters inside names
        "viz v",  # nothing follows
        "modely,a tak",  # no space before the "a"
        "e-mail z@x.cz",
    ],
)
def test_one_letter_words_only_where_they_are_words(text):
    assert glue_text(text, "cs") == text


# -- HTML ---------------------------------------------------------------------------------


def test_text_in_paragraphs_lists_and_headings():
    check_html(
        "<h2>Proč a k čemu</h2>\n<ul>\n<li>a v praxi</li>\n</ul>\n<p>V tom je i problém.</p>",
        "cs",
        "<h2>Proč a~k~čemu</h2>\n<ul>\n<li>a~v~praxi</li>\n</ul>\n<p>V~tom je i~problém.</p>",
    )


def test_words_continue_across_inline_elements():
    check_html(
        "<p>v <em>Praze</em> a <a href='/x'>u nás</a> i <strong>s</strong> námi</p>",
        "cs",
        '<p>v~<em>Praze</em> a~<a href="/x">u~nás</a> i~<strong>s</strong>~námi</p>',
    )


def test_block_edges_and_line_breaks_end_a_word():
    check_html(
        "<p>konec a</p><p>začátek</p><p>a<br>v lese</p>",
        "cs",
        "<p>konec a</p><p>začátek</p><p>a<br>v~lese</p>",
    )


def test_code_pre_kbd_samp_script_and_style_are_never_touched():
    source = (
        "<p>Spusťte <code>a v b</code> a <kbd>k s</kbd> v terminálu</p>\n"
        '<pre><code class="language-python">if a and v in s:\n    o = u\n</code></pre>\n'
        "<p><samp>v a</samp></p><script>var a = 'v x';</script><style>a v { x: 1 }</style>"
    )
    check_html(
        source,
        "cs",
        "<p>Spusťte <code>a v b</code> a~<kbd>k s</kbd> v~terminálu</p>\n"
        '<pre><code class="language-python">if a and v in s:\n    o = u\n</code></pre>\n'
        "<p><samp>v a</samp></p><script>var a = 'v x';</script><style>a v { x: 1 }</style>",
    )


def test_attributes_and_urls_are_never_touched():
    check_html(
        '<p><a href="https://x.cz/a v/" title="a v Praze" data-x="k s">odkaz a</a> text</p>'
        '<p><img alt="v lese" src="a b.png"> https://example.com/v a</p>',
        "cs",
        '<p><a href="https://x.cz/a v/" title="a v Praze" data-x="k s">odkaz a</a>~text</p>'
        '<p><img alt="v lese" src="a b.png"> https://example.com/v a</p>',
    )


def test_lang_attributes_decide_which_rule_applies():
    check_html(
        '<p>Je to v Praze.</p><blockquote lang="en"><p>a cat in a box</p></blockquote>'
        '<p lang="pl">w domu i v Praze</p><p lang="">a v tom</p>',
        "cs",
        '<p>Je to v~Praze.</p><blockquote lang="en"><p>a cat in a box</p></blockquote>'
        '<p lang="pl">w~domu i~v Praze</p><p lang="">a v tom</p>',
    )


def test_an_english_page_changes_only_its_czech_or_polish_parts():
    source = '<p>a cat in a box</p><p lang="cs-CZ">a v tom</p>'
    check_html(source, "en", '<p>a cat in a box</p><p lang="cs-CZ">a~v~tom</p>')
    plain = "<p>a cat in a box</p>"
    assert glue_html(plain, "en") is plain  # untouched, not even re-serialized


def test_glossary_links_stay_intact():
    source = (
        '<p>fine-tuning <a class="lilith-term" href="../../glossary/evals/" data-term="evals" '
        'aria-describedby="lilith-def-evals">evaly</a> a <a class="lilith-term" href="../x/">validace</a> '
        "s daty</p>"
    )
    check_html(
        source,
        "cs",
        '<p>fine-tuning <a class="lilith-term" href="../../glossary/evals/" data-term="evals" '
        'aria-describedby="lilith-def-evals">evaly</a> a~<a class="lilith-term" href="../x/">validace</a> '
        "s~daty</p>",
    )


def test_entities_and_special_characters_survive():
    check_html(
        "<p>a &lt;b&gt; &amp; v &quot;x&quot; – z „y“</p>",
        "cs",
        '<p>a~&lt;b&gt; &amp; v~"x" – z~„y“</p>',
    )


def test_running_twice_changes_nothing_more():
    once = glue_html("<p>a v <em>Praze</em> i s námi</p>", "cs")
    assert glue_html(once, "cs") == once


# Pieces of HTML the quick test must see through: one-letter words, spaces of every kind,
# inline and block elements, code, entities, attributes holding ">", a "<" that is text.
_PIECES = [
    "v", "a", "Z", "w", "i", "o", "k", " ", "  ", "\n", "\u00a0", "Praze", "domu", "x",
    "<em>", "</em>", "<a href=\"/v z\">", "</a>", "<p>", "</p>", "<br>", "<li>", "</li>",
    "<code>", "</code>", "<span title=\"a > b\">", "</span>", "&nbsp;", "&quot;", "&#118;",
    "&amp;", "(", "„", "“", ".", "-", "/", " < ", "<!-- v x -->", "<i class='a > v'>", "</i>",
]  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["cs", "pl", "en"]))
def test_the_quick_test_never_skips_html_the_parser_would_change(pieces, lang):
    html = "".join(pieces)
    if typography._nothing_to_glue(html, lang):
        assert typography._glue_parsed(html, lang) == html


def test_html_without_one_letter_words_is_returned_as_it_is():
    html = "<p>Kladivo na každý problém</p>"
    assert glue_html(html, "cs") is html


# -- where the page's text language comes from ----------------------------------------------


@pytest.mark.parametrize(
    ("page_lang", "src_uri", "generated", "expected"),
    [
        ("cs", "radar/x.cs.md", False, "cs"),
        ("cs", "radar/x.md", False, "en"),  # static-i18n's English fallback
        ("pl", "index.pl.md", False, "pl"),
        ("en", "radar/x.md", False, "en"),
        ("cs", "cs/tags/x.md", True, "cs"),  # generated by our plugin, in its language
    ],
)
def test_text_language(page_lang, src_uri, generated, expected):
    assert typography.text_language(page_lang, src_uri, generated) == expected


# -- the Jinja filter ---------------------------------------------------------------------


def render(template: str, **context) -> str:
    env = jinja2.Environment(autoescape=True)
    typography.register(env)
    return env.from_string(template).render(**context)


def test_filter_uses_the_page_language_by_default():
    out = render("<h1>{{ title | nbsp }}</h1>", title="Skalpel a kladivo", lilith={"lang": "cs"})
    assert out == nb("<h1>Skalpel a~kladivo</h1>", html=False)


def test_filter_takes_the_text_language_of_a_fallback():
    template = "{{ lede | nbsp(item_lang) }}"
    assert render(template, lede="a v tom", item_lang="en", lilith={"lang": "cs"}) == "a v tom"
    assert render(template, lede="w domu", item_lang="pl", lilith={"lang": "cs"}) == nb("w~domu", html=False)


def test_filter_still_escapes_plain_text_and_keeps_markup_as_html():
    out = render("{{ t | nbsp }}", t="a <b> & v", lilith={"lang": "cs"})
    assert out == nb("a~&lt;b&gt; &amp; v", html=False)
    html = render("{{ t | nbsp }}", t=Markup("<em>a</em> v <code>a b</code>"), lilith={"lang": "cs"})
    assert html == nb("<em>a</em>~v~<code>a b</code>")


def test_filter_without_a_language_changes_nothing():
    assert render("{{ t | nbsp }}", t="a v tom") == "a v tom"
    assert render("{{ t | nbsp }}", t=None) == "None"
