"""indicator_charts: the main indicators compared across bureaus, as PNG + HTML and in the Dagster UI.

No `from __future__ import annotations` here: Dagster 1.13 checks the `context` annotation as an
object, and a string annotation fails its check.
"""
import base64
import glob
import hashlib
import logging
from pathlib import Path

import dagster as dg
import polars as pl

from orchestration.metadata import markdown_table
from orchestration.resources import Warehouse
from orchestration.seeds import load_seeds

CHART_NAME = "indicator_comparison"
MAX_PANELS = 10
MAX_BUREAUS_PER_PANEL = 25
STATUS_COLORS = {"actual": "#4c78a8", "target": "#f58518", "estimate": "#54a24b"}
MEASURE_ZH = {"level": "总量", "share": "比重", "increase": "新增"}
# unit names for the ASCII fallback (no CJK font)
UNIT_ASCII = {"家": "units", "亿元": "100M yuan", "%": "%", "人": "persons", "人次": "person-times", "项": "items",
              "场次": "sessions", "个": "count", "次": "times"}
CJK_FAMILY = "Noto Sans CJK SC"
# Debian's fonts-noto-cjk and similar system packages, used when the PyPI font package is absent
SYSTEM_CJK_GLOBS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK*",
    "/usr/share/fonts/truetype/noto/NotoSansCJK*",
    "/usr/share/fonts/**/NotoSansCJK*",
)

# The chart's data: every bureau's headline value (level, or share for an indicator in %) and, for
# indicators counted in 家, its increase, in the indicator's canonical unit.
CHART_DATA_SQL = """
SELECT
    bureau_key, bureau_label, indicator, indicator_name, indicator_unit AS unit, measure,
    period_year, status, value, value_high, qualifier, mention, doc
FROM indicator_mart
WHERE value IS NOT NULL
  AND unit = indicator_unit
  AND (measure = CASE WHEN indicator_unit = '%' THEN 'share' ELSE 'level' END
       OR (measure = 'increase' AND indicator_unit = '家'))
ORDER BY indicator, measure, bureau_label, period_year, status
"""

def embedded_png(png: Path) -> str:
    """Markdown showing the PNG inline (the Dagster UI renders data URIs)."""
    return f"![chart](data:image/png;base64,{base64.b64encode(png.read_bytes()).decode('ascii')})"


_registered_font: tuple[str | None, str] | None = None


def cjk_font() -> tuple[str | None, str]:
    """(font family, where it comes from) of a CJK font registered with vl-convert, or (None, reason).

    First the `noto-cjk-sans-otc` package (a project dependency: Noto Sans CJK from PyPI), then a
    system font (Debian's fonts-noto-cjk). Registered once per process."""
    global _registered_font
    if _registered_font is not None:
        return _registered_font
    import vl_convert

    directories: list[tuple[Path, str]] = []
    try:
        import noto_cjk_sans_otc

        directories.append((Path(str(noto_cjk_sans_otc.FONT_PATH)).parent, "noto-cjk-sans-otc (PyPI)"))
    except ImportError:
        pass
    for pattern in SYSTEM_CJK_GLOBS:
        for found in sorted(glob.glob(pattern, recursive=True)):
            directories.append((Path(found).parent, f"system font {found}"))
    for directory, source in directories:
        if directory.is_dir():
            try:
                vl_convert.register_font_directory(str(directory))
            except Exception as exc:  # noqa: BLE001 - try the next font
                logging.getLogger(__name__).warning("could not register font directory %s: %s", directory, exc)
                continue
            _registered_font = (CJK_FAMILY, source)
            return _registered_font
    _registered_font = (None, "no CJK font found: labels fall back to codes")
    return _registered_font


