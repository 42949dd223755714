"""Messy corpora: every file is parsed, parsed with a warning, or rejected with a reason (real files)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.ingest.clean import classify_lines
from danvan.ingest.decode import DecodeError, decode_bytes
from danvan.ingest.read import ingest_file, iter_corpus
from danvan.run.options import ParseOptions
from danvan.run.pipeline import parse_corpus
from tests.conftest import SEEDS

ARTICLE = (
    "Huyện Chiêm Hóa đẩy mạnh phong trào “Dân vận khéo”\n"
    "Năm 2024, Ban Dân vận Huyện ủy Chiêm Hóa, tỉnh Tuyên Quang phối hợp với Ủy ban MTTQ huyện vận động "
    "nhân dân hiến 5.000 m2 đất làm đường giao thông nông thôn. Toàn huyện có 45 mô hình dân vận khéo.\n"
    "Tuy nhiên, việc nhân rộng các mô hình ở một số xã còn chậm.\n"
)


def ingest(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return ingest_file(path, tmp_path)


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: base letters, then a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize(
                "NFC", "".join(c for c in decomposed if c not in "\u0300\u0301\u0303\u0309\u0323")
            )
            tone = "".join(c for c in decomposed if c in "\u0300\u0301\u0303\u0309\u0323")
            out += base.encode("cp1258") + tone.encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\r\n  ", "file holds only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary data"),
        ("Công tác dân vận".encode("utf-16-le"), "binary data"),  # UTF-16 without a BOM: NUL bytes
        (
            b"The mass mobilisation campaign was discussed at length in the meeting.\n" * 5,
            "no Vietnamese text",
        ),
    ],
)
def test_unusable_files_are_rejected_with_a_reason(tmp_path, data, reason):
    result = ingest(tmp_path, "bad.txt", data)
    assert result.status == "rejected" and reason in result.reason


def test_utf8_with_bom(tmp_path):
    result = ingest(tmp_path, "bom.txt", ARTICLE.encode("utf-8-sig"))
    assert result.status == "parsed" and "UTF-8-SIG" in result.reason
    assert not result.article.raw.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    data = ARTICLE.encode(codec) if codec == "utf-16" else b"\xfe\xff" + ARTICLE.encode("utf-16-be")
    result = ingest(tmp_path, "u16.txt", data)
    assert result.status == "parsed" and "UTF-16" in result.reason
    assert "Chiêm Hóa" in result.article.text


def test_windows_1258_is_decoded_to_the_same_text(tmp_path):
    result = ingest(tmp_path, "cp1258.txt", cp1258_bytes(ARTICLE))
    assert result.status == "parsed" and "Windows-1258" in result.reason
    assert result.article.raw == ARTICLE


@pytest.mark.parametrize(
    ("sample", "name"),
    [
        (
            "Coâng taùc daân vaän cuûa Ñaûng ôû tænh Tuyeân Quang ñaït keát quaû toát, ngöôøi daân ñoàng tình.",
            "VNI",
        ),
        ("C«ng t¸c d©n vËn cña §¶ng ë tØnh Tuyªn Quang ®¹t kÕt qu¶ tèt, ng­êi d©n ®ång t×nh.", "TCVN3"),
    ],
)
def test_legacy_font_encodings_are_named_not_garbled(tmp_path, sample, name):
    result = ingest(tmp_path, "legacy.txt", ((sample + "\n") * 3).encode("cp1252"))
    assert result.status == "rejected"
    assert name in result.reason and "convert the file to Unicode" in result.reason


def test_decomposed_vietnamese_is_normalised_with_a_warning(tmp_path):
    result = ingest(tmp_path, "nfd.txt", unicodedata.normalize("NFD", ARTICLE).encode("utf-8"))
    assert result.status == "parsed" and "NFC" in result.reason
    assert result.article.raw == ARTICLE


def test_windows_line_endings(tmp_path):
    result = ingest(tmp_path, "crlf.txt", ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    assert result.status == "parsed" and "\r" not in result.article.raw
    assert result.article.sentences[0].text == "Huyện Chiêm Hóa đẩy mạnh phong trào “Dân vận khéo”"


def test_a_50_mb_file_is_rejected_by_its_size_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a file over the size limit"))
    result = ingest_file(path, tmp_path)
    assert result.status == "rejected" and "50.0 MB" in result.reason and "--max-mb" in result.reason


def test_a_web_page_saved_as_txt_is_extracted_with_a_warning(tmp_path):
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.strip().split("\n")[1:])
    page = (
        f"<!DOCTYPE html><html><head><title>Chiêm Hóa đẩy mạnh dân vận khéo</title></head><body>"
        f"<nav><a href='/'>Trang chủ</a></nav><article><h1>Chiêm Hóa đẩy mạnh dân vận khéo</h1>{paragraphs}"
        f"</article><footer>Bản quyền thuộc về báo</footer></body></html>"
    )
    result = ingest(tmp_path, "page.txt", page.encode("utf-8"))
    assert result.status == "parsed" and "web page saved as text" in result.reason
    assert "45 mô hình" in result.article.text and "<p>" not in result.article.text


def test_an_html_file_goes_through_the_same_pipeline(tmp_path):
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.strip().split("\n")[1:])
    page = f"<html><head><title>Dân vận khéo ở Chiêm Hóa</title></head><body><article>{paragraphs}</article></body></html>"
    result = ingest(tmp_path, "page.html", page.encode("utf-8"))
    assert result.status == "parsed" and result.reason == ""
    assert result.article.html_meta.get("title") == "Dân vận khéo ở Chiêm Hóa"


def test_an_unreadable_file_is_rejected(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() != 0:  # root reads anything: simulate the error the OS would raise
        path.chmod(0)
    else:
        import danvan.ingest.files as files

        real_open = os.open

        def refuse(target, *args, **kwargs):
            if str(target) == str(path):
                raise PermissionError(13, "Permission denied", str(target))
            return real_open(target, *args, **kwargs)

        monkeypatch.setattr(files.os, "open", refuse)
    result = ingest_file(path, tmp_path)
    assert (result.status, result.reason) == ("rejected", "cannot read the file: permission denied")


@pytest.mark.parametrize("name", ["report.pdf", "notes.docx", "photo.jpg", "README"])
def test_other_file_types_are_listed_not_read(tmp_path, name):
    result = ingest(tmp_path, name, b"%PDF-1.4 whatever")
    assert result.status == "rejected" and "not an article file type" in result.reason


def test_an_article_with_no_place_or_date_is_still_parsed(tmp_path):
    result = ingest(
        tmp_path,
        "plain.txt",
        "Phong trào thi đua Dân vận khéo được triển khai rộng khắp, "
        "góp phần tăng cường mối quan hệ mật thiết giữa Đảng với nhân dân trong giai đoạn mới.".encode(),
    )
    assert result.status == "parsed"


def test_markup_in_an_article_is_kept_as_text(tmp_path):
    text = (
        ARTICLE
        + "Trích dẫn: <b>dân biết, dân bàn</b> và **dân làm, dân kiểm tra** <script>alert(1)</script>\n"
    )
    result = ingest(tmp_path, "markup.txt", text.encode("utf-8"))
    assert result.status == "parsed" and "<script>alert(1)</script>" in result.article.text


def test_files_in_equal_parsed_plus_rejected_with_duplicates_logged(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "nested").mkdir(parents=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    first = sorted(SEEDS.glob("*.txt"))[1]
    (corpus / "nested" / "copy.txt").write_bytes(first.read_bytes())  # exact duplicate
    near = (
        first.read_text(encoding="utf-8").replace("22 tập thể", "23 tập thể") + "\nThêm một dòng chú thích."
    )
    (corpus / "z_near.txt").write_text(near, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "scan.pdf").write_bytes(b"%PDF")
    summary = parse_corpus(corpus, tmp_path / "out", ParseOptions(jobs=1, use_cache=False, progress=False))
    log = (tmp_path / "out" / "ingest_log.csv").read_text(encoding="utf-8").strip().split("\n")[1:]
    assert summary.files == len(log) == 9
    assert summary.parsed + summary.rejected == summary.files
    assert (summary.parsed, summary.rejected) == (5, 4)
    reasons = "\n".join(log)
    assert f"duplicate of {first.stem}" in reasons
    assert f"near-duplicate of {first.stem}" in reasons
    articles = (tmp_path / "out" / "articles.csv").read_text(encoding="utf-8")
    assert "nested/copy" not in articles and "z_near" not in articles


def test_iter_corpus_reports_a_missing_folder(tmp_path):
    with pytest.raises(NotADirectoryError, match="corpus folder not found"):
        list(iter_corpus(tmp_path / "nope"))


@given(st.binary(max_size=2000))
def test_decoding_never_crashes_on_arbitrary_bytes(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as err:
        assert str(err)
    else:
        assert unicodedata.is_normalized("NFC", decoded.text)


@given(st.text(max_size=500))
def test_cleaning_never_crashes_and_keeps_every_line(text):
    lines = classify_lines(text)
    assert [line.text for line in lines] == text.split("\n")


TRUNCATED = (
    "Huyện Mường Tè phát huy vai trò người có uy tín\n"
    "Những năm qua, Ban Dân vận Huyện ủy Mường Tè đã phối hợp với Ủy ban MTTQ huyện vận động đồng bào "
    "dân tộc Cống, La Hủ hiến đất làm đường, xóa bỏ hủ tục trong việc cưới, việc tang.\n"
    "Nhờ cách làm sát dân, nhiều bản đã có đường. Nhiều bản đã có đường bê tông đến tận trung tâm, đời sống của người dân từng bước "
    "được nâng lên rõ rệt so với những năm trước đây khi"
)


def test_a_file_cut_inside_a_character_is_read_as_utf8_with_a_warning(tmp_path):
    data = (TRUNCATED + " đã").encode("utf-8")[:-1]  # "ã" loses its last byte
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    result = ingest_file(path, tmp_path)
    assert result.status == "parsed"
    assert "ends inside a character" in result.reason and "1 byte(s) dropped" in result.reason
    assert "Mường Tè" in result.article.text  # not read as Windows-1258


def test_replacement_characters_are_removed_and_reported(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_text(TRUNCATED.replace("Cống", "C\ufffd\ufffdng") + " nay.\n", encoding="utf-8")
    result = ingest_file(path, tmp_path)
    assert "2 replacement character(s) U+FFFD removed" in result.reason
    assert "\ufffd" not in result.article.text


def test_a_text_that_stops_mid_sentence_is_listed_with_its_last_words(tmp_path):
    path = tmp_path / "stops.txt"
    path.write_text(TRUNCATED, encoding="utf-8")
    result = ingest_file(path, tmp_path)
    assert "stops mid-sentence" in result.reason and "với những năm trước đây khi" in result.reason
    finished = tmp_path / "finished.txt"
    finished.write_text(TRUNCATED + " chưa có đường.\nThu Hằng\n", encoding="utf-8")
    assert "mid-sentence" not in ingest_file(finished, tmp_path).reason  # a byline ends without a stop


@pytest.mark.parametrize(
    "text",
    [
        "Le Front de la patrie a organisé une réunion où les élèves de Hanoï étaient très contents. Où êtes-vous ?",
        "La reunión del Frente en Hanói fue un éxito: niños y señoras participaron con alegría.",
        "Die Vaterländische Front traf sich in Hanoi; die Schüler waren sehr glücklich über den Tag.",
    ],
)
def test_latin1_text_in_a_western_language_is_named_as_such(tmp_path, text):
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode("latin-1"))
    result = ingest_file(path, tmp_path)
    assert (result.status, result.reason) == (
        "rejected",
        "Latin-1 / Windows-1252 text in a Western European language, not Vietnamese",
    )
