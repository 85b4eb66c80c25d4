"""mkdocs glue: check the corpus, then add the generated pages and the navigation.

Loaded by mkdocs from mkdocs.yml (`hooks:`); everything of substance lives in
avtal.site and avtal.render, which know nothing of mkdocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from avtal.checks import check_root
from avtal.findings import Severity, format_text
from avtal.site import build_pages, nav

_pages: list = []


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    corpus, findings = check_root(root)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise PluginError("avtal check hittade fel:\n" + format_text(errors))
    _pages[:] = build_pages(corpus)
    docs = Path(config.docs_dir)
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    config.nav = nav(corpus, hand_written + [p.path for p in _pages])
    return config


def on_files(files: Files, config) -> Files:
    for page in _pages:
        files.append(File.generated(config, page.path, content=page.content))
    return files
