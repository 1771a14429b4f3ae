"""The translation memory: every translated unit and imported TMX, searched for matches.

Modules and their public API:

- ``memory``: ``Memory`` (open, search, add, batch), ``Match``, ``Suggestions``;
- ``store``: the SQLite file's tables (entries and index), ``Record``, ``load`` (an
  empty memory filled in bulk);
- ``index``: the index kept in that file, in step with the entries: ``search``,
  ``catch_up``, ``build`` (every entry indexed anew, as after a bulk load);
- ``similarity``: ``tokens`` (and the ``pieces`` of text they come from, with
  ``piece_tokens``), ``score``, ``diff``;
- ``tmx``: the TMX file format, read and written: ``Reader``, ``TmxUnit``, ``write``,
  ``import_tmx``;
- ``codes``: ``Extra`` (an imported unit's inline codes and metadata, kept with its entry),
  ``placeholders``;
- ``refresh``: ``refresh`` and ``rebuild``, the memory kept in step with the catalogs;
- ``pretranslate``: ``pretranslate``, empty units filled from the memory.
"""
