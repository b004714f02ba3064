"""German speech cues and mood: which words introduce what someone said, and the Konjunktiv.

Written for newsprism (no list was copied); tuned against the SpkAtt-2023 training split.
"""

from __future__ import annotations

# Verbs of saying, writing and thinking, by lemma.
SPEECH_VERBS = frozenset(
    """
    sagen erklären betonen meinen berichten mitteilen ankündigen kritisieren fordern warnen
    bestätigen erläutern hinzufügen ergänzen versichern behaupten bekräftigen unterstreichen
    einräumen zugeben antworten entgegnen erwidern fragen rufen schreiben twittern verkünden
    bekanntgeben melden zitieren argumentieren beklagen bemängeln kommentieren glauben vermuten
    hoffen befürchten fürchten dementieren bestreiten verneinen leugnen versprechen drohen
    appellieren mahnen anmerken feststellen klarstellen beteuern schildern äußern verlauten
    erzählen gestehen informieren ausführen darlegen bilanzieren loben vorwerfen zurückweisen
    empfehlen raten verlangen erwarten einschätzen sprechen beteuern prognostizieren vorhersagen
    ankündigen bekennen annehmen kundtun begründen beschreiben zusichern zusagen monieren rügen
    anklagen beschuldigen verraten offenbaren aufrufen bitten beschwören jubeln schimpfen
    spotten stöhnen seufzen flüstern schreien angeben hinweisen auffordern aussprechen
    unterstellen vorschlagen mutmaßen verlautbaren
    say tell add call warn stress insist claim explain announce argue note ask reply write
    zweifeln bezweifeln kontern insistieren bezeichnen nennen einstufen werten titulieren
    """.split()
)
# Separable verbs split in main clauses: "teilte … mit" → (teilen, mit).
SEPARABLE = {
    ("teilen", "mit"): "mitteilen",
    ("fügen", "hinzu"): "hinzufügen",
    ("räumen", "ein"): "einräumen",
    ("kündigen", "an"): "ankündigen",
    ("weisen", "zurück"): "zurückweisen",
    ("stellen", "fest"): "feststellen",
    ("stellen", "klar"): "klarstellen",
    ("halten", "fest"): "festhalten",
    ("führen", "aus"): "ausführen",
    ("legen", "dar"): "darlegen",
    ("geben", "zu"): "zugeben",
    ("geben", "bekannt"): "bekanntgeben",
    ("merken", "an"): "anmerken",
    ("rufen", "auf"): "aufrufen",
    ("gehen", "aus"): "ausgehen",
    ("sagen", "zu"): "zusagen",
    ("sichern", "zu"): "zusichern",
    ("nehmen", "an"): "annehmen",
    ("werfen", "vor"): "vorwerfen",
    ("sagen", "voraus"): "voraussagen",
    ("schätzen", "ein"): "einschätzen",
    ("machen", "deutlich"): "deutlichmachen",
    ("machen", "klar"): "klarmachen",
    ("lassen", "wissen"): "wissenlassen",
    ("lassen", "verlauten"): "verlauten",
    ("fordern", "auf"): "auffordern",
    ("geben", "an"): "angeben",
    ("weisen", "hin"): "hinweisen",
    ("sprechen", "aus"): "aussprechen",
    ("weisen", "darauf"): "hinweisen",
}
SEPARABLE_BASES = frozenset(base for base, _ in SEPARABLE)
# Verbs whose clause after a comma is what was said, whatever its mood.
STRONG_VERBS = frozenset(
    """
    sagen erklären betonen ankündigen fordern auffordern versichern kritisieren warnen bestätigen
    mitteilen vorwerfen behaupten appellieren bekanntgeben angeben hinzufügen ergänzen
    unterstreichen bekräftigen einräumen zugeben verkünden beteuern berichten schreiben
    versprechen drohen verlangen mahnen zusichern zusagen melden verlautbaren beschuldigen raten
    empfehlen aufrufen bitten hoffen vorschlagen
    """.split()
)
# Verbs that report speech even without a clause: "Wagner kritisierte die Sperrung."
REPORTING_VERBS = frozenset(
    """
    kritisieren fordern warnen sprechen ankündigen bestätigen dementieren zurückweisen loben
    vorwerfen appellieren mahnen verlangen beklagen bemängeln aussprechen auffordern dementieren
    bestreiten zusagen versprechen drohen empfehlen begrüßen verurteilen
    """.split()
)
# Verbs that count as cues only in a clear speech frame (comma + clause or a quote).
WEAK_VERBS = frozenset(
    {"wissen", "glauben", "hoffen", "erwarten", "fürchten", "annehmen", "meinen"}
)
# Nouns of saying that take a clause: "die Aufforderung, sofort einzulenken".
SPEECH_NOUNS = frozenset(
    """
    ankündigung aufforderung forderung warnung erklärung aussage behauptung vorwurf appell
    mitteilung hinweis versprechen drohung bitte empfehlung einschätzung vermutung befürchtung
    hoffnung kritik zusage zusicherung dementi
    """.split()
)
# Prepositions and nouns that frame reported speech: "laut X", "X zufolge", "nach Angaben von X".
SOURCE_NOUNS = frozenset(
    """
    angaben angabe aussage aussagen worten wort ansicht einschätzung auffassung meinung darstellung
    informationen information berichten bericht auskunft schätzung schätzungen erkenntnissen
    """.split()
)
# A compound ending in one of these names a source too: "Polizeiangaben", "Medienberichten".
_SOURCE_ENDINGS = tuple(
    """
    angaben angabe berichten informationen aussagen ermittlungen erkenntnissen einschätzung ansicht
    auffassung darstellung schätzung schätzungen sicht worten
    """.split()
)
# Konjunktiv I and unambiguous Konjunktiv II forms.
SUBJUNCTIVE_FORMS = frozenset(
    """
    sei seien seiest seist habe hätte hätten werde würde würden könne müsse solle wolle dürfe
    möge wisse gebe wäre wären gäbe käme bräuchte liege stehe gehe komme bleibe lasse sehe
    könnte könnten müsste müssten dürfte dürften hättest würdest
    """.split()
)


