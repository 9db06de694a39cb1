"""Search that readers pay for by the query, not by the archive.

- `analysis`: how words are indexed: split, trimmed, lowercased, diacritics folded (the same
  rules as `overrides/assets/lilith/search-analyzer.js`, which also stems the query words);
- `shards`: one language's search index cut into small files: terms by their first letters,
  each page's texts on its own, fetched by the browser only for a query (read by
  `overrides/assets/lilith/search-worker.js`).

Exports nothing: import the module you need.
"""
