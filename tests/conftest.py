"""Shared fixtures: the seeds, and a pipeline that builds a warehouse in a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl
import pytest

from orchestration.seeds import load_seeds

SAMPLE_REPORTS = Path(__file__).resolve().parents[1] / "seeds" / "reports"


@pytest.fixture(scope="session")
def seeds():
    return load_seeds()


class Pipeline:
    """The real Dagster assets and checks, pointed at a temporary reports folder and warehouse."""

    def __init__(self, root: Path):
        self.reports_dir = root / "reports"
        self.warehouse_path = root / "warehouse" / "warehouse.duckdb"
        self.reports_dir.mkdir(parents=True)

    def add_sample_reports(self) -> None:
        for path in sorted(SAMPLE_REPORTS.glob("*.txt")):
            shutil.copy(path, self.reports_dir / path.name)

    def run(self, run_config: dict | None = None, selection=None) -> dg.ExecuteInProcessResult:
        from orchestration.definitions import defs
        from orchestration.resources import ReportsFolder, Warehouse

        job_defs = dg.Definitions(
            assets=defs.assets,
            asset_checks=defs.asset_checks,
            resources={
                "warehouse": Warehouse(path=str(self.warehouse_path)),
                "reports": ReportsFolder(path=str(self.reports_dir)),
            },
            executor=dg.in_process_executor,
        )
        job = job_defs.resolve_implicit_global_asset_job_def()
        return job.execute_in_process(
            run_config=run_config, instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
            asset_selection=selection,
        )

    def query(self, sql: str, params: list | None = None) -> pl.DataFrame:
        with duckdb.connect(str(self.warehouse_path), read_only=True) as con:
            return con.sql(sql, params=params).pl()


@pytest.fixture
def pipeline(tmp_path) -> Pipeline:
    return Pipeline(tmp_path)


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Pipeline:
    """The five sample reports built once through every asset."""
    built = Pipeline(tmp_path_factory.mktemp("sample"))
    built.add_sample_reports()
    result = built.run()
    assert result.success, "the sample build failed"
    return built
