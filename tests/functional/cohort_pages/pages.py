"""Reading a cohort staff page: its sub-navigation, and what its main part holds."""

from __future__ import annotations

from html.parser import HTMLParser

# The sub-navigation's links in order: label, path after /cohorts/<id>.
NAV = [
    ("Progress", ""),
    ("Assignments", "/assignments"),
    ("Syllabus areas", "/areas"),
    ("People", "/people"),
    ("Settings", "/settings"),
]


class _CohortNav(HTMLParser):
    """(label, href, aria-current) of each link of ``<nav aria-label="Cohort">``."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str, str | None]] = []
        self.navs = 0
        self._inside = False
        self._link: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and attrs.get("aria-label") == "Cohort":
            self._inside = True
            self.navs += 1
        elif self._inside and tag == "a":
            self._link = [[], attrs.get("href"), attrs.get("aria-current")]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._inside = False
        elif tag == "a" and self._link is not None:
            text, href, current = self._link
            self.links.append(("".join(text).strip(), href, current))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[0].append(data)


def cohort_nav(page: str) -> list[tuple[str, str, str | None]]:
    """The links of the page's one cohort sub-navigation (asserted to be one)."""
    parser = _CohortNav()
    parser.feed(page)
    assert parser.navs == 1, f"{parser.navs} cohort navigations"
    return parser.links


def current(page: str) -> dict[str, str]:
    """Label → aria-current value of the sub-navigation's marked links."""
    return {label: mark for label, _href, mark in cohort_nav(page) if mark is not None}


def main_part(page: str) -> str:
    """The page's ``<main>``: the layout's header (search, log-out) left out."""
    return page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
