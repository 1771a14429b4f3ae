"""The people who may log in: names or pseudonyms, roles and password hashes.

Modules and their public API:

- ``users``: ``Users`` (the SQLite table in ``instance/``), ``User``, the roles
  ``TRANSLATOR``, ``REVIEWER``, ``ADMIN``, ``check_name``, ``UserError``.
"""
