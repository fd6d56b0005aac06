"""Names the template and the renderer agree on: the styles a clerk's own template must keep.

Both the template builder (build time) and the renderer (run time) import these; the renderer
never imports the builder.
"""

CASE_BOX_STYLE = "Case Box"
"""The table style of a case's box (案例框)."""
REPORT_TABLE_STYLE = "Report Table"
"""The table style of every data table; the renderer writes each table in it."""
