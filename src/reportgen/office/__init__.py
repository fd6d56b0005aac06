"""LibreOffice, run headless: the table of contents' page numbers, the PDF and page pictures.

The only package that starts processes."""
