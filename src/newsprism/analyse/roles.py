"""What German news calls people by: role nouns ("Ministerin"), titles ("Dr."), pronouns.

The lists are written for newsprism; they match by the end of a word, so "Bundesinnenministerin"
is a role because it ends in "ministerin".
"""

from __future__ import annotations

ROLE_ENDINGS = tuple(
    """
    minister ministerin präsident präsidentin kanzler kanzlerin sprecher sprecherin chef chefin
    vorsitzende vorsitzender vorsitzenden bürgermeister bürgermeisterin sekretär sekretärin direktor
    direktorin leiter leiterin trainer trainerin abgeordnete abgeordneter senator senatorin landrat
    landrätin richter richterin anwalt anwältin kommissar kommissarin botschafter botschafterin
    gouverneur gouverneurin general generalin bischof bischöfin papst könig königin prinz prinzessin
    manager managerin geschäftsführer geschäftsführerin vorstand experte expertin ökonom ökonomin
    professor professorin dezernent dezernentin stadtrat stadträtin kapitän kapitänin regierungschef
    regierungschefin ministerpräsident ministerpräsidentin staatssekretär staatssekretärin
    referent referentin beauftragte beauftragter ombudsfrau ombudsmann forscher forscherin
    wissenschaftler wissenschaftlerin analyst analystin ermittler ermittlerin polizist polizistin
    kommandant kommandeur oberst sänger sängerin schauspieler schauspielerin autor autorin
    kandidat kandidatin spitzenkandidat spitzenkandidatin stürmer stürmerin torwart spieler
    spielerin
    kapitän mitarbeiter mitarbeiterin aktivist aktivistin vertreter vertreterin gründer gründerin
    inhaber inhaberin pfarrer pfarrerin arzt ärztin chefarzt chefärztin ingenieur ingenieurin
    rentner rentnerin pendler pendlerin schüler schülerin student studentin anwohner anwohnerin
    fahrgast bewohner bewohnerin landwirt landwirtin unternehmer unternehmerin führer führerin
    """.split()
)
TITLES = frozenset(
    {"dr.", "prof.", "frau", "herr", "mr.", "mrs.", "ms.", "sir", "dipl.-ing.", "ing."}
)
PERSONAL_PRONOUNS = frozenset({"er", "sie", "ihr", "ihm", "ihn", "ihrer", "seiner"})
ANAPHORIC_DETERMINERS = frozenset({"der", "die", "des", "dem", "den"})


def is_role(word: str) -> bool:
    lowered = word.lower().rsplit("-", 1)[-1]
    return len(lowered) > 3 and (lowered.endswith(ROLE_ENDINGS) or lowered in ROLE_SYNONYMS)


# Other words for the same office: "der Rathauschef" is the mayor, "der Ex-Coach" the coach.
ROLE_SYNONYMS = {
    "rathauschef": "bürgermeister",
    "rathauschefin": "bürgermeisterin",
    "stadtoberhaupt": "bürgermeister",
    "coach": "trainer",
    "übungsleiter": "trainer",
    "übungsleiterin": "trainerin",
    "regierungschef": "ministerpräsident",
    "regierungschefin": "ministerpräsidentin",
    "kassenchef": "vorstandschef",
    "kassenchefin": "vorstandschefin",
    "verbandschef": "vorsitzender",
    "parteichef": "vorsitzender",
    "parteichefin": "vorsitzende",
}
# Feminine and masculine forms share one head for matching: "Ministerin" ~ "Minister".
_FEMININE_SUFFIX = "in"


def role_head(word: str) -> str:
    """The office a role noun names: 'Ex-Ministerin' → 'minister', 'Rathauschef' → mayor."""
    lowered = word.lower().rsplit("-", 1)[-1]
    lowered = ROLE_SYNONYMS.get(lowered, lowered)
    matches = [ending for ending in ROLE_ENDINGS if lowered.endswith(ending)]
    head = max(matches, key=len) if matches else lowered
    if head.endswith(_FEMININE_SUFFIX) and head[:-2] in ROLE_ENDINGS:
        head = head[:-2]
    return head.rstrip("r") if head.endswith(("ender", "ende")) else head


def feminine(word: str) -> bool | None:
    """Whether a role noun is feminine ('…in'), masculine, or unknown (None)."""
    lowered = word.lower()
    if lowered.endswith(("in", "frau")):
        return True
    if is_role(word):
        return False
    return None


# First names whose ending misleads the rule below.
_MALE_NAMES = frozenset(
    "uwe ove rene luca andrea nikolai mattia elia jona jonah noah joshua sascha kai".split()
)
_FEMALE_NAMES = frozenset(
    "gül ingrid astrid sigrid karin doris iris ruth edith carmen miriam".split()
)


def name_gender(first_name: str) -> bool | None:
    """A guess from a German first name: True feminine, False masculine, None unknown."""
    lowered = first_name.lower()
    if lowered in _FEMALE_NAMES:
        return True
    if lowered in _MALE_NAMES or len(lowered) < 3:
        return False if lowered in _MALE_NAMES else None
    return lowered.endswith(("a", "e", "ie", "ine", "ild", "rud", "id", "lyn", "th"))
