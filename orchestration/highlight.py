"""`sti-highlight DOC`: write warehouse/reports/<doc>.html, the report's text with its facts highlighted.

Reads `documents` and `facts` of one document from the warehouse DuckDB file (read-only; path from
STI_WAREHOUSE, default warehouse/warehouse.duckdb).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from orchestration.resources import warehouse_path_from_env
from transforms.highlight import highlight_html


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("doc", help="document id (file name without extension), or a unique prefix of it")
    ap.add_argument("--db", default=warehouse_path_from_env(), help="default: STI_WAREHOUSE or warehouse/warehouse.duckdb")
    ap.add_argument("--out-dir", default=None, help="default: reports/ next to the DuckDB file")
    args = ap.parse_args(argv)
    db = Path(args.db)
    if not db.exists():
        print(f"no warehouse at {db}", file=sys.stderr)
        return 2
    con = duckdb.connect(str(db), read_only=True)
    try:
        docs = con.sql("SELECT doc, text, title FROM documents WHERE doc = $d OR starts_with(doc, $d) ORDER BY doc",
                       params={"d": args.doc}).pl()
        if docs.height != 1:
            print(f"{docs.height} documents match {args.doc!r}", file=sys.stderr)
            return 2
        doc = docs["doc"][0]
        facts = con.sql("SELECT * FROM facts WHERE doc = $d ORDER BY span_start", params={"d": doc}).pl()
    finally:
        con.close()
    out_dir = Path(args.out_dir) if args.out_dir else db.parent / "reports"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{doc}.html"
    out.write_text(highlight_html(docs["text"][0] or "", facts, docs["title"][0] or doc), encoding="utf-8")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
