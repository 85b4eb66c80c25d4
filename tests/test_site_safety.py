"""Defence in depth on the built site (issue 11): no page of the real site, nor of the draft copy whose
titles carry what an editor could slip past the checker (built_site.PAYLOAD: Markdown links to
``javascript:`` and ``data:``, an attribute list with a handler, quotes), holds a ``javascript:``,
``data:`` or ``vbscript:`` target, an inline event handler, a frame or object, or a script other than
the theme's own; neither does the search index, whose texts the theme shows as HTML.

The theme's own: a script loaded from the site's assets (Material's bundle, our javascripts/sok.js), an
inline script that every page has as the 404 page has it (Material's base template), and Material's
search share button, ``<a href="javascript:void(0)" data-md-component="search-share">``.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from built_site import PAYLOAD

pytestmark = pytest.mark.build

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite", "srcset"}
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "form"}
THEME_SHARE = ("a", "javascript:void(0)", "search-share")
THEME_FORM = "search"  # Material's search box is a <form name="search">


class _Scan(HTMLParser):
    """Every start tag with its attributes, and every script with its attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._script: tuple[dict, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name.lower(): value or "" for name, value in attrs}
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = (attrs, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def scan(html: str) -> _Scan:
    parser = _Scan()
    parser.feed(html)
    parser.close()
    return parser


def _target(value: str) -> str:
    """An attribute's URL as a browser reads its scheme: without spaces and control characters, lower case."""
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


def faults(html: str, theme_scripts: set[str], site: Path, page: Path) -> list[str]:
    """What the page holds that the theme does not put there."""
    parsed = scan(html)
    found = []
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>: en inbäddad händelsehanterare")
            if name in URL_ATTRIBUTES and _target(value).startswith(SCRIPT_SCHEMES):
                if (tag, _target(value), attrs.get("data-md-component")) != THEME_SHARE:
                    found.append(f"<{tag} {name}={value[:40]!r}>: ett skript som länkmål")
        if tag in FORBIDDEN_TAGS and not (tag == "form" and attrs.get("name") == THEME_FORM):
            found.append(f"<{tag}>: en ram, ett objekt eller formulär")
    for attrs, text in parsed.scripts:
        if "src" in attrs:
            source = (page.parent / attrs["src"]).resolve() if not attrs["src"].startswith("/") else \
                (site / attrs["src"].lstrip("/")).resolve()
            if re.match(r"^[a-z][a-z0-9+.-]*:|^//", attrs["src"], re.I) or not source.is_file() or \
                    site.resolve() not in source.parents:
                found.append(f"<script src={attrs['src']!r}>: ett skript utanför webbplatsens egna filer")
        elif normalised(text, attrs) not in theme_scripts:
            found.append(f"<script>{text[:60]!r}: ett inbäddat skript som inte är temats")
    if len(re.findall(r"<script", html, re.I)) != len(parsed.scripts):
        found.append("'<script' står oskyddat utanför temats skript")
    return found


def normalised(script: str, attrs: dict) -> str:
    """An inline script without what differs from page to page: the path to the site's root (in
    Material's configuration, ``base`` and ``search``, and in its scope script)."""
    if attrs.get("id") == "__config":
        config = json.loads(script)
        return json.dumps({k: v for k, v in config.items() if k not in ("base", "search")}, sort_keys=True)
    return re.sub(r'new URL\("[^"]*",location\)', "new URL(ROT,location)", script)


def theme_scripts(site: Path) -> set[str]:
    """The inline scripts of the 404 page, which holds nothing from the corpus: the theme's own."""
    return {normalised(text, attrs) for attrs, text in scan((site / "404.html").read_text(encoding="utf-8")).scripts
            if "src" not in attrs}


@pytest.fixture(scope="module", params=["site", "draft"])
def built(request) -> Path:
    if request.param == "site":
        return request.getfixturevalue("site")
    return request.getfixturevalue("draft")[0]


def test_no_page_holds_script_the_theme_does_not_put_there(built):
    allowed = theme_scripts(built)
    assert len(allowed) >= 3  # Material's scope, palette and tabs scripts, and its configuration
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 15
    found = {page.relative_to(built).as_posix(): f for page in pages
             if (f := faults(page.read_text(encoding="utf-8"), allowed, built, page))}
    assert found == {}


def test_the_search_index_holds_no_script(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [(doc["location"], fault) for doc in index["docs"]
             for fault in faults(doc.get("title", "") + doc.get("text", ""), set(), built, built / "x")]
    assert found == []


def test_the_draft_shows_the_payload_as_words(draft):
    """The payload did reach the draft's pages (so the scan above saw it), as text."""
    site, period = draft
    pages = {page.parent.name: page.read_text(encoding="utf-8") for page in (site / period).rglob("index.html")}
    shown = {name for name, text in pages.items() if "[klicka](javascript:alert(1))" in text}
    assert {period, "del-b", "riktlinjer", "utskrift"} <= shown
    for name in shown:
        assert not [(tag, a) for tag, attrs in scan(pages[name]).tags for a in attrs if a.startswith("on")]
        assert text_of(pages[name]).count('{: onclick="alert(2)" } \'" onmouseover="alert(3)') >= 1


def text_of(html: str) -> str:
    """The page's text as a reader sees it (entities read)."""
    class _Text(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def test_the_table_of_contents_shows_quotes_as_written(draft):
    """A title's quotes reach the table of contents once escaped, not twice (no "&#34;" shown as words)."""
    site, period = draft
    page = (site / period / "del-b" / "index.html").read_text(encoding="utf-8")
    toc = re.findall(r'<a href="#[^"]+" class="md-nav__link">\s*<span class="md-ellipsis">(.*?)</span>', page, re.S)
    entry = [text_of(t).strip() for t in toc if "klicka" in t]
    assert entry and entry[0].endswith('{: onclick="alert(2)" } \'" onmouseover="alert(3)'), toc
    assert not [t for t in toc if "&amp;#" in t or "&amp;quot;" in t]


def test_the_payload_passes_the_checker():
    """Else the draft could not be built: the payload is what the checker lets through."""
    assert "<" not in PAYLOAD and "javascript:" in PAYLOAD


@pytest.mark.parametrize("html", [
    '<a href="javascript:alert(1)">x</a>', '<a href=" JaVa\tScript:alert(1)">x</a>', '<img src="data:image/svg+xml,x">',
    '<p onclick="alert(1)">x</p>', '<svg><a xlink:href="javascript:alert(1)">x</a></svg>', '<script>alert(1)</script>',
    '<script src="https://example.org/x.js"></script>', '<iframe src="https://example.org"></iframe>',
    '<form action="https://example.org"></form>', '<p title="<script">x</p><!-- <script -->',
])
def test_the_scan_finds_each_kind_of_script(html, tmp_path):
    """The scan is not vacuous: each of these, put into a page, is a fault."""
    (tmp_path / "404.html").write_text("<p></p>", encoding="utf-8")
    assert faults(html, theme_scripts(tmp_path), tmp_path, tmp_path / "index.html")
