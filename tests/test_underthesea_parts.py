"""What segmentation needs of underthesea, kept as JSON and read without importing its package (issue 23):
the same sentences, tokens and words as underthesea's own functions, and a damaged store built again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from underthesea import sent_tokenize as public_sent_tokenize
from underthesea.pipeline.text_normalize import token_normalize
from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text

from danvan.ingest import underthesea_parts
from danvan.ingest.underthesea_parts import SegmentationData, segmentation_data, sent_tokenize
from danvan.ingest.words import tokens

ROOT = Path(__file__).resolve().parents[1]


def _lines() -> list[str]:
    files = sorted((ROOT / "tests" / "data").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)
    return [line for line in text.split("\n") if line.strip()]


LINES = _lines()


def test_sentences_are_underthesea_sentences_without_importing_its_package() -> None:
    assert len(LINES) > 1500
    split = sent_tokenize()
    assert split.__module__ == "danvan_underthesea_sent_tokenize"
    assert [split(line) for line in LINES] == [public_sent_tokenize(line) for line in LINES]


def test_normalisation_is_underthesea_normalisation() -> None:
    data = segmentation_data()
    odd = ["ð", "Ðà", "nghành", "nghàn", "Nghành", "hoà", "hòa", "quý", "qúy", "thuỷ", "ﬁ", "Ａ", "e\u0301"]
    words = {t for line in LINES[:3000] for t in line.split()} | set(odd)
    assert len(words) > 3000
    for word in sorted(words):
        assert data.normalise_characters(word) == normalize_characters_in_text(word), word
        assert data.normalise_token(word) == token_normalize(word, use_character_normalize=True), word


def test_a_stored_copy_segments_as_the_data_read_from_underthesea(tmp_path: Path) -> None:
    built = underthesea_parts._build()
    stored = SegmentationData.from_data(json.loads(json.dumps(built.to_data())))
    assert stored.patterns == built.patterns and stored.tokens == built.tokens
    for line in LINES[:400]:
        split = tokens(line, (), built)
        assert stored.segmenter.tag(split) == built.segmenter.tag(split)


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[]", b'{"patterns": []}', b'{"__reduce__": "os.system"}', "STORE-WITH-TEXT-WEIGHTS"],
)
def test_a_damaged_or_crafted_store_is_built_again(tmp_path: Path, content: bytes | str) -> None:
    store = tmp_path / "segmentation" / "v.json"
    store.parent.mkdir()
    if content == "STORE-WITH-TEXT-WEIGHTS":
        data = underthesea_parts._build().to_data()
        data["segmenter"]["widths"][0]["raw"]["weights"] = "__import__('os')"
        content = json.dumps(data).encode()
    store.write_bytes(content)
    script = (
        "import sys; from pathlib import Path; from danvan.ingest import underthesea_parts as u;"
        f"u.STORE.keep_in(Path({str(store)!r})); d = u.segmentation_data();"
        "assert d.segmenter.tag(['Dân', 'vận', 'khéo']) == ['B-W', 'I-W', 'B-W'], d.segmenter.tag(['Dân', 'vận', 'khéo'])"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
    assert json.loads(store.read_bytes())["patterns"]  # built again and stored in place of the damaged one


def test_with_a_store_a_parse_never_imports_underthesea(tmp_path: Path) -> None:
    store = tmp_path / "store.json"
    script = (
        "import sys; from pathlib import Path; from danvan.ingest import underthesea_parts as u;"
        "from danvan.ingest.segment import sentences;"
        f"u.STORE.keep_in(Path({str(store)!r}));"
        "s = sentences('Ban Dân vận Huyện ủy tổ chức hội nghị. Hội LHPN xã tham gia.');"
        "print(len(s), s[0].words, 'underthesea' in sys.modules)"
    )
    first = subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=ROOT, capture_output=True, text=True
    )
    again = subprocess.run(
        [sys.executable, "-c", script], check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert first.stdout.split(" True")[0] == again.stdout.split(" False")[0]  # the same words
    assert first.stdout.strip().endswith("True")  # the first run read underthesea (and stored its data)
    assert again.stdout.strip().endswith("False"), again.stdout
