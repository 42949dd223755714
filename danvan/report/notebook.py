"""What the notebooks call: ``setup`` reads the parameters and returns the tables with the helpers that
show escaped tables and captioned figures."""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from danvan.extract.themes import labels
from danvan.ingest.read import list_files
from danvan.paths import REPO_ROOT, resolve
from danvan.report import by_group, findings, groups, indicators, model_views, plots, tilemap, views
from danvan.report.filters import Filters, apply
from danvan.report.groups import check_grouping, corpus_groups, noun
from danvan.report.quality import comparison_method, quality_tables
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from danvan.run.writer import restore
from danvan.tables import ALL_TABLES

MAX_ROWS = 300  # longest table embedded in the report; the full table is in data/*.csv
_numbers = {"Figure": 0, "Table": 0}  # captions are numbered in the order they are shown, per kernel


def _numbered(kind: str) -> str:
    _numbers[kind] += 1
    return f"{kind} {_numbers[kind]}."


class Tables(dict):
    """The corpus tables by name (pandas DataFrames), plus the run record and what was computed from them
    once for all notebooks (``derived``: the comparisons, which take a while on a large corpus)."""

    run: dict[str, Any]
    derived: dict  # per filter: {(kind, grouping): comparison}


def _read(folder: Path, name: str, neutralised: bool = True) -> pd.DataFrame:
    """One table with its contract's types: text as strings ("" when empty), numbers as numbers (missing:
    NaN, never the empty string)."""
    columns = ALL_TABLES[name]
    strings = {c: "string" for c, t in columns.items() if t == "str"}
    df = pd.read_csv(folder / f"{name}.csv", dtype=strings, keep_default_na=False)
    if neutralised:  # the report shows the text as the article wrote it
        for column in strings:
            if column in df:
                df[column] = df[column].map(restore)
    for column, kind in columns.items():
        if kind in ("int", "float") and column in df:
            df[column] = pd.to_numeric(df[column], errors="coerce")
    return df


_loaded: dict[tuple[str, str], tuple[tuple, Tables]] = {}


def load_tables(corpus: str = "seeds", data_dir: str = "") -> Tables:
    """Tables of ``data_dir``; with no ``data_dir``, parse ``corpus`` into build/data first (cached).

    Loaded once per kernel while the corpus (or ``data_dir``'s run) stays the same: the report's notebooks
    share one kernel and one copy of the tables; a file added, changed or removed loads them anew.
    """
    state = _state(corpus, data_dir)
    known = _loaded.get((corpus, data_dir))
    if known is None or known[0] != state:
        _loaded[(corpus, data_dir)] = (state, _load(corpus, data_dir))
    return _loaded[(corpus, data_dir)][1]


def _state(corpus: str, data_dir: str) -> tuple:
    """What the tables depend on, cheaply: every corpus file's name, size and modification time (or the
    run record of ``data_dir``)."""
    if data_dir:
        run = resolve(data_dir) / "run.json"
        return (run.stat().st_mtime_ns, run.stat().st_size) if run.exists() else ()
    folder = resolve(corpus)
    return (
        tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in list_files(folder))
        if folder.is_dir()
        else ()
    )


def _load(corpus: str, data_dir: str) -> Tables:
    folder = resolve(data_dir) if data_dir else REPO_ROOT / "build" / "data"
    if not data_dir:
        parse_corpus(resolve(corpus), folder, ParseOptions(progress=False))
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    neutralised = run.get("csv_text") != "raw"
    tables = Tables({name: _read(folder, name, neutralised) for name in ALL_TABLES})
    tables.run = run
    tables.derived = {}
    return tables


def esc(text: Any) -> str:
    """HTML-escaped text: article text is data, never markup."""
    return html.escape("" if text is None else str(text))


def _year(value: Any) -> str:
    """A year as digits ("2020", never "2,020"); a label such as "(undated)" as it is."""
    if pd.isna(value) or value == "":
        return ""
    try:
        return str(int(float(value)))
    except (TypeError, ValueError):
        return str(value)


