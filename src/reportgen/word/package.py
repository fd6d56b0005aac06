"""A report's package written once: its parts serialised, cut of links to outside content, and
zipped — never saved, read back and zipped again.

The parts are serialised as python-docx serialises them (its ``PackageWriter`` writes the
content types, the package's relationships and each part with its relationships) into
memory, cut by :func:`reportgen.word.external.neutralise_parts`, and written into one archive,
deflated at level :data:`COMPRESSION_LEVEL`: a report's parts are ~650 KB of XML, which
zlib's default level (python-docx's) takes twice as long to compress, for a file ~20 % smaller.

A template's parts that no report changes (styles, numbering, theme…) are shared by every
report of the template and serialised once (:mod:`reportgen.word.cache`): the same bytes object
each time. A :class:`Written` kept with the template remembers, for each member, the bytes it
last saw, what cutting made of them and their compressed form; a member whose bytes are the
very same object (``is``, not merely equal) is neither checked nor compressed again.
"""

from __future__ import annotations

import io
import struct
import time
import zlib
from typing import Any

from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter

from reportgen.word.external import CheckedParts, neutralise_parts

__all__ = ["COMPRESSION_LEVEL", "Written", "package_bytes", "zip_members"]

COMPRESSION_LEVEL = 1
"""The zlib level of the report's archive (1 fastest … 9 smallest; python-docx uses 6)."""

_LOCAL = struct.Struct("<IHHHHHIIIHH")
"""A zip member's local header: signature, version needed, flags, method, time, date, CRC-32,
compressed size, size, name length, extra length."""
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
"""Its central directory entry: signature, version made by and needed, flags, method, time,
date, CRC-32, sizes, name, extra and comment lengths, disk, attributes, local header offset."""
_END = struct.Struct("<IHHHHIIH")
"""The end of the central directory: entries, its size and offset."""
_DEFLATED = 8
_VERSION = 20
"""Deflate needs version 2.0 of the zip format."""
_UTF8_NAME = 0x800
_LIMIT = 0xFFFFFFFF
"""Sizes and offsets past this need zip64: such a package is zipped by :mod:`zipfile`."""


class Written:
    """What was made of a template's members in earlier reports, by member name (the member's
    bytes, the same object, kept alongside, so that an identity check is exact)."""

    def __init__(self) -> None:
        self.cut: CheckedParts = {}
        """Member → (its bytes, the relationship ids cut from it, the bytes cutting made or
        ``None`` when it had nothing to cut): ``kept`` of :func:`neutralise_parts`."""
        self.deflated: dict[str, tuple[bytes, int, bytes]] = {}
        """Member → (its bytes, their CRC-32, them deflated)."""


class _Members:
    """A stand-in for python-docx's physical package writer that keeps each member's bytes, in
    the order written, instead of zipping them."""

    def __init__(self) -> None:
        self.members: dict[str, bytes] = {}
        """Zip member name → its bytes."""

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.members[pack_uri.membername] = blob


def package_bytes(document: Any, written: Written | None = None) -> bytes:
    """The .docx of the python-docx ``document``, as bytes, without links to outside content:
    the parts ``document.save`` writes, in the same order, cut by
    :func:`~reportgen.word.external.neutralise_parts`. ``written``, kept with the template,
    spares checking and compressing again the members earlier reports had as they are."""
    package = document.part.package
    parts = package.parts
    for part in parts:  # as python-docx's OpcPackage.save
        part.before_marshal()
    collected = _Members()
    writer: Any = collected  # the interface PackageWriter calls: write(pack_uri, blob)
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    members = neutralise_parts(collected.members, written.cut if written else None)
    return zip_members(members, written.deflated if written else None)


def zip_members(members: dict[str, bytes],
                deflated: dict[str, tuple[bytes, int, bytes]] | None = None) -> bytes:
    """A zip archive of ``members`` (name → bytes, in order), each deflated at
    :data:`COMPRESSION_LEVEL` — or taken from ``deflated`` when that holds the very same bytes
    object under the name (``deflated`` is then updated with the others)."""
    if len(members) >= 0xFFFF or sum(map(len, members.values())) >= _LIMIT // 2:
        return _zip_big(members)  # zip64: zipfile knows how
    year, month, day, hour, minute, second = time.localtime()[:6]
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    out = io.BytesIO()
    central = []
    for name, blob in members.items():
        seen = deflated.get(name) if deflated is not None else None
        if seen is not None and seen[0] is blob:
            crc, data = seen[1], seen[2]
        else:
            compressor = zlib.compressobj(COMPRESSION_LEVEL, zlib.DEFLATED, -15)
            crc, data = zlib.crc32(blob), compressor.compress(blob) + compressor.flush()
            if deflated is not None:
                deflated[name] = (blob, crc, data)
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else _UTF8_NAME
        offset = out.tell()
        out.write(_LOCAL.pack(0x04034B50, _VERSION, flags, _DEFLATED, dos_time, dos_date, crc,
                              len(data), len(blob), len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(_CENTRAL.pack(0x02014B50, _VERSION, _VERSION, flags, _DEFLATED, dos_time,
                                     dos_date, crc, len(data), len(blob), len(encoded), 0, 0,
                                     0, 0, 0, offset) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    out.write(_END.pack(0x06054B50, 0, 0, len(central), len(central), out.tell() - start, start,
                        0))
    return out.getvalue()


def _zip_big(members: dict[str, bytes]) -> bytes:
    """``members`` zipped by :mod:`zipfile`, which writes zip64 records where needed."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION_LEVEL,
                         allowZip64=True) as archive:
        for name, blob in members.items():
            archive.writestr(name, blob)
    return out.getvalue()
