"""Three machines of one team diverge over days of work and sync in orders hypothesis picks.

After everyone has synced twice, in turn: every machine holds byte-identical
catalogs and glossary, every acknowledged save is there (as the text, or as
a conflict's alternative) unless a later save made with it in view replaced
it, and every catalog passes ``msgfmt --check``. Saves come from the web form
(Flask's test client, through the store) and from another tool writing the
file (the command line's way).
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from workbench.catalogs import pofile
from workbench.catalogs.model import Edit, apply_edits
from workbench.catalogs.rows import unit_key
from workbench.glossary import store as glossary_store
from workbench.glossary.model import Concept, Term
from workbench.project import Project
from workbench.sync import service

from .conftest import SMALL_STATEMENT
from .support import msgfmt_problems
from .sync_support import STATEMENT, bare_remote, clone, first_clone, texts_of, tracked_files

NAMES = ("Sara", "Leyla", "Nasrin")
WORDS = ("شورا", "اعتصاب", "کارگران", "اراک", "قدرت", "کارخانه")
EXAMPLES = int(os.environ.get("WORKBENCH_SYNC_EXAMPLES", "3"))


@dataclass(frozen=True)
class Save:
    id: int
    machine: int
    msgid: str
    text: str
    supersedes: frozenset[int]  # the saves of this unit its machine had seen


class Team(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="workbench-team-"))
        self.saves: list[Save] = []
        self.counter = itertools.count(1)
        self.apps: dict[int, object] = {}

    @initialize()
    def start(self) -> None:
        project = Project.init(self.folder / "sara", languages=("fa",))
        (project.seeds_dir / f"{STATEMENT}.txt").write_text(SMALL_STATEMENT, encoding="utf-8")
        glossary_store.modify(
            project,
            lambda g: g.add(Concept("council", (Term("council", "en"), Term("شورا", "fa")))),
        )
        remote = bare_remote(self.folder / "remote.git")
        self.machines = [first_clone(project, remote, NAMES[0])]
        for name in NAMES[1:]:
            self.machines.append(clone(remote, self.folder / name.lower(), name))
        catalog = pofile.read(project.catalog_path("fa", STATEMENT))
        self.units = [e.msgid for e in catalog.active()][:5]
        # What each machine knows of each unit's saves, and what the remote holds.
        self.known = [{u: set() for u in self.units} for _ in self.machines]
        self.remote = {u: set() for u in self.units}

    def teardown(self) -> None:
        for app in self.apps.values():
            app.extensions["workbench"].close()  # type: ignore[attr-defined]
        try:
            if hasattr(self, "machines"):
                self._everyone_syncs_twice_and_agrees()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- the days of work ------------------------------------------------------------

    def _record(self, machine: int, msgid: str, text: str) -> None:
        seen = frozenset(self.known[machine][msgid])
        save = Save(next(self.counter), machine, msgid, text, seen)
        self.saves.append(save)
        self.known[machine][msgid].add(save.id)

    @rule(machine=st.integers(0, 2), unit=st.integers(0, 4), word=st.sampled_from(WORDS))
    def save_in_the_web_form(self, machine: int, unit: int, word: str) -> None:
        project = self.machines[machine]
        msgid = self.units[unit]
        text = f"{word} {NAMES[machine]}"
        client = self._client(machine)
        store = self.apps[machine].extensions["workbench"].store  # type: ignore[attr-defined]
        entry = store.get("fa", STATEMENT).find(msgid)
        response = client.post(
            f"/translate/fa/{STATEMENT}/unit/{unit_key(msgid)}",
            data={"msgstr": text, "status": "translated", "revision": entry.revision},
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        assert project
        self._record(machine, msgid, text)

    @rule(machine=st.integers(0, 2), unit=st.integers(0, 4), word=st.sampled_from(WORDS))
    def save_from_another_tool(self, machine: int, unit: int, word: str) -> None:
        project = self.machines[machine]
        msgid = self.units[unit]
        text = f"{word} ({NAMES[machine]})"

        def change(current):
            apply_edits(current, [Edit(msgid, text, "translated", user=NAMES[machine])])
            return current

        path = project.catalog_path("fa", STATEMENT)
        pofile.modify(path, change, project.relative(path), project.lock_dir)
        self._record(machine, msgid, text)

    @rule(machine=st.integers(0, 2), word=st.sampled_from(WORDS))
    def edit_the_glossary(self, machine: int, word: str) -> None:
        project = self.machines[machine]
        glossary_store.modify(
            project, lambda g: g.edit("council", definition=f"{word}: {NAMES[machine]}")
        )

    @rule(machine=st.integers(0, 2))
    def sync(self, machine: int) -> None:
        service.sync(self.machines[machine], author=NAMES[machine])
        for msgid in self.units:
            merged = self.remote[msgid] | self.known[machine][msgid]
            self.remote[msgid] = set(merged)
            self.known[machine][msgid] = set(merged)

    def _client(self, machine: int):
        if machine not in self.apps:
            from workbench.web import create_app

            self.apps[machine] = create_app(
                {
                    "TESTING": True,
                    "WTF_CSRF_ENABLED": False,
                    "WORKBENCH_ROOT": str(self.machines[machine].root),
                    "WORKBENCH_SINGLE_USER": True,
                    "WORKBENCH_USER_NAME": NAMES[machine],
                }
            )
        return self.apps[machine].test_client()  # type: ignore[attr-defined]

    # -- the end -------------------------------------------------------------------

    def _everyone_syncs_twice_and_agrees(self) -> None:
        for _round in range(2):
            for machine, project in enumerate(self.machines):
                service.sync(project, author=NAMES[machine])
        files = [tracked_files(p) for p in self.machines]
        assert files[1] == files[0]
        assert files[2] == files[0]
        replaced = set().union(*(s.supersedes for s in self.saves))
        for save in self.saves:
            if save.id in replaced:
                continue
            assert save.text in texts_of(self.machines[0], save.msgid), save
        catalogs = sorted(self.machines[0].locales_dir.rglob("*.po*"))
        assert list(msgfmt_problems(catalogs)) == []


TestTeam = Team.TestCase
TestTeam.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def _no_passphrase(monkeypatch):
    monkeypatch.delenv("WORKBENCH_PASSPHRASE", raising=False)
