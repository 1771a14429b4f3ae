"""``workbench glossary ...``: the verbs, their JSON, and one-line errors that change nothing."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from workbench.glossary import io as glossary_io
from workbench.glossary import model as g
from workbench.glossary import store as glossary_store
from workbench.glossary import tbx

from .support import DATA, REPO, workbench_command

FILES = DATA / "glossary"


@pytest.fixture
def gproject(project):
    """The small project with the repository's starter glossary."""
    shutil.copy(REPO / "glossary" / "glossary.tbx", glossary_store.glossary_path(project))
    return project


def glossary_bytes(project) -> bytes:
    return glossary_store.glossary_path(project).read_bytes()


def test_list_prints_one_line_per_concept_with_source_and_target_terms(gproject, run):
    result = run(gproject, "glossary", "list", "strike")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["strike", "en:", "strike", "fa:", "اعتصاب"] in lines
    assert ["general-strike", "en:", "general", "strike", "fa:", "اعتصاب", "عمومی"] in lines
    assert all("strike" in line[0] for line in lines)


def test_list_json_with_lang_keeps_source_and_that_language(gproject, run):
    result = run(gproject, "glossary", "list", "--json", "--lang", "ku", "Woman")
    assert result.exit_code == 0, result.output
    (concept,) = json.loads(result.stdout)
    assert concept["id"] == "woman-life-freedom"
    assert {t["language"] for t in concept["terms"]} == {"en", "ku"}
    assert set(concept) == {
        *("id", "terms", "definition", "subject", "note"),
        *("source", "admin", "by_language", "conflict"),
    }
    assert set(concept["terms"][0]) == {
        *("text", "language", "status", "part_of_speech", "case_sensitive", "treatment", "note"),
        *("term_type", "context", "source", "reliability", "given_status", "admin"),
    }


COMMITTEES = ["strike-committee", "factory-committee", "mutual-aid-committee"]
STRIKES = [
    *("strike", "general-strike", "nationwide-strike", "mass-strike", "hunger-strike"),
    *("dry-hunger-strike", "strike-committee"),
]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        ("کمیته", COMMITTEES),
        # Typed on an Arabic keyboard: kaf and yeh.
        ("كميته", COMMITTEES),
        # A plural with its ezafe: the concept of «شورای کارگری».
        ("شوراهای کارگری", ["workers-council"]),
        # A plural set apart by a ZWNJ: «اعتصاب» first, then what «اعتصاب» finds.
        ("اعتصاب\u200cها", STRIKES),
        ("اعتصاب ها", STRIKES),
        ("«اعتصاب»", STRIKES),
    ],
    ids=[
        "kaf-yeh-persian",
        "kaf-yeh-arabic",
        "ezafe-plural",
        "zwnj-plural",
        "space-plural",
        "quoted",
    ],
)
def test_list_finds_a_persian_word_however_it_is_typed(gproject, run, query, ids):
    result = run(gproject, "glossary", "list", "--json", query)
    assert result.exit_code == 0, result.output
    assert [c["id"] for c in json.loads(result.stdout)] == ids


def test_list_finds_the_concept_of_an_english_plural_first_and_then_what_the_singular_finds(
    gproject, run
):
    result = run(gproject, "glossary", "list", "--json", "Councils")
    found = [c["id"] for c in json.loads(result.stdout)]
    assert found[0] == "council"
    # A term that begins with «council» before one that holds it.
    assert found.index("council-governance") < found.index("workers-council")
    assert {"workers-council", "neighbourhood-council", "all-power-to-the-councils"} <= set(found)


def test_list_still_finds_the_start_of_a_word_being_typed(gproject, run):
    result = run(gproject, "glossary", "list", "--json", "coun")
    found = [c["id"] for c in json.loads(result.stdout)]
    assert {"council", "workers-council", "council-governance"} <= set(found)
    # Terms that begin with it come before terms that only hold it.
    assert found.index("council") < found.index("workers-council")


def test_list_says_so_when_nothing_matches(project, run):
    result = run(project, "glossary", "list", "nothing")
    assert result.exit_code == 0
    assert result.stderr.strip() == (
        'No concepts matching "nothing"; add one with: workbench glossary add TERM --to fa=...'
    )


