"""Markdown → safe HTML, once, at load time.

Raw HTML is off; links keep only http, https, mailto and relative targets; lesson
links are written ``[text](lesson:ID)`` or ``[text](lesson:ID#section)``, scenario
links ``[text](scenario:ID)``, and both are resolved here; images must be raster files
listed from the course folder. Every generated id carries a prefix so a heading can
never clobber an id the page layout relies on.
Bump ``RENDERER_VERSION`` whenever output changes: the loader re-renders everything.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pygments import highlight as pygments_highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

RENDERER_VERSION = "2"
HEADING_PREFIX = "sec-"
ADMONITIONS = {"note": "Note", "tip": "Tip", "warning": "Warning", "exam-tip": "Exam tip"}
RASTER_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_FORMATTER = HtmlFormatter(nowrap=True)


@dataclass
class RenderContext:
    """What a document may point at, and where its problems go.

    ``lesson_url(id)`` returns the URL of a lesson or None; ``media`` maps a
    course-relative image path to its URL; ``base_dir`` is the document's folder
    relative to the course folder, for resolving relative image paths.
    """

    lesson_url: Callable[[str], str | None] = lambda _id: None
    scenario_url: Callable[[str], str | None] = lambda _id: None
    media: dict[str, str] = field(default_factory=dict)
    base_dir: str = ""
    line_offset: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)

    def report(self, line: int, message: str) -> None:
        self.problems.append((line + self.line_offset, message))


@dataclass
class Rendered:
    html: str
    toc: list[dict]
    text: str
    lesson_links: list[str]


def slugify_heading(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return HEADING_PREFIX + (slug or "section")


def _highlight(code: str, lang: str, _attrs: str) -> str:
    try:
        lexer = get_lexer_by_name(lang) if lang else None
    except ClassNotFound:
        lexer = None
    if lexer is None:
        return escapeHtml(code)
    return pygments_highlight(code, lexer, _FORMATTER)


def _render_fence(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    lang = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    css = f' class="language-{escapeHtml(lang)}"' if lang else ""
    body = _highlight(token.content, lang, "")
    return f'<pre class="code" tabindex="0"><code{css}>{body}</code></pre>\n'


def _render_table_open(self, tokens, idx, options, env) -> str:
    return '<div class="table-wrap" role="region" tabindex="0" aria-label="Table">\n<table>\n'


def _render_table_close(self, tokens, idx, options, env) -> str:
    return "</table>\n</div>\n"


def _admonition_renderer(name: str):
    def render(self, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.nesting != 1:
            return "</aside>\n"
        title = token.info.strip()[len(name) :].strip() or ADMONITIONS[name]
        label = escapeHtml(ADMONITIONS[name])
        return (
            f'<aside class="admonition admonition-{name}" aria-label="{label}">\n'
            f'<p class="admonition-title">{escapeHtml(title)}</p>\n'
        )

    return render


def _validate_link(url: str) -> bool:
    """markdown-it's own filter: keep only schemes we allow (lesson: and scenario: are
    rewritten later).

    ``data:`` passes here only so that ``_rewrite_image`` can report it (a ``data:``
    image otherwise vanishes into literal text unnoticed); ``_rewrite_link`` drops it.
    """
    scheme = urlsplit(url.strip()).scheme.lower()
    return scheme in SAFE_SCHEMES or scheme in {"", "lesson", "scenario", "data"}


def _footnote_anchor_name(self, tokens, idx, options, env) -> str:
    return "-" + str(tokens[idx].meta["id"] + 1)


def _build() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True, "highlight": _highlight})
    md.enable(["table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(tasklists_plugin, label=True)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slugify_heading)
    for name in ADMONITIONS:
        md.use(container_plugin, name, render=_admonition_renderer(name))
    md.validateLink = _validate_link
    md.add_render_rule("fence", _render_fence)
    md.add_render_rule("table_open", _render_table_open)
    md.add_render_rule("table_close", _render_table_close)
    md.add_render_rule("footnote_anchor_name", _footnote_anchor_name)
    return md


_MD = _build()


def _rewrite_link(token, line: int, ctx: RenderContext, links: list[str]) -> None:
    href = token.attrGet("href") or ""
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme == "lesson":
        lesson_id = parts.path
        url = ctx.lesson_url(lesson_id)
        if url is None:
            ctx.report(line, f"link to unknown lesson id {lesson_id!r}")
            token.attrSet("href", "#")
            return
        links.append(lesson_id)
        token.attrSet("href", url + (f"#{parts.fragment}" if parts.fragment else ""))
    elif scheme == "scenario":
        url = ctx.scenario_url(parts.path)
        if url is None:
            ctx.report(line, f"link to unknown scenario id {parts.path!r}")
            url = "#"
        token.attrSet("href", url)
    elif scheme in {"http", "https"}:
        token.attrSet("rel", "noopener noreferrer")
    elif scheme not in SAFE_SCHEMES and scheme != "":
        ctx.report(
            line, f"links may only use http, https, mailto, lesson: or scenario:, not {href!r}"
        )
        token.attrSet("href", "#")
    elif scheme == "" and parts.path.endswith(".md"):
        ctx.report(line, f"link lessons by id, e.g. (lesson:ID), not by file: {href!r}")
        token.attrSet("href", "#")


def _rewrite_image(token, line: int, ctx: RenderContext) -> None:
    src = token.attrGet("src") or ""
    parts = urlsplit(src)
    ext = posixpath.splitext(parts.path)[1].lower()
    key = posixpath.normpath(posixpath.join(ctx.base_dir, parts.path)) if parts.path else ""
    if parts.scheme or parts.netloc:
        ctx.report(line, f"images must be files in the course folder, not {src!r}")
    elif ext not in RASTER_EXTENSIONS:
        ctx.report(line, f"image {src!r} is not a raster image (png, jpg, gif, webp)")
    elif key not in ctx.media:
        ctx.report(line, f"image {src!r} not found in the course folder")
    else:
        token.attrSet("src", ctx.media[key])
        token.attrSet("loading", "lazy")
        return
    token.attrSet("src", "")


def _walk_inline(tokens, ctx: RenderContext, links: list[str], text: list[str]) -> None:
    line = 0
    for token in tokens:
        if token.map:
            line = token.map[0] + 1
        if token.type == "fence":
            text.append(token.content)
        child_line = line
        for child in token.children or ():
            if child.type in {"softbreak", "hardbreak"}:
                child_line += 1  # a paragraph spans lines: report the line of the link itself
            if child.type == "link_open":
                _rewrite_link(child, child_line, ctx, links)
            elif child.type == "image":
                _rewrite_image(child, child_line, ctx)
            if child.type in {"text", "code_inline"}:
                text.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                text.append("\n")
        if token.type == "inline":
            text.append("\n")


def _toc(tokens) -> list[dict]:
    toc = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in {"h2", "h3"}:
            title = "".join(c.content for c in tokens[i + 1].children or () if c.content)
            toc.append({"level": int(token.tag[1]), "id": token.attrGet("id"), "title": title})
    return toc


def render_markdown(source: str, ctx: RenderContext | None = None) -> Rendered:
    """Render ``source`` to HTML; problems (bad links, images) go to ``ctx.problems``."""
    ctx = ctx or RenderContext()
    env: dict = {}
    tokens = _MD.parse(source, env)
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1":
            line = token.map[0] + 1 if token.map else 1
            ctx.report(line, "use ## and below in lessons; the page title is the only h1")
    links: list[str] = []
    text: list[str] = []
    _walk_inline(tokens, ctx, links, text)
    html = _MD.renderer.render(tokens, _MD.options, env)
    plain = re.sub(r"[ \t]*\n\s*", "\n", "".join(text)).strip()
    plain = plain.replace("\ue000", "").replace("\ue001", "")  # our search-highlight markers
    return Rendered(html=html, toc=_toc(tokens), text=plain, lesson_links=links)


def render_lesson_page(objectives: list[str], toc: list[dict], body_html: str) -> str:
    """A lesson's objectives, table of contents and body as one stored fragment.

    They change only when the file does, so the page template need not loop over
    them on every request.
    """
    parts = [
        '<section class="objectives" aria-labelledby="objectives-heading">\n'
        '<h2 id="objectives-heading">What you will learn</h2>\n<ul>',
        *(f"<li>{escapeHtml(objective)}</li>" for objective in objectives),
        "</ul>\n</section>\n",
    ]
    if toc:
        parts.append(
            '<nav class="toc" aria-labelledby="toc-heading">\n'
            '<h2 id="toc-heading">On this page</h2>\n<ul>'
        )
        parts.extend(
            f'<li class="toc-{entry["level"]}"><a href="#{escapeHtml(entry["id"])}">'
            f"{escapeHtml(entry['title'])}</a></li>"
            for entry in toc
        )
        parts.append("</ul>\n</nav>\n")
    parts.append(f'<div class="lesson-body">{body_html}</div>\n')
    return "".join(parts)


def pygments_css() -> str:
    """Token colours for code blocks, light and dark (served as a static file)."""
    light = HtmlFormatter(style="xcode").get_style_defs("pre.code")
    dark = HtmlFormatter(style="lightbulb").get_style_defs("pre.code")
    return f"{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
