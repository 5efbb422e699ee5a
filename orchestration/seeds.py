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
    return pl.read_csv(path, infer_schema_length=0 if path.stem != "units" else 100, comment_prefix="#")


@lru_cache(maxsize=4)
def load_seeds(seeds_dir: Path = SEEDS_DIR) -> Seeds:
    lexicon = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((seeds_dir / "lexicon").glob("*.toml"))}
    dictionary_path = seeds_dir / "dictionary.txt"
    dictionary = [
        line.strip()
        for line in (dictionary_path.read_text(encoding="utf-8").splitlines() if dictionary_path.exists() else [])
        if line.strip() and not line.startswith("#")
    ]
    places_path = seeds_dir / "places.csv"
    return Seeds(
        units=_csv(seeds_dir / "units.csv"),
        indicators=_csv(seeds_dir / "indicators.csv"),
        indicator_terms=_csv(seeds_dir / "indicator_terms.csv") if (seeds_dir / "indicator_terms.csv").exists()
        else pl.DataFrame(schema={"term": pl.String, "indicator": pl.String}),
        places=_csv(places_path) if places_path.exists() else pl.DataFrame(),
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
