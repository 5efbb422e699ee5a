"""Turn a report's bytes into text, detecting the encoding instead of assuming it.

Order: a byte-order mark, then strict UTF-8, then GB18030 (the superset of GBK/GB2312 that
Chinese government files mostly use), then charset-normalizer for anything else. A decoding
is accepted only when the result reads as text, so binary junk is rejected with a reason.
"""
from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes

BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GB18030 decodes almost any byte sequence, so a UTF-8 file with a few damaged bytes (a cut
# download) would come out as GB18030 mojibake: such a file is read as UTF-8 first.
MAX_DAMAGED_UTF8_SHARE = 0.001
# Character classes that do not occur in a real report: controls other than line breaks and
# tabs, private-use and unassigned code points, surrogates.
NON_TEXT_CATEGORIES = {"Cc", "Co", "Cn", "Cs"}
ALLOWED_CONTROLS = set("\t\n\r\f\v")
MAX_NON_TEXT_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    error: str | None


def non_text_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(
        1 for ch in text
        if ch == "\ufffd" or (ch not in ALLOWED_CONTROLS and unicodedata.category(ch) in NON_TEXT_CATEGORIES)
    )
    return bad / len(text)


def reads_as_text(text: str) -> bool:
    return non_text_share(text) <= MAX_NON_TEXT_SHARE


def try_strict(content: bytes, encoding: str) -> str | None:
    try:
        text = content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    return text if reads_as_text(text) else None


def decode_bytes(content: bytes | None) -> Decoded:
    if not content or not content.strip():
        return Decoded(None, None, "empty file")
    for mark, encoding in BYTE_ORDER_MARKS:
        if content.startswith(mark):
            text = try_strict(content, encoding)
            if text is not None:
                return Decoded(text.lstrip("\ufeff"), encoding, None)
    text = try_strict(content, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", None)
    text = content.decode("utf-8", errors="replace")
    if text.count("\ufffd") / len(text) <= MAX_DAMAGED_UTF8_SHARE:
        return Decoded(text.replace("\ufffd", ""), "utf-8", None)
    text = try_strict(content, "gb18030")
    if text is not None:
        return Decoded(text, "gb18030", None)
    guess = from_bytes(content).best()
    if guess is not None and reads_as_text(str(guess)):
        return Decoded(str(guess), guess.encoding, None)
    return Decoded(None, None, "undecodable: not UTF-8, GB18030 or any encoding charset-normalizer recognises as text")
