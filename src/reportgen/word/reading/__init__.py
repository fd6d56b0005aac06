"""Word → model: a report written in Word (or WPS) read back into a
:class:`~reportgen.model.Report`, with an import report of every guess made on the way.

python-docx is used only here and in the rest of :mod:`reportgen.word`. See docs/import.md
for what is recognised.
"""

from __future__ import annotations

from reportgen.word.reading.assemble import Reading, read_docx, read_document
from reportgen.word.reading.container import Kind, check_document_file
from reportgen.word.reading.items import Picture
from reportgen.word.reading.items import Guess, Position

__all__ = ["Guess", "Kind", "Picture", "Position", "Reading", "check_document_file",
           "read_document", "read_docx"]
