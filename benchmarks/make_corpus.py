"""Write N realistic science-and-technology bureau reports for benchmarks.

Each report recombines and perturbs the sample reports in `seeds/reports/`: its sections, items
and paragraphs are drawn from all samples and shuffled; every quantity is rescaled (some money
amounts are restated in another unit: 1344万元 -> 0.1344亿元); the bureau, its place and the year
change; some files are written in GB18030, some with a UTF-8 BOM or CRLF line ends, some with
full-width digits, and some are laid out like text pulled from a PDF (lines cut at a fixed width,
numbers cut from their units, page footers between pages).

Deterministic: report `i` of seed `s` depends only on (s, i), so the corpus of 100 is the first
100 files of the corpus of 1,000, and `generate_report(seed, n)` is a report not yet in a corpus
of n.

    uv run python benchmarks/make_corpus.py --n 1000 --seed 7 --out /tmp/corpus
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DIR = ROOT / "seeds" / "reports"
PLACES_CSV = ROOT / "seeds" / "places.csv"
UNITS_CSV = ROOT / "seeds" / "units.csv"

# heading markers of the samples, by level
LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}[、.]")
LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
LEVEL3 = re.compile(r"^\d{1,2}[.、](?!\d)")
LEVEL4 = re.compile(r"^[（(]\d{1,2}[）)]")
CHINESE_NUMERALS = "一二三四五六七八九十"

# a quantity: number (not part of a longer number) and an optional unit right after it
NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?!\d)")
MONEY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万元|亿元)")
UNIT_AFTER_NUMBER = re.compile(r"\d(万亿元|亿元|万元|元|万人次|人次|个百分点|家|个|项|人|名|件|次|场|%|％)")
MASKED_PLACES = re.compile(r"\*\*[区县市]|某[县市区省](?!级)")

TITLES = {
    "summary": ["{year}年工作总结", "{year}年度工作总结", "{year}年科技工作总结"],
    "plan": ["{year}年工作要点", "{year}年工作计划", "{year}年科技工作要点"],
    "summary_and_plan": ["{year}年工作总结及{next}年工作计划", "{year}年工作总结和{next}年工作打算"],
    "report": ["{year}年度述职报告", "{year}年领导班子述职报告"],
}
SUMMARY_HEADINGS = ["{year}年工作总结", "{year}年主要工作", "{year}年工作开展情况", "{year}年重点工作完成情况"]
PLAN_HEADINGS = ["{next}年工作计划", "{next}年工作打算", "下一步工作计划", "{next}年重点工作安排"]
PROBLEM_HEADINGS = ["存在的问题", "存在的困难和问题", "问题与不足"]
PROBLEMS = [
    "一是企业创新主体地位不突出,研发投入强度仍低于全省平均水平。二是科技人才总量不足,高层次人才引进难、留住难。三是科技成果转化渠道不畅,产学研合作深度不够。",
    "全社会研发投入总量偏小,高新技术企业数量少、规模小,创新平台层次不高,科技服务体系不够健全。",
]
FOOTERS = ["- {page} -", "第{page}页 共{pages}页", "{page} / {pages}", "—{page}—"]


@dataclass
class Sample:
    name: str
    place: tuple[tuple[str, str], ...]  # (surface, name|short|parent) of the sample's own place, longest first
    intros: list[str] = field(default_factory=list)  # long lines before the first heading
    headings1: list[str] = field(default_factory=list)  # titles of 一、 headings, marker removed
    headings2: list[str] = field(default_factory=list)  # titles of （一） headings
    items: list[str] = field(default_factory=list)  # 1. items (marker removed) with their text
    paragraphs: list[str] = field(default_factory=list)  # long body lines


@dataclass(frozen=True)
class Place:
    name: str
    short: str
    level: str
    province: str
    city: str
    county: str


@dataclass(frozen=True)
class Report:
    file_name: str
    content: bytes
    bureau: str
    year: int
    doc_type: str
    encoding: str
    pdf_layout: bool
    chars: int


TITLE_END = re.compile(r"(总结|要点|计划|打算|报告|通知|科学技术局|科技局|办公室|日|印发)$")
SENTENCE_END = "。！？!?：:；;”）)"


def _is_heading(line: str) -> bool:
    return any(p.match(line) for p in (LEVEL1, LEVEL2, LEVEL3, LEVEL4))


def _join_cut_lines(lines: list[str]) -> list[str]:
    """Undo the samples' own PDF line cuts, so perturbation sees whole paragraphs."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        cut = (
            prev and prev[-1] not in SENTENCE_END and not TITLE_END.search(prev)
            and not _is_heading(line)
            and not (_is_heading(prev) and "。" not in prev and len(prev) <= 40)
        )
        if cut:
            out[-1] += line
        else:
            out.append(line)
    return out


