"""Run the facts transform on a sentence of a test's own writing (Duckling-style example corpus)."""
from __future__ import annotations

import unicodedata

import polars as pl

from transforms.facts import build_facts


def extract(seeds, text: str, doc_type: str = "summary", year: int = 2023, sections: pl.DataFrame | None = None) -> list[dict]:
    """The facts of `text` as the cleaner would hand it over (NFKC), in a report of `doc_type` and `year`."""
    text = unicodedata.normalize("NFKC", text)
    docs = pl.DataFrame({"doc": ["r"], "text": [text], "doc_type": [doc_type], "report_year": [year]})
    return build_facts(docs, sections if sections is not None else pl.DataFrame(), seeds).to_dicts()


def one(seeds, text: str, **kw) -> dict:
    """The only fact of `text`."""
    rows = extract(seeds, text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def by_mention(seeds, text: str, **kw) -> dict[str, dict]:
    """The facts of `text` keyed by their mention."""
    return {row["mention"]: row for row in extract(seeds, text, **kw)}


def field(seeds, text: str, mention: str, name: str, **kw):
    """One field of the fact `mention` of `text`."""
    return by_mention(seeds, text, **kw)[mention][name]
