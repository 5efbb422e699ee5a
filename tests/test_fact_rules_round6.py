"""Round-6 rules (general robustness of indicator linking); every sentence is written for this file."""

import pytest

from tests.fact_sentences import by_mention as facts, field


# ---------------------------------------------------------------- indicator: problems counted
@pytest.mark.parametrize("text, mention", [
    ("深入开展助企服务,帮助企业协调解决融资、用地、人才等问题37个。", "37个"),
    ("局班子成员带队走访,解决科技型企业融资难题12个。", "12个"),
    ("梳理企业在研发机构建设中的困难诉求26条,已全部办结。", "26条"),
])
def test_a_count_of_problems_is_not_a_term_listed_among_them(seeds, text, mention):
    assert field(seeds, text, mention, "indicator") is None


def test_the_term_still_counts_without_problem_words(seeds):
    assert field(seeds, "全年帮助科技型企业获得贷款3.6亿元。", "3.6亿元", "indicator") == "tech_finance"


# ---------------------------------------------------------------- indicator: a policy ceiling
@pytest.mark.parametrize("text, mention", [
    ("对新认定的市级重点实验室,给予最高200万元奖励。", "200万元"),
    ("对首次获评的科技型企业最高补助30万元。", "30万元"),
])
def test_a_ceiling_per_unit_is_a_rule_not_money_spent(seeds, text, mention):
    assert field(seeds, text, mention, "indicator") is None


def test_money_paid_out_is_still_a_subsidy(seeds):
    assert field(seeds, "全年兑现企业研发奖补资金2,350万元。", "2,350万元", "indicator") == "enterprise_subsidies"
