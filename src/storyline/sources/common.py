"""Helpers shared by the source readers: reading bytes safely, decoding, dates.

Nothing here raises for bad input: functions return ``None`` or a reason string that the
readers turn into :class:`~storyline.records.Rejected`.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from pathlib import Path

from storyline.errors import IngestError
from storyline.records import Rejected

DEFAULT_MAX_BYTES = 25_000_000
_SNIFF = 8192
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\b(1[89]|20)\d{2}\b")


def size_reason(size: int, max_bytes: int) -> str | None:
    """The rejection reason when a file of ``size`` bytes is over the limit, else None."""
    if size <= max_bytes:
        return None
    return f"file is {human_size(size)}, larger than the {human_size(max_bytes)} limit"


def human_size(n: int) -> str:
    """'30 MB', '2.5 MB', '35 KB', '900 bytes' (decimal units)."""
    if n >= 1_000_000:
        value = n / 1_000_000
        text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
        return f"{text} MB"
    if n >= 1000:
        return f"{n / 1000:.0f} KB"
    return f"{n} bytes"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; IngestError when missing, unreadable, too large or empty."""
    try:
        size = path.stat().st_size
        too_big = size_reason(size, max_bytes)
        if too_big:
            raise IngestError(str(path), too_big)
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(str(path), f"cannot read the file: {err.strerror or err}") from None
    if not data.strip():
        raise IngestError(str(path), "empty file")
    return data


def decode(data: bytes) -> str | None:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252/Latin-1.

    Returns None when the bytes look binary (NUL bytes without a UTF-16 BOM).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:_SNIFF] or b"\x00" in data[-_SNIFF:]:
        return None
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None  # pragma: no cover - latin-1 decodes every byte


def to_text(data: bytes, path: str) -> str:
    """Decoded text of ``data``; IngestError when it is binary or blank."""
    text = decode(data)
    if text is None:
        raise IngestError(path, "binary file (NUL bytes)")
    sample = text[:_SNIFF]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise IngestError(path, "binary file (control characters)")
    if not text.strip():
        raise IngestError(path, "empty file")
    return text


def load_text(path: Path, max_bytes: int) -> str:
    """The decoded text of a file; IngestError when it cannot be used."""
    return to_text(read_bytes(path, max_bytes), str(path))


def rejected(err: IngestError) -> Rejected:
    return Rejected(err.path, err.line, err.reason)


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD for an ISO, RFC 822 or written date with a year; None otherwise."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(float(value), tz=dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    found = _iso_date(text) or _rfc822_date(text)
    if found:
        return found
    if not _YEAR.search(text):
        return None  # "yesterday", "May 6": no anchor for a year
    return _dateparser_date(text)


def _iso_date(text: str) -> str | None:
    m = _ISO.match(text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def _rfc822_date(text: str) -> str | None:
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def _dateparser_date(text: str) -> str | None:
    import dateparser

    settings = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month", "day"]}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, TypeError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None
