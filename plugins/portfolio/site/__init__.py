"""The public site: generator, URLs, rendering, pages, media, structured data."""
