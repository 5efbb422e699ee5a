"""Numbers as written in Chinese reports: digits, separators, Chinese numerals, magnitudes, ranges.

All words come from `seeds/lexicon/numbers.toml` (`NumberLexicon.from_seeds`); this module only
knows how to combine them. Pure functions, no I/O.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


# 1,344 / 1344 / 52.5 ; a comma is a thousands separator only before exactly 3 digits
ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"


@dataclass(frozen=True)
class NumberLexicon:
    digits: dict[str, int]
    multipliers: dict[str, int]
    magnitudes: dict[str, float]
    range_separators: tuple[str, ...]
    decimal_point: str = "点"
    percent_prefix: str = "百分之"
    mask_chars: str = "*＊Xx"
    mask_alone_chars: str = "×"

    @classmethod
    def from_lexicon(cls, numbers: dict[str, Any]) -> "NumberLexicon":
        return cls(
            digits={k: int(v) for k, v in numbers.get("digits", {}).items()},
            multipliers={k: int(v) for k, v in numbers.get("multipliers", {}).items()},
            magnitudes={k: float(v) for k, v in numbers.get("magnitudes", {}).items()},
            range_separators=tuple(dict.fromkeys(numbers.get("range_separators", ["-"]))),
            decimal_point=numbers.get("decimal_point", "点"),
            percent_prefix=numbers.get("percent_prefix", "百分之"),
            mask_chars=numbers.get("mask_chars", "*＊Xx"),
            mask_alone_chars=numbers.get("mask_alone_chars", "×"),
        )

    # --- regex fragments -------------------------------------------------------------
    @property
    def cn_digit_class(self) -> str:
        return "".join(re.escape(c) for c in self.digits)

    @property
    def cn_number_pattern(self) -> str:
        """A Chinese numeral: starts with a digit or 十, continues with digits and 十百千 (两, 十余, 三百五十)."""
        d = self.cn_digit_class
        m = "".join(re.escape(c) for c in self.multipliers)
        ten = "".join(re.escape(c) for c, v in self.multipliers.items() if v == 10)
        dp = re.escape(self.decimal_point)
        return f"(?:[{d}{ten}][{d}{m}]*(?:{dp}[{d}]+)?)"

    @property
    def arabic_pattern(self) -> str:
        return ARABIC

    @property
    def number_pattern(self) -> str:
        return f"(?:{self.arabic_pattern}|{self.cn_number_pattern})"

    @property
    def mask_pattern(self) -> str:
        """A figure a site or an editor masked, wholly or in part: **, XX, x.xx, X6.X, 16.X, ××."""
        m = re.escape(self.mask_chars)
        alone = re.escape(self.mask_alone_chars)
        return (f"(?:\\d*[{m}][\\d{m}]*(?:\\.[\\d{m}]+)?|\\d+\\.\\d*[{m}][\\d{m}]*"
                + (f"|[{alone}]+" if alone else "") + ")")

    @property
    def magnitude_pattern(self) -> str:
        mags = sorted(self.magnitudes, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(m) for m in mags) + ")"

    @property
    def range_pattern(self) -> str:
        seps = sorted(self.range_separators, key=len, reverse=True)
        return "(?:" + "|".join(re.escape(s) for s in seps) + ")"


def parse_chinese(text: str, lex: NumberLexicon) -> float | None:
    """三百五十 → 350, 两 → 2, 十二 → 12, 一万 → 10000, 三点五 → 3.5; None if not a numeral."""
    if not text:
        return None
    if lex.decimal_point in text:
        whole, _, frac = text.partition(lex.decimal_point)
        w = parse_chinese(whole, lex) if whole else 0.0
        if w is None or not frac or any(c not in lex.digits for c in frac):
            return None
        return w + float("0." + "".join(str(lex.digits[c]) for c in frac))
    # big magnitudes inside the numeral (一万二千)
    for mag, factor in sorted(lex.magnitudes.items(), key=lambda kv: -kv[1]):
        if len(mag) == 1 and mag in text and factor >= 1e4:
            head, _, tail = text.partition(mag)
            h = parse_chinese(head, lex) if head else 1.0
            t = parse_chinese(tail, lex) if tail else 0.0
            if h is None or t is None:
                return None
            return h * factor + t
    total, current = 0, None
    digits_only = all(c in lex.digits for c in text)
    if digits_only and len(text) > 1:  # 二〇二二 style: positional
        return float("".join(str(lex.digits[c]) for c in text))
    for c in text:
        if c in lex.digits:
            current = lex.digits[c]
        elif c in lex.multipliers:
            total += (1 if current is None else current) * lex.multipliers[c]
            current = None
        else:
            return None
    if current is not None:
        total += current
    return float(total)


def parse_number(text: str, lex: NumberLexicon) -> float | None:
    """One number as written: `1,344` → 1344, `52.5` → 52.5, `两` → 2, `1.3万` → 13000."""
    t = text.strip()
    if not t:
        return None
    mag = 1.0
    for m in sorted(lex.magnitudes, key=len, reverse=True):
        if t.endswith(m) and len(t) > len(m):
            head = t[: -len(m)]
            if parse_number(head, lex) is not None:
                mag, t = lex.magnitudes[m], head
                break
    if re.fullmatch(lex.arabic_pattern, t):
        return float(t.replace(",", "")) * mag
    if t.startswith(lex.percent_prefix):
        return parse_number(t[len(lex.percent_prefix):], lex)
    v = parse_chinese(t, lex)
    return None if v is None else v * mag


def parse_range(text: str, lex: NumberLexicon) -> tuple[float, float | None] | None:
    """`1-2` → (1, 2); `5` → (5, None); None when not a number."""
    m = re.fullmatch(f"\\s*({lex.number_pattern}{lex.magnitude_pattern}?)\\s*{lex.range_pattern}\\s*"
                     f"({lex.number_pattern}{lex.magnitude_pattern}?)\\s*", text)
    if m:
        lo, hi = parse_number(m.group(1), lex), parse_number(m.group(2), lex)
        if lo is not None and hi is not None:
            return lo, hi
    v = parse_number(text, lex)
    return None if v is None else (v, None)


def is_chinese_numeral(text: str, lex: NumberLexicon) -> bool:
    return bool(text) and not any(c.isdigit() for c in text)
