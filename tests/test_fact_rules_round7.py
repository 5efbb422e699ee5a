"""Round-7 rules (second session); every sentence is written for this file."""

import pytest

from tests.fact_sentences import by_mention as facts


def field(seeds, text, mention, name, **kw):
    return facts(seeds, text, **kw)[mention][name]


# ---------------------------------------------------------------- indicator: the counted noun after its level word
@pytest.mark.parametrize("text, mention, code", [
    ("全年新增3家省级重点实验室。", "3家", "key_laboratories"),
    ("建成2个国家级星创天地。", "2个", "incubation_platforms"),
    ("力争新增2家县级科普基地。", "2家", "science_popularization_bases"),
])
def test_a_level_word_between_the_unit_and_the_counted_noun(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


def test_a_level_word_before_a_generic_noun_names_no_indicator(seeds):
    assert field(seeds, "走访3家省级企业。", "3家", "indicator") is None
