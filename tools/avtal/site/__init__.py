"""Site: the agreement as pages for mkdocs, the start page's picture, and the open-data file.

``build.build_pages(corpus)`` gives every generated page; ``mkdocs_hooks`` is the thin glue
mkdocs loads from mkdocs.yml. Nothing here but the hook knows mkdocs.
"""
