"""Glossary terms found in text: in the source by their word forms, in the translation.

Modules and their public API:

- ``source``: ``SourceMatcher`` (one compiled Aho-Corasick automaton over the
  folded text, leftmost-longest ``Hit`` records, named tuples);
- ``automaton``: ``Automaton``, the compiled automaton over many keys (the one
  module that imports ``ahocorasick_rs``), searched as bytes where it can;
- ``target``: ``TargetMatcher``, ``target_matcher``, ``find_term``;
- ``contradictions``: ``contradictions``, ``Contradiction``: one term given
  contradicting statuses in a termbase;
- ``matcher``: ``matcher_for(project)``, the project's matcher built once per
  glossary version and kept in the instance's cache.
"""
