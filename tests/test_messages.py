"""Messages as templates and parameters: English as written, another language as rendered."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.checks.findings import Finding
from workbench.errors import StatementError
from workbench.messages import (
    ENGLISH,
    N_,
    NP_,
    Data,
    LanguageName,
    Listing,
    Message,
    Number,
    Source,
    Target,
    Word,
)


class Persian:
    """A renderer with a few Persian templates, as the interface catalog would give."""

    CATALOG = {
        '"%(source)s" has no translation yet': "«%(source)s» هنوز ترجمه ندارد",
        "%(numbers)s in the source is not in the translation": "%(numbers)s در ترجمه نیست",
        ", ": "، ",
        '"%(item)s"': "«%(item)s»",
        "full stop": "نقطه",
        "ends with %(mark)s (%(kind)s) in %(language)s": "با %(mark)s (%(kind)s) در %(language)s",
    }

    def gettext(self, message: str) -> str:
        return self.CATALOG.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.CATALOG.get(singular, singular)

    def number(self, value: float, places: int) -> str:
        text = f"{value:.{places}f}" if places else str(int(value))
        return text.translate(str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫"))

    def language(self, code: str, english: str) -> str:
        return {"fa": "فارسی"}.get(code, english)


def test_a_message_in_english_is_its_template_filled_in():
    message = Message.of(
        N_('"%(source)s" has no translation yet'), source=Source("All power to the councils!")
    )
    assert str(message) == '"All power to the councils!" has no translation yet'


def test_the_count_chooses_the_singular_or_the_plural():
    template = NP_("%(numbers)s in the source is not in the translation",
                   "%(numbers)s in the source are not in the translation")  # fmt: skip
    one = Message.of(template, count=1, numbers=Listing((Source("4"),), N_(", "), N_('"%(item)s"')))
    two = Message.of(
        template, count=2, numbers=Listing((Source("4"), Source("7")), N_(", "), N_('"%(item)s"'))
    )
    assert str(one) == '"4" in the source is not in the translation'
    assert str(two) == '"4", "7" in the source are not in the translation'


def test_another_language_translates_the_words_and_keeps_the_data_apart():
    message = Message.of(
        N_("%(numbers)s in the source is not in the translation"),
        numbers=Listing((Source("4,000"), Source("12")), N_(", "), N_('"%(item)s"')),
    )
    assert message.pieces(Persian()) == [
        ("«", None),
        ("4,000", "source"),
        ("»، «", None),
        ("12", "source"),
        ("» در ترجمه نیست", None),
    ]


def test_numbers_words_and_languages_are_said_in_the_readers_language():
    message = Message.of(
        N_("ends with %(mark)s (%(kind)s) in %(language)s"),
        mark=Target("."),
        kind=Word(N_("full stop")),
        language=LanguageName("fa", "Persian"),
    )
    assert str(message) == "ends with . (full stop) in Persian"
    assert message.pieces(Persian()) == [("با ", None), (".", "target"), (" (نقطه) در فارسی", None)]
    ratio = Message.of(N_("%(ratio)s times as long, %(n)s units"), ratio=Number(1.5, 2), n=366)
    assert str(ratio) == "1.50 times as long, 366 units"
    assert "".join(t for t, _ in ratio.pieces(Persian())) == "۱٫۵۰ times as long, ۳۶۶ units"


def test_a_translation_that_names_a_missing_parameter_shows_its_name():
    class Broken(Persian):
        def gettext(self, message: str) -> str:
            return "%(nothing)s و %(source)s"

    message = Message.of(N_('"%(source)s" has no translation yet'), source=Source("x"))
    assert message.pieces(Broken()) == [("%(nothing)s", "data"), (" و ", None), ("x", "source")]


def test_a_percent_sign_is_written_once():
    assert str(Message.of(N_("%(n)s%% translated"), n=40)) == "40% translated"


def test_a_finding_keeps_its_english_message_and_its_template():
    message = Message.of(N_('"%(source)s" has no translation yet'), source=Source("Strike!"))
    finding = Finding.said("untranslated", "info", "fa", "s", "Strike!", "", message)
    assert finding.message == '"Strike!" has no translation yet'
    assert finding.wording is message
    assert finding.as_dict()["message"] == finding.message
    assert "wording" not in finding.as_dict()
    # Equal to the same finding made from the English text alone, and picklable (cache).
    assert finding == Finding("untranslated", "info", "fa", "s", "Strike!", "", finding.message)
    assert pickle.loads(pickle.dumps(finding)).wording == message


@pytest.mark.parametrize(
    ("value", "kind"),
    [(Source("s"), "source"), (Target("t"), "target"), (Data("d"), "data"), ("plain", "data")],
)
def test_text_parameters_are_isolated_by_kind(value, kind):
    [piece] = Message.of("%(x)s", x=value).pieces(ENGLISH)
    assert piece == (str(value), kind)


def test_an_error_raised_with_a_message_keeps_it():
    message = Message.of(N_('"%(id)s" is not a statement id'), id=Data("../x"))
    error = StatementError(message, path="seeds/x.txt")
    assert str(error) == 'seeds/x.txt: "../x" is not a statement id'
    assert error.wording is message and error.detail == '"../x" is not a statement id'
    assert StatementError("plain").wording is None


_TEXTS = st.text(alphabet=st.sampled_from("ab %()s,«»شورا\u200c"), max_size=8)
_LEAVES = st.one_of(
    _TEXTS.map(Source),
    _TEXTS.map(Target),
    _TEXTS.map(Data),
    _TEXTS,
    _TEXTS.map(Word),
    st.booleans(),
    st.integers(-5, 10**6),
    st.builds(Number, st.floats(0, 1000, allow_nan=False), st.integers(0, 3)),
    st.builds(
        LanguageName, st.sampled_from(["fa", "ckb"]), st.sampled_from(["Persian", "Kurdish"])
    ),
)
_TEMPLATES = st.lists(
    st.one_of(
        st.sampled_from(["a ", " and ", "«", "%%", "% ", "100% ", "%(", ")s"]),
        st.sampled_from(["a", "b", "c", "missing"]).map(lambda n: f"%({n})s"),
    ),
    max_size=6,
).map("".join)


def _messages(children):
    return st.builds(
        lambda template, plural, count, a, b, c: Message(
            template, (("a", a), ("b", b), ("c", c)), plural, count
        ),
        _TEMPLATES,
        st.none() | _TEMPLATES,
        st.none() | st.integers(0, 3),
        children,
        children,
        children,
    )


_VALUES = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        _messages(children),
        st.builds(
            Listing,
            st.lists(children, max_size=3).map(tuple),
            st.sampled_from([", ", " / ", "%%"]),
            st.sampled_from(["%(item)s", '"%(item)s"', "«%(item)s» %%", "%(other)s"]),
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_messages(_VALUES))
def test_english_text_is_the_english_pieces_joined(message):
    # The command line says a message with %-formatting; the pieces the web
    # renders are the reference, for every kind of parameter and odd template.
    assert str(message) == "".join(text for text, _kind in message.pieces(ENGLISH))
