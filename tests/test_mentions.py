"""Finding number + unit mentions, masks, template blanks, and leaving non-facts out."""
import unicodedata

import pytest

from transforms.mentions import MentionFinder


@pytest.fixture(scope="module")
def finder(seeds):
    return MentionFinder.from_seeds(seeds)


def found(finder, text):
    text = unicodedata.normalize("NFKC", text)
    return [(text[m.start:m.end], m.value, m.value_high, m.unit, m.placeholder) for m in finder.find(text)]


@pytest.mark.parametrize("text, value, unit", [
    ("新认定企业技术中心7家", 7, "家"),
    ("投入资金650万元", 0.065, "亿元"),        # money always in 亿元
    ("实现产值2.4亿元", 2.4, "亿元"),
    ("交易额达1.2万亿", 12000, "亿元"),        # bare 万亿 is money
    ("拨付经费3,200万元", 0.32, "亿元"),       # thousands separator
    ("聘请专家12名", 12, "人"),                # 名 → 人
    ("邀请院士3位", 3, "人"),                  # 位 → 人
    ("举办沙龙9场", 9, "场次"),                # 场 → 场次
    ("服务群众2.5万人次", 25000, "人次"),      # 万人次 scaled
    ("采集数据3万条", 30000, "条"),            # magnitude before a counter
    ("提高0.8个百分点", 0.8, "百分点"),
    ("占比百分之四十", 40, "%"),
    ("培训农民一万人", 10000, "人"),
])
def test_value_and_canonical_unit(finder, text, value, unit):
    (mention,) = found(finder, text)
    assert mention[1] == pytest.approx(value) and mention[3] == unit


def test_number_split_from_unit_by_line_break(finder):
    assert found(finder, "成交额达到\n4.5\n亿元。") == [("4.5\n亿元", 4.5, None, "亿元", None)]


@pytest.mark.parametrize("text, lo, hi", [
    ("新建孵化器2-3家", 2, 3), ("引进博士3－6人", 3, 6), ("攻关4~5项", 4, 5), ("建设基地1至3个", 1, 3),
])
def test_ranges(finder, text, lo, hi):
    (m,) = found(finder, text)
    assert (m[1], m[2]) == (lo, hi)


def test_infix_qualifier_is_part_of_the_mention(finder):
    assert [m[0] for m in found(finder, "走访企业300余家，发放资料2000多份，资金80余万元")] == ["300余家", "2000多份", "80余万元"]


def test_chinese_numerals(finder):
    assert [(m[0], m[1]) for m in found(finder, "引进三家机构，建成十余个站点")] == [("三家", 3), ("十余个", 10)]


@pytest.mark.parametrize("text, unit", [("获得资金*万元", "亿元"), ("共**家企业", "家"), ("认定X项成果", "项")])
def test_masked_values(finder, text, unit):
    (m,) = found(finder, text)
    assert m[1] is None and m[3] == unit and m[4] == "masked"


def test_template_blanks(finder):
    ms = found(finder, "新增科技型企业\n家，完成投资\n亿元，培育人才\n人以上。")
    assert [(m[3], m[4]) for m in ms] == [("家", "blank"), ("亿元", "blank"), ("人", "blank")]
    assert all(m[1] is None for m in ms)


def test_word_after_a_line_break_is_not_a_blank(finder):
    assert found(finder, "培育科技\n人才队伍，推进\n项目建设") == []


def test_underscore_blank(finder):
    assert found(finder, "新增众创空间____家")[0][4] == "blank"


@pytest.mark.parametrize("text", [
    "2023年9月15日召开会议",                    # dates
    "印发《关于加快创新的意见》(某科发〔2022〕18号)",  # document numbers
    "荣获全省第三名，排名进入前10位",            # ranks and ordinals
    "学习贯彻党的十九届六中全会精神",            # names
    "深入开展“三会一课”，做到“两个维护”",       # slogans
    "落实中央八项规定精神",
    "推进“1+3”产业体系建设",
    "阅读次数：2451次",                          # page furniture
    "组织一批企业参加培训，形成一个体系",        # 一 as an article
    "实施重点项目，储备项目库",                  # 项 followed by 目
    "《科技创新三年行动计划(2021-2023年)》",
])
def test_non_facts(finder, text):
    assert found(finder, text) == []


def test_quoted_count_is_a_name_but_long_quote_is_text(finder):
    assert found(finder, "实施“四个一”工程") == []
    assert [m[0] for m in found(finder, "“今年全区共引进科技人才120人，比去年多一成”") ] == ["120人"]


@pytest.mark.parametrize("text", ["排名前移3位", "生产汽车零部件", "更换零件"])
def test_rank_moves_and_zero_are_not_counts(finder, text):
    assert found(finder, text) == []


def test_percent_blank(finder):
    assert [(m[3], m[4]) for m in found(finder, "覆盖率达到\n%；占比____%。")] == [("%", "blank"), ("%", "blank")]
