"""mkdocs glue: check the corpus, then add the generated pages, the navigation, the start
page's hierarchy picture and the open-data file.

Loaded by mkdocs from mkdocs.yml (`hooks:`); everything of substance lives in
avtal.site (build, pages, export), which know nothing of mkdocs.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from avtal.check import check_root
from avtal.check.report import format_text
from avtal.findings import Severity
from avtal.site.build import EXPORT_PATH, OTHER_PAGE_SEARCH_BOOST, build_pages, nav, search_boosts, start_page_html
from avtal.site.export import export

HIERARCHY_PLACEHOLDER = "<!-- avtal:hierarchy -->"

_state: dict = {"pages": [], "corpus": None, "boosts": {}}


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    corpus, findings = check_root(root)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise PluginError("avtal check hittade fel:\n" + format_text(errors))
    _state["corpus"] = corpus
    _state["pages"] = build_pages(corpus)
    _state["boosts"] = search_boosts(corpus)
    docs = Path(config.docs_dir)
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    config.nav = nav(corpus, hand_written + [p.path for p in _state["pages"]])
    return config


def on_files(files: Files, config) -> Files:
    for page in _state["pages"]:
        files.append(File.generated(config, page.path, content=page.content))
    data = export(_state["corpus"], base_url=config.site_url or "")
    files.append(File.generated(config, EXPORT_PATH, content=json.dumps(data, ensure_ascii=False, indent=1)))
    return files


def on_page_markdown(markdown: str, page, config, files):
    boost = _state["boosts"].get(page.file.src_uri, OTHER_PAGE_SEARCH_BOOST)
    if "search" not in page.meta and boost != 1.0:  # front matter decides when it says
        page.meta["search"] = {"boost": boost}
    if HIERARCHY_PLACEHOLDER in markdown:
        markdown = markdown.replace(HIERARCHY_PLACEHOLDER, start_page_html(_state["corpus"], page.file.src_uri))
    return markdown
