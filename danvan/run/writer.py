"""Write tables in chunks as CSV and Parquet, so memory does not grow with the corpus."""

from __future__ import annotations

import csv
import io
import math
from array import array
from collections.abc import Iterable
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from danvan.run.chunks import Written

_ARROW = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}


def _coerce(value: Any, kind: str) -> Any:
    """One cell as its column's type; missing values become None (empty in CSV)."""
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return "" if kind == "str" else None
    if kind == "str":
        return value if isinstance(value, str) else str(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return bool(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)  # "26000" rather than "26000.0": stable and readable
    return value


_TYPES = {"str": str, "int": int, "float": float, "bool": bool}


def _column(values: list[Any], kind: str) -> list[Any]:
    """A column's cells as its type (:func:`_coerce`); cells already of the type pass as they are."""
    same = _TYPES[kind]
    if kind == "float":
        return [v if v.__class__ is float and v == v else _coerce(v, kind) for v in values]  # NaN != NaN
    return [v if v.__class__ is same else _coerce(v, kind) for v in values]


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it but never runs it: a leading apostrophe before a formula trigger."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def restore(text: str) -> str:
    """The text :func:`neutralise` was given."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_TRIGGERS) else text


def _csv_column(values: list[Any], kind: str, safe: bool = True) -> list[Any]:
    """A coerced column as CSV cells (:func:`_csv_cell`); text neutralised unless ``safe`` is off."""
    if kind == "str":
        return [neutralise(v) for v in values] if safe else values  # text is never None once coerced
    if kind == "float":
        return [_csv_cell(v) for v in values]
    return ["" if v is None else v for v in values]


def _bitmap(bits: list[bool]) -> Any:
    """An Arrow bitmap (least significant bit first)."""
    return pa.py_buffer(np.packbits(np.array(bits, dtype=bool), bitorder="little").tobytes())


def _arrow(values: list[Any], kind: str) -> pa.Array:
    """A coerced column (:func:`_column`) as an Arrow array, built from its buffers: ``pa.array`` and
    ``pa.table`` import pandas (0.2 s) to check whether they were given pandas objects."""
    n = len(values)
    if kind == "str":  # text is never None once coerced
        data = [v.encode("utf-8") for v in values]
        offsets = array("i", accumulate(map(len, data), initial=0))
        return pa.Array.from_buffers(
            pa.string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))]
        )
    valid = [v is not None for v in values]
    nulls = n - sum(valid)
    if kind == "bool":
        buffer = _bitmap([bool(v) for v in values])
    else:
        code, empty = ("q", 0) if kind == "int" else ("d", 0.0)
        buffer = pa.py_buffer(array(code, [empty if v is None else v for v in values]))
    return pa.Array.from_buffers(
        _ARROW[kind], n, [_bitmap(valid) if nulls else None, buffer], null_count=nulls
    )


class TableWriter:
    """Append rows of one table; :meth:`take` makes the rows added so far into a :class:`Written` chunk,
    :meth:`write` writes such rows to ``NAME.csv`` and ``NAME.parquet`` (one row group per call)."""

    def __init__(
        self, folder: Path, name: str, columns: dict[str, str], parquet: bool = True, raw_csv: bool = False
    ) -> None:
        self.columns = columns
        self.safe = not raw_csv  # CSV text neutralised for spreadsheets; Parquet keeps it raw
        self.rows: list[dict[str, Any]] = []
        folder.mkdir(parents=True, exist_ok=True)
        self._csv_file = (folder / f"{name}.csv").open("wb")
        self._csv_file.write(_csv_text([list(columns)]))
        self._schema = pa.schema([(c, _ARROW[t]) for c, t in columns.items()])
        self._parquet = pq.ParquetWriter(folder / f"{name}.parquet", self._schema) if parquet else None

    def add(self, rows: list[dict[str, Any]]) -> None:
        self.rows.extend(rows)

    def take(self) -> Written | None:
        """The rows added since the last take, as CSV text and an Arrow table (None when there were none)."""
        if not self.rows:
            return None
        data = {c: _column([r.get(c) for r in self.rows], t) for c, t in self.columns.items()}
        cells = (_csv_column(data[c], t, self.safe) for c, t in self.columns.items())
        arrays = [_arrow(data[c], t) for c, t in self.columns.items()]
        self.rows = []
        return Written(_csv_text(zip(*cells, strict=True)), pa.Table.from_arrays(arrays, schema=self._schema))

    def write(self, written: Written) -> None:
        """Write rows taken before (by this run or an earlier one) as one row group."""
        self._csv_file.write(written.csv)
        if self._parquet is not None:
            self._parquet.write_table(written.table)

    def close(self) -> None:
        if (rows := self.take()) is not None:
            self.write(rows)
        self._csv_file.close()
        if self._parquet is not None:
            self._parquet.close()


def _csv_text(rows: Iterable[Iterable[Any]]) -> bytes:
    """Rows as CSV (``\\n`` line ends), UTF-8."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(rows)
    return text.getvalue().encode("utf-8")


def write_table(
    folder: Path, name: str, columns: dict[str, str], rows: list[dict[str, Any]], raw_csv: bool = False
) -> None:
    """Write a whole (small) table at once."""
    writer = TableWriter(folder, name, columns, raw_csv=raw_csv)
    writer.add(rows)
    writer.close()
