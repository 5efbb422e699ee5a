"""build_documents on the sample reports, their GB18030 copies, and bad files."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from transforms.documents import SCHEMA, build_documents
from transforms.sections import build_sections

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "seeds" / "reports").glob("*.txt"))
GOLD = ROOT.parent / "shared" / "eval" / "gold"
METADATA = ("bureau", "admin_level", "doc_type", "report_year", "published_on")


def raw_frame(files: dict[str, bytes]) -> pl.DataFrame:
    return pl.DataFrame(
        {"doc": list(files), "file_name": [f"{d}.txt" for d in files], "content": list(files.values())},
        schema={"doc": pl.String, "file_name": pl.String, "content": pl.Binary},
    )


@pytest.fixture(scope="module")
def samples(seeds) -> pl.DataFrame:
    return build_documents(raw_frame({p.stem: p.read_bytes() for p in REPORTS}), seeds)


def test_columns_follow_the_contract(samples):
    assert samples.schema == pl.Schema(SCHEMA)
    assert samples.height == len(REPORTS)


def test_sample_reports_decode_and_clean(samples):
    assert samples["error"].null_count() == samples.height
    assert set(samples["encoding"]) == {"utf-8"}
    assert all("\n\n" not in text and "（" not in text for text in samples["text"])


EXPECTED = {
    "000_bc41b18d25dc496a": ("重庆市黔江区科学技术局", "重庆市", "重庆市", "黔江区", "district", "summary", 2022, dt.date(2023, 1, 16)),
    "001_67090e3a486cd3e7": ("重庆市綦江区科学技术局", "重庆市", "重庆市", "綦江区", "district", "plan", 2022, dt.date(2022, 3, 17)),
    "002_7a4c22083b724c84": (None, None, None, None, "county", "plan", 2022, None),
    "003_2340de9d39a0239f": ("巴中市科学技术局", "四川省", "巴中市", None, "city", "plan", 2022, None),
    "004_368a8538f6d86321": (None, None, None, None, "district", "summary_and_plan", 2022, None),
}


@pytest.mark.parametrize("doc", sorted(EXPECTED))
def test_sample_metadata(samples, doc):
    row = samples.filter(pl.col("doc") == doc).row(0, named=True)
    columns = ("bureau", "province", "city", "county", "admin_level", "doc_type", "report_year", "published_on")
    assert tuple(row[c] for c in columns) == EXPECTED[doc]


@pytest.mark.skipif(not GOLD.exists(), reason="gold annotations not available")
def test_sample_metadata_matches_the_gold_files(samples):
    for row in samples.iter_rows(named=True):
        gold = json.loads((GOLD / f"{row['doc']}.meta.json").read_text(encoding="utf-8"))
        assert {k: str(row[k]) for k in METADATA} == {k: str(gold[k]) for k in METADATA}


def test_gb18030_copies_give_the_same_documents(seeds, samples):
    gb = build_documents(raw_frame({p.stem: p.read_text(encoding="utf-8").encode("gb18030") for p in REPORTS}), seeds)
    assert set(gb["encoding"]) == {"gb18030"}
    assert gb.drop("encoding").equals(samples.drop("encoding"))


def test_a_bom_copy_records_utf8_sig(seeds):
    content = "\ufeff".encode() + REPORTS[0].read_bytes()
    assert build_documents(raw_frame({"bom": content}), seeds)["encoding"].item() == "utf-8-sig"


def test_a_report_copied_from_a_document_site_loses_the_site_lines(seeds):
    body = REPORTS[3].read_text(encoding="utf-8")
    page = (
        "当前位置：首页 > 政务公开 > 计划总结\n发布时间：2022-02-20 09:30  浏览次数：1024\n【字体：大 中 小】\n"
        + body[:400] + "\n第1页 / 共3页\n" + body[400:] + "\n【打印本页】【关闭窗口】\n"
    )
    clean = build_documents(raw_frame({"plain": body.encode()}), seeds).row(0, named=True)
    copied = build_documents(raw_frame({"site": page.encode("gb18030")}), seeds).row(0, named=True)
    assert copied["text"] == clean["text"]
    assert copied["bureau"] == "巴中市科学技术局"


def test_bad_files_keep_a_row_with_an_error(seeds):
    docs = build_documents(raw_frame({"empty": b"", "junk": bytes(range(256)) * 20, "boilerplate": "第1页 / 共1页\n".encode()}), seeds)
    errors = dict(zip(docs["doc"], docs["error"]))
    assert errors["empty"] == "empty file"
    assert errors["junk"].startswith("undecodable")
    assert errors["boilerplate"].startswith("no text")
    assert docs["text"].null_count() == 3


def test_no_input_gives_an_empty_frame_with_the_contract_columns(seeds):
    assert build_documents(raw_frame({}), seeds).schema == pl.Schema(SCHEMA)


def one(seeds, text: str, encoding: str = "utf-8") -> dict:
    return build_documents(raw_frame({"d": text.encode(encoding)}), seeds).row(0, named=True)


def test_a_masked_autonomous_county_in_gb18030_keeps_its_level_not_a_guiding_bureau(seeds):
    text = (
        "**自治县科学技术局2020年工作总结\n\n"
        "2020年,在县委、县政府的坚强领导和省科技厅、遵义市科技局的精心指导下,县科技局紧紧围绕目标任务。\n"
        "一、主要工作开展情况\n全年新增企业5家。\n二、2021年工作打算\n力争新增企业8家。\n"
        "**自治县科学技术局\n2020年12月15日\n"
    )
    row = one(seeds, text, "gb18030")
    assert (row["bureau"], row["city"], row["admin_level"], row["doc_type"], row["report_year"]) == (
        None, "遵义市", "county", "summary_and_plan", 2020)


def test_a_duty_report_with_a_plan_part_is_a_report(seeds):
    text = "南江县科技局局长2023年度述职述廉报告\n一、履职情况\n全年新增企业5家。\n二、2024年工作打算\n力争新增8家。"
    row = one(seeds, text)
    assert (row["bureau"], row["doc_type"], row["report_year"]) == ("南江县科技局", "report", 2023)


def test_a_copied_web_page_keeps_the_signature_date_not_the_posting_date(seeds):
    text = (
        "首页 > 工作总结\n发布时间:2024-03-08 10:25 来源:网友上传 浏览次数:2,386次\n"
        "南江县科学技术局工作总结\n今年以来,我局全年新增企业5家。\n南江县科学技术局\n2024年1月10日\n"
        "相关推荐(10篇)\n· 南江县科学技术局2022年工作总结\n【打印本页】【关闭窗口】\n"
    )
    row = one(seeds, text)
    assert row["published_on"] == dt.date(2024, 1, 10)
    assert row["report_year"] == 2023  # a summary signed in January is about the year before
    assert "相关推荐" not in row["text"] and "发布时间" not in row["text"]


def test_a_web_page_without_a_signature_date_takes_its_posting_date(seeds):
    text = "发布时间：2023-03-08 10:25\n2022年,南江县科技局坚持创新驱动,全年新增企业5家。\n一、主要成效\n新增企业5家。"
    row = one(seeds, text)
    assert (row["published_on"], row["report_year"], row["bureau"]) == (dt.date(2023, 3, 8), 2022, "南江县科技局")
    assert "发布时间" not in row["text"]


def test_a_first_half_summary_with_a_second_half_plan(seeds):
    row = one(seeds, "南江县科技局2023年上半年工作总结和下半年工作计划\n一、上半年工作完成情况\n二、下半年工作计划")
    assert (row["doc_type"], row["report_year"]) == ("summary_and_plan", 2023)


def test_a_plan_reviewing_the_past_year_stays_a_plan(seeds):
    row = one(seeds, "南江县科技局2024年工作要点\n一、2023年工作回顾\n新增企业5家。\n二、2024年主要任务\n新增企业8家。")
    assert (row["doc_type"], row["report_year"]) == ("plan", 2024)


def test_a_conference_report_is_by_the_bureau_under_its_title(seeds):
    text = (
        "坚持创新引领\n加快高质量发展\n——在2024年全县科技工作会议上的工作报告\n南江县科学技术局\n（2024年2月20日）\n\n"
        "同志们：\n这次会议总结2023年工作，部署2024年任务。\n第一部分 2023年工作回顾\n（一）培育企业\n全年新增企业5家。\n"
        "第二部分 2024年重点任务\n（一）壮大主体\n力争新增企业8家。\n"
    )
    row = one(seeds, text)
    assert (row["bureau"], row["admin_level"], row["doc_type"], row["report_year"], row["published_on"]) == (
        "南江县科学技术局", "county", "summary_and_plan", 2023, dt.date(2024, 2, 20))
    sections = build_sections(pl.DataFrame([row]).select("doc", "text", "doc_type", "report_year"), seeds)
    assert sections["part"].to_list() == ["summary", "summary", "plan", "plan"]
    assert sections["period_year"].to_list() == [2023, None, 2024, None]


def test_a_duty_report_copied_with_its_site_frame(seeds):
    text = (
        "南江县科学技术局\n网站首页 | 机构概况 | 政务公开 | 互动交流\n您当前的位置：首页 > 政务公开 > 计划总结\n"
        "南江县科技局局长2023年度述职述廉报告\n发布时间：2024-01-18 09:30　来源：局办公室\n\n"
        "现将本人一年来的思想、工作和廉洁自律等情况报告如下，请予评议。\n一、履职尽责情况\n全年新增企业5家。\n"
        "二、存在的不足和下一步打算\n力争新增企业8家。\n述职人：南江县科学技术局党组书记、局长\n2024年1月16日\n"
    )
    row = one(seeds, text)
    assert (row["title"], row["bureau"], row["doc_type"], row["report_year"], row["published_on"]) == (
        "南江县科技局局长2023年度述职述廉报告", "南江县科学技术局", "report", 2023, dt.date(2024, 1, 16))


def test_a_closing_paragraph_about_next_year_is_no_plan_part(seeds):
    text = (
        "南江县科技局2023年工作总结\n一、主要成效\n全年新增企业5家。\n二、存在的问题\n人才不足。\n"
        "2024年，我局将力争新增企业8家。\n南江县科学技术局\n2023年12月20日\n"
    )
    row = one(seeds, text)
    assert (row["bureau"], row["doc_type"], row["report_year"]) == ("南江县科学技术局", "summary", 2023)


def test_a_web_copy_without_a_signature_takes_its_posting_date(seeds):
    text = "首页 > 政务公开\n南江县科学技术局2020年工作总结\n来源：南江县科学技术局　发布时间：2021-01-15 10:32　浏览次数：1836\n一、主要成效\n全年新增企业5家。"
    row = one(seeds, text.encode("gb18030").decode("gb18030"), "gb18030")
    assert (row["doc_type"], row["report_year"], row["published_on"]) == ("summary", 2020, dt.date(2021, 1, 15))


def _summary_with_plan(plan_lines: int) -> str:
    summary = "".join(f"全年新增高新技术企业{i}家,技术合同成交额{i}亿元。\n" for i in range(1, 13))
    plan = "".join(f"力争新增高新技术企业{i}家。\n" for i in range(1, plan_lines + 1))
    return (
        "琼海市科学技术工业信息化局2021年工作总结\n一、主要工作成效\n" + summary
        + "二、存在的问题\n人才不足。\n三、下一步工作打算\n" + plan
    )


def test_a_summary_with_a_short_closing_plan_stays_a_summary(seeds):
    row = one(seeds, _summary_with_plan(2))
    assert (row["bureau"], row["admin_level"], row["doc_type"], row["report_year"]) == (
        "琼海市科学技术工业信息化局", "county", "summary", 2021)
    sections = build_sections(pl.DataFrame([row]).select("doc", "text", "doc_type", "report_year"), seeds)
    assert sections["part"].to_list() == ["summary", "summary", "plan"]  # facts read targets from it


def test_a_summary_with_a_substantial_plan_part_is_summary_and_plan(seeds):
    row = one(seeds, _summary_with_plan(30))
    assert row["doc_type"] == "summary_and_plan"
    sections = build_sections(pl.DataFrame([row]).select("doc", "text", "doc_type", "report_year"), seeds)
    assert sections["part"].to_list() == ["summary", "summary", "plan"]


def test_a_title_naming_both_parts_is_summary_and_plan_whatever_the_share(seeds):
    text = _summary_with_plan(1).replace("2021年工作总结", "2021年工作总结及2022年工作打算", 1)
    assert one(seeds, text)["doc_type"] == "summary_and_plan"
