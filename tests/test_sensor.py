"""The reports-folder sensor on a temporary folder: new, changed, deleted, duplicate and growing files."""
from __future__ import annotations

import dagster as dg
import pytest

from orchestration.resources import ReportsFolder, is_report_file
from orchestration.sensors import reports_folder_sensor


class Ticker:
    """Evaluates the sensor tick after tick, carrying the cursor like the daemon does."""

    def __init__(self, folder):
        self.folder = folder
        self.cursor = None
        self.instance = dg.DagsterInstance.ephemeral()

    def tick(self) -> list[dg.RunRequest]:
        context = dg.build_sensor_context(
            cursor=self.cursor, resources={"reports": ReportsFolder(path=str(self.folder))}, instance=self.instance
        )
        result = reports_folder_sensor(context)
        if isinstance(result, dg.SensorResult):
            self.cursor = result.cursor if result.cursor is not None else context.cursor
            return list(result.run_requests or [])
        self.cursor = context.cursor
        return []

    def settle(self) -> list[dg.RunRequest]:
        """Two ticks: the first sees the change, the second launches once nothing moved."""
        return self.tick() + self.tick()


@pytest.fixture
def ticker(tmp_path):
    (tmp_path / "a.txt").write_text("科技局2022年工作总结", encoding="utf-8")
    ticker = Ticker(tmp_path)
    assert len(ticker.settle()) == 1
    return ticker


def test_unchanged_folder_launches_nothing(ticker):
    assert ticker.settle() == []


def test_new_changed_and_deleted_files_each_launch_one_run(ticker):
    (ticker.folder / "b.txt").write_text("新增高新技术企业5家", encoding="utf-8")
    assert len(ticker.settle()) == 1
    (ticker.folder / "b.txt").write_text("新增高新技术企业6家。", encoding="utf-8")
    assert len(ticker.settle()) == 1
    (ticker.folder / "b.txt").unlink()
    assert len(ticker.settle()) == 1
    assert ticker.settle() == []


def test_duplicate_content_is_a_change_of_the_folder(ticker):
    (ticker.folder / "copy.txt").write_bytes((ticker.folder / "a.txt").read_bytes())
    assert len(ticker.settle()) == 1


def test_a_file_still_being_written_is_taken_when_stable(ticker):
    growing = ticker.folder / "growing.txt"
    growing.write_text("一、", encoding="utf-8")
    assert ticker.tick() == []
    with growing.open("a", encoding="utf-8") as handle:
        handle.write("培育科技型企业42家")
    assert ticker.tick() == []
    requests = ticker.tick()
    assert len(requests) == 1
    assert ticker.tick() == []


def test_hidden_partial_and_non_report_files_are_ignored(ticker):
    (ticker.folder / ".upload.txt").write_text("partial", encoding="utf-8")
    (ticker.folder / "indicator_comparison.png").write_bytes(b"\x89PNG")
    assert ticker.settle() == []


def test_a_change_waits_while_a_build_is_running(ticker):
    from dagster._core.storage.dagster_run import DagsterRun, DagsterRunStatus

    running = DagsterRun(job_name="build_warehouse", run_id="running-build", status=DagsterRunStatus.STARTED)
    ticker.instance.add_run(running)
    (ticker.folder / "b.txt").write_text("新增高新技术企业5家", encoding="utf-8")
    assert ticker.settle() == []
    ticker.instance.report_run_canceled(running)  # the build ends
    assert len(ticker.tick()) == 1


@pytest.mark.parametrize("name, is_report", [
    ("2023年工作总结.txt", True), ("REPORT.TXT", True), ("report_without_suffix", True), ("plan.docx", True),
    ("indicator_comparison.png", False), ("indicator_comparison.html", False), (".upload.txt", False),
    ("report.txt.part", False),
])
def test_which_files_are_reports(name, is_report):
    assert is_report_file(name) is is_report