@lru_cache(maxsize=1)
def places() -> tuple[Place, ...]:
    with open(PLACES_CSV, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return tuple(Place(r["name"], r["short_name"], r["level"], r["province"], r["city"], r["county"]) for r in rows)


def _own_place(text: str) -> tuple[str, ...]:
    """The surface forms of the place a sample is about (its most named county/city)."""
    head = text[:600]
    best = None
    for place in places():
        if place.level == "province" or len(place.name) < 3:
            continue
        count = head.count(place.name)
        if count and (best is None or count > best[0]):
            best = (count, place)
    if best is None:
        return ()
    place = best[1]
    forms = {place.name: "name"}
    if len(place.short) >= 2:
        forms[place.short] = "short"
    for parent in (place.city, place.province):
        if parent and parent != place.name and parent in head:
            forms.setdefault(parent, "parent")
    return tuple(sorted(forms.items(), key=lambda kv: len(kv[0]), reverse=True))


@lru_cache(maxsize=1)
def samples() -> tuple[Sample, ...]:
    result = []
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        text = path.read_bytes().decode("utf-8-sig")
        lines = _join_cut_lines([line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()])
        sample = Sample(path.stem, _own_place(text))
        seen_heading = False
        for line in lines:
            if LEVEL1.match(line):
                seen_heading = True
                title = LEVEL1.sub("", line)
                if len(title) <= 30 and not re.search(r"\d{4}年|总结|计划|问题", title):
                    sample.headings1.append(title)
            elif LEVEL2.match(line):
                seen_heading = True
                title = LEVEL2.sub("", line)
                if len(title) <= 40:
                    sample.headings2.append(title)
                elif len(title) >= 40:
                    sample.paragraphs.append(title)
            elif LEVEL3.match(line):
                seen_heading = True
                sample.items.append(LEVEL3.sub("", line))
            elif LEVEL4.match(line):
                seen_heading = True
                sample.items.append(LEVEL4.sub("", line))
            elif len(line) >= 60:
                (sample.paragraphs if seen_heading else sample.intros).append(line)
        result.append(sample)
    return tuple(result)


def choose_place(rng: random.Random) -> Place:
    level = rng.choices(["county", "district", "city", "province"], weights=[50, 25, 22, 3])[0]
    candidates = [p for p in places() if p.level == level]
    return rng.choice(candidates)


def bureau_name(place: Place, rng: random.Random) -> str:
    if place.level == "province":
        return place.name + rng.choice(["科学技术厅", "科学技术厅"])
    suffix = rng.choices(["科学技术局", "科技局"], weights=[3, 1])[0]
    if place.level == "city":
        prefix = rng.choice(["", place.province]) if place.province != place.name else ""
        return prefix + place.name + suffix
    parent = place.city or place.province
    return rng.choice([parent + place.name, place.name, place.province + place.name if place.province != parent else parent + place.name]) + suffix


def rescale_number(text: str, rng: random.Random, unit: str) -> str:
    value = float(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    if value == 0:
        return text
    factor = math.exp(rng.uniform(-0.8, 0.8))
    new = value * factor
    if unit in ("%", "％"):
        new = min(new, 99.9 if value < 100 else new)
    if decimals == 0:
        new_int = max(1, round(new))
        return str(new_int)
    return f"{new:.{decimals}f}"


def perturb(line: str, rng: random.Random, year_shift: int, place_forms: tuple[tuple[str, str], ...], new_place: Place, masked: bool) -> str:
    """Shift years, rescale quantities, restate some money, swap the sample's place for the new one."""
    line = YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), line)

    def number(m: re.Match) -> str:
        raw = m.group(1)
        if YEAR_VALUES_RE.fullmatch(raw):  # a (shifted) year
            return raw
        follow = line[m.end(): m.end() + 1]
        if follow in ("年", "月", "日", "号", "届", "次", "大") and float(raw) < 40:  # dates, 十九届, 5次会议
            return raw
        return rescale_number(raw, rng, follow)

    line = NUMBER.sub(number, line)

    def money(m: re.Match) -> str:
        value, unit = float(m.group(1)), m.group(2)
        if rng.random() > 0.25:
            return m.group(0)
        if unit == "万元" and value >= 500:
            return f"{value / 10000:.{rng.choice([2, 3, 4])}f}".rstrip("0").rstrip(".") + "亿元"
        if unit == "亿元" and value < 50:
            return f"{value * 10000:.0f}万元"
        return m.group(0)

    line = MONEY.sub(money, line)
    target_name = "**" + new_place.name[-1] if masked else new_place.name
    target_short = "**" if masked else new_place.short
    target_parent = "" if masked else (new_place.province if new_place.level != "province" else "")
    if new_place.city and new_place.city != new_place.name and new_place.city != new_place.province and not masked:
        target_parent += new_place.city
    for form, kind in place_forms:
        line = line.replace(form, {"name": target_name, "short": target_short, "parent": target_parent}[kind])
    if not masked:
        def unmask(m: re.Match) -> str:
            suffix = m.group(0)[-1]
            if suffix == "省":
                return new_place.province
            if suffix == new_place.name[-1]:
                return new_place.name
            if suffix == "市" and new_place.city:
                return new_place.city
            return new_place.short + suffix

        line = MASKED_PLACES.sub(unmask, line)
        line = line.replace("**", new_place.short)
    return line


