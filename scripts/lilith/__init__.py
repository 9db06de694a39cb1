"""Lilith: content models, checks and rendering for a trilingual MkDocs site.

MkDocs and Material only render; everything the site knows lives here, in plain
functions the plugin (`lilith.site.plugin`) calls and the tests call directly.
"""
