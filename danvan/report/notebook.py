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
from danvan.report import findings, plots, views
from danvan.report.quality import quality_tables
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.tables import ALL_TABLES

MAX_ROWS = 300  # longest table embedded in the report; the full table is in data/*.csv
_figure_number = 0


class Tables(dict):
    """The corpus tables by name (pandas DataFrames), plus the run record."""

    run: dict[str, Any]


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
    return tables


def esc(text: Any) -> str:
    """HTML-escaped text: article text is data, never markup."""
    return html.escape("" if text is None else str(text))


def table_html(df: pd.DataFrame, *, interactive: bool = False, max_rows: int = MAX_ROWS) -> str:
    """An escaped HTML table; long tables are cut to ``max_rows`` with a note."""
    shown = df.head(max_rows)
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


def show_figure(fig, name: str, caption: str, figures_dir: str | Path) -> None:
    """Save ``fig`` as PNG and SVG under ``figures_dir`` and show it embedded, with a numbered caption."""
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
    data = base64.b64encode(png.getvalue()).decode("ascii")
    show_html(
        f'<figure class="dv-figure"><img src="data:image/png;base64,{data}" alt="{esc(caption)}">'
        f"<figcaption><strong>Figure {_figure_number}.</strong> {esc(caption)}</figcaption></figure>"
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


@dataclass
class Notebook:
    """One notebook's workspace: the corpus tables, the modules that shape and draw them, and the show
    helpers, with figures saved under ``figures_dir``."""

    tables: Tables
    figures_dir: str | Path
    views: ModuleType = views
    plots: ModuleType = plots
    findings: ModuleType = findings
    theme_labels: dict[str, str] = field(default_factory=labels)

    @property
    def colors(self) -> dict[str, tuple]:
        """A fixed colour per province of the corpus."""
        return plots.province_colors(list(self.tables["articles"]["province"]))

    def show_figure(self, fig, name: str, caption: str) -> None:
        show_figure(fig, name, caption, self.figures_dir)

    show_html = staticmethod(show_html)
    show_table = staticmethod(show_table)
    show_list = staticmethod(show_list)
    show_run_record = staticmethod(show_run_record)
    show_quality_results = staticmethod(show_quality_results)


def setup(corpus: str = "seeds", data_dir: str = "", figures_dir: str | Path = "figures") -> Notebook:
    """The workspace of a notebook from its parameters (``CORPUS``, ``DATA_DIR``, ``FIGURES_DIR``)."""
    return Notebook(load_tables(corpus, data_dir), figures_dir)
