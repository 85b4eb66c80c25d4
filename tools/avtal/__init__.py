"""avtal: the Hälso- och sjukvårdsavtal of Västra Götaland as data.

load (loader, corpus) -> check (checks, schema, citations, hierarchy, versions)
-> render (text, render) -> diff; a thin CLI (cli) and mkdocs glue (mkdocs_hooks).
"""
