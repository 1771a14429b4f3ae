"""Quality checks: each a function of one unit returning findings, run over a project.

Modules and their public API:

- ``registry``: ``CHECKS`` and ``REGISTRY``, the one list of checks, in order;
- ``base``: ``Check`` and ``unit_check``, what a check is made of;
- ``unit``: ``CheckedUnit``, the unit as checks see it;
- ``context``: ``Context``, what checks need beyond the unit;
- ``findings``: ``Finding`` and the severities;
- ``tables``: ``Tables``, every translated unit of a language, for the project-wide checks;
- ``status``, ``content``, ``glossary``, ``punctuation``, ``project_wide``,
  ``conflict``: the checks, one module per family;
- ``checker``: ``Checker`` (one language), ``check_project`` (a project);
- ``cache``: what the last run found, so that the next redoes only what changed.

To add a check: write it in its family's module with ``@unit_check``, and list it
in ``registry.CHECKS``.
"""
