"""PO catalogs: the model, the file format, and everything that reads or writes them.

Modules and their public API:

- ``model``: ``Entry`` (plural entries included), ``Catalog``, ``Layout``, ``Edit``,
  ``apply_edits``, the statuses and ``revision_of``;
- ``pofile``: PO files read and written in their own style: ``read`` (from one
  unchanging version of the file, ``read_stable``), ``parse``, ``read_header``,
  ``write``, ``modify`` (read, change and write under the file's lock),
  ``serialise``, ``entry_text``;
- ``po_reader``: the one-pass PO reader: ``parse``, ``syntax_error``;
- ``po_syntax``: quoted strings read, and fields spelled as GNU tools do (``field_lines``,
  ``reference_lines``, ``escape``, ``unescape``);
- ``po_wrap``: where GNU gettext wraps a string: ``breaks``, ``wrap_portion``, ``width_of``;
- ``plurals``: ``Plural-Forms`` rules: ``PluralRule``, ``parse_rule``, ``check_plural_forms``,
  ``resize``, and each form's CLDR name (``FormLabel``, ``form_labels``);
- ``update``: templates from statements and catalogs merged like msgmerge:
  ``update_project``, ``update_statement``, ``merge``, ``merge_catalog``;
- ``store``: ``CatalogStore``, parsed catalogs kept in memory (and each template's
  unit keys, ``template_keys``), group-committed saves, and changes to one unit that
  leave its translation alone (``change_unit``);
- ``history``: ``History`` (``History.of(project)``), every accepted save, for the unit's
  history page;
- ``rows``: a statement's units beside their entries (``rows``, ``unit_key``);
- ``build``: translated statements built from source and catalog;
- ``stats``: ``catalog_stats`` (counted against the template's units), ``template_keys``,
  ``project_stats``;
- ``dismiss``: ``set_dismissal``, ``dismiss_in_file``;
- ``conflict``: ``Conflict``, the note a sync keeps on a unit two machines changed
  differently (``parse_note``, ``conflicts_of``, ``with_conflict``, ``cleared``),
  and a unit's translation whatever fields hold it (``translation``);
- ``backups``: the version of a catalog kept before every overwrite: ``keep``,
  ``keeper``, ``versions``, ``summarise``, ``restore``;
- ``comments``: ``Comment``, ``comments_of``, ``with_comment``: a unit's comment thread,
  kept as translator comments;
- ``search``: ``UnitSearch`` and its ``Searcher``: plain text (letter variants
  allowed), whole words, case, regular expressions, bounded in length and time
  (the ``regex`` boundary).
"""
