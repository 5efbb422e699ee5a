"""Read a report's metadata from its cleaned text: title, bureau and place, kind, year, date.

Patterns come from `seeds/lexicon/metadata.toml`; place names from `seeds/places.csv`.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class MetadataRules:
    report_cue: re.Pattern
    summary_cue: re.Pattern
    plan_cue: re.Pattern
    min_plan_share: float
    title_patterns: list[re.Pattern]
    title_fallback_patterns: list[re.Pattern]
    title_search_lines: int
    year: re.Pattern
    meeting_year: re.Pattern
    month_after_year: re.Pattern
    summary_signed_next_year_months: frozenset[int]
    plan_signed_before_year_months: frozenset[int]
    bureau_org: re.Pattern
    masked_place: re.Pattern
    unknown_place: re.Pattern
    bare_place: re.Pattern
    level_by_suffix: list[tuple[str, str]]
    max_place_chars: int
    district_name_with_city: bool
    bare_author_min_mentions: int
    official_org: dict[str, str]
    author_line_label: re.Pattern
    author_line_tail: re.Pattern
    subject_before: re.Pattern
    passing_after: re.Pattern
    passing_before: re.Pattern
    opening_lines: int
    dates: list[re.Pattern]
    posted_date: re.Pattern
    issued_after_date: re.Pattern
    signature_prefix_max_chars: int
    sentence_punctuation: re.Pattern
    numerals: dict[str, int]


@dataclass(frozen=True)
class Place:
    province: str | None
    city: str | None
    county: str | None
    level: str


@dataclass(frozen=True)
class Bureau:
    name: str | None  # null when the place is masked
    place: Place | None
    org: str | None = None  # the organisation word of a bare author (县科技局 -> 科技局): its place is unnamed, not masked


def compile_metadata_rules(lexicon: dict[str, Any]) -> MetadataRules:
    return MetadataRules(
        report_cue=re.compile("|".join(lexicon["doc_type_cues"]["report"])),
        summary_cue=re.compile("|".join(lexicon["doc_type_cues"]["summary"])),
        plan_cue=re.compile("|".join(lexicon["doc_type_cues"]["plan"])),
        min_plan_share=lexicon["min_plan_share"],
        title_patterns=[re.compile(p) for p in lexicon["title_patterns"]],
        title_fallback_patterns=[re.compile(p) for p in lexicon["title_fallback_patterns"]],
        title_search_lines=lexicon["title_search_lines"],
        year=re.compile(lexicon["year"]),
        meeting_year=re.compile(lexicon["meeting_year"]),
        month_after_year=re.compile(lexicon["month_after_year"]),
        summary_signed_next_year_months=frozenset(lexicon["summary_signed_next_year_months"]),
        plan_signed_before_year_months=frozenset(lexicon["plan_signed_before_year_months"]),
        bureau_org=re.compile("|".join(lexicon["bureau_orgs"])),
        masked_place=re.compile(lexicon["masked_place"]),
        unknown_place=re.compile(lexicon["unknown_place"]),
        bare_place=re.compile(lexicon["bare_place"]),
        level_by_suffix=[tuple(pair) for pair in lexicon["level_by_suffix"]],
        max_place_chars=lexicon["max_place_chars"],
        district_name_with_city=lexicon["district_name_with_city"],
        bare_author_min_mentions=lexicon["bare_author_min_mentions"],
        official_org=lexicon["official_org"],
        author_line_label=re.compile(lexicon["author_line_label"]),
        author_line_tail=re.compile(lexicon["author_line_tail"]),
        subject_before=re.compile(lexicon["subject_before"]),
        passing_after=re.compile(lexicon["passing_after"]),
        passing_before=re.compile(lexicon["passing_before"]),
        opening_lines=lexicon["opening_lines"],
        dates=[re.compile(p) for p in lexicon["dates"]],
        posted_date=re.compile(lexicon["posted_date"]),
        issued_after_date=re.compile(lexicon["issued_after_date"]),
        signature_prefix_max_chars=lexicon["signature_prefix_max_chars"],
        sentence_punctuation=re.compile("[" + re.escape(lexicon["sentence_punctuation"]) + "]"),
        numerals=dict(lexicon["numerals"]),
    )


# --- title, kind and year -------------------------------------------------------------

def find_title(text: str, rules: MetadataRules) -> str | None:
    """The fullest title among the opening lines: a cover notice may quote `2022年工作要点`
    where the title line below says `重庆市綦江区科学技术局2022年工作要点`. What a cover sentence
    hands over (现将…报告如下) is the title only when no line is one."""
    lines = text.split("\n")[: rules.title_search_lines]
    for patterns in (rules.title_patterns, rules.title_fallback_patterns):
        candidates = [match.group("title") for line in lines for pattern in patterns if (match := pattern.search(line))]
        if candidates:
            return max(candidates, key=len)
    return None


def doc_type(title: str | None, part_cues: set[str], rules: MetadataRules, plan_share: float = 0.0) -> str:
    """summary / plan / summary_and_plan / report, from the title and the parts the report has.

    A 述职 report is a report whatever its parts; a title that names a plan only is a plan even
    when it reviews the past year; a title that names both is summary_and_plan. A title that
    names the summary only (…年工作总结) is summary_and_plan only when its plan part is a
    substantial share of the text (`plan_share`, the plan part's characters over the text's, at
    least `min_plan_share`): a short closing 三、下一步工作打算 leaves it a summary. Without a
    kind in the title, the parts add up."""
    title = title or ""
    if rules.report_cue.search(title):
        return "report"
    titled = {kind for kind, cue in (("summary", rules.summary_cue), ("plan", rules.plan_cue)) if cue.search(title)}
    if titled == {"summary"}:
        substantial = "plan" in part_cues and plan_share >= rules.min_plan_share
        return "summary_and_plan" if substantial else "summary"
    kinds = titled or set(part_cues)
    if {"summary", "plan"} <= kinds:
        return "summary_and_plan"
    return next(iter(kinds)) if kinds else "report"


def chinese_number(digits: str, rules: MetadataRules) -> int:
    """二〇二三 -> 2023 (digit by digit); 十六 -> 16, 二十 -> 20, 十 -> 10 (with tens)."""
    if digits.isdigit():
        return int(digits)
    values = [rules.numerals[ch] for ch in digits]
    if 10 not in values:
        return int("".join(str(v) for v in values))
    tens_at = values.index(10)
    tens = values[tens_at - 1] if tens_at > 0 else 1
    units = values[tens_at + 1] if tens_at + 1 < len(values) else 0
    return tens * 10 + units


def years(text: str | None, rules: MetadataRules) -> list[int]:
    """The years `text` names, leaving out those of dates (2024年1月10日) and meetings
    (2022年全省科技工作会议)."""
    text = text or ""
    meetings = {m.start(1) for m in rules.meeting_year.finditer(text)}
    return [
        chinese_number(match.group(1), rules)
        for match in rules.year.finditer(text)
        if not rules.month_after_year.match(text, match.end()) and match.start(1) not in meetings
    ]


def meeting_year(title: str | None, rules: MetadataRules) -> int | None:
    """The year of the meeting a speech or conference report was given at, as its title names it."""
    match = rules.meeting_year.search(title or "")
    return chinese_number(match.group(1), rules) if match else None


def first_year(text: str | None, rules: MetadataRules) -> int | None:
    return next(iter(years(text, rules)), None)


def report_year(
    title: str | None, text: str, rules: MetadataRules, kind: str | None = None, signed: dt.date | None = None
) -> int | None:
    """The year the title names (the earlier one of `2023年总结和2024年计划`); else the first year
    of the opening line or text (2023年,我局…); else the year of the signature date, moved to
    the year before for a summary signed early in the next year and to the year after for a
    plan signed late in the year before.

    A report given at a meeting (在2022年全省科技工作会议上的工作报告) is about the year the meeting
    reviews: the year its date under the title gives by the rule above, else the year before the
    meeting's; its opening speaks of several years and is not read."""
    named = years(title, rules)
    if named:
        return min(named) if rules.summary_cue.search(title) and rules.plan_cue.search(title) else named[0]
    meeting = meeting_year(title, rules)
    if meeting is not None:
        if signed is None:
            return meeting - 1 if kind in ("summary", "summary_and_plan", "report") else None
        year = None
    else:
        year = first_year(text.split("\n", 1)[0], rules) or first_year(text[:300], rules)
    if year or signed is None:
        return year
    if kind in ("summary", "summary_and_plan", "report") and signed.month in rules.summary_signed_next_year_months:
        return signed.year - 1
    if kind == "plan" and signed.month in rules.plan_signed_before_year_months:
        return signed.year + 1
    return signed.year


