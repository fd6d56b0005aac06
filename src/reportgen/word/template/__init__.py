"""Building the official template (templates/report.docx) — used at build time only, never
imported when a report is rendered."""
