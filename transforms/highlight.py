"""A report's text with every extracted fact highlighted and its fields beside it (one HTML page).

`highlight_html(text, facts, title=None)` is pure: text + facts frame → HTML string. Each mention
is a <mark> linked to a row of the table of fields; hovering a mark shows its fields too.
"""
from __future__ import annotations

import html

import polars as pl

FIELDS = ("value", "value_high", "unit", "raw_unit", "qualifier", "status", "measure", "period_year",
          "indicator", "subject", "placeholder", "optional")
STATUS_COLOURS = {"actual": "#c8f0c8", "target": "#c8dcff", "estimate": "#ffe2b0"}

CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;display:flex;gap:1rem}
#text{flex:3;white-space:pre-wrap;line-height:1.9;padding:1rem;max-width:60rem}
#facts{flex:2;padding:1rem;font-size:12px;max-height:100vh;overflow:auto;position:sticky;top:0}
mark{border-radius:3px;padding:0 1px;cursor:pointer}
mark.null{outline:2px dashed #d33}
mark sup{font-size:9px;color:#555}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
tr:target{background:#ff9}
.legend span{padding:0 .4em;margin-right:.5em}
"""


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.10g}"
    return str(v)


def highlight_html(text: str, facts: pl.DataFrame, title: str | None = None) -> str:
    rows = sorted(facts.to_dicts(), key=lambda r: (r["span_start"], -r["span_end"])) if facts.height else []
    parts, pos = [], 0
    for i, r in enumerate(rows, 1):
        s, e = int(r["span_start"]), int(r["span_end"])
        if s < pos:  # overlapping mention: list it in the table only
            continue
        parts.append(html.escape(text[pos:s]))
        tip = " · ".join(f"{k}={_fmt(r.get(k))}" for k in FIELDS if r.get(k) is not None)
        colour = STATUS_COLOURS.get(r.get("status"), "#eee")
        cls = ' class="null"' if r.get("value") is None else ""
        parts.append(f'<a href="#f{i}"><mark{cls} style="background:{colour}" title="{html.escape(tip)}">'
                     f'{html.escape(text[s:e])}<sup>{i}</sup></mark></a>')
        pos = e
    parts.append(html.escape(text[pos:]))
    head = "".join(f"<th>{k}</th>" for k in ("#", "mention") + FIELDS)
    body = []
    for i, r in enumerate(rows, 1):
        cells = [str(i), html.escape(r["mention"] or "").replace("\n", "⏎")] + [html.escape(_fmt(r.get(k))) for k in FIELDS]
        body.append(f'<tr id="f{i}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    legend = "".join(f'<span style="background:{c}">{k}</span>' for k, c in STATUS_COLOURS.items())
    t = html.escape(title or "facts")
    return (f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{t}</title><style>{CSS}</style>'
            f'</head><body><div id="text"><h2>{t}</h2><div class="legend">{legend}'
            f'<span style="outline:2px dashed #d33">value null</span> {len(rows)} facts</div>'
            f'{"".join(parts)}</div><div id="facts"><table><tr>{head}</tr>{"".join(body)}</table></div>'
            f"</body></html>")