# --- publication date -------------------------------------------------------------------

def to_date(match: re.Match, rules: MetadataRules) -> dt.date | None:
    try:
        return dt.date(*(chinese_number(match.group(k), rules) for k in ("y", "m", "d")))
    except (ValueError, KeyError):
        return None


def find_date(line: str, rules: MetadataRules) -> re.Match | None:
    return next((match for pattern in rules.dates if (match := pattern.search(line))), None)


def signature_date(line: str, rules: MetadataRules) -> tuple[dt.date | None, bool] | None:
    """(date, issued) when `line` is a signature: a short name, then a date that ends the line."""
    match = find_date(line, rules)
    if not match:
        return None
    prefix = re.sub(r"\s+", "", line[: match.start()]).strip("()")
    rest = line[match.end():]
    issued = rules.issued_after_date.fullmatch(rest) is not None
    ends_line = issued or not rest.strip(" ()")
    if (
        not ends_line
        or len(prefix) > rules.signature_prefix_max_chars
        or rules.sentence_punctuation.search(prefix)
        or rules.year.search(prefix)
    ):
        return None
    return to_date(match, rules), issued


def published_on(text: str, rules: MetadataRules, raw: str | None = None) -> dt.date | None:
    """The date of a 印发 signature line if there is one, else of the first signature line, else
    the 发布时间 of the web page the report was copied from (in `raw`, the text before cleaning)."""
    signatures = [s for line in text.split("\n") if (s := signature_date(line, rules))]
    issued = [date for date, is_issued in signatures if is_issued]
    return (issued or [date for date, _ in signatures] or [posted_on(raw, rules)])[0]


