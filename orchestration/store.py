"""Incremental, idempotent writes of per-report rows into the warehouse.

Each stage (documents, sections, facts) keeps a ledger row per report: the version of the input
it was built from and the version it produced. A stage rebuilds only the reports whose input
version moved, drops the rows of reports that left, and swaps a report's rows in one transaction,
so a rerun on the same input changes nothing and a failed run leaves the previous rows intact.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb
import polars as pl

# Reports built and inserted at a time: bounds a stage's memory whatever the corpus size.
BUILD_CHUNK_REPORTS = 500

LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS stage_ledger (
    stage VARCHAR NOT NULL,
    doc VARCHAR NOT NULL,
    source_version VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    loaded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (stage, doc)
)
"""


@dataclass(frozen=True)
class Plan:
    """What a stage must do in this run."""

    pending: pl.DataFrame  # doc, source_version: reports to (re)build
    removed: list[str]  # reports whose input is gone

    @property
    def docs(self) -> list[str]:
        return self.pending["doc"].to_list()

    @property
    def is_empty(self) -> bool:
        return self.pending.is_empty() and not self.removed


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [table]
    ).fetchall()[0][0])


def plan_stage(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    source: pl.DataFrame,
    rebuild_all: bool = False,
    rebuild_docs: list[str] | None = None,
) -> Plan:
    """Compare the stage's ledger with its input versions (`source`: doc, source_version)."""
    con.execute(LEDGER_DDL)
    built = con.sql(
        "SELECT doc, source_version AS built_from FROM stage_ledger WHERE stage = ?", params=[stage]
    ).pl()
    joined = source.join(built, on="doc", how="left")
    stale = joined["built_from"].is_null() | (joined["built_from"] != joined["source_version"])
    if rebuild_all:
        stale = pl.Series([True] * joined.height, dtype=pl.Boolean)
    elif rebuild_docs:
        stale = stale | joined["doc"].is_in(rebuild_docs)
    pending = joined.filter(stale).select("doc", "source_version").sort("doc")
    removed = sorted(set(built["doc"].to_list()) - set(source["doc"].to_list()))
    return Plan(pending=pending, removed=removed)


Build = Callable[[list[str]], dict[str, pl.DataFrame]]


def commit_stage(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    plan: Plan,
    first: dict[str, pl.DataFrame],
    build: Build,
    chunk_size: int,
) -> None:
    """Swap the planned reports' rows into the stage's tables and record them in the ledger, in
    one transaction. `first` holds the rows of the first `chunk_size` pending reports; the rest
    are built chunk by chunk, so memory holds one chunk's rows, not the whole corpus's."""
    touched = plan.docs + plan.removed
    version = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S.%f}-{uuid.uuid4().hex[:8]}"
    ledger = plan.pending.with_columns(
        pl.lit(stage).alias("stage"),
        pl.lit(version).alias("version"),
        pl.lit(_utc_now()).alias("loaded_at"),
    ).select("stage", "doc", "source_version", "version", "loaded_at")
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("touched_docs", pl.DataFrame({"doc": touched}, schema={"doc": pl.String}))
        for table, frame in first.items():
            _ensure_table(con, table, frame)
            con.execute(f"DELETE FROM {table} WHERE doc IN (SELECT doc FROM touched_docs)")
        _insert(con, first)
        for start in range(chunk_size, len(plan.docs), chunk_size):
            _insert(con, build(plan.docs[start:start + chunk_size]))
        con.execute(
            "DELETE FROM stage_ledger WHERE stage = ? AND doc IN (SELECT doc FROM touched_docs)", [stage]
        )
        con.register("ledger_rows", ledger)
        con.execute("INSERT INTO stage_ledger BY NAME SELECT * FROM ledger_rows")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for view in ("touched_docs", "ledger_rows"):
            con.unregister(view)


