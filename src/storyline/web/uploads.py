"""Uploads: the size limit, and turning an upload form into articles.

Uploaded files are read by the same source readers as the command line (text, HTML,
JSONL, feeds; unknown extensions are sniffed), so a bad file gets the same one-line reason
(``report.pdf: binary file (NUL bytes)``).  Pasted text is read like a .txt file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import IngestError
from ..records import RawArticle, Rejected
from ..settings import Settings
from ..sources import read as read_file
from ..sources.common import human_size
from ..sources.text import parse_text

PASTED = "pasted text"
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


class UploadError(Exception):
    """The upload form itself is unusable (400): nothing to read, a bad date."""

    def __init__(self, message: str, failed: list[Rejected] | None = None) -> None:
        super().__init__(message)
        self.failed = failed or []


class TooLarge(Exception):
    pass


class UploadLimit:
    """ASGI middleware: POST bodies over ``limit`` bytes get 413 with a JSON error."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._reject(send, int(declared))
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise TooLarge()
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception as exc:
            if not _is_too_large(exc) or started:
                raise
            await self._reject(send, seen)

    async def _reject(self, send: Send, size: int) -> None:
        body = json.dumps({
            "error": f"upload is {human_size(size)}, larger than the {human_size(self.limit)} limit",
        }).encode()  # fmt: skip
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})  # fmt: skip
        await send({"type": "http.response.body", "body": body})


def _is_too_large(exc: BaseException) -> bool:
    if isinstance(exc, TooLarge):
        return True
    if isinstance(exc, BaseExceptionGroup):
        return any(_is_too_large(e) for e in exc.exceptions)
    return isinstance(exc.__cause__ or exc.__context__, TooLarge)


def safe_name(filename: str | None) -> str:
    name = Path((filename or "").replace("\\", "/")).name
    name = _SAFE_NAME.sub("_", name).strip(" .")
    return name[:120] or "upload.txt"


def read_upload(name: str, data: bytes, max_bytes: int) -> list[RawArticle | Rejected]:
    """The articles of one uploaded file, read by its extension (or sniffed)."""
    if not data.strip():
        return [Rejected(name, None, "empty file")]
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        out: list[RawArticle | Rejected] = []
        for item in read_file(path, max_bytes):
            where = item.path.replace(str(path), name)
            out.append(item.replace(path=where))
    return out or [Rejected(name, None, "no articles found in the file")]


def pasted_article(text: str, meta: dict[str, str]) -> RawArticle | Rejected:
    """Pasted text as an article, with the optional title, outlet and date of the form."""
    try:
        raw = parse_text(text, PASTED)
    except IngestError as err:
        return Rejected(PASTED, None, err.reason)
    published = meta.get("published") or None
    if published:
        try:
            published = dt.date.fromisoformat(published).isoformat()
        except ValueError as exc:
            raise UploadError(f"published date {published!r} is not YYYY-MM-DD") from exc
    return raw.replace(
        title=meta.get("title") or raw.title,
        source=meta.get("source") or raw.source,
        url=meta.get("url") or raw.url,
        published=published or raw.published,
        published_source="metadata" if published else raw.published_source,
    )


async def form_articles(request: Request, settings: Settings) -> list[RawArticle | Rejected]:
    """Every article of an upload form (fields ``files``, ``text``, ``title``, ``source``,
    ``published``, ``url``); UploadError when the form holds nothing usable."""
    form = await request.form(max_files=200, max_fields=20, max_part_size=settings.upload_limit)
    items: list[RawArticle | Rejected] = []
    meta = {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}
    text = str(form.get("text") or "")
    if text.strip():
        items.append(pasted_article(text, meta))
    for value in form.getlist("files"):
        if isinstance(value, UploadFile) and (value.filename or value.size):
            data = await value.read()
            items.extend(read_upload(safe_name(value.filename), data, settings.max_file_bytes))
    if not items:
        raise UploadError("nothing to ingest: paste an article or choose files")
    usable = [i for i in items if isinstance(i, RawArticle)]
    if not usable:
        failed = [i for i in items if isinstance(i, Rejected)]
        reasons = "; ".join(str(r) for r in failed)
        raise UploadError(f"no readable article in the upload: {reasons}", failed)
    return items


def rejected_dicts(items: list[Rejected]) -> list[dict[str, Any]]:
    return [{"path": r.path, "line": r.line, "reason": r.reason, "message": str(r)} for r in items]
