"""The one OOXML layer: tracked runs, tracked footnotes with italics, comments through
python-docx's API, Word numbering; read back with python-docx and the independent reader of
``docx_revisions``."""

from __future__ import annotations

from datetime import UTC, datetime

import docx
from docx_revisions import resolve, revisions

from resodiff.docx_write import (
    Comments,
    Footnotes,
    Revisions,
    comments_of,
    footnotes_of,
    numbered_list,
    set_number,
    track_revisions,
)
from resodiff.model import spans

DATE = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def _document(tmp_path):
    document = docx.Document()
    revisions_ = Revisions(DATE)
    notes, comments = Footnotes(document), Comments(document, date=DATE)
    track_revisions(document)
    num_id = numbered_list(document, "%1.", start=5)
    p = document.add_paragraph()
    set_number(p, num_id)
    p._p.append(revisions_.run("Encourage", "=", italic=True))
    p._p.append(revisions_.run(" vivement", "+", italic=True))
    p._p.append(revisions_.run(" les États", "="))
    # A footnote both texts have, its text changed: "Ibid." kept in italics, the page changed.
    note = notes.add([revisions_.run("Ibid.", "=", italic=True), revisions_.run(", p. ", "="),
                      revisions_.run("3", "-"), revisions_.run("5", "+"), revisions_.run(".", "=")])
    p._p.append(notes.reference(note))
    gone = document.add_paragraph()
    gone._p.append(revisions_.run("Paragraphe supprimé", "-"))
    revisions_.paragraph_mark(gone._p, "-")
    comments.on_paragraph(gone, "OP6 deleted")
    plain = document.add_paragraph()
    run = plain.add_run("Recueil des Traités")
    comments.add(run, run, ["a title", "in italics"])
    notes.call(plain, "Nations Unies, Recueil des Traités, vol. 1331.", italic=[(15, 34)])
    document.add_paragraph("fin")
    notes.write()
    path = tmp_path / "w.docx"
    document.save(path)
    return path


def test_tracked_footnotes_accept_and_reject(tmp_path):
    path = _document(tmp_path)
    accepted, notes_new = resolve(path, "accept")
    rejected, notes_old = resolve(path, "reject")
    assert [t for _, t in accepted] == ["5.\tEncourage vivement les États", "Recueil des Traités", "fin"]
    assert [t for _, t in rejected] == ["5.\tEncourage les États", "Paragraphe supprimé", "Recueil des Traités", "fin"]
    assert notes_new == ["Ibid., p. 5.", "Nations Unies, Recueil des Traités, vol. 1331."]
    assert notes_old == ["Ibid., p. 3.", "Nations Unies, Recueil des Traités, vol. 1331."]
    assert {(author, date) for _, author, date in revisions(path)} == {("resodiff", "2025-01-02T03:04:05Z")}


def test_footnote_italics_and_comments_read_back_with_python_docx(tmp_path):
    document = docx.Document(str(_document(tmp_path)))
    assert footnotes_of(document) == {"1": " Ibid., p. 5.", "2": " Nations Unies, Recueil des Traités, vol. 1331."}
    xml = next(r.target_part.blob for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    note = docx.oxml.parse_xml(xml)
    italic = ["".join(t.text for t in r.iter("{*}t")) for r in note.iter("{*}r") if r.find("{*}rPr/{*}i") is not None]
    assert italic == ["Ibid.", "Recueil des Traités"]
    assert [(c.author, c.text, c.timestamp) for c in document.comments] == [
        ("resodiff", "OP6 deleted", DATE), ("resodiff", "a title\nin italics", DATE)]
    assert comments_of(document) == {"0": "OP6 deleted", "1": "a title\nin italics"}
    first = document.paragraphs[0]
    assert first._p.pPr.numPr is not None and b"w:trackRevisions" in document.settings.element.xml.encode()


def test_spans_cut_a_text_at_its_marked_stretches():
    assert spans("ab cd ef", [(3, 5)]) == [("ab ", False), ("cd", True), (" ef", False)]
    assert spans("abc", []) == [("abc", False)]
    assert spans("abc", [(0, 3), (1, 2)]) == [("abc", True)]
