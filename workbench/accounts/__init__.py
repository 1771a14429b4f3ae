"""The people who may log in: names or pseudonyms, roles, password hashes, sessions.

Modules and their public API:

- ``users``: ``Users`` (the SQLite database in ``instance/``), ``User``, the roles
  ``TRANSLATOR``, ``REVIEWER``, ``ADMIN``, ``check_name``, ``hash_password``,
  ``check_password``, ``MIN_PASSWORD``, ``UserError``, ``Throttled``, ``WrongPassword``
  (``Users.change_password``: one's own password, the current one checked and throttled
  as a login);
- ``sessions``: ``Sessions``, server-side login sessions with idle and absolute
  timeouts, ended on logout and by every change to their person;
- ``throttle``: ``Throttle``, failed logins counted per (address, name) and per
  address in one transaction, with delays that grow.
"""
