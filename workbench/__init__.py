"""workbench: statements cut into units, translated in gettext catalogs,
kept consistent by a shared glossary, and built back into documents.

The packages are layers; each imports only from those below it (the
contracts in pyproject.toml hold this):

=================  ================================================================
cli, web           the command line and the web form (they never import each other)
services           the long-lived parts one server process shares
checks, corpus,    quality checks; term extraction, concordance and consistency;
xliff, sync        XLIFF round trips with CAT tools; sync between machines through git
                   (unit-by-unit merge, bundles), all four in one layer
memory             the translation memory and TMX
terms              glossary terms found in source and target text
glossary           the termbase: model, TBX and CSV, merge, store
catalogs           PO catalogs: model, file format, update, store, history, build
project, accounts  a project folder and its settings; the people who may log in
lang, segment      languages, scripts, word forms, numbers; the segmenter
util               files (atomic, locked) and SQLite connections
errors             the exception hierarchy
messages           messages as templates and parameters, said in the reader's language
=================  ================================================================

Start-up time counts: a verb imports only what it needs (a module needed
by one branch is imported in that branch, under a comment saying so), a
pattern few texts need is compiled when first used, and the small records
of one module on a check's path are plain classes with ``__slots__``, not
dataclasses: Python 3.11 compiles a dataclass's methods from source at
every start, half a millisecond each.
"""

from __future__ import annotations

__version__ = "0.1.0"
