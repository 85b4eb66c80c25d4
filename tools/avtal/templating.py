"""Markup from templates: one Jinja2 environment per package, autoescaping on.

Python prepares the data; every tag is in a template under ``<package>/templates/``, so a title,
label, description or note reaches the page escaped unless a template marks it safe. Jinja2 is
already mkdocs' template engine; the templates are package data (pyproject.toml).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from .cache import cache_dir


@lru_cache(maxsize=None)
def bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between runs (``avtal.cache``), so a build or a preview rebuild does not
    compile every template again (compiling this package's and the theme's templates took about a
    third of a second per build). Keyed by each template's source: a changed template is compiled
    afresh. None when no cache folder can be written (templates are then compiled every time)."""
    folder = cache_dir("jinja")
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder else None


@lru_cache(maxsize=None)
def environment(package: str) -> jinja2.Environment:
    """The environment for ``<package>/templates`` (e.g. ``avtal.site``), built once per process.

    Autoescaping is on for every template, whatever its name; an undefined name is an error
    (``StrictUndefined``), so a template that asks for data the code did not give fails loudly.
    """
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=bytecode_cache(),
    )


def render(package: str, template: str, **data) -> str:
    """The template ``<package>/templates/<template>`` rendered with data."""
    return environment(package).get_template(template).render(**data)
