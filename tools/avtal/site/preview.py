"""mkdocs' messages during ``avtal build`` and ``avtal serve``, in Swedish.

mkdocs run as a library logs nowhere; the CLI shows its log through ``show_log``, which puts each
known message into Swedish, leaves out what means nothing to an editor, and lets any other message
through unchanged (a message not listed here is better shown in English than lost).
"""

from __future__ import annotations

import logging
import re
import sys

# (mkdocs' message, the Swedish one, or None to leave it out), matched from the start of the message.
_MESSAGES = [
    (r"Building documentation\.\.\.", "Bygger webbplatsen …"),
    (r"Cleaning site directory", None),
    (r"Documentation built in ([\d.]+) seconds", "Webbplatsen byggdes på \\1 sekunder."),
    (r"Watching paths for changes: (.*)", "Bevakar ändringar i \\1."),
    (r"Serving on (\S+)", "Förhandsvisningen finns på \\1"),
    (r"Detected file changes", "En fil har ändrats."),
    (r"Reloading browsers", "Sidan laddas om i webbläsaren."),
    (r"Browser connected: (.*)", None),
    (r"Shutting down\.\.\.", "Förhandsvisningen avslutas."),
    (r"An error happened during the rebuild\..*",
     "Webbplatsen kunde inte byggas om. Rätta felen ovan; sidan visas igen när filen är sparad utan fel."),
]
_COMPILED = [(re.compile(pattern + r"$", re.S), swedish) for pattern, swedish in _MESSAGES]
_CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\] ")  # the preview server puts the time first
_DROPPED_LINES = {"Aborted with a BuildError!"}  # printed by mkdocs after the findings it has logged


class SwedishMessages(logging.Filter):
    """Rewrites a log record's message into Swedish (see ``_MESSAGES``), or drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """True to show the record (its message put into Swedish when known), False to leave it out."""
        message = record.getMessage()
        clock = _CLOCK.match(message)
        prefix = clock[0] if clock else ""
        for pattern, swedish in _COMPILED:
            match = pattern.match(message, len(prefix))
            if match:
                if swedish is None:
                    return False
                record.msg, record.args = prefix + match.expand(swedish), ()
                return True
        return True


class _Stderr:
    """sys.stderr without the lines mkdocs prints (not logs) after an error it has already reported."""

    def __init__(self, stream):
        self._stream = stream
        self._dropped = False  # print() writes the line, then its newline on its own

    def write(self, text: str) -> int:
        if text.strip() in _DROPPED_LINES or (self._dropped and text == "\n"):
            self._dropped = not self._dropped
            return len(text)
        self._dropped = False
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def show_log(quiet_stderr: bool = False) -> None:
    """Show mkdocs' log (and avtal's hook's) on stderr, in Swedish; quiet_stderr also leaves out the
    line mkdocs prints after a failed rebuild (``avtal serve``)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(SwedishMessages())
    for name in ("mkdocs", "avtal"):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    if quiet_stderr and not isinstance(sys.stderr, _Stderr):
        sys.stderr = _Stderr(sys.stderr)


def error_page(findings: list, other: str = "") -> bytes:
    """The page the preview shows for every address while the corpus has errors: each error finding with
    its place (file:line:col), message and hint, in Swedish; other: the message of any other failure."""
    from ..findings import Severity
    from ..templating import environment

    errors = [f for f in findings if f.severity is Severity.ERROR]
    return environment("avtal.site").get_template("preview_error.html").render(
        findings=errors, other=other).encode("utf-8")


class _NotRequests(logging.Filter):
    """Leaves out the preview server's line per answer (``[12:00:00] "GET /x/ HTTP/1.1" code 500``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _REQUEST.match(record.getMessage())


_REQUEST = re.compile(r'(?:\[[\d:]+\] )?"[A-Z]+ \S* HTTP/[\d.]+" code \d+$')


def serve(config_file: str, dev_addr: str, findings_of) -> None:
    """mkdocs' live preview (as ``mkdocs.commands.serve.serve``) that always answers: a rebuild that fails
    leaves a Swedish page listing the findings (``error_page``) in place of every page until the next good
    build, instead of mkdocs' server waiting for ever for a build that raised. The first build's failure
    is raised (the caller reports it). findings_of(exc): the findings behind a failed build, or None."""
    import shutil
    import tempfile
    from urllib.parse import urlsplit

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    site_dir = tempfile.mkdtemp(prefix="avtal_")
    # mkdocs logs every answer but 200 as a warning, which a build in strict mode (mkdocs.yml) running
    # meanwhile counts as its own: a reader's reload of the error page failed the next good build.
    logging.getLogger("mkdocs.livereload").addFilter(_NotRequests())

    class Server(LiveReloadServer):
        broken: bytes | None = None

        def _serve_request(self, environ, start_response):
            path = environ["PATH_INFO"]
            if self.broken is not None and not path.startswith("/livereload/") \
                    and (path.endswith("/") or path.endswith(".html")):
                with self._epoch_cond:
                    content = self._inject_js_into_html(self.broken, self._visible_epoch)
                start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8"),
                                                             ("Content-Length", str(len(content)))])
                return [content]
            return super()._serve_request(environ, start_response)

    def get_config():
        return load_config(config_file=config_file, site_dir=site_dir, dev_addr=dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    server = None

    def builder(config=None):
        logging.getLogger("mkdocs").info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        if server is None:  # the first build: its failure is the caller's
            build(config, serve_url=serve_url)
            return
        try:
            build(config, serve_url=serve_url)
        except Exception as exc:  # noqa: BLE001 - any failure is shown on the page, never a stuck server
            findings = findings_of(exc)
            if findings is None:
                logging.getLogger("avtal").error("Bygget misslyckades: %s: %s", type(exc).__name__, exc)
            server.broken = error_page(findings or [], "" if findings else f"Bygget misslyckades: {exc}")
            logging.getLogger("mkdocs").error("An error happened during the rebuild.")
            return
        server.broken = None

    try:
        builder(config)
        server = Server(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