def chart_frame(data: pl.DataFrame, cjk: bool) -> tuple[pl.DataFrame, list[str], pl.DataFrame]:
    """The rows to draw (at most MAX_PANELS panels, those comparing most bureaus first), the
    panel keys, and the legend of bureau labels (used when labels must be ASCII)."""
    if data.is_empty():
        return data, [], pl.DataFrame()
    data = data.with_columns(
        panel=pl.col("indicator") + pl.lit(":") + pl.col("measure"),
    )
    # the panels that compare most bureaus first; on a tie levels and shares before increases, then
    # the order of seeds/indicators.csv (the spec's order: high_tech_enterprises first)
    rank = {code: i for i, code in enumerate(load_seeds().indicators["code"].to_list())}
    panels = (
        data.group_by("panel", "indicator", "measure")
        .agg(pl.col("bureau_key").n_unique().alias("bureaus"))
        .with_columns(
            headline=(pl.col("measure") != "increase"),
            rank=pl.col("indicator").replace_strict(rank, default=len(rank), return_dtype=pl.Int64),
        )
        .sort(["bureaus", "headline", "rank", "panel"], descending=[True, True, False, False])
        .head(MAX_PANELS)
    )
    keys = panels["panel"].to_list()
    data = data.filter(pl.col("panel").is_in(keys))
    # a chart of every bureau of a province and year is unreadable (and slow to draw): each panel
    # shows each bureau's latest year and the bureaus with the largest values; the mart and the
    # views hold them all
    data = data.filter(
        pl.col("period_year").fill_null(0) == pl.col("period_year").fill_null(0).max().over("panel", "bureau_key")
    )
    bureau_rank = (
        data.group_by("panel", "bureau_key").agg(pl.col("value").max().alias("top_value"))
        .with_columns(
            rank=pl.col("top_value").rank("ordinal", descending=True).over("panel"),
            shown=pl.len().over("panel"),
        )
    )
    data = (
        data.join(bureau_rank, on=["panel", "bureau_key"])
        .filter(pl.col("rank") <= MAX_BUREAUS_PER_PANEL)
        .with_columns(panel_bureaus=pl.col("shown"))
        .drop("top_value", "rank", "shown")
    )
    bureaus = data.select("bureau_key", "bureau_label").unique().sort("bureau_label")
    legend = bureaus.with_columns(code=pl.format("B{}", pl.int_range(1, pl.len() + 1)))
    data = data.join(legend.select("bureau_key", "code"), on="bureau_key", how="left")
    who = pl.col("bureau_label") if cjk else pl.col("code")
    data = data.with_columns(
        unit_label=pl.col("unit") if cjk else pl.col("unit").replace_strict(UNIT_ASCII, default=pl.lit("unit")),
    )
    data = data.with_columns(
        row_label=who + pl.lit(" ") + pl.col("period_year").cast(pl.String).fill_null("?"),
        title=(
            pl.col("indicator_name") + pl.lit(" · ")
            + pl.col("measure").replace_strict(MEASURE_ZH, default=pl.col("measure"))
            + pl.lit("（") + pl.col("unit") + pl.lit("）")
            if cjk else pl.col("indicator") + pl.lit(" / ") + pl.col("measure") + pl.lit(" (") + pl.col("unit_label") + pl.lit(")")
        ) + pl.when(pl.col("panel_bureaus") > MAX_BUREAUS_PER_PANEL).then(
            pl.format(" top {} / {}", pl.lit(MAX_BUREAUS_PER_PANEL), pl.col("panel_bureaus"))
        ).otherwise(pl.lit("")),
    )
    return data, keys, legend


def build_chart(data: pl.DataFrame, keys: list[str], font: str | None):
    """An Altair chart: one horizontal bar panel per indicator and measure, bureaus (and year) as
    rows, the status (actual / target / estimate) as colour, each panel on its own scale."""
    import altair as alt

    if not keys:
        chart = alt.Chart(pl.DataFrame({"text": ["no indicator values in the mart"]})).mark_text(size=14).encode(
            text="text:N"
        ).properties(width=400, height=60)
    else:
        color = alt.Color(
            "status:N", title="status",
            scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
        )
        tooltip = ["bureau_label:N", "period_year:O", "status:N", "value:Q", "value_high:Q", "unit:N",
                   "qualifier:N", "mention:N", "doc:N"]
        panels = []
        for key in keys:
            rows = data.filter(pl.col("panel") == key)
            title = rows["title"][0]
            base = alt.Chart(rows).encode(
                y=alt.Y("row_label:N", title=None, sort="ascending"),
                yOffset=alt.YOffset("status:N", scale=alt.Scale(domain=list(STATUS_COLORS))),
                x=alt.X("value:Q", title=rows["unit_label"][0]),
                color=color,
                tooltip=tooltip,
            )
            bars = base.mark_bar()
            labels = base.mark_text(align="left", dx=3, fontSize=10).encode(
                text=alt.Text("value:Q", format=",.4~g"), color=alt.value("#333")
            )
            panels.append((bars + labels).properties(title=title, width=420, height=alt.Step(14)))
        chart = alt.vconcat(*panels, spacing=24).resolve_scale(x="independent", y="independent")
        chart = chart.properties(title="科技局主要指标对比" if font else "Main indicators by bureau")
    if font:
        chart = chart.configure(font=font)
    return chart


