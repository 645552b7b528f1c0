"""Change reports of real English texts in ../shared/corpus: two 72 -> 80 pairs pinned in every
format, and the DOCX's tracked changes checked on every pair and every step of the malaria
series (its nine members)."""

from __future__ import annotations

import csv
import json
import re
from datetime import datetime, UTC

import pytest

from resodiff.cli import main
from resodiff.readers import read
from resodiff.reports import make, render
from resodiff.reports.series import make_series, render as render_series

from conftest import CORPUS, needs_shared
from contracts import conforms
from docx_revisions import dump
from test_reports import assert_markdown_renders, check_accept_and_reject, pinned

pytestmark = needs_shared

DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
PARTIAL, GA80, MALARIA = CORPUS / "ga-72-partial", CORPUS / "ga-80", CORPUS / "malaria-series"
PAIRS_FILE = PARTIAL / "pairs-with-ga-80.tsv"
PAIRS = ([(row["ods_job_session72"], row["railcar_symbol"].replace("/", "_"))
          for row in csv.DictReader(PAIRS_FILE.open(encoding="utf-8"), delimiter="\t")]
         if PAIRS_FILE.is_file() else [])
# The folder holds the nine members of "2001–2010: Decade to Roll Back Malaria ..." and four texts
# of other series (../shared/corpus/README.md): 49/135 and 50/128 (the earlier "Preventive action
# and intensification of the struggle against malaria ...", a title of its own), 55/2 (the
# Millennium Declaration) and 58/179 (access to medication in pandemics).
NINE = ["55/284", "57/294", "58/237", "59/256", "60/221", "61/228", "62/180", "63/234", "64/79"]
MALARIA_FILES = [MALARIA / f"A_RES_{n.replace('/', '_')}.partial.md" for n in NINE]
MALARIA_TITLE = "2001–2010: Decade to Roll Back Malaria in Developing Countries, Particularly in Africa"
PINNED = [("N1735495", "A_RES_80_6"), ("N1735924", "A_RES_80_4")]


def _pair(job: str, symbol: str):
    return read(PARTIAL / f"{job}.partial.md"), read(GA80 / f"{symbol}.md")


@pytest.mark.parametrize("job, symbol", PINNED)
@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_pinned(job, symbol, fmt, file_regression):
    report = make(*_pair(job, symbol))
    out = render(report, fmt).decode("utf-8")
    if fmt == "md":
        assert_markdown_renders(out)
    if fmt == "json":
        conforms(json.loads(out), "report")
    file_regression.check(pinned(out, fmt), basename=f"{job}__{symbol}", extension=f".{fmt}")


@pytest.mark.parametrize("job, symbol", PINNED)
def test_pinned_docx(job, symbol, tmp_path, file_regression):
    path = tmp_path / "r.docx"
    path.write_bytes(render(make(*_pair(job, symbol)), "docx", date=DATE))
    file_regression.check(dump(path, formatting=True), basename=f"{job}__{symbol}_docx", extension=".txt")


def test_what_the_pinned_pairs_show():
    """The ICC report (80/6): one lead changed, the Court's report to the Assembly updated; the
    Cuba embargo (80/4): no lead changed, no reference updated in a paragraph both texts have."""
    report = make(*_pair("N1735495", "A_RES_80_6"))
    assert [(c["new_ids"], c["old_ids"], c["old"], c["new"]) for c in report.lead_changes] == [
        ("OP30", "OP26", "Takes note", "Also takes note")]
    assert [(c["new_ids"], c["removed"], c["added"]) for c in report.reference_changes] == [
        ("OP14", ["A/72/342"], ["A/80/344"])]  # "2017/18" → "2025/26" is a period, not a reference
    report = make(*_pair("N1735924", "A_RES_80_4"))
    assert (report.lead_changes, report.reference_changes) == ((), ())


@pytest.mark.parametrize("job, symbol", PAIRS)
def test_accept_all_and_reject_all_on_every_pair(job, symbol, tmp_path):
    old, new = _pair(job, symbol)
    path = tmp_path / "r.docx"
    path.write_bytes(render(make(old, new), "docx", date=DATE))
    check_accept_and_reject(path, old, new)


@pytest.mark.parametrize("k", range(max(0, len(MALARIA_FILES) - 1)))
def test_accept_all_and_reject_all_along_the_malaria_series(k, tmp_path):
    old, new = read(MALARIA_FILES[k]), read(MALARIA_FILES[k + 1])
    path = tmp_path / "r.docx"
    path.write_bytes(render(make(old, new), "docx", date=DATE))
    check_accept_and_reject(path, old, new)


def test_malaria_series_report(tmp_path, capsys, file_regression):
    """`report --series malaria-series/*.md`, as a user types it: the four texts of other series
    are left out with one warning naming them, and the nine members are chained."""
    out = tmp_path / "series.md"
    assert main(["report", "--series", *map(str, sorted(MALARIA.glob("*.md"))), "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert printed.err == (f"warning: left out 4 files not in the series “{MALARIA_TITLE}”: "
                           "A/RES/49/135, A/RES/50/128, A/RES/55/2, A/RES/58/179\n")
    assert printed.out == f"{out}: md report (9 versions)\n"
    md = out.read_text(encoding="utf-8")
    assert_markdown_renders(md)
    # The pin shows no title and "—" for adopted: the fragments print neither (their front matter
    # has them; describe() takes the title from it for grouping, the report shows the texts).
    assert re.findall(r"\| A/RES/(\d+/\d+) \|", md) == NINE
    file_regression.check(md, basename="malaria_series", extension=".md")

    series = make_series([read(p) for p in MALARIA_FILES])
    assert [v.session for v in series.versions] == [55, 57, 58, 59, 60, 61, 62, 63, 64]
    page = render_series(series, "html").decode("utf-8")
    assert len(re.findall(r'class="bar (?:added|deleted|modified)" fill="url\(#fill-\w+\)"', page)) == 3 * len(series.steps) == 24