# The Konjunktiv II among them: conditions, wishes and reproaches as much as reported speech.
KONJUNKTIV_II = frozenset(
    """
    hätte hätten hättest wäre wären würde würden würdest gäbe käme bräuchte könnte könnten
    müsste müssten dürfte dürften
    """.split()
)

# Pronouns that open a relative clause (", die jedes Jahr erklärt wird,") when tagged PRON.
RELATIVE_PRONOUNS = frozenset(
    "der die das dem den denen deren dessen welche welcher welches welchem welchen".split()
)


def speech_lemma(lemma: str) -> bool:
    return lemma in SPEECH_VERBS


def is_subjunctive(word: str, lemma: str, tag: str) -> bool:
    """Konjunktiv I/II of the third person: 'sei', 'habe', 'plane' (lemma 'planen')."""
    lowered = word.lower()
    if lowered in SUBJUNCTIVE_FORMS:
        return True
    if tag not in {"VERB", "AUX"} or len(lowered) <= 3 or not lowered.endswith("e"):
        return False
    lemma = lemma.lower()
    if lemma.endswith(("eln", "ern")):  # handeln → handele, fordern → fordere
        return lowered == lemma[:-1] + "e"
    return lemma.endswith("en") and lowered == lemma[:-1]


def source_noun(word: str) -> bool:
    """'Angaben', 'Polizeiangaben', 'Medienberichten', 'Sicht': what reported speech rests on."""
    lowered = word.lower()
    return lowered in SOURCE_NOUNS or (word[:1].isupper() and lowered.endswith(_SOURCE_ENDINGS))