def _insert(con: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    for table, frame in frames.items():
        if frame.height:
            con.register("incoming_rows", frame)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming_rows")
            con.unregister("incoming_rows")


def schema_matches(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> bool:
    """True when `table` is absent or has exactly the frame's column names, in order."""
    if not table_exists(con, table):
        return True
    columns = [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND table_schema = 'main' "
        "ORDER BY ordinal_position", [table]
    ).fetchall()]
    return columns == frame.columns


def reset_stage(con: duckdb.DuckDBPyConnection, stage: str, tables: list[str]) -> None:
    """Forget a stage's tables and ledger, so that its next plan rebuilds every report."""
    con.execute(LEDGER_DDL)
    for table in tables:
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute("DELETE FROM stage_ledger WHERE stage = ?", [stage])


def _ensure_table(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if not table_exists(con, table):
        con.register("table_shape", frame.head(0))
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM table_shape")
        con.unregister("table_shape")


def run_stage(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    source: pl.DataFrame,
    build: Build,
    rebuild_all: bool = False,
    rebuild_docs: list[str] | None = None,
) -> Plan:
    """Plan, build and commit one stage; a changed table layout (new code) rebuilds every report."""
    chunk_size = BUILD_CHUNK_REPORTS
    plan = plan_stage(con, stage, source, rebuild_all, rebuild_docs)
    first = build(plan.docs[:chunk_size])
    if not all(schema_matches(con, table, frame) for table, frame in first.items()):
        reset_stage(con, stage, list(first))
        plan = plan_stage(con, stage, source, rebuild_all=True)
        first = build(plan.docs[:chunk_size])
    if not plan.is_empty or not all(table_exists(con, table) for table in first):
        commit_stage(con, stage, plan, first, build, chunk_size)
    return plan


def rows_of_docs(con: duckdb.DuckDBPyConnection, docs: list[str], sql: str) -> pl.DataFrame:
    """Run `sql`, which selects from the registered view `wanted` (one `doc` column) of `docs`."""
    con.register("wanted", pl.DataFrame({"doc": docs}, schema={"doc": pl.String}))
    try:
        return con.sql(sql).pl()
    finally:
        con.unregister("wanted")


def report_texts(con: duckdb.DuckDBPyConnection, docs: list[str]) -> pl.DataFrame:
    """doc, text, doc_type, report_year of the decoded reports among `docs`."""
    return rows_of_docs(con, docs, (
        "SELECT doc, text, doc_type, report_year FROM documents "
        "WHERE doc IN (SELECT doc FROM wanted) AND error IS NULL ORDER BY doc"
    ))


# Incremental data-quality checks. Each check of a stage's table notes when it started; the mart,
# which runs only after the blocking checks of documents, sections and facts passed, then records
# each table's check start as its quality watermark: every row of the table loaded before it has
# passed every check. Checks read only the reports loaded since, so a run that takes in one report
# into 10,000 validates that report's rows, while a report whose rows failed stays above the
# watermark and is validated again on every run until it is rebuilt.
QUALITY_DDL = """
CREATE TABLE IF NOT EXISTS check_runs (run_id VARCHAR, checked_table VARCHAR, started_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS quality_watermark (checked_table VARCHAR, validated_before TIMESTAMP, run_id VARCHAR);
"""
CHECKED_STAGES = ("documents", "sections", "facts")


def note_check_start(con: duckdb.DuckDBPyConnection, run_id: str, table: str) -> None:
    con.execute(LEDGER_DDL)
    con.execute(QUALITY_DDL)
    con.execute("INSERT INTO check_runs VALUES (?, ?, ?)", [run_id, table, _utc_now()])


def advance_quality_watermark(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    """Record, per checked table, that its rows loaded before this run's check passed (only when
    the checks of every checked stage ran in this run)."""
    con.execute(QUALITY_DDL)
    checked = con.execute(
        "SELECT checked_table, min(started_at) FROM check_runs WHERE run_id = ? GROUP BY checked_table", [run_id]
    ).fetchall()
    if len(checked) == len(CHECKED_STAGES):
        con.executemany("INSERT INTO quality_watermark VALUES (?, ?, ?)", [[t, at, run_id] for t, at in checked])
    con.execute("DELETE FROM check_runs WHERE run_id = ?", [run_id])


def validated_docs_sql(stage: str) -> str:
    """A subquery: the reports whose rows of `stage` were loaded before its quality watermark, so
    passed every check; a check reads the other rows only."""
    return (
        f"SELECT doc FROM stage_ledger WHERE stage = '{stage}' AND loaded_at < (SELECT coalesce("
        f"max(validated_before), TIMESTAMP '1970-01-01') FROM quality_watermark WHERE checked_table = '{stage}')"
    )


def _utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
