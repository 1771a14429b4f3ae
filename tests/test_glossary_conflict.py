"""A concept a sync left in conflict: read, shown, checked, settled, and kept by imports."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from workbench.glossary import conflict as gc
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx
from workbench.glossary.model import ADMITTED, Concept, Glossary, Term
from workbench.sync.tbxmerge import merge_glossaries

from .support import REPO

STARTER = REPO / "glossary" / "glossary.tbx"
OUR_NOTE = "Chosen at the Ahvaz meeting."
THEIR_NOTE = "Chosen at the Arak meeting.\n\nشورا, never انجمن."


def two_machines(base: Glossary) -> Glossary:
    """Return *base* merged after two machines changed the note and the Persian term of council."""
    council = base["council"]
    ours = base.replace(dataclasses.replace(council.with_preferred("fa", "شوراها"), note=OUR_NOTE))
    theirs = base.replace(
        dataclasses.replace(council.with_preferred("fa", "شورای محل"), note=THEIR_NOTE)
    )
    merged, clashes = merge_glossaries(base, ours, theirs)
    assert [c.concept_id for c in clashes] == ["council", "council"]
    return merged


@pytest.fixture
def conflicted(project):
    """The small project with the starter glossary, its concept council merged in conflict."""
    shutil.copy(STARTER, glossary_store.glossary_path(project))
    glossary_store.save(project, two_machines(glossary_store.load(project)))
    return project


def glossary_bytes(project) -> bytes:
    return glossary_store.glossary_path(project).read_bytes()


def council(project) -> Concept:
    return glossary_store.load(project)["council"]


# -- reading what the merge wrote ----------------------------------------------------


def test_each_clash_the_merge_wrote_reads_back_with_both_sides():
    merged = two_machines(tbx.loads(STARTER.read_bytes(), "glossary.tbx"))
    clashes = gc.clashes(merged["council"])
    assert [(c.kind, c.field, c.language, c.ours, c.theirs) for c in clashes] == [
        ("field", "note", "", OUR_NOTE, THEIR_NOTE),
        ("preferred", "", "fa", "شوراها", "شورای محل"),
    ]


def test_a_concept_removed_on_one_machine_and_edited_on_the_other_reads_as_removed():
    base = Glossary((Concept("strike", (Term("strike", "en"), Term("اعتصاب", "fa"))),))
    edited = base.add_term("strike", Term("اعتصابات", "fa", ADMITTED))
    merged, _ = merge_glossaries(base, edited, Glossary())
    [clash] = gc.clashes(merged["strike"])
    assert clash.kind == "removed"
    assert clash.describe("strike") == (
        "removed on one machine while edited on another, and kept with the edits; to remove it "
        "after all: workbench glossary remove strike"
    )


def test_a_line_written_by_hand_is_kept_and_shown_as_it_is():
    concept = Concept("council", (Term("council", "en"),), conflict="ask Leyla\nabout شورا")
    [clash] = gc.clashes(concept)
    assert (clash.kind, clash.describe("council")) == ("other", "ask Leyla / about شورا")


# -- glossary show and glossary check -----------------------------------------------------

SHOWN = [
    "decision note: «Chosen at the Ahvaz meeting.» here (kept), «Chosen at the Arak meeting. / "
    "شورا, never انجمن.» on the other machine; to take the other: workbench glossary edit "
    "council --note TEXT",
    "fa preferred: «شوراها» here, «شورای محل» on the other machine (kept as admitted); to prefer "
    "the other: workbench glossary edit council --prefer 'fa=شورای محل'",
]


def test_show_prints_the_conflict_with_what_each_machine_said_and_how_to_settle_it(conflicted, run):
    result = run(conflicted, "glossary", "show", "council")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "council",
        "  conflict: a sync kept two machines' versions; keep it as it is with: workbench "
        "glossary edit council --settle, or change it with glossary edit, which settles it too",
        *(f"    {line}" for line in SHOWN),
    ]


def test_show_of_a_settled_concept_says_nothing_of_conflicts(conflicted, run):
    assert "conflict" in run(conflicted, "glossary", "show", "council").stdout
    assert "conflict" not in run(conflicted, "glossary", "show", "strike").stdout


def test_check_reports_a_concept_in_conflict_as_an_error_with_both_sides(conflicted, run):
    result = run(conflicted, "glossary", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'error: concept "council" keeps two machines\' versions after a sync; keep it as it is '
        "now with: workbench glossary edit council --settle, or change it with glossary edit, "
        "which settles it too",
        *(f"  {line}" for line in SHOWN),
    ]
    result = run(conflicted, "glossary", "check", "--json")
    assert result.exit_code == 1
    [found] = json.loads(result.stdout)
    assert (found["kind"], found["severity"], found["concept"], found["settle"]) == (
        "conflict",
        "error",
        "council",
        "workbench glossary edit council --settle",
    )
    assert [(c["kind"], c["ours"], c["theirs"]) for c in found["clashes"]] == [
        ("field", OUR_NOTE, THEIR_NOTE),
        ("preferred", "شوراها", "شورای محل"),
    ]


def test_check_for_another_language_leaves_out_the_persian_clash_but_not_the_note(conflicted, run):
    result = run(conflicted, "glossary", "check", "--lang", "de", "--json")
    [found] = json.loads(result.stdout)
    assert [c["kind"] for c in found["clashes"]] == ["field"]


# -- settling from the command line ---------------------------------------------------------


def test_settle_keeps_the_concept_as_it_is_and_clears_the_conflict(conflicted, run):
    before = council(conflicted)
    result = run(conflicted, "glossary", "edit", "council", "--settle")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Saved the concept council:",
        "  the sync conflict is settled; it said: note on the other machine: Chosen at the Arak "
        "meeting. / شورا, never انجمن.; two preferred fa renderings: شوراها (kept preferred) "
        "and شورای محل (from the other machine, now admitted)",
    ]
    assert council(conflicted) == dataclasses.replace(before, conflict="")
    assert run(conflicted, "glossary", "check").exit_code == 0
    again = run(conflicted, "glossary", "edit", "council", "--settle")
    assert again.stdout == (
        "Nothing changed in the concept council; it has no sync conflict to settle\n"
    )


def test_any_edit_settles_the_conflict_as_a_save_in_the_web_form_does(conflicted, run):
    result = run(conflicted, "glossary", "edit", "council", "--prefer", "fa=شورای محل")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "  fa «شوراها» is now admitted (was preferred)",
        "  fa «شورای محل» is now preferred (was admitted)",
    ]
    assert result.stdout.splitlines()[3].startswith("  the sync conflict is settled; it said: ")
    assert council(conflicted).conflict == ""


def test_an_edit_that_asks_for_nothing_or_fails_leaves_the_conflict(conflicted, run):
    before = glossary_bytes(conflicted)
    result = run(conflicted, "glossary", "edit", "council")
    assert result.stdout == (
        "Nothing changed in the concept council; it keeps a sync conflict: see it with: "
        "workbench glossary show council, settle it with: workbench glossary edit council "
        "--settle\n"
    )
    failed = run(conflicted, "glossary", "edit", "council", "--remove-term", "fa=nothing")
    assert failed.exit_code == 1
    assert glossary_bytes(conflicted) == before


# -- imports keep it ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "export",
    [["g.csv"], ["g.tbx"], ["g.tbx", "--tbx-version", "2008"]],
    ids=["csv", "tbx-v3", "tbx-2008"],
)
def test_importing_the_glossarys_own_export_keeps_the_conflict(conflicted, run, tmp_path, export):
    before = glossary_bytes(conflicted)
    path = str(tmp_path / export[0])
    assert run(conflicted, "glossary", "export", path, *export[1:]).exit_code == 0
    result = run(conflicted, "glossary", "import", path, "--json")
    assert result.exit_code == 0, result.output
    assert "council" in json.loads(result.stdout)["unchanged"]
    assert glossary_bytes(conflicted) == before


def test_a_file_that_changes_the_concept_but_says_nothing_of_the_conflict_keeps_it(
    conflicted, run, tmp_path
):
    before = council(conflicted).conflict
    (tmp_path / "colleague.csv").write_text("id,en,fa:admitted\ncouncil,council,شورای کارخانه\n")
    result = run(conflicted, "glossary", "import", str(tmp_path / "colleague.csv"), "--json")
    assert json.loads(result.stdout)["updated"] == ["council"]
    assert council(conflicted).term("fa", "شورای کارخانه").status == ADMITTED
    assert council(conflicted).conflict == before


def test_a_tbx_with_a_conflict_of_its_own_adds_it_to_the_one_kept(conflicted, run, tmp_path):
    before = council(conflicted).conflict
    glossary = glossary_store.load(conflicted)
    clash = gc.field_clash("definition", "An organ of power from below.")
    theirs = glossary.replace(dataclasses.replace(glossary["council"], conflict=clash))
    (tmp_path / "theirs.tbx").write_bytes(tbx.dumps(theirs, "en"))
    assert run(conflicted, "glossary", "import", str(tmp_path / "theirs.tbx")).exit_code == 0
    assert council(conflicted).conflict == before + "\n" + clash
    assert [c.kind for c in gc.clashes(council(conflicted))] == ["field", "preferred", "field"]
