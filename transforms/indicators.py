"""What a number counts: segment the words around it with jieba and look the subject up in the
synonym table `seeds/indicator_terms.csv` (term → indicator code).

`Segmenter` wraps one `jieba.Tokenizer` loaded with `seeds/dictionary.txt` and every synonym
term, so domain words stay whole. `SubjectResolver` picks the term that names the counted thing:
the noun right after the unit (`5个市级众创空间`), else the term nearest before the number (with a
coordinated list `科技特派员、“三区”科技人才` read from its first item), else the subject the
clause before carries on (`总量达到52家`, `强度达到1.6%` → 研发投入 + 强度). No indicator is
named in this module.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from transforms.context import DROP, Sentence, clause_end, clause_start

MAX_TERM_TOKENS = 5
LIST_MARKER = re.compile(r"^(?:\d+[.、]|[(（]?[一二三四五六七八九十\d]+[)）、]|[一二三四五六七八九十]+是)")


def _alt(words) -> str:
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in ws) if ws else "(?!)"


def _norm(s: str) -> str:
    return "".join(c for c in s if c not in DROP)


CACHE_ENV = "STI_CACHE_DIR"
CACHE_VERSION = 1


def _cache_dir() -> Path | None:
    """A writable folder for the tokenizer cache: $STI_CACHE_DIR, else $XDG_CACHE_HOME/sti-warehouse
    (~/.cache/sti-warehouse), else the system temp folder; None when none is writable."""
    cands = [os.environ.get(CACHE_ENV)]
    xdg = os.environ.get("XDG_CACHE_HOME") or (str(Path.home() / ".cache") if Path.home() != Path("/") else None)
    cands += [str(Path(xdg) / "sti-warehouse") if xdg else None, tempfile.gettempdir()]
    for c in cands:
        if not c:
            continue
        try:
            Path(c).mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(c, os.W_OK | os.X_OK):
            return Path(c)
    return None


def _parse_dictionary(data: bytes) -> tuple[dict[str, int], int, dict[str, str]]:
    """jieba's prefix dictionary (word → freq, every prefix → 0), total frequency and word → tag,
    read from dictionary lines `word freq tag` in one pass (what `Tokenizer.gen_pfdict` and
    `posseg.POSTokenizer.load_word_tag` each read separately)."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    total = 0
    for line in data.decode("utf-8").splitlines():
        parts = line.strip().split(" ")
        if len(parts) < 2:
            continue
        w, f = parts[0], int(parts[1])
        freq[w] = f
        total += f
        if len(parts) > 2 and parts[2]:
            tags[w] = parts[2]
        for ch in range(1, len(w)):
            freq.setdefault(w[:ch], 0)
    return freq, total, tags


def _base_tables(tk) -> tuple[dict[str, int], int, dict[str, str]]:
    """The base dictionary's tables, from a marshal cache keyed on the dictionary's content (and
    jieba's version), written atomically on a miss; read from the dictionary when no cache folder is
    writable."""
    import jieba

    with tk.get_dict_file() as f:
        data = f.read()
    key = hashlib.blake2b(data + f"|{jieba.__version__}|{CACHE_VERSION}".encode(), digest_size=12).hexdigest()
    folder = _cache_dir()
    path = folder / f"sti-jieba-{key}.marshal" if folder else None
    if path is not None and path.exists():
        try:
            gc_was = gc.isenabled()
            gc.disable()  # half a million small objects: the cyclic collector would only slow the load
            try:
                freq, total, tags = marshal.loads(path.read_bytes())
            finally:
                if gc_was:
                    gc.enable()
            return freq, total, tags
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a damaged cache is rebuilt below
    freq, total, tags = _parse_dictionary(data)
    if path is not None:
        try:
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".sti-jieba-")
            with os.fdopen(fd, "wb") as out:
                marshal.dump((freq, total, tags), out)
            os.replace(tmp, path)
        except OSError:
            pass
    return freq, total, tags


