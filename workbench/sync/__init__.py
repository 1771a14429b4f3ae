"""Sync between machines, with git as the engine.

Modules and their public API:

- ``pomerge``: ``merge_texts``, the three-way merge of PO catalogs unit by unit,
  ``merge_entry`` for one unit, ``UnitConflict``;
- ``tbxmerge``: ``merge_glossaries``, the three-way merge of the glossary concept by concept;
- ``driver``: ``merge_file``, the git merge driver that runs both (``workbench merge-driver``);
- ``gitrepo``: ``Git``, the git plumbing: commands with a time limit, the
  repository's merge settings (``configure``), authorship;
- ``bundles``: ``write_bundle``, ``open_bundle``: git bundles for a USB stick,
  encrypted with a passphrase (age, through pyrage);
- ``unfinished``: ``refuse_unfinished``, ``refuse_markers``: a merge left unfinished by
  hand, or git's conflict markers in a file, stop a sync before it commits;
- ``service``: ``sync``, ``apply_bundle``, ``make_bundle``, ``status``: what
  ``workbench sync`` and the web's Sync page run.
"""