YEAR_VALUES_RE = re.compile(r"20[0-3]\d")


def _pick(rng: random.Random, pools: list[list[str]]) -> str:
    pool = rng.choice([p for p in pools if p] or [["科技创新工作取得新进展"]])
    return rng.choice(pool)


def compose(index: int, seed: int) -> tuple[list[str], dict]:
    """The lines of report `index`: structure, bureau and year drawn from the seed."""
    rng = random.Random(f"sti-bench:{seed}:{index}")
    pool = samples()
    place = choose_place(rng)
    masked = rng.random() < 0.05
    bureau = ("**" + place.name[-1] + "科学技术局") if masked else bureau_name(place, rng)
    year = rng.randint(2016, 2024)
    doc_type = rng.choices(list(TITLES), weights=[35, 35, 22, 8])[0]
    target_chars = int(min(20000, max(1500, rng.lognormvariate(math.log(4300), 0.45))))

    def text_of(kind: str) -> str:
        sample = rng.choice([s for s in pool if getattr(s, kind)] or pool)
        line = rng.choice(getattr(sample, kind) or sample.paragraphs or sample.items)
        return perturb(line, rng, year - 2022, sample.place, place, masked)

    title_year = year + 1 if doc_type == "plan" and rng.random() < 0.3 else year
    title = rng.choice(TITLES[doc_type]).format(year=title_year, next=title_year + 1)
    lines: list[str] = []
    style = rng.randrange(4)
    if style == 0:
        lines += [bureau, "", title]
    elif style == 1:
        lines += [f"{bureau}{title}"]
    elif style == 2:
        lines += [f"{title_year}年{bureau}{title[5:]}" if title.startswith(str(title_year)) else bureau + title]
    else:
        lines += [bureau, "", f"关于印发{title}的通知", "", "各有关单位:", "",
                  f"现将《{title}》印发给你们,请结合实际,认真贯彻落实。", "", bureau,
                  f"{title_year}年{rng.randint(1, 4)}月{rng.randint(1, 28)}日", f"{bureau}{title}"]
    lines.append(text_of("intros"))

    def item() -> list[str]:
        numbering["item"] += 1
        line = f"{numbering['item']}.{text_of('items')}"
        return [line, text_of("paragraphs")] if "。" not in line else [line]

    def body_section(level_one_title: str, numbering: dict) -> list[str]:
        out = [level_one_title]
        if rng.random() < 0.5:  # (一) subsections with 1. items
            for k in range(rng.randint(2, 4)):
                out.append(f"({CHINESE_NUMERALS[k]}){text_of('headings2')}")
                for _ in range(rng.randint(1, 3)):
                    out += item()
                if rng.random() < 0.4:
                    out.append(text_of("paragraphs"))
        else:
            for _ in range(rng.randint(2, 5)):
                out += item()
        return out

    numbering = {"item": 0}
    chars = sum(len(line) for line in lines)
    k = 0
    if doc_type == "summary_and_plan":
        parts = [rng.choice(SUMMARY_HEADINGS), None, rng.choice(PLAN_HEADINGS)]
        for part in parts:
            if part is None:
                lines += [f"{CHINESE_NUMERALS[k]}、{rng.choice(PROBLEM_HEADINGS)}", rng.choice(PROBLEMS)]
                k += 1
                continue
            lines.append(f"{CHINESE_NUMERALS[k]}、{part.format(year=year, next=year + 1)}")
            k += 1
            share = target_chars // 2
            start = sum(len(line) for line in lines)
            j = 0
            while sum(len(line) for line in lines) - start < share and j < 9:
                lines.append(f"({CHINESE_NUMERALS[j]}){text_of('headings2')}")
                for _ in range(rng.randint(1, 3)):
                    lines += item()
                j += 1
            numbering["item"] = 0
    else:
        while chars < target_chars and k < 10:
            lines += body_section(f"{CHINESE_NUMERALS[k]}、{text_of('headings1')}", numbering)
            k += 1
            chars = sum(len(line) for line in lines)
            if rng.random() < 0.3:
                numbering["item"] = 0
    if doc_type in ("summary", "summary_and_plan", "report") or rng.random() < 0.3:
        lines += ["", bureau, f"{year + (doc_type != 'plan')}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日"]
    meta = {"bureau": bureau, "year": year, "doc_type": doc_type, "place": place.name, "masked": masked}
    return lines, meta


