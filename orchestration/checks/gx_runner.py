"""Run a table's great-expectations suite as blocking Dagster asset checks.

A table's checks are `Rule`s: a check name, what it asserts, and a GX expectation (class name and
arguments, built from `seeds/quality.toml` at run time). `suite_check` turns them into one
`@multi_asset_check` whose op reads the table (and any SQL-computed frames a cross-column or
cross-table rule needs) from the staging warehouse, validates every frame with one GX suite, and
reports one `AssetCheckResult` per rule: passed, the expectation, how many rows broke it, and a
sample of those rows as a markdown table. Every spec is `blocking`, so a failed rule stops the
assets downstream of its table in the same run; a rule listed in the table's `warn` list of
`seeds/quality.toml` reports with severity WARN, which does not block.

great-expectations takes 5–7 s to import: it is imported inside the check function (once per
process, then cached with one ephemeral context), never when the definitions load.

(No `from __future__ import annotations` here: Dagster reads the check function's `context`
annotation when the definitions load and rejects it as a string.)
"""

import gc
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import dagster as dg
import duckdb
import polars as pl

from orchestration.checks.quality import Quality, load_quality
from orchestration.metadata import markdown_table
from orchestration.store import CHECKED_STAGES, note_check_start, validated_docs_sql


@dataclass(frozen=True)
class Rule:
    """One check of a table: a GX expectation over one of the frames the table's suite loads."""

    name: str
    """The check's name in Dagster (unique per table)."""
    description: str
    """What the check asserts, shown in the UI."""
    expectation: str
    """A class of `great_expectations.expectations`, e.g. `ExpectColumnValuesToBeInSet`."""
    kwargs: Callable[[Quality], dict[str, Any]]
    """The expectation's arguments, from the quality rules."""
    frame: str | None = None
    """The frame it validates; None for the table itself."""
    show: tuple[str, ...] = ()
    """Columns shown beside the key columns in the sample of bad rows."""


LoadFrames = Callable[[duckdb.DuckDBPyConnection, Quality], dict[str, pl.DataFrame]]


def unvalidated_rows(con: duckdb.DuckDBPyConnection, quality: Quality, table: str, frame_sql: str, alias: str) -> pl.DataFrame:
    """A stage table's frame to validate (`frame_sql` with its `{required}` and `{validated}` slots
    filled): the rows of the reports loaded since the table last passed its checks."""
    return con.sql(frame_sql.format(
        required=quality.required_sql(table, alias), validated=validated_docs_sql(table)
    )).pl()


@dataclass
class _Gx:
    gx: Any
    gxe: Any
    context: Any
    batches: dict[str, Any] = field(default_factory=dict)


_GX: _Gx | None = None
_GX_LOCK = threading.Lock()


def gx_context() -> _Gx:
    """The process's great-expectations module and ephemeral context, made on first use."""
    global _GX
    with _GX_LOCK:
        if _GX is None:
            # GX's import allocates a lot; with the run's heap already large (jieba's dictionary),
            # the cyclic GC passes it triggers doubled its cost. Nothing it builds is garbage.
            gc_was_enabled = gc.isenabled()
            gc.disable()
            try:
                import great_expectations as gx
                import great_expectations.expectations as gxe
                from great_expectations.data_context.types.base import ProgressBarsConfig
            finally:
                if gc_was_enabled:
                    gc.enable()

            context = gx.get_context(mode="ephemeral")
            context.variables.progress_bars = ProgressBarsConfig(globally=False)
            context.data_sources.add_pandas("warehouse")
            _GX = _Gx(gx=gx, gxe=gxe, context=context)
        return _GX


def _batch_definition(gx: _Gx, name: str):
    if name not in gx.batches:
        asset = gx.context.data_sources.get("warehouse").add_dataframe_asset(name=name)
        gx.batches[name] = asset.add_batch_definition_whole_dataframe("whole")
    return gx.batches[name]