def test_show_prints_fields_and_every_term(gproject, run):
    result = run(gproject, "glossary", "show", "irgc")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "irgc"
    assert "  fa IRGC  (admitted, properNoun, keep, case-sensitive)" in result.stdout
    assert "  en IGRC  (deprecated, properNoun, case-sensitive)" in result.stdout
    assert "     note: misspelling in the source statements" in result.stdout
    shown = json.loads(run(gproject, "glossary", "show", "irgc", "--json").stdout)
    assert shown["id"] == "irgc"
    assert len(shown["terms"]) == len(glossary_store.load(gproject)["irgc"].terms)
    assert shown["terms"][3] == {
        "text": "IGRC",
        "language": "en",
        "status": "deprecated",
        "part_of_speech": "properNoun",
        "case_sensitive": True,
        "treatment": "translate",
        "note": "misspelling in the source statements",
        "term_type": "",
        "context": "",
        "source": "",
        "reliability": "",
        "given_status": "",
        "admin": [],
    }


def test_show_puts_every_term_of_a_concept_in_one_column_whatever_its_code(project, run):
    added = run(
        project, "glossary", "add", "workers' council",
        "--to", "fa=شورای کارگری", "--to", "zh_Hant=工人委員會", "--pos", "noun",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    lines = run(project, "glossary", "show", "workers-council").stdout.splitlines()
    terms = {line.split()[0]: line for line in lines if line.endswith("(preferred, noun)")}
    assert set(terms) == {"en", "fa", "zh_Hant"}
    assert {line.index(text) for line, text in zip(
        (terms["en"], terms["fa"], terms["zh_Hant"]),
        ("workers' council", "شورای کارگری", "工人委員會"),
        strict=True,
    )} == {len("  zh_Hant ")}  # fmt: skip


def test_show_prints_escape_sequences_of_a_shared_glossary_as_text(project, run):
    # A glossary comes from other people: a decision that would drive the
    # terminal (C1's CSI) and overwrite a line of output (a carriage return)
    # is shown, not obeyed. Its own lines stay lines.
    note = "kept as in the\nstatements\u009b2J\rfa    IRGC  (approved)"
    result = run(project, "glossary", "add", "councils", "--to", "fa=شوراها", "--note", note)
    assert result.exit_code == 0, result.output
    shown = run(project, "glossary", "show", "councils").stdout
    assert "\u009b" not in shown and "\r" not in shown
    assert "  decision: kept as in the\n    statements\\x9b2J\\x0dfa    IRGC  (approved)\n" in shown


def test_show_of_an_unknown_id_is_one_line_and_exit_1(gproject, run):
    result = run(gproject, "glossary", "show", "councel")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: no concept "councel" in the glossary; did you mean "council"? '
        "see the ids with: workbench glossary list\n"
    )


def test_add_writes_a_concept_with_its_renderings(project, run):
    result = run(
        project, "glossary", "add", "IRGC",
        "--to", "fa=سپاه پاسداران", "--admit", "fa=IRGC", "--forbid", "fa=پاسدار",
        "--pos", "proper noun", "--case-sensitive", "--definition", "The Guards.", "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    concept = glossary_store.load(project)["irgc"]
    assert json.loads(result.stdout)["id"] == "irgc"
    assert concept.definition == "The Guards."
    assert [(t.language, t.text, t.status, t.treatment) for t in concept.terms] == [
        ("en", "IRGC", "preferred", "translate"),
        ("fa", "سپاه پاسداران", "preferred", "translate"),
        ("fa", "IRGC", "admitted", "keep"),
        ("fa", "پاسدار", "forbidden", "translate"),
    ]
    assert all(t.case_sensitive and t.part_of_speech == "properNoun" for t in concept.terms)


def test_add_makes_a_fresh_id_and_refuses_a_taken_one(gproject, run):
    result = run(gproject, "glossary", "add", "council", "--to", "fa=انجمن", "--new")
    assert result.exit_code == 0 and result.stdout == "Added the concept council-2\n"
    before = glossary_bytes(gproject)
    result = run(gproject, "glossary", "add", "council", "--id", "council", "--new")
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: concept "council" already exists; edit it with: workbench glossary edit '
        "council, or choose another id\n"
    )
    assert glossary_bytes(gproject) == before


