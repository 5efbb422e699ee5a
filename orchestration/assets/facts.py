"""facts: every quantity of every report, with what it means."""

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import Warehouse
from orchestration.seeds import load_seeds
from orchestration.store import report_texts, rows_of_docs, run_stage
from transforms.facts import build_facts


@dg.asset(group_name="text", kinds={"duckdb", "polars"}, deps=["documents", "sections"])
def facts(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per quantity: value in the canonical unit, qualifier, status (actual / target /
    estimate), measure, period_year, indicator code, subject and the evidence span in
    `documents.text`. Masked or blank numbers are facts with a null value."""
    seeds = load_seeds()
    with warehouse.connect() as con:
        # facts read both the text and the outline: rebuild when either was rebuilt
        source = con.sql(
            "SELECT d.doc, d.version || '+' || coalesce(s.version, '') AS source_version "
            "FROM stage_ledger d LEFT JOIN stage_ledger s ON s.doc = d.doc AND s.stage = 'sections' "
            "WHERE d.stage = 'documents'"
        ).pl()

        def build(docs: list[str]) -> dict[str, pl.DataFrame]:
            outline = rows_of_docs(con, docs, "SELECT * FROM sections WHERE doc IN (SELECT doc FROM wanted)")
            return {"facts": build_facts(report_texts(con, docs), outline, seeds)}

        plan = run_stage(con, "facts", source, build)
        stats = con.sql(
            "SELECT count(*), count(indicator), count(*) FILTER (WHERE value IS NULL) FROM facts"
        ).fetchall()[0]
        preview = con.sql(
            "SELECT doc, mention, value, unit, qualifier, status, measure, period_year, indicator, subject "
            "FROM facts ORDER BY doc, span_start LIMIT 50"
        ).pl()
    context.log.info(f"rebuilt {len(plan.docs)} report(s), removed {len(plan.removed)}")
    return dg.MaterializeResult(metadata={
        "facts": stats[0],
        "with_indicator": stats[1],
        "placeholders": stats[2],
        "rebuilt": len(plan.docs),
        "preview": markdown_table(preview),
    })
