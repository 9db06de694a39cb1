"""Markdown blocks, as golden HTML."""

import textwrap

import markdown


def render(md: str, lang: str = "en") -> str:
    return markdown.markdown(
        textwrap.dedent(md),
        extensions=["lilith.blocks"],
        extension_configs={"lilith.blocks": {"lang": lang}},
    )


def test_verdict_block_renders_a_labelled_section_in_the_page_language():
    html = render(
        """
        /// verdict
        Skalpel ano.
        ///
        """,
        lang="cs",
    )
    assert html == textwrap.dedent(
        """\
        <section aria-labelledby="lilith-verdict" class="lilith-verdict">
        <h2 id="lilith-verdict">Verdikt Lilith</h2>
        <div class="lilith-verdict__body">
        <p>Skalpel ano.</p>
        </div>
        </section>"""
    )
