"""What lies under agreement/ on disk besides the files that are read: links, and what would be passed over.

``tree`` lists files, links and folders without following a link; ``passed_over`` gives a finding for each
thing an editor may have added that would not be read (nothing is left out silently); ``link_finding`` the
finding for a link.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..findings import Finding, Position, error, shown_file, warning
from .yamlfile import display_path

PERIOD_FILE = "period.yaml"
REGISTER_DIR = "register"


def hidden(relative: Path) -> bool:
    """A name under agreement/ that starts with a dot: hidden in file managers and most editors."""
    return any(part.startswith(".") for part in relative.parts)


#: Files and folders under agreement/ that are not the corpus but belong there: the statute register is also
#: the package ``avtal.register`` (pyproject.toml), whose marker and byte-code Python keeps beside it.
ALLOWED = {("register", "__init__.py"), ("register", "__pycache__")}
#: What editors and file managers leave beside a file (a backup, a swap or lock file, a folder's metadata):
#: a warning, not an error, since the editor may still have the file open. Sources: vim (``.swp``, ``.swo``,
#: ``x~``), Emacs (``x~``, ``#x#``), Microsoft Office (``~$x``), patch and git merges (``.orig``, ``.rej``),
#: macOS (``.DS_Store``), Windows (``Thumbs.db``, ``desktop.ini``).
_LEFTOVER_SUFFIXES = (".swp", ".swo", ".swx", ".bak", ".orig", ".rej", ".tmp", "~")
_LEFTOVER_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def _leftover(name: str) -> bool:
    return (name.endswith(_LEFTOVER_SUFFIXES) or name in _LEFTOVER_NAMES or name.startswith("~$")
            or (name.startswith("#") and name.endswith("#")))


def _allowed(relative: Path) -> bool:
    return tuple(relative.parts[:2]) in ALLOWED


def unprintable_names(agreement_dir: Path, root: Path, files: list[Path], folders: list[Path]) -> list[Finding]:
    """``file-name`` at 1:1 of each file or folder under agreement_dir whose name holds a line break or another
    control character, or bytes that are not UTF-8: it is read and checked, but every finding must write its
    name escaped (``findings.shown_file``: ``ny\\nrad.yaml``, ``bad\\xff.yaml``), and git, the editor and a
    review each show it differently."""
    found = []
    for path in sorted([*folders, *files]):
        name = path.name
        if shown_file(name) == name:
            continue
        found.append(error("file-name", Position(display_path(path, root), 1, 1),
                           f"Namnet '{shown_file(name)}' innehåller en radbrytning, ett styrtecken eller byte som inte "
                           "är UTF-8.",
                           "Byt namn till bara bokstäver, siffror och bindestreck, t.ex. riktlinje-sip.yaml: ett namn "
                           "som git, redigeraren och granskningen visar olika går inte att granska."))
    return found


def passed_over(agreement_dir: Path, root: Path, files: list[Path], folders: list[Path]) -> list[Finding]:
    """A finding for each thing under agreement_dir that would not be read, so that nothing an editor adds
    is silently left out (``corpus-unknown-file`` unless said otherwise), each at 1:1 of the file or folder:

    - an editor's or file manager's leftover (``x.yaml~``, ``.x.yaml.swp``, ``x.orig``, ``.DS_Store``, see
      ``_leftover``): a warning;
    - any other file that is not YAML (``README.md``, ``anteckningar.txt``, ``beslut.pdf``), a hidden YAML file
      (``.x.yaml``), a YAML file whose extension is in capitals (``.YAML``): errors;
    - a hidden folder (``.git/``, ``.vscode/``; once, not each file in it), a folder named like a YAML file, and
      a period folder without a single YAML file (``period-missing``): errors.

    ``ALLOWED`` (the register's Python package marker) is passed over."""
    found = []
    for path in files:
        relative = path.relative_to(agreement_dir)
        if _allowed(relative) or hidden(relative.parent):  # in a hidden folder: the folder's finding says it
            continue
        suffix = path.suffix
        shown = Position(display_path(path, root), 1, 1)
        if _leftover(path.name):
            found.append(warning("corpus-unknown-file", shown,
                                 f"Filen '{path.name}' ser ut att vara en redigerares säkerhetskopia eller "
                                 "arbetsfil och läses inte.",
                                 "Stäng filen i redigeraren och ta bort kopian; den hör inte hemma i agreement/ "
                                 "och ska inte checkas in."))
        elif suffix.lower() not in (".yaml", ".yml"):
            found.append(error("corpus-unknown-file", shown,
                               f"Filen '{path.name}' är ingen YAML-fil och läses inte: under agreement/ läses bara "
                               ".yaml och .yml.",
                               "Flytta filen ut ur agreement/ (anteckningar hör hemma i ärendet eller pull "
                               "requesten, dokumentation i README.md eller site_src/), eller ta bort den."))
        elif hidden(relative):
            found.append(error("corpus-unknown-file", shown,
                               "Filen är dold (namnet börjar med en punkt) och läses inte.",
                               f"Ta bort punkten i början av namnet, t.ex. {path.name.lstrip('.')}, eller ta bort filen."))
        elif suffix not in (".yaml", ".yml"):
            found.append(error("corpus-unknown-file", shown,
                               f"Filändelsen {suffix} läses inte: bara .yaml och .yml, med små bokstäver, läses.",
                               f"Byt namn på filen till {path.stem}.yaml."))
    for folder in folders:
        relative = folder.relative_to(agreement_dir)
        if _allowed(relative) or hidden(relative.parent):
            continue
        shown = Position(display_path(folder, root), 1, 1)
        if folder.name == ".git":
            found.append(error("corpus-unknown-file", shown,
                               "Mappen .git är ett eget git-arkiv inne i agreement/; det läses inte och publiceras inte.",
                               "Ta bort mappen (avtalets historik finns i projektets eget arkiv), eller flytta det "
                               "andra arkivet ut ur projektet."))
        elif hidden(relative):
            found.append(error("corpus-unknown-file", shown,
                               f"Mappen '{folder.name}' är dold (namnet börjar med en punkt) och läses inte.",
                               "Ta bort mappen, eller flytta den ut ur agreement/ (inställningar för redigerare "
                               "hör hemma i projektets rotmapp)."))
        elif folder.suffix.lower() in (".yaml", ".yml"):
            found.append(error("corpus-unknown-file", shown,
                               f"'{folder.name}' är en mapp, inte en fil; mappar med filnamn läses inte.",
                               "Byt namn på mappen, eller lägg filen här i stället för mappen."))
        elif len(relative.parts) == 1 and relative.name != REGISTER_DIR and not any(
                p.suffix in (".yaml", ".yml") and not hidden(p.relative_to(agreement_dir))
                for p in files if folder in p.parents):
            found.append(error("period-missing", shown,
                               f"Mappen '{folder.name}' innehåller ingen fil som läses, inte heller {PERIOD_FILE}.",
                               f"Lägg periodens {PERIOD_FILE} och dokument i mappen (avtal new-period gör en ny "
                               "period av en befintlig), eller ta bort mappen."))
    return found


def links(agreement_dir: Path) -> list[Path]:
    """Every symbolic link under agreement_dir, to a file or a folder, broken or in a loop."""
    return tree(agreement_dir)[1]


def tree(agreement_dir: Path) -> tuple[list[Path], list[Path], list[Path]]:
    """(files, links, folders) under agreement_dir, each sorted; a linked folder is a link and is not entered."""
    files, linked, inside = [], [], []
    for folder, folders, names in os.walk(agreement_dir, followlinks=False):
        for name in folders + names:
            path = Path(folder, name)
            if path.is_symlink():
                linked.append(path)
            elif name in names:
                files.append(path)
            else:
                inside.append(path)
    return sorted(files), sorted(linked), sorted(inside)


def link_finding(link: Path, root: Path) -> Finding:
    """The ``file-symlink`` error for a link under agreement/ (to a file or a folder, broken or in a loop), at
    1:1 of the link, naming where it points."""
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    folder = link.is_dir()
    return error("file-symlink", Position(display_path(link, root), 1, 1),
                 f"{'Mappen' if folder else 'Filen'} är en länk (till {target}); länkar under agreement/ läses inte.",
                 "Lägg mappen med sina filer här i stället för länken, eller ta bort länken: det som publiceras ska "
                 "finnas under agreement/." if folder else
                 "Ersätt länken med filen själv (git sparar bara länken, inte filen den pekar på), eller ta bort länken.")
