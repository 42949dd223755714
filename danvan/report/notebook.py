"""What the notebooks call: ``setup`` reads the parameters and returns the tables with the helpers that
show escaped tables and captioned figures."""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from danvan.extract.themes import labels
from danvan.paths import REPO_ROOT, resolve
from danvan.report import by_group, findings, groups, plots, tilemap, views
from danvan.report.groups import check_grouping, corpus_groups, noun
from danvan.report.quality import comparison_method, quality_tables
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.tables import ALL_TABLES

MAX_ROWS = 300  # longest table embedded in the report; the full table is in data/*.csv
_figure_number = 0


class Tables(dict):
    """The corpus tables by name (pandas DataFrames), plus the run record and what was computed from them
    once for all notebooks (``derived``: the comparisons, which take a while on a large corpus)."""

    run: dict[str, Any]
    derived: dict[tuple[str, str], pd.DataFrame]


def _read(folder: Path, name: str) -> pd.DataFrame:
    """One table with its contract's types: text as strings ("" when empty), numbers as numbers (missing:
    NaN, never the empty string)."""
    columns = ALL_TABLES[name]
    strings = {c: "string" for c, t in columns.items() if t == "str"}
    df = pd.read_csv(folder / f"{name}.csv", dtype=strings, keep_default_na=False)
    for column, kind in columns.items():
        if kind in ("int", "float") and column in df:
            df[column] = pd.to_numeric(df[column], errors="coerce")
    return df


_loaded: dict[tuple[str, str], Tables] = {}


def load_tables(corpus: str = "seeds", data_dir: str = "") -> Tables:
    """Tables of ``data_dir``; with no ``data_dir``, parse ``corpus`` into build/data first (cached).

    Loaded once per kernel: the report's notebooks share one kernel and one copy of the tables.
    """
    if (corpus, data_dir) not in _loaded:
        _loaded[(corpus, data_dir)] = _load(corpus, data_dir)
    return _loaded[(corpus, data_dir)]


def _load(corpus: str, data_dir: str) -> Tables:
    folder = resolve(data_dir) if data_dir else REPO_ROOT / "build" / "data"
    if not data_dir:
        parse_corpus(resolve(corpus), folder, ParseOptions(progress=False))
    tables = Tables({name: _read(folder, name) for name in ALL_TABLES})
    tables.run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    tables.derived = {}
    return tables


def esc(text: Any) -> str:
    """HTML-escaped text: article text is data, never markup."""
    return html.escape("" if text is None else str(text))


def table_html(df: pd.DataFrame, *, interactive: bool = False, max_rows: int = MAX_ROWS) -> str:
    """An escaped HTML table; long tables are cut to ``max_rows`` with a note."""
    shown = df.head(max_rows).rename_axis(columns=None)  # a name over the columns is no column
    classes = ["dv-table"] + (["dv-interactive"] if interactive else [])
    table = shown.to_html(index=False, escape=True, classes=classes, border=0, na_rep="", float_format=_fmt)
    note = ""
    if len(df) > max_rows:
        note = (
            f'<p class="dv-note">Showing the first {max_rows:,} of {len(df):,} rows; '
            "the full table is in the CSV.</p>"
        )
    return f'<div class="dv-table-wrap">{table}</div>{note}'


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def show_html(markup: str) -> None:
    display(HTML(markup))


def show_table(
    df: pd.DataFrame, caption: str = "", *, interactive: bool = False, max_rows: int = MAX_ROWS
) -> None:
    """Display ``df`` escaped, with an optional caption above it."""
    head = f'<p class="dv-note"><strong>{esc(caption)}</strong></p>' if caption else ""
    show_html(head + table_html(df, interactive=interactive, max_rows=max_rows))


def show_list(items: list[str], css_class: str = "") -> None:
    """An escaped bullet list."""
    lis = "".join(f"<li>{esc(item)}</li>" for item in items)
    show_html(f'<ul class="{esc(css_class)}">{lis}</ul>')


def show_figure(
    fig,
    name: str,
    caption: str,
    figures_dir: str | Path,
    data: pd.DataFrame | list[pd.DataFrame] | None = None,
) -> None:
    """Save ``fig`` as PNG and SVG under ``figures_dir`` and show it embedded, with a numbered caption, and
    the numbers it draws (``data``) in a table that opens under it."""
    global _figure_number
    _figure_number += 1
    folder = resolve(figures_dir)
    folder.mkdir(parents=True, exist_ok=True)
    bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(0.1)  # once for both files
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=110, bbox_inches=bbox, metadata={"Software": None})
    (folder / f"{name}.png").write_bytes(png.getvalue())
    fig.savefig(
        folder / f"{name}.svg", format="svg", bbox_inches=bbox, metadata={"Date": None, "Creator": None}
    )
    plt.close(fig)
    image = base64.b64encode(png.getvalue()).decode("ascii")
    table = ""
    if data is not None:
        frames = data if isinstance(data, list) else [data]
        table = (
            f'<details class="dv-data"><summary>The numbers behind figure {_figure_number}</summary>'
            f"{''.join(table_html(frame) for frame in frames)}</details>"
        )
    show_html(
        f'<figure class="dv-figure"><img src="data:image/png;base64,{image}" alt="{esc(caption)}">'
        f"<figcaption><strong>Figure {_figure_number}.</strong> {esc(caption)}</figcaption></figure>{table}"
    )