def posted_on(raw: str | None, rules: MetadataRules) -> dt.date | None:
    """The first 发布时间 / 发布日期 of a copied web page."""
    match = rules.posted_date.search(unicodedata.normalize("NFKC", raw or ""))
    return to_date(match, rules) if match else None


# --- bureau and place -------------------------------------------------------------------

class PlaceIndex:
    """Administrative divisions by full name, for reading place-name chains like 重庆市黔江区."""

    def __init__(self, places: pl.DataFrame):
        self.by_name: dict[str, list[dict]] = {}
        for row in places.iter_rows(named=True):
            self.by_name.setdefault(row["name"], []).append(row)
        self.max_name_chars = max((len(n) for n in self.by_name), default=0)
        self._names_of_level: dict[str, re.Pattern] = {}

    def named_in(self, text: str, level: str) -> list[tuple[dict, int]]:
        """The divisions of `level` the text names by full name, each once, with how often the text names
        it by full or short name (信丰县…, 信丰高新区)."""
        rx = self._names_of_level.get(level)
        if rx is None:
            names = sorted((n for n, rows in self.by_name.items() if any(r["level"] == level for r in rows)),
                           key=len, reverse=True)
            rx = self._names_of_level[level] = re.compile("|".join(map(re.escape, names)) or "(?!)")
        out = []
        for name in dict.fromkeys(m.group(0) for m in rx.finditer(text)):
            rows = [r for r in self.by_name[name] if r["level"] == level]
            if len(rows) == 1:
                short = rows[0].get("short_name") or name
                out.append((rows[0], max(text.count(short), text.count(name))))
        return out

    def chain_before(self, text: str, end: int, max_chars: int) -> list[str]:
        """Place names that end exactly at `end`, read backwards, outermost first."""
        chain: list[str] = []
        start_limit = max(0, end - max_chars)
        while end > start_limit:
            name = next(
                (text[end - n:end] for n in range(min(self.max_name_chars, end - start_limit), 1, -1)
                 if text[end - n:end] in self.by_name),
                None,
            )
            if name is None:
                break
            chain.insert(0, name)
            end -= len(name)
        return chain

    def resolve(self, chain: list[str]) -> dict | None:
        """The row of the innermost name, preferring one whose parents are named before it."""
        candidates = self.by_name[chain[-1]]
        context = set(chain[:-1])
        consistent = [r for r in candidates if context <= {r["province"], r["city"]}]
        rows = consistent or candidates
        return rows[0] if len(rows) == 1 or consistent else None