@pytest.mark.parametrize(
    "term", ["council", "Councils", "council's"], ids=["same", "capital-plural", "possessive"]
)
def test_add_of_a_source_term_another_concept_has_is_refused_and_says_what_to_do(
    gproject, run, term
):
    before = glossary_bytes(gproject)
    result = run(gproject, "glossary", "add", term, "--to", "fa=شورا")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'Error: «{term}» is already an en term of the concept "council"; add renderings to it '
        "with: workbench glossary edit council --add-term LANG=TEXT, or give --new to add a "
        "separate concept (another meaning)\n"
    )
    assert glossary_bytes(gproject) == before


def test_add_new_makes_a_separate_concept_that_glossary_check_warns_about(gproject, run):
    result = run(gproject, "glossary", "add", "council", "--to", "fa=شورا", "--new")
    assert (result.exit_code, result.stdout) == (0, "Added the concept council-2\n")
    result = run(gproject, "glossary", "check")
    assert result.exit_code == 0  # a warning: two meanings of one word can be deliberate
    assert result.stdout == (
        'warning: the en term «council» is a source term of both "council" and "council-2", '
        "so the checks want the renderings of both wherever it occurs; merge them into one "
        "concept, or remove one\n"
    )
    (found,) = json.loads(run(gproject, "glossary", "check", "--json").stdout)
    assert found["concepts"] == [
        {"concept": "council", "status": "preferred"},
        {"concept": "council-2", "status": "preferred"},
    ]
    only_persian = run(gproject, "glossary", "check", "--lang", "fa")
    assert only_persian.stderr == "No contradictions in the glossary.\n"


def test_the_same_rendering_in_two_concepts_is_still_no_contradiction(gproject, run):
    result = run(gproject, "glossary", "add", "soviet", "--to", "fa=شورا")
    assert result.exit_code == 0, result.output
    # Given in Persian first, the concept's source term is still the English one.
    result = run(gproject, "glossary", "add", "شورا", "--lang", "fa", "--to", "en=workers' soviet")
    assert result.exit_code == 0, result.output
    assert run(gproject, "glossary", "check").stderr == "No contradictions in the glossary.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "farsi=شورا"], 'unknown language code "farsi"; did you mean "fa"?'),
        (["--to", "fas=شورا"], '"fas" is another code for Persian; did you mean "fa"?'),
        (["--lang", "english"], 'unknown language code "english"; did you mean "en"?'),
    ],
    ids=["name", "another-code", "source-language-name"],
)
def test_add_names_the_code_of_a_language_given_otherwise(project, run, args, message):
    result = run(project, "glossary", "add", "soviet", *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert "soviet" not in glossary_store.load(project)


def test_add_with_a_malformed_pair_is_a_usage_error(project, run):
    result = run(project, "glossary", "add", "council", "--to", "شورا")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        'Error: Invalid value for --to: "شورا" is not LANG=TEXT (for example fa=شورا)'
    )


