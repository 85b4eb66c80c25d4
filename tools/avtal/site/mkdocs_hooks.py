"""mkdocs glue: check the corpus, read the earlier versions of its documents from git, then add the
generated pages, the navigation, the start page's hierarchy picture, the open-data file and the
comparisons' styles.

Loaded by mkdocs from mkdocs.yml (``hooks:``); everything of substance lives in avtal.site
(build, pages, overview, export), which knows nothing of mkdocs. The corpus is loaded and checked
once per build, here; ``avtal build`` relies on this check (``CorpusHasErrors``) instead of its own.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from avtal.check import check_root
from avtal.check.report import format_text
from avtal.check.reviewed import apply_reviewed
from avtal.diff.report import stylesheet
from avtal.errors import CannotRun
from avtal.findings import Severity, summary
from avtal.git import is_shallow, last_change
from avtal.site.build import EXPORT_PATH, OTHER_PAGE_SEARCH_BOOST, build, nav, search_boosts
from avtal.site.export import export, unsafe_for_export
from avtal.site.overview import start_page_html
from avtal.site.publisher import BUILT_PLACEHOLDER, fill, publisher, warning
from avtal.site.search_text import index_html
from avtal.site.urls import Site
from avtal.site.versions import earlier_versions
from avtal.templating import bytecode_cache

HIERARCHY_PLACEHOLDER = "<!-- avtal:hierarchy -->"
COMPARISON_CSS = "stylesheets/lydelse.css"  # the two-column tables of comparisons (avtal.diff.report)
_log = logging.getLogger("avtal")

_state: dict = {"build": None, "corpus": None, "boosts": {}, "extras": {}, "publisher": {}}


class CorpusHasErrors(PluginError):
    """The corpus has errors, so the site is not built; ``findings`` holds every finding of the check.
    The message lists the errors and counts every finding (warnings and tips are listed by avtal check)."""

    def __init__(self, findings):
        errors = [f for f in findings if f.severity is Severity.ERROR]
        listed = format_text(errors).splitlines()[:-1]  # without the summary of the errors alone
        super().__init__("avtal check hittade fel:\n" + "\n".join(listed + [summary(findings)]))
        self.findings = findings


def on_config(config):
    """Check the corpus (raises CorpusHasErrors on errors), build every page once, set the navigation."""
    root = Path(config.config_file_path).resolve().parent
    corpus, findings = check_root(root)
    findings = apply_reviewed(corpus, findings)  # the same count as avtal check: "20 granskade"
    if any(f.severity is Severity.ERROR for f in findings):
        raise CorpusHasErrors(findings)
    unsafe = unsafe_for_export(corpus)  # the open data's own guarantee, kept even if the check was skipped
    if unsafe:
        raise CorpusHasErrors(unsafe)
    _log.info("Kontrollen av avtalet: %s", summary(findings))
    _state["corpus"] = corpus
    changed = {name: last_change(root, f"agreement/register/{name}") for name in ("lagar.yaml", "begrepp.yaml")}
    versions = read_versions(root, corpus)
    _state["build"] = build(corpus, Site.of(corpus, changed=changed), versions=versions)
    _state["boosts"] = search_boosts(corpus)
    _state["extras"] = extra_files(versions)
    docs = Path(config.docs_dir)
    hand_written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    config.nav = nav(corpus, hand_written + [p.path for p in _state["build"].pages], versions)
    config.extra_css.extend(path for path in _state["extras"] if path not in config.extra_css)
    _state["publisher"] = publisher(config.extra)
    if message := warning(_state["publisher"]):
        _log.warning(message)
    return config


def extra_files(versions: list) -> dict[str, str]:
    """{path: text} of the stylesheets the build adds (each also in extra_css): the comparisons' two-column
    tables (``avtal.diff.report.stylesheet``) when there are earlier versions to compare, else none."""
    return {COMPARISON_CSS: stylesheet()} if versions else {}


def read_versions(root: Path, corpus) -> list:
    """Every earlier version of each document, read from git (``avtal.site.versions``); none without git
    or outside a repository. Said at info level only: the site is right without them."""
    try:
        found = earlier_versions(root, corpus, warn=_log.info)
    except CannotRun as exc:
        _log.info("Tidigare versioner av dokumenten visas inte: %s", exc)
        return []
    if is_shallow(root):
        _log.info("git-historiken är avkortad (grund klon): tidigare versioner av dokumenten kan saknas. "
                  "Hämta hela historiken (actions/checkout: fetch-depth: 0).")
    return found


def on_files(files: Files, config) -> Files:
    """Add the generated pages and the open-data file (``data/avtal.json``) to mkdocs' files."""
    done = _state["build"]
    for page in done.pages:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=page.content, inclusion=inclusion))
    for path, text in _state["extras"].items():
        files.append(File.generated(config, path, content=text))
    data = export(_state["corpus"], base_url=config.site_url or "", site=done.site)
    files.append(File.generated(config, EXPORT_PATH, content=json.dumps(data, ensure_ascii=False, indent=1)))
    return files


def on_env(env, config, files):
    """The theme's templates are compiled once and kept between builds, as avtal's own are."""
    env.bytecode_cache = env.bytecode_cache or bytecode_cache()
    return env


def on_page_markdown(markdown: str, page, config, files):
    """Give the page its search weight, put the hierarchy picture in place of its placeholder and the
    publisher's facts in place of theirs (avtal.site.publisher)."""
    boost = _state["boosts"].get(page.file.src_uri, OTHER_PAGE_SEARCH_BOOST)
    if "search" not in page.meta and boost != 1.0:  # front matter decides when it says
        page.meta["search"] = {"boost": boost}
    if HIERARCHY_PLACEHOLDER in markdown:
        markdown = markdown.replace(HIERARCHY_PLACEHOLDER, start_page_html(_state["build"].site, page.file.src_uri))
    # the statement says on which day this build was made (the day statuses are computed for)
    markdown = markdown.replace(BUILT_PLACEHOLDER, _state["build"].site.today.isoformat())
    return fill(markdown, _state["publisher"])



# The search plugin indexes page.content in its on_page_context (priority 0). Before it, its index is
# made to read each page as site/search_text.py rewrites it (table rows as lines, blocks apart); the
# page itself, rendered after every on_page_context, stays as it is.
class _IndexView:
    """A page as the search index reads it: the same page with index_html of its content."""

    def __init__(self, page):
        self._page = page
        self.content = index_html(page.content or "")

    def __getattr__(self, name):
        return getattr(self._page, name)


@event_priority(50)
def on_page_context(context, page, config, nav):
    """Before the search plugin: its index reads the page with every block and table cell apart."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and not getattr(index, "avtal_index_view", False):
            add = index.add_entry_from_context
            index.add_entry_from_context = lambda page, add=add: add(_IndexView(page))
            index.avtal_index_view = True
    return context
