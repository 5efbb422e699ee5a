"""Find quantity mentions in cleaned text: number (or mask, or template blank) + unit.

`MentionFinder.from_seeds(seeds)` compiles one regex from `seeds/units.csv` and the number,
qualifier and non-fact lexicons; `find(text)` returns `Mention`s in text order with the
non-facts (ordinals, names, dates, quoted slogans, titles…) already dropped. No word is
written in this module: every surface form comes from the seeds.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from typing import Any

from transforms.numbers import NumberLexicon, is_chinese_numeral, parse_number


@dataclass
class Mention:
    start: int
    """Start of the mention in the text (the number, the mask or, for a blank, the words before it)."""
    end: int
    """End of the unit."""
    num_start: int
    """Where the number (or mask / blank) starts: qualifier prefixes are read before it."""
    value: float | None
    value_high: float | None
    unit: str
    raw_unit: str
    kind: str
    placeholder: str | None = None
    infix: str | None = None
    optional: bool = False


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


class MentionFinder:
    def __init__(self, units: list[dict[str, Any]], numbers: dict[str, Any], qualifiers: dict[str, Any],
                 nonfacts: dict[str, Any]):
        self.nlex = NumberLexicon.from_lexicon(numbers)
        self.units = {u["surface"]: (u["canonical"], float(u["factor"]), u["kind"]) for u in units}
        nl = self.nlex
        unit_alt = _alt(self.units)
        infix_words = [w for ws in qualifiers.get("infix", {}).values() for w in ws]
        suffix_words = [w for ws in qualifiers.get("suffix", {}).values() for w in ws]
        infix = f"(?:{_alt(infix_words)})" if infix_words else "(?!)"
        num = nl.number_pattern
        mag = nl.magnitude_pattern
        gap = r"[ \t]*(?:\n[ \t]*)?"
        pct = re.escape(nl.percent_prefix)
        mask = nl.mask_pattern
        blank = r"(?:\n[ \t]*|_{2,}|[ \u3000]{2,})"
        # a range may write its unit on both ends (15%—20%, 5家—8家), never two units (10家—15项 is two mentions)
        same_unit = f"(?:(?P<unit1>{unit_alt})(?=[ \t]*{nl.range_pattern}[ \t]*{num}(?:{mag})?(?P=unit1)))?"
        after_blank = r"(?=" + (f"(?:{_alt(suffix_words)})|" if suffix_words else "") + r"[,，;；。、)）:：\n]|$)"
        self.regex = re.compile(
            f"(?P<pct>{pct}(?P<pnum>{num}))"
            f"|(?P<mask>{mask})(?P<minf>{infix})?(?P<mmag>{mag})?{gap}(?P<munit>{unit_alt})"
            f"|(?P<blank>{blank})(?P<bunit>{unit_alt}){after_blank}"
            f"|(?P<num>{num})(?:(?P<mag1>{mag})?{same_unit}[ \t]*(?P<sep>{nl.range_pattern})[ \t]*(?P<num2>{num}))?"
            f"(?P<inf1>{infix})?(?:(?P<mag>{mag})(?P<inf2>{infix})?)?{gap}(?P<unit>{unit_alt})"
        )
        self.digit_chars = set("0123456789.") | set(nl.digits) | set(nl.multipliers)
        self.ordinal_before = re.compile(nonfacts.get("ordinal_before", "(?!)"))
        self.rank_before = re.compile(nonfacts.get("rank_before", "(?!)"))
        self.rank_units = set(nonfacts.get("rank_units", []))
        self.article = set(nonfacts.get("article_numerals", []))
        self.nonfact_patterns = [re.compile(p) for p in nonfacts.get("patterns", [])]
        self.blockers = {u: re.compile(p) for u, p in nonfacts.get("unit_not_followed_by", {}).items()}
        n = int(nonfacts.get("max_quoted_name", 8))
        self.quote_res = [re.compile(f"{re.escape(q[0])}[^{re.escape(q)}\\n]{{1,{n}}}{re.escape(q[1])}")
                          for q in nonfacts.get("quote_pairs", []) if len(q) == 2 and q[0] != q[1]]
        self.quote_res += [re.compile(f"{re.escape(q[0])}[^{re.escape(q[0])}\\n]{{1,{n}}}{re.escape(q[0])}")
                           for q in nonfacts.get("quote_pairs", []) if len(q) == 2 and q[0] == q[1]]
        self.title_res = [re.compile(f"{re.escape(q[0])}[^{re.escape(q)}\\n]{{1,80}}{re.escape(q[1])}")
                          for q in nonfacts.get("title_pairs", []) if len(q) == 2]
        self.blank_subject = re.compile(r"[^\s,，;；。、:：()（）]{1,16}$")

    @classmethod
    def from_seeds(cls, seeds) -> "MentionFinder":
        lex = seeds.lexicon
        return cls(seeds.units.to_dicts(), lex.get("numbers", {}), lex.get("qualifiers", {}), lex.get("nonfacts", {}))

    # ------------------------------------------------------------------------------------
    def _excluded_spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for rx in self.nonfact_patterns + self.quote_res + self.title_res:
            spans.extend(m.span() for m in rx.finditer(text))
        return sorted(spans)

    def _unit(self, surface: str, mag: str | None) -> tuple[str, float, str]:
        canonical, factor, kind = self.units[surface]
        if mag:
            factor *= self.nlex.magnitudes[mag]
        return canonical, factor, kind

    def find(self, text: str) -> list[Mention]:
        out: list[Mention] = []
        excluded = self._excluded_spans(text)
        starts = [s for s, _ in excluded]
        ends = list(itertools.accumulate((e for _, e in excluded), max))  # running max of span ends
        for m in self.regex.finditer(text):
            mention = self._build(text, m)
            if mention is None:
                continue
            i = bisect.bisect_left(starts, mention.end) - 1  # spans starting before the mention ends
            if i >= 0 and ends[i] > mention.num_start:
                continue
            out.append(mention)
        return out

    def _ranked(self, text: str, start: int, surface: str) -> bool:
        """An ordinal or a rank (第3名, 排名第*位, 前20位), not a count."""
        before = text[max(0, start - 8):start]
        return bool(self.ordinal_before.search(before) or surface in self.rank_units and self.rank_before.search(before))

    def _blocked(self, text: str, unit_end: int, surface: str) -> bool:
        rx = self.blockers.get(surface)
        return bool(rx and rx.match(text, unit_end))

    def _build(self, text: str, m: re.Match) -> Mention | None:
        g = m.groupdict()
        if g["pct"]:
            v = parse_number(g["pnum"], self.nlex)
            if v is None:
                return None
            return Mention(m.start(), m.end(), m.start(), _r(v), None, "%", "%", "percent")
        if g["mask"]:
            surface = g["munit"]
            if self._blocked(text, m.end(), surface):
                return None
            prev = text[m.start() - 1] if m.start() else ""
            if prev.isascii() and prev.isalnum() or self._ranked(text, m.start(), surface):
                return None
            canonical, _, kind = self._unit(surface, g["mmag"])
            return Mention(m.start(), m.end(), m.start(), None, None, canonical, (g["mmag"] or "") + surface, kind,
                           infix=g["minf"], placeholder="masked")
        if g["blank"]:
            surface = g["bunit"]
            prev = text[m.start() - 1] if m.start() else ""
            if not prev or prev in self.digit_chars or prev in "*＊X×" or prev.isspace():
                return None
            if prev in ",，;；。、:：":
                return None
            canonical, _, kind = self._unit(surface, None)
            subj = self.blank_subject.search(text, max(0, m.start() - 16), m.start())
            start = subj.start() if subj else m.start()
            return Mention(start, m.end(), m.start(), None, None, canonical, surface, kind, placeholder="blank")
        # a number
        surface = g["unit"]
        if self._blocked(text, m.end(), surface):
            return None
        start = m.start()
        prev = text[start - 1] if start else ""
        if prev and (prev in self.digit_chars or (prev.isascii() and prev.isalpha())):
            return None
        numtext = g["num"]
        mag = g["mag"]
        canonical, factor, kind = self._unit(surface, mag)
        if self._ranked(text, start, surface):
            return None
        chinese = is_chinese_numeral(numtext, self.nlex)
        if chinese and numtext in self.article and not mag and not g["mag1"] and not g["num2"]:
            return None
        lo = parse_number(numtext + (g["mag1"] if g["mag1"] and not mag else ""), self.nlex)
        if lo is None:
            return None
        hi = None
        if g["num2"]:
            hi = parse_number(g["num2"], self.nlex)
            if hi is None:
                return None
            if g["mag1"] is None and mag is None and hi < lo:
                return None
            hi = _r(hi * factor)
        value = _r(lo * factor)
        infix = g["inf1"] or g["inf2"]
        return Mention(start, m.end(), start, value, hi, canonical, (mag or "") + surface, kind,
                       infix=infix, optional=chinese)


def _r(v: float) -> float:
    return float(f"{v:.10g}")
