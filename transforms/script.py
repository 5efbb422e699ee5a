"""Reports written in traditional characters: read in simplified ones, shown as written.

The map is one character to one character (`seeds/traditional_chars.csv`), so a report's
simplified reading has the same length as its text and every offset holds in both: the rules and
the lexicon read the simplified text, while `documents.text`, headings, mentions and sentences
keep the report's own characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from transforms.seeds import Seeds

HAN = re.compile("[\u4e00-\u9fff]")


@dataclass(frozen=True)
class ScriptRules:
    simplified: dict[int, str]
    traditional: frozenset[str]
    traditional_char: re.Pattern
    min_share: float


def script_rules(seeds: Seeds) -> ScriptRules:
    """The rules of `seeds/traditional_chars.csv` and `seeds/lexicon/script.toml`."""
    table = seeds.traditional_chars
    pairs = dict(table.select("traditional", "simplified").iter_rows())
    shared = set(table.filter(table["shared"] == "1")["traditional"].to_list())
    return compile_script_rules(pairs, shared, seeds.lexicon["script"])


def compile_script_rules(traditional_chars: dict[str, str], shared: set[str], lexicon: dict[str, Any]) -> ScriptRules:
    """shared: traditional characters that are simplified ones too (於, 後): converted, never counted."""
    own = "".join(ch for ch in traditional_chars if ch not in shared)
    return ScriptRules(
        simplified=str.maketrans(traditional_chars),
        traditional=frozenset(own),
        traditional_char=re.compile("[" + re.escape(own) + "]" if own else "(?!)"),
        min_share=lexicon["traditional_min_share"],
    )


def reading(text: str, rules: ScriptRules) -> str:
    """The text in simplified characters when it is written in traditional ones (at least `min_share` of
    its Han characters are traditional-only); else the text itself (a rare character in a name stays)."""
    if rules.traditional.isdisjoint(text):  # the common case, decided in one pass
        return text
    han = len(HAN.findall(text))
    if not han or len(rules.traditional_char.findall(text)) < rules.min_share * han:
        return text
    return text.translate(rules.simplified)


def as_written(cleaned: str, read_source: str, written_source: str) -> str:
    """`cleaned`, made from `read_source` by dropping and joining whole stretches in order, in the
    characters of `written_source` (the same text as written, character for character)."""
    out, at = [], 0
    for ch in cleaned:
        found = read_source.find(ch, at)
        if found < 0:  # a character cleaning made (none does today): keep it
            out.append(ch)
            continue
        out.append(written_source[found])
        at = found + 1
    return "".join(out)
