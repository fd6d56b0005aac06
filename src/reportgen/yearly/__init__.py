"""The yearly workflow: a blank workbook, this year's from last year's (``reportgen init``), and
the district's workbook from its schools' (``reportgen merge``).

Pipeline-level: it reads workbooks through :mod:`reportgen.xlsx`, checks them through
:mod:`reportgen.checks` and writes forms through :mod:`reportgen.xlsx.blank`.
"""
