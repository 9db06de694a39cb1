"""The glossary: terms in three languages, found in articles' text and linked.

- `terms`: one `glossary/<id>.yml` a term (`GlossaryTerm`), loaded and validated into a
  `Glossary` (`load_glossary`; `GlossaryError` names file and line), term URLs;
- `match`: finding terms in rendered HTML, forms and stems (cs/pl), and linking them
  (`link_terms`, `TermIndex`);
- `html_runs`: the text runs of an HTML body and whether each may be linked;
- `collation`: alphabetical order and index letters per language (Czech „ch“ after „h“);
- `pages`: the glossary's own pages (index, one entry per term) as Markdown, and
  `GlossarySite`, one build's record of which page uses which term (box, backlinks).

Exports `Glossary`, `GlossaryError`, `load_glossary` and `term_url` (from `terms`: loading
the glossary, as `python -m lilith check` does, does not load the linker and its stemmers).
"""

from lilith.glossary.terms import Glossary, GlossaryError, load_glossary, term_url

__all__ = ["Glossary", "GlossaryError", "load_glossary", "term_url"]
