"""Open-data exports of the portfolio: bilingual CSV and documented JSON files, and the page listing them."""
