"""Helpers for tests that need a built site: build the project (or a copy with a draft
period) into a temporary folder, serve it over http, crawl it.

Builds always go to temporary folders, never to site/.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
DRAFT_PERIOD = "2097-2100"  # far from any real period


def _load_search_quality():
    spec = importlib.util.spec_from_file_location("search_quality", ROOT / "tools" / "search_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("search_quality", module)
    spec.loader.exec_module(module)
    return module


search_quality = _load_search_quality()
serve = search_quality.serve


BUILD_LOG = "avtal-build.txt"  # what the build printed, beside site_dir


def build(root: Path, site_dir: Path) -> Path:
    """`avtal build` of a project folder into site_dir (a subprocess: mkdocs keeps global state);
    what it printed is kept in BUILD_LOG beside site_dir."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="true")
    result = subprocess.run([sys.executable, "-m", "avtal.cli", "--root", str(root), "build", "--site-dir", str(site_dir)],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise AssertionError(f"avtal build misslyckades ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    (site_dir.parent / BUILD_LOG).write_text(result.stdout + result.stderr, encoding="utf-8")
    return site_dir


def copy_project(target: Path) -> Path:
    """A copy of the project to change freely: agreement/, site_src/, mkdocs.yml copied;
    schemas/ and tools/ linked (the hook and the package stay the real ones)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "agreement", target / "agreement")
    shutil.copytree(ROOT / "site_src", target / "site_src")
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "schemas").symlink_to(ROOT / "schemas")
    (target / "tools").symlink_to(ROOT / "tools")
    return target


def add_draft_period(root: Path, period: str = DRAFT_PERIOD) -> str:
    """A draft period beside the current one: the current period's folder copied with the new id and
    title and no recorded events (without an adoption a period is a draft, avtal.status)."""
    source = max((p for p in (root / "agreement").iterdir() if re.fullmatch(r"\d{4}-\d{4}", p.name)),
                 key=lambda p: p.name)
    target = root / "agreement" / period
    shutil.copytree(source, target)
    manifest = target / "period.yaml"
    text = manifest.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^id: .*$', f'id: "{period}"', text, count=1)
    text = re.sub(r'(?m)^title: .*$', f"title: Hälso- och sjukvårdsavtal {period.replace('-', '–')} (förslag)", text,
                  count=1)
    text = re.sub(r"(?m)^events:\n(?:  .*\n)+", "", text, count=1)
    manifest.write_text(text, encoding="utf-8")
    return period


#: What an editor could put into a title and still pass the checker (no tag, no invisible character):
#: Markdown that would make a link or an image, an attribute list that would add a handler, quotes that
#: would end an attribute. The draft copy carries it (``add_payloads``); tests/test_site_safety.py scans.
PAYLOAD = ' [klicka](javascript:alert(1)) [](javascript:alert(5)) ![](javascript:alert(6)) ![bild](data:text/html,x) {: onclick="alert(2)" } \'" onmouseover="alert(3)'


def add_payloads(root: Path, period: str) -> None:
    """PAYLOAD appended to the title of the draft period, of Del B's first section and of its first
    guideline (written as double-quoted YAML)."""
    folder = root / "agreement" / period
    guideline = sorted((folder / "riktlinjer").glob("*.yaml"))[0]
    for path, pattern in ((folder / "period.yaml", r"(?m)^title: (.*)$"), (folder / "del-b.yaml", r"(?m)^    title: (.*)$"),
                          (guideline, r"(?m)^title: (.*)$")):
        text = path.read_text(encoding="utf-8")
        match = re.search(pattern, text)
        value = yaml.safe_load(match[1]) + PAYLOAD
        text = text[:match.start(1)] + json.dumps(value, ensure_ascii=False) + text[match.end(1):]
        path.write_text(text, encoding="utf-8")


# --- crawling ------------------------------------------------------------------

class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag in ("a", "span", "div") else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if attrs.get("href") is not None and tag in ("a", "link", "area"):
            self.links.append(attrs["href"])
        if attrs.get("src") is not None and tag in ("script", "img", "iframe", "source"):
            self.links.append(attrs["src"])


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def page_url(site: Path, path: Path) -> str:
    """The URL path of a file in the built site, relative to the site's root."""
    rel = path.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, url: str) -> Path | None:
    """The file a site-root-relative URL path serves: directory URLs give their index.html."""
    target = site / unquote(url)
    if url == "" or url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def broken_links(site: Path) -> list[str]:
    """Every internal href/src of every HTML page that does not resolve, or whose #anchor is not an id
    in the target page: 'page: link (why)'."""
    parsed: dict[Path, _PageParser] = {}

    def page(path: Path) -> _PageParser:
        if path not in parsed:
            parsed[path] = parse(path)
        return parsed[path]

    problems = []
    for path in sorted(site.rglob("*.html")):
        base = page_url(site, path)
        for link in page(path).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "javascript:", "data:")):
                continue
            if not parts.path and not parts.fragment:
                continue
            if not parts.path:  # "#anchor": this page
                target_url = base
            elif parts.path.startswith("/"):
                target_url = parts.path.lstrip("/")
            else:
                target_url = urlsplit(urljoin("http://x/" + base, parts.path)).path.lstrip("/")
            target = resolve(site, target_url)
            where = path.relative_to(site).as_posix()
            if target is None:
                problems.append(f"{where}: {link} (finns inte)")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page(target).ids:
                problems.append(f"{where}: {link} (ankaret #{parts.fragment} saknas i {target.relative_to(site)})")
    return problems
