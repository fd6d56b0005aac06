"""Reading a form with its uploaded files straight into a job's private folder, within limits.

The request body is parsed as it arrives (python-multipart, the parser Starlette uses) and each
file is written into ``FOLDER/in/N/NAME``: its own numbered folder, so two schools' files of the
same name never meet, under the leaf of the name the browser sent, cleaned (:func:`safe_name`) —
the name only labels the file (messages say ``2024.xlsx › 正文!B3``, as on the command line); the
folder is the server's. A body over the limit is refused before anything is kept, with a Chinese
message for the page; the server keeps serving.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, AsyncIterator, BinaryIO

from attrs import frozen
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from reportgen.errors import UsageError

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

MAX_UPLOAD = 50 * 1024 * 1024
"""Bytes one request may upload (all its files together): a report workbook is well under 5 MB."""
MAX_FILES = 200
"""Files one request may upload (汇总 takes every school's workbook at once)."""
MAX_FIELD = 64 * 1024
"""Bytes of one form field that is not a file."""
DRAIN_LIMIT = 1024 * 1024 * 1024
"""Bytes of a refused body read and thrown away so that the browser sees the answer (a browser
still sending when the connection closes shows its own error instead of the page's)."""
NAME_LIMIT = 100
"""Characters kept of an uploaded file's name."""
_FORBIDDEN = set('<>:"/\\|?*')


class UploadRefused(UsageError):
    """The upload (or the form sent with it) cannot be taken: the page was used wrongly. Raised
    with a registered ``U-WEB-…`` code and its data, like any usage error; ``status`` is the
    HTTP status of the page's answer."""

    def __init__(self, code: str, /, status: int = 400, **fields: Any) -> None:
        super().__init__(code, **fields)
        self.status = status


@frozen
class Upload:
    """One uploaded file, kept in its job's folder."""

    field: str
    """The form field it came in."""
    name: str
    """Its name as the browser gave it, cleaned (:func:`safe_name`)."""
    path: Path
    """Where it is kept."""
    size: int
    """Its size in bytes."""


@frozen
class Form:
    """A submitted form: its fields and its files."""

    fields: dict[str, str]
    """Each plain field's value (the last one when a name repeats)."""
    files: tuple[Upload, ...]
    """Every uploaded file, in the order sent; a file input left empty sends none."""

    def files_of(self, field: str) -> list[Upload]:
        """The files sent in ``field``."""
        return [upload for upload in self.files if upload.field == field]

    def first_of(self, field: str, what: str) -> Upload:
        """The first file sent in ``field``; :class:`UploadRefused` naming ``what`` the page
        asks for when none was."""
        uploads = self.files_of(field)
        if not uploads:
            raise UploadRefused("U-WEB-FILE-MISSING", what=what)
        return uploads[0]

    def flag(self, field: str) -> bool:
        """Whether the checkbox ``field`` was ticked."""
        return field in self.fields


def safe_name(raw: str, default: str = "工作簿.xlsx") -> str:
    """The last part of a file name sent by a browser, without characters a file system
    refuses or that name a folder; ``default`` when nothing is left."""
    leaf = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in leaf if ch.isprintable() and ch not in _FORBIDDEN)
    name = name.strip().lstrip(".").strip()
    if len(name) > NAME_LIMIT:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:NAME_LIMIT - len(suffix) - 1] + dot + suffix) if dot and len(suffix) <= 8 \
            else name[:NAME_LIMIT]
    return name or default


def megabytes(size: int) -> str:
    """``52428800`` → ``50``; ``1572864`` → ``1.5``."""
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def too_large(size: int | None, limit: int) -> UploadRefused:
    """The page's answer to an upload over ``limit`` (of ``size`` bytes, when declared)."""
    if size is None:
        return UploadRefused("U-WEB-UPLOAD-LIMIT", 413, limit=megabytes(limit))
    return UploadRefused("U-WEB-UPLOAD-SIZE", 413, size=megabytes(size), limit=megabytes(limit))


