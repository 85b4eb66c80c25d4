"""Every internal link of the built site resolves: pages (directory URLs → index.html), files,
and #anchors (an id in the target page). Each broken link is reported with its page."""

from __future__ import annotations

from pathlib import Path

import pytest

from built_site import broken_links

pytestmark = pytest.mark.build


def test_every_internal_link_resolves(site):
    broken = broken_links(site)
    assert not broken, f"{len(broken)} trasiga länkar:\n" + "\n".join(broken)


def test_the_site_has_the_pages_the_links_lead_to(site):
    for path in ("index.html", "begrepp/index.html", "redigera/index.html", "data/avtal.json",
                 "2023-2026/utskrift/index.html", "2023-2026/riktlinjer/index.html"):
        assert (site / path).is_file(), path


# --- the crawler itself ----------------------------------------------------------

def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for path, body in pages.items():
        file = tmp_path / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("pages, expected", [
    ({"index.html": '<a href="a/">a</a>', "a/index.html": "<h1 id=x>A</h1>"}, []),
    ({"index.html": '<a href="a/#x">a</a>', "a/index.html": "<h1 id=x>A</h1>"}, []),
    ({"a/index.html": '<a href="../b/#y">b</a>', "b/index.html": "<p id=y></p>"}, []),
    ({"a/index.html": '<a href="#x">self</a><h2 id="x">x</h2>'}, []),
    ({"index.html": '<a href="https://lagen.nu/2017:30">ext</a><a href="mailto:a@b">m</a>'}, []),
    ({"index.html": '<svg><a href="a/">box</a></svg>', "a/index.html": ""}, []),
    ({"index.html": '<a href="/a/">root-relative</a>', "a/index.html": ""}, []),
    ({"index.html": '<a href="saknas/">x</a>'}, ["index.html: saknas/ (finns inte)"]),
    ({"index.html": '<a href="a/#nej">x</a>', "a/index.html": "<h1 id=x></h1>"},
     ["index.html: a/#nej (ankaret #nej saknas i a/index.html)"]),
    ({"a/index.html": '<a href="#borta">x</a>'}, ["a/index.html: #borta (ankaret #borta saknas i a/index.html)"]),
])
def test_crawler_finds_broken_links_and_anchors(tmp_path, pages, expected):
    assert broken_links(_site(tmp_path, pages)) == expected