def write_outputs(chart, png: Path, html: Path, log: logging.Logger | dg.DagsterLogManager) -> dict[str, str | None]:
    """Write the HTML (always) and the PNG (when vl-convert can render it). Failures are logged as
    warnings and returned, never raised: the warehouse build goes on."""
    errors: dict[str, str | None] = {"png": None, "html": None}
    png.parent.mkdir(parents=True, exist_ok=True)
    try:
        chart.save(str(html), inline=True)  # self-contained: opens offline
    except Exception as exc:  # noqa: BLE001
        log.warning(f"chart HTML with inlined Vega could not be written ({exc}); writing it with CDN scripts")
        try:
            html.write_text(chart.to_html(), encoding="utf-8")
        except Exception as exc2:  # noqa: BLE001
            errors["html"] = f"{type(exc2).__name__}: {exc2}"
            log.warning(f"chart HTML not written: {errors['html']}")
    try:
        chart.save(str(png), scale_factor=1.0)
    except Exception as exc:  # noqa: BLE001
        errors["png"] = f"{type(exc).__name__}: {exc}"
        log.warning(f"chart PNG not rendered, the HTML is still written: {errors['png']}")
        png.unlink(missing_ok=True)  # no stale picture of an older mart
    return errors


@dg.asset(group_name="mart", kinds={"altair"}, deps=["published_warehouse"])
def indicator_charts(context: dg.AssetExecutionContext, warehouse: Warehouse) -> dg.MaterializeResult:
    """The main indicators compared across bureaus: one bar panel per indicator (its level, or share
    for an indicator in %, and the 新增 of indicators counted in 家; up to 10 panels, those that
    compare most bureaus first; each bureau's latest year, the 25 largest per panel), bureaus as rows,
    actual / target / estimate as colour. Written as PNG and HTML to `reports/` next to the
    published warehouse (warehouse/reports/indicator_comparison.{png,html}) and shown here.

    Drawn after the warehouse is published (so a new report is readable without waiting for the
    chart) and only when the charted data changed. A chart that cannot be rendered logs a warning with the
    reason and keeps the HTML; it does not stop the build. Chinese labels use Noto Sans CJK (PyPI
    package noto-cjk-sans-otc, else Debian's fonts-noto-cjk); with neither, labels fall back to
    indicator codes and bureau codes (B1, B2, … listed below)."""
    reports_dir = warehouse.published_path.parent / "reports"
    png, html = reports_dir / f"{CHART_NAME}.png", reports_dir / f"{CHART_NAME}.html"
    with warehouse.connect() as con:
        data = con.sql(CHART_DATA_SQL).pl()
    digest = hashlib.sha256(data.write_csv().encode("utf-8")).hexdigest()
    digest_file = reports_dir / f".{CHART_NAME}.sha256"
    if png.exists() and html.exists() and digest_file.exists() and digest_file.read_text() == digest:
        context.log.info("charted data unchanged: chart kept")
        return dg.MaterializeResult(metadata={
            "chart": dg.MetadataValue.md(embedded_png(png)),
            "redrawn": False,
            "png": dg.MetadataValue.path(str(png)),
            "html": dg.MetadataValue.path(str(html)),
        })

    font, font_source = cjk_font()
    if font is None:
        context.log.warning(f"{font_source}; install noto-cjk-sans-otc or Debian's fonts-noto-cjk for Chinese labels")
    errors: dict[str, str | None]
    try:
        rows, keys, legend = chart_frame(data, cjk=font is not None)
        chart = build_chart(rows, keys, font)
        errors = write_outputs(chart, png, html, context.log)
    except Exception as exc:  # noqa: BLE001 - a chart must never stop the warehouse
        reason = f"{type(exc).__name__}: {exc}"
        context.log.warning(f"chart not built: {reason}")
        reports_dir.mkdir(parents=True, exist_ok=True)
        html.write_text(f"<html><body><p>chart not built: {reason}</p></body></html>", encoding="utf-8")
        png.unlink(missing_ok=True)
        rows, keys, legend = data, [], pl.DataFrame()
        errors = {"png": reason, "html": None}

    if errors["png"] is None and png.exists():
        shown = embedded_png(png)
        digest_file.write_text(digest)
    else:
        shown = f"_chart not rendered: {errors['png']}_ — see the HTML at `{html}`"
    if font is None and not legend.is_empty():
        shown += "\n\nBureaus:\n\n" + markdown_table(legend.select("code", "bureau_label", "bureau_key")).value
    metadata = {
        "chart": dg.MetadataValue.md(shown),
        "panels": len(keys),
        "bureaus": rows["bureau_key"].n_unique() if not rows.is_empty() else 0,
        "font": font_source,
        "png": dg.MetadataValue.path(str(png)),
        "html": dg.MetadataValue.path(str(html)),
        "png_error": errors["png"] or "",
        "redrawn": True,
    }
    return dg.MaterializeResult(metadata=metadata)
