"""Importers turn a source (a raw text scrape, a web page, a feed) into content files."""
