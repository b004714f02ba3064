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
    kandidat kandidatin spitzenkandidat spitzenkandidatin stürmer stürmerin torwart spieler spielerin
    kapitän mitarbeiter mitarbeiterin aktivist aktivistin vertreter vertreterin gründer gründerin
    inhaber inhaberin pfarrer pfarrerin arzt ärztin chefarzt chefärztin ingenieur ingenieurin
    """.split()
)
TITLES = frozenset({"dr.", "prof.", "frau", "herr", "mr.", "mrs.", "ms.", "sir", "dipl.-ing.", "ing."})
PERSONAL_PRONOUNS = frozenset({"er", "sie", "ihr", "ihm", "ihn", "ihrer", "seiner"})
ANAPHORIC_DETERMINERS = frozenset({"der", "die", "des", "dem", "den"})


def is_role(word: str) -> bool:
    lowered = word.lower().rsplit("-", 1)[-1]
    return len(lowered) > 3 and lowered.endswith(ROLE_ENDINGS)


def role_head(word: str) -> str:
    """The role ending of a role noun: 'Ex-Ministerin' → 'ministerin'."""
    lowered = word.lower().rsplit("-", 1)[-1]
    matches = [ending for ending in ROLE_ENDINGS if lowered.endswith(ending)]
    return max(matches, key=len) if matches else lowered


def feminine(word: str) -> bool | None:
    """Whether a role noun is feminine ('…in'), masculine, or unknown (None)."""
    lowered = word.lower()
    if lowered.endswith(("in", "frau")) and not lowered.endswith(("chefarzt",)):
        return True
    if is_role(word):
        return False
    return None
