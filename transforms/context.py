"""The context of a mention: its sentence and clause, and what they say about the number.

Qualifier (以上, 余, 约…), status (actual / target / estimate), measure (level, increase,
growth_rate, share, difference) and period year are read from cue words listed in
`seeds/lexicon/{qualifiers,status,measures}.toml`. Cue words are matched on token boundaries
(jieba tokens of the sentence, see `transforms.indicators.Segmenter`) so a cue inside a longer
domain word (计划 in 科技计划项目) is not a cue. Pure functions, no I/O.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

SENTENCE_END = "。；;！？!?"
CLAUSE_END = ",，:："
CLAUSE_DELIM = re.compile(f"[{re.escape(CLAUSE_END + SENTENCE_END)}]")
DROP = " \t\r\n\u3000“”\"‘’'「」『』"
DROP_RE = re.compile(f"[{re.escape(DROP)}]")
HEADING_START = re.compile(r"\n(?=[ \t\u3000]*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|"
                           r"[一二三四五六七八九十]是))")
# 至 / 到 end a range of years only after a year (2021至2025年); 到2025年 names the year a target is for.
COMPARED_BEFORE = re.compile(r"(较|比|与|同比|相比|对比)$")
YEAR = re.compile(r"(?<![\d\-~—–－])(?<![\d年][至到])((?:19|20)\d\d)(?=\s*年)(?![\d])(?!\s*年?\s*[-~至到—–－]\s*\d)")


def clause_start(norm: str, hi: int) -> int:
    """Offset just after the last clause delimiter before hi (0 if none)."""
    return max(norm.rfind(c, 0, hi) for c in CLAUSE_END) + 1


def clause_end(norm: str, lo: int) -> int:
    """Offset of the first clause delimiter at or after lo (the end of the text if none)."""
    m = CLAUSE_DELIM.search(norm, lo)
    return m.start() if m else len(norm)


def _alt(words) -> str:
    ws = [w for w in sorted(set(words), key=len, reverse=True) if w]
    return "(?:" + "|".join(re.escape(w) for w in ws) + ")" if ws else "(?!)"


@dataclass
class Sentence:
    start: int
    end: int
    norm: str
    dropped: list[int]
    """Original offsets of the characters left out of `norm` (spaces, line breaks, quotes)."""
    tokens: list[tuple[str, int, int]] = field(default_factory=list)
    tok_start_list: list[int] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)
    tokenizer: Any = None
    """callable(str) -> [(word, start, end)]; the sentence is segmented lazily, range by range, so only
    the clauses around numbers pass through jieba."""

    def toks(self, lo: int, hi: int) -> list[tuple[str, int, int]]:
        """Tokens inside norm[lo:hi], segmenting the parts not segmented yet."""
        lo, hi = max(lo, 0), min(hi, len(self.norm))
        if hi <= lo:
            return []
        gaps, cur = [], lo
        for a, b in self.covered:
            if b <= cur or a >= hi:
                continue
            if a > cur:
                gaps.append((cur, a))
            cur = max(cur, b)
        if cur < hi:
            gaps.append((cur, hi))
        if gaps and self.tokenizer is not None:
            for a, b in gaps:
                self.tokens.extend((w, a + s, a + e) for w, s, e in self.tokenizer(self.norm[a:b]))
                self.covered.append((a, b))
            self.tokens.sort(key=lambda t: t[1])
            self.covered.sort()
            self.tok_start_list = [t[1] for t in self.tokens]
        i = bisect.bisect_left(self.tok_start_list, lo)
        out = []
        while i < len(self.tokens) and self.tokens[i][1] < hi:
            if self.tokens[i][2] <= hi:
                out.append(self.tokens[i])
            i += 1
        return out

    def n(self, orig: int) -> int:
        """Normalized offset of an original offset inside the sentence."""
        orig = min(max(orig, self.start), self.end)
        return orig - self.start - bisect.bisect_left(self.dropped, orig)


def split_sentences(text: str, cuts: list[int] | None = None) -> list[tuple[int, int]]:
    """Sentence spans: ends at 。；！？, before a heading line, and at the given cut offsets (section starts)."""
    bounds = {0, len(text)}
    for m in re.finditer(f"[{re.escape(SENTENCE_END)}]", text):
        bounds.add(m.end())
    for m in HEADING_START.finditer(text):
        bounds.add(m.start() + 1)
    for m in re.finditer(r"\n", text):  # a line that ends with a sentence end or a colon
        if m.start() and text[m.start() - 1] in SENTENCE_END + ":：":
            bounds.add(m.end())
    for c in cuts or []:
        if 0 < c < len(text):
            bounds.add(c)
    b = sorted(bounds)
    return [(s, e) for s, e in zip(b, b[1:]) if e > s]


def make_sentence(text: str, start: int, end: int) -> Sentence:
    seg = text[start:end]
    dropped = [start + m.start() for m in DROP_RE.finditer(seg)]
    return Sentence(start, end, DROP_RE.sub("", seg), dropped)


class CueSet:
    """Cue words matched on token boundaries of a sentence: a cue is one token or up to three
    consecutive tokens joined."""

    def __init__(self, words, protected: set[str] | None = None):
        self.words = {w for w in words if w}
        self.lengths = sorted({len(w) for w in self.words}, reverse=True)
        self.rx = None
        self.protected = protected or set()

    def find(self, sent: Sentence, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Cues in norm[lo:hi]: whole tokens, up to three joined tokens, or the head of a general
        word jieba made of cue + noun (引进人才 → 引进); never inside a domain word (科技计划项目)."""
        out = []
        toks = sent.toks(lo, hi)
        i = 0
        while i < len(toks):
            w = ""
            for k in range(3):
                if i + k >= len(toks) or toks[i + k][2] > hi:
                    break
                w += toks[i + k][0]
                if w in self.words:
                    out.append((toks[i][1], toks[i + k][2], w))
            t, s = toks[i][0], toks[i][1]
            if len(t) > 2 and t not in self.words and t not in self.protected:
                for n in self.lengths:
                    if n < len(t) and t[:n] in self.words:
                        out.append((s, s + n, t[:n]))
                        break
            i += 1
        return out

    def find_far(self, sent: Sentence, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Like `find` over a long span, segmenting only a few characters around each regex hit."""
        if self.rx is None:
            self.rx = re.compile(_alt(self.words))
        out = []
        for m in self.rx.finditer(sent.norm, lo, hi):
            a, b = max(lo, m.start() - 6), min(hi, m.end() + 6)
            out.extend(f for f in self.find(sent, a, b) if f[0] <= m.start() < f[1] or m.start() <= f[0] < m.end())
        return sorted(set(out))

    def last(self, sent: Sentence, lo: int, hi: int):
        f = self.find(sent, lo, hi)
        return max(f, key=lambda x: (x[1], x[1] - x[0])) if f else None


class ContextRules:
    """Compiled qualifier, status, measure and period rules from the lexicon."""

    def __init__(self, lexicon: dict[str, Any], protected: set[str] | None = None):
        q = lexicon.get("qualifiers", {})
        self.q_prefix = [(w, k) for k, ws in q.get("prefix", {}).items() for w in ws]
        self.q_prefix.sort(key=lambda x: -len(x[0]))
        glue = _alt(q.get("prefix_glue", []))
        self.q_prefix_rx = re.compile(f"({_alt([w for w, _ in self.q_prefix])})(?:{glue})?\\s*$")
        self.q_prefix_map = dict(self.q_prefix)
        self.q_infix = {w: k for k, ws in q.get("infix", {}).items() for w in ws}
        self.q_suffix = {w: k for k, ws in q.get("suffix", {}).items() for w in ws}
        self.q_suffix_rx = re.compile(f"\\s*({_alt(self.q_suffix)})")

        s = lexicon.get("status", {})
        self.estimate = CueSet(s.get("estimate", []), protected)
        self.target = CueSet(s.get("target", []), protected)
        self.guarded_target = set(s.get("guarded_target", []))
        self.guarded_before = re.compile(s.get("guarded_before", "^"))
        self.past_year_in_plan = bool(s.get("past_year_in_plan", False))
        self.past_in_plan = CueSet(s.get("past_in_plan", []), protected)
        self.past_heading = re.compile(s.get("past_heading", "(?!)"))
        self.plan_year_strong = re.compile(_alt(s.get("plan_year_strong", [])))
        self.target_after = [re.compile(p) for p in s.get("target_after", [])]
        self.estimate_after = [re.compile(p) for p in s.get("estimate_after", [])]
        self.plan_heading = re.compile(s.get("plan_heading", "(?!)"), re.M)
        self.achieved_before = re.compile(s.get("achieved_before", "(?!)"))
        self.target_before = re.compile(s.get("target_before", "(?!)"))
        self.achieved_object = re.compile(s.get("achieved_object", "(?!)"))
        self.past_modifier = re.compile(s.get("past_modifier_before", "(?!)"))
        self.next_year = re.compile(_alt(s.get("next_year_words", [])))
        self.same_year_plan = re.compile(s.get("same_year_plan_heading", "(?!)"))
        self.paragraph_year = bool(s.get("paragraph_year", False))
        self.relative_years = {w: int(d) for w, d in s.get("relative_years", {}).items()}
        self.relative_year_rx = re.compile(_alt(self.relative_years))
        self.compared_after = re.compile(s.get("compared_after", "(?!)"))
        self.baseline_end = re.compile(s.get("baseline_end", "(?!)"))
        self.sentence_end = re.compile(f"[{re.escape(SENTENCE_END)}]")

        m = lexicon.get("measures", {})
        self.growth = CueSet(m.get("growth_rate", []), protected)
        self.share = CueSet(m.get("share", []), protected)
        self.share_words = set(m.get("share", []))
        self.share_suffixes = tuple(m.get("share_suffixes", []))
        self.share_weak = CueSet(m.get("share_weak", []), protected)
        self.growth_words = set(m.get("growth_rate", []))
        self.growth_to = tuple(m.get("growth_to", []))
        self.count_cues = CueSet(m.get("increase", []) + m.get("level", []), protected)
        self.increase_words = set(m.get("increase", []))
        self.explicit_increase = set(m.get("explicit_increase", []))
        self.level_words = set(m.get("level", []))
        self.increase_after = re.compile(_alt(m.get("increase_after", [])))
        diff = m.get("difference", [])
        self.difference = re.compile("|".join(f"(?:{d})" for d in ([diff] if isinstance(diff, str) else diff)) or "(?!)")
        self.money_increase = set(m.get("money_increase", []))
        self.activity = CueSet(m.get("activity", []), protected)
        self.service_words = set(m.get("service_words", []))
        self.service_context = re.compile(m.get("service_context", "(?!)"))
        self.compared_increase = re.compile(m.get("compared_increase", "(?!)"))

    # ---------------------------------------------------------------- qualifier
    def qualifier(self, text: str, num_start: int, end: int, infix: str | None, value_high) -> str:
        if value_high is not None:
            return "range"
        m = self.q_prefix_rx.search(text, max(0, num_start - 8), num_start)
        if m:
            return self.q_prefix_map[m.group(1)]
        if infix:
            return self.q_infix.get(infix, "gt")
        m = self.q_suffix_rx.match(text, end)
        if m:
            return self.q_suffix[m.group(1)]
        return "eq"

    def suffix_end(self, text: str, end: int) -> int:
        m = self.q_suffix_rx.match(text, end)
        return m.end() if m else end

    # ---------------------------------------------------------------- status
    def status(self, sent: Sentence, n_num: int, part: str | None, tail: str, years: list[tuple[int, int]],
               report_year: int | None, plan_year: int | None = None, clause_lo: int = 0,
               rate: bool = False) -> str:
        """years: (norm offset, year) named before the number in the sentence (or opening its paragraph). In a
        plan, the last of them before the plan's year makes a past result (2020年,…达到41家 in a 2021 plan),
        unless a target cue or a word naming the plan's own year (今年, 明年; not 全年) follows it. rate: the
        number is a percentage."""
        targets = self.target.find_far(sent, 0, n_num)
        # the longest cue wins (预期目标 is a target, not an estimate), and the nearest: 预计全年净增110家,力争突破1,000家
        estimates = [a for a, b, _ in self.estimate.find_far(sent, 0, n_num)
                     if not any(ta <= a and b <= tb and tb - ta > b - a for ta, tb, _ in targets)]
        if estimates and not any(ta > estimates[-1] for ta, _, _ in targets):
            return "estimate"
        if any(rx.search(tail) for rx in self.estimate_after):
            return "estimate"  # 达到10.5%(预计)
        if part == "plan":
            # 对已建平台开展绩效评估: 已 inside a noun phrase (the platforms built before) reports no past result
            # …unless the plan's own year or a target cue comes after it: 去年…达到3.2亿元,今年目标5亿元
            pasts = [a for a, _, _ in self.past_in_plan.find_far(sent, 0, n_num)
                     if not self.past_modifier.search(sent.norm, 0, a)]
            if pasts and not any(a > pasts[-1] for a, _, _ in targets) \
                    and not self.plan_year_strong.search(sent.norm, pasts[-1], n_num):
                return "actual"
            if self.past_year_in_plan and plan_year and years and years[-1][1] < plan_year \
                    and not any(a > years[-1][0] for a, _, _ in targets) \
                    and not self.plan_year_strong.search(
                        sent.norm, years[-1][0], n_num):
                return "actual"
            return "target"
        # 完成…下降3.2%的阶段性目标,淘汰落后产能企业3家: a target named as achieved makes no later number a target
        targets = [t for t in targets if not self.achieved_object.search(sent.norm, 0, t[0])]
        if targets and self.achieved_before.search(sent.norm, clause_lo, n_num):
            targets = [t for t in targets if t[0] < clause_lo]  # 完成年度目标任务的124%: how much was achieved
        for a, _, w in targets:
            if w not in self.guarded_target or self.guarded_before.search(sent.norm[max(0, a - 4):a]):
                return "target"
        if self.next_year.search(sent.norm, 0, n_num):
            return "target"  # 本人将…: the year after the report's
        if not rate and self.target_before.search(sent.norm, max(0, n_num - 8), n_num):
            return "target"  # 完成市下达任务(110家)的129.1%; a rate there (完成年度目标任务160%) is how much was achieved
        if any(rx.search(tail) for rx in self.target_after):
            return "target"
        if report_year and any(y > report_year for p, y in years if p >= clause_lo):
            return "target"
        return "actual"

    def plan_start(self, text: str) -> int | None:
        m = self.plan_heading.search(text)
        return m.start() if m else None

    # ---------------------------------------------------------------- measure
    def _share_term(self, sent: Sentence, lo: int, n_num: int) -> tuple[int, int, str] | None:
        """The last token before the number that is a term ending in a share word (研发投入强度0.66%)."""
        found = [(a, b, w) for w, a, b in sent.toks(lo, n_num)
                 if w not in self.share_words and w.endswith(self.share_suffixes)]
        return found[-1] if found else None

    def measure(self, sent: Sentence, lo: int, n_num: int, kind: str, tail: str, prev: str | None,
                part_of: bool, inherit: bool = True) -> tuple[str, bool]:
        """(measure, from_cue); from_cue is False when inherited or defaulted. inherit: the clause
        continues the one before (a list item, the same subject), so a count without a verb of its
        own keeps the previous measure."""
        if kind == "percent_point":  # 提高0.2个百分点 is an absolute change of a rate
            if self.difference.search(sent.norm[lo:n_num]):
                return "difference", True
            if self.growth.last(sent, lo, n_num):
                return "increase", True
        if kind in ("percent", "percent_point"):
            g = self.growth.last(sent, lo, n_num)
            if g and self.growth_to and sent.norm.startswith(self.growth_to, g[1]):
                g = None  # 比例提高到50%: the level reached
            s = self.share.last(sent, lo, n_num) or self._share_term(sent, lo, n_num)
            if g and (not s or g[0] >= s[0]):
                return "growth_rate", True
            if s or g:
                return ("share" if s else "growth_rate"), True
            if self.share_weak.find(sent, lo, n_num):
                return "share", True
            if prev in ("growth_rate", "share"):
                return prev, False
            return ("growth_rate" if kind == "percent_point" else "share"), False
        local = sent.norm[lo:n_num]
        if self.difference.search(local):
            return "difference", True
        money = kind.startswith("money")
        if self.increase_after.search(tail) and not money:
            return "increase", True
        if self.compared_increase.search(local):
            return "increase", True  # 入库企业较上年增加60家: a change over the own past, whatever verb came first
        found = self.count_cues.find(sent, lo, n_num)
        c = min(found, key=lambda f: (f[0], -f[1])) if found else None  # the clause's first verb governs…
        last = max(found, key=lambda f: (f[1], f[1] - f[0])) if found else None
        if last and last[2] in self.explicit_increase and last[1] == n_num:
            c = last  # …unless an addition names the number itself: 科技型中小企业入库新增5家
        if c and c[2] in self.increase_words and self.growth_to \
                and re.match(f"(?:{'|'.join(map(re.escape, self.growth_to))})[^,，;；。]{{0,2}}$", sent.norm[c[1]:n_num]):
            return "level", True  # 由42家增加到152家: the level reached
        if part_of and prev in ("increase", "level") and not (c and c[2] in self.increase_words):
            return prev, False  # a part keeps the total's measure unless it names an addition (其中新认定45家)
        if money:  # money is a level (安排, 兑现, 投入…) unless the clause says it grew (新增, 增加)
            return ("increase", True) if any(w in self.money_increase for _, _, w in found) else ("level", bool(c))
        if c and c[2] in self.service_words:  # 引进推广新品种: level in a report of service work, else an addition
            return ("level" if self.service_context.search(sent.norm) else "increase"), True
        if c:
            return ("increase" if c[2] in self.increase_words else "level"), True
        if self.activity.find(sent, lo, n_num):
            return "level", True  # 支持创新团队10个, 遴选领军人才15名: a verb of its own, not the list's addition
        if prev in ("increase", "level") and inherit:
            return prev, False
        return "level", False

    # ---------------------------------------------------------------- period
    def years_before(self, sent: Sentence, n_num: int, relative_base: int | None = None) -> list[tuple[int, int]]:
        """(norm offset, year) of the years named before the number, comparison bases (较2021年, 比去年同期) left
        out. relative_base: the year that 今年 names, when it is plain; then 去年 / 明年 count too."""
        out = []
        for m in YEAR.finditer(sent.norm, 0, n_num):
            if sent.norm.rfind("《", 0, m.start()) > sent.norm.rfind("》", 0, m.start()):
                continue  # a year inside a title: 《…行动计划(2020—2022年)》
            if not self._compared(sent.norm, m.start(), sent.norm.index("年", m.end()) + 1, n_num):
                out.append((m.start(), int(m.group(1))))
        if relative_base is not None:
            for m in self.relative_year_rx.finditer(sent.norm, 0, n_num):
                if not self._compared(sent.norm, m.start(), m.end(), n_num):
                    out.append((m.start(), relative_base + self.relative_years[m.group(0)]))
            out.sort()
        return out

    def _compared(self, norm: str, start: int, end: int, n_num: int) -> bool:
        """A year that is a comparison base (较2021年, 比去年同期, 是2022年的1.8倍) or the base a plan starts from
        (在2020年…达到56家的基础上, for the numbers after it) names no period."""
        return bool(COMPARED_BEFORE.search(norm, max(0, start - 3), start) or self.compared_after.match(norm, end)
                    or self.baseline_end.search(norm, end, n_num))

    def baseline_year(self, text: str, year_end: int) -> bool:
        """Whether the year ending at year_end opens a baseline (在2020年…的基础上) in its sentence."""
        m = self.sentence_end.search(text, year_end)
        return bool(self.baseline_end.search(text, year_end, m.start() if m else len(text)))
