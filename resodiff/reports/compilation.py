"""The compilation table (``resodiff.compilation.Table``) as Word, HTML or Markdown.

Word: a landscape A4 page, one table, the heading row repeated on every page, inserted words
underlined in bold and deleted ones struck through (marks a reader sees in print, where
tracked-change balloons would crowd a five-column table). HTML: one self-contained file from
``templates/report/compilation.html.j2``, landscape when printed. Markdown: a pipe table,
insertions in bold, deletions struck through.
"""

from __future__ import annotations

import io

from resodiff import __version__
from resodiff.compilation import Table

FORMATS = ("docx", "html", "md")


def render(table: Table, fmt: str) -> bytes:
    if fmt == "docx":
        return _docx(table)
    if fmt == "html":
        from resodiff.reports.templating import environment

        page = environment(autoescape=True).get_template("compilation.html.j2").render(t=table, version=__version__)
        return page.encode("utf-8")
    if fmt == "md":
        return _markdown(table).encode("utf-8")
    raise ValueError(f"a compilation table is written as {', '.join(FORMATS)}, not {fmt}")


def _markdown(table: Table) -> str:
    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    def marked(pieces) -> str:
        out = []
        for op, text in pieces:
            core = cell(text)
            if op != "=" and core.strip():
                lead, trail = core[: len(core) - len(core.lstrip())], core[len(core.rstrip()):]
                mark = "**" if op == "+" else "~~"
                core = f"{lead}{mark}{core.strip()}{mark}{trail}"
            out.append(core)
        return "".join(out)

    lines = [f"# {cell(table.title)}", "", "| " + " | ".join(cell(h) for h in table.headings) + " |",
             "|" + "---|" * len(table.headings)]
    for row in table.rows:
        lines.append("| " + " | ".join([
            cell(row.label or row.id), cell(row.previous), marked(row.latest), cell(row.status),
            "<br>".join(cell(p) for p in row.proposals)]) + " |")
    return "\n".join(lines) + "\n"


def _docx(table: Table) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from resodiff.docx_write import w_sub

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(9.5)
    document.add_heading(table.title, level=2)
    widths = (Cm(2.2), Cm(7.4), Cm(9.6), Cm(2.8), Cm(4.7))
    grid = document.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    grid.autofit = False
    for col, width in zip(grid._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))  # LibreOffice lays columns out by the grid
    header = grid.rows[0]
    w_sub(header._tr.get_or_add_trPr(), "tblHeader")  # repeated at the top of every page
    for cell, heading, width in zip(header.cells, table.headings, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(heading).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        cells[0].paragraphs[0].add_run(row.label or row.id)
        cells[1].paragraphs[0].add_run(row.previous)
        latest = cells[2].paragraphs[0]
        for op, text in row.latest:
            run = latest.add_run(text)
            if op == "+":
                run.bold, run.underline = True, True
            elif op == "-":
                run.font.strike = True
        status = cells[3].paragraphs[0].add_run(row.status)
        status.bold = row.open
        for k, proposal in enumerate(row.proposals):
            p = cells[4].paragraphs[0] if k == 0 else cells[4].add_paragraph()
            p.add_run(proposal)
    for tr in grid._tbl.iter(qn("w:tr")):
        w_sub(tr.get_or_add_trPr(), "cantSplit")  # a row stays on one page where it fits
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
