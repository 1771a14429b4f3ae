"""The termbase: concepts and their terms per language, kept in ``glossary/glossary.tbx``.

Modules and their public API:

- ``model``: ``Glossary``, ``Concept``, ``Term``, the statuses and treatments;
- ``tbx`` and ``csv``: the file formats, read (to ``Incoming`` concepts) and written;
- ``incoming``: ``Incoming``, ``located``, the attributes one CSV row shares;
- ``sameterm``: ``same_term``, ``same_term_in``, ``TermIndex``: one term in two word
  forms (council, councils), as the matchers read them;
- ``merge``: ``merge`` of imported concepts into a glossary (by id, by preferred
  term, or into the concept that has the source term in another word form),
  ``ImportReport``, ``WordFormMerge``;
- ``conflict``: ``clashes`` of a concept a sync left in conflict (both machines'
  versions kept), how the merge words each, ``combined`` for imports;
- ``store``: ``load`` (cached), ``save``, ``modify`` under the file's lock,
  ``digest_of`` the version loaded;
- ``io``: ``import_file`` and ``export_file``, by the file's suffix.
"""
