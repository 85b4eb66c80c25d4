"""The repository's tooling files: GitHub workflows, pre-commit hooks and VS Code settings.

They must be valid, run the same commands as the Makefile and the tests, and map every
corpus file to exactly the schema the checker validates it against.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from avtal.load import discover
from avtal.load.corpus import classify

from test_versions import PR_CHECK_ARGS

ROOT = Path(__file__).resolve().parents[1]
PR = ROOT / ".github" / "workflows" / "pr.yml"
PAGES = ROOT / ".github" / "workflows" / "pages.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
SETTINGS = ROOT / ".vscode" / "settings.json"
EXTENSIONS = ROOT / ".vscode" / "extensions.json"

CHECK_IN_PR = ".venv/bin/avtal check --base origin/${{ github.base_ref }} --format github"


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def runs(workflow: dict, job: str) -> list[str]:
    return [step["run"] for step in steps(workflow, job) if "run" in step]


def uses(workflow: dict, job: str, action: str) -> dict:
    matching = [step for step in steps(workflow, job) if step.get("uses", "").split("@")[0] == action]
    assert len(matching) == 1, f"{job} uses {action} once"
    return matching[0]


def make_dry_run(*targets: str) -> list[str]:
    """What make would run for targets, taking the installed venv as up to date."""
    if shutil.which("make") is None:
        pytest.skip("make saknas")
    # Run from `make test` too: the outer make's MAKEFLAGS/MAKELEVEL would add "Entering directory" lines.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    done = subprocess.run(["make", "--no-print-directory", "-n", "-o", ".venv/.installed", *targets], cwd=ROOT,
                          capture_output=True, text=True, check=True, env=env)
    return done.stdout.splitlines()


@pytest.mark.parametrize("path", [PR, PAGES, HOOKS, PRE_COMMIT], ids=lambda p: p.name)
def test_yaml_files_are_valid(path):
    assert isinstance(load_yaml(path), (dict, list))


@pytest.mark.parametrize("path", [SETTINGS, EXTENSIONS], ids=lambda p: p.name)
def test_json_files_are_valid(path):
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_makefile_targets_the_workflows_use():
    assert make_dry_run("check") == [".venv/bin/avtal check"]
    assert make_dry_run("site") == [".venv/bin/avtal build"]
    stamp = subprocess.run(["make", "-n", "-W", "pyproject.toml", ".venv/.installed"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout
    assert "pip install --quiet -e '.[test]'" in stamp and "touch .venv/.installed" in stamp


def test_pull_request_workflow():
    workflow = load_yaml(PR)
    assert "pull_request" in triggers(workflow)
    assert uses(workflow, "check", "actions/checkout")["with"]["fetch-depth"] == 0
    assert uses(workflow, "check", "actions/setup-python")["with"]["python-version"] == "3.11"
    assert runs(workflow, "check") == ["make .venv/.installed", CHECK_IN_PR, "make site"]
    assert uses(workflow, "check", "actions/upload-artifact")["with"]["path"] == "site/"


def test_the_pull_request_check_is_make_check_with_base_and_github_format():
    """Same command as `make check`, and the same arguments test_versions runs against origin/main."""
    command = shlex.split(CHECK_IN_PR.replace("${{ github.base_ref }}", "main"))
    assert " ".join(command[:2]) == make_dry_run("check")[0]
    assert command[1:] == PR_CHECK_ARGS


def test_pages_workflow():
    workflow = load_yaml(PAGES)
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, site, chromium, pdf = runs(workflow, "build")
    assert [build, site, pdf] == ["make .venv/.installed", "make site", ".venv/bin/python tools/make_pdf.py --site site "
                                  '--address "${{ steps.pages.outputs.base_url }}/"']
    # the public address is known before the build: site_url (404 links, printout) in a subfolder
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/configure-pages"))
    built = next(i for i, s in enumerate(steps) if s.get("run") == "make site")
    assert pages < built and steps[pages]["id"] == "pages"
    assert steps[built]["env"] == {"AVTAL_SITE_URL": "${{ steps.pages.outputs.base_url }}/"}
    assert chromium.splitlines()[0] == ".venv/bin/playwright install --with-deps chromium"  # make_pdf's /usr/bin/chromium
    assert uses(workflow, "build", "actions/setup-python")["with"]["python-version"] == "3.11"
    assert uses(workflow, "build", "actions/upload-pages-artifact")["with"]["path"] == "site/"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert uses(workflow, "deploy", "actions/deploy-pages")["id"] == "deployment"


# The adopted corpus has no change file or decision file of its own yet: where the editors' guide puts them.
RECORDS = ["agreement/2023-2026/andringar/2025-02-20-b-hjalpmedel.yaml", "agreement/2023-2026/beslut/rs-2025-02-11.yaml"]


def corpus_paths() -> list[str]:
    return [source.path.relative_to(ROOT).as_posix() for source in discover(ROOT / "agreement")] + RECORDS


def corpus_kinds() -> list[tuple[str, str]]:
    """(path, the kind corpus.classify gives it) of every corpus file and of RECORDS."""
    return [(path, classify(tuple(path.split("/")[1:]))[0]) for path in corpus_paths()]


def test_pre_commit_hooks_run_avtal_check():
    hook, push = load_yaml(HOOKS)
    assert (hook["id"], hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "avtal-check", "avtal check", "python", False)
    # Before a push: what the pull request's check does (pr.yml), against origin/main.
    assert (push["id"], push["entry"], push["language"], push["stages"]) == (
        "avtal-check-base", "avtal check --base origin/main", "python", ["pre-push"])
    config = load_yaml(PRE_COMMIT)
    (repo,) = config["repos"]
    local, local_push = repo["hooks"]
    assert repo["repo"] == "local" and config["default_install_hook_types"] == ["pre-commit", "pre-push"]
    assert (local["id"], local["entry"], local["pass_filenames"]) == ("avtal-check", make_dry_run("check")[0], False)
    assert (local_push["id"], local_push["entry"], local_push["stages"]) == (
        "avtal-check-base", make_dry_run("check")[0] + " --base origin/main", ["pre-push"])
    assert CHECK_IN_PR.startswith(make_dry_run("check")[0] + " --base origin/")
    for pattern in (hook["files"], local["files"]):
        assert all(re.search(pattern, path) for path in corpus_paths())
        assert re.search(pattern, "schemas/document.schema.json")
        assert not re.search(pattern, "README.md")


# --- which schema the editor applies to which file ------------------------------------------

def glob_regex(glob: str, star_crosses_folders: bool) -> re.Pattern:
    """A yaml.schemas glob as the YAML language server matches it: against the end of the file's path.

    Newer servers use globstar semantics (`*` stays inside one folder, `**` crosses folders);
    older ones turned every `*` into `.*`. The mapping must hold under both.
    """
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append(".*" if star_crosses_folders else "[^/]*")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile(r"(?:^|.*/)" + "".join(out) + r"$")


def schema_globs() -> dict[str, list[str]]:
    settings = json.loads(SETTINGS.read_text(encoding="utf-8"))
    return {schema: [globs] if isinstance(globs, str) else globs for schema, globs in settings["yaml.schemas"].items()}


def test_every_schema_in_the_settings_exists():
    for schema in schema_globs():
        assert (ROOT / schema).is_file(), schema
    kinds = {"document", "guideline", "period", "statutes", "glossary", "change", "decision", "reviewed",
             "responsibility", "areas"}  # corpus.classify's
    assert {Path(s).name for s in schema_globs()} == {f"{kind}.schema.json" for kind in kinds}


def test_every_glob_matches_a_real_file():
    paths = corpus_paths()
    for schema, globs in schema_globs().items():
        for glob in globs:
            assert not glob.startswith("!"), "negated globs need a recent YAML extension; list files instead"
            assert any(glob_regex(glob, False).match(p) for p in paths), f"{glob} ({schema}) matches no file"


@pytest.mark.parametrize("star_crosses_folders", [False, True], ids=["globstar", "star-as-dot-star"])
def test_every_corpus_file_has_exactly_its_checkers_schema(star_crosses_folders):
    """The editor validates each file against the same schema as `avtal check` (corpus.classify)."""
    for path, kind in corpus_kinds():
        schemas = [schema for schema, globs in schema_globs().items()
                   if any(glob_regex(glob, star_crosses_folders).match(path) for glob in globs)]
        assert [Path(s).name for s in schemas] == [f"{kind}.schema.json"], path


# --- the VS Code task: avtal check's findings in the Problems panel -------------------------------

TASKS = ROOT / ".vscode" / "tasks.json"


def _js_regex(pattern: str) -> re.Pattern:
    """A problem matcher's JavaScript regexp in Python (ours use only syntax the two share)."""
    return re.compile(pattern)


