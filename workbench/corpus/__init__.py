"""The glossary seen in the corpus: term extraction, concordance, consistency.

Modules and their public API:

- ``extract``: ``extract`` and ``candidates``, term candidates ranked by termhood;
- ``phrases``: ``tokens``, ``count``, ``nominalised``, ``fixed``: word runs of the
  statements counted as candidates;
- ``slogans``: ``slogans``, the slogans and chants a statement reports;
- ``concordance``: ``concordance``, every occurrence of a term in context; ``occurrences``,
  the units that hold a concept, with their translations;
- ``consistency``: ``consistency``, how each concept has been rendered.
"""
