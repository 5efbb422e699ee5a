"""Metadata rules, each with short example sentences of our own."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from transforms.metadata import (
    PlaceIndex,
    compile_metadata_rules,
    doc_type,
    find_bureau,
    find_title,
    published_on,
    report_year,
)


@pytest.fixture(scope="module")
def rules(seeds):
    return compile_metadata_rules(seeds.lexicon["metadata"])


@pytest.fixture(scope="module")
def places(seeds):
    return PlaceIndex(seeds.places)


@pytest.mark.parametrize("text, title", [
    ("苏州市吴中区科学技术局2023年工作总结\n2023年,我局……", "苏州市吴中区科学技术局2023年工作总结"),
    ("关于印发《湖南省科学技术厅2024年工作要点》的通知\n各处室:", "湖南省科学技术厅2024年工作要点"),
    ("现将我局2021年工作总结和2022年工作打算报告如下:", "我局2021年工作总结和2022年工作打算"),
    ("关于印发2024年工作要点的通知\n某某市科技局2024年工作要点", "某某市科技局2024年工作要点"),
    ("某区科技局局长2022年度述职述廉报告\n区委:", "某区科技局局长2022年度述职述廉报告"),
    ("某县科学技术局2023年工作总结\n(2024年1月10日)\n2023年,我局……", "某县科学技术局2023年工作总结"),
    ("全年新增企业5家。", None),
    ("述职报告\n某区科学技术局局长 张三\n现将本人一年来履职、廉洁自律等方面情况报告如下,请予评议。", "述职报告"),
    ("坚持创新引领\n——在2022年全市科技工作会议上的工作报告\n某市科学技术局", "在2022年全市科技工作会议上的工作报告"),
    ("现将《某区科学技术局2022年工作总结》印发给你们,请认真学习,并结合实际,谋划好2023年工作。",
     "某区科学技术局2022年工作总结"),
    # a document that a body sentence cites is no title, however long its name
    ("某市科技局2022年度述职报告\n全力争创国家区域科技创新中心,发布《关于自创区(某片区)2021年度园区创新发展能力评价工作的报告》。",
     "某市科技局2022年度述职报告"),
])
def test_title(rules, text, title):
    assert find_title(text, rules) == title


@pytest.mark.parametrize("title, parts, kind", [
    ("某市科技局2023年工作总结", set(), "summary"),
    ("某市科技局局长2023年述职报告", set(), "report"),
    ("某区科技局局长2022年度述职述廉报告", {"summary", "plan"}, "report"),
    ("某县科技局领导班子2023年述职述责报告", {"plan"}, "report"),
    ("某县科技局2023年上半年工作总结", set(), "summary"),
    ("某县科技局2023年上半年工作总结和下半年工作计划", set(), "summary_and_plan"),
    ("某市科技局2024年工作思路", set(), "plan"),
    ("某市科技局2024年工作打算", set(), "plan"),
    ("某市科技局2024年工作计划", {"summary", "plan"}, "plan"),
    (None, {"summary", "plan"}, "summary_and_plan"),
    ("2024年科技工作要点", set(), "plan"),
    ("2024年科技创新工作安排", set(), "plan"),
    ("2023年工作总结及2024年工作计划", set(), "summary_and_plan"),
    ("2023年工作总结", {"plan"}, "summary"),  # a closing plan of no given share: see below
    ("关于科技创新工作情况的报告", set(), "report"),
    (None, set(), "report"),
])
def test_doc_type(rules, title, parts, kind):
    assert doc_type(title, parts, rules) == kind


@pytest.mark.parametrize("title, parts, share, kind", [
    # the title names the summary only: a short closing plan leaves it a summary
    ("某县科技局2021年工作总结", {"summary", "plan"}, 0.10, "summary"),
    ("某县科技局2021年工作总结", {"summary", "plan"}, 0.24, "summary"),
    # ... a plan part of a quarter of the text or more makes it summary_and_plan
    ("某县科技局2021年工作总结", {"summary", "plan"}, 0.25, "summary_and_plan"),
    ("某县科技局2021年度工作总结", {"plan"}, 0.40, "summary_and_plan"),
    # no plan part at all: a summary whatever the share
    ("某县科技局2021年工作总结", {"summary"}, 0.40, "summary"),
    # the title names both parts: summary_and_plan even with a short plan part
    ("某县科技局2021年工作总结及2022年工作打算", {"summary", "plan"}, 0.05, "summary_and_plan"),
    # a title naming the plan only, a duty report, no kind in the title: the share does not count
    ("某县科技局2022年工作要点", {"summary", "plan"}, 0.05, "plan"),
    ("某县科技局局长2021年述职报告", {"summary", "plan"}, 0.50, "report"),
    (None, {"summary", "plan"}, 0.05, "summary_and_plan"),
])
def test_doc_type_by_the_share_of_the_plan_part(rules, title, parts, share, kind):
    assert doc_type(title, parts, rules, share) == kind


def test_the_plan_share_threshold_is_a_seed(seeds, rules):
    assert rules.min_plan_share == seeds.lexicon["metadata"]["min_plan_share"] == 0.25


@pytest.mark.parametrize("title, text, year", [
    ("2023年工作总结及2024年工作计划", "", 2023),
    ("某县科技局二〇二一年工作总结", "", 2021),
    (None, "2020年,我局围绕……", 2020),
    (None, "没有年份。", None),
    ("2024年工作计划和2023年工作总结", "", 2023),
    ("科技局工作总结", "(2024年1月10日)\n今年以来,我局……", None),
])
def test_report_year(rules, title, text, year):
    assert report_year(title, text, rules) == year


@pytest.mark.parametrize("kind, signed, year", [
    ("summary", dt.date(2024, 1, 10), 2023),   # a summary signed in January is about the year before
    ("summary", dt.date(2023, 12, 20), 2023),
    ("summary_and_plan", dt.date(2024, 2, 1), 2023),
    ("plan", dt.date(2023, 12, 20), 2024),     # a plan signed in December is about the year after
    ("plan", dt.date(2024, 2, 6), 2024),
])
def test_a_title_without_a_year_takes_it_from_the_signature(rules, kind, signed, year):
    text = "今年以来,我局……\n某县科学技术局\n" + f"{signed.year}年{signed.month}月{signed.day}日"
    assert report_year("科技局工作总结", text, rules, kind, signed) == year


@pytest.mark.parametrize("text, date", [
    ("……\n某某县科学技术局办公室    2024年2月6日印发", dt.date(2024, 2, 6)),
    ("……\n某某县科学技术局\n2023年12月28日", dt.date(2023, 12, 28)),
    ("……\n二〇二三年一月十六日", dt.date(2023, 1, 16)),
    ("……\n(二〇二二年十二月三十日)", dt.date(2022, 12, 30)),
    ("某局\n2022年3月1日\n……\n某局办公室  2022年3月5日印发", dt.date(2022, 3, 5)),
    ("于2022年5月10日印发了《实施方案》,推动落实。", None),
    ("截至2022年11月30日,全年登记技术合同45项。", None),
    ("活动于2022年9月21日至2022年9月28日举行", None),
    ("某县科学技术局2023年工作总结\n(2024年1月10日)\n……", dt.date(2024, 1, 10)),
    ("某局\n2023年12月28日\n……\n某局办公室  2024年1月5日印发", dt.date(2024, 1, 5)),
])
def test_published_on(rules, text, date):
    assert published_on(text, rules) == date


@pytest.mark.parametrize("text, name, province, city, county, level", [
    ("重庆市黔江区科学技术局2022年工作总结", "重庆市黔江区科学技术局", "重庆市", "重庆市", "黔江区", "district"),
    ("巴中市科学技术局工作要点", "巴中市科学技术局", "四川省", "巴中市", None, "city"),
    ("江苏省科学技术厅2023年工作总结", "江苏省科学技术厅", "江苏省", None, None, "province"),
    ("南江县科技局2023年工作计划", "南江县科技局", "四川省", "巴中市", "南江县", "county"),
    ("都江堰市科学技术局2021年工作总结", "都江堰市科学技术局", "四川省", "成都市", "都江堰市", "county"),
    ("福州市鼓楼区科技局工作总结", "福州市鼓楼区科技局", "福建省", "福州市", "鼓楼区", "district"),
])
def test_bureau_and_place(rules, places, text, name, province, city, county, level):
    bureau = find_bureau(None, text, places, rules)
    assert bureau.name == name
    assert (bureau.place.province, bureau.place.city, bureau.place.county, bureau.place.level) == (
        province, city, county, level)


@pytest.mark.parametrize("text, level", [
    ("**区科学技术局2022年工作总结", "district"),
    ("某县科技局2022年工作要点", "county"),
    ("XX市科技局工作总结", "city"),
    ("***省科学技术厅工作要点", "province"),
    ("*旗科技局工作总结", "county"),
    ("**自治县科学技术局2020年工作总结", "county"),
    ("**自治旗科技局工作要点", "county"),
    ("XX自治州科学技术局工作总结", "city"),
    ("**地区科技局工作总结", "city"),
    ("**盟科学技术局工作要点", "city"),
    ("**县级市科技局工作总结", "county"),
    ("**林区科技局工作总结", "county"),
    ("**特区科技局工作总结", "county"),
    ("**省**市科技局工作总结", "city"),
    ("县科技局2023年工作总结", "county"),
])
def test_a_masked_bureau_has_no_name_but_a_level(rules, places, text, level):
    bureau = find_bureau(None, text, places, rules)
    assert bureau.name is None
    assert bureau.place.level == level


@pytest.mark.parametrize("text, name, province, city, county, level", [
    # merged and renamed bureaus; 琼海市 is a county-level city (县级市) in the place index
    ("琼海市科学技术工业信息化局2021年工作总结", "琼海市科学技术工业信息化局", "海南省", None, "琼海市", "county"),
    ("万宁市科学技术与工业信息化局2022年工作要点", "万宁市科学技术与工业信息化局", "海南省", None, "万宁市", "county"),
    ("宁强县科技和工业信息化局2023年工作总结", "宁强县科技和工业信息化局", "陕西省", "汉中市", "宁强县", "county"),
    ("城固县科学技术和工业信息化局工作总结", "城固县科学技术和工业信息化局", "陕西省", "汉中市", "城固县", "county"),
    ("汉中市科技和大数据局2023年工作总结", "汉中市科技和大数据局", "陕西省", "汉中市", None, "city"),
    ("略阳县工业和科技局2022年工作总结", "略阳县工业和科技局", "陕西省", "汉中市", "略阳县", "county"),
    ("深圳市科技创新委员会2023年工作要点", "深圳市科技创新委员会", "广东省", "深圳市", None, "city"),
    ("深圳市南山区科技创新局2023年工作总结", "深圳市南山区科技创新局", "广东省", "深圳市", "南山区", "district"),
    ("东莞市科学技术局2023年工作总结", "东莞市科学技术局", "广东省", "东莞市", None, "city"),
    ("汉中市科委2023年工作总结", "汉中市科委", "陕西省", "汉中市", None, "city"),
    ("陕西省科技厅2023年工作要点", "陕西省科技厅", "陕西省", None, None, "province"),
])
def test_merged_and_renamed_bureaus(rules, places, text, name, province, city, county, level):
    bureau = find_bureau(find_title(text, rules), text, places, rules)
    assert bureau.name == name
    assert (bureau.place.province, bureau.place.city, bureau.place.county, bureau.place.level) == (
        province, city, county, level)


@pytest.mark.parametrize("text", [
    "琼海市科学技术协会2021年工作总结",  # 科协 is no bureau
    "汉中市科协2021年工作总结",
    "汉中市某大学学科委员会2021年工作总结",
])
def test_an_association_or_committee_is_no_bureau(rules, places, text):
    assert find_bureau(find_title(text, rules), text, places, rules) is None


def test_a_bureau_without_a_place_is_no_bureau(rules, places):
    assert find_bureau(None, "在市科技局的指导下,争取市科技局支持。", places, rules) is None


def test_the_title_bureau_comes_before_bureaus_named_in_the_text(rules, places):
    text = "在重庆市科学技术局的支持下,綦江区科技局……"
    assert find_bureau("重庆市綦江区科学技术局2022年工作要点", text, places, rules).name == "重庆市綦江区科学技术局"


@pytest.mark.parametrize("text, name, city, level", [
    ("锡林郭勒盟科学技术局2023年工作总结", "锡林郭勒盟科学技术局", "锡林郭勒盟", "city"),
    ("科尔沁右翼前旗科技局2023年工作要点", "科尔沁右翼前旗科技局", "兴安盟", "county"),
    ("大兴安岭地区科学技术局工作总结", "大兴安岭地区科学技术局", "大兴安岭地区", "city"),
    ("阿尔山市科技局工作总结", "阿尔山市科技局", "兴安盟", "county"),  # a county-level city
])
def test_prefecture_and_county_level_names(rules, places, text, name, city, level):
    bureau = find_bureau(text, "", places, rules)
    assert (bureau.name, bureau.place.city, bureau.place.level) == (name, city, level)


@pytest.mark.parametrize("title, level", [
    ("神农架林区科学技术局2023年工作总结", "county"),
    ("六枝特区科技局2022年工作总结", "county"),
    ("2023年滨海新区科技局工作要点", "district"),
])
def test_a_place_the_index_lacks_is_read_from_its_suffix_in_the_title(rules, places, title, level):
    bureau = find_bureau(title, "", places, rules)
    name = bureau.name.removeprefix(bureau.place.city or "")  # a known district gets its city (天津市滨海新区)
    assert name in title and not name.startswith(("年", "2"))
    assert bureau.place.level == level


def test_a_bare_author_is_the_bureau_of_the_place_the_text_names_most(rules, places):
    text = (
        "在2024年全县科技创新工作会议上的讲话\n县科技局党组书记、局长 刘志明\n(2024年2月26日)\n同志们:\n"
        "出台《信丰县科技创新券管理实施办法》,信丰高新区在全省高新区综合评价中争先进位,"
        "谱写信丰科技创新高质量发展新篇章。"
    )
    bureau = find_bureau(find_title(text, rules), text, places, rules)
    assert bureau.name == "信丰县科学技术局"
    assert (bureau.place.province, bureau.place.city, bureau.place.level) == ("江西省", "赣州市", "county")


def test_a_bare_author_stays_unnamed_when_the_text_names_its_place_too_rarely(rules, places):
    text = "在2024年全县科技工作会议上的讲话\n县科技局局长 张三\n同志们:\n学习信丰县的经验。"
    assert find_bureau(find_title(text, rules), text, places, rules).name is None


def test_a_masked_author_is_not_replaced_by_a_guiding_bureau(rules, places):
    text = (
        "**自治县科学技术局2020年工作总结\n"
        "2020年,在县委、县政府的坚强领导和省科技厅、遵义市科技局的精心指导下,县科技局紧紧围绕……\n"
        "一、主要工作\n……\n**自治县科学技术局\n2020年12月15日"
    )
    bureau = find_bureau("**自治县科学技术局2020年工作总结", text, places, rules)
    assert bureau.name is None
    assert (bureau.place.province, bureau.place.city, bureau.place.level) == ("贵州省", "遵义市", "county")


@pytest.mark.parametrize("text", [
    "2023年工作总结\n2023年,在遵义市科技局的精心指导下,我局紧紧围绕……\n一、主要成效",
    "2023年工作总结\n按照苏州市科技局要求,我局……",
    "2023年工作总结\n我局积极对接南京市科学技术局,争取项目5个。",
    "2023年工作总结\n全年争取省科技厅、南京市科学技术局等支持资金300万元。",
])
def test_a_bureau_mentioned_in_passing_is_not_the_author(rules, places, text):
    assert find_bureau("2023年工作总结", text, places, rules) is None


@pytest.mark.parametrize("text, name, level", [
    ("工作总结\n2022年,**区科学技术局在区委的正确领导下……", None, "district"),
    ("工作总结\n2023年,南江县科技局坚持……", "南江县科技局", "county"),
    ("工作要点\n……\n一、……\n南江县科学技术局\n2024年2月6日", "南江县科学技术局", "county"),
    ("工作要点\n……\n南江县科学技术局办公室 2024年2月6日印发", "南江县科学技术局", "county"),
    ("南江县科学技术局\n2024年工作要点\n……", "南江县科学技术局", "county"),
])
def test_the_author_from_an_opening_subject_or_an_author_line(rules, places, text, name, level):
    bureau = find_bureau(None, text, places, rules)
    assert (bureau.name, bureau.place.level) == (name, level)


@pytest.mark.parametrize("title, kind, signed, year", [
    ("在2024年全市科技工作会议上的讲话", "summary_and_plan", dt.date(2024, 1, 20), 2023),  # reviews the year before
    ("在2024年全市科技工作会议上的讲话", "summary_and_plan", None, 2023),
    ("在2023年全县科技工作会议上的报告", "summary_and_plan", dt.date(2023, 12, 28), 2023),  # held late in the year
    ("在全市科技工作会议上的讲话", "summary_and_plan", dt.date(2024, 2, 1), 2023),
    ("在2024年全市科技工作会议上的2023年工作总结", "summary", None, 2023),
    ("2023年工作总结(在全局2024年工作会议上)", "summary", None, 2023),
    ("2023年工作总结(在全局工作会议上)", "summary", None, 2023),
    ("在2024年全市科技创新大会上的讲话", "summary_and_plan", dt.date(2024, 3, 1), 2023),
])
def test_a_report_given_at_a_meeting_is_about_the_year_it_reviews(rules, title, kind, signed, year):
    text = "同志们:\n这次会议总结2023年工作,部署2024年任务。\n第一部分 工作回顾"
    assert report_year(title, text, rules, kind, signed) == year


def test_the_meeting_year_is_not_taken_without_kind_or_date(rules):
    assert report_year("在2024年全市科技工作会议上的讲话", "2024年1月20日", rules) is None


@pytest.mark.parametrize("text, date", [
    ("……\n某某县科学技术局\n2024.1.10", dt.date(2024, 1, 10)),
    ("……\n某某县科学技术局 2024-01-10", dt.date(2024, 1, 10)),
    ("……\n(2024/1/10)", dt.date(2024, 1, 10)),
    ("会议于2024.1.10召开,部署全年工作。", None),
    ("全年技术合同成交额达到2024.5亿元", None),
])
def test_numeric_signature_dates(rules, text, date):
    assert published_on(text, rules) == date


@pytest.mark.parametrize("raw, text, date", [
    ("发布时间：2021-01-15 10:32\n……", "……\n全年新增企业5家。", dt.date(2021, 1, 15)),
    ("发布日期:2021年1月15日\n……", "……", dt.date(2021, 1, 15)),
    ("发布时间：2021-03-08 10:25\n……", "……\n某县科学技术局\n2021年2月26日", dt.date(2021, 2, 26)),  # a signature wins
    ("……", "……", None),
])
def test_a_posting_date_only_without_a_signature(rules, raw, text, date):
    assert published_on(text, rules, raw=unicodedata.normalize("NFKC", raw)) == date


@pytest.mark.parametrize("title, text, name", [
    ("南江县科技局2023年工作总结", "……\n南江县科学技术局\n2023年12月20日", "南江县科学技术局"),
    ("南江县科技局局长2023年度述职报告", "南江县科学技术局\n……\n述职人:南江县科学技术局党组书记、局长\n2024年1月16日", "南江县科学技术局"),
    ("南江县科技局2023年工作总结", "巴中市科学技术局\n……", "南江县科技局"),  # another place is another bureau
    ("黔江区科学技术局2022年工作总结", "……\n重庆市黔江区科学技术局\n2023年1月16日", "重庆市黔江区科学技术局"),
])
def test_the_fullest_name_among_the_author_mentions(rules, places, title, text, name):
    assert find_bureau(title, text, places, rules).name == name


@pytest.mark.parametrize("text, name", [
    ("2023年述职报告\n南江县科学技术局局长 张三\n……", "南江县科学技术局"),
    ("2023年述职报告\n南江县科学技术局党组书记、局长 ***\n……", "南江县科学技术局"),
    ("工作总结\n……\n述职人:南江县科学技术局局长\n2024年1月16日", "南江县科学技术局"),
])
def test_an_author_line_with_a_post_and_a_name(rules, places, text, name):
    assert find_bureau(None, text, places, rules).name == name


@pytest.mark.parametrize("title, name, city", [
    ("信都区科技和工业信息化局2024年工作要点", "邢台市信都区科技和工业信息化局", "邢台市"),  # renamed in 2020
    ("黔江区科学技术局2022年工作总结", "重庆市黔江区科学技术局", "重庆市"),
    ("南江县科技局2023年工作计划", "南江县科技局", "巴中市"),  # a county keeps its name
])
def test_a_district_bureau_is_named_with_its_city(rules, places, title, name, city):
    bureau = find_bureau(title, "", places, rules)
    assert (bureau.name, bureau.place.city) == (name, city)
