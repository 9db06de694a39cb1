"""The site: everything that knows MkDocs, Material or static-i18n, and what a build writes.

The MkDocs side:
- `plugin`: the `lilith` MkDocs plugin, which only dispatches events to the modules here;
- `config`: its options, and what it reads from MkDocs' config and static-i18n;
- `context`: what templates see as `lilith` (listing, article header, sharing tags);
- `markdown_options`: what the plugin tells `lilith.blocks` before each page;
- `generated`: tag, listing and glossary pages as MkDocs files and pages (glossary entries'
  pages 2 … n from `on_env`, once they can be counted; front-matter-only pages skip Markdown);
- `listing_pages`: the sources of pages 2 … n and of the archive, and what their templates see;
- `jinja_cache`: compiled templates kept between builds; `page_html`: small edits of pages;
- `parallel_build`: `python -m lilith build`, one process per language; `finish`: what each
  worker does after its build, with the parent (search shards, the CSP); `merge` joins them;
- `site_inputs`: what every language's build reads from the whole site, read once.

What the site is made of, from our own models: `listing` (home), `pagination` (20 a page,
`page/<n>/`), `archive` (by year and month), `related` (three related articles), `tags`, `feeds` (Atom),
`sitemap` (and hreflang alternates), `meta` (Open Graph), `search_index` (one per
language), `not_found` (404 in the reader's language), `csp` (the policy, from the built
pages), `outputs` (the site-wide files at the end of a build).

Exports nothing: importing it loads no MkDocs; import the module you need.
"""