@lru_cache(maxsize=1)
def unit_surfaces() -> tuple[str, ...]:
    with open(UNITS_CSV, encoding="utf-8") as handle:
        return tuple(r["surface"] for r in csv.DictReader(line for line in handle if not line.startswith("#")))


def pdf_layout(lines: list[str], rng: random.Random, safe_breaks: bool = False) -> list[str]:
    """Lay the text out like a PDF extraction: fixed-width lines, units cut from their numbers,
    page footers, and no blank lines between paragraphs.

    With `safe_breaks`, a width cut never leaves a line starting with a unit word (平\n台, 审\n批),
    which the cleaner may read as a template blank (a unit whose number is missing); the deliberate
    number|unit cuts stay."""
    width = rng.randint(26, 40)
    units = unit_surfaces() if safe_breaks else ()
    out: list[str] = []
    for line in lines:
        if not line:
            continue
        # cut right after the digits of some quantities (number and unit on two lines)
        cuts = {m.start() + 1 for m in UNIT_AFTER_NUMBER.finditer(line) if rng.random() < 0.35}
        start = 0
        pos = 0
        while pos < len(line):
            pos += 1
            if pos in cuts or (pos - start >= width and not (units and line.startswith(units, pos))):
                out.append(line[start:pos])
                start = pos
        if start < len(line):
            out.append(line[start:])
    lines_per_page = rng.randint(30, 45)
    pages = max(1, math.ceil(len(out) / lines_per_page))
    footer = rng.choice(FOOTERS)
    paged: list[str] = []
    for n, line in enumerate(out):
        paged.append(line)
        if (n + 1) % lines_per_page == 0:
            paged.append(footer.format(page=(n + 1) // lines_per_page, pages=pages))
    return paged


FULL_WIDTH = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789%.()"})


def generate_report(seed: int, index: int, safe_breaks: bool = False) -> Report:
    lines, meta = compose(index, seed)
    rng = random.Random(f"sti-bench-layout:{seed}:{index}")
    pdf = rng.random() < 0.3
    if pdf:
        lines = pdf_layout(lines, rng, safe_breaks)
    elif rng.random() < 0.5:  # a blank line between paragraphs, often indented, as in web copies
        indent = rng.choice(["", "  ", "\u3000\u3000"])
        lines = [indent + line if line else line for line in lines]
        lines = [x for line in lines for x in (line, "")]
    if rng.random() < 0.08:
        lines = [line.translate(FULL_WIDTH) for line in lines]
    else:  # the samples' own full-width punctuation ( （一） ， ％ ) stays as drawn
        pass
    newline = "\r\n" if rng.random() < 0.1 else "\n"
    text = newline.join(lines) + newline
    encoding = rng.choices(["utf-8", "gb18030", "utf-8-sig"], weights=[70, 25, 5])[0]
    content = text.encode(encoding)
    digest = hashlib.sha256(content).hexdigest()[:16]
    return Report(
        file_name=f"{index:05d}_{digest}.txt", content=content, bureau=meta["bureau"], year=meta["year"],
        doc_type=meta["doc_type"], encoding=encoding, pdf_layout=pdf, chars=len(text),
    )


def write_corpus(out: Path, n: int, seed: int, start: int = 0, safe_breaks: bool = False) -> list[Report]:
    """Write reports start..start+n-1 into `out` (created); return what was written."""
    out.mkdir(parents=True, exist_ok=True)
    reports = []
    for index in range(start, start + n):
        report = generate_report(seed, index, safe_breaks)
        (out / report.file_name).write_bytes(report.content)
        reports.append(report)
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="how many reports")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first report (default 0)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the reports into")
    parser.add_argument("--safe-breaks", action="store_true",
                        help="PDF layout: never start a cut line with a unit word (平\\n台), see pdf_layout")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    reports = write_corpus(args.out, args.n, args.seed, args.start, args.safe_breaks)
    size = sum(len(r.content) for r in reports)
    by_encoding: dict[str, int] = {}
    for r in reports:
        by_encoding[r.encoding] = by_encoding.get(r.encoding, 0) + 1
    print(f"{len(reports)} reports, {size / 1e6:.1f} MB, {sum(r.pdf_layout for r in reports)} in PDF layout, "
          f"encodings {by_encoding}, {len({r.bureau for r in reports})} bureaus, "
          f"years {min(r.year for r in reports)}-{max(r.year for r in reports)}, "
          f"{time.perf_counter() - began:.1f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
