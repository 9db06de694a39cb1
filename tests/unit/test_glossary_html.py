"""The tokenizer the linker uses gives text runs and keeps all markup exactly as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lilith.glossary_html import classes, tokens


def kinds(html: str) -> list[tuple[str, str]]:
    return [(t.kind, t.raw) for t in tokens(html)]


@given(st.text(alphabet=st.sampled_from(list("<>/!-?\"'= apre[]CDATA&;x\n")), max_size=80))
def test_joining_the_tokens_gives_the_html_back(html):
    assert "".join(t.raw for t in tokens(html)) == html


def test_text_between_tags():
    assert kinds('<p class="a">Drift <em>here</em>.</p>') == [
        ("start", '<p class="a">'),
        ("text", "Drift "),
        ("start", "<em>"),
        ("text", "here"),
        ("end", "</em>"),
        ("text", "."),
        ("end", "</p>"),
    ]


def test_attributes_may_hold_angle_brackets_and_are_never_text():
    assert kinds("<a title=\"a > b\" href='x>y'>drift</a>") == [
        ("start", "<a title=\"a > b\" href='x>y'>"),
        ("text", "drift"),
        ("end", "</a>"),
    ]


def test_code_pre_script_svg_and_comments_are_taken_whole():
    html = (
        "<pre><code>drift <span>prompt</span></code></pre>"
        "<CODE>drift</CODE><script>if (a<b) x = '<p>drift</p>'</script>"
        "<!-- <p>drift</p> --><svg viewBox='0 0 1 1'><text>drift</text></svg>"
    )
    assert [kind for kind, _ in kinds(html)] == ["other"] * 5


def test_a_self_closing_svg_does_not_swallow_what_follows():
    assert kinds('<svg class="i"/>drift') == [("start", '<svg class="i"/>'), ("text", "drift")]


def test_a_less_than_sign_in_text_is_text():
    assert kinds("<p>a < b and 3<4</p>") == [("start", "<p>"), ("text", "a < b and 3<4"), ("end", "</p>")]


def test_tag_names_are_lowercased_and_self_closing_is_noted():
    start, end = tokens("<H2 id=x></H2>")
    assert (start.name, end.name) == ("h2", "h2")
    assert next(tokens("<br/>")).closed and not next(tokens("<br>")).closed


def test_classes():
    assert classes('id="a" class="x no-glossary"') == ["x", "no-glossary"]
    assert classes("class=no-glossary") == ["no-glossary"]
    assert classes('data-class="no-glossary"') == []
