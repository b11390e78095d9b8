"""Word lists for the story layers: how an actor's mention is used (analysis.mentions), and how a sentence
states, hedges or rejects a fact (analysis.facts, analysis.tracking). French grammar, never strings of the corpus."""
from __future__ import annotations

# --- Mentions: the use of a state's or an institution's name ------------------------------------------------
# Prepositions that make a state's or an institution's name a place: "la guerre en Ukraine", "dans la capitale".
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset({
    "en", "dans", "vers", "depuis", "jusqu'à", "jusqu'en", "jusqu'au", "jusqu'aux", "chez", "hors",
})
# "à" (au, aux) is a place ("à Moscou", "son retour à la Maison Blanche") unless it marks a recipient: after a
# word of these families (saying, giving, obliging, allowing; an ultimatum to, joining), or, for a state, with
# an article ("un ultimatum à la Russie": a country as a place takes "en", "au", "aux").
DATIVE_PREPOSITIONS: frozenset[str] = frozenset({"à", "au", "aux"})
DATIVE_HEADS: frozenset[str] = frozenset({
    "dire", "déclarer", "annoncer", "répondre", "écrire", "expliquer", "confier", "indiquer", "préciser", "assurer",
    "demander", "proposer", "adresser", "lancer", "promettre", "reprocher", "répliquer", "affirmer",
    "donner", "livrer", "vendre", "accorder", "offrir", "envoyer", "céder", "fournir", "apporter", "prêter",
    "permettre", "imposer", "interdire", "ordonner", "infliger", "opposer", "appartenir",
    "ultimatum", "adhésion", "appel", "aide", "soutien", "livraison", "message", "lettre", "offre",
})
# Prepositions that make a name the source of what is said: "selon Moscou", "d'après le Kremlin".
SOURCE_PREPOSITIONS: frozenset[str] = frozenset({"selon", "d'après", "d’après"})
# Dependencies of a subject that does or says something (a passive subject, `nsubj:pass`, undergoes it).
AGENT_DEPS: frozenset[str] = frozenset({"nsubj", "csubj", "obl:agent"})
# Dependencies through which a word takes the function of the word it hangs on ("Washington et Moscou ont …").
SHARED_FUNCTION_DEPS: frozenset[str] = frozenset({"conj", "appos", "flat:name", "fixed", "flat"})
# Determiners that make an office generic unless the text dates it: "un président américain" (any of them).
INDEFINITE_DETERMINERS: tuple[str, ...] = ("un", "une", "des", "d'", "d’")

# --- Facts: how a sentence negates or rejects what it states (analysis.facts) --------------------------------
# Words that negate the word they bear on or the verb that governs it ("n'envisage pas", "aucune résolution").
NEGATION_WORDS: frozenset[str] = frozenset({
    "ne", "n'", "n’", "pas", "jamais", "aucun", "aucune", "nullement", "guère", "sans", "non", "nul", "nulle",
})
# Verbs that reject or withdraw what is their object ("tout en écartant un sommet à trois", "a annulé le sommet").
REJECTING_LEMMAS: frozenset[str] = frozenset({
    "écarter", "exclure", "rejeter", "démentir", "nier", "refuser", "récuser", "repousser", "annuler", "abandonner",
    "renoncer", "contester", "remiser", "enterrer", "abandon", "annulation", "rejet", "refus",
})
# Verbs whose negation asserts (litotes): "n'a pas caché son impatience", "n'ont cessé de …".
LITOTES_LEMMAS: frozenset[str] = frozenset({"cacher", "cesser", "manquer", "empêcher", "oublier"})
# Words that make "ne" restrictive, not negative: "ne … que".
RESTRICTIVE_WORDS: frozenset[str] = frozenset({"que", "qu'", "qu’"})
# Negation words that need no "ne": they negate on their own.
STRONG_NEGATION_WORDS: frozenset[str] = frozenset({"pas", "jamais", "aucun", "aucune", "nullement", "guère", "sans",
                                                    "non", "nul", "nulle", "point", "rien", "personne"})