@lru_cache(maxsize=8)
def _tokenizer(words: tuple[tuple[str, int, str | None], ...]):
    """A jieba Tokenizer on the base dictionary plus `words`, and the word → part-of-speech table.
    Avoids `jieba.posseg` (its import loads the tag table, and every POSTokenizer loads it again)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    freq, total, tags = _base_tables(tk)
    tk.FREQ, tk.total, tk.initialized = freq, total, True
    tags = dict(tags)
    for w, f, t in words:
        if t is None and w not in tags:
            t = "n"
        tk.add_word(w, f, t)
        if t:
            tags[w] = t
    return tk, tags


class Segmenter:
    def __init__(self, dictionary: list[str], terms: list[str]):
        entries: dict[str, tuple[str, int, str | None]] = {}
        for line in dictionary:
            parts = line.split()
            if not parts:
                continue
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 2000
            entries[parts[0]] = (parts[0], freq, parts[2] if len(parts) > 2 else None)
        for t in terms:
            t = _norm(t)
            if t and t not in entries:
                entries[t] = (t, 3000, None)
        self.words = set(entries)
        self.tk, self.tags = _tokenizer(tuple(sorted(entries.values(), key=lambda e: e[0])))

    def tag(self, w: str) -> str | None:
        """jieba's part-of-speech tag of a word (n, v, vn, ns…), None when unknown."""
        return self.tags.get(w)

    def tokenize(self, sent: Sentence) -> None:
        """Attach the lazy tokenizer to a sentence (see `Sentence.toks`)."""
        sent.tokenizer = self._tokens

    def _tokens(self, text: str) -> list[tuple[str, int, int]]:
        return list(self.tk.tokenize(text, HMM=False))

    def cut(self, text: str) -> list[str]:
        return [w for w, _, _ in self.tk.tokenize(_norm(text), HMM=False)]


@dataclass
class Subject:
    indicator: str | None
    subject: str
    term: str | None = None
    inherited: bool = False
    topic: str | None = None
    """An indicator the clause is about without counting it (24家企业申报高新技术企业): carried on to the
    next clause (成功备案19家)."""
    denied: str | None = None
    """The indicator a not_indicator rule took away (县本级科技经费安排2,500万元): its parts (其中…) are not it either."""


