"""The highlight page: pure HTML from text + facts, and the sti-highlight command on a small warehouse."""
import duckdb
import polars as pl

from orchestration.highlight import main
from transforms.facts import build_facts
from transforms.highlight import highlight_html

TEXT = "全年新增科技型企业26家，争取资金<300>万元，新增孵化器\n家。"


def facts(seeds):
    docs = pl.DataFrame({"doc": ["h"], "text": [TEXT], "doc_type": ["summary"], "report_year": [2023]})
    return build_facts(docs, pl.DataFrame(), seeds)


def test_every_fact_is_marked_with_its_fields(seeds):
    f = facts(seeds)
    page = highlight_html(TEXT, f, "h")
    assert page.count("<mark") == f.height == 2  # <300>万元 is not a number + unit; the blank is
    assert "26家<sup>1</sup></mark>" in page
    assert "tech_enterprises" in page and "increase" in page
    assert 'class="null"' in page  # the blank is marked as a null value
    assert "&lt;300&gt;" in page  # text is escaped


def test_empty_facts(seeds):
    page = highlight_html("没有数字。", facts(seeds).clear(), "x")
    assert "没有数字。" in page and "<mark" not in page


def test_command_writes_the_page(seeds, tmp_path, monkeypatch):
    db = tmp_path / "warehouse.duckdb"
    f = facts(seeds)
    docs = pl.DataFrame({"doc": ["h"], "text": [TEXT], "title": ["测试报告"]})
    with duckdb.connect(str(db)) as con:
        con.register("d", docs)
        con.register("f", f)
        con.execute("CREATE TABLE documents AS SELECT * FROM d; CREATE TABLE facts AS SELECT * FROM f")
    monkeypatch.setenv("STI_WAREHOUSE", str(db))
    assert main(["h"]) == 0
    page = (tmp_path / "reports" / "h.html").read_text(encoding="utf-8")
    assert "测试报告" in page and page.count("<mark") == 2
    assert main(["nope"]) == 2
