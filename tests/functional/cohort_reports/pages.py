"""Reading the numbers off the cohort page, the analysis page and the CSV exports."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser


class _MatrixTable(HTMLParser):
    """The text of each cell of the body rows of ``<table class="matrix">``."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_table = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "matrix" in (attrs.get("class") or "").split():
            self._in_table = True
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("td", "th"):
            self._cell = []
        elif self._cell is not None and tag == "br":
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._in_table = False
        elif self._cell is not None and tag in ("td", "th"):
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def matrix_on_page(page: str) -> dict[str, list[str]]:
    """Learner name → the texts of their row's cells, as the cohort page shows them."""
    parser = _MatrixTable()
    parser.feed(page)
    return {row[0]: row[1:] for row in parser.rows}


def page_cell(text: str) -> tuple[str, str]:
    """("done", "80") from "Done · 80%" (an extension note below is left out)."""
    first_line = text.split("\n")[0]
    state, _, score = first_line.partition("·")
    return state.strip().lower(), score.strip().rstrip("%")


def page_percent(text: str) -> str:
    """ "80" from "80%", "" from the dash shown for no score."""
    return "" if text.strip() == "–" else text.strip().rstrip("%")


def read_csv(response) -> list[dict[str, str]]:
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff"), "the byte-order mark that tells Excel it is UTF-8"
    return list(csv.DictReader(io.StringIO(body[1:])))


def csv_header(response) -> list[str]:
    body = response.get_data(as_text=True)[1:]
    return next(csv.reader(io.StringIO(body)))


def item_section(page: str, question_id: str) -> str:
    match = re.search(rf'id="item-{re.escape(question_id)}">(.*?)</section>', page, re.S)
    assert match, f"no section for {question_id}"
    return match.group(1)


def figure(section: str, name: str) -> str:
    match = re.search(rf'data-figure="{name}">([^<]*)<', section)
    assert match, f"no {name} figure"
    return html.unescape(match.group(1)).strip()


def option_counts(section: str) -> dict[str, tuple[int, bool]]:
    """Option id → (how many chose it, marked as a misconception)."""
    found = {}
    for oid, row in re.findall(r'<tr data-option="([^"]+)">(.*?)</tr>', section, re.S):
        count = int(re.findall(r"<td>(\d+)</td>", row)[-1])
        found[oid] = (count, "(misconception)" in row)
    return found


def choice_counts(page: str) -> dict[str, int]:
    """ "stage.choice" → learners who took it, from the scenario analysis page."""
    return {
        key: int(count)
        for key, count in re.findall(
            r'<tr data-choice="([^"]+)">.*?<td>(\d+)</td></tr>', page, re.S
        )
    }
