"""Data-quality asset checks: a great-expectations suite per table, run as blocking Dagster checks.

Rules and vocabularies live in `seeds/quality.toml`; `gx_runner` runs a table's suite and reports
each rule as its own check. great-expectations is imported only when a check runs.
"""
from orchestration.checks.documents import documents_quality
from orchestration.checks.facts import facts_quality
from orchestration.checks.mart import mart_quality
from orchestration.checks.sections import sections_quality

all_checks = [documents_quality, sections_quality, facts_quality, mart_quality]

__all__ = ["all_checks"]
