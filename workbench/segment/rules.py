"""The language rules of segmentation: abbreviations, sentence starters, lines of their own.

:func:`workbench.segment.segmenter.segment` looks words up here at candidate
boundaries. Languages without tables of their own get the English ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
# Lines that are their own unit of kind "line": datelines, bylines and
# credits, URL lines, captions, "Continue reading".
OWN_LINE = re.compile(
    r"(?:(?:via|source:)\s*)?(?:https?:|www\.)\S+"
    r"|(?i:continue reading|read more|read the full \w+)\W*"
    r"|(?=[^.!?]*\b" + _MONTHS + r"\b)[^.!?]{1,80},\s[^.!?]{0,60}\b(?:1[89]|20)\d\d\.?"
    r"|(?:By|Written by|Translated by)\s+[A-Z][^.!?]{0,60}"
    r"|(?:Source|Translation|Photo|Image|Credit|Caption|Posted by|Published by)\s*:\s*\S.{0,140}"
    r"|(?=.{1,40}$)(?i:.*\b(?:photo|image|picture|illustration)\b.*)"
)

# Abbreviations are looked up lower-cased, without their final period.
# BEFORE_NUMBER: no boundary before a number ("No. 5", "Jan. 20", "p. 55").
# A language's abbreviations: a boundary only when a sentence starter follows
# ("Co. It closed"). NEVER_END: never a boundary ("e.g. Mr. Smith").
BEFORE_NUMBER = _words(
    "no nos nr num n° nº art arts p pp pg para sec secs ch chap vol vols fig figs eq ex ext "
    "tel op pt pts ref refs rs jan feb mar apr jun jul aug sep sept oct nov dec s"
)
_ABBREV = {
    "en": _words(
        "mr mrs ms mx messrs mmes mme mlle dr drs prof rev hon sen sens rep reps gov gen col lt "
        "capt cmdr adm maj sgt cpl pvt brig insp supt det mt ft pres st fr co corp inc ltd llc "
        "plc bros jr sr esq al dept univ assn govt intl natl ave blvd rd hwy est approx misc "
        "min max hr hrs km kg lb lbs oz mon tue tues wed thu thur thurs fri sat sun ind "
        "u.s u.s.a u.k e.u u.n a.m p.m ph.d i.v"
    ),
    "de": _words(
        "abs abt allg bd bspw bzgl bzw ca chr d.h dgl dt ebd evtl ff gem ggf hl hrsg i.a inkl "
        "jh jhd kath kap med mind mio mrd n.chr v.chr o.ä od s.o s.u sog std str u.a u.ä "
        "usw u.u v.a vgl z.b z.t z.z zt zzt ev frl hr hrn dipl ing mag priv"
    ),
    "fr": _words(
        "m mm mme mmes mlle mlles me pr dr st ste av apr j.-c janv févr avr juil sept déc boul "
        "chap éd env hab ibid id inf ltd n.b p.ex sq sqq suiv sup suppl vb"
    ),
    "es": _words(
        "sr sra sres srta srtas lic dr dra ing arq prof ud uds vd vds sto sta núm admón av "
        "avda dpto párr párrf pág págs ee uu hs cra gral excmo ilmo mtro atte ago dic ene aprox "
        "lun mié jue vie sáb dom"
    ),
}
NEVER_END = _words("e.g i.e viz cf vs v ca incl esp resp z.b d.h u.a p.ej")
EXCLAIMING_NAMES = _words("yahoo jeopardy joomla")
# Words that carry a Persian or Arabic sentence on after a closing quotation
# (scripts without capitals give no other sign): and, that, said, asked.
REPORTING = _words("و که را تا گفت گفتند پرسید افزود قال قالت سأل سألت أضاف أضافت")
_STARTERS = {
    "en": _words(
        "A About After Again All Also Although Among An And Another Any As At Because Before "
        "Being Both But By Despite Did During Each Even Every Few Finally First Following For "
        "From Further Given He Her Here His How However I If In Instead It Its Last Later Let "
        "Many Meanwhile Millions Moreover Most Much My Nevertheless No None Not Now On Once "
        "One Only Or Our Over Perhaps She Since So Some Still Such That The Their Then There "
        "Therefore These They This Those Though Thousands Hundreds Several Thus Today Tomorrow "
        "Under Unlike Until We What When Where Whether Which While Who Why With Within Without "
        "Yesterday Yet You Your"
    ),
    "de": _words(
        "Am Auch Auf Aus Bei Da Dabei Damit Danach Dann Das Dass Dem Den Denn Der Des Deshalb "
        "Die Dies Diese Dieser Dieses Doch Dort Du Durch Ein Eine Einen Einer Er Es Für Heute "
        "Hier Ich Ihr Im In Ist Jetzt Man Mein Mit Nach Nun Ob Sie So Trotz Um Und Unser Viele "
        "Vom Von Vor Wann Warum Was Weil Wenn Wer Wie Wir Zum Zur Zudem"
    ),
    "fr": _words(
        "À Au Aux Ce Cela Ces Cette Dans De Depuis Des Du Elle Elles En Et Il Ils Je La Le Les "
        "Leur Mais Nous On Par Pour Puis Quand Que Qui Sa Se Selon Ses Si Son Sur Tous Tout Un "
        "Une Vous"
    ),
    "es": _words(
        "A Al Ante Aquí Así Como Con Cuando De Del Desde Durante El Ella Ellos En Entre Es Esta "
        "Este Esto Hay La Las Lo Los Mi No Nos Nosotros Para Pero Por Que Se Si Sin Sobre Su "
        "Sus También Tras Un Una Y Yo"
    ),
}
# Words a wrapped line can end with when the next line starts with a name.
JOINING = _words("a an the of to in on at by for with from and or but as that which who")


@dataclass(frozen=True, slots=True)
class Rules:
    """The words one language's boundaries depend on."""

    abbrev: frozenset[str]
    starters: frozenset[str]
    ordinals: bool  # German: "am 12. Juni" is not a sentence end


_RULES: dict[str, Rules] = {}


def rules_for(lang: str) -> Rules:
    """Return the rules of *lang* ("pt_BR" -> "pt"; the English ones if it has none)."""
    base = (lang or "").replace("-", "_").split("_")[0].lower()
    found = _RULES.get(base)
    if found is None:
        key = base if base in _ABBREV else "en"
        abbrev = _ABBREV["en"] | _ABBREV[key] if key != "en" else _ABBREV["en"]
        found = _RULES[base] = Rules(abbrev, _STARTERS[key], base == "de")
    return found
