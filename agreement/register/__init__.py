"""The statute register ``lagar.yaml``, installed as package data ``avtal.register``.

Editors keep it here with the rest of the corpus; ``avtal refs`` reads the installed copy with
``importlib.resources`` when it runs outside a project (a project's own register overrides it).
"""
