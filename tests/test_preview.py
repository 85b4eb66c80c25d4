"""mkdocs' messages during avtal build and avtal serve come out in Swedish (avtal.site.preview)."""

from __future__ import annotations

import io
import logging

import pytest

from avtal.site.preview import SwedishMessages, _Stderr


@pytest.mark.parametrize("english, swedish", [
    ("Building documentation...", "Bygger webbplatsen …"),
    ("Documentation built in 0.70 seconds", "Webbplatsen byggdes på 0.70 sekunder."),
    ("[02:26:27] Watching paths for changes: 'agreement', 'schemas'",
     "[02:26:27] Bevakar ändringar i 'agreement', 'schemas'."),
    ("[02:26:27] Serving on http://127.0.0.1:8000/", "[02:26:27] Förhandsvisningen finns på http://127.0.0.1:8000/"),
    ("[02:26:30] Detected file changes", "[02:26:30] En fil har ändrats."),
    ("[02:26:30] An error happened during the rebuild. The server will appear stuck until build errors are resolved.",
     "[02:26:30] Webbplatsen kunde inte byggas om. Rätta felen ovan; sidan visas igen när filen är sparad utan fel."),
    ("Something mkdocs says that is not listed", "Something mkdocs says that is not listed"),
])
def test_a_known_message_is_put_into_swedish(english, swedish):
    record = logging.LogRecord("mkdocs", logging.INFO, __file__, 1, english, (), None)
    assert SwedishMessages().filter(record) is True
    assert record.getMessage() == swedish


@pytest.mark.parametrize("english", ["Cleaning site directory", "[02:26:30] Browser connected: http://x/"])
def test_a_message_that_means_nothing_to_an_editor_is_left_out(english):
    record = logging.LogRecord("mkdocs", logging.INFO, __file__, 1, english, (), None)
    assert SwedishMessages().filter(record) is False


def test_the_line_mkdocs_prints_after_a_reported_error_is_left_out():
    stream = io.StringIO()
    stderr = _Stderr(stream)
    print("avtal check hittade fel:", file=stderr)
    print("Aborted with a BuildError!", file=stderr)
    print("nästa rad", file=stderr)
    assert stream.getvalue() == "avtal check hittade fel:\nnästa rad\n"