def level_of_suffix(name: str, rules: MetadataRules) -> str | None:
    return next((level for suffix, level in rules.level_by_suffix if name.endswith(suffix)), None)


def place_from_row(row: dict) -> Place:
    return Place(row["province"] or None, row["city"] or None, row["county"] or None, row["level"])


def masked_bureau(window: str, masked: re.Match, places: PlaceIndex, rules: MetadataRules) -> Bureau:
    """A masked author: no name, the level of the masked place, and the province and city of
    any real place named before it (遵义市**县科技局)."""
    level = level_of_suffix(masked.group(0), rules)
    chain = places.chain_before(window, masked.start(), rules.max_place_chars)
    row = places.resolve(chain) if chain else None
    province = row["province"] if row else None
    city = (row["city"] or None) if row and row["level"] == "city" else None
    return Bureau(None, Place(province or None, city, None, level))


def unknown_place_name(window: str, rules: MetadataRules) -> str | None:
    """The place name standing before a bureau when the index does not know it (六枝特区)."""
    tail = rules.year.sub("\n", window)
    tail = re.split(r"[^\u4e00-\u9fff]", tail)[-1]
    tail = re.sub(r"^(?:关于)?(?:印发|报送|转发)?", "", tail)
    match = rules.unknown_place.fullmatch(tail) if tail else None
    return match.group(0) if match and not rules.bare_place.fullmatch(tail) else None


def bureau_at(
    text: str, org: re.Match, places: PlaceIndex, rules: MetadataRules, author: bool = False, unknown: bool = False
) -> Bureau | None:
    """The bureau whose organisation name is `org`, if a real or masked place stands before it.
    Where the text names the report's author (`author`), a bare level word (县科技局) is accepted
    too, and where the place name opens the line (`unknown`: a title, an author line) a place
    name the index lacks."""
    window = text[max(0, org.start() - rules.max_place_chars):org.start()]
    masked = rules.masked_place.search(window)
    if masked:
        return masked_bureau(window, masked, places, rules)
    chain = places.chain_before(text, org.start(), rules.max_place_chars)
    if not chain:
        if not author:
            return None
        line = window.rsplit("\n", 1)[-1]
        name = unknown_place_name(line, rules) if unknown else None
        if name:
            return Bureau(name + org.group(0), Place(None, None, None, level_of_suffix(name, rules)))
        bare = rules.bare_place.search(line)
        if bare and rules.subject_before.search(line[: bare.start()].strip()):
            return Bureau(None, Place(None, None, None, level_of_suffix(bare.group(0), rules)), org.group(0))
        return None
    row = places.resolve(chain)
    place = place_from_row(row) if row else Place(None, None, None, level_of_suffix(chain[-1], rules))
    return Bureau("".join(chain) + org.group(0), place)


def place_start(text: str, org: re.Match, bureau: Bureau, rules: MetadataRules) -> int:
    """Where the place name before `org` begins (for a masked or bare place: the mask)."""
    if bureau.name:
        return org.end() - len(bureau.name)
    window_start = max(0, org.start() - rules.max_place_chars)
    window = text[window_start:org.start()]
    found = rules.masked_place.search(window) or rules.bare_place.search(window)
    start = window_start + found.start() if found else org.start()
    while outer := rules.masked_place.search(text[window_start:start]):  # **省**市: both parts
        start = window_start + outer.start()
    return start


def author_alone(line: str, places: PlaceIndex, rules: MetadataRules) -> Bureau | None:
    """The bureau a line consists of (a cover header, an author line or a signature: the name,
    maybe after 述职人: and with 办公室, a post and a person's name, or a date)."""
    label = rules.author_line_label.match(line)
    line = line[label.end():] if label else line
    org = rules.bureau_org.search(line)
    bureau = bureau_at(line, org, places, rules, author=True, unknown=True) if org else None
    if bureau and not line[: place_start(line, org, bureau, rules)].strip() \
            and rules.author_line_tail.fullmatch(line[org.end():].strip()):
        return bureau
    return None


