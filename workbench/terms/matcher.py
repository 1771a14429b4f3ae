"""The project's source matcher: its glossary's terms, found in source text.

Building a matcher for a large glossary costs a good part of a second, so it
is built once per version of the glossary file and shared by every caller:
the checks, the editor, term extraction and the consistency report. A new
process takes the matcher the last one built from the instance's cache
(``instance/cache/source-matcher.pickle``), kept under the glossary file's
digest: a third of the time it takes to build.

:func:`made_ahead` starts a child process that reads the glossary and builds
the matcher into the cache while a command loads the rest of its code: the
first check after the glossary changed waits for little more than the
longer of the two.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.glossary import store as glossary_store
from workbench.util import derived, forked

if TYPE_CHECKING:
    from workbench.glossary.model import Glossary
    from workbench.project import Project
    from workbench.terms.source import SourceMatcher

_BUILT: dict[tuple[Path, str], tuple[Glossary, SourceMatcher]] = {}
_LOCK = threading.Lock()
#: The shape of the matcher kept in the instance's cache.
_FORMAT = 1
_KEPT = "source-matcher.pickle"


def matcher_for(project: Project) -> tuple[Glossary, SourceMatcher]:
    """Return the project's glossary and the matcher of its source-language terms."""
    glossary = glossary_store.load(project)
    key = (project.root, project.source_language)
    built = _BUILT.get(key)
    if built is not None and built[0] is glossary:
        return built
    with _LOCK:
        built = _BUILT.get(key)
        if built is None or built[0] is not glossary:
            built = (glossary, _kept_or_built(project, glossary))
            _BUILT[key] = built
    return built


def _kept_or_built(project: Project, glossary: Glossary) -> SourceMatcher:
    # Start-up time: a command that only starts a matcher ahead (see
    # made_ahead) does not load the matcher's modules.
    from workbench.terms.source import SourceMatcher

    digest = glossary_store.digest_of(project, glossary)
    kept_at = project.instance_dir / "cache" / _KEPT
    key = (_FORMAT, derived.code_key(), digest, project.source_language)
    if digest is not None:
        kept = derived.read(kept_at, key)
        if isinstance(kept, SourceMatcher):
            return kept
    matcher = SourceMatcher(list(glossary), language=project.source_language)
    if digest is not None:
        derived.write(kept_at, key, matcher, project.lock_dir)
    return matcher


def made_ahead(project: Project) -> forked.Ahead:
    """Start building the project's glossary and matcher into the cache, if they are not there.

    The child process does what :func:`matcher_for` would; the caller
    waits for it before its own first :func:`matcher_for`, which then reads
    what the child kept. Nothing is started when the kept matcher is newer
    than the glossary file, or the project has none.
    """
    try:
        changed = os.stat(glossary_store.glossary_path(project)).st_mtime_ns
    except OSError:
        return forked.Ahead()
    try:
        kept = os.stat(project.instance_dir / "cache" / _KEPT).st_mtime_ns
    except OSError:
        kept = None
    if kept is not None and kept > changed:
        return forked.Ahead()
    return forked.ahead(lambda: matcher_for(project))
