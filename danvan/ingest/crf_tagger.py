"""underthesea's word segmentation CRF, scored in Python from its own model files.

underthesea builds 43 feature strings per token in compiled code and its tagger hashes them back to weights:
most of the cost of segmentation. Here each feature template (``T[-1,0].lower``, ``T[0].istitle`` ...) is a
table from the template's *value* to a weight per label, the tables of one n-gram width are merged, and the
values of each unigram, bigram and trigram of a sentence are worked out once and looked up once; Viterbi
then picks the labels. Same templates, same value functions (as underthesea_core computes them: ``istitle``
= every space-separated part starts with a character that upper-casing leaves unchanged, ``isdigit`` =
ASCII digits only, ``is_in_dict`` = the lower-cased text is in the model's dictionary), same weights: the
same labels, tested against ``word_tokenize`` on thousands of sentences."""

from __future__ import annotations

import base64
import pickle
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import add
from pathlib import Path
from typing import Any

from danvan.ingest.crfsuite_file import CRFWeights, read_crfsuite

_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(\w+))?")
_FLAGS = ("isdigit", "istitle", "is_in_dict")  # true/false templates: their value is one of 8 combinations
_KNOWN = {None, "lower", *_FLAGS}
_UNIGRAM_CACHE_MAX = 200_000  # distinct tokens whose weights are kept (a vocabulary, not the text)


def _istitle(text: str) -> bool:
    return all(part[:1] == part[:1].upper() for part in text.split(" "))


def _flags(text: str, lower: str, dictionary: frozenset[str]) -> int:
    return (text.isascii() and text.isdigit()) | (_istitle(text) << 1) | ((lower in dictionary) << 2)


