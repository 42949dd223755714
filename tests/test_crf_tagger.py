"""underthesea's word segmentation CRF read from its model files and scored in Python (issue 23): the
same weights as underthesea_core reads, the same feature values as its featuriser computes, the same
labels as its tagger gives."""

from __future__ import annotations

import warnings
from itertools import pairwise
from pathlib import Path

import pytest
import underthesea_core

from danvan.ingest import underthesea_parts, words
from danvan.ingest.crf_tagger import CRFSegmenter, _templates
from danvan.ingest.crfsuite_file import read_crfsuite
from danvan.ingest.underthesea_parts import segmentation_data


def _folder() -> Path:
    import underthesea.pipeline.word_tokenize as module

    (folder,) = (Path(module.__file__).parent / "models").glob("ws_crf_*")
    return folder


def _rust() -> tuple[object, object]:
    module = __import__("underthesea.pipeline.word_tokenize", fromlist=["word_tokenize"])
    module.word_tokenize("a")
    return module.word_tokenize_model.featurizer, module.word_tokenize_model.estimator


def test_the_model_file_holds_what_underthesea_core_reads() -> None:
    weights = read_crfsuite(_folder() / "models.bin")
    model = underthesea_core.CRFModel.load(str(_folder() / "models.bin"))
    assert weights.labels == tuple(model.get_labels()) == ("B-W", "I-W")
    assert len(weights.state) == model.num_attributes
    assert sum(1 for row in weights.state.values() for w in row if w != 0) == model.num_state_features()
    assert sum(1 for row in weights.transition for w in row if w != 0) == model.num_transition_features()


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "models.bin").write_bytes(b"lCRF" + bytes(60))
    with pytest.raises(ValueError, match="not a CRFsuite model"):
        read_crfsuite(tmp_path / "models.bin")


def test_templates_it_cannot_compute_are_refused() -> None:
    assert _templates(["T[0]", "T[-1,0].lower"]) == {1: {0: [None]}, 2: {-1: ["lower"]}}
    for template in ("T[0].isupper", "T[0][1]", "T[1,0]", "W[0]"):
        with pytest.raises(ValueError, match="unsupported"):
            _templates([template])
    with pytest.raises(ValueError, match="twice"):  # its weights would count twice: not what the tables hold
        _templates(["T[0]", "T[-1,0]", "T[0]"])


# Tokens where the value functions could differ: digits of other scripts, title and upper case beyond ASCII,
# characters that change length when upper-cased, punctuation first, words kept whole with a space inside.
ODD_TOKENS = [
    "2025", "２０２５", "٣", "²", "½", "1a", "a1", "A1", "Ⅻ", "ⅻ", "ß", "ẞ", "ﬁ", "ǅa", "Ǆ", "ǆ", "Σ", "ς", "ᾈ",
    "-", "-a", "“Dân", "“dân", "Đà", "đà", "TP.HCM", "v.v", "COVID-19", "3/2", "Dân vận", "dân Vận", "Ab Cd",
]  # fmt: skip


def test_odd_tokens_get_the_labels_underthesea_core_gives() -> None:
    featurizer, tagger = _rust()
    data = words._data()
    assert data is not None
    segmenter = data.segmenter
    sentences = [ODD_TOKENS, ODD_TOKENS[::-1], *([t] for t in ODD_TOKENS), *pairwise(ODD_TOKENS)]
    for tokens in sentences:
        features = featurizer.process([[[t] for t in tokens]])[0]
        assert segmenter.tag(list(tokens)) == tagger.tag(features), tokens
    assert segmenter.tag([]) == []


def test_unreadable_model_files_fall_back_to_word_tokenize(monkeypatch: pytest.MonkeyPatch) -> None:
    from underthesea import word_tokenize

    sentence = "Ban Dân vận Huyện ủy phối hợp với Ủy ban MTTQ huyện tổ chức hội nghị sơ kết."

    def broken(*_: object) -> CRFSegmenter:
        raise ValueError("damaged")

    words._data.cache_clear()
    segmentation_data.cache_clear()
    monkeypatch.setattr(underthesea_parts.STORE, "path", None)
    monkeypatch.setattr(CRFSegmenter, "from_folder", broken)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert words.segment_many([sentence]) == [tuple(word_tokenize(sentence))]
        assert any("damaged" in str(w.message) for w in caught)
    finally:
        words._data.cache_clear()
        segmentation_data.cache_clear()
