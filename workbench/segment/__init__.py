"""Statements cut into units: headings, bullet items, lines of their own and sentences.

Modules and their public API:

- ``segmenter``: ``segment(text, language)`` returns ``Unit`` records with exact
  offsets, ``paragraphs`` groups them; lossless: the units and the text
  between them give back the source byte for byte;
- ``rules``: the word lists (abbreviations, sentence starters, lines of their own).

Pure: no file is read or written.
"""