def test_edit_adds_prefers_renames_and_removes_terms_in_one_save(gproject, run):
    result = run(
        gproject, "glossary", "edit", "council",
        "--add-term", "de=Rat", "--prefer", "fa=شورای مردمی", "--remove-term", "fa=انجمن",
        "--definition", "An elected body.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    concept = glossary_store.load(gproject)["council"]
    assert [(t.language, t.text, t.status) for t in concept.terms] == [
        ("en", "council", "preferred"),
        ("fa", "شورا", "admitted"),
        ("fa", "شورای مردمی", "preferred"),
        ("de", "Rat", "preferred"),
    ]
    assert concept.definition == "An elected body."
    result = run(
        gproject, "glossary", "edit", "council",
        "--term", "fa=شورا", "--text", "شوراها", "--status", "deprecated",
        "--term-note", "a plural",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert glossary_store.load(gproject)["council"].term("fa", "شوراها") == g.Term(
        "شوراها", "fa", "deprecated", "noun", note="a plural"
    )


def test_edit_says_what_changed(gproject, run):
    result = run(gproject, "glossary", "edit", "council", "--prefer", "fa=نیست")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Saved the concept council:\n"
        "  fa «شورا» is now admitted (was preferred)\n"
        "  fa «نیست» added as preferred\n"
    )
    result = run(
        gproject, "glossary", "edit", "council",
        "--remove-term", "fa=انجمن", "--term", "fa=شورا", "--text", "شوراها",
        "--status", "deprecated", "--add-term", "de=Rat", "--definition", "An elected body.",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Saved the concept council:\n"
        "  definition changed\n"
        "  fa «شورا» renamed «شوراها»\n"
        "  fa «شوراها» is now deprecated (was admitted)\n"
        "  de «Rat» added as deprecated\n"
        "  fa «انجمن» removed\n"
    )


def test_an_edit_that_changes_nothing_says_so(gproject, run):
    before = glossary_bytes(gproject)
    result = run(gproject, "glossary", "edit", "council", "--prefer", "fa=شورا")
    assert result.exit_code == 0
    assert result.stdout == "Nothing changed in the concept council\n"
    assert glossary_bytes(gproject) == before


def test_an_edit_that_breaks_a_rule_changes_nothing(gproject, run):
    before = glossary_bytes(gproject)
    result = run(
        gproject, "glossary", "edit", "council",
        "--add-term", "fa=هیئت", "--status", "preferred", "--note", "lost",
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        'Error: concept "council" has two preferred Persian terms; mark one as admitted.\n'
    )
    assert glossary_bytes(gproject) == before


def test_text_needs_exactly_one_term(gproject, run):
    result = run(gproject, "glossary", "edit", "council", "--text", "x")
    assert result.exit_code == 2
    assert "--text renames one term: name it with exactly one --term" in result.stderr


def test_remove_deletes_the_concept(gproject, run):
    result = run(gproject, "glossary", "remove", "toman")
    assert result.exit_code == 0 and result.stdout == "Removed the concept toman\n"
    assert "toman" not in glossary_store.load(gproject)


def test_import_csv_reports_added_updated_and_unchanged(gproject, run, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "en,fa,fa:admitted\nworkers' council,شورای کارگری,\n"
        "general strike,اعتصاب عمومی,اعتصاب همگانی\nbread,نان,\n",
        encoding="utf-8",
    )
    result = run(gproject, "glossary", "import", str(sheet), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "file": str(sheet),
        "added": ["bread"],
        "updated": ["workers-council"],
        "unchanged": ["general-strike"],
        "not_kept": {},
        "merged": [],
    }
    concept = glossary_store.load(gproject)["workers-council"]
    assert [(t.text, t.status) for t in concept.terms_in("fa")] == [
        ("شورای کارگری", "preferred"),
        ("شورای اسلامی کار", "forbidden"),
    ]


def test_import_dry_run_reports_but_writes_nothing(gproject, run):
    before = glossary_bytes(gproject)
    result = run(gproject, "glossary", "import", str(FILES / "simple.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(": 0 added, 0 updated, 2 unchanged")
    assert result.stdout.startswith("Would import ")
    assert glossary_bytes(gproject) == before


def test_import_tbx_from_another_tool_maps_regional_codes_to_the_projects(gproject, run):
    result = run(gproject, "glossary", "import", str(FILES / "other-tools.tbx"))
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated, 0 unchanged" in result.stdout
    concept = glossary_store.load(gproject)["general-strike"]
    assert concept.languages == ("en", "fa")
    assert concept.term("fa", "اعتصاب کل").status == "deprecated"


def test_import_merges_a_row_whose_source_term_a_concept_has_in_another_word_form(
    gproject, run, tmp_path
):
    sheet = tmp_path / "colleague.csv"
    shutil.copy(FILES / "colleague.word-forms.csv", sheet)
    before = glossary_bytes(gproject)
    concepts_before = len(glossary_store.load(gproject))
    dry = run(gproject, "glossary", "import", str(sheet), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert dry.stdout.splitlines() == [
        f"Would import {sheet}: 0 added, 1 updated, 2 unchanged",
        "  updated: general-strike",
        "  line 2: «workers councils» is a word form of «workers' council», a term of the "
        'concept "workers-council": would merge into it; nothing new',
        "  line 3: «councils» is a word form of «council», a term of the concept "
        '"council": would merge into it; nothing new',
        "  line 4: «general strikes» is a word form of «general strike», a term of the "
        'concept "general-strike": would merge into it; would add fa «اعتصاب سراسری» as '
        "admitted («اعتصاب عمومی» stays preferred); fa «اعتصاب عمومی» stays preferred (the "
        "file says admitted)",
        "kept 3 concepts",
    ]
    assert glossary_bytes(gproject) == before

    result = run(gproject, "glossary", "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"Imported {sheet}: 0 added, 1 updated, 2 unchanged"
    assert "merged into it; added fa «اعتصاب سراسری» as admitted" in result.stdout
    after = glossary_store.load(gproject)
    assert len(after) == concepts_before
    assert [(t.text, t.status) for t in after["general-strike"].terms_in("fa")] == [
        ("اعتصاب عمومی", "preferred"),
        ("اعتصاب همگانی", "admitted"),
        ("اعتصاب سراسری", "admitted"),
    ]
    check = run(gproject, "glossary", "check")
    assert check.exit_code == 0 and check.stderr == "No contradictions in the glossary.\n"


def test_add_refuses_what_import_merges(gproject, run, tmp_path):
    sheet = tmp_path / "councils.csv"
    sheet.write_text("en,fa\ncouncils,شوراها\n", encoding="utf-8")
    added = run(gproject, "glossary", "add", "councils", "--to", "fa=شوراها")
    assert added.exit_code == 1
    assert added.stderr.startswith(
        'Error: «councils» is already an en term of the concept "council"'
    )
    imported = run(gproject, "glossary", "import", str(sheet), "--json")
    assert imported.exit_code == 0, imported.output
    report = json.loads(imported.stdout)
    assert (report["added"], report["updated"], report["unchanged"]) == ([], [], ["council"])
    assert report["merged"] == [
        {
            "line": 2,
            "term": "councils",
            "concept": "council",
            "as": "council",
            "added": [],
            "kept": [],
        }
    ]


def test_import_tbx_entry_with_an_unknown_id_merges_by_word_form_and_keeps_our_status(
    gproject, run, tmp_path
):
    entry = tmp_path / "colleague.tbx"
    shutil.copy(FILES / "colleague.word-forms.tbx", entry)
    result = run(gproject, "glossary", "import", str(entry))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Imported {entry}: 0 added, 1 updated, 0 unchanged",
        "  updated: council",
        "  line 5: «Councils» is a word form of «council», a term of the concept "
        '"council": merged into it; added ku «encûmen»; fa «انجمن» stays deprecated (the '
        "file says preferred)",
        "kept 1 concept",
    ]
    glossary = glossary_store.load(gproject)
    assert "c17" not in glossary
    council = glossary["council"]
    assert council.term("ku", "encûmen").status == "preferred"
    assert council.term("fa", "انجمن").status == "deprecated"
    assert council.preferred("fa").text == "شورا"


def test_import_of_a_word_two_concepts_have_is_refused_naming_both(gproject, run, tmp_path):
    second = run(gproject, "glossary", "add", "strike", "--new", "--id", "strike-blow",
                 "--to", "fa=ضربه")  # fmt: skip
    assert second.exit_code == 0, second.output
    sheet = tmp_path / "strikes.csv"
    sheet.write_text("en,fa\nstrikes,اعتصاب‌ها\n", encoding="utf-8")
    before = glossary_bytes(gproject)
    result = run(gproject, "glossary", "import", str(sheet))
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {sheet} line 2: «strikes» is a term of the concepts "strike" and '
        '"strike-blow" (in some word form); give it the id of the one it belongs to\n'
    )
    assert glossary_bytes(gproject) == before


@pytest.mark.parametrize(
    "name",
    [
        "bad.two-preferred.csv",
        "bad.latin1.csv",
        "bad.utf16.csv",
        "bad.unknown-language.csv",
        "bad.empty-term.csv",
        "bad.unclosed-quote.csv",
        "bad.unclosed-tag.tbx",
        "bad.not-tbx.tbx",
        "bad.entity.tbx",
        "bad.empty-term.tbx",
    ],
    ids=lambda n: n.removeprefix("bad."),
)
def test_a_bad_import_is_one_error_line_and_leaves_the_glossary_bytes_unchanged(
    gproject, run, tmp_path, name
):
    bad = tmp_path / name
    shutil.copy(FILES / name, bad)
    before = glossary_bytes(gproject)
    with pytest.raises(Exception) as direct:
        glossary_io.import_file(gproject, bad)
    result = run(gproject, "glossary", "import", str(bad))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {direct.value}\n"
    assert result.stderr.startswith(f"Error: {bad} line ")
    assert result.stdout == ""
    assert glossary_bytes(gproject) == before


def test_import_of_a_row_naming_the_wrong_term_shows_its_line(gproject, run, tmp_path):
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("en,fa\ncouncil,شورا\nstrike,اعتصاب\nfarsi,شو\x07را\n", encoding="utf-8")
    result = run(gproject, "glossary", "import", str(sheet))
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {sheet} line 4: concept "farsi": the Persian term "شو\\x07را" contains a '
        "character a glossary cannot hold (U+0007); remove it\n"
    )


@pytest.mark.parametrize("verb", ["import", "export"])
def test_an_unknown_file_format_is_refused(gproject, run, tmp_path, verb):
    path = tmp_path / "glossary.xlsx"
    path.write_bytes(b"PK")
    result = run(gproject, "glossary", verb, str(path))
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {path}: unknown glossary format ".xlsx"; use a .csv or .tbx file\n'
    )


def test_import_of_a_missing_file_says_so(gproject, run, tmp_path):
    result = run(gproject, "glossary", "import", str(tmp_path / "none.csv"))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"Error: {tmp_path / 'none.csv'}: cannot be read (No such file or directory)\n"
    )


