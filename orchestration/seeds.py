"""Read the `seeds/` folder into the plain `transforms.seeds.Seeds` container."""
from __future__ import annotations

import hashlib
import tomllib
from functools import lru_cache
from pathlib import Path

import polars as pl

from transforms.seeds import Seeds

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"


def _csv(path: Path) -> pl.DataFrame:
    """A seed table as written: every column text (codes and words must not turn into numbers)."""
    return pl.read_csv(path, infer_schema=False, comment_prefix="#")


@lru_cache(maxsize=4)
def load_seeds(seeds_dir: Path = SEEDS_DIR) -> Seeds:
    """Every seed file; a missing one is an error that names it (the seeds ship with the code)."""
    lexicon = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((seeds_dir / "lexicon").glob("*.toml"))}
    dictionary = [
        line.strip()
        for line in (seeds_dir / "dictionary.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return Seeds(
        units=_csv(seeds_dir / "units.csv").with_columns(pl.col("factor").cast(pl.Float64)),
        indicators=_csv(seeds_dir / "indicators.csv"),
        indicator_terms=_csv(seeds_dir / "indicator_terms.csv"),
        places=_csv(seeds_dir / "places.csv"),
        traditional_chars=_csv(seeds_dir / "traditional_chars.csv"),
        dictionary=dictionary,
        lexicon=lexicon,
    )


@lru_cache(maxsize=1)
def extraction_fingerprint() -> str:
    """A digest of everything that decides what a report becomes: the transforms' code and the
    seeds (sample reports aside). Part of each report's input version, so a changed rule or seed
    rebuilds every report on the next run without anyone asking."""
    root = SEEDS_DIR.parent
    files = sorted(
        path for folder in (root / "transforms", SEEDS_DIR) for path in folder.rglob("*")
        if path.is_file() and "reports" not in path.relative_to(root).parts and "__pycache__" not in path.parts
    )
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
