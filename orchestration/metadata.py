"""Asset metadata the Dagster UI shows: previews of tables as markdown."""
from __future__ import annotations

import dagster as dg
import polars as pl


def markdown_table(frame: pl.DataFrame, max_rows: int = 50, max_chars: int = 60) -> dg.MarkdownMetadataValue:
    """A markdown table of the first rows, cells cut to `max_chars` and pipes escaped."""
    if frame.is_empty():
        return dg.MetadataValue.md("_(no rows)_")

    def cell(value: object) -> str:
        text = "" if value is None else str(value).replace("\n", " ").replace("|", "\\|")
        return text if len(text) <= max_chars else text[: max_chars - 1] + "…"

    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * frame.width]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in frame.head(max_rows).iter_rows()]
    if frame.height > max_rows:
        lines.append(f"\n_{frame.height - max_rows} more rows_")
    return dg.MetadataValue.md("\n".join(lines))
