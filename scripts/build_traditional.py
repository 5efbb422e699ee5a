"""Write seeds/traditional_chars.csv: traditional characters and their simplified forms, one to one.

Run once (the table ships in seeds/): `uv run --with zhconv python scripts/build_traditional.py`.
A traditional character that GB2312 has too (於, 後, 乾) is a valid simplified character: it is marked
`shared`, converted only in a report written in traditional characters and never counted to find one.
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
    pairs = sorted((t, s, int(in_gb2312(t))) for t, s in table.items()
                   if len(t) == 1 and len(s) == 1 and t != s and in_gb2312(s))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# Traditional characters and their simplified forms (scripts/build_traditional.py, from zhconv).\n")
        f.write("# shared = 1: also a simplified character (於, 後), converted only in a report written in traditional ones.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["traditional", "simplified", "shared"])
        w.writerows(pairs)
    print(f"{len(pairs)} pairs -> {OUT}")


if __name__ == "__main__":
    main()
