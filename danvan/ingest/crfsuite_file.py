"""Read a CRFsuite model file (the ``lCRF`` format that underthesea's word segmentation model is saved in):
its labels, the weight of every attribute for every label, and the label-to-label transition weights.

The layout is CRFsuite's ``crf1dmodel.c``: a header of twelve little-endian 32-bit fields, a ``FEAT`` chunk
of 20-byte features (type, source, destination, float64 weight; type 0 = attribute -> label, type 1 =
label -> label) and two ``CQDB`` string databases (labels, attributes) whose backward arrays map an id to
its string."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

_HEADER = struct.Struct("<4sI4s9I")
_FEATURE = struct.Struct("<3Id")


@dataclass(frozen=True)
class CRFWeights:
    """A linear-chain CRF's weights: ``state[attribute][label]`` and ``transition[previous][next]``."""

    labels: tuple[str, ...]
    state: dict[str, list[float]]
    transition: tuple[tuple[float, ...], ...]


def _strings(buf: bytes, base: int) -> list[str | None]:
    """The strings of the CQDB chunk at ``base``, by id (None where an id has no string)."""
    if buf[base : base + 4] != b"CQDB":
        raise ValueError(f"no CQDB chunk at byte {base}")
    n, offset = struct.unpack_from("<2I", buf, base + 16)
    out: list[str | None] = []
    for i, record in enumerate(struct.unpack_from(f"<{n}I", buf, base + offset)):
        if record == 0:
            out.append(None)
            continue
        key_id, size = struct.unpack_from("<2I", buf, base + record)
        if key_id != i:
            raise ValueError(f"CQDB record {i} names id {key_id}")
        start = base + record + 8
        out.append(buf[start : start + size - 1].decode("utf-8"))  # the key ends with a NUL byte
    return out


def read_crfsuite(path: Path) -> CRFWeights:
    """The weights in the CRFsuite model file at ``path`` (ValueError if it is not one)."""
    buf = path.read_bytes()
    magic, _, kind, _, _, n_labels, _, at_features, at_labels, at_attrs, _, _ = _HEADER.unpack_from(buf)
    if magic != b"lCRF" or kind != b"FOMC" or buf[at_features : at_features + 4] != b"FEAT":
        raise ValueError(f"{path.name} is not a CRFsuite model")
    (n_features,) = struct.unpack_from("<I", buf, at_features + 8)
    labels = _strings(buf, at_labels)
    attrs = _strings(buf, at_attrs)
    if len(labels) != n_labels or None in labels:
        raise ValueError(f"{path.name}: labels do not match the header")
    state: dict[str, list[float]] = {}
    transition = [[0.0] * n_labels for _ in range(n_labels)]
    start = at_features + 12
    for kind_id, source, target, weight in _FEATURE.iter_unpack(
        buf[start : start + _FEATURE.size * n_features]
    ):
        if kind_id == 0:
            attr = attrs[source]
            if attr is None:
                raise ValueError(f"{path.name}: feature of an unknown attribute {source}")
            state.setdefault(attr, [0.0] * n_labels)[target] += weight
        elif kind_id == 1:
            transition[source][target] += weight
        else:
            raise ValueError(f"{path.name}: feature of unknown type {kind_id}")
    return CRFWeights(tuple(str(label) for label in labels), state, tuple(map(tuple, transition)))
