"""Smoke test of the benchmark corpus generator (benchmarks/make_corpus.py), so it cannot rot."""
from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parents[1] / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module")
def make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("gb18030")


def test_corpus_is_deterministic_and_varied(make_corpus, tmp_path):
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    make_corpus.main(["--n", "20", "--seed", "3", "--out", str(first)])
    make_corpus.main(["--n", "20", "--seed", "3", "--out", str(second)])
    make_corpus.main(["--n", "20", "--seed", "4", "--out", str(other)])
    corpus = files(first)
    assert len(corpus) == 20
    assert corpus == files(second), "same seed, same bytes"
    assert set(corpus.values()).isdisjoint(files(other).values()), "another seed, other reports"

    # some files are GB18030 and not valid UTF-8, and decode to Chinese text
    gb = []
    for content in corpus.values():
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            gb.append(content)
    assert gb, "no GB18030 file"
    assert all(re.search(r"[\u4e00-\u9fff]{20}", c.decode("gb18030")) for c in gb)

    texts = [decode(c).replace("\r\n", "\n") for c in corpus.values()]
    # PDF layout: some number is cut from its unit by a line break
    assert any(re.search(r"\d\n(万元|亿元|家|个|项|人|名|件|次|%)", t) for t in texts)
    # every report names a bureau and a year, and they vary
    bureaus = {m.group(0) for t in texts for m in [re.search(r"\S{2,20}?(科学技术局|科技局|科学技术厅)", t)] if m}
    years = {int(m.group(1)) for t in texts for m in [re.search(r"(20[12]\d)年", t)] if m}
    assert len(bureaus) >= 10 and len(years) >= 4
    # recombined, not copied: no report is a sample, and the reports share no first 200 characters
    assert len({t[:200] for t in texts}) == 20
    # a prefix of a larger corpus: report i depends only on (seed, i)
    assert make_corpus.generate_report(3, 5).content in corpus.values()