def show_run_record(run: dict[str, Any]) -> None:
    """What was parsed, with which versions: enough to rebuild the same report."""
    versions = ", ".join(f"{k} {v}" for k, v in run["versions"].items())
    show_list(
        [
            f"Corpus folder “{run['corpus']}”: {run['files']} files, {run['parsed']} parsed, "
            f"{run['rejected']} set aside.",
            f"Corpus fingerprint (SHA-256 over file names and contents): {run['corpus_sha256']}",
            f"Extractor version (hash of danvan's code and vocabulary): {run['extractor_version']}",
            f"Package versions: {versions}",
        ]
    )


def show_quality_results() -> None:
    """Quote the measured precision and recall from bench/RESULTS.md (written by the bench scripts)."""
    tables = quality_tables(REPO_ROOT / "bench" / "RESULTS.md")
    if not tables:
        show_html('<p class="dv-note">No measured quality results were found (run make bench).</p>')
    for caption, frame in tables:
        show_table(frame, caption)


def show_comparison_method() -> None:
    """How provinces are compared: unit, statistic, threshold, and the false-alarm rate bench/RESULTS.md
    records."""
    show_list(comparison_method(REPO_ROOT / "bench" / "RESULTS.md"))


@dataclass
class Notebook:
    """One notebook's workspace: the corpus tables, the modules that shape and draw them, and the show
    helpers, with figures saved under ``figures_dir``."""

    tables: Tables
    figures_dir: str | Path
    by: str = "province"
    views: ModuleType = views
    groups: ModuleType = groups
    by_group: ModuleType = by_group
    plots: ModuleType = plots
    tilemap: ModuleType = tilemap
    findings: ModuleType = findings
    theme_labels: dict[str, str] = field(default_factory=labels)

    @property
    def base(self) -> pd.DataFrame:
        """The groups of the corpus with their articles and words (one definition for every section)."""
        return corpus_groups(self.tables["articles"], self.by)

    def labelled(
        self, frame: pd.DataFrame, extra: pd.Series | None = None, noun_extra: str = ""
    ) -> pd.DataFrame:
        """``frame`` (one row per group) with each row's label carrying its base, for a chart."""
        return groups.labelled(frame, self.base, extra, noun_extra)

    def with_base(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (one row per group) as a table: group, articles, words, then its columns."""
        return groups.with_base(frame, self.base)

    @property
    def group_noun(self) -> str:
        return noun(self.by, 1)

    @property
    def colors(self) -> dict[str, tuple]:
        """A fixed colour per group of the corpus."""
        return plots.province_colors(list(self.base.index))

    def comparison(self, kind: str) -> pd.DataFrame:
        """The groups compared with the rest of the corpus on themes (``kind`` "themes") or on sentence roles
        ("roles"), computed once per corpus and grouping."""
        key = (kind, self.by)
        if key not in self.tables.derived:
            articles = self.tables["articles"]
            if kind == "themes":
                result = by_group.theme_comparison(
                    self.tables["themes"], articles, self.theme_labels, self.by
                )
            else:
                result = by_group.role_comparison(self.tables["sentences"], articles, self.by)
            self.tables.derived[key] = result
        return self.tables.derived[key]

    def key_findings(self) -> list[str]:
        comparisons = {kind: self.comparison(kind) for kind in ("themes", "roles")}
        return findings.key_findings(self.tables, self.theme_labels, self.by, comparisons)

    def show_figure(
        self, fig, name: str, caption: str, data: pd.DataFrame | list[pd.DataFrame] | None = None
    ) -> None:
        show_figure(fig, name, caption, self.figures_dir, data)

    show_html = staticmethod(show_html)
    show_table = staticmethod(show_table)
    show_list = staticmethod(show_list)
    show_run_record = staticmethod(show_run_record)
    show_quality_results = staticmethod(show_quality_results)
    show_comparison_method = staticmethod(show_comparison_method)


def setup(
    corpus: str = "seeds", data_dir: str = "", figures_dir: str | Path = "figures", group_by: str = "province"
) -> Notebook:
    """The workspace of a notebook from its parameters (``CORPUS``, ``DATA_DIR``, ``FIGURES_DIR``,
    ``GROUP_BY``: "province", "province_2025" or "region")."""
    return Notebook(load_tables(corpus, data_dir), figures_dir, check_grouping(group_by))
