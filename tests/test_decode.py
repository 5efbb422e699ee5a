"""Decoding: each encoding a report arrives in, and files that give no text."""
from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from transforms.decode import decode_bytes

REPORTS = Path(__file__).resolve().parents[1] / "seeds" / "reports"
SAMPLE = (REPORTS / "000_bc41b18d25dc496a.txt").read_text(encoding="utf-8")
SENTENCE = "2023年，全县新增高新技术企业12家，研发投入增长15％。"


@pytest.mark.parametrize("encoding, recorded", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
    ("utf-16", "utf-16"),
])
def test_a_sample_report_decodes_in_each_encoding(encoding, recorded):
    decoded = decode_bytes(SAMPLE.encode(encoding))
    assert decoded.error is None
    assert decoded.encoding == recorded
    assert decoded.text == SAMPLE


def test_a_short_gbk_sentence_is_read_as_gb18030_not_guessed_otherwise():
    decoded = decode_bytes(SENTENCE.encode("gbk"))
    assert (decoded.encoding, decoded.text) == ("gb18030", SENTENCE)


def test_the_bom_is_not_left_in_the_text():
    assert not decode_bytes(codecs.BOM_UTF8 + SENTENCE.encode()).text.startswith("\ufeff")


def test_a_utf8_file_with_one_damaged_byte_stays_utf8():
    damaged = SAMPLE.encode("utf-8")[:-2]  # a download cut inside the last character
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(SAMPLE[:100])


@pytest.mark.parametrize("content", [b"", b"   \r\n\n\t ", None])
def test_an_empty_file_is_an_error(content):
    decoded = decode_bytes(content)
    assert (decoded.text, decoded.error) == (None, "empty file")


def test_binary_junk_is_undecodable():
    junk = random.Random(7).randbytes(4000)
    decoded = decode_bytes(junk)
    assert decoded.text is None
    assert decoded.error.startswith("undecodable")


def test_a_binary_file_with_a_text_header_is_undecodable():
    png_like = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    assert decode_bytes(png_like).error.startswith("undecodable")
