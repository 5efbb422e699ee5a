"""Raw report files -> one cleaned document row each, with its metadata (see docs/contracts.md)."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from transforms.clean import CleaningRules, clean_text, compile_rules
from transforms.decode import decode_bytes
from transforms.metadata import (
    MetadataRules,
    PlaceIndex,
    compile_metadata_rules,
    doc_type,
    find_bureau,
    find_title,
    published_on,
    report_year,
)
from transforms.sections import (
    HeadingRules,
    compile_heading_rules,
    cued_part,
    find_headings,
)
from transforms.script import reading, script_rules
from transforms.seeds import Seeds
from transforms.tables import compile_table_rules

SCHEMA = {
    "doc": pl.String,
    "encoding": pl.String,
    "error": pl.String,
    "text": pl.String,
    "title": pl.String,
    "bureau": pl.String,
    "province": pl.String,
    "city": pl.String,
    "county": pl.String,
    "admin_level": pl.String,
    "doc_type": pl.String,
    "report_year": pl.Int32,
    "published_on": pl.Date,
}


@dataclass(frozen=True)
class DocumentRules:
    cleaning: CleaningRules
    headings: HeadingRules
    metadata: MetadataRules
    places: PlaceIndex


def compile_document_rules(seeds: Seeds) -> DocumentRules:
    return DocumentRules(
        cleaning=compile_rules(seeds.lexicon["cleaning"], seeds.units["surface"].to_list(), script_rules(seeds),
                               compile_table_rules(seeds.lexicon["tables"])),
        headings=compile_heading_rules(seeds.lexicon["headings"]),
        metadata=compile_metadata_rules(seeds.lexicon["metadata"]),
        places=PlaceIndex(seeds.places),
    )


def report_parts(text: str, year: int | None, rules: DocumentRules) -> tuple[set[str], float]:
    """The parts (summary / plan) that the report's top-level headings announce, and the share
    of the text's characters in the plan part: from a top-level heading that opens it to the
    next top-level heading that opens a summary part, or the end of the text."""
    headings = find_headings(text, rules.headings)
    if not headings:
        return set(), 0.0
    top = min(h.depth for h in headings)
    tops = [h for h in headings if h.depth == top]
    cues = [cued_part(h.heading, year, rules.headings) for h in tops]
    plan_chars, current = 0, None
    for i, (heading, cue) in enumerate(zip(tops, cues)):
        current = cue or current
        if current == "plan":
            end = tops[i + 1].start if i + 1 < len(tops) else len(text)
            plan_chars += end - heading.start
    return set(cues) - {None}, plan_chars / len(text) if text else 0.0


def document_row(doc: str, content: bytes | None, rules: DocumentRules) -> dict:
    row = dict.fromkeys(SCHEMA) | {"doc": doc}
    decoded = decode_bytes(content)
    row["encoding"] = decoded.encoding
    if decoded.error:
        return row | {"error": decoded.error}
    text = clean_text(decoded.text, rules.cleaning)
    if not text.strip():
        return row | {"error": "no text: nothing left after cleaning"}
    read = reading(text, rules.cleaning.script)  # the rules read simplified characters; offsets are the same
    title = find_title(read, rules.metadata)
    signed = published_on(read, rules.metadata, raw=reading(decoded.text, rules.cleaning.script))
    year = report_year(title, read, rules.metadata)
    parts, plan_share = report_parts(read, year, rules)
    kind = doc_type(title, parts, rules.metadata, plan_share)
    if year is None:
        year = report_year(title, read, rules.metadata, kind, signed)
        parts, plan_share = report_parts(read, year, rules)
        kind = doc_type(title, parts, rules.metadata, plan_share)
    bureau = find_bureau(title, read, rules.places, rules.metadata)
    place = bureau.place if bureau else None
    if title and read is not text and title in read:
        at = read.index(title)
        title = text[at:at + len(title)]  # as written
    return row | {
        "text": text,
        "title": title,
        "bureau": bureau.name if bureau else None,
        "province": place.province if place else None,
        "city": place.city if place else None,
        "county": place.county if place else None,
        "admin_level": place.level if place else None,
        "doc_type": kind,
        "report_year": year,
        "published_on": signed,
    }


def build_documents(raw: pl.DataFrame, seeds: Seeds) -> pl.DataFrame:
    rules = compile_document_rules(seeds)
    rows = [document_row(r["doc"], r["content"], rules) for r in raw.select("doc", "content").iter_rows(named=True)]
    return pl.DataFrame(rows, schema=SCHEMA, orient="row") if rows else pl.DataFrame(schema=SCHEMA)
