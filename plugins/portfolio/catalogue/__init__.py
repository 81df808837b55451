"""Printable catalogues (HTML pages and WeasyPrint PDFs) and the buyer's shortlist page."""
