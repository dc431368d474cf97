"""Row identities: what makes two records the same real-world row, for life.

A row with a form number (``编号``/``ref``) is known by that number within its district; the
number is compared after Unicode NFKC, case folding and removing surrounding and zero-width
spaces, so ``CG-001``, ``ＣＧ-001``, ``cg-001`` and ``CG-001`` with a zero-width space are one
form. A row without one is known by its target, date, amount and district and how many such
rows came before it in its file: not by its note or its author, so a file re-sent with a
corrected note is still the same rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

# Zero-width and invisible spaces that survive NFKC: ZWSP, ZWNJ, ZWJ, word joiner, BOM.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normal_ref(ref: str) -> str:
    """A form number as compared for identity (it is still shown and stored as typed)."""
    if ref.isascii():
        # ASCII is its own NFKC form and holds no invisible space: the common form number
        # skips both (a million-row import normalises a million numbers).
        return ref.casefold().strip()
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", ref))
    return text.casefold().strip()


def ref_key(ref: str, district: str) -> str:
    """The identity of a row with a form number: ``ref:<district>:<normalised number>``."""
    return f"ref:{district}:{normal_ref(ref)}"


def content_digest(target: str, date: dt.date, amount_c: int, district: str) -> bytes:
    """What identifies a row without a form number (its occurrence in the file aside)."""
    key = "\x1f".join((target, date.isoformat(), str(amount_c), district))
    return hashlib.sha256(key.encode()).digest()


def content_key(digest: bytes, occurrence: int) -> str:
    """``row:<128 bits of the digest>#<occurrence>``."""
    return f"row:{digest.hex()[:32]}#{occurrence}"
