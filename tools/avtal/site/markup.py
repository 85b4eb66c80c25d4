"""The site's templates: the Jinja2 environment of ``avtal.site`` with the filters its pages need.

Every page and block is a template in ``site/templates/`` rendered with autoescaping on, so any
title, label, description or note reaches the page escaped. Pages are Markdown for mkdocs (so
headings become the table of contents and the search index's sections) with HTML blocks in them;
two filters make a value safe where Markdown, not HTML, reads it.
"""

from __future__ import annotations

import html
import json

from markupsafe import Markup, escape

from ..templating import environment

# Characters Python-Markdown reads as markup inside a heading's text: emphasis, code, links and
# images, a closing run of hashes, table cells; braces are written as entities, because attr_list
# reads "{…}" at the end of a heading as its anchor. (-, +, . and ! are markup only at a line's start.)
_MARKDOWN_SPECIAL = {c: "\\" + c for c in "\\`*_[]#|"} | {"{": "&#123;", "}": "&#125;"}


def markdown_inline(value: str) -> Markup:
    """A plain value as Markdown that shows exactly these characters: HTML-escaped, then every
    character Python-Markdown would read as markup backslash-escaped (for headings)."""
    escaped = html.escape(value, quote=False)
    return Markup("".join(_MARKDOWN_SPECIAL.get(c, c) for c in escaped))


def yaml_title(value: str) -> Markup:
    """A page title for the Markdown front matter: a quoted YAML string, HTML-escaped, because
    mkdocs and Material put ``page.meta.title`` into the page (``<title>``, header) unescaped."""
    return Markup(json.dumps(str(escape(value)), ensure_ascii=False))


def html_block(content: str) -> Markup:
    """Already-escaped HTML (Markup) without its blank lines: Python-Markdown ends a raw HTML block at
    the first blank line, and an editor's note or a text may hold one."""
    return Markup("\n".join(line for line in escape(content).splitlines() if line.strip()))


ENV = environment("avtal.site")
ENV.filters["md"] = markdown_inline
ENV.filters["yaml"] = yaml_title
ENV.filters["html_block"] = html_block


def render(template: str, **data) -> str:
    """The template ``site/templates/<template>`` rendered with data."""
    return ENV.get_template(template).render(**data)


def macro(template: str, name: str):
    """A macro of a template, callable from Python; it returns Markup (already escaped)."""
    return getattr(ENV.get_template(template).module, name)