@dataclass(frozen=True)
class _Width:
    """The merged tables of the templates over spans of one width: each maps a value to a flat tuple of
    (weight of label 0, weight of label 1, ...) for every offset in ``offsets``."""

    width: int
    offsets: tuple[int, ...]
    raw: dict[str, tuple[float, ...]]
    lower: dict[str, tuple[float, ...]]
    flags: tuple[tuple[float, ...], ...]  # by _flags(...) value
    before: tuple[tuple[float, ...], ...]  # per offset: the "BOS" weights (span starts before the sentence)
    after: tuple[tuple[float, ...], ...]  # per offset: the "EOS" weights (span ends after it)

    def to_data(self) -> dict[str, Any]:
        """The tables as plain JSON data: each table's weights packed in one string (:func:`_pack`)."""
        return {
            "width": self.width,
            "offsets": list(self.offsets),
            **{
                name: {"keys": list(table), "weights": _pack(w for row in table.values() for w in row)}
                for name, table in (("raw", self.raw), ("lower", self.lower))
            },
            **{
                name: _pack(w for row in rows for w in row)
                for name, rows in (("flags", self.flags), ("before", self.before), ("after", self.after))
            },
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> _Width:
        """The tables from :meth:`to_data`'s output (ValueError, TypeError or KeyError if malformed)."""
        offsets = tuple(int(k) for k in data["offsets"])
        size = 2 * len(offsets)

        def rows(weights: Any, n: int, size: int) -> list[tuple[float, ...]]:
            flat = _unpack(weights)
            if len(flat) != n * size:
                raise ValueError("weights of the wrong shape")
            return list(zip(*[iter(flat)] * size, strict=True))

        tables = []
        for name in ("raw", "lower"):
            keys = [str(key) for key in data[name]["keys"]]
            tables.append(dict(zip(keys, rows(data[name]["weights"], len(keys), size), strict=True)))
        flags = tuple(rows(data["flags"], 8, size))
        before, after = (tuple(rows(data[edge], len(offsets), 2)) for edge in ("before", "after"))
        return cls(int(data["width"]), offsets, tables[0], tables[1], flags, before, after)


def _pack(weights: Iterable[float]) -> str:
    """Weights as base64 text of little-endian float64s: read back exactly, and ten times faster than a JSON
    list of numbers."""
    packed = array("d", weights)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpack(text: Any) -> array[float]:
    """The weights :func:`_pack` wrote (ValueError or TypeError for anything else)."""
    if not isinstance(text, str):
        raise TypeError("packed weights are text")
    unpacked = array("d")
    unpacked.frombytes(base64.b64decode(text, validate=True))  # a ValueError if not 8-byte floats
    if sys.byteorder == "big":
        unpacked.byteswap()
    return unpacked


def _name(width: int, offset: int, function: str | None) -> str:
    span = f"{offset}" if width == 1 else f"{offset},{offset + width - 1}"
    return f"T[{span}]" + (f".{function}" if function else "")


def _templates(templates: Sequence[str]) -> dict[int, dict[int, list[str | None]]]:
    """width -> offset -> functions (ValueError for a template this module does not compute)."""
    by_width: dict[int, dict[int, list[str | None]]] = {}
    for template in templates:
        found = _TEMPLATE.fullmatch(template)
        first = int(found[1]) if found else 0
        last = int(found[2]) if found and found[2] else first
        functions = by_width.get(last - first + 1, {}).get(first, [])
        if found is None or found[3] not in _KNOWN or last < first or found[3] in functions:
            raise ValueError(f"unsupported feature template {template!r} (or given twice)")
        by_width.setdefault(last - first + 1, {}).setdefault(first, []).append(found[3])
    return {width: dict(sorted(at.items())) for width, at in sorted(by_width.items())}


def _row(
    weights: CRFWeights, width: int, at: dict[int, list[str | None]], value: Callable[[str | None], str]
) -> tuple[float, ...]:
    """The weights of every offset's templates (functions) when each takes ``value(function)``."""
    zero = [0.0] * len(weights.labels)
    row: list[float] = []
    for offset, functions in at.items():
        cell = zero
        for function in functions:
            cell = list(
                map(add, cell, weights.state.get(f"{_name(width, offset, function)}={value(function)}", zero))
            )
        row += cell
    return tuple(row)


def _flag_values(code: int) -> Callable[[str | None], str]:
    bits = {"isdigit": code & 1, "istitle": code & 2, "is_in_dict": code & 4}
    return lambda function: str(bool(bits[function])) if function in bits else "\0"


def _compile(templates: Sequence[str], weights: CRFWeights) -> list[_Width]:
    """The templates' weights merged into one set of tables per span width."""
    n = len(weights.labels)
    by_width = _templates(templates)
    where = {  # template name -> (width, offset index, function)
        _name(width, offset, function): (width, k, function)
        for width, at in by_width.items()
        for k, (offset, functions) in enumerate(at.items())
        for function in functions
    }
    tables: dict[tuple[int, str | None], dict[str, list[float]]] = {}
    for attr, w in weights.state.items():
        template, _, value = attr.partition("=")
        width, k, function = where.get(template, (0, 0, "?"))
        if function in (None, "lower"):
            row = tables.setdefault((width, function), {}).setdefault(
                value, [0.0] * (n * len(by_width[width]))
            )
            row[k * n : (k + 1) * n] = w
    out = []
    for width, at in by_width.items():
        raw, lower = ({v: tuple(r) for v, r in tables.get((width, f), {}).items()} for f in (None, "lower"))
        flags = tuple(_row(weights, width, at, _flag_values(code)) for code in range(8))
        edges = [_row(weights, width, at, lambda _, m=marker: m) for marker in ("BOS", "EOS")]
        before, after = (tuple(row[k * n : (k + 1) * n] for k in range(len(at))) for row in edges)
        out.append(_Width(width, tuple(at), raw, lower, flags, before, after))
    return out


class CRFSegmenter:
    """Labels for the tokens of a sentence, as underthesea_core's featuriser + tagger give them."""

    def __init__(
        self,
        labels: Sequence[str],
        widths: Sequence[_Width],
        transition: Sequence[Sequence[float]],
        dictionary: frozenset[str],
    ) -> None:
        if len(labels) != 2 or [len(row) for row in transition] != [2, 2]:
            raise ValueError("a word segmentation model has two labels")
        self.labels = tuple(labels)
        self._widths = list(widths)
        self._transition = tuple(tuple(row) for row in transition)
        self._dictionary = dictionary
        self._unigrams: dict[str, tuple[float, ...]] = {}

    @classmethod
    def compile(
        cls, templates: Sequence[str], weights: CRFWeights, dictionary: frozenset[str]
    ) -> CRFSegmenter:
        """The segmenter of a model's feature templates, weights and dictionary."""
        return cls(weights.labels, _compile(templates, weights), weights.transition, dictionary)

    @classmethod
    def from_folder(cls, folder: Path) -> CRFSegmenter:
        """The model saved by underthesea's ``FastCRFSequenceTagger`` in ``folder``: its CRFsuite file, and
        its feature templates and dictionary (pickles written by joblib, installed with underthesea)."""
        templates = pickle.loads((folder / "features.bin").read_bytes())
        dictionary = pickle.loads((folder / "dictionary.bin").read_bytes())
        if not isinstance(templates, list) or not isinstance(dictionary, set | frozenset):
            raise ValueError(f"unexpected model files in {folder}")
        weights = read_crfsuite(folder / "models.bin")
        return cls.compile([str(t) for t in templates], weights, frozenset(map(str, dictionary)))

    def to_data(self) -> dict[str, Any]:
        """The compiled model as plain JSON data."""
        return {
            "labels": list(self.labels),
            "transition": [list(row) for row in self._transition],
            "dictionary": sorted(self._dictionary),
            "widths": [width.to_data() for width in self._widths],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> CRFSegmenter:
        """A segmenter from :meth:`to_data`'s output (ValueError, TypeError or KeyError if malformed)."""
        widths = [_Width.from_data(width) for width in data["widths"]]
        transition = [[float(w) for w in row] for row in data["transition"]]
        return cls(
            [str(x) for x in data["labels"]], widths, transition, frozenset(map(str, data["dictionary"]))
        )

    def _vectors(
        self, table: _Width, spans: list[str], titles: list[bool] | None = None
    ) -> list[tuple[float, ...]]:
        """The weights of each span. ``titles``: whether each span is title case, given for spans of two
        tokens or more (whose flags need no more: joined by a space, they are never digits)."""
        cache = self._unigrams if table.width == 1 else None
        raw, lower, flags, dictionary = table.raw, table.lower, table.flags, self._dictionary
        out = []
        for k, span in enumerate(spans):
            vector = cache.get(span) if cache is not None else None
            if vector is None:
                low = span.lower()
                if titles is None:
                    vector = flags[_flags(span, low, dictionary)]
                else:
                    vector = flags[(titles[k] << 1) | ((low in dictionary) << 2)]
                found = raw.get(span)
                if found is not None:
                    vector = tuple(map(add, vector, found))
                found = lower.get(low)
                if found is not None:
                    vector = tuple(map(add, vector, found))
                if cache is not None and len(cache) < _UNIGRAM_CACHE_MAX:
                    cache[span] = vector
            out.append(vector)
        return out

    def scores(self, tokens: Sequence[str]) -> tuple[list[float], list[float]]:
        """The state score of labels 0 and 1 at every token."""
        n = len(tokens)
        s0, s1 = [0.0] * n, [0.0] * n
        title = [_istitle(token) for token in tokens]  # a span's: all its tokens' (split on the same spaces)
        for table in self._widths:
            w = table.width
            if w > 1:
                spans = [" ".join(tokens[j : j + w]) for j in range(n - w + 1)]
                vectors = self._vectors(table, spans, [all(title[j : j + w]) for j in range(n - w + 1)])
            else:
                vectors = self._vectors(table, list(tokens))
            for k, offset in enumerate(table.offsets):
                first, last = max(0, -offset), min(n - w - offset, n - 1)  # positions whose span is inside
                a, b = table.before[k]
                for i in range(min(first, n)):
                    s0[i] += a
                    s1[i] += b
                a, b = table.after[k]
                for i in range(max(first, last + 1), n):
                    s0[i] += a
                    s1[i] += b
                for i in range(first, last + 1):
                    vector = vectors[i + offset]
                    s0[i] += vector[2 * k]
                    s1[i] += vector[2 * k + 1]
        return s0, s1

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """The label of every token (Viterbi; on a tie the lower label, as CRFsuite picks)."""
        if not tokens:
            return []
        s0, s1 = self.scores(tokens)
        (t00, t01), (t10, t11) = self._transition
        d0, d1 = s0[0], s1[0]
        back: list[tuple[int, int]] = []
        for i in range(1, len(tokens)):
            a, b = d0 + t00, d1 + t10
            n0, p0 = (b, 1) if b > a else (a, 0)
            a, b = d0 + t01, d1 + t11
            n1, p1 = (b, 1) if b > a else (a, 0)
            d0, d1 = n0 + s0[i], n1 + s1[i]
            back.append((p0, p1))
        label = 1 if d1 > d0 else 0
        path = [label]
        for pointers in reversed(back):
            label = pointers[label]
            path.append(label)
        return [self.labels[x] for x in reversed(path)]
