"""Files in and out: every file reportgen writes is written by :mod:`.writing` (whole or not at
all), and every workbook or document it reads is first recognised by :mod:`.sniffing`."""

from reportgen.files.sniffing import Shape, Sniffed, refusal, sniff
from reportgen.files.writing import (NAME_MAX, Staging, clean_stale_temporaries, file_error,
                                     os_reason, temporary_beside, temporary_name,
                                     write_atomically, write_bytes)

__all__ = ["NAME_MAX", "Shape", "Sniffed", "Staging", "clean_stale_temporaries", "file_error",
           "os_reason", "refusal", "sniff", "temporary_beside", "temporary_name",
           "write_atomically", "write_bytes"]
