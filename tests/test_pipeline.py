"""The whole graph through Dagster, on the sample reports and on reports arriving, changing and leaving."""
from __future__ import annotations

import shutil
import subprocess

import duckdb
import polars as pl

from tests.conftest import SAMPLE_REPORTS

QIANJIANG = "000_bc41b18d25dc496a"
BAZHONG = "003_2340de9d39a0239f"
DATA_TABLES = ("documents", "sections", "facts", "indicator_mart")


def snapshot(pipeline, table: str, doc: str | None = None) -> pl.DataFrame:
    where = "" if doc is None else f" WHERE doc = '{doc}'"
    frame = pipeline.query(f"SELECT * FROM {table}{where}")
    return frame.sort(frame.columns[:3])


def test_sample_build_fills_every_table(sample_warehouse):
    counts = sample_warehouse.query(
        "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM sections) AS sections, "
        "(SELECT count(*) FROM facts) AS facts, (SELECT count(*) FROM indicator_mart) AS mart"
    ).row(0, named=True)
    assert counts["documents"] == 5
    assert counts["sections"] >= 100
    assert counts["facts"] >= 150
    assert counts["mart"] >= 30


def test_qianjiang_summary_counts_52_high_tech_enterprises(sample_warehouse):
    rows = sample_warehouse.query(
        "SELECT status, measure, period_year FROM facts WHERE doc = ? AND value = 52 AND unit = '家' "
        "AND indicator = 'high_tech_enterprises'", [QIANJIANG]
    )
    assert ("actual", "level", 2022) in rows.rows()


def test_bazhong_plan_targets_150_yi_yuan_high_tech_industry(sample_warehouse):
    rows = sample_warehouse.query(
        "SELECT status, qualifier FROM facts WHERE doc = ? AND value = 150 AND unit = '亿元' "
        "AND indicator = 'high_tech_industry_output'", [BAZHONG]
    )
    assert ("target", "gte") in rows.rows()


def test_every_fact_span_points_at_its_mention(sample_warehouse):
    mismatched = sample_warehouse.query(
        "SELECT f.fact_id FROM facts f JOIN documents d USING (doc) "
        "WHERE substring(d.text, f.span_start + 1, f.span_end - f.span_start) <> f.mention"
    )
    assert mismatched.is_empty()


def test_rerun_on_same_input_changes_nothing(pipeline):
    pipeline.add_sample_reports()
    assert pipeline.run().success
    before = {table: snapshot(pipeline, table) for table in DATA_TABLES}
    ledger_before = pipeline.query("SELECT * FROM stage_ledger ORDER BY stage, doc")
    assert pipeline.run().success
    for table in DATA_TABLES:
        assert snapshot(pipeline, table).equals(before[table]), table
    assert pipeline.query("SELECT * FROM stage_ledger ORDER BY stage, doc").equals(ledger_before)


def test_new_changed_and_deleted_reports_touch_only_their_rows(pipeline):
    pipeline.add_sample_reports()
    assert pipeline.run().success
    untouched = "001_67090e3a486cd3e7"
    before = {table: snapshot(pipeline, table, untouched) for table in ("documents", "sections", "facts")}
    ledger_before = pipeline.query("SELECT * FROM stage_ledger WHERE doc = ?", [untouched])

    # a new report, a changed one and a deleted one in the same run
    text = (SAMPLE_REPORTS / f"{QIANJIANG}.txt").read_text(encoding="utf-8")
    (pipeline.reports_dir / "new_report.txt").write_text(text.replace("52家", "77家"), encoding="utf-8")
    (pipeline.reports_dir / f"{BAZHONG}.txt").write_text(
        (SAMPLE_REPORTS / f"{BAZHONG}.txt").read_text(encoding="utf-8").replace("150亿元", "160亿元"), encoding="utf-8"
    )
    (pipeline.reports_dir / "004_368a8538f6d86321.txt").unlink()
    assert pipeline.run().success

    for table, frame in before.items():
        assert snapshot(pipeline, table, untouched).equals(frame), table
    assert pipeline.query("SELECT * FROM stage_ledger WHERE doc = ?", [untouched]).equals(ledger_before)
    assert pipeline.query("SELECT count(*) AS n FROM facts WHERE doc = 'new_report' AND value = 77")["n"][0] >= 1
    bazhong = pipeline.query("SELECT value FROM facts WHERE doc = ? AND unit = '亿元'", [BAZHONG])["value"].to_list()
    assert 160 in bazhong and 150 not in bazhong
    for table in ("raw_reports", *DATA_TABLES):
        gone = pipeline.query(f"SELECT count(*) AS n FROM {table} WHERE doc = '004_368a8538f6d86321'")
        assert gone["n"][0] == 0, table


def test_same_content_under_two_names_is_one_document(pipeline):
    pipeline.add_sample_reports()
    shutil.copy(SAMPLE_REPORTS / f"{QIANJIANG}.txt", pipeline.reports_dir / "zz_copy_of_qianjiang.txt")
    assert pipeline.run().success
    files = pipeline.query("SELECT file_name, doc FROM raw_reports WHERE doc = ? ORDER BY file_name", [QIANJIANG])
    assert files["file_name"].to_list() == [f"{QIANJIANG}.txt", "zz_copy_of_qianjiang.txt"]
    assert pipeline.query("SELECT count(*) AS n FROM documents")["n"][0] == 5
    assert pipeline.query("SELECT count(*) AS n FROM facts WHERE doc = 'zz_copy_of_qianjiang'")["n"][0] == 0
    status = pipeline.query("SELECT duplicate_of, status FROM report_status WHERE file_name = 'zz_copy_of_qianjiang.txt'")
    assert status.rows() == [(f"{QIANJIANG}.txt", "loaded")]