def test_export_writes_csv_and_tbx_that_import_back_unchanged(gproject, run, tmp_path):
    for name in ("out.csv", "out.tbx"):
        result = run(gproject, "glossary", "export", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        count = len(glossary_store.load(gproject))
        assert result.stdout == f"Exported {count} concepts to {tmp_path / name}\n"
        back = json.loads(
            run(gproject, "glossary", "import", str(tmp_path / name), "--json").stdout
        )
        assert back["added"] == back["updated"] == [] and len(back["unchanged"]) == count
    exported = (tmp_path / "out.tbx").read_bytes()
    assert exported.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic-workbench" style="dca" '
        b'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
    )
    assert tbx.loads(exported, "x") == glossary_store.load(gproject)
    result = run(gproject, "glossary", "export", "--tbx-version", "2008", str(tmp_path / "old.tbx"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "old.tbx").read_bytes() == glossary_bytes(gproject)


def test_help_documents_the_verbs_and_shapes(run):
    result = run(None, "glossary", "--help")
    assert result.exit_code == 0
    for verb in ("list", "show", "add", "edit", "remove", "import", "export"):
        assert f"  {verb} " in result.stdout
    edit_help = run(None, "glossary", "edit", "--help").stdout
    assert "--prefer LANG=TEXT" in edit_help and "--add-term LANG=TEXT" in edit_help


def test_an_error_quoting_a_shared_glossary_shows_its_control_characters(project):
    # A status that would drive the terminal (C1's CSI) in a glossary someone
    # shared: the one-line error quotes it, shown, not obeyed.
    (project.glossary_dir / "glossary.tbx").write_text(
        (DATA / "glossary" / "bad.unknown-status.tbx")
        .read_text(encoding="utf-8")
        .replace("favouriteTerm-admn-sts", "favourite\u009b2J\u009b31m"),
        encoding="utf-8",
    )
    done = subprocess.run(
        workbench_command("--project", str(project.root), "glossary", "list"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: glossary/glossary.tbx line 9: unknown administrativeStatus "
        '"favourite\\x9b2J\\x9b31m"; use preferredTerm-admn-sts, admittedTerm-admn-sts or '
        "deprecatedTerm-admn-sts\n"
    )