class SubjectResolver:
    def __init__(self, indicator_terms: list[dict[str, str]], indicators: list[dict[str, Any]],
                 units: list[dict[str, Any]], subjects: dict[str, Any], extra_words: set[str],
                 segmenter: Segmenter):
        self.seg = segmenter
        self.protected = segmenter.words
        self.terms = {_norm(r["term"]): r["indicator"] for r in indicator_terms if r.get("term")}
        self.ind_unit = {r["code"]: r["unit"] for r in indicators}
        self.max_term_len = max((len(t) for t in self.terms), default=0)
        self.first_chars = {t[0] for t in self.terms}
        self.unit_kind = {u["canonical"]: u["kind"] for u in units}
        self.generic = set(subjects.get("generic_heads", []))
        self.become = sorted(subjects.get("become_cues", []), key=len, reverse=True)
        self.attributes = sorted(subjects.get("attributes", []), key=len, reverse=True)
        self.function_words = set(subjects.get("function_words", [])) | extra_words
        self.non_head_suffixes = tuple(subjects.get("non_head_suffixes", []))
        self.part_cues = tuple(subjects.get("part_cues", []))
        self.part_cue = re.compile(r"[(（]?(?:" + "|".join(map(re.escape, self.part_cues or ("含",))) + ")")
        """The opening of a clause that names a part of a total (其中…, 含…)."""
        self.appositive = set(subjects.get("appositive_heads", []))
        self.remap = subjects.get("unit_remap", {})
        self.collective = tuple(subjects.get("collective_heads", []))
        self.collective_units = set(subjects.get("collective_units", []))
        self.rate_words = tuple(subjects.get("rate_words", []))
        ben = subjects.get("beneficiary", {})
        self.beneficiary_before = re.compile(ben.get("before", "(?!)"))
        self.beneficiary_after = re.compile(ben.get("after", "(?!)"))
        self.rate_bases = set(subjects.get("rate_bases", []))
        self.audience = re.compile(_alt(subjects.get("audience_words", [])))
        self.not_indicator = {c: re.compile(rx) for c, rx in subjects.get("not_indicator", {}).items()}
        self.not_indicator_in_clause = {c: re.compile(rx)
                                        for c, rx in subjects.get("not_indicator_in_clause", {}).items()}
        self.topic_cues = re.compile(subjects.get("topic_cues", "(?!)"))
        self.topic_verbs = tuple(subjects.get("topic_verbs", []))
        self.foreign_rates = re.compile(_alt(subjects.get("foreign_rates", [])))
        self.foreign_amounts = re.compile(_alt(subjects.get("foreign_amounts", [])))
        self.problem_words = re.compile(_alt(subjects.get("problem_words", [])))
        self.verb_indicators = [(re.compile(re.escape(v)), c) for v, c in subjects.get("verb_indicators", {}).items()]
        self.pool_words = tuple(subjects.get("pool_words", []))
        self.amount_words = re.compile(_alt(subjects.get("amount_words", [])))
        self.become_rx = re.compile(f"(?:{_alt(self.become)})$")
        self.attr_codes: dict[str, set[str]] = {}
        for t, c in self.terms.items():
            for a in self.attributes:
                if t.endswith(a) and len(t) > len(a):
                    self.attr_codes.setdefault(a, set()).add(c)
        self.clause_patterns = [(c, re.compile(rx)) for c, rxs in subjects.get("clause_patterns", {}).items()
                                for rx in ([rxs] if isinstance(rxs, str) else rxs)]
        self.clause_overrides = [(c, re.compile(rx)) for c, rxs in subjects.get("clause_overrides", {}).items()
                                 for rx in ([rxs] if isinstance(rxs, str) else rxs)]
        self.ratio_of = {c: (v[0], re.compile(v[1])) for c, v in subjects.get("ratio_of", {}).items()}
        funding = subjects.get("funding_of_counted_projects", {})
        self.project_funding = funding.get("code")
        self.project_money_clause = re.compile(funding.get("money_clause", "(?!)"))
        self.project_clause = re.compile(funding.get("project_clause", "(?!)"))
        self.classes: dict[str, set[str]] = {}
        for cls, us in subjects.get("unit_classes", {}).items():
            for u in us:
                self.classes.setdefault(u, set()).add(cls)

    # ------------------------------------------------------------------ helpers
    def _kind_of_indicator(self, code: str) -> str:
        return self.unit_kind.get(self.ind_unit.get(code, ""), "count")

    def _classes(self, unit: str) -> set[str]:
        return self.classes.get(unit, {"entity"})

    def compatible(self, code: str | None, unit: str, kind: str, loose: bool = False, term: str = "") -> str | None:
        """The indicator a term names for a fact in `unit`, or None when it cannot apply. A people
        indicator counted as groups (人才团队3个, 团队科技特派员17个) fits the counter of a term naming a group."""
        if code is None:
            return None
        if term and unit in self.collective_units and any(h in term for h in self.collective) \
                and "people" in self._classes(self.ind_unit.get(code, "")):
            return code
        ik = self._kind_of_indicator(code)
        if kind.startswith("money"):
            if ik.startswith("money"):
                return code
            return self.remap.get("money", {}).get(code)
        if kind in ("percent", "percent_point"):
            return code
        if ik.startswith("money"):
            return code if loose and self._classes(unit) == {"entity"} else None
        if ik in ("percent", "percent_point"):
            return None
        return code if self._classes(unit) & self._classes(self.ind_unit.get(code, "")) else None

    def matches(self, toks: list[tuple[str, int, int]], modifiers: bool = False) -> list[tuple[int, int, str, str]]:
        """(start, end, term, indicator) for every term made of 1..5 consecutive tokens that is not a
        modifier of the noun after it (科技成果|信息, 研发投入|调度会)."""
        out = []
        terms, maxlen, firsts = self.terms, self.max_term_len, self.first_chars
        for i in range(len(toks)):
            w, best = "", None
            t0 = toks[i][0]
            for k in range(MAX_TERM_TOKENS if t0[0] in firsts else 0):
                if i + k >= len(toks):
                    break
                w += toks[i + k][0]
                if len(w) > maxlen:
                    break
                if w in terms:
                    best = (toks[i][1], toks[i + k][2], w, self.terms[w], i + k)
                elif k and best is not None:  # 全社会研发投入|强度: a longer term at the end of the run
                    for n in range(len(w) - 1, len(toks[i + k][0]), -1):
                        if w[-n:] in terms:
                            best = (toks[i][1], toks[i + k][2], w[-n:], terms[w[-n:]], i + k)
                            break
            if best is None and len(t0) > 2 and t0 not in self.protected:
                for n in range(len(t0) - 1, 1, -1):  # a general word ending in a term: 引进人才
                    if t0[-n:] in self.terms:
                        best = (toks[i][2] - n, toks[i][2], t0[-n:], self.terms[t0[-n:]], i)
                        break
            if best:
                out.append(best)
        out = [m for m in out if not any(o != m and o[0] <= m[0] and m[1] <= o[1] for o in out)]
        res = []
        starts = {o[0]: o[2] for o in out}
        for s, e, w, c, j in out:
            nxt = toks[j + 1][0] if j + 1 < len(toks) and toks[j + 1][1] == e else None
            after = starts.get(e)
            if not modifiers and after is not None and after not in self.appositive and after not in self.attributes \
                    and self._is_noun_term(w) and self.seg.tag(after) in (None, "n"):
                continue  # a term before another noun term modifies it: 科技成果转化|引导基金, 高新技术企业|认定奖励
            if not modifiers and nxt and nxt not in self.terms and nxt not in self.appositive \
                    and nxt not in self.attributes \
                    and len(nxt) >= 2 and self._is_noun_term(w) \
                    and (self.is_head(nxt) or self.seg.tag(nxt) is None and nxt not in self.function_words) \
                    and not any(o[0] == e for o in out):
                continue
            res.append((s, e, w, c))
        return res

    def is_noun(self, w: str) -> bool:
        """A word that can name a counted thing: a term, a generic head or a noun (jieba tag n*, vn)."""
        if w in self.function_words or not re.search(r"[\u4e00-\u9fffA-Za-z]", w):
            return False
        if w in self.terms or w in self.generic:
            return True
        t = self.seg.tag(w)
        return t is None and len(w) > 1 or bool(t) and (t[0] == "n" and t != "ns" or t == "vn")

    def is_head(self, w: str) -> bool:
        """A noun before the number that names what is counted (not a place, agency, verb or cue)."""
        if w in self.function_words or (len(w) > 1 and w.endswith(self.non_head_suffixes)):
            return False
        if w in self.terms or w in self.generic:
            return True
        t = self.seg.tag(w)
        return bool(t) and t[0] == "n" and t not in ("ns", "nrt", "nr")

    def _is_noun_term(self, w: str) -> bool:
        t = self.seg.tag(w)
        return t is None or t[0] == "n"

    def context_subject(self, sent: Sentence, lo: int, hi: int) -> Subject | None:
        """The last term named in norm[lo:hi] (a clause before the number without a number of its own)."""
        toks = sent.toks(lo, hi)
        ms = self.matches(toks)
        if not ms:
            return None
        s, e, w, c = ms[-1]
        return Subject(c, w, w)

    # ------------------------------------------------------------------ main
    def _bare_attribute(self, local: str) -> str | None:
        """The attribute a clause names with only cue words after it (成交额突破 → 成交额), else None."""
        if local in self.attr_codes:
            return local
        for a in sorted(self.attr_codes, key=len, reverse=True):
            if local.startswith(a) and local[len(a):] in self.function_words:
                return a
        return None

    def ratio_code(self, code: str, text: str) -> str:
        """The ratio indicator a percentage of `code`'s amount to a base is (ratio_of: R&D经费…占GDP比重)."""
        ratio = self.ratio_of.get(code)
        return ratio[0] if ratio and ratio[1].search(text) else code

    def denied_in_clause(self, code: str, norm: str, clause_lo: int, n_num: int) -> bool:
        """Whether words of the clause, before or after the number, say a count is not `code`
        (not_indicator_in_clause: 培训干部600人次, 收回项目资金86万元)."""
        rx = self.not_indicator_in_clause.get(code)
        return bool(rx and rx.search(norm, clause_lo, clause_end(norm, n_num)))

    @staticmethod
    def _outside_titles(sent: Sentence, toks: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        """The tokens not inside a document's title: 出台《科技计划项目管理办法》等制度文件5个 counts documents."""
        if "《" not in sent.norm:
            return toks
        return [t for t in toks if sent.norm.rfind("《", 0, t[1]) <= sent.norm.rfind("》", 0, t[1])]

    def resolve(self, sent: Sentence, lo: int, n_num: int, t_lo: int, t_hi: int, unit: str, kind: str,
                prev: Subject | None, clause_lo: int, carry: bool = False, part: bool = False) -> Subject:
        """carry: the clause says nothing new (a difference 比…多N家, a part 含…), so the subject goes on;
        part: it does so because the clause names a part (其中…)."""
        before = self._outside_titles(sent, sent.toks(lo, n_num))
        tail = sent.toks(t_lo, t_hi)

        def fit(ms, loose=False):
            return [(s, e, w, c2) for s, e, w, c in ms if (c2 := self.compatible(c, unit, kind, loose, w))]

        # 1. a counted noun right after the unit, past its level words (jieba tag b: 省级, 国家级):
        # 5个市级众创空间, 3家省级重点实验室, 24家企业申报…
        lead = 0
        while lead < min(2, len(tail) - 1) and self.seg.tag(tail[lead][0]) == "b":
            lead += 1
        if tail and self.is_noun(tail[lead][0]):
            head = tail[lead][0]
            tail_text = sent.norm[t_lo:t_hi]
            all_ms = self.matches(tail, modifiers=head in self.generic)
            ms = fit(all_ms)
            if head in self.generic:
                become = next((b for b in self.become if b in tail_text), None)
                topic = all_ms[0][3] if all_ms else None
                if become:
                    ms2 = ms or fit(self.matches(before))
                    if ms2:
                        s, e, w, c = ms2[0]
                        return Subject(c, head + w, w)
                return Subject(None, head, topic=topic)
            if ms:
                s, e, w, c = ms[0]
                return Subject(c, sent.norm[t_lo:e], w)
            if head in self.appositive:
                # 投资基金完成投资3个项目: a bare noun that names what a term counts (基金…项目) is that term's count
                ms_b = fit(self.matches(before)) or fit(self.matches(before), loose=True)
                if ms_b:
                    s, e, w, c = ms_b[-1]
                    return Subject(c, self._trim(sent.norm[lo:n_num]) + head, w)
            return Subject(None, self._trim(tail_text))

        # 1b. the counted noun after a place name or after 的: 5家海河实验室, 规模1亿元的科技成果转化引导基金
        ms = fit(self.matches(before)) or fit(self.matches(before), loose=True)
        if tail and (self.seg.tag(tail[0][0]) == "ns" or tail[0][0] == "的" and not ms
                     and self.amount_words.search(sent.norm[lo:n_num])):
            near = [m for m in fit(self.matches(tail)) or fit(self.matches(tail), loose=True) if m[0] - t_lo <= 10]
            if near:
                s, e, w, c = near[0]
                return Subject(c, sent.norm[t_lo:e], w)

        # 2. a term before the number in this clause
        if ms:
            i = len(ms) - 1
            while i > 0:
                gap = sent.norm[ms[i - 1][1]:ms[i][0]]
                if re.fullmatch(r"[、和及与或].{0,4}", gap):
                    i -= 1
                else:
                    break
            s, e, w, c = ms[i]
            same_unit = [m for m in ms if self.ind_unit.get(m[3]) == unit]
            if same_unit and self.ind_unit.get(c) != unit:
                s, e, w, c = same_unit[-1]
            return Subject(c, self._trim(sent.norm[lo:n_num]) or w, w)

        local = self._trim(sent.norm[lo:n_num], 100)
        # 2b. enterprises registered (入库企业) with no term of their own: the register named before in the sentence
        # (开展科技型中小企业评价…,力争新增入库企业100家)
        if any(t[0] in self.generic and self.become_rx.search(sent.norm[lo:t[1]]) for t in before):
            cand = fit(self.matches(sent.toks(0, lo), modifiers=True))
            if cand and not any(p in sent.norm[cand[-1][1]:lo] for p in self.pool_words):
                s, e, w, c = cand[-1]
                return Subject(c, local, w, inherited=True)

        # 3. the clause names only an attribute of the previous subject: 增加值 30亿元, 强度达到1.6%
        if prev is not None and prev.term:
            base = prev.term
            for a in self.attributes:
                if base.endswith(a) and len(base) > len(a):
                    base = base[: -len(a)]
                    break
            for b in dict.fromkeys([prev.term, base]):
                cand = [(s, e, w, c) for s, e, w, c in self.segment_terms(b + local) if e > len(b)]
                cand = fit(cand)
                if cand:
                    s, e, w, c = cand[-1]
                    return Subject(c, b + local, w, inherited=True)
        # 3b. an attribute that some term of the previous indicator ends with: 技术合同登记23项,成交额1.12亿元
        attr = self._bare_attribute(local)
        if prev is not None and prev.indicator and attr \
                and prev.indicator in self.attr_codes[attr] \
                and self.compatible(prev.indicator, unit, kind) == prev.indicator:
            return Subject(prev.indicator, local, prev.term, inherited=True)

        # 4. nothing counted is named before the number: the subject goes on from the clause before
        heads = [t for t in before if self.is_head(t[0])]
        if kind in ("percent", "percent_point"):
            # a rate names its own subject only before its rate word or comparison base: 公民具备科学素质比例
            # (own subject), 占规上工业总产值比重 / 较去年同期增长 / 验收合格率 (the subject goes on)
            stop = next((i for i, t in enumerate(before) if t[0] in self.rate_bases), len(before))
            heads = [t for t in before[:stop] if self.is_head(t[0]) and not t[0].endswith(self.rate_words)]
        if part and kind in ("percent", "percent_point") and heads and prev is not None \
                and not any(prev.term and prev.term.endswith(t[0]) for t in heads):
            carry = False  # 其中少数民族群众占比80%: a share of its own group, not of the total before
        if prev is not None and (carry or not heads):
            topic = prev.topic if not carry and any(v in local for v in self.topic_verbs) else None
            code = prev.indicator or topic
            c2 = self.compatible(code, unit, kind, loose=True) if code else None
            if c2 == code or c2 and sent.norm[lo:lo + 1] in ("、", "和", "及"):
                # a project count's listed money (科技项目5项、资金75万元) is the funding its term maps money to
                return Subject(c2, prev.subject, prev.term if c2 == code else None, inherited=True)
            if prev.indicator is None:
                return Subject(None, prev.subject, None, inherited=True)
        return Subject(None, local[-30:] or self._trim(sent.norm[clause_lo:n_num]))

    def refine(self, subj: Subject, sent: Sentence, clause_lo: int, lo: int, n_num: int, unit: str, kind: str,
               prev: Subject | None, t_lo: int = 0) -> Subject:
        """Rules read on the clause once its term is known (each from seeds/lexicon/subjects.toml):

        - beneficiary: a number right after 为 / 帮助 whose noun is followed by a service verb counts who
          benefits (为5,682家科技型中小企业发放贷款), not the indicator;
        - not_indicator: the words before the term say the count is not the indicator itself
          (组织申报高新技术企业142家 counts applications; 县财政安排科技专项资金 is the county's own budget);
          not_indicator_in_clause: words anywhere in the clause, before or after the number, do (培训干部600人次
          trains the bureau's own cadres);
        - audience_words: an audience in 人次 (受益群众, 参与公众) belongs to the activity counted before it;
        - a list item with the same head noun as the item before keeps its indicator (省级项目6项、市级项目11项);
        - clause_patterns: with no term, a pattern of the clause names the indicator (实施…项目 → st_projects);
        - clause_overrides: money the clause says was won (争取…资金) is that funding whatever it is called;
        - funding_of_counted_projects: money named only as received after a count of projects won from above;
        - ratio_of: a percentage of a base (GDP) whose subject is an amount is the ratio indicator
          (R&D投入58.6亿元,占GDP比重5.12% → R&D intensity);
        - foreign_rates: a rate of something else after the term (研发机构覆盖率) is not the term's indicator;
        - verb_indicators: a verb picks the indicator it implies among the clause's terms (选派…科技特派员);
        - topic_cues: only a count of applications leaves its indicator as a topic; `denied` marks what a
          not_indicator rule took away so that facts.py keeps it from the parts (其中…) as well.
        """
        norm = sent.norm
        clause = norm[clause_lo:n_num]
        if kind.startswith("money") and subj.indicator is not None and self.foreign_amounts.search(norm[lo:n_num]):
            return Subject(None, subj.subject)  # 科技保险为企业提供风险保障30亿元: the insured sum, not money of the term
        if subj.indicator is not None and self.problem_words.search(norm[lo:n_num]):
            return Subject(None, subj.subject)  # 协调解决用地、融资等问题64个: problems counted, not the term
        foreign_rate = kind in ("percent", "percent_point") and self.foreign_rates.search(norm[lo:n_num]) is not None
        if foreign_rate and subj.indicator is not None:
            return Subject(None, subj.subject)  # 研发机构覆盖率45%: a rate of something else
        for rx, code in self.verb_indicators:
            if subj.indicator not in (None, code) and rx.search(clause) and self.compatible(code, unit, kind) == code \
                    and any(c == code for _, _, _, c in self.matches(sent.toks(clause_lo, n_num))):
                subj = Subject(code, subj.subject, subj.term)  # 选派“三区”科技人才和科技特派员500名
        if kind.startswith("money") and clause_lo and self.project_money_clause.fullmatch(clause) \
                and self.project_clause.search(norm, clause_start(norm, clause_lo - 1), clause_lo - 1) \
                and self.compatible(self.project_funding, unit, kind) == self.project_funding:
            return Subject(self.project_funding, subj.subject)  # 争取省重大科技专项4项,获支持资金4,600万元
        if kind.startswith("money"):
            for code, rx in self.clause_overrides:
                if rx.search(clause) and self.compatible(code, unit, kind) == code \
                        and not self.denied_in_clause(code, norm, clause_lo, n_num):
                    return Subject(code, subj.subject, subj.term)
        if kind in ("percent", "percent_point"):
            base = subj.indicator if subj.indicator is not None else (prev.indicator if prev is not None else None)
            if base in self.ratio_of and (subj.indicator is not None or not subj.term):
                code = self.ratio_code(base, clause)
                if code != base:
                    return Subject(code, subj.subject, subj.term, inherited=subj.inherited)
        if subj.indicator is not None and not kind.startswith("money") \
                and self._kind_of_indicator(subj.indicator).startswith("money"):
            # a count named only by a money term (基金…人才项目40项): a clause pattern of a counted thing goes first
            for code, rx in self.clause_patterns:
                hit = rx.search(clause)
                if hit and not self._kind_of_indicator(code).startswith("money") \
                        and self.compatible(code, unit, kind, term=hit.group(0)) == code:
                    return Subject(code, subj.subject, None)
        if subj.indicator is not None and self.beneficiary_before.search(norm[lo:n_num]) \
                and self.beneficiary_after.match(norm, t_lo):
            return Subject(None, subj.subject)  # 为5,682家科技型中小企业发放贷款: who benefits, not what is counted
        if subj.indicator is not None:
            if self.denied_in_clause(subj.indicator, norm, clause_lo, n_num):
                return Subject(None, subj.subject, denied=subj.indicator)
            rx = self.not_indicator.get(subj.indicator)
            at = -1
            if rx and subj.inherited and not self.part_cue.match(norm, lo, n_num):
                # the clause goes on from a term before it: 安排…科技计划项目52项、资金1,800万元 (a part, 含非首次申报的5家,
                # is what its total is: facts.py)
                at = n_num
            elif rx and subj.term:
                at = norm.rfind(subj.term, clause_lo, n_num)
            hit = rx.search(norm[clause_lo:at]) if at >= 0 else None
            if hit:
                # not counted; after applications still the topic the next clause may count (申报142家, 通过认定98家)
                topic = subj.indicator if self.topic_cues.search(hit.group(0)) else None
                return Subject(None, subj.subject, topic=topic, denied=subj.indicator)
            return subj
        local = norm[lo:n_num]
        if prev is not None and prev.indicator is not None:
            fits = self.compatible(prev.indicator, unit, kind) == prev.indicator
            if fits and self._classes(unit) & {"people", "activity"} and self.audience.search(local):
                return Subject(prev.indicator, subj.subject, prev.term, inherited=True)
            if fits and local[:1] in ("、", "和", "及") and len(local) > 3 and prev.subject.endswith(local[-2:]):
                return Subject(prev.indicator, subj.subject, prev.term, inherited=True)
        if self._classes(unit) & {"people", "activity"} and self.audience.search(local):
            # the audience of an activity named earlier in the sentence (举办科普活动十余场,…,受益群众约1.2万人次)
            cand = [m for m in self.matches(sent.toks(0, lo), modifiers=True)
                    if self.compatible(m[3], unit, kind) == m[3]
                    and "activity" in self._classes(self.ind_unit.get(m[3], ""))]
            if cand:
                return Subject(cand[-1][3], subj.subject, None, inherited=True)
        clause = norm[clause_lo:n_num]
        if not subj.subject or subj.subject in self.generic:
            # 1348家企业通过评价入库, 12人入选…人才工程: the clause goes on after the number
            clause = norm[clause_lo:clause_end(norm, n_num)]
        if foreign_rate:
            return subj  # 项目结题率95%: a rate of something else than what the clause names
        for code, rx in self.clause_patterns:
            hit = rx.search(clause)
            if hit and self.compatible(code, unit, kind, term=hit.group(0)) == code \
                    and not self.denied_in_clause(code, norm, clause_lo, n_num):
                return Subject(code, subj.subject, None)
        return subj

    def segment_terms(self, text: str):
        """The terms of `text`, segmented on its own (a listed item, a table row's name)."""
        toks, pos = [], 0
        for w in self.seg.cut(text):
            toks.append((w, pos, pos + len(w)))
            pos += len(w)
        return self.matches(toks)

    @staticmethod
    def _trim(s: str, n: int = 30) -> str:
        s = LIST_MARKER.sub("", s.strip("、,，;；:：()（）").strip())
        return s[-n:]
