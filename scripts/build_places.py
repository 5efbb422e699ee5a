"""Build `seeds/places.csv` from the administrative-division codes shipped in the `cpca` package (MIT).

    uv run --with cpca python scripts/build_places.py

Only the package's data file is read (its module imports need `pkg_resources`), so the
warehouse has no runtime dependency on cpca: the seeds file is the resource.
"""
from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "seeds" / "places.csv"

# Grouping rows of the code table that name no place.
DIRECT_UNDER_PROVINCE = {"省直辖县级行政区划", "自治区直辖县级行政区划"}
PLACEHOLDER_NAMES = {"市辖区", "县"} | DIRECT_UNDER_PROVINCE
# Suffixes dropped to get the short form a report may use (重庆 for 重庆市, 黔江 for 黔江区).
SUFFIX = re.compile(
    r"(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|区|县|旗|盟|州)$"
)


def adcodes_path() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise SystemExit("cpca is not installed: run with `uv run --with cpca python scripts/build_places.py`")
    return Path(spec.origin).parent / "resources" / "adcodes.csv"


# County-level divisions named 区 that are not urban districts but governed like counties: the
# forest district and the special district (碑林区, 西林区 are ordinary districts).
COUNTY_LIKE_DISTRICTS = {"神农架林区", "六枝特区"}


def county_level(name: str) -> str:
    return "district" if name.endswith("区") and name not in COUNTY_LIKE_DISTRICTS else "county"


def city_of(code: str, province: str, by_code: dict[str, str]) -> str:
    parent = by_code.get(code[:4] + "00", "")
    if parent in DIRECT_UNDER_PROVINCE:
        return ""
    # Districts of a municipality (重庆市黔江区) sit under a 市辖区/县 grouping row:
    # the municipality itself stands as their city.
    return province if parent in PLACEHOLDER_NAMES or not parent else parent


# Divisions renamed or created after the cpca snapshot (code, name, city): a report written after
# the change uses the new name. The old rows stay, for older reports. Source: the Ministry of Civil
# Affairs' approvals (2020: 邢台市桥东区 -> 襄都区, 桥西区 -> 信都区, 任县 -> 任泽区, 南和县 -> 南和区).
LATER_DIVISIONS = [
    ("130502", "襄都区", "邢台市"),
    ("130503", "信都区", "邢台市"),
    ("130505", "任泽区", "邢台市"),
    ("130506", "南和区", "邢台市"),
]


def later_rows(rows: list[dict]) -> list[dict]:
    """Rows for LATER_DIVISIONS, with the province and city of their city's row."""
    cities = {r["name"]: r for r in rows if r["level"] == "city"}
    return [
        {
            "adcode": code, "name": name, "short_name": SUFFIX.sub("", name), "level": county_level(name),
            "province": cities[city]["province"], "city": city, "county": name,
        }
        for code, name, city in LATER_DIVISIONS
    ]


def build_rows(records: list[dict]) -> list[dict]:
    by_code = {r["adcode"][:6]: r["name"] for r in records}
    rows = []
    for code, name in sorted(by_code.items()):
        if name in PLACEHOLDER_NAMES:
            continue
        province = by_code[code[:2] + "0000"]
        if code[2:] == "0000":
            level, city, county = "province", "", ""
        elif code[4:] == "00":
            level, city, county = "city", name, ""
        else:
            level, county = county_level(name), name
            city = city_of(code, province, by_code)
        short = SUFFIX.sub("", name)
        rows.append({
            "adcode": code,
            "name": name,
            "short_name": short if len(short) >= 2 else name,
            "level": level,
            "province": province,
            "city": city,
            "county": county,
        })
    return rows


def main() -> None:
    with adcodes_path().open(encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    rows = build_rows(records)
    rows = sorted(rows + later_rows(rows), key=lambda r: r["adcode"])  # stable: an old name before its new one
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# Administrative divisions from the cpca package's adcodes.csv (MIT); built by scripts/build_places.py\n")
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
