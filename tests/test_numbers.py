"""Number parsing: digits, separators, Chinese numerals, magnitudes, ranges (seeds/lexicon/numbers.toml)."""
import pytest

from transforms.numbers import NumberLexicon, parse_chinese, parse_number, parse_range


@pytest.fixture(scope="module")
def lex(seeds):
    return NumberLexicon.from_lexicon(seeds.lexicon["numbers"])


@pytest.mark.parametrize("text, value", [
    ("37", 37), ("4.25", 4.25), ("2,816", 2816), ("12,345,678", 12345678), ("0.6", 0.6),
])
def test_arabic(lex, text, value):
    assert parse_number(text, lex) == value


@pytest.mark.parametrize("text, value", [
    ("两", 2), ("七", 7), ("十", 10), ("十二", 12), ("二十", 20), ("三百五十", 350), ("一千零八", 1008),
    ("一万", 10000), ("三万五千", 35000), ("三点五", 3.5), ("叁拾", 30),
])
def test_chinese_numerals(lex, text, value):
    assert parse_chinese(text, lex) == value


@pytest.mark.parametrize("text, value", [("1.5万", 15000), ("两万", 20000), ("3亿", 3e8), ("2千万", 2e7)])
def test_magnitude_suffix(lex, text, value):
    assert parse_number(text, lex) == value


@pytest.mark.parametrize("text, lo, hi", [
    ("3-6", 3, 6), ("4－9", 4, 9), ("2~3", 2, 3), ("2至4", 2, 4), ("三到五", 3, 5), ("11", 11, None),
])
def test_ranges(lex, text, lo, hi):
    assert parse_range(text, lex) == (lo, hi)


def test_not_a_number(lex):
    assert parse_number("科技", lex) is None
