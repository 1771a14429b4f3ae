"""Plumbing every layer may use: files written atomically under a lock, and SQLite.

Modules and their public API:

- ``files``: ``atomic_write``, ``atomic_stream``, ``locked`` (a lock that holds
  across processes; ``lock_path``, where it lives), ``require_folder`` (for a file
  the user places: its folder must exist);
- ``derived``: ``read``, ``write``, ``code_key``: results kept on disk to save time
  (the parsed glossary, the last check run), valid while their key holds;
- ``database``: SQLite connections (one per thread, WAL, busy timeout);
- ``xmlguard``: ``GuardedParser``, expat with limits on depth, attribute and text
  size (``Refused``), for every XML format; ``refused_as``, its errors as a format's own;
  ``plain_tree``, a plain document parsed in C; ``not_xml``, a character no XML can carry;
- ``packaging``: the build hook that compiles the interface's translations;
- ``forked``: ``shared``, a long batch shared with a forked child process (the
  second processor), its results the plain loop's;
- ``encodings``: ``likely_encoding``, the name of the encoding a file that is
  not UTF-8 is most likely in (UTF-16, Windows-1256, Windows-1252), for its message.

Imports nothing else of the workbench but :mod:`workbench.errors`.
"""
