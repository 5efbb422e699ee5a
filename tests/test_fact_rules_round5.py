"""Round-5 rules for status, measure and indicator; every sentence is written for this file."""

import pytest

from tests.fact_sentences import by_mention as facts, field


# ---------------------------------------------------------------- status
def test_an_estimate_cue_early_in_a_sentence_covers_every_number_after_it(seeds):
    r = facts(seeds, "预计全年全社会研发投入达到8.6亿元,同比增长12.5%,研发投入强度提高0.15个百分点。")
    assert [r[m]["status"] for m in ("8.6亿元", "12.5%", "0.15个百分点")] == ["estimate"] * 3


def test_a_preliminary_accounting_is_an_estimate(seeds):
    r = facts(seeds, "据统计局初步核算,2023年全区研发经费支出4.1亿元,较上年增长9.8%。")
    assert (r["4.1亿元"]["status"], r["9.8%"]["status"]) == ("estimate", "estimate")


def test_an_estimate_mark_after_the_number(seeds):
    assert field(seeds, "全县公民具备科学素质比例达到12.8%(预计)。", "12.8%", "status") == "estimate"


def test_an_achieved_target_makes_no_later_number_a_target(seeds):
    r = facts(seeds, "完成全市下达的单位产值能耗下降2.5%的年度目标,关停落后产能企业4家。")
    assert r["4家"]["status"] == "actual"


def test_a_past_word_inside_a_noun_phrase_of_a_plan_is_no_past_result(seeds):
    r = facts(seeds, "对已建创新平台开展绩效评价,新认定县级工程技术研究中心3家。", doc_type="plan", year=2024)
    assert r["3家"]["status"] == "target"


# ---------------------------------------------------------------- measure
@pytest.mark.parametrize("text, mention, measure", [
    # an increase verb followed by 到 names the level reached
    ("五年来,全县科技型中小企业由23家增加到97家。", "97家", "level"),
    # a change over the own past right before the number, whatever verb opens the clause
    ("力争评价入库企业较上年增加35家。", "35家", "increase"),
    ("评价入库科技型中小企业88家,同比增加17家。", "17家", "increase"),
    # a verb of its own that names an activity, not the list's addition
    ("全年引进科技人才45人、创新团队4个,遴选县级科技领军人才12名。", "12名", "level"),
    ("引进和培育高层次人才60人,支持创新团队8个。", "8个", "level"),
    ("依托县孵化中心,孵化科技型小微企业26家。", "26家", "level"),
    # 新命名 names new units
    ("新命名市级科普教育基地6家。", "6家", "increase"),
    # cue words inside nouns and verb phrases that name no addition
    ("全市认定登记技术合同2,315项。", "2,315项", "level"),
    ("推动建设市级重点实验室3家。", "3家", "level"),
    ("遴选高新技术企业培育对象120家。", "120家", "level"),
    ("班子全年专题研究党风廉政建设工作6次。", "6次", "level"),
    # 引进推广 in a report of service work is what the service delivered; elsewhere an addition
    ("科技特派员开展技术培训80场次,引进推广新品种21个。", "21个", "level"),
    ("引进推广新品种9个,建成农业科技示范基地2个。", "9个", "increase"),
    # 新引进入孵企业 is an addition
    ("县科技企业孵化器新引进入孵企业14家。", "14家", "increase"),
])
def test_measure(seeds, text, mention, measure):
    assert field(seeds, text, mention, "measure") == measure


# ---------------------------------------------------------------- indicator
@pytest.mark.parametrize("text, mention, code", [
    ("兑现科技保险保费补贴52万元。", "52万元", "enterprise_subsidies"),
    ("落实科技型企业贷款贴息政策,兑现贷款贴息38万元。", "38万元", "enterprise_subsidies"),
    ("新获批省级院士创新平台2个。", "2个", "rd_centers"),
    ("“科技贷”全年发放贷款3.2亿元,支持科技型企业76家。", "76家", None),
    ("走访服务高新技术企业64家。", "64家", None),
    ("新认定自治区农业高新技术企业5家。", "5家", None),
    ("县科技创业投资基金完成投资4个项目,投资额2600万元。", "4个", "tech_finance"),
    ("县科技创业投资基金完成投资4个项目,投资额2600万元。", "2600万元", "tech_finance"),
    ("技术合同认定登记60份,成交额突破1.5亿元。", "1.5亿元", "tech_contract_turnover"),
    ("获批国家自然科学基金项目31项。", "31项", "st_projects"),
    ("全年培养技术经理人40名。", "40名", "st_talent"),
    ("争取省级工业和信息化专项资金900万元。", "900万元", None),
    ("推动高新技术企业研发费用占营业收入比重达到4%以上。", "4%", None),
])
def test_indicator(seeds, text, mention, code):
    assert field(seeds, text, mention, "indicator") == code


def test_the_sum_an_insurance_covers_is_no_indicator(seeds):
    r = facts(seeds, "兑现科技保险保费补贴40万元,为企业提供风险保障2.6亿元。")
    assert (r["40万元"]["indicator"], r["2.6亿元"]["indicator"]) == ("enterprise_subsidies", None)
