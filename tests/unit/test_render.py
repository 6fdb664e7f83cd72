"""Markdown rendering: hostile input comes out inert, and the features lessons use work."""

import re
from pathlib import Path

import pytest

from app.content.render import RenderContext, pygments_css, render_lesson_page, render_markdown

ROOT = Path(__file__).resolve().parents[2]


def render(source: str, **ctx_args):
    """Render ``source``; return (html, problems, rendered)."""
    ctx = RenderContext(**ctx_args)
    rendered = render_markdown(source, ctx)
    return rendered.html, ctx.problems, rendered


def hrefs(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="([^"]*)"', html)


UNSAFE = re.compile(r"\s*(javascript|vbscript|data|file):", re.IGNORECASE)


def test_script_tag_is_escaped():
    html, _, _ = render("<script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_raw_img_with_onerror_is_escaped():
    html, _, _ = render("Look <img src=x onerror=alert(1)> here")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "  javascript:alert(1)",
        "<javascript:alert(1)>",
        "jav&#x61;script:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<b>hi</b>",
        "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd",
    ],
)
def test_links_with_unsafe_schemes_produce_no_such_href(url):
    html, _, _ = render(f"[x]({url})")
    assert not any(UNSAFE.match(href) for href in hrefs(html)), html


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,hi", "file:///etc/passwd"],
)
def test_reference_style_and_autolinks_with_unsafe_schemes_are_not_links(target):
    html, _, _ = render(f"[x][ref] and <{target}>\n\n[ref]: {target}\n")
    assert not any(UNSAFE.match(href) for href in hrefs(html)), html


def test_data_link_is_reported_and_goes_nowhere():
    html, problems, _ = render("Intro\n\n[x](data:text/html,hi)\n")
    assert hrefs(html) == ["#"]
    assert problems == [
        (3, "links may only use http, https, mailto, lesson: or scenario:, not 'data:text/html,hi'")
    ]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/a",
        "https://example.com/b?c=d",
        "mailto:pm@example.com",
        "../notes",
        "#s",
    ],
)
def test_http_https_mailto_and_relative_links_survive(url):
    html, problems, _ = render(f"[x]({url})")
    assert hrefs(html) == [url.replace("&", "&amp;")]
    assert problems == []


def test_external_links_get_noopener_noreferrer():
    html, _, _ = render("[a](https://example.com) [b](mailto:pm@example.com) [c](../x)")
    assert '<a href="https://example.com" rel="noopener noreferrer">a</a>' in html
    assert '<a href="mailto:pm@example.com">b</a>' in html
    assert '<a href="../x">c</a>' in html


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example/x.png",
        "https://evil.example/x.png",
        "//evil.example/x.png",
        "data:image/png;base64,iVBORw0KGgo=",
    ],
)
def test_images_from_urls_are_reported_and_get_no_src(url):
    html, problems, _ = render(f"Intro\n\n![diagram]({url})\n")
    assert url not in html
    assert "evil.example" not in html
    assert "base64" not in html
    assert len(problems) == 1
    line, message = problems[0]
    assert line == 3
    assert "image" in message


def test_svg_image_is_reported():
    html, problems, _ = render("![plan](plan.svg)", media={"plan.svg": "/media/c/plan.svg"})
    assert problems == [(1, "image 'plan.svg' is not a raster image (png, jpg, gif, webp)")]
    assert "plan.svg" not in html


def test_raster_image_from_course_folder_gets_its_media_url():
    html, problems, _ = render(
        "![Gantt chart](../img/gantt.png)",
        media={"img/gantt.png": "/media/course-x/img/gantt.png"},
        base_dir="01-basics",
    )
    assert problems == []
    assert '<img src="/media/course-x/img/gantt.png" alt="Gantt chart" loading="lazy"' in html


def test_image_missing_from_course_folder_is_reported():
    html, problems, _ = render("![x](missing.png)", media={})
    assert problems == [(1, "image 'missing.png' not found in the course folder")]
    assert 'src=""' in html


@pytest.mark.parametrize(
    ("heading", "expected_id"),
    [
        ("## main", "sec-main"),
        ("### main", "sec-main"),
        ("## skip-link", "sec-skip-link"),
        ("## __proto__", "sec-proto"),
        ("## content", "sec-content"),
        ("## ???", "sec-section"),
    ],
)
def test_heading_ids_carry_a_prefix(heading, expected_id):
    html, _, _ = render(heading)
    ids = re.findall(r'id="([^"]*)"', html)
    assert ids == [expected_id]


def test_headings_cannot_produce_page_layout_ids():
    html, _, _ = render("# main\n\n## main\n\n## skip-link\n\n## __proto__\n")
    assert not re.search(r'id="(main|skip-link|__proto__|proto)"', html)


def test_footnote_ids_carry_a_prefix():
    html, _, _ = render("A claim.[^1]\n\n[^1]: The source.\n")
    ids = re.findall(r'id="([^"]*)"', html)
    assert ids and all(i.startswith(("fn-", "fnref-")) for i in ids)
    assert 'href="#fn-1"' in html


def test_h1_in_the_body_is_reported():
    _, problems, _ = render("Intro\n\n# Second title\n", line_offset=10)
    assert problems == [(13, "use ## and below in lessons; the page title is the only h1")]


