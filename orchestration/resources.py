"""Where the pipeline reads reports and writes the warehouse.

The pipeline never writes the file analysts open. It builds into a private staging file next to
it and, at the end of a run, publishes a copy by an atomic rename (`Warehouse.publish`). A reader
that holds the published file (DuckDB CLI, notebook, BI tool) keeps reading the last complete
warehouse and never blocks a run; a run never sees a reader's lock.
"""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "warehouse.duckdb"
DEFAULT_REPORTS_DIR = PROJECT_ROOT / "seeds" / "reports"

# Files stay readable by the DuckDB 1.5 CLI and BI drivers, which cannot read 2.0's default format.
STORAGE_COMPATIBILITY = {"storage_compatibility_version": "v1.5.0"}
LOCK_RETRY_SECONDS = 60.0


def warehouse_path_from_env() -> str:
    return str(Path(os.environ.get("STI_WAREHOUSE") or DEFAULT_WAREHOUSE).resolve())


def reports_dir_from_env() -> str:
    return str(Path(os.environ.get("STI_REPORTS_DIR") or DEFAULT_REPORTS_DIR).resolve())


class Warehouse(dg.ConfigurableResource):
    """The DuckDB warehouse: a staging file the pipeline writes and the published file readers open."""

    path: str

    @property
    def published_path(self) -> Path:
        return Path(self.path)

    @property
    def staging_path(self) -> Path:
        published = self.published_path
        return published.with_name(f"{published.stem}.staging{published.suffix}")

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short read-write connection to the staging file; waits while another run holds it."""
        self.staging_path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        while True:
            try:
                con = duckdb.connect(str(self.staging_path), config=STORAGE_COMPATIBILITY)
                break
            except duckdb.IOException as exc:  # another writer process holds the lock
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        try:
            yield con
        finally:
            con.close()

    def publish(self) -> Path:
        """Copy the staging file next to the published one, then rename the copy into place.

        The copy is taken while this process holds the staging file's lock, right after a
        checkpoint, so no other run can write it halfway through the copy."""
        published = self.published_path
        partial = published.with_name(f".{published.name}.{os.getpid()}.partial")
        with self.connect() as con:
            con.execute("CHECKPOINT")
            shutil.copyfile(self.staging_path, partial)
        os.replace(partial, published)
        return published


# Files in the reports folder that are never reports: pictures, pages and data the pipeline or a
# browser writes, and downloads in progress. Any other file is taken in: a report that turns out
# not to be text (a .docx, a .pdf) is kept with the reason in `documents.error`, not skipped.
NOT_REPORT_SUFFIXES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".svg", ".html", ".htm", ".css", ".js", ".json", ".csv",
    ".duckdb", ".wal", ".sha256", ".tmp", ".part", ".partial", ".crdownload",
})


def is_report_file(name: str) -> bool:
    """Hidden files are uploads in progress or system files; see NOT_REPORT_SUFFIXES."""
    return not name.startswith(".") and Path(name).suffix.lower() not in NOT_REPORT_SUFFIXES


class ReportsFolder(dg.ConfigurableResource):
    """The folder users drop report files (`*.txt`, any encoding) into."""

    path: str

    def files(self) -> list[Path]:
        """Every report file in the folder, sorted by name."""
        folder = Path(self.path)
        if not folder.is_dir():
            raise FileNotFoundError(f"reports folder {folder} does not exist (set STI_REPORTS_DIR)")
        return sorted(p for p in folder.iterdir() if p.is_file() and is_report_file(p.name))
