"""Name lists of our own for the entity tagger: well-known persons, institutions, countries.

Written for newsprism (persons' and institutions' names are facts; the lists are ours, Apache-2.0)
except the country names, which come from CLDR via babel (Unicode License v3). They end up in
taggers-de.lexicon.json:

- 'names' (a feature of the entity tagger only): surnames of well-known persons → PER;
- 'institutions': multi-word and one-word institution names → ORG, found as spans at run time
  ("Weißes Haus", "Europaparlament", "Unterhaus");
- 'known': whole entity texts whose type is certain (a country is LOC, a well-known person PER),
  so the tagger's type is corrected at run time.
"""

from __future__ import annotations

# Distinctive surnames (and a few full names) of persons in German news. Surnames that are also
# common words ("Kohl", "Rhein", "Reiche", "Nagel", "Wüst") are left out on purpose.
PERSONS = """
trump biden obama putin selenskyj selenskij macron merkel scholz merz habeck lindner baerbock
söder steinmeier pistorius faeser lauterbach weidel wagenknecht starmer sunak erdogan erdoğan
netanjahu modi lula milei orbán orban meloni guterres stoltenberg rutte harris vance musk
zuckerberg franziskus assad chamenei khamenei lukaschenko tusk sánchez trudeau carney albanese
ishiba kishida kickl nehammer babler kretschmer dobrindt klingbeil wadephul esken kühnert
chrupalla höcke mützenich spahn linnemann laschet gauck wulff hegseth rubio blinken lawrow
peskow lagarde xi jinping kim jong-un netanyahu zelensky
""".split()

FULL_PERSONS = (
    """
donald trump|joe biden|barack obama|wladimir putin|wolodymyr selenskyj|emmanuel macron
angela merkel|olaf scholz|friedrich merz|robert habeck|christian lindner|annalena baerbock
markus söder|frank-walter steinmeier|boris pistorius|nancy faeser|karl lauterbach|alice weidel
sahra wagenknecht|keir starmer|rishi sunak|recep tayyip erdogan|recep tayyip erdoğan
benjamin netanjahu|narendra modi|giorgia meloni|viktor orbán|antónio guterres|jens stoltenberg
mark rutte|kamala harris|jd vance|elon musk|ursula von der leyen|xi jinping|kim jong un
papst franziskus|papst leo xiv.|lars klingbeil|alexander dobrindt|johann wadephul|jens spahn
""".strip()
    .replace("\n", "|")
    .split("|")
)

# Institutions as written in running text, in the forms that occur (nominative, dative, genitive).
INSTITUTIONS = (
    """
weißes haus|weißen haus|weißen hauses|europaparlament|europaparlaments|europäisches parlament
europäischen parlament|europäischen parlaments|europäische kommission|europäischen kommission
eu-kommission|europäische union|europäischen union|europäische zentralbank
europäischen zentralbank|vereinte nationen|vereinten nationen|un-sicherheitsrat
uno-sicherheitsrat|sicherheitsrat|weltsicherheitsrat|internationaler währungsfonds
internationalen währungsfonds|internationale strafgerichtshof|internationalen strafgerichtshof
unterhaus|unterhauses|oberhaus|oberhauses|kreml|kremls|pentagon|pentagons|bundestag|bundestages
bundestags|bundesrat|bundesrates|bundesrats|bundesverfassungsgericht|bundesverfassungsgerichts
bundesgerichtshof|bundesgerichtshofs|bundeswehr|bundesbank|bundesnetzagentur|bundeskartellamt
bundeskartellamts|verfassungsschutz|bundesamt für verfassungsschutz|europarat|europarats
europäischer gerichtshof|europäischen gerichtshof|europäischen gerichtshofs|nato|uno|who|fbi|cia
labour-partei|labour|tories|us-küstenwache|us-notenbank|us-regierung|us-kongress|us-senat
us-repräsentantenhaus|repräsentantenhaus|repräsentantenhauses|us-justizministerium
deutsche bahn|deutschen bahn|deutsche bank|deutschen bank|rote kreuz|roten kreuz|roten kreuzes
deutsches rotes kreuz|deutschen roten kreuz|deutschen roten kreuzes|bundeskanzleramt
auswärtiges amt|auswärtigen amt|auswärtigen amts|élysée|elysée|elysée-palast|downing street
""".strip()
    .replace("\n", "|")
    .split("|")
)


def own_names() -> dict[str, str]:
    """Word → label features the tagger learns from: surnames of well-known persons."""
    return {word: "PER" for word in PERSONS}


def countries() -> list[str]:
    """Country and territory names in German and English (CLDR via babel), lower-cased."""
    # Imported here: babel is needed only to build the lists, never at run time.
    from babel import Locale

    names: set[str] = set()
    for language in ("de", "en"):
        for code, name in Locale(language).territories.items():
            if code.isalpha() and len(code) == 2:
                names.add(name.lower())
    return sorted(names)


def shipped_lists() -> dict[str, dict[str, str]]:
    """The lists the entity stage reads at run time (see the module's docstring)."""
    known = dict.fromkeys(countries(), "LOC")
    known.update(dict.fromkeys(FULL_PERSONS, "PER"))
    known.update(dict.fromkeys(PERSONS, "PER"))
    return {"institutions": dict.fromkeys(INSTITUTIONS, "ORG"), "known": known}
