"""Session fixtures shared by the test modules: the real site built once, a copy with a draft
period built once, one HTTP server per built site and one Chromium for the whole session.

A build takes seconds and every module that reads a built site used to make its own; now
`make test` runs at most two `avtal build`s (both into temporary folders, never site/) besides
the tests that need a project of their own (the live preview of test_serve.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from built_site import CHROMIUM, ROOT, add_draft_period, add_payloads, build, copy_project, search_quality, serve

PERIOD = "2023-2026"
#: The day every status and term check is computed for in the tests (dates.today reads AVTAL_DATE),
#: so results do not change with the calendar; tests of other days set their own.
TEST_DAY = "2025-03-01"  # inside the term, before the notice deadline: no term warnings
os.environ.setdefault("AVTAL_DATE", TEST_DAY)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project built once by `avtal build` into a temporary folder."""
    if not (ROOT / "agreement" / PERIOD / "period.yaml").is_file():
        pytest.skip(f"agreement/{PERIOD}/period.yaml saknas: webbplatsen kan inte byggas utan periodens manifest")
    return build(ROOT, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def draft(tmp_path_factory) -> tuple[Path, str]:
    """A copy of the project with a draft period beside the current one, built once: (site, period).
    Three of the draft's titles carry a payload that passes the checker (built_site.PAYLOAD)."""
    root = copy_project(tmp_path_factory.mktemp("draft") / "project")
    period = add_draft_period(root)
    add_payloads(root, period)
    return build(root, root / "site-out"), period


@pytest.fixture(scope="session")
def history_repo(tmp_path_factory) -> Path:
    """The made-up revision of the test period 2091-2094 (tests/fixtures/report/revision.py: Del B of a
    test agreement at 1.0, then 1.1) as a git repository that builds: the real site_src, mkdocs.yml,
    schemas and tools beside it. Read only: tests that change it make their own."""
    import shutil
    import sys

    if shutil.which("git") is None:
        pytest.skip("git saknas")
    sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "report"))
    import revision

    return revision.history(tmp_path_factory.mktemp("versions") / "repo",
                            extra={"mkdocs.yml": ROOT / "mkdocs.yml", "site_src": ROOT / "site_src",
                                   "schemas@": ROOT / "schemas", "tools@": ROOT / "tools"})


@pytest.fixture(scope="session")
def history_site(history_repo) -> Path:
    """history_repo built once by `avtal build` (a few seconds: three documents) as on a day when the test
    period is in force: its version-1.0/ and jamforelse-1.0-1.1/ pages, a document with a version history."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AVTAL_DATE", "2093-01-01")
        return build(history_repo, history_repo / "site-out")


@pytest.fixture(scope="session")
def history_base(history_site) -> str:
    """history_site served over http on 127.0.0.1; its base URL."""
    with serve(history_site) as url:
        yield url


@pytest.fixture(scope="session")
def base(site) -> str:
    """The real site served over http on 127.0.0.1; its base URL."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def draft_base(draft) -> tuple[str, str]:
    """The draft copy served over http on 127.0.0.1: (base URL, draft period)."""
    site, period = draft
    with serve(site) as url:
        yield url, period


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium through Playwright, one browser for the session (pages are opened per test)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} saknas: installera Debians paket chromium (make browser-deps)")
    with search_quality.browser() as browser:
        yield browser
