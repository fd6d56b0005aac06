"""LibreOffice, run headless: the table of contents' page numbers, the PDF and page pictures.

The only package that starts processes. :class:`OfficeSession` is one LibreOffice serving many
documents (``reportgen.generate(..., office=session)``).
"""

from reportgen.office.session import OfficeError, OfficeSession

__all__ = ["OfficeError", "OfficeSession"]