def test_the_vs_code_task_puts_every_finding_of_avtal_check_in_the_problems_panel(tmp_path, capsys):
    """Each line `avtal check` prints for a finding is matched by exactly one problem matcher, with the
    file, line, column, code, message and a severity VS Code knows (error, warning, info); the task runs the
    venv's avtal on Linux/macOS and on Windows."""
    from avtal import cli

    tasks = json.loads(TASKS.read_text(encoding="utf-8"))["tasks"]
    check, base = tasks
    assert (check["command"], check["args"], check["windows"]["command"]) == (
        "${workspaceFolder}/.venv/bin/avtal", ["check"], "${workspaceFolder}\\.venv\\Scripts\\avtal.exe")
    assert base["args"] == ["check", "--base", "origin/main"]
    matchers = check["problemMatcher"]
    assert base["problemMatcher"] == matchers
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "hierarchy" / "minimal" / "agreement", project / "agreement")
    shutil.copytree(ROOT / "agreement" / "register", project / "agreement" / "register")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    del_a = project / "agreement" / "2023-2026" / "del-a.yaml"
    del_a.write_text(del_a.read_text(encoding="utf-8").replace("ref:riktlinje-oenighet", "ref:riktlinje-saknas")
                     .replace("Parterna samverkar på länsnivå.", "Parterna samverkar enligt socialtjänstlagen (2001:453)."),
                     encoding="utf-8")
    (project / "agreement" / "2023-2026" / "lank.yaml").symlink_to("del-a.yaml")  # a finding about a whole file
    cli.main(["--root", str(project), "check", "--date", "2025-03-01"])
    lines = [line for line in capsys.readouterr().out.splitlines()[:-1] if not line.startswith(" ")]
    seen = {}
    for line in lines:
        hits = [(m, _js_regex(m["pattern"]["regexp"]).match(line)) for m in matchers]
        hits = [(m, hit) for m, hit in hits if hit]
        assert len(hits) == 1, line
        (matcher, hit), = hits
        pattern = matcher["pattern"]
        seen[hit.group(pattern["code"])] = (matcher["severity"], hit.group(pattern["file"]),
                                            hit.group(pattern["line"]) if "line" in pattern else None)
    assert seen["dangling-reference"] == ("error", "agreement/2023-2026/del-a.yaml", "32")
    assert seen["statute-repealed"] == ("warning", "agreement/2023-2026/del-a.yaml", "23")
    assert seen["file-symlink"] == ("error", "agreement/2023-2026/lank.yaml", "1")  # a whole file: at 1:1
    assert {m["severity"] for m in matchers} == {"error", "warning", "info"}
    assert all(m["fileLocation"] == ["relative", "${workspaceFolder}"] for m in matchers)