def test_lesson_links_resolve_through_lesson_url():
    urls = {"pmit-risk": "/courses/pm/managing-risk"}
    html, problems, rendered = render(
        "See [risk](lesson:pmit-risk) and [its register](lesson:pmit-risk#sec-register).",
        lesson_url=urls.get,
    )
    assert problems == []
    assert hrefs(html) == ["/courses/pm/managing-risk", "/courses/pm/managing-risk#sec-register"]
    assert rendered.lesson_links == ["pmit-risk", "pmit-risk"]


def test_unknown_lesson_id_is_reported_at_its_line_with_the_offset():
    _, problems, rendered = render(
        "Intro.\n\n## Next\n\nRead [this](lesson:no-such-lesson) next.\n",
        lesson_url={}.get,
        line_offset=9,
    )
    assert problems == [(14, "link to unknown lesson id 'no-such-lesson'")]
    assert rendered.lesson_links == []


def test_scenario_links_resolve_and_unknown_ones_are_reported():
    urls = {"scn-email-patch": "/courses/pm/scenarios/patch-the-email-servers"}
    html, problems, _ = render(
        "Try [the patch](scenario:scn-email-patch).\n\nThen [this](scenario:scn-gone).\n",
        scenario_url=urls.get,
    )
    assert hrefs(html) == ["/courses/pm/scenarios/patch-the-email-servers", "#"]
    assert problems == [(3, "link to unknown scenario id 'scn-gone'")]


def test_problem_on_a_later_line_of_a_paragraph_reports_that_line():
    _, problems, _ = render(
        "First line of the paragraph,\nsecond line,\nthird with [a](lesson:gone).\n",
        lesson_url={}.get,
    )
    assert problems == [(3, "link to unknown lesson id 'gone'")]


def test_link_to_a_markdown_file_is_reported():
    html, problems, _ = render("[next](02-scope.md)")
    assert problems == [(1, "link lessons by id, e.g. (lesson:ID), not by file: '02-scope.md'")]
    assert "02-scope.md" not in hrefs(html)


def test_tables_are_wrapped_in_a_focusable_region():
    html, _, _ = render("| Risk | Owner |\n|---|---|\n| Outage | Ops |\n")
    assert html.startswith('<div class="table-wrap" role="region" tabindex="0" aria-label="Table">')
    assert "<th>Risk</th>" in html
    assert html.rstrip().endswith("</table>\n</div>")


def test_fenced_code_is_highlighted_and_escaped():
    html, _, _ = render("```python\nif x < 1:\n    print('<b>')\n```\n")
    assert '<pre class="code" tabindex="0"><code class="language-python">' in html
    assert '<span class="k">if</span>' in html
    assert '<span class="o">&lt;</span>' in html
    assert "<b>" not in html
    assert "<span class=\"s1\">'&lt;b&gt;'</span>" in html


def test_fenced_code_in_an_unknown_language_is_escaped_without_highlighting():
    html, _, _ = render("```nosuchlang\n<script>alert(1)</script>\n```\n")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<span" not in html


@pytest.mark.parametrize(
    ("name", "label"),
    [("note", "Note"), ("tip", "Tip"), ("warning", "Warning"), ("exam-tip", "Exam tip")],
)
def test_admonitions_render_as_aside(name, label):
    html, _, _ = render(f"::: {name}\nMind the gap.\n:::\n")
    assert html == (
        f'<aside class="admonition admonition-{name}" aria-label="{label}">\n'
        f'<p class="admonition-title">{label}</p>\n'
        "<p>Mind the gap.</p>\n"
        "</aside>\n"
    )


def test_admonition_titles_are_escaped():
    html, _, _ = render('::: warning <img src=x onerror="alert(1)"> Careful\nBody\n:::\n')
    assert "<img" not in html
    assert (
        '<p class="admonition-title">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Careful</p>'
        in html
    )


def test_task_lists_render_disabled_checkboxes_inside_labels():
    html, _, _ = render("- [ ] Book the CAB\n- [x] Write the plan\n")
    boxes = re.findall(r"<label><input ([^>]*)>", html)
    assert len(boxes) == 2
    assert all('disabled="disabled"' in box and 'type="checkbox"' in box for box in boxes)
    assert 'checked="checked"' not in boxes[0]
    assert 'checked="checked"' in boxes[1]
    assert "Book the CAB</label>" in html


def test_toc_lists_h2_and_h3_with_their_ids():
    _, _, rendered = render("## Scope\n\nText\n\n### In scope\n\n#### Detail\n\n## Risks *now*\n")
    assert rendered.toc == [
        {"level": 2, "id": "sec-scope", "title": "Scope"},
        {"level": 3, "id": "sec-in-scope", "title": "In scope"},
        {"level": 2, "id": "sec-risks-now", "title": "Risks now"},
    ]


def test_text_extraction_excludes_markup():
    _, _, rendered = render(
        "## Plan\n\nA **bold** move to [the wiki](https://example.com) with `code`.\n\n"
        "```python\nx = 1\n```\n"
    )
    assert rendered.text == "Plan\nA bold move to the wiki with code.\nx = 1"


def test_static_pygments_css_matches_the_renderer_styles():
    """Regenerate app/static/css/pygments.css from pygments_css() when this fails."""
    static = (ROOT / "app" / "static" / "css" / "pygments.css").read_text(encoding="utf-8")
    assert static == pygments_css()


def test_lesson_page_fragment_escapes_objectives_and_toc_titles():
    html = render_lesson_page(
        ["Stop <script>alert(1)</script>"],
        [{"level": 2, "id": "sec-x", "title": '<img src=x onerror="alert(1)">'}],
        "<p>body</p>",
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="#sec-x">' in html
    assert html.endswith('<div class="lesson-body"><p>body</p></div>\n')
