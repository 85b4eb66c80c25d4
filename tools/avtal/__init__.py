"""avtal: the Hälso- och sjukvårdsavtal of Västra Götaland as data.

load -> check / cite -> site / diff, each a subpackage; ``cli`` and ``site.mkdocs_hooks`` are thin
glue. The layers are declared in pyproject.toml ([tool.importlinter]) and checked in the tests.
"""