def test_bad_and_empty_files_are_recorded_and_the_rest_proceed(pipeline):
    pipeline.add_sample_reports()
    (pipeline.reports_dir / "empty.txt").write_bytes(b"")
    (pipeline.reports_dir / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (pipeline.reports_dir / "chart.png").write_bytes(b"\x89PNG not a report")
    assert pipeline.run().success
    assert pipeline.query("SELECT count(*) AS n FROM raw_reports WHERE file_name = 'chart.png'")["n"][0] == 0
    errors = dict(pipeline.query("SELECT doc, error FROM documents WHERE error IS NOT NULL").rows())
    assert set(errors) == {"empty", "junk"}
    assert "empty" in errors["empty"]
    assert pipeline.query("SELECT count(*) AS n FROM facts WHERE doc IN ('empty', 'junk')")["n"][0] == 0
    assert pipeline.query("SELECT count(DISTINCT doc) AS n FROM facts")["n"][0] == 5
    status = dict(pipeline.query("SELECT file_name, status FROM report_status").rows())
    assert status["empty.txt"] == status["junk.txt"] == "error"
    assert status[f"{QIANJIANG}.txt"] == "loaded"


def test_a_reader_holding_the_warehouse_neither_blocks_a_run_nor_sees_a_partial_one(pipeline):
    pipeline.add_sample_reports()
    assert pipeline.run().success
    reader = duckdb.connect(str(pipeline.warehouse_path), read_only=True)
    try:
        facts_before = reader.execute("SELECT count(*) FROM facts").fetchall()[0][0]
        shutil.copy(SAMPLE_REPORTS / f"{QIANJIANG}.txt", pipeline.reports_dir / "another.txt")
        (pipeline.reports_dir / "another.txt").write_text(
            (SAMPLE_REPORTS / f"{QIANJIANG}.txt").read_text(encoding="utf-8") + "\n新增科技型企业5家。", encoding="utf-8"
        )
        assert pipeline.run().success
        # the open reader still sees the complete warehouse it opened
        assert reader.execute("SELECT count(*) FROM facts").fetchall()[0][0] == facts_before
    finally:
        reader.close()
    assert pipeline.query("SELECT count(*) AS n FROM facts")["n"][0] > facts_before


def test_published_file_opens_in_the_duckdb_1_5_cli(sample_warehouse):
    cli = shutil.which("duckdb")
    assert cli, "the duckdb-cli dev dependency provides the 1.5 CLI"
    completed = subprocess.run(
        [cli, "-readonly", "-csv", "-noheader", str(sample_warehouse.warehouse_path),
         "-c", "SELECT count(*) FROM facts WHERE indicator = 'high_tech_enterprises'"],
        capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert int(completed.stdout.strip()) > 0


def test_changed_extraction_rules_rebuild_every_report(pipeline, monkeypatch):
    pipeline.add_sample_reports()
    assert pipeline.run().success
    before = pipeline.query("SELECT stage, doc, version FROM stage_ledger ORDER BY stage, doc")
    monkeypatch.setattr("orchestration.assets.documents.extraction_fingerprint", lambda: "rules-edited")
    assert pipeline.run().success
    after = pipeline.query("SELECT stage, doc, version FROM stage_ledger ORDER BY stage, doc")
    assert after.select("stage", "doc").equals(before.select("stage", "doc"))
    assert not set(after["version"]) & set(before["version"]), "every report of every stage is rebuilt"


def test_building_in_small_chunks_gives_the_same_tables(pipeline, sample_warehouse, monkeypatch):
    monkeypatch.setattr("orchestration.store.BUILD_CHUNK_REPORTS", 2)
    pipeline.add_sample_reports()
    assert pipeline.run().success
    for table in DATA_TABLES:
        assert snapshot(pipeline, table).equals(snapshot(sample_warehouse, table)), table


def _evaluation(result, table: str, check: str):
    return next(e for e in result.get_asset_check_evaluations()
                if e.asset_key.to_user_string() == table and e.check_name == check)


def test_checks_read_only_reports_loaded_since_they_last_passed(pipeline, monkeypatch):
    pipeline.add_sample_reports()
    assert pipeline.run().success
    text = (SAMPLE_REPORTS / f"{QIANJIANG}.txt").read_text(encoding="utf-8")
    (pipeline.reports_dir / "new_report.txt").write_text(text.replace("52家", "77家"), encoding="utf-8")
    result = pipeline.run()
    assert result.success
    new_facts = pipeline.query("SELECT count(*) AS n FROM facts WHERE doc = 'new_report'")["n"][0]
    assert _evaluation(result, "facts", "unit_is_canonical").metadata["checked_rows"].value == new_facts

    # a report whose rows fail stays unvalidated: the check fails again on the next run
    from transforms.facts import build_facts

    def with_a_negative_count(documents, sections, seeds):
        facts = build_facts(documents, sections, seeds)
        return facts.with_columns(value=-facts["value"].abs()) if "late_report" in documents["doc"].to_list() else facts

    (pipeline.reports_dir / "late_report.txt").write_text(text + "\n新增科技型企业5家。", encoding="utf-8")
    monkeypatch.setattr("orchestration.assets.facts.build_facts", with_a_negative_count)
    assert not pipeline.run().success
    monkeypatch.undo()
    again = pipeline.run()
    assert not again.success
    assert not _evaluation(again, "facts", "value_not_negative").passed
