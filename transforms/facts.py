"""Facts: every quantity of a report with its value, unit, qualifier, status, measure, period and indicator.

`build_facts(documents, sections, seeds)` is the contract of docs/contracts.md. The work is done by
small engines compiled once per `Seeds`:

- `transforms.mentions.MentionFinder` finds number + unit mentions, masks and template blanks;
- `transforms.context` splits sentences and reads qualifier / status / measure / period cues;
- `transforms.indicators` segments the words around a number with jieba and maps the subject to an
  indicator code through `seeds/indicator_terms.csv`.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

import polars as pl

from transforms.context import (CLAUSE_END, COMPARED_BEFORE, YEAR, ContextRules, Sentence, clause_start, make_sentence,
                                split_sentences)
from transforms.indicators import Segmenter, Subject, SubjectResolver
from transforms.mentions import Mention, MentionFinder
from transforms.numbers import parse_number
from transforms.script import reading, script_rules
from transforms.tables import NUMBER_CELL, Cell, column_status, compile_table_rules, is_change_column, read_tables
from transforms.unit_fit import keep_fitting_indicators

FACT_SCHEMA = {
    "doc": pl.String, "fact_id": pl.String, "section_id": pl.String, "mention": pl.String,
    "occurrence": pl.Int32, "value": pl.Float64, "value_high": pl.Float64, "unit": pl.String,
    "raw_unit": pl.String, "qualifier": pl.String, "status": pl.String, "measure": pl.String,
    "period_year": pl.Int32, "indicator": pl.String, "subject": pl.String, "sentence": pl.String,
    "span_start": pl.Int64, "span_end": pl.Int64, "placeholder": pl.String, "optional": pl.Boolean,
}
LIST_GAP = re.compile(r"[、和及与]")
SEPARATE_BY = re.compile(r"分别|依次")
# A number right after a relative clause whose head is left out (营业收入超10亿元的仅6家): what is counted is the
# subject of the clause before (高新技术企业规模偏小).
ELIDED_HEAD = re.compile(r"的(?:仅有|只有|共有|仅|只|共|有)?$")


CLAUSE_RE = re.compile(f"[{re.escape(CLAUSE_END)}]")
TAIL_END = re.compile(f"[{re.escape(CLAUSE_END)}、;；。]")


class FactsEngine:
    """Everything compiled from the seeds: mention regex, cue sets, jieba tokenizer, synonym table."""

    def __init__(self, seeds):
        lex = seeds.lexicon
        self.finder = MentionFinder.from_seeds(seeds)
        self.script = script_rules(seeds)
        self.table_rules = compile_table_rules(lex.get("tables", {}))
        terms = seeds.indicator_terms.to_dicts()
        protected = {line.split()[0] for line in seeds.dictionary if line.split()} | {t["term"] for t in terms}
        self.rules = ContextRules(lex, protected)
        cue_words: set[str] = set()
        for name in ("measures", "status"):
            for v in lex.get(name, {}).values():
                if isinstance(v, list):
                    cue_words.update(w for w in v if isinstance(w, str) and not w.startswith("^"))
        for v in lex.get("qualifiers", {}).values():
            if isinstance(v, dict):
                for ws in v.values():
                    cue_words.update(ws)
        self.segmenter = Segmenter(list(seeds.dictionary), [t["term"] for t in terms])
        self.resolver = SubjectResolver(terms, seeds.indicators.to_dicts(), seeds.units.to_dicts(),
                                        lex.get("subjects", {}), cue_words, self.segmenter)
        self.optional_max = 10

    # ------------------------------------------------------------------------------
    def doc_facts(self, doc: str, written: str, doc_type: str | None, report_year: int | None,
                  sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The facts of one report. The rules read `text`, the report in simplified characters; mentions and
        sentences are shown as `written` (the same offsets, transforms.script)."""
        text = reading(written, self.script)
        mentions = self.finder.find(text)
        cells = read_tables(text, self.table_rules)
        if cells:  # a number in a table row is read as a cell of its table, not as prose
            mentions = [m for m in mentions if not any(c.start < m.end and m.start < c.end for c in cells)]
        if not mentions and not cells:
            return []
        secs = sorted(sections, key=lambda s: (s["span_start"], -(s["span_end"] or 0)))
        cuts = [s["span_start"] for s in secs] + self._heading_ends(written, secs) + self._line_starts(text, mentions)
        plan_start = None
        if doc_type == "summary_and_plan" and not any(s.get("part") for s in secs):
            plan_start = self.rules.plan_start(text)
        spans = split_sentences(text, cuts)
        starts = [s for s, _ in spans]

        by_sent: dict[int, list[Mention]] = {}
        for m in mentions:
            i = bisect_right(starts, m.num_start) - 1
            by_sent.setdefault(i, []).append(m)

        rows = []
        previous: list[dict[str, Any]] = []  # the facts of the sentence before, in the same paragraph
        for i, ms in sorted(by_sent.items()):
            s0, s1 = spans[i]
            s1 = max(s1, max(m.end for m in ms))
            sent = make_sentence(text, s0, s1)
            self.segmenter.tokenize(sent)
            para_year = self._paragraph_year(text, s0, report_year) if self.rules.paragraph_year else None
            if previous and "\n" in text[previous[-1]["span_end"]:s0]:
                previous = []
            previous = self._sentence_facts(doc, text, sent, ms, doc_type, report_year, secs, plan_start, para_year,
                                            previous)
            rows.extend(previous)
        rows.extend(self._table_facts(doc, text, cells, doc_type, report_year, secs))
        rows.sort(key=lambda r: (r["span_start"], r["span_end"]))
        if text is not written:
            for r in rows:
                r["mention"] = written[r["span_start"]:r["span_end"]]
                at = text.find(r["sentence"], max(0, r["span_start"] - len(r["sentence"])))
                if 0 <= at <= r["span_start"]:
                    r["sentence"] = written[at:at + len(r["sentence"])]
        seen: dict[str, tuple[int, int]] = {}  # mention → (position counted up to, count)
        for k, r in enumerate(rows, 1):
            r["fact_id"] = f"{doc}#f{k}"
            pos, n = seen.get(r["mention"], (0, 0))
            n += written.count(r["mention"], pos, r["span_start"]) + 1 if r["mention"] else 1
            seen[r["mention"]] = (r["span_start"] + max(len(r["mention"]), 1), n)
            r["occurrence"] = n
        return rows

    def _paragraph_year(self, text: str, s0: int, report_year: int | None) -> int | None:
        """The year that opens the last sentence naming one, earlier in the same paragraph (line):
        `2022年，全县…。全年新认定高新技术企业36家` — the later sentence reports on 2022."""
        line_start = text.rfind("\n", 0, s0) + 1
        year = None
        for m in YEAR.finditer(text, line_start, s0):
            if COMPARED_BEFORE.search(text, max(line_start, m.start() - 3), m.start()) \
                    or self.rules.baseline_year(text, m.end()):
                continue
            y = int(m.group(1))
            if report_year is None or report_year - 10 <= y <= report_year + 5:
                year = y
        return year

    @staticmethod
    def _line_starts(text: str, mentions: list[Mention]) -> list[int]:
        """Where a paragraph (a line of the cleaned text) starts: a title line is no part of the sentence after it.
        A line break inside a mention (a template blank `新增高新技术企业\n家`, `35亿\n元`) ends no sentence."""
        inside = [(m.start, m.end) for m in mentions if "\n" in text[m.start:m.end]]
        return [b.end() for b in re.finditer("\n", text) if not any(a <= b.start() < e for a, e in inside)]

    @staticmethod
    def _heading_ends(text: str, secs) -> list[int]:
        """Where a heading line ends (`(四)坚持数字赋能,信息化建设加快推进⏎全区累计建成…`): the body's first
        clause does not read its verbs and nouns from the heading."""
        out = []
        for s in secs:
            h, a = (s.get("heading") or "").rstrip(), s["span_start"]
            if h and text.startswith(h, a) and a + len(h) < len(text) and text[a + len(h)] in " \t\r\n\u3000":
                out.append(a + len(h))
        return out

    def _section(self, secs, pos: int):
        """(section_id, part, period_year, past) of the deepest section containing pos; past: a section
        whose heading reports results (一、2023年工作基础, 工作回顾)."""
        containing = [s for s in secs if s["span_start"] <= pos < s["span_end"]]
        if not containing:
            return None, None, None, False
        containing.sort(key=lambda s: (s.get("level") or 0, s["span_start"]))
        sid = containing[-1]["section_id"]
        part = next((s["part"] for s in reversed(containing) if s.get("part")), None)
        year = next((s["period_year"] for s in reversed(containing) if s.get("period_year")), None)
        past = any(self.rules.past_heading.search(s.get("heading") or "") for s in containing)
        if not year and any(self.rules.same_year_plan.search(s.get("heading") or "") for s in containing):
            year = "same"  # 三、下半年工作计划: the plan is about the report's own year
        return sid, part, year, past

    def _sentence_facts(self, doc, text, sent: Sentence, ms: list[Mention], doc_type, report_year, secs,
                        plan_start, para_year: int | None = None,
                        previous: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """previous: the facts of the sentence before in the paragraph, the total a sentence of parts
        (…达到1348家;其中,寿光市…分别达到186家…) continues."""
        rules, norm = self.rules, sent.norm
        out = []
        prev_subj: Subject | None = None
        prev_measure: str | None = None
        prev_end_n = 0
        n_nums = [sent.n(m.num_start) for m in ms]
        subjects: list[Subject] = []
        part_start: int | None = None  # where a list of parts (其中…) began in `out`
        for k, m in enumerate(ms):
            n_num = n_nums[k]
            t_lo = sent.n(rules.suffix_end(text, m.end))
            clause_lo = clause_start(norm, n_num)
            lo = max(clause_lo, prev_end_n if k else 0)
            j = TAIL_END.search(norm, t_lo)
            t_hi = j.start() if j else len(norm)
            if k + 1 < len(ms):
                t_hi = min(t_hi, n_nums[k + 1])
            t_hi = max(t_hi, t_lo)
            local = norm[lo:n_num]
            # 其中…, or 其中 as a clause of its own before this one (其中,寿光市…分别达到186家)
            part_cue = self.resolver.part_cue
            part_of = bool(part_cue.match(local)) or lo == clause_lo > 0 and bool(
                (cue := part_cue.match(norm, clause_start(norm, clause_lo - 1))) and cue.end() == clause_lo - 1)
            same_clause_prev = prev_subj if k else None

            sid, part, sec_year, past = self._section(secs, m.num_start)
            same_year = sec_year == "same"
            if same_year:
                sec_year = None
            if part is None:
                if doc_type == "plan":
                    part = "plan"
                elif doc_type == "summary_and_plan" and plan_start is not None:
                    part = "plan" if m.num_start >= plan_start else "summary"
                else:
                    part = "summary"
            doc_plan_year = (report_year if doc_type == "plan" or same_year else report_year + 1) if report_year else None
            past_part = part == "plan" and bool(past or sec_year and doc_plan_year and sec_year < doc_plan_year)
            if past_part:
                part = "summary"  # a plan's section about the past year reports results

            kind = m.kind
            if m.placeholder == "blank":
                n_num = sent.n(m.num_start)
            ctx_lo = max(prev_end_n if k else 0, clause_start(norm, max(clause_lo - 1, 0)))
            ctx = self.resolver.context_subject(sent, ctx_lo, clause_lo)
            prev_for = ctx or same_clause_prev
            carry = part_of or bool(rules.difference.search(local))
            if clause_lo > 0 and ELIDED_HEAD.search(local):
                elided = self.resolver.context_subject(sent, clause_start(norm, clause_lo - 1), clause_lo)
                if elided is not None:
                    prev_for, carry = elided, True
            subj = self.resolver.resolve(sent, lo, n_num, t_lo, t_hi, m.unit, kind, prev_for, clause_lo, carry, part_of)
            subj = self.resolver.refine(subj, sent, clause_lo, lo, n_num, m.unit, kind, prev_for, t_lo)
            if part_of:
                part_start = len(out)
            elif not local.startswith(("、", "和", "及")):
                part_start = None
            part_total = None if part_start is None else \
                next((r["indicator"] for r in reversed(out[:part_start] or previous or []) if r["unit"] == m.unit), None)
            if part_total and not subj.denied and (subj.inherited or subj.indicator is None and not subj.term) \
                    and self.resolver.compatible(part_total, m.unit, kind) == part_total:
                subj = Subject(part_total, subj.subject, None, inherited=True)  # 其中国家级项目9项: a part of the total
            if part_start is not None and subj.indicator is not None:
                total = next((subjects[i] for i in range(part_start - 1, -1, -1) if out[i]["unit"] == m.unit), None)
                if total is not None and total.denied == subj.indicator:
                    # 本级科技经费安排2,500万元,其中重点研发项目经费1,000万元: a part of what is not the indicator
                    subj = Subject(None, subj.subject, denied=subj.indicator)
            continues = local.startswith(("、", "和", "及")) or (
                subj.indicator is not None and k > 0 and subj.indicator == subjects[-1].indicator)
            clause_end = j.start() if j else len(norm)
            measure, _ = rules.measure(sent, lo, n_num, kind, norm[t_lo:clause_end], prev_measure if k else None,
                                       part_of, continues)
            plain_year = doc_type == "plan" or part == "summary" and not past_part
            years = rules.years_before(sent, n_num, report_year if plain_year else None)
            from_para = not years and para_year is not None and sec_year is None and part == "plan" \
                and not rules.plan_year_strong.search(norm, 0, n_num)
            if from_para:  # a plan's paragraph that reports on a year before: 2022年,…。全年新认定…36家
                years = [(0, para_year)]
            period = None
            ok_years = [y for _, y in years if report_year is None or report_year - 10 <= y <= report_year + 5]
            if ok_years:
                period = ok_years[-1]
            elif report_year and part != "plan" and rules.next_year.search(norm, 0, n_num):
                period = report_year + 1  # 本人将…力争: the year after the report's
            elif sec_year:
                period = sec_year
            elif past_part and doc_plan_year:
                period = doc_plan_year - 1
            elif report_year:
                period = report_year + 1 if (part == "plan" and doc_type in ("summary_and_plan", "summary")
                                             and not same_year) else report_year
            plan_year = sec_year or (report_year + 1 if report_year and doc_type in ("summary_and_plan", "summary")
                                     and not same_year else report_year)
            status = rules.status(sent, n_num, part, norm[t_lo:t_lo + 16], years, report_year, plan_year, clause_lo,
                                  rate=kind in ("percent", "percent_point"))
            qualifier = rules.qualifier(text, m.num_start, m.end, m.infix, m.value_high)

            out.append({
                "doc": doc, "fact_id": None, "section_id": sid, "mention": text[m.start:m.end],
                "occurrence": 1, "value": m.value, "value_high": m.value_high, "unit": m.unit,
                "raw_unit": m.raw_unit, "qualifier": qualifier, "status": status, "measure": measure,
                "period_year": period, "indicator": subj.indicator, "subject": subj.subject or "",
                "sentence": text[sent.start:sent.end].strip(), "span_start": m.start, "span_end": m.end,
                "placeholder": m.placeholder,
                "optional": bool(m.optional and m.value is not None and m.value <= self.optional_max),
            })
            subjects.append(subj)
            prev_subj, prev_measure, prev_end_n = subj, measure, t_lo
        self._distribute(sent, ms, n_nums, out, subjects, report_year)
        return out

    # ------------------------------------------------------------------------------
    def _table_facts(self, doc: str, text: str, cells: list[Cell], doc_type, report_year, secs) -> list[dict[str, Any]]:
        """A fact per number in an indicator table: unit from its own text or the unit column, status, period
        and measure from the column header (and the table's title), indicator from the row name."""
        out = []
        for c in cells:
            own = self.finder.find(c.text)
            if own and own[0].start == 0 and own[0].end == len(c.text):
                value, unit, raw_unit, kind = own[0].value, own[0].unit, own[0].raw_unit, own[0].kind
            else:
                number = parse_number(c.text.lstrip("+-"), self.finder.nlex) if NUMBER_CELL.fullmatch(c.text) else None
                if number is None:
                    continue
                number = -number if c.text.startswith("-") else number
                canonical, factor, kind = self.finder.units.get(c.unit, (c.unit, 1.0, "count"))
                value, unit, raw_unit = round(number * factor, 10), canonical, c.unit
            sid, part, sec_year, _ = self._section(secs, c.start)
            plan = doc_type == "plan" or part == "plan"
            status = column_status(c.header, "target" if plan else "actual", self.table_rules)
            year = next((int(m.group(1)) for m in YEAR.finditer(c.header)), None) \
                or next((int(m.group(1)) for m in YEAR.finditer(c.table_title)), None)
            if year is None and report_year:
                year = report_year + 1 if plan and doc_type in ("summary", "summary_and_plan") else report_year
            if is_change_column(c.header, self.table_rules):
                measure = "growth_rate" if unit == "%" else "increase"
            elif unit == "%":
                measure = "share"
            else:  # a row of additions (新增省级以上研发平台 个 8 10) counts an increase
                measure = "increase" if any(w in c.row_name for w in self.rules.explicit_increase) else "level"
            codes = [code for *_, code in self.resolver.segment_terms(c.row_name)
                     if self.resolver.compatible(code, unit, kind) == code]
            if codes and kind in ("percent", "percent_point"):
                codes[-1] = self.resolver.ratio_code(codes[-1], c.row_name)  # R&D经费支出占GDP比重 → intensity
            out.append({
                "doc": doc, "fact_id": None, "section_id": sid, "mention": c.text, "occurrence": 1,
                "value": value, "value_high": None, "unit": unit, "raw_unit": raw_unit, "qualifier": "eq",
                "status": status, "measure": measure, "period_year": year or sec_year,
                "indicator": codes[-1] if codes else None, "subject": f"{c.row_name}({c.header})",
                "sentence": line_at(text, c.start),
                "span_start": c.start, "span_end": c.end, "placeholder": None, "optional": False,
            })
        return out

    def _listed_items(self, norm: str, lo: int, hi: int, k: int, m) -> list[tuple[str, str | None]] | None:
        """The k items a 分别 spreads numbers over when not every item is a term
        (高新技术企业、科技型中小企业、专精特新小巨人企业分别达到…): each item keeps its own indicator or none."""
        sep = SEPARATE_BY.search(norm, lo, hi)
        if not sep:
            return None
        items = norm[clause_start(norm, sep.start()):sep.start()].split("、")
        if len(items) == k - 1:
            items[-1:] = re.split(r"[和及与]", items[-1], maxsplit=1)
        if len(items) != k or not all(items):
            return None
        own = []
        for item in items:
            found = [c for _, _, _, c in self.resolver.segment_terms(item)
                     if self.resolver.compatible(c, m.unit, m.kind)]
            own.append(found[-1] if found else None)
        if not any(own):
            return None  # places or kinds of one thing (麒麟区、沾益区分别达到…): the subject goes on as resolved
        # an item without a term of its own before one with a term shares that term's head (国家级、市级重点实验室);
        # after it, it names another thing (…、专精特新小巨人企业)
        codes, following = [], None
        for code in reversed(own):
            following = code or following
            codes.append(following)
        return list(zip(items, reversed(codes)))

    def _distribute(self, sent: Sentence, ms, n_nums, rows, subjects, report_year) -> None:
        """`A、B达6588家、6403家，分别增长26.3%、44.4%`: spread listed subjects (and listed years) in order."""
        norm = sent.norm
        runs, cur = [], [0]
        for k in range(1, len(ms)):
            gap = norm[sent.n(ms[k - 1].end):n_nums[k]]
            if LIST_GAP.fullmatch(gap) and ms[k].unit == ms[k - 1].unit:
                cur.append(k)
            else:
                runs.append(cur)
                cur = [k]
        runs.append(cur)
        prev_list = None
        for run in runs:
            if len(run) < 2:
                continue
            first = run[0]
            lo = 0
            if first:
                lo = sent.n(ms[first - 1].end)
            before = sent.toks(lo, n_nums[first])
            found = [(s, e, w, c) for s, e, w, c in self.resolver.matches(before)
                     if self.resolver.compatible(c, ms[first].unit, ms[first].kind)]
            K = len(run)
            listed = None
            if len(found) >= K:
                cand = found[-K:]
                gaps_ok = all(LIST_GAP.search(norm[cand[j][1]:cand[j + 1][0]] or "") and
                              len(norm[cand[j][1]:cand[j + 1][0]]) <= 6 for j in range(K - 1))
                if gaps_ok:
                    listed = [(w, self.resolver.compatible(c, ms[first].unit, ms[first].kind)) for _, _, w, c in cand]
            elif prev_list and len(prev_list) == K and SEPARATE_BY.search(norm[lo:n_nums[first]]):
                listed = [(w, c) for w, c in prev_list]
            if listed is None:
                listed = self._listed_items(norm, lo, n_nums[first], K, ms[first])
            if listed:
                for j, k in enumerate(run):
                    w, c = listed[j]
                    rows[k]["indicator"] = c if c and self.resolver.compatible(c, ms[k].unit, ms[k].kind) else None
                    rows[k]["subject"] = w
                prev_list = listed
        # changes listed after 分别 follow the quantities listed before it, whatever their units:
        # R&D经费投入22.3亿元,投入强度1.59%,分别较上年增长19.8%和提高0.12个百分点
        m = SEPARATE_BY.search(norm)
        if m:
            before = [k for k in range(len(ms)) if n_nums[k] < m.start()]
            after = [k for k in range(len(ms)) if n_nums[k] > m.start()]
            if len(before) == len(after) >= 2 and all(rows[k]["measure"] in ("growth_rate", "increase") for k in after):
                for kb, ka in zip(before, after):
                    c = rows[kb]["indicator"]
                    if c and self.resolver.compatible(c, ms[ka].unit, ms[ka].kind) == c:
                        rows[ka]["indicator"] = c
        # years listed before 分别: 申报2020年、2021年政策，分别兑现…
        if m:
            ys = [y for p, y in self.rules.years_before(sent, m.start())]
            after = [k for k in range(len(ms)) if n_nums[k] > m.start()]
            if len(ys) >= 2 and after and len(after) % len(ys) == 0:
                g = len(after) // len(ys)
                for j, k in enumerate(after):
                    rows[k]["period_year"] = ys[j // g]


_ENGINES: dict[int, tuple[Any, FactsEngine]] = {}


def engine_for(seeds) -> FactsEngine:
    hit = _ENGINES.get(id(seeds))
    if hit is None or hit[0] is not seeds:
        hit = (seeds, FactsEngine(seeds))
        _ENGINES[id(seeds)] = hit
    return hit[1]


def line_at(text: str, pos: int) -> str:
    """The line (paragraph, table row) of the cleaned text that holds `pos`."""
    end = text.find("\n", pos)
    return text[text.rfind("\n", 0, pos) + 1:end if end >= 0 else len(text)].strip()


def build_facts(documents: pl.DataFrame, sections: pl.DataFrame, seeds) -> pl.DataFrame:
    """One row per quantity mention of every document (columns and vocabularies: docs/contracts.md)."""
    eng = engine_for(seeds)
    secs_by_doc: dict[str, list[dict[str, Any]]] = {}
    if sections is not None and sections.height:
        cols = [c for c in ("doc", "section_id", "level", "heading", "span_start", "span_end", "part", "period_year")
                if c in sections.columns]
        for r in sections.select(cols).to_dicts():
            secs_by_doc.setdefault(r["doc"], []).append(r)
    rows: list[dict[str, Any]] = []
    for d in documents.to_dicts():
        text = d.get("text")
        if not text:
            continue
        rows.extend(eng.doc_facts(d["doc"], text, d.get("doc_type"), d.get("report_year"),
                                  secs_by_doc.get(d["doc"], [])))
    if not rows:
        return pl.DataFrame(schema=FACT_SCHEMA)
    facts = pl.DataFrame(rows, schema=FACT_SCHEMA)
    return keep_fitting_indicators(facts, seeds.indicators, seeds.lexicon.get("indicator_units", {}))
