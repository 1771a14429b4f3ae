"""PO catalogs: the model, the file format, and everything that reads or writes them.

Modules and their public API:

- ``model``: ``Entry``, ``Catalog``, ``Edit``, ``apply_edits``, the statuses and
  ``revision_of``;
- ``pofile``: the polib boundary: ``read``, ``parse``, ``read_header``, ``write``,
  ``modify`` (read, change and write under the file's lock), ``serialise``;
- ``po_syntax``: the PO grammar line by line, and the writer's spelling of fields;
- ``update``: templates from statements and catalogs merged like msgmerge:
  ``update_project``, ``update_statement``, ``merge``;
- ``store``: ``CatalogStore``, parsed catalogs kept in memory, group-committed saves,
  and changes to one unit that leave its translation alone (``change_unit``);
- ``history``: ``History``, every accepted save, for the unit's history page;
- ``rows``: a statement's units beside their entries (``rows``, ``unit_key``);
- ``build``: translated statements built from source and catalog;
- ``stats``: ``catalog_stats``, ``project_stats``;
- ``dismiss``: ``set_dismissal``, ``dismiss_in_file``;
- ``comments``: ``Comment``, ``comments_of``, ``with_comment``: a unit's comment thread,
  kept as translator comments;
- ``search``: ``UnitSearch`` and its ``Searcher``: plain text (letter variants
  allowed), whole words, case, regular expressions, bounded in length and time
  (the ``regex`` boundary).
"""
