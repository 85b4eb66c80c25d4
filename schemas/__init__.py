"""The JSON Schemas (2020-12) of the corpus files, installed as package data ``avtal.schemas``.

Editors use them from this folder (``.vscode/settings.json``); ``avtal.load.schema`` reads them
with ``importlib.resources``, so an installed ``avtal`` (pre-commit, a wheel) has them too.
"""
