"""The seed, A/RES/75/15 (French UN text export), parsed exactly."""

from __future__ import annotations

import re

import pytest

from resodiff.readers import read

from conftest import SEED
from contracts import conforms


@pytest.fixture(scope="module")
def seed():
    return read(SEED)


def test_counts(seed):
    assert len(seed.preamble) == 18
    assert len(seed.operative) == 28
    assert len(seed.footnotes) == 10
    assert [p.id for p in seed.operative] == [f"OP{n}" for n in range(1, 29)]


def test_header(seed):
    assert seed.symbol == "A/RES/75/15"
    assert seed.session == 75
    assert seed.language == "fr"
    assert seed.agenda_item == "130 q)"
    assert seed.adopted == "2020-11-23"
    assert seed.issued == "2020-11-30"
    assert seed.drafts == ("A/75/L.25", "A/75/L.25/Add.1")
    assert seed.meeting == 30
    assert seed.title == "Coopération entre l'Organisation des Nations Unies et l'Association des nations de l'Asie du Sud-Est"


def test_every_footnote_tied_to_its_paragraph(seed):
    anchors = {n: p.id for p in seed.paragraphs for n in p.all_footnotes()}
    assert anchors == {"1": "PP1", "2": "PP2", "3": "PP4", "4": "PP7", "5": "PP9", "6": "PP10",
                       "7": "OP4", "8": "OP10", "9": "OP13", "10": "OP14"}
    assert seed.footnote("3") == "Résolutions 57/35, 59/5, 61/46, 63/35, 65/235, 67/110, 69/110, 71/255 et 73/259."


def test_page_breaks_rejoined(seed):
    pp12 = seed.paragraph("PP12").text
    assert "qui continuera d'aider les deux parties à renforcer encore leur partenariat global" in pp12
    assert pp12.endswith("collaboration intersectorielle,")
    op3 = seed.paragraph("OP3").text
    assert "partenariat global entre l'Association des nations de l'Asie du Sud-Est et l'Organisation des Nations Unies (2021-2025) ;" in op3
    op15 = seed.paragraph("OP15").text
    assert "encourage l'Organisation des Nations Unies à appuyer la mise en œuvre" in op15
    # nothing from the footnote blocks between the halves leaked into the text
    assert "Recueil des Traités" not in op15 and "Beijing" not in pp12


def test_leads(seed):
    leads = {p.id: p.lead for p in seed.paragraphs}
    assert leads["PP3"] == "Notant avec satisfaction"
    assert leads["PP5"] == "Rappelant également"
    assert leads["PP11"] == "Prenant note avec satisfaction"
    assert leads["PP12"] == "Se félicitant"
    assert leads["PP17"] == "Se félicitant également"
    assert leads["OP1"] == "Se félicite"
    assert leads["OP3"] == "A conscience"
    assert leads["OP13"] == "Encourage également"
    assert leads["OP18"] == "Accueille avec satisfaction"
    assert leads["OP22"] == "Prend note avec satisfaction"
    assert all(p.text.startswith(p.lead) for p in seed.paragraphs)


def test_references(seed):
    refs = seed.references
    assert "71/317" in refs
    for symbol in ("57/35", "59/5", "61/46", "63/35", "65/235", "67/110", "69/110", "71/255", "73/259"):
        assert symbol in refs
    assert refs.index("57/35") < refs.index("71/317")  # reading order: PP4's footnote before PP5


def test_no_markup_or_marker_left(seed):
    for p in seed.paragraphs:
        assert not re.search(r"[*\[\]^¹²³⁴⁵⁶⁷⁸⁹⁰]|\(#\)", p.text), p.id
        assert "  " not in p.text
    # French spacing before ; and : is as printed
    assert seed.paragraph("OP1").text.endswith("dans la région ;")


def test_pinned_json(seed, data_regression):
    data_regression.check(conforms(seed.to_json(), "resolution"))
