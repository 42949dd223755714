"""What segmentation needs of underthesea, without importing its package on every run.

Importing underthesea runs its package's ``__init__`` (part-of-speech, NER, chunking, classification, HTTP
clients: ~0.3 s) and loading its word segmentation model another ~0.3 s, in every run and every worker.
Word segmentation needs only data from it: the tokeniser's pattern alternatives, the character and token
normalisation maps and the CRF model (compiled for :class:`CRFSegmenter`). They are read from underthesea
once and kept as JSON in the cache (named by danvan's extractor version, which covers underthesea's
version); later runs read that store. Sentences are split by underthesea's own Punkt module, loaded from its
file alone (it imports nothing of underthesea)."""

from __future__ import annotations

import importlib.util
import pickle
import struct
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from danvan.ingest.crf_tagger import CRFSegmenter
from danvan.stored import Stored


@dataclass(frozen=True)
class SegmentationData:
    """underthesea's tokeniser pattern alternatives (in order), normalisation maps and segmenter."""

    patterns: tuple[str, ...]
    characters: dict[str, str]  # a non-standard character -> its standard form
    tokens: dict[str, str]  # a misspelt syllable (up to 6 characters) -> its standard spelling
    segmenter: CRFSegmenter

    def normalise_characters(self, text: str) -> str:
        """underthesea's ``normalize_characters_in_text``: NFC, then the character map."""
        text = unicodedata.normalize("NFC", text)
        for odd, standard in self.characters.items():
            text = text.replace(odd, standard)
        return text

    def normalise_token(self, token: str) -> str:
        """underthesea's ``token_normalize`` (with character normalisation)."""
        if len(token) > 6:
            return token
        token = self.normalise_characters(token)
        return self.tokens.get(token, token)

    def to_data(self) -> dict[str, Any]:
        return {
            "patterns": list(self.patterns),
            "characters": self.characters,
            "tokens": self.tokens,
            "segmenter": self.segmenter.to_data(),
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SegmentationData:
        """The data from :meth:`to_data`'s output (ValueError, TypeError or KeyError if malformed)."""
        return cls(
            tuple(str(p) for p in data["patterns"]),
            {str(k): str(v) for k, v in data["characters"].items()},
            {str(k): str(v) for k, v in data["tokens"].items()},
            CRFSegmenter.from_data(data["segmenter"]),
        )


def _build() -> SegmentationData:
    """The data, read from underthesea itself."""
    import underthesea.pipeline.word_tokenize as module
    from underthesea.pipeline.text_normalize import text_normalizer
    from underthesea.pipeline.word_tokenize import regex_tokenize

    folders = sorted((Path(module.__file__).parent / "models").glob("ws_crf_*"))
    if len(folders) != 1:
        raise ValueError(f"{len(folders)} word segmentation models in underthesea")
    segmenter = CRFSegmenter.from_folder(folders[0])
    return SegmentationData(
        tuple(regex_tokenize.regex_patterns),
        dict(text_normalizer.character_map),
        dict(text_normalizer.token_map),
        segmenter,
    )


STORE: Stored[SegmentationData] = Stored(_build, SegmentationData.to_data, SegmentationData.from_data)
# (named by the pipeline, by the extractor version, which covers underthesea's version)
UNREADABLE = (ImportError, OSError, ValueError, KeyError, pickle.UnpicklingError, struct.error)  # _build's


@cache
def segmentation_data() -> SegmentationData:
    """The data, once per process: from its store when there is a good one, else from underthesea (errors
    reading underthesea's files propagate: the caller falls back to underthesea's public functions)."""
    return STORE.load()


@cache
def sent_tokenize() -> Callable[[str], list[str]]:
    """underthesea's ``sent_tokenize``, from its module file loaded alone; from the package if that fails."""
    try:
        package = importlib.util.find_spec("underthesea")
        locations = package.submodule_search_locations if package else None
        path = Path(next(iter(locations or []))) / "pipeline" / "sent_tokenize" / "__init__.py"
        spec = importlib.util.spec_from_file_location("danvan_underthesea_sent_tokenize", path)
        if spec is None or spec.loader is None:
            raise ImportError(f"no module at {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        function: Callable[[str], list[str]] = module.sent_tokenize
        function("Xin chào. Tôi đi.")  # its parameters load here: a failure shows now, not mid-run
        return function
    except (ImportError, OSError, AttributeError, StopIteration, ValueError):
        from underthesea import sent_tokenize as public

        return public
