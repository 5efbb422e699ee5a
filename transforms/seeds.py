"""The language resources the transforms run on, as plain data.

`orchestration.seeds.load_seeds` reads them from the `seeds/` folder; tests may build
them the same way. Transforms never read files themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl


@dataclass(frozen=True)
class Seeds:
    units: pl.DataFrame
    """surface, canonical, factor, kind — every unit mention and its canonical unit."""
    indicators: pl.DataFrame
    """code, name_zh, unit, description — the indicator codes of the spec."""
    indicator_terms: pl.DataFrame
    """term, indicator — words or phrases of a subject that name an indicator."""
    places: pl.DataFrame
    """Administrative divisions: name, short_name, level, province, city, county."""
    traditional_chars: pl.DataFrame = field(default_factory=lambda: pl.DataFrame({"traditional": [], "simplified": [], "shared": []}))
    """traditional, simplified, shared — one character each; a report written in traditional characters is read in
    simplified ones."""
    dictionary: list[str] = field(default_factory=list)
    """Domain words for jieba, one `word [freq [tag]]` entry each."""
    lexicon: dict[str, Any] = field(default_factory=dict)
    """Rule tables from `seeds/lexicon/*.toml`, keyed by file stem (e.g. `headings`)."""
