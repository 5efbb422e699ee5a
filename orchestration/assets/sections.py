"""sections: the outline of each report (一、 / （一） / 1. / （1）)."""

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import Warehouse
from orchestration.seeds import load_seeds
from orchestration.store import report_texts, run_stage
from transforms.sections import build_sections


@dg.asset(group_name="text", kinds={"duckdb", "polars"}, deps=["documents"])
def sections(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """One row per heading: level 1–4 by numbering style, parent link, the span of its body in
    `documents.text`, and `part` (summary / plan) telling a report's past work from its plan."""
    seeds = load_seeds()
    with warehouse.connect() as con:
        source = con.sql(
            "SELECT doc, version AS source_version FROM stage_ledger WHERE stage = 'documents'"
        ).pl()

        def build(docs: list[str]) -> dict[str, pl.DataFrame]:
            return {"sections": build_sections(report_texts(con, docs), seeds)}

        plan = run_stage(con, "sections", source, build)
        stats = con.sql("SELECT count(*), count(DISTINCT doc) FROM sections").fetchall()[0]
        preview = con.sql(
            "SELECT doc, section_id, parent_id, level, heading, part, span_start, span_end FROM sections "
            "ORDER BY doc, ordinal LIMIT 50"
        ).pl()
    context.log.info(f"rebuilt {len(plan.docs)} report(s), removed {len(plan.removed)}")
    return dg.MaterializeResult(metadata={
        "sections": stats[0],
        "documents_with_sections": stats[1],
        "rebuilt": len(plan.docs),
        "preview": markdown_table(preview),
    })

