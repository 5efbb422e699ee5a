"""build_documents on the sample reports, their GB18030 copies, and bad files."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from transforms.documents import SCHEMA, build_documents

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