def table_html(df: pd.DataFrame, *, interactive: bool = False, max_rows: int = MAX_ROWS) -> str:
    """An escaped HTML table; long tables are cut to ``max_rows`` with a note."""
    shown = df.head(max_rows).rename_axis(columns=None).copy()  # a name over the columns is no column
    for column in shown.columns:
        if "year" in str(column).lower():  # 2020, never "2,020"
            shown[column] = shown[column].map(_year)
    classes = ["dv-table"] + (["dv-interactive"] if interactive else [])
    table = shown.to_html(index=False, escape=True, classes=classes, border=0, na_rep="", float_format=_fmt)
    table = table.replace(' style="text-align: right;"', "")  # no inline styles: the page's CSP allows none
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
    """Display ``df`` escaped, with an optional caption above it, numbered "Table N."."""
    head = f'<p class="dv-note"><strong>{_numbered("Table")} {esc(caption)}</strong></p>' if caption else ""
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
    number = _numbered("Figure")
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
            f'<details class="dv-data"><summary>The numbers behind {number.lower().rstrip(".")}</summary>'
            f"{''.join(table_html(frame) for frame in frames)}</details>"
        )
    show_html(
        f'<figure class="dv-figure"><img src="data:image/png;base64,{image}" alt="{esc(caption)}">'
        f"<figcaption><strong>{number}</strong> {esc(caption)}</figcaption></figure>{table}"
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
    filters: Filters = field(default_factory=Filters)
    by: str = "province"
    views: ModuleType = views
    groups: ModuleType = groups
    by_group: ModuleType = by_group
    plots: ModuleType = plots
    tilemap: ModuleType = tilemap
    findings: ModuleType = findings
    model_views: ModuleType = model_views
    indicators: ModuleType = indicators
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

    def show_scope(self) -> None:
        """What the report covers: the corpus folder, its files and fingerprint, and the filters."""
        run = self.tables.run
        shown = len(self.tables["articles"])
        show_html(
            f'<p class="dv-scope">Corpus <strong>{esc(run["corpus"])}</strong>: {run["files"]} files, '
            f"{run['parsed']} articles parsed (fingerprint {esc(run['corpus_sha256'][:12])}). "
            f"Filters: {esc(self.filters.describe())}"
            + (f"; {shown} articles kept." if self.filters else ".")
            + "</p>"
        )

    show_html = staticmethod(show_html)
    show_table = staticmethod(show_table)
    show_list = staticmethod(show_list)
    show_run_record = staticmethod(show_run_record)
    show_quality_results = staticmethod(show_quality_results)
    show_comparison_method = staticmethod(show_comparison_method)


def setup(
    corpus: str = "seeds",
    data_dir: str = "",
    figures_dir: str | Path = "",
    *,
    provinces: Sequence[str] = (),
    region: str = "",
    years: Sequence[int] = (),
    min_confidence: str = "",
    group_by: str = "province",
) -> Notebook:
    """The workspace of a notebook from its parameters (``CORPUS``, ``DATA_DIR``, ``FIGURES_DIR``, the
    filters ``PROVINCES``, ``REGION``, ``YEARS``, ``MIN_CONFIDENCE`` (see :mod:`danvan.report.filters`) and
    ``GROUP_BY``:
    "province", "province_2025" or "region").

    Plots go to ``figures_dir``, by default beside the tables (``DATA_DIR/../figures``, or build/figures
    when the notebook parses ``CORPUS`` itself): a notebook run on another corpus never touches the
    committed figures/, which only the seed build writes.
    """
    if not figures_dir:
        figures_dir = resolve(data_dir).parent / "figures" if data_dir else REPO_ROOT / "build" / "figures"
    by = check_grouping(group_by)
    whole = load_tables(corpus, data_dir)
    chosen = Filters.from_parameters(provinces, region, years, min_confidence)
    tables = Tables(apply(whole, chosen))
    tables.run = whole.run
    tables.derived = whole.derived.setdefault(chosen.describe(), {})  # computed once per corpus and filter
    return Notebook(tables, figures_dir, chosen, by)
