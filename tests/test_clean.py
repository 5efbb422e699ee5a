"""Cleaning: character normalization, boilerplate lines, broken-line repair (one example per rule)."""
from __future__ import annotations

from pathlib import Path

import pytest

from transforms.clean import clean_text
from transforms.documents import compile_document_rules

REPORTS = Path(__file__).resolve().parents[1] / "seeds" / "reports"


@pytest.fixture(scope="module")
def rules(seeds):
    return compile_document_rules(seeds).cleaning


def test_full_width_characters_become_half_width(rules):
    assert clean_text("（二）研发投入增长１２．５％，达到３亿元。", rules) == "(二)研发投入增长12.5%,达到3亿元。"


def test_invisible_characters_and_carriage_returns_go(rules):
    assert clean_text("科技\u200b创新。\r\n第二段。\r\n", rules) == "科技创新。\n第二段。"


@pytest.mark.parametrize("line", [
    "第3页 / 共12页",
    "共12页 第3页",
    "- 7 -",
    "3/12",
    "浏览次数：2568",
    "发布时间：2023-02-01 10:12  来源：区科技局  浏览次数：317",
    "文件大小：56.5KB",
    "当前位置：首页 > 政务公开 > 规划计划",
    "首页 > 信息公开",
    "【字体：大 中 小】",
    "【打印本页】【关闭窗口】",
    "上一篇：关于开展科技活动周的通知",
    "分享到：微信 微博",
    "立即下载",
    "版权所有：某某市人民政府办公室",
])
def test_site_boilerplate_lines_are_dropped(rules, line):
    text = f"全年完成技术合同登记45项。\n{line}\n新建星创天地3家。"
    assert clean_text(text, rules) == "全年完成技术合同登记45项。\n新建星创天地3家。"


def test_a_short_report_line_that_mentions_visits_is_kept(rules):
    text = "开展入企走访调研130次,收集问题42条。"
    assert clean_text(text, rules) == text


def test_a_line_cut_inside_a_sentence_is_joined(rules):
    assert clean_text("全年争取上级资金\n1.8亿元,同比增长\n12%。", rules) == "全年争取上级资金1.8亿元,同比增长12%。"


def test_a_number_cut_from_its_year_is_joined(rules):
    assert clean_text("力争\n2024\n年实现全覆盖。", rules) == "力争2024年实现全覆盖。"


def test_a_page_marker_inside_a_sentence_does_not_split_it(rules):
    assert clean_text("组织企业参加\n第2页 / 共9页\n创新创业大赛。", rules) == "组织企业参加创新创业大赛。"


def test_a_page_footer_set_off_by_blank_lines_does_not_split_a_sentence(rules):
    text = "组织企业参加\n\n- 2 -\n\n第2页 / 共9页\n\n创新创业大赛。"
    assert clean_text(text, rules) == "组织企业参加创新创业大赛。"


def test_paragraph_breaks_after_a_full_stop_are_kept(rules):
    assert clean_text("第一段完。\n第二段完。", rules) == "第一段完。\n第二段完。"


def test_a_blank_line_is_a_paragraph_break(rules):
    assert clean_text("某某单位\n\n落款之后", rules) == "某某单位\n落款之后"


def test_a_title_line_is_not_joined_to_the_body(rules):
    assert clean_text("2024年工作要点\n2024年,全局上下", rules) == "2024年工作要点\n2024年,全局上下"


def test_a_signature_date_line_is_not_joined(rules):
    assert clean_text("二〇二四年二月五日\n附件", rules) == "二〇二四年二月五日\n附件"


def test_a_numbered_heading_without_full_stop_is_its_own_line(rules):
    text = "2.做强科技金融,服务企业融资\n发放科技贷款3亿元。"
    assert clean_text(text, rules) == text


def test_a_line_before_a_numbered_item_is_not_joined(rules):
    assert clean_text("主要任务有\n(1)培育企业", rules) == "主要任务有\n(1)培育企业"


def test_a_template_blank_keeps_its_line_break(rules):
    text = "新培育科技型企业\n家以上,技术交易额\n亿元。"
    assert clean_text(text, rules) == text


def test_a_word_wrapped_at_the_page_width_before_a_unit_is_joined(rules):
    # every line of this page is 24 characters wide; `平` + `台` is one word cut by the page
    lines = [
        "全县围绕特色产业布局建设各类创新载体和服务机构并",
        "持续完善政策体系推动科技资源向企业集聚形成合力强",
        "化企业创新主体地位支持龙头企业牵头组建新型研发平",
        "台。全年共举办各类培训活动三十余场参训人员众多。",
    ]
    assert {len(line) for line in lines} == {24}
    cleaned = clean_text("\n".join(lines), rules)
    assert "研发平台。" in cleaned and "\n" not in cleaned


def test_a_short_line_before_a_unit_in_wrapped_text_is_still_a_blank(rules):
    lines = [
        "全县围绕特色产业布局建设各类创新载体和服务机构并",
        "持续完善政策体系推动科技资源向企业集聚形成合力强",
        "化企业创新主体地位力争全年新增高新技术企业",
        "家以上。全年共举办各类培训活动三十余场参训人员。",
    ]
    assert "新增高新技术企业\n家以上。" in clean_text("\n".join(lines), rules)


