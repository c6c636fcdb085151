"""TimeML in and out: tag TempEval-3 style files with storyline's TIMEX3 annotations.

Input files carry the DCT as ``<DCT><TIMEX3 ... functionInDocument="CREATION_TIME"
value="..."></DCT>`` and the body in ``<TEXT>``; the output is the same file with
``<TIMEX3 tid type value [mod]>`` elements inserted in TEXT and the text otherwise unchanged.
A range ('May 9 to 12') is written as its parts, the way TimeBank annotates them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from .errors import IngestError
from .pipeline import timex as timex_stage
from .records import Timex
from .time import parse_dct, split_range

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>\s*<TIMEX3\b([^>]*)>", re.S)
_VALUE = re.compile(r'\bvalue="([^"]*)"')
_TAG_OR_ENTITY = re.compile(r"<[^>]+>|&(?:amp|lt|gt|quot|apos|#\d+);")
_PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer")


def _plain(body: str) -> tuple[str, list[int]]:
    """The body without tags and with entities decoded, and each character's raw offset."""
    out: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _TAG_OR_ENTITY.finditer(body):
        out.append(body[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        if not m.group(0).startswith("<"):
            out.append(html.unescape(m.group(0)))
            offsets.append(m.start())
        pos = m.end()
    out.append(body[pos:])
    offsets.extend(range(pos, len(body) + 1))
    return "".join(out), offsets


def _attrs(t: Timex, tid: int) -> str:
    parts = [f'tid="t{tid}"', f'type="{t.type}"', f'value="{html.escape(t.value)}"']
    if t.mod and t.mod != "BEFORE":
        parts.append(f'mod="{t.mod}"')
    return " ".join(parts)


def tag_text(text: str, dct: str | None, nlp: Language) -> list[Timex]:
    """The timexes of ``text`` (ranges split into parts) as the timex stage finds them."""
    enabled = [name for name in nlp.pipe_names if name in _PARSE_PIPES]
    with nlp.select_pipes(enable=enabled):
        doc = nlp(text)
    doc._.storyline_dct = dct
    found = timex_stage.find(doc)
    parsed = parse_dct(dct)
    return [part for t in found for part in split_range(t, parsed)]


def tag_document(raw: str, nlp: Language, path: str = "<string>") -> str:
    """One TimeML document with TIMEX3 tags inserted into its TEXT."""
    body_match = _TEXT.search(raw)
    if body_match is None:
        raise IngestError(path, "no <TEXT> element")
    dct_match = _DCT.search(raw)
    value = _VALUE.search(dct_match.group(1)) if dct_match else None
    dct = value.group(1)[:10] if value else None
    body = body_match.group(1)
    text, offsets = _plain(body)
    pieces: list[str] = []
    pos = 0
    for tid, t in enumerate(tag_text(text, dct, nlp), start=1):
        start, end = offsets[t.start], offsets[t.end]
        if start < pos:
            continue
        pieces.append(body[pos:start])
        pieces.append(f"<TIMEX3 {_attrs(t, tid)}>{body[start:end]}</TIMEX3>")
        pos = end
    pieces.append(body[pos:])
    return raw[: body_match.start(1)] + "".join(pieces) + raw[body_match.end(1) :]


def tag_files(paths: Sequence[Path], out_dir: Path, nlp: Language) -> list[Path]:
    """Tag each TimeML file and write it under ``out_dir`` with the same name."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in paths:
        raw = Path(path).read_text(encoding="utf-8")
        target = out_dir / Path(path).name
        target.write_text(tag_document(raw, nlp, str(path)), encoding="utf-8")
        written.append(target)
    return written
