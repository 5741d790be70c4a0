"""The seed parser on the two real seeds and on synthetic articles."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_seed, parse_text
from pelican.plugins.explainer.parse.text import normalise

ROOT = Path(__file__).resolve().parents[1]
REWRITE = ROOT / "seeds" / "rewrite-china-vietnam-ties.txt"
WIRE = ROOT / "seeds" / "wire-xi-hanoi-translated.txt"


def meta(source_id: str = "a") -> SourceMeta:
    return SourceMeta(path=f"{source_id}.txt", id=source_id, label=source_id)


def parse(text: str, source_id: str = "a") -> Document:
    return parse_text(normalise(text), meta(source_id))


@pytest.fixture(scope="module")
def rewrite() -> Document:
    return parse_seed(REWRITE, meta("rewrite"))


@pytest.fixture(scope="module")
def wire() -> Document:
    return parse_seed(WIRE, meta("wire"))


def test_seeds_are_the_shared_files_byte_for_byte() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared seeds not beside the project")
    originals = sorted(p.read_bytes() for p in shared.glob("*.txt"))
    assert originals == sorted([REWRITE.read_bytes(), WIRE.read_bytes()])


def test_rewrite_headline_dek_and_five_sections(rewrite: Document) -> None:
    assert rewrite.headline is not None
    assert rewrite.headline.text == "China and Vietnam Strengthen Economic and Railway Ties"
    assert rewrite.dek is not None
    assert rewrite.dek.text.startswith("Chinese President Xi Jinping's visit to Vietnam leads")
    assert rewrite.headings == [
        "Strengthening Bilateral Ties Amid Global Tensions",
        "Focus on Supply Chains and Infrastructure",
        "Major Railway Projects Get the Green Light",
        "Talks on Chinese Aircraft in Vietnam",
        "A Strategic Visit in a Shifting Region",
    ]
    assert rewrite.dateline is None
    assert rewrite.credits == []


def test_wire_dateline_single_heading_and_credits(wire: Document) -> None:
    assert wire.headline is None
    assert wire.dateline == "Hanoi"
    first = wire.body_sentences[0]
    assert first.text.startswith("The Chinese president on Monday")
    assert wire.headings == ["Railway links, planes"]
    assert len(wire.credits) == 1 and wire.credits[0].startswith("Reports by")
    body = " ".join(s.text for s in wire.sentences)
    assert "Writing by" not in body and "Editors by" not in body


def test_no_split_inside_us_or_money(wire: Document, rewrite: Document) -> None:
    for doc in (wire, rewrite):
        for s in doc.sentences:
            assert not s.text.endswith(("U.S.", "$31.", "$31")), s.text
    money = [s for s in wire.sentences if "$31.4 billion" in s.text]
    assert len(money) == 1 and money[0].text.startswith("Vietnam Customs data shows")
    us = [s for s in wire.sentences if "equal to those of the U.S. and the EU" in s.text]
    assert len(us) == 1


def test_offsets_map_back_to_the_seed_text(wire: Document, rewrite: Document) -> None:
    for doc in (wire, rewrite):
        ids = [s.id for s in doc.sentences]
        assert len(ids) == len(set(ids))
        for s in doc.sentences:
            assert doc.text[s.start : s.end] == s.text


def test_sentence_ids_are_stable_across_parses() -> None:
    first = [s.id for s in parse_seed(WIRE, meta("wire")).sentences]
    second = [s.id for s in parse_seed(WIRE, meta("wire")).sentences]
    assert first == second and first[0] == "wire-s1"


def test_abbreviations_and_numbers_do_not_split() -> None:
    doc = parse(
        "He is the No. 2 official at the U.S. embassy. Sales rose to $4.5 million in 2024.\n"
    )
    assert [s.text for s in doc.sentences] == [
        "He is the No. 2 official at the U.S. embassy.",
        "Sales rose to $4.5 million in 2024.",
    ]


def test_bom_crlf_and_leading_blank_lines(tmp_path: Path) -> None:
    text = "\r\n\r\nCity Council Approves Tram Line\r\nThe vote was 7 to 2. Work starts in May.\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    doc = parse_seed(path, meta())
    assert doc.headline is not None and doc.headline.text == "City Council Approves Tram Line"
    assert [s.text for s in doc.body_sentences] == ["The vote was 7 to 2.", "Work starts in May."]
    assert "\r" not in doc.text and "\ufeff" not in doc.text


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes("Officials met on Tuesday. They agreed.\n".encode("utf-16"))
    assert parse_seed(path, meta()).sentences[0].text == "Officials met on Tuesday."


def test_article_without_any_headings() -> None:
    doc = parse(
        "Officials said the bridge would reopen on Friday. Repairs cost “about $2 million,” "
        "they said.\nTraffic will be limited to two lanes.\n"
    )
    assert doc.headline is None and doc.dek is None and doc.headings == []
    assert len(doc.paragraphs) == 2
    assert doc.body_sentences[1].text == "Repairs cost “about $2 million,” they said."


def test_curly_quotes_survive() -> None:
    doc = parse("“We will not stop,” she said. ‘Never,’ he added.\n")
    assert doc.sentences[0].text == "“We will not stop,” she said."


def test_wire_style_dateline_with_agency() -> None:
    doc = parse("WASHINGTON (Agency) - Lawmakers voted on Tuesday. The bill passed.\n")
    assert doc.dateline == "WASHINGTON (Agency)"
    assert doc.sentences[0].text == "Lawmakers voted on Tuesday."


def test_quote_with_colon_is_not_a_dateline() -> None:
    doc = parse("The minister added: “No deal yet.” Talks go on.\n")
    assert doc.dateline is None


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "no text"),
        (b"   \n\t\n", "no text"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("\u0201 text".encode("utf-16-le")[:2] + bytes(range(1, 9)), "control characters"),
        ("caf\u00e9 cr\u00e8me".encode("cp1252"), "not valid UTF-8"),
    ],
)
def test_bad_seeds_raise_one_line_input_errors(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        parse_seed(path, SourceMeta(path="seeds/bad.txt", id="bad", label="bad"))
    text = str(info.value)
    assert text.startswith("seeds/bad.txt") and message in text and "\n" not in text


def test_a_stray_control_character_is_blanked_not_refused(tmp_path: Path) -> None:
    path = tmp_path / "bell.txt"
    path.write_bytes(b"Lawmakers voted\x07 on Tuesday after a long debate in the chamber.\n")
    doc = parse_seed(path, SourceMeta(path="seeds/bell.txt", id="bell", label="bell"))
    assert (
        doc.sentences[0].text == "Lawmakers voted  on Tuesday after a long debate in the chamber."
    )


@pytest.mark.parametrize("outlet", ["Meridian", "Northwire Service"])
def test_a_wire_name_alone_under_the_headline_is_the_outlet_not_a_heading(outlet: str) -> None:
    doc = parse(
        "Wildfire forces thousands from homes near Brennick\n"
        f"{outlet}\n"
        f"BRENNICK, Esterra, Aug 12 ({outlet}) - A wildfire forced more than 2,000 people "
        "from their homes on Tuesday, officials said.\n"
        "Firefighters were battling the blaze on three fronts.\n"
    )
    assert [s.heading for s in doc.sections] == [None]  # no section is named after the wire
    assert doc.meta.publisher == outlet
    assert outlet in doc.credits


def test_a_short_line_over_a_dateline_crediting_another_agency_stays_a_heading() -> None:
    doc = parse(
        "Wildfire forces thousands from homes near Brennick\n"
        "Evacuations\n"
        "BRENNICK, Esterra, Aug 12 (Meridian) - A wildfire forced more than 2,000 people "
        "from their homes on Tuesday, officials said.\n"
        "Firefighters were battling the blaze on three fronts.\n"
    )
    assert "Evacuations" not in doc.credits