async def read_form(request: Request, folder: Path, *, max_bytes: int = MAX_UPLOAD,
                    max_files: int = MAX_FILES) -> Form:
    """Parse the multipart form of ``request``, writing its files under ``folder/in``.

    Raises :class:`UploadRefused` for a body over ``max_bytes`` (status 413), too many files
    or a body that is not a form (400).
    """
    kind, options = parse_options_header(request.headers.get("content-type", ""))
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        await _drain(request)
        raise UploadRefused("U-WEB-UPLOAD-NOT-MULTIPART")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes:
        await _drain(request)
        raise too_large(int(declared), max_bytes)
    reader = _Reader(folder / "in", max_files)
    parser = MultipartParser(boundary, reader.callbacks())
    received = 0
    body = request.stream()
    try:
        async for chunk in body:
            received += len(chunk)
            if received > max_bytes:
                reader.close()
                await _drain(body)
                raise too_large(None, max_bytes)
            parser.write(chunk)
        parser.finalize()
    except FormParserError as exc:
        reader.close()
        raise UploadRefused("U-WEB-UPLOAD-BROKEN") from exc
    finally:
        reader.close()
    if reader.refused is not None:
        raise reader.refused
    return Form(reader.fields, tuple(reader.files))


async def _drain(body: Request | AsyncIterator[bytes]) -> None:
    """Read the rest of a refused body (up to :data:`DRAIN_LIMIT`) and throw it away."""
    read = 0
    async for chunk in body.stream() if isinstance(body, Request) else body:
        read += len(chunk)
        if read > DRAIN_LIMIT:
            break


class _Reader:
    """python-multipart's callbacks: headers of each part, then its data to a file or a field."""

    def __init__(self, folder: Path, max_files: int) -> None:
        self.folder = folder
        self.max_files = max_files
        self.fields: dict[str, str] = {}
        self.files: list[Upload] = []
        self.refused: UploadRefused | None = None
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._data = bytearray()
        self._stream: BinaryIO | None = None
        self._upload: tuple[str, str, Path] | None = None
        self._size = 0
        self._field = ""
        self._count = 0

    def callbacks(self) -> MultipartCallbacks:
        return {"on_part_begin": self._begin, "on_part_data": self._part_data,
                "on_part_end": self._end, "on_header_field": self._header_field,
                "on_header_value": self._header_value_data, "on_header_end": self._header_end,
                "on_headers_finished": self._headers_finished}

    def _begin(self) -> None:
        self._disposition, self._data, self._upload, self._size = b"", bytearray(), None, 0

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def _header_value_data(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def _header_end(self) -> None:
        if self._header_name.lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        field = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            self._upload = None
            self._field = field
            return
        raw = options[b"filename"].decode("utf-8", "replace")
        if not raw:  # a file input left empty
            self._upload = ("", "", Path())
            return
        self._count += 1
        if self._count > self.max_files:
            self.refused = UploadRefused("U-WEB-UPLOAD-FILES", limit=self.max_files)
            self._upload = ("", "", Path())
            return
        slot = self.folder / str(self._count)
        slot.mkdir(parents=True, mode=0o700)
        name = safe_name(raw)
        path = slot / name
        self._upload = (field, name, path)
        self._stream = open(path, "xb")

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._upload is None:
            if len(self._data) + end - start > MAX_FIELD:
                self.refused = UploadRefused("U-WEB-UPLOAD-FIELD")
                return
            self._data += data[start:end]
        elif self._stream is not None:
            self._stream.write(data[start:end])
            self._size += end - start

    def _end(self) -> None:
        if self._upload is None:
            self.fields[self._field] = self._data.decode("utf-8", "replace")
        elif self._stream is not None:
            self._stream.close()
            self._stream = None
            field, name, path = self._upload
            self.files.append(Upload(field, name, path, self._size))

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
