"""XLIFF round trips for translators who work in a CAT tool (OmegaT, memoQ, Trados, Matecat).

A statement's catalog goes out as XLIFF 1.2 or 2.0, one unit per catalog
entry, and comes back through the same store as a web save: locks, history
and the conflict check apply, and a unit changed both in the file and in the
catalog since the export keeps both texts.

Modules and their public API:

- ``document``: ``XliffFile``, ``XliffUnit``, ``GlossaryHit``: what a file holds,
  whatever its version; the unit id (``unit_id``);
- ``inline``: ``plain_text``, the text of a segment with the inline markup CAT
  tools add (``<g>``, ``<x/>``, ``<mrk>``, ``<ph>``, memoQ's ``{}`` codes) taken out;
- ``xliff12`` and ``xliff20``: the file formats, ``dumps`` and ``loads``;
- ``tree``: ``parse``, the file parsed within the XML limits, with lines; ``escaped``, text
  written into either version;
- ``plan``: ``decide``, what an import takes from each unit of a file (``Plan``);
- ``service``: ``export_statement``, ``import_file``, ``ImportReport``.
"""