def validate(
    table: str, rules: list[Rule], frames: dict[str, pl.DataFrame], quality: Quality, key: tuple[str, ...]
) -> Iterator[dg.AssetCheckResult]:
    """Validate `frames` against `rules`, one GX suite per frame; one check result per rule."""
    gx = gx_context()
    by_frame: dict[str, list[Rule]] = {}
    for rule in rules:
        by_frame.setdefault(rule.frame or table, []).append(rule)
    for frame_name, frame_rules in by_frame.items():
        frame = frames[frame_name]
        expectations = {
            rule.name: getattr(gx.gxe, rule.expectation)(**rule.kwargs(quality), meta={"check": rule.name})
            for rule in frame_rules
        }
        suite = gx.gx.ExpectationSuite(name=f"{table}.{frame_name}", expectations=list(expectations.values()))
        batch = _batch_definition(gx, f"{table}.{frame_name}").get_batch(
            batch_parameters={"dataframe": frame.to_pandas()}
        )
        outcome = batch.validate(suite, result_format={"result_format": "COMPLETE"})
        results = {r.expectation_config.meta["check"]: r for r in outcome.results}
        for rule in frame_rules:
            yield _check_result(table, rule, expectations[rule.name], results[rule.name], frame, quality, key)


def _check_result(table, rule: Rule, expectation, result, frame: pl.DataFrame, quality: Quality, key) -> dg.AssetCheckResult:
    config = expectation.configuration.kwargs
    described = ", ".join(
        f"{k}={_short(v)}" for k, v in config.items() if k not in ("batch_id", "result_format", "meta") and v is not None
    )
    metadata: dict[str, Any] = {"expectation": f"{type(expectation).__name__}({described})"}
    error = _exception_message(result.exception_info)
    if error is not None:
        metadata["error"] = dg.MetadataValue.text(error)
        passed = False
    else:
        passed = bool(result.success)
        details = result.result or {}
        unexpected_rows = details.get("unexpected_index_list") or []
        metadata["checked_rows"] = int(details.get("element_count", frame.height) or 0)
        metadata["unexpected_count"] = int(details.get("unexpected_count", len(unexpected_rows)) or 0)
        if details.get("unexpected_percent") is not None:
            metadata["unexpected_percent"] = round(float(details["unexpected_percent"]), 3)
        if unexpected_rows:
            columns = [c for c in dict.fromkeys([*key, *rule.show]) if c in frame.columns]
            positions = [int(i) for i in unexpected_rows[: quality.sample_rows]]
            rows = frame.with_row_index("_row").filter(pl.col("_row").is_in(positions))
            metadata["sample"] = markdown_table(rows.select(columns))
    severity = dg.AssetCheckSeverity.WARN if quality.severity_is_warn(table, rule.name) else dg.AssetCheckSeverity.ERROR
    return dg.AssetCheckResult(
        asset_key=table, check_name=rule.name, passed=passed, severity=severity,
        metadata=metadata, description=rule.description,
    )


def _exception_message(info: dict | None) -> str | None:
    """The message of an exception GX caught while computing the expectation, if any."""
    if not info:
        return None
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    for entry in entries:
        if entry.get("raised_exception"):
            return str(entry.get("exception_message") or "the expectation raised an exception")
    return None


def _short(value: Any, limit: int = 200) -> str:
    text = repr(sorted(value, key=str) if isinstance(value, (set, frozenset)) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def suite_check(
    table: str,
    rules: list[Rule],
    load_frames: LoadFrames,
    key: tuple[str, ...] | Callable[[Quality], tuple[str, ...]],
    description: str,
) -> dg.AssetChecksDefinition:
    """One Dagster op running the table's suite; a blocking check spec per rule. `key`: the columns
    that identify a row in the samples of bad rows (or a function of the quality rules giving them)."""
    specs = [dg.AssetCheckSpec(rule.name, asset=table, description=rule.description, blocking=True) for rule in rules]

    @dg.multi_asset_check(
        name=f"{table}_quality", specs=specs, description=description, required_resource_keys={"warehouse"},
        compute_kind="great_expectations",
    )
    def _suite(context: dg.AssetCheckExecutionContext) -> Iterator[dg.AssetCheckResult]:
        quality = load_quality()
        with context.resources.warehouse.connect() as con:
            if table in CHECKED_STAGES:
                note_check_start(con, context.op_execution_context.run_id, table)
            frames = load_frames(con, quality)
        key_columns = key(quality) if callable(key) else key
        results = list(validate(table, rules, frames, quality, key_columns))
        failed = [r.check_name for r in results if not r.passed]
        if failed:
            context.log.warning(f"{table}: {len(failed)} check(s) failed: {', '.join(failed)}")
        yield from results

    return _suite
