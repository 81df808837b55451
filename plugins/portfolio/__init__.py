"""Pelican plugin of the portfolio « L'économie sociale, j'achète! »."""