def test_a_number_cut_from_its_unit_is_joined(rules):
    assert clean_text("技术交易额达到\n2.5\n亿元。", rules) == "技术交易额达到2.5亿元。"


def test_sample_002_pdf_breaks_are_repaired(rules):
    text = clean_text((REPORTS / "002_7a4c22083b724c84.txt").read_text(encoding="utf-8"), rules)
    assert "全社会R&D经费投入总量达到3.2亿元、强度达到1.6%" in text
    assert "实现技术合同交易额0.6亿元,增长20%以上" in text
    assert "增加值\n亿元,占GDP比重15%" in text  # a template blank
    assert "(1)用活上级政策。" in text and "行动计划(2022-2023年)》" in text


@pytest.mark.parametrize("line", [
    "发布时间 2023-01-10 09:30",
    "时间：2023-01-10",
    "2023-01-10 10:25  来源：县科技局",
    "（注：本文由网友上传，仅供学习参考。如有侵权，请联系删除。）",
    "联系电话：0539-3221234",
    "相关推荐（10篇）",
    "文档页数：6 页",
    "下载：12",
    "0人已下载 还剩5页未读，继续阅读",
    "收藏 分享 赏 0",
    "文档评论（0）",
    "科技局工作计划 12页 3积分",
    "点赞 128  在看 35",
    "科技局2020年度工作总结及2021年工作思路_第1页",
])
def test_more_web_page_lines_go(rules, line):
    assert clean_text("全年新增企业5家。\n" + line + "\n下一段。", rules) == "全年新增企业5家。\n下一段。"


def test_a_short_report_line_naming_a_source_stays(rules):
    assert clean_text("资金来源:县财政专项资金。", rules) == "资金来源:县财政专项资金。"


def test_a_copied_page_loses_its_tail_of_other_documents(rules):
    body = "某县科学技术局2021年工作要点\n" + "一、加强平台建设。全年新增企业5家。\n" * 5 + "某县科学技术局\n2021年2月26日"
    page = body + "\n相关推荐：\n· 科技局2021年工作要点（10篇）\n· 县科学技术局2022年度工作计划范文\n2022年工作总结"
    assert clean_text(page, rules) == clean_text(body, rules)


def test_a_recommendation_header_at_the_top_is_no_tail(rules):
    text = "相关推荐\n" + "全年新增企业5家。\n" * 3
    assert clean_text(text, rules).endswith("全年新增企业5家。")
    assert clean_text(text, rules).count("全年新增企业5家。") == 3


def test_circled_numbers_stay_list_markers(rules):
    text = "主要措施:\n①加强平台建设;\n②2023年新增企业5家。"
    assert clean_text(text, rules) == "主要措施:\n①加强平台建设;\n②2023年新增企业5家。"


@pytest.mark.parametrize("line", [
    "网站首页 | 机构概况 | 政务公开 | 互动交流",
    "您当前的位置：首页 > 政务公开 > 计划总结",
])
def test_a_site_menu_and_breadcrumb_are_dropped(rules, line):
    text = f"某县科学技术局\n{line}\n某县科技局局长2023年度述职报告\n现将本人履职情况报告如下。"
    assert clean_text(text, rules) == "某县科学技术局\n某县科技局局长2023年度述职报告\n现将本人履职情况报告如下。"


def test_a_speech_title_block_keeps_its_lines(rules):
    text = "坚持创新引领\n加快高质量发展\n——在2024年全市科技工作会议上的讲话\n某市科学技术厅\n（2024年1月20日）\n同志们："
    assert clean_text(text, rules).split("\n") == [
        "坚持创新引领加快高质量发展",  # a title split over two lines is one line
        "——在2024年全市科技工作会议上的讲话", "某市科学技术厅", "(2024年1月20日)", "同志们:",
    ]


@pytest.mark.parametrize("date", ["2024.1.10", "2024-01-10", "2024/1/10"])
def test_a_numeric_signature_date_stays_on_its_line(rules, date):
    assert clean_text(f"述职人:张三\n{date}", rules) == f"述职人:张三\n{date}"


def test_a_table_row_with_bars_is_kept(rules):
    text = "全年新增企业5家。\n高新技术企业 | 120 | 152\n\n技术合同 | 项 | 45"
    assert clean_text(text, rules) == "全年新增企业5家。\n高新技术企业 | 120 | 152\n技术合同 | 项 | 45"


def test_a_document_site_download_count_does_not_join_a_number(rules):
    text = clean_text("原创力文档\n下载：12\n0人已下载 还剩5页未读，继续阅读\n全年新增企业5家。", rules)
    assert "12" not in text and text.endswith("全年新增企业5家。")


def test_a_report_in_traditional_characters_is_cleaned_by_the_simplified_rules_and_kept_as_written(rules):
    text = clean_text("在全市科技工作會議上的講話\n瀏覽次數：1234\n全年新認定高新技術企業52家，技術合同成交額達到3.5億元。", rules)
    assert text == "在全市科技工作會議上的講話\n全年新認定高新技術企業52家,技術合同成交額達到3.5億元。"


def test_a_rare_character_in_a_simplified_report_stays(rules):
    text = "全年新增高新技术企业52家，技术合同成交额达到3.5亿元，研发投入强度达到2.5%，张堃同志获评先进个人，劉。"
    assert "劉" in clean_text(text, rules)
