"""Clean decoded report text: normalize characters, drop site boilerplate, repair broken lines.

The cleaned text is one paragraph per line (no blank lines); every offset downstream refers
to it. All patterns come from `seeds/lexicon/cleaning.toml`.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from transforms.script import ScriptRules, as_written, reading
from transforms.tables import TableRules, table_lines


@dataclass(frozen=True)
class CleaningRules:
    invisible: re.Pattern
    nfkc_exempt: re.Pattern
    page_tail_start: re.Pattern
    page_tail_min_share: float
    boilerplate: re.Pattern
    boilerplate_max_chars: int
    paragraph_end: re.Pattern
    title_end: re.Pattern
    title_max_chars: int
    paragraph_start: re.Pattern
    standalone_date: re.Pattern
    template_blank_start: re.Pattern
    wrap_min_chars: int
    wrap_min_share: float
    script: ScriptRules
    tables: TableRules


def alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def compile_rules(lexicon: dict[str, Any], unit_surfaces: list[str], script: ScriptRules,
                  tables: TableRules) -> CleaningRules:
    """Compile `cleaning.toml` (and the unit surfaces for template blanks) once per run."""
    ends = re.escape(lexicon["paragraph_end_chars"])
    closing = re.escape(lexicon["closing_chars"])
    units = alternation([re.escape(u) for u in sorted(unit_surfaces, key=len, reverse=True)])
    return CleaningRules(
        invisible=re.compile("[" + "".join(lexicon["invisible_chars"]) + "]"),
        nfkc_exempt=re.compile("([" + re.escape(lexicon["nfkc_exempt_chars"]) + "])"),
        page_tail_start=re.compile(alternation(lexicon["page_tail_starts"])),
        page_tail_min_share=lexicon["page_tail_min_share"],
        boilerplate=re.compile(alternation(lexicon["boilerplate_lines"]), re.IGNORECASE),
        boilerplate_max_chars=lexicon["boilerplate_max_chars"],
        paragraph_end=re.compile(f"[{ends}][{closing}]*$"),
        title_end=re.compile(f"(?:{alternation(lexicon['title_endings'])})[{closing}]*$"),
        title_max_chars=lexicon["title_max_chars"],
        paragraph_start=re.compile(alternation(lexicon["paragraph_starts"])),
        standalone_date=re.compile(lexicon["standalone_date"]),
        template_blank_start=re.compile(f"(?:{units}){lexicon['template_blank_unit_follower']}"),
        wrap_min_chars=lexicon["wrap_min_chars"],
        wrap_min_share=lexicon["wrap_min_share"],
        script=script,
        tables=tables,
    )


def normalize_characters(text: str, rules: CleaningRules) -> str:
    """NFKC (full-width ASCII and spaces become half-width), one kind of line break, no invisibles.
    Circled numbers (①) are kept: NFKC would glue them as digits to the text after them."""
    parts = rules.nfkc_exempt.split(text)  # exempt characters at odd indexes
    text = "".join(part if i % 2 else unicodedata.normalize("NFKC", part) for i, part in enumerate(parts))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return rules.invisible.sub("", text)


def is_boilerplate(line: str, rules: CleaningRules) -> bool:
    return len(line) <= rules.boilerplate_max_chars and rules.boilerplate.fullmatch(line) is not None


def is_short_heading(line: str, rules: CleaningRules) -> bool:
    """A numbered title line without a sentence in it (`1.深化科技项目管理,加大科技资金投入`)."""
    return (
        rules.paragraph_start.match(line) is not None
        and len(line) <= rules.title_max_chars
        and "。" not in line
    )


def ends_paragraph(line: str, rules: CleaningRules) -> bool:
    return (
        rules.paragraph_end.search(line) is not None
        or (len(line) <= rules.title_max_chars and rules.title_end.search(line) is not None)
        or rules.standalone_date.fullmatch(line) is not None
        or is_short_heading(line, rules)
    )


def wrap_width(lines: list[str], rules: CleaningRules) -> int | None:
    """The width a PDF extraction wrapped the text at: the most common length of the long lines,
    when enough of them share it; None for text that was not wrapped at a fixed width."""
    lengths = [len(line) for line in lines if len(line) >= rules.wrap_min_chars]
    if not lengths:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    return width if count >= rules.wrap_min_share * len(lengths) else None


def is_template_blank(line: str, next_line: str, rules: CleaningRules, page_cut: bool) -> bool:
    """A break where a number is missing before its unit (`新增高新技术企业\n家;`), unless the
    page width cut the line there (`研发平\n台。`)."""
    return (
        not page_cut
        and not line[-1].isdigit()
        and rules.template_blank_start.match(next_line) is not None
    )


def continues(line: str, next_line: str, rules: CleaningRules, page_cut: bool) -> bool:
    """Whether `next_line` carries on the sentence `line` was cut in (PDF extraction breaks)."""
    return not (
        ends_paragraph(line, rules)
        or rules.paragraph_start.match(next_line)
        or rules.standalone_date.fullmatch(next_line)
        or is_template_blank(line, next_line, rules, page_cut)
    )


def paragraphs(lines: list[str], rules: CleaningRules) -> list[str]:
    """Join cut lines; a blank line is always a real break, and so is every line of a table."""
    width = wrap_width(lines, rules)
    table = table_lines(lines, rules.tables)
    result: list[str] = []
    open_paragraph = False
    previous = ""
    for i, line in enumerate(lines):
        if not line:
            open_paragraph = False
            continue
        if i in table or i - 1 in table:
            open_paragraph = False
        # a line that fills the wrap width was cut by the page, whatever comes next
        page_cut = width is not None and len(previous) >= width - 1
        if open_paragraph and continues(result[-1], line, rules, page_cut):
            result[-1] += line
        elif open_paragraph and is_template_blank(result[-1], line, rules, page_cut):
            result[-1] += "\n" + line
        else:
            result.append(line)
        open_paragraph = True
        previous = line
    return result


def nearest_text_line(lines: list[str], index: int, step: int) -> int | None:
    while 0 <= index < len(lines):
        if lines[index]:
            return index
        index += step
    return None


def without_boilerplate(lines: list[str], rules: CleaningRules) -> list[str]:
    """Drop boilerplate lines and the blank lines around them: a page footer set off by blank
    lines in the middle of a sentence must not leave a paragraph break behind."""
    dropped = {i for i, line in enumerate(lines) if line and is_boilerplate(line, rules)}

    def beside_dropped(i: int) -> bool:
        return any(nearest_text_line(lines, i + step, step) in dropped for step in (-1, 1))

    return [line for i, line in enumerate(lines) if i not in dropped and (line or not beside_dropped(i))]


def without_page_tail(lines: list[str], rules: CleaningRules) -> list[str]:
    """Cut a copied web page's tail (相关推荐: a list of other documents' titles) when it starts
    in the second part of the text."""
    total = sum(len(line) for line in lines) or 1
    seen = 0
    for i, line in enumerate(lines):
        if seen / total >= rules.page_tail_min_share and rules.page_tail_start.match(line):
            return lines[:i]
        seen += len(line)
    return lines


def clean_text(text: str, rules: CleaningRules) -> str:
    """The cleaned text, in the report's own characters; the rules read it in simplified ones (transforms.script)."""
    written = normalize_characters(text, rules)
    read = reading(written, rules.script)
    lines = [line.strip() for line in read.split("\n")]
    cleaned = "\n".join(paragraphs(without_boilerplate(without_page_tail(lines, rules), rules), rules))
    return cleaned if read is written else as_written(cleaned, read, written)
