"""Every public function, class, method and property of tools/avtal has a docstring (issue 10, item 7).

Public: a name without a leading underscore, defined at module level (also under a module-level
``if``/``try``) or in a public class, at any depth. Exempt: helpers nested inside a function, and
the members of a private class. Read with ``ast``, so nothing is imported.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tools" / "avtal"
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _statements(body: list[ast.stmt]):
    """The statements of a body, with those inside ``if`` and ``try`` blocks."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _statements(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from _statements(node.body + node.orelse + node.finalbody
                                   + [s for h in node.handlers for s in h.body])
        else:
            yield node


def undocumented(source: str, name: str) -> list[str]:
    """``name:line qualified.name`` of every public definition in source without a docstring."""
    missing = []

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in _statements(body):
            if not isinstance(node, DEFINITIONS) or node.name.startswith("_"):
                continue
            if ast.get_docstring(node) is None:
                missing.append(f"{name}:{node.lineno} {prefix}{node.name}")
            if isinstance(node, ast.ClassDef):
                visit(node.body, f"{prefix}{node.name}.")

    visit(ast.parse(source).body, "")
    return missing


def test_every_public_definition_in_the_package_has_a_docstring():
    missing = [line for path in sorted(PACKAGE.rglob("*.py"))
               for line in undocumented(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())]
    assert not missing, "public definitions without a docstring:\n" + "\n".join(missing)


def test_the_check_finds_what_lacks_a_docstring():
    source = textwrap.dedent('''
        """A module."""

        def documented():
            """Yes."""
            def helper():  # nested in a function: exempt
                pass

        def bare():
            pass

        class Shown:
            """Yes."""

            @property
            def size(self):
                return 1

            def _own(self):
                pass

            class Inner:
                def method(self):
                    """Yes."""

        class _Private:
            def method(self):  # a member of a private class: exempt
                pass

        if True:
            def conditional():
                pass
    ''')
    assert undocumented(source, "m.py") == ["m.py:9 bare", "m.py:16 Shown.size", "m.py:22 Shown.Inner",
                                            "m.py:31 conditional"]
