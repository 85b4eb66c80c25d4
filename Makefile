# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := true

.PHONY: serve site check test browser-deps clean bench pdf report search-quality search-compare citation-quality a11y

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/avtal check

site: $(STAMP)
	$(BIN)/avtal build

serve: $(STAMP)
	$(BIN)/avtal serve

# Debian's Chromium for the browser tests (Playwright cannot download a browser here).
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium saknas: installera Debians paket chromium (webbläsartesterna hoppas över)"; fi

# One PDF per contract period, printed by Chromium from the site's printable page, into site/; ADDRESS=the
# site's public address to name on the printout (else only mkdocs.yml's site_url, never localhost).
pdf: site browser-deps
	$(BIN)/python tools/make_pdf.py --site site $(if $(ADDRESS),--address "$(ADDRESS)")

# A change report to print or send on remiss: andringsrapport.html and .pdf, Chromium printing the
# HTML of `avtal diff OLD NEW --format report`. E.g. make report OLD=origin/main:2023-2026 NEW=2023-2026
# (LAYOUT=redline for the whole text with the changes inline; OUT=file.pdf for another name).
report: $(STAMP) browser-deps
	$(BIN)/python tools/make_pdf.py --report "$(OLD)" "$(NEW)" $(if $(LAYOUT),--layout $(LAYOUT)) --out $(or $(OUT),andringsrapport.pdf)

# Hit rates of the site search for the staff queries in tests/search_queries.yaml, typed key by key
# in Chromium; fails below the measured floor (tools/search_quality.py -v lists every query's results).
search-quality: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q -m search_quality

# The same queries against a Pagefind index of the same pages (the engine comparison of the README's
# "Search"): installs Pagefind from PyPI into the virtualenv (not a dependency of the site), then measures.
PAGEFIND := pagefind[bin]==1.5.2
search-compare: $(STAMP) browser-deps
	$(BIN)/pip install --quiet '$(PAGEFIND)'
	$(BIN)/python tools/search_quality.py --engine pagefind --latency

# Recall, precision and acts named by number of the citation parser over the golden cases in
# tests/citations/; fails below the floors (tools/citation_quality.py -v lists every case that differs).
citation-quality: $(STAMP)
	$(BIN)/python tools/citation_quality.py

# WCAG 2.1 AA: axe-core (wcag2a/2aa/21a/21aa) on every page of a fresh build at desktop and phone width, and
# every request each page makes; fails on any violation or request to another host (tools/a11y.py -v lists
# each element). `make test` checks a representative set of pages (tests/test_accessibility.py).
a11y: $(STAMP) browser-deps
	$(BIN)/python tools/a11y.py $(A11Y)

# Everything but the search measurement (about a minute on its own: make search-quality).
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest -q -m "not search_quality"

# Speed and sizes, medians; the numbers of issue 10 against their targets. Options: BENCH="--only serve".
bench: $(STAMP)
	$(BIN)/python tools/bench.py $(BENCH)

clean:
	rm -rf site .venv .pytest_cache
