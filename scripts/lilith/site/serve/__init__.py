"""`python -m lilith serve`: a live preview whose saves cost what they change.

- `server`: the command: MkDocs' live-reload server, our builder, the live-reload script as a
  file (the site's CSP stays), error banners, and the changes that need a full rebuild;
- `workers`: one warm forked process per language, run in parallel on every save;
- `standby`: a fork of each worker as its last good run left it, rendering a saved page alone
  the moment it is saved (the page first, the run's pages after); `alone`: that rendering;
- `session`: the builder the server runs on each save, the previews it asks for and shows;
- `warm`: a language's MkDocs build kept in memory, re-rendering only the pages whose inputs
  changed (and replaying what the skipped pages gave the rest of the build);
- `keys`: the digests that tell a page whose output would change (its source, what its
  template shows of the site: a listing page's window, an article's header and related);
- `inputs`, `skips`: the site checks' per-file steps and site-wide writes, remembered in a worker;
- `records`: what a skipped page replays (log records, glossary term use);
- `sync`: the served folder, updated from the workers' folders as the full build merges them
  (search entries of fallback pages, the root 404 page, the site-wide CSP), the search
  shards last, each page's word counts remembered.
"""
