"""The scanner the linker uses finds every text run, each with the protection around it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from lilith.glossary.html_runs import classes, text_runs


def runs(html: str) -> list[tuple[str, str | None]]:
    return [(html[run.start : run.end], run.zone) for run in text_runs(html)]


def texts(html: str) -> list[str]:
    return [text for text, _ in runs(html)]


def test_text_between_tags():
    assert texts('<p class="a">Drift <em>here</em>.</p>') == ["Drift ", "here", "."]


def test_runs_of_whitespace_alone_are_left_out():
    assert texts("<ul>\n  <li>drift</li>\n</ul>\n") == ["drift"]


def test_attributes_may_hold_angle_brackets_and_are_never_text():
    assert texts("<a title=\"a > b\" href='x>y'>drift</a>") == ["drift"]


def test_code_pre_script_svg_and_comments_are_taken_whole():
    html = (
        "<pre><code>drift <span>prompt</span></code></pre>"
        "<CODE>drift</CODE><script>if (a<b) x = '<p>drift</p>'</script>"
        "<!-- <p>drift</p> --><svg viewBox='0 0 1 1'><text>drift</text></svg><![CDATA[drift]]>"
    )
    assert texts(html) == []


def test_a_self_closing_svg_does_not_swallow_what_follows():
    assert texts('<svg class="i"/>drift') == ["drift"]


def test_a_less_than_sign_in_text_is_text():
    assert texts("<p>a < b and 3<4</p>") == ["a < b and 3<4"]


def test_headings_links_buttons_and_no_glossary_protect_their_text():
    html = (
        "<H2 id=x>Drift <em>now</em></H2><p>drift <a href='#'>a <b>link</b></a> "
        '<button>press</button><span class="x no-glossary">kept</span> after</p>'
    )
    assert runs(html) == [
        ("Drift ", "heading"),
        ("now", "heading"),
        ("drift ", None),
        ("a ", "plain"),
        ("link", "plain"),
        ("press", "plain"),
        ("kept", "plain"),
        (" after", None),
    ]


def test_void_and_self_closed_elements_open_nothing():
    assert runs("<h3>a<br>b<img src=x><wbr/>c</h3>d") == [
        ("a", "heading"),
        ("b", "heading"),
        ("c", "heading"),
        ("d", None),
    ]


def test_an_end_tag_closes_what_was_opened_inside_its_element():
    assert runs("<h2>x <a>y</h2>z</a>w") == [("x ", "heading"), ("y", "heading"), ("z", None), ("w", None)]


def test_an_end_tag_without_a_start_tag_is_ignored():
    assert runs("<a>x</p>y</a>z") == [("x", "plain"), ("y", "plain"), ("z", None)]


def test_nested_elements_of_the_same_name_close_in_order():
    html = '<div class="no-glossary"><div>x</div>y</div>z'
    assert runs(html) == [("x", "plain"), ("y", "plain"), ("z", None)]


def test_classes():
    assert classes('id="a" class="x no-glossary"') == ["x", "no-glossary"]
    assert classes("class=no-glossary") == ["no-glossary"]
    assert classes('data-class="no-glossary"') == []


# -- property: generated well-formed HTML ----------------------------------------------------

WORDS = st.text(alphabet="abc <>&;'\"", min_size=1, max_size=6).filter(
    lambda t: not t.isspace() and "<" not in t
)
OPENERS = {  # start tag -> the zone it gives
    "<p>": None,
    "<em>": None,
    '<div class="note">': None,
    "<h2 id='t'>": "heading",
    '<a href="x>y">': "plain",
    "<summary>": "plain",
    '<span class="no-glossary x">': "plain",
}


def _element(children):
    return st.tuples(st.sampled_from(sorted(OPENERS)), st.lists(children, max_size=3))


TREES = st.recursive(WORDS, _element, max_leaves=12)


def _render(tree, zone, out: list[str], expected: list[tuple[str, str | None]]) -> None:
    if isinstance(tree, str):
        out.append(tree)
        expected.append((tree, zone))
        return
    opener, children = tree
    out.append(opener)
    inner = "heading" if zone == "heading" or OPENERS[opener] == "heading" else zone or OPENERS[opener]
    for child in children:
        _render(child, inner, out, expected)
        out.append("<br>")  # keeps neighbouring words apart, as separate runs
    out.append(f"</{opener[1:].split(None, 1)[0].rstrip('>')}>")


@given(st.lists(TREES, min_size=1, max_size=4))
def test_every_text_of_generated_html_is_found_with_the_zone_of_its_ancestors(trees):
    out: list[str] = []
    expected: list[tuple[str, str | None]] = []
    for tree in trees:
        _render(tree, None, out, expected)
        out.append("<hr>")
    assert runs("".join(out)) == expected
