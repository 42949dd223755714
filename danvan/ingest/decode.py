"""Turn the bytes of a file into NFC text, or say clearly why that cannot be done."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from danvan.text import nfc

# Letters that only Vietnamese uses among Latin scripts (precomposed, NFC).
VIETNAMESE_LETTERS = set("ăâđêôơưĂÂĐÊÔƠƯ") | {chr(c) for c in range(0x1EA0, 0x1EFA)}
# Characters that TCVN3 (ABC) or VNI text shows when read as Windows-1252.
_TCVN3_MARKS = set("¸µ¶·¹¨»¾¼½Æ©ÇÊÈÉË®ª«¬Ð")
_VNI_RE = re.compile(r"[aeiouyAEIOUY][øùûõïåäâêô]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class DecodeError(ValueError):
    """The file's bytes are not text we can read; the message is for a person."""


@dataclass(frozen=True)
class Decoded:
    text: str  # NFC, "\n" line endings
    encoding: str
    warnings: tuple[str, ...] = ()


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than \t \n \f \r
_LETTER = re.compile(r"[^\W\d_]")
_VIETNAMESE_LETTER = re.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")
_OPENING_CHARS = 2000


def vietnamese_share(text: str) -> float:
    """Share of letters that are Vietnamese-only letters (0 for text with no letters)."""
    letters = len(_LETTER.findall(text))
    return len(_VIETNAMESE_LETTER.findall(text)) / letters if letters else 0.0


def is_vietnamese(text: str, minimum: float) -> bool:
    """Whether ``vietnamese_share(text) >= minimum``. There are no more letters than characters, so the
    Vietnamese letters of the opening alone often decide it, without counting every letter."""
    opening = len(_VIETNAMESE_LETTER.findall(text, 0, _OPENING_CHARS))
    return bool(opening and opening / len(text) >= minimum) or vietnamese_share(text) >= minimum


def _toned_share(text: str) -> float:
    """Share of letters with a Vietnamese tone mark over a vowel (ạ ả ấ ... ỹ): high in real Vietnamese,
    nil in TCVN3 or VNI bytes read as Windows-1258, which show Latin-1 letters instead."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(0x1EA0 <= ord(ch) <= 0x1EF9 for ch in letters) / len(letters) if letters else 0.0


# Letters of Western European languages in Windows-1252; VNI's marks ø å õ are not among them.
_WESTERN = re.compile(r"[A-Za-zàâäçéèêëîïôöùûüÿñáíóúÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÑÁÍÓÚß]+")


def _western_european(text: str) -> bool:
    """Whether ``text`` (read as cp1252) is ordinary Latin-1 text, French or Spanish or German, rather than
    Vietnamese in a font encoding: its words are made of those languages' letters only."""
    words = re.findall(r"[^\W\d_]+", text)
    return bool(words) and sum(bool(_WESTERN.fullmatch(w)) for w in words) >= 0.98 * len(words)


def _legacy_font_encoding(text: str) -> str | None:
    """Name the legacy font encoding that ``text`` (read as cp1252) looks like, if any."""
    if _western_european(text):
        return None
    letters = sum(ch.isalpha() for ch in text) or 1
    if sum(ch in _TCVN3_MARKS for ch in text) / letters > 0.02:
        return "TCVN3 (ABC)"
    if len(_VNI_RE.findall(text)) / letters > 0.02:
        return "VNI"
    return None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Windows-1258 when it reads as Vietnamese; otherwise name the legacy font encoding, or give up."""
    try:
        text = data.decode("cp1258")
        if _toned_share(nfc(text)) >= 0.03:
            return text, "cp1258"
    except UnicodeDecodeError:
        pass
    western = data.decode("cp1252", errors="replace")
    legacy = _legacy_font_encoding(western)
    if legacy:
        raise DecodeError(f"legacy {legacy} font encoding; convert the file to Unicode (UTF-8) first")
    if _western_european(western):
        raise DecodeError("Latin-1 / Windows-1252 text in a Western European language, not Vietnamese")
    raise DecodeError("not valid UTF-8, and no Vietnamese text in any known encoding")


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data``: BOMs, UTF-8, then Windows-1258; reject binary and legacy font encodings."""
    warnings: list[str] = []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise DecodeError(
                    f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()}"
                ) from None
            warnings.append(f"decoded as {encoding.upper()} (byte-order mark found)")
            break
    else:
        if b"\x00" in data[:4096]:
            raise DecodeError("binary data, not text (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as err:
            if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
                # the file stops inside a character: a truncated UTF-8 file, not another encoding
                text, encoding = data[: err.start].decode("utf-8"), "utf-8"
                warnings.append(
                    f"file ends inside a character (truncated?): {len(data) - err.start} byte(s) dropped"
                )
            else:
                text, encoding = _decode_legacy(data)
                warnings.append("decoded as Windows-1258 (not valid UTF-8)")
    control = len(_CONTROL.findall(text))
    if control > max(8, len(text) // 100):
        raise DecodeError("binary data, not text (many control characters)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    damaged = text.count("\ufffd")
    if damaged:
        text = text.replace("\ufffd", "")
        warnings.append(
            f"{damaged} replacement character(s) U+FFFD removed: the text was damaged before it was saved"
        )
    normalised = nfc(text)
    if normalised != text and encoding != "cp1258":  # Windows-1258 writes tones as combining marks
        warnings.append("text was not in Unicode NFC (decomposed accents); normalised")
    if _INVISIBLE.search(normalised):  # zero-width spaces and joiners from web editors: no letters, no words
        normalised = _INVISIBLE.sub("", normalised)
        warnings.append("zero-width characters removed")
    return Decoded(normalised, encoding, tuple(warnings))
