"""The papers organisers print, sign and file: invitations, lists, reports and QR posters.

Pure renderers (bytes out, nothing read or written) over `Material`, which `gather` collects
from the database. DOCX by python-docx, XLSX by openpyxl, PDF by fpdf2 with the Liberation
Serif font shipped in `fonts/` (metric-compatible with Times New Roman, SIL OFL 1.1), so
`pip install -e .` alone renders the same pages on any machine.
"""