def author_subject(line: str, places: PlaceIndex, rules: MetadataRules) -> Bureau | None:
    """The bureau an opening sentence has as its subject (2022年,**区科学技术局在区委…), not one
    it mentions in passing (在省科技厅、遵义市科技局的精心指导下)."""
    for org in rules.bureau_org.finditer(line):
        bureau = bureau_at(line, org, places, rules, author=True)
        if not bureau:
            continue
        before, after = line[: place_start(line, org, bureau, rules)], line[org.end():]
        if (
            rules.subject_before.search(before.strip())
            and not rules.passing_before.search(before)
            and not rules.passing_after.search(after)
        ):
            return bureau
    return None


def with_context(bureau: Bureau, text: str, places: PlaceIndex, rules: MetadataRules) -> Bureau:
    """A masked author's province and city, when missing, from the first real bureau of a higher
    level the text names (在遵义市科技局的指导下 for a masked county bureau)."""
    place = bureau.place
    if bureau.name or place is None or place.level == "province" or place.province:
        return bureau
    for org in rules.bureau_org.finditer(text):
        other = bureau_at(text, org, places, rules)
        if not other or not other.name or not other.place:
            continue
        if other.place.level == "province":
            return Bureau(None, Place(other.place.province, None, None, place.level))
        if other.place.level == "city" and place.level in ("county", "district"):
            return Bureau(None, Place(other.place.province, other.place.city, None, place.level))
    return bureau


def find_bureau(title: str | None, text: str, places: PlaceIndex, rules: MetadataRules) -> Bureau | None:
    """The report's author: the bureau named in the title, else a line that is the bureau's name
    alone (cover header, signature), else the subject of an opening sentence. A bureau mentioned
    in passing (在遵义市科技局的指导下) is not the author."""
    lines = text.split("\n")
    titled = next(
        (b for org in rules.bureau_org.finditer(title or "") if (b := bureau_at(title, org, places, rules, author=True, unknown=True))),
        None,
    )
    alone = [b for line in lines if (b := author_alone(line, places, rules))]
    found = titled or next(iter(alone), None)
    found = found or next((b for line in lines[: rules.opening_lines] if (b := author_subject(line, places, rules))), None)
    if found is None:
        return None
    if found.org and found.place:
        found = named_place_author(found, text, places, rules)
    return with_context(official_name(fullest_name(found, [titled, *alone], rules), rules), text, places, rules)


def named_place_author(bureau: Bureau, text: str, places: PlaceIndex, rules: MetadataRules) -> Bureau:
    """A bare author (县科技局局长 on a speech's author line) whose own place the text names often enough
    (信丰县科技创新券, 信丰高新区…) is that place's bureau, by its official name; else it stays unnamed."""
    named = places.named_in(text, bureau.place.level)
    if not named:
        return bureau
    named.sort(key=lambda rc: rc[1], reverse=True)
    row, count = named[0]
    if count < rules.bare_author_min_mentions or len(named) > 1 and named[1][1] == count:
        return bureau
    return Bureau(row["name"] + rules.official_org.get(bureau.org, bureau.org), place_from_row(row))


def official_name(bureau: Bureau, rules: MetadataRules) -> Bureau:
    """A district bureau's name with its city (信都区… -> 邢台市信都区…), when the index knows it."""
    place = bureau.place
    if (
        rules.district_name_with_city and bureau.name and place and place.level == "district"
        and place.city and not bureau.name.startswith((place.city, place.province or place.city))
    ):
        return Bureau(place.city + bureau.name, place)
    return bureau


def fullest_name(found: Bureau, mentions: list[Bureau | None], rules: MetadataRules) -> Bureau:
    """The longest name among the author's mentions of the same place (渭源县科学技术局 in the
    signature for 渭源县科技局 in the title; 重庆市黔江区科学技术局 for 黔江区科学技术局)."""
    if not found.name or found.place is None:
        return found
    def place_name(bureau: Bureau) -> str:
        return bureau.name[: rules.bureau_org.search(bureau.name).start()]
    def same_place(other: Bureau) -> bool:
        if not other.name or other.place != found.place:
            return False
        if found.place.province:  # resolved from the index: the same division
            return True
        return place_name(other).endswith(place_name(found)) or place_name(found).endswith(place_name(other))
    return max((m for m in mentions if m is not None and same_place(m)), key=lambda m: len(m.name), default=found)
