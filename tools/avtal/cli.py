"""The `avtal` command: a thin layer over load → check → render → diff.

Exit status: 0 clean, 1 findings (or a failed build), 2 could not run.
Messages are in Swedish; no command writes to agreement/ unless asked to.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from pathlib import Path

from .arguments import Commands, Parser, date_value, months
from .check.report import REPORTERS
from .errors import CannotRun
from .findings import failing
from .load import find_root

EXIT_OK, EXIT_FINDINGS, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a command ended by SIGPIPE, which Python ignores


def _root(args) -> Path:
    if not args.root:
        return find_root(Path.cwd())
    root = Path(args.root).resolve()
    if not (root / "agreement").is_dir():  # a mistyped --root is a command that cannot run, not a finding
        raise CannotRun(f"{root} är ingen projektmapp: mappen agreement/ saknas.")
    return root


def cmd_check(args) -> int:
    """`avtal check`: findings as text, JSON or annotations; 1 if any fail. Raises CannotRun (no project, --base)."""
    from .check import check_root

    root = _root(args)
    kwargs = {"warn_months": args.warn_months} if args.warn_months is not None else {}
    with _on_date(args):
        corpus, findings = check_root(root, **kwargs)
    changed = None
    if args.base:
        from .check.run import unusable_files
        from .check.versions import check_against_base, combine
        from .git import branch_start, changed_lines
        findings = combine(findings, check_against_base(root, args.base, corpus, unusable_files(findings)))
        if args.format == "github":
            changed = changed_lines(root, branch_start(root, args.base).commit)
    from .check.reviewed import apply_reviewed
    findings = apply_reviewed(corpus, findings)
    if args.format == "github":
        from .check.report import format_github, format_summary
        print(format_github(findings, changed))
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:  # every finding, reviewed ones too: the annotations show only the first ten of a kind
            with open(step_summary, "a", encoding="utf-8") as stream:
                stream.write(format_summary(findings, changed))
    else:
        print(REPORTERS[args.format](findings))
    return EXIT_FINDINGS if failing(findings, strict=args.strict) else EXIT_OK


@contextlib.contextmanager
def _on_date(args):
    """``--date``: the day statuses and the term's checks are computed for, while the command runs (the
    mkdocs hook too: ``dates.today`` reads AVTAL_DATE); the environment is restored afterwards."""
    before = os.environ.get("AVTAL_DATE")
    if getattr(args, "date", None):
        os.environ["AVTAL_DATE"] = args.date
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("AVTAL_DATE", None)
        else:
            os.environ["AVTAL_DATE"] = before


def _mkdocs_config(root: Path, **overrides):
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    from mkdocs.config import load_config

    return load_config(config_file=str(root / "mkdocs.yml"), **overrides)


def cmd_build(args) -> int:
    """`avtal build`: check, then mkdocs into site/ (or --site-dir); 1 on errors or a failed build. Raises CannotRun."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from .check.report import format_text

    root = _root(args)
    site_dir = Path(args.site_dir).resolve() if args.site_dir else root / "site"
    _show_hook_log()  # the hook says what the check found ("0 fel, 20 varningar …")
    try:  # the mkdocs hook loads and checks the corpus, once per build
        with _on_date(args):
            build(_mkdocs_config(root, site_dir=str(site_dir), strict=True))
    except MkDocsException as exc:
        findings = _hook_findings(exc)
        if findings is not None:
            print(format_text(findings))
            print("Webbplatsen byggs inte förrän felen är rättade.", file=sys.stderr)
        else:
            print(f"Bygget misslyckades: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    print(f"Webbplatsen är byggd i {site_dir}")
    return EXIT_OK


def _hook_findings(exc: BaseException) -> list | None:
    """The findings of the hook's CorpusHasErrors behind exc: mkdocs (1.6) logs a BuildError where no
    handler listens and raises its own "Aborted with a BuildError!" in its place, so the error is found
    on the chain of exceptions; None for any other failure."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        findings = getattr(exc, "findings", None)
        if findings is not None:
            return findings
        exc = exc.__cause__ or exc.__context__
    return None


def _show_hook_log() -> None:
    import logging

    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("avtal")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def cmd_serve(args) -> int:
    """`avtal serve`: the live preview at --addr until Ctrl+C (``site.preview.serve``). Exit 1 with the
    findings when the corpus has errors at start; a later broken edit shows them on every page instead.
    Raises CannotRun (no project, mkdocs cannot start)."""
    root = _root(args)
    print(f"Förhandsvisning på http://{args.addr}/ – ändringar i agreement/ byggs om automatiskt. Avsluta med Ctrl+C.")
    from .site.preview import serve, show_log

    show_log(quiet_stderr=True)  # called as a library, mkdocs logs nowhere: the findings on a rebuild would be lost
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    os.chdir(root)
    from click.exceptions import Abort
    from mkdocs.exceptions import MkDocsException

    try:
        serve(str(root / "mkdocs.yml"), args.addr, _hook_findings)
    except (Abort, MkDocsException) as exc:
        if _hook_findings(exc) is not None:  # already listed by mkdocs' log, each at its place
            print("Förhandsvisningen startar inte förrän felen är rättade.", file=sys.stderr)
            return EXIT_FINDINGS
        raise CannotRun("förhandsvisningen kunde inte starta (fel i mkdocs.yml); se meddelandet ovan.")
    return EXIT_OK


def cmd_refs(args) -> int:
    """`avtal refs`: one line (or JSON object) per citation in FILE or stdin. Raises CannotRun (missing, not UTF-8)."""
    from .cite.refs import citation_json, citation_line, find_in_file, project_register

    try:
        root = Path(args.root).resolve() if args.root else find_root(Path.cwd())
    except CannotRun:
        root = None
    if args.file == "-":
        name = "-"
        try:
            raw = _read_bounded(sys.stdin.buffer, "standard in").decode("utf-8")
        except UnicodeDecodeError:
            raise CannotRun("standard in är inte kodad i UTF-8; spara texten som UTF-8 och försök igen.") from None
    else:
        path = Path(args.file)
        try:
            _refuse_special(path, args.file)
            with path.open("rb") as stream:
                raw = _read_bounded(stream, f"filen {args.file}").decode("utf-8")
        except FileNotFoundError:
            hint = ""
            if not path.suffix or " " in args.file or "§" in args.file:
                # "avtal refs '16 kap. 4 § HSL'": a text where a file name belongs
                hint = (" Vill du läsa en text? Skriv texten på standard in med -, t.ex. "
                        "echo '16 kap. 4 § HSL' | avtal refs -")
            raise CannotRun(f"filen {args.file} finns inte.{hint}") from None
        except IsADirectoryError:
            raise CannotRun(f"{args.file} är en mapp, inte en fil; ange en fil (t.ex. en YAML-fil i agreement/) "
                            "eller - för standard in.") from None
        except PermissionError:
            raise CannotRun(f"filen {args.file} går inte att läsa (behörighet saknas).") from None
        except UnicodeDecodeError:
            raise CannotRun(f"filen {args.file} är inte kodad i UTF-8.") from None
        name = args.file
    index, problem = project_register(root)
    if problem is not None:
        print(f"{problem.position}: fel: projektets lagregister går inte att använda ({problem.message.rstrip('.')}); "
              "hänvisningarna nedan bygger på registret som följer med paketet. Rätta filen (avtal check visar "
              "alla fel).", file=sys.stderr)
    found = find_in_file(name, raw, index)
    for position, citation in found:
        print(citation_json(position, citation) if args.format == "json" else citation_line(position, citation))
    if args.format == "text":
        count = len(found)
        print(f"{count} lagrumshänvisning{'' if count == 1 else 'ar'}.", file=sys.stderr)
    return EXIT_FINDINGS if problem is not None else EXIT_OK


#: The most `avtal refs` reads, from a file or standard in: the bound within which any input is read in a few
#: seconds (issue 11; 1 MB of citations: about 3 s); larger input is refused before it is read in full, so that
#: no file or pipe can fill the memory.
REFS_MAX_BYTES = 1024 * 1024


def _refuse_special(path: Path, shown: str) -> None:
    """CannotRun for a path that is neither a regular file nor a folder (nor missing): a device such as
    /dev/zero, a named pipe or a socket would be read without end or wait for ever."""
    if not path.exists() or path.is_dir():
        return  # said below, as the read fails
    mode = path.stat().st_mode
    if stat.S_ISREG(mode):
        return
    what = ("en namngiven pipe" if stat.S_ISFIFO(mode) else "en socket" if stat.S_ISSOCK(mode)
            else "en enhet" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "ingen vanlig fil")
    raise CannotRun(f"{shown} är {what}, inte en vanlig fil, och läses inte; ange en fil, eller - för standard in.")


def _read_bounded(stream, shown: str) -> bytes:
    """At most REFS_MAX_BYTES from stream (a binary file); CannotRun (Swedish, naming shown) for more."""
    data = stream.read(REFS_MAX_BYTES + 1)
    if len(data) > REFS_MAX_BYTES:
        raise CannotRun(f"{shown} är större än {REFS_MAX_BYTES // 1024 // 1024} MB; avtal refs läser högst "
                        f"{REFS_MAX_BYTES // 1024 // 1024} MB. Dela upp texten i mindre delar.")
    return data


def cmd_diff(args) -> int:
    """`avtal diff`: the comparison of two sides in --format; always 0. Raises CannotRun (unknown side or
    revision, or both sides naming the same thing)."""
    from .diff import data, diff_targets, html, markdown, report, terminal
    from .diff.sides import Reader, refuse_same

    if args.layout and args.format != "report":
        raise CannotRun("--layout gäller bara --format report.")
    refuse_same(args.old, args.new)
    reader = Reader(_root(args))
    old, new = reader.side(args.old), reader.side(args.new)
    try:
        result = diff_targets(old.period, old.target, new.period, new.target,
                              old_statutes=old.corpus.statutes, new_statutes=new.corpus.statutes,
                              old_label=args.old, new_label=args.new)
    except ValueError as exc:
        raise CannotRun(str(exc)) from None
    if args.format == "terminal":
        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                             and not os.environ.get("NO_COLOR"))
        sys.stdout.write(terminal.format_terminal(result, colour=colour))
    elif args.format == "markdown":
        sys.stdout.write(markdown.format_markdown(result, full_url=args.full_url))
    elif args.format == "html":
        sys.stdout.write(html.format_html(result, date=report.today()))
    elif args.format == "report":
        sys.stdout.write(report.format_report(result, old.period, new.period, date=report.today(),
                                              layout=args.layout or report.TABLE))
    else:
        sys.stdout.write(data.format_json(result))
    return EXIT_OK  # a comparison is informational


def cmd_new_period(args) -> int:
    """`avtal new-period`: a draft copy of --from as NY; 0 when made. Raises CannotRun if refused (nothing written)."""
    from collections import Counter

    from .newperiod import create_period

    root = _root(args)
    created = create_period(root, args.new, args.old)  # a refusal is a CannotRun: nothing was written
    shown = created.folder.relative_to(root).as_posix()
    print(f"Skapade {shown}/ ({created.files} filer) som utkast, kopierat från {args.old}.")
    if created.warnings:
        codes = Counter(f.code for f in created.warnings)
        detail = ", ".join(f"{code} {n}" for code, n in codes.most_common())
        n = len(created.warnings)
        print(f"Att se över i utkastet: {n} {'varning' if n == 1 else 'varningar'} ({detail}); "
              "kör avtal check för detaljer.")
    print(f"Jämför med: avtal diff {args.old} {args.new}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The `avtal` parser: one command per subparser, each with `func` (args -> exit status) as default."""
    parser = Parser(prog="avtal", description="Hälso- och sjukvårdsavtalet som data: kontroll, webbplats och jämförelser.")
    parser.add_argument("--root", metavar="MAPP",
                        help="projektmappen (standard: närmaste mapp med agreement/ och mkdocs.yml)")
    sub = parser.add_subparsers(dest="command", action=Commands, parser_class=Parser, title="kommandon")

    check = sub.add_parser("check", help="kontrollera hela korpusen")
    check.add_argument("--format", choices=sorted(REPORTERS), default="text", help="utdataformat")
    check.add_argument("--strict", action="store_true", help="varningar räknas som fel")
    check.add_argument("--base", metavar="REV", help="jämför versioner med en git-revision, t.ex. origin/main")
    check.add_argument("--date", metavar="DATUM", type=date_value,
                       help="kontrollera avtalstiden per den dagen, ÅÅÅÅ-MM-DD (standard: i dag)")
    check.add_argument("--warn-months", metavar="MÅNADER", type=months, default=None,
                       help="varna så många månader innan avtalstiden löper ut (standard: 12)")
    check.set_defaults(func=cmd_check)

    build = sub.add_parser("build", help="kontrollera och bygg webbplatsen i site/")
    build.add_argument("--site-dir", metavar="MAPP", help="målmapp (standard: site/)")
    build.add_argument("--date", metavar="DATUM", type=date_value,
                       help="bygg webbplatsen med statusen för den dagen, ÅÅÅÅ-MM-DD (standard: i dag)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="förhandsvisa webbplatsen och bygg om vid ändringar")
    serve.add_argument("--addr", metavar="ADRESS", default="127.0.0.1:8000",
                       help="adress och port (standard 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)

    refs = sub.add_parser("refs", help="hitta lagrumshänvisningar i text")
    refs.add_argument("file", metavar="FIL", nargs="?", default="-",
                      help="textfil eller korpusfil (YAML); - läser standard in")
    refs.add_argument("--format", choices=("text", "json"), default="text", help="utdataformat (standard: text)")
    refs.set_defaults(func=cmd_refs)

    diff = sub.add_parser("diff", help="jämför två perioder, dokument eller avsnitt (även vid en git-revision)",
                          description="Varje sida är PERIOD, PERIOD:ID (dokument eller avsnitt) eller REV:PERIOD[:ID], "
                                      "t.ex. 2023-2026, 2023-2026:del-b, HEAD~1:2023-2026:b-lagstiftning.")
    diff.add_argument("old", metavar="GAMMAL", help="det som jämförs från, t.ex. origin/main:2023-2026")
    diff.add_argument("new", metavar="NY", help="det som jämförs till, t.ex. 2023-2026")
    diff.add_argument("--format", choices=("terminal", "markdown", "html", "json", "report"), default="terminal",
                      help="utdataformat (standard: terminal); report: ändringsrapport att skriva ut")
    diff.add_argument("--layout", choices=("table", "redline"), help="rapportens uppställning: table (två spalter, "
                      "standard) eller redline (hela texten, ändringarna i löpande text)")
    diff.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                      help="färg i terminalen (standard: när utdata går till en terminal)")
    diff.add_argument("--full-url", metavar="URL", help="länk till hela jämförelsen när Markdown-texten blir för lång")
    diff.set_defaults(func=cmd_diff)

    new_period = sub.add_parser("new-period", help="skapa nästa avtalsperiod som utkast, kopierad från en befintlig")
    new_period.add_argument("new", metavar="NY", help="den nya periodens namn, t.ex. 2027-2030")
    new_period.add_argument("--from", dest="old", metavar="GAMMAL", required=True,
                            help="perioden som kopieras, t.ex. 2023-2026")
    new_period.set_defaults(func=cmd_new_period)
    return parser


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (sys.argv[1:] when None) as a Namespace with `command` and `func` set.

    Raises CannotRun, after printing the usage line to stderr, for any bad or missing argument.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.fail("ange ett kommando, t.ex. avtal check. Se avtal --help.")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the command line argv (sys.argv[1:] when None); the exit status: 0 clean, 1 findings, 2 could not run.

    The one place where CannotRun becomes `avtal: <message>` on stderr and exit 2; any other error is
    reported as an internal error, without a traceback unless AVTAL_DEBUG is set. Output into a pipe
    whose reader has gone (``| head -1``) ends the command quietly with EXIT_BROKEN_PIPE (141).
    """
    try:
        args = parse_arguments(argv)
        return args.func(args)
    except CannotRun as exc:
        print(f"avtal: {exc}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    except KeyboardInterrupt:
        return EXIT_CANNOT_RUN
    except BrokenPipeError:  # the reader stopped reading (avtal check | head -1): nothing more to say
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # never a traceback for users; say what failed
        print(f"avtal: internt fel ({type(exc).__name__}: {exc}). Rapportera gärna felet med kommandot du körde.",
              file=sys.stderr)
        if os.environ.get("AVTAL_DEBUG"):
            raise
        return EXIT_CANNOT_RUN


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's final flush of what is left finds no closed
    pipe to complain about ("Exception ignored … BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (e.g. captured in a test)
        pass


if __name__ == "__main__":
    sys.exit(main())
