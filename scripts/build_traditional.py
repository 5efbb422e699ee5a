"""Write seeds/traditional_chars.csv: traditional characters and their simplified forms, one to one.

Run once (the table ships in seeds/): `uv run --with zhconv python scripts/build_traditional.py`.
Only characters outside GB2312 are kept: a character GB2312 has is a valid simplified character
too (著 in 显著, 乾 in 乾坤) and must never be rewritten.
"""
from __future__ import annotations

import csv
from pathlib import Path

from zhconv import zhconv

OUT = Path(__file__).resolve().parents[1] / "seeds" / "traditional_chars.csv"


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def main() -> None:
    zhconv.loaddict()
    table = zhconv.zhcdicts["zh2Hans"]
    pairs = sorted((t, s) for t, s in table.items()
                   if len(t) == 1 and len(s) == 1 and t != s and not in_gb2312(t) and in_gb2312(s))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# Traditional characters and their simplified forms (scripts/build_traditional.py, from zhconv).\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["traditional", "simplified"])
        w.writerows(pairs)
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
