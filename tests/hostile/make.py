"""Hostile files, made on the fly and small on disk: PDFs, Word files, texts.

Each maker writes into a folder the test gives (``tmp_path``) and returns the path. The bombs
are built from their compressed form, never inflated here.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "corpus" / "A_RES_75_15.fr.md"

# ---- PDF -------------------------------------------------------------------------------------


def pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF of ``objects`` (object k+1 is objects[k]) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for k, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % k + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, root, xref))
    return out.getvalue()


def stream(data: bytes, extra: bytes = b"", *, deflate: bool = True) -> bytes:
    body = zlib.compress(data, 9) if deflate else data
    flt = b" /Filter /FlateDecode" if deflate else b""
    return b"<< /Length %d%s %s >>\nstream\n" % (len(body), flt, extra) + body + b"\nendstream"


def deflated_zeros(size: int) -> bytes:
    """``size`` zero bytes as a zlib stream, made without inflating or deflating ``size`` bytes:
    after a full flush, each further megabyte of zeros deflates to the same block."""
    mb = 1024 * 1024
    assert size % mb == 0 and size >= 3 * mb
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(mb)
    first = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    last = comp.compress(chunk) + comp.flush(zlib.Z_FINISH)
    adler = 1
    for _ in range(size // mb):
        adler = zlib.adler32(chunk, adler)
    return b"\x78\xda" + first + again * (size // mb - 2) + last + adler.to_bytes(4, "big")


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_pages(contents: list[bytes], *, xobjects: list[bytes] = ()) -> bytes:
    """A PDF whose page k draws contents[k] (deflated); ``xobjects`` become forms /X1, /X2, ..."""
    n = len(contents)
    first_page = 4 + len(xobjects)
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in range(n))
    xnames = b" ".join(b"/X%d %d 0 R" % (k + 1, 4 + k) for k in range(len(xobjects)))
    resources = b"<< /Font << /F1 3 0 R >> /XObject << %s >> >>" % xnames
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n), _FONT]
    for body in xobjects:
        objects.append(stream(body, b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources %s" % resources))
    for k, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                       % (resources, first_page + 2 * k + 1))
        objects.append(stream(content))
    return pdf(objects)


def text_page(lines: list[str]) -> bytes:
    ops = [b"BT /F1 10 Tf 12 TL 50 800 Td"]
    for line in lines:
        ops.append(b"(%s) '" % line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)"))
    ops.append(b"ET")
    return b"\n".join(ops)


def pdf_inflate_bomb(folder: Path, size: int = 1024 ** 3) -> Path:
    """One small page whose content stream inflates to ``size`` bytes (1 GB: a 1 MB file)."""
    body = deflated_zeros(size)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream"]
    path = folder / "inflate-bomb.pdf"
    path.write_bytes(pdf(objects))
    return path


def pdf_operator_bomb(folder: Path) -> Path:
    """A page of four million path operators: 15 MB of content from a small file."""
    path = folder / "operator-bomb.pdf"
    path.write_bytes(pdf_pages([b"0 0 m\n" * 2_500_000]))
    return path


def pdf_glyph_bomb(folder: Path) -> Path:
    """A page that shows one string of two million glyphs."""
    path = folder / "glyph-bomb.pdf"
    path.write_bytes(pdf_pages([b"BT /F1 1 Tf 0 0 Td (" + b"W" * 2_000_000 + b") Tj ET"]))
    return path


def pdf_form_bomb(folder: Path, depth: int = 7, fan: int = 10) -> Path:
    """Forms that draw forms: /X1 draws /X2 ten times, ... : 10^7 drawings from a few bytes."""
    forms = [b"q " + b"/X%d Do " % (k + 2) * fan + b"Q" for k in range(depth - 1)]
    forms.append(b"BT /F1 10 Tf 10 10 Td (x) Tj ET")
    path = folder / "form-bomb.pdf"
    path.write_bytes(pdf_pages([b"/X1 Do"], xobjects=forms))
    return path


def pdf_many_pages(folder: Path, pages: int = 499, lines: int = 60) -> Path:
    """``pages`` pages of ``lines`` lines of text (the issue's 470 KB file: 499 x 60)."""
    line = "Requests the Secretary-General to report on the implementation of the present resolution"
    path = folder / "many-pages.pdf"
    path.write_bytes(pdf_pages([text_page([f"{k}. {line}"] * lines) for k in range(pages)]))
    return path


# ---- Word --------------------------------------------------------------------------------------

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'wordprocessingml.document.main+xml"/>'
       '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'wordprocessingml.footnotes+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
             'footnotes" Target="footnotes.xml"/></Relationships>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def seed_paragraphs() -> list[str]:
    """The seed's text blocks, XML-escaped, its footnote markers dropped."""
    text = SEED.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
    blocks = [b.strip().replace("*", "") for b in text.split("\n\n") if b.strip()]
    blocks = [b for b in blocks if not b.startswith(("¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"))]
    return [b.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for b in blocks]


def document_xml(paragraphs: list[str], prolog: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:document {W}><w:body>'
            + "".join(_para(p) for p in paragraphs) + "</w:body></w:document>")


def footnotes_xml(prolog: str = "", text: str = "Footnote text.") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}<w:footnotes {W}>'
            f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')


def docx(folder: Path, name: str, parts: dict[str, str | bytes], *, lie: dict[str, int] | None = None) -> Path:
    """A Word package of ``parts``; ``lie`` declares other uncompressed sizes for some members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    data = buf.getvalue()
    for part, size in (lie or {}).items():
        data = _declare_size(data, part.encode(), size)
    path = folder / name
    path.write_bytes(data)
    return path


def word_parts(paragraphs: list[str] | None = None, *, document_prolog: str = "", footnotes: str | None = None,
               rels: bool = True) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS,
                                     "word/document.xml": document_xml(paragraphs or seed_paragraphs(), document_prolog)}
    if footnotes is not None:
        parts["word/footnotes.xml"] = footnotes
    if rels:
        parts["word/_rels/document.xml.rels"] = _DOC_RELS if footnotes is not None else _DOC_RELS.replace(
            _DOC_RELS[_DOC_RELS.index("<Relationship "):_DOC_RELS.index("</Relationships>")], "")
    return parts


def _declare_size(data: bytes, name: str, size: int) -> bytes:
    """Write ``size`` as the uncompressed size of member ``name`` in its local and central headers."""
    out = bytearray(data)
    for sig, name_len_at, size_at, header in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        start = 0
        while (k := out.find(sig, start)) >= 0:
            n = int.from_bytes(out[k + name_len_at:k + name_len_at + 2], "little")
            if bytes(out[k + header:k + header + n]) == name:
                out[k + size_at:k + size_at + 4] = size.to_bytes(4, "little")
            start = k + 4
    return bytes(out)


def deflated_member_zip(folder: Path, name: str, member: str, size: int, declared: int | None = None) -> Path:
    """A Word package whose ``member`` is ``size`` bytes of one repeated XML-ish byte, deflated on the fly."""
    parts = word_parts()
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, data in parts.items():
            if part != member:
                zf.writestr(part, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            opening = f'<?xml version="1.0"?><w:document {W}><w:body><w:p><w:r><w:t>'.encode()
            fh.write(opening)
            chunk = b"a" * (1024 * 1024)
            for _ in range((size - len(opening)) // len(chunk)):
                fh.write(chunk)
    if declared is not None:
        path.write_bytes(_declare_size(path.read_bytes(), member.encode(), declared))
    return path

