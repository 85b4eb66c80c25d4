"""Markup from templates: one Jinja2 environment per package, autoescaping on.

Python prepares the data; every tag is in a template under ``<package>/templates/``, so a title,
label, description or note reaches the page escaped unless a template marks it safe. Jinja2 is
already mkdocs' template engine; the templates are package data (pyproject.toml).
"""

from __future__ import annotations

from functools import lru_cache

import jinja2


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
    )


def render(package: str, template: str, **data) -> str:
    """The template ``<package>/templates/<template>`` rendered with data."""
    return environment(package).get_template(template).render(**data)
