"""Language resources of the time expressions (data for analysis.timex): French calendar words, the patterns
that find expressions, the conventions of vague horizons, holidays. Patterns are written for the cleaned text
(straight apostrophes, plain spaces, plain hyphens) and matched case-insensitively.
"""
from __future__ import annotations

MONTHS = {"janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
          "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30}
# French counts a week as "huit jours" and a fortnight as "quinze jours": these counts of days are one less.
INCLUSIVE_DAY_COUNTS = {8: 7, 15: 14}
UNITS = {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month", "an": "year",
         "ans": "year", "année": "year", "années": "year"}
# Words that make a number before them a count, not a year ("1500 exemplaires").
COUNTED_UNITS = ("euros?", "dollars?", "exemplaires", "personnes", "soldats", "habitants", "morts",
                 "victimes", "mètres", "km", "kilomètres", "tonnes", "hommes", "femmes", "enfants")
# Parts of a month ("début octobre", "mi-octobre", "fin octobre"): first and last day (None = the month's last).
MONTH_PARTS = {"début": (1, 10), "mi": (11, 20), "fin": (21, None)}
# Parts of a year ("début 2026", "mi-2026", "fin 2027"): first and last month.
YEAR_PARTS = {"début": (1, 4), "mi": (5, 8), "fin": (9, 12)}
# Parts of a week ("en début de semaine", "en fin de semaine"): first and last weekday, Monday = 0.
WEEK_PARTS = {"début": (0, 2), "milieu": (2, 3), "fin": (4, 6)}

# Holidays: name pattern → how to find the day in a year: ("fixed", month, day), ("nth_weekday", month, weekday,
# n) or ("easter", offset in days).
HOLIDAYS: dict[str, tuple] = {
    "thanksgiving": ("nth_weekday", 11, 3, 4), "noël": ("fixed", 12, 25), "saint-sylvestre": ("fixed", 12, 31),
    "nouvel an": ("fixed", 1, 1), "jour de l'an": ("fixed", 1, 1), "toussaint": ("fixed", 11, 1),
    "pâques": ("easter", 0), "independence day": ("fixed", 7, 4),
}

# Seasons: (month, day) of the first and of the last day (winter runs into the next year).
SEASONS = {"printemps": ((3, 20), (6, 20)), "été": ((6, 21), (9, 22)), "automne": ((9, 23), (12, 20)),
           "hiver": ((12, 21), (3, 19))}

# Vague horizons: (name, regex, first day after the anchor, last day after the anchor or None = open-ended).
VAGUE_HORIZONS: list[tuple[str, str, int, int | None]] = [
    ("dans_les_prochains_jours", r"dans les (?:tout )?prochains jours|dans les jours (?:à venir|qui viennent)",
     1, 10),
    ("dans_les_prochaines_semaines", r"dans les (?:toutes )?prochaines semaines|dans les semaines (?:à venir|qui "
     r"viennent)", 1, 28),
    ("dans_les_prochains_mois", r"dans les (?:tout )?prochains mois|dans les mois (?:à venir|qui viennent)", 1, 180),
    ("tres_bientot", r"très (?:bientôt|prochainement)", 1, 14),
    ("bientot", r"(?<!très )\b(?:bientôt|prochainement)\b", 1, 30),
    ("dans_l_immediat", r"(?:dans|pour) l'immédiat", 0, 7),
    ("ces_derniers_jours", r"ces derniers jours", -10, -1),
    ("ces_dernieres_semaines", r"ces dernières semaines", -28, -1),
    ("ces_derniers_mois", r"ces derniers mois", -180, -1),
    ("date_ulterieure", r"(?:à une date ultérieure|ultérieurement|dans le futur|à l'avenir|à terme)", 1, None),
]

_M = "|".join(MONTHS)
_W = "|".join(WEEKDAYS)
_N = rf"(?P<n>\d+|{'|'.join(NUMBER_WORDS)})"
_U = rf"(?P<unit>{'|'.join(sorted(UNITS, key=len, reverse=True))})"
_DAY = r"(?P<day>\d{1,2}|1er)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Older years only after "en" ("en 1789"), never before a unit ("en 1500 exemplaires" is no year).
_OLD_YEAR = rf"(?P<old_year>1[0-8]\d{{2}})(?![\d,.]\d)(?! ?(?:[%€$]|(?:{'|'.join(COUNTED_UNITS)})\b))"
_PART = r"(?: (?P<part>matin|midi|après-midi|soir))"
# A clock time after a day ("mardi à 9 h 30", "jeudi à 15h"): kept in the span, it changes no day.
_CLOCK = r"(?: (?:à|vers|dès) \d{1,2} ?(?:h|heures)(?: ?\d{2})?\b)?"
_DATE = rf"(?:(?P<weekday>{_W}) )?{_DAY} (?P<month>{_M})(?: {_YEAR})?"
_SEASON = "|".join(SEASONS)
_HOLIDAY = "|".join(sorted(HOLIDAYS, key=len, reverse=True))
# The noun phrase of "à la veille de …", "au lendemain de …", "depuis …": up to punctuation or a clause word.
_NP = (r"(?P<np>(?:(?!\b(?:que|qu'|qui|où|dont|lorsque|quand|et|mais|pour|afin|alors|tandis)\b)"
       r"[^,.;:!?«»\"“”()\n]){3,80})")
_OF = r"(?:de |du |des |d')"

# Patterns in priority order (longer, more specific first); an expression never overlaps an earlier one.
PATTERNS: list[tuple[str, str]] = [
    ("deadline_date", rf"(?:jusqu'(?:au|à|à la date du)|d'ici (?:au|le|à)) {_DATE}"),
    ("from_date", rf"(?:à partir|à compter) (?:du|de) {_DATE}"),
    ("since_date", rf"depuis (?:le )?{_DATE}"),
    ("day_month", rf"(?:(?:le|du|ce|au) )?{_DATE}\b"),
    ("from_month", rf"(?:à partir|à compter) (?:de |du mois de |d')(?P<month>{_M})(?: {_YEAR})?"),
    ("since_month", rf"depuis (?:le mois de |la (?P<part>mi-|fin |début )|(?P<part2>mi-|fin |début ))?"
                    rf"(?P<month>{_M})(?: {_YEAR})?"),
    ("deadline_year_part", rf"(?:d'ici (?:à )?|jusqu'(?:en|à) |avant )(?:la )?(?P<part>mi-|fin |début )"
                           rf"(?:de l'année |d'année )?{_YEAR}\b"),
    ("year_part", rf"(?:(?:à la |en |dès (?:la )?)?(?P<part>mi-|début |fin ))(?:de l'année |d'année )?{_YEAR}\b"),
    ("deadline_month", rf"(?:d'ici (?:à )?|jusqu'(?:en|à) )(?:la )?(?:(?P<part>mi-|fin |début ))?(?P<month>{_M})"
                       rf"(?: {_YEAR})?"),
    ("month_part", rf"(?:(?:à la |en |dès (?:la )?)?(?P<part>mi-|début |fin |courant ))(?P<month>{_M})"
                   rf"(?: {_YEAR})?\b"),
    ("month_year", rf"(?:en |de |d'|au mois de |pour |dès )?(?P<month>{_M}) {_YEAR}"),
    ("since_year", rf"depuis {_YEAR}\b"),
    ("year", rf"(?:en |de |d'|depuis l'année |pour )(?:l'année )?{_YEAR}\b|en {_OLD_YEAR}\b"),
    ("month", rf"(?P<prep>en |pour |dès |au mois de )(?P<month>{_M})(?P<rel> prochain| dernier)?\b"),
    ("hours", r"dans les (?P<h1>\d+) (?:à|ou) (?P<h2>\d+) heures(?: à venir)?"),
    ("horizon_range", rf"dans les {_N} (?:prochain(?:e)?s {_U}|{_U.replace('unit', 'unit2')} (?:à venir|qui "
                      r"viennent))"),
    ("horizon_by", rf"d'ici (?:à )?{_N} {_U}(?: environ)?"),
    ("horizon_in", rf"dans (?:un délai de )?{_N} {_U}"),
    ("ago", rf"il y a {_N} {_U}"),
    ("deadline_end", r"(?:d'ici (?:à )?|avant )(?:la )?fin (?P<unit>de l'année|de l'an|du mois|de la semaine)"
                     r"(?P<rel> prochaine?)?"),
    ("unit_part", r"(?:dès |en |à la |la )?(?P<part>début|milieu|fin) (?:de (?:la )?)?semaine(?P<rel> prochaine| "
                  r"dernière)?"),
    ("unit_offset", r"(?:dès )?(?:la |le |l')(?P<unit>semaine|mois|année|an|week-end) (?P<rel>prochaine?|"
                    r"derni(?:er|ère)|passée?|suivante?|précédente?)\b"),
    ("season", rf"(?:cet |ce )(?P<season>{_SEASON})\b|(?:l'|le )(?P<season2>{_SEASON}) (?P<rel>dernier|prochain)\b"
               rf"|(?:en |à l'|au |l'|le )(?P<season3>{_SEASON}) {_YEAR}"),
    ("unit_this", r"(?:dès )?(?:cette |ce |cet )(?P<unit>semaine|mois-ci|mois|année|week-end)\b"),
    ("until_then", r"d'ici là|jusque-là"),
    ("eve", rf"(?P<pre>à la |la |l')(?P<word>veille|avant-veille)(?: {_OF}{_NP})?"),
    ("morrow", rf"(?P<pre>au |le )(?P<word>lendemain|surlendemain)(?: {_OF}{_NP})?"),
    ("night", rf"dans la nuit(?: (?:de |du )(?P<w1>{_W}) (?:à |au )(?P<w2>{_W}))?"),
    ("day_part", r"(?:plus (?:tôt|tard) )?(?:dans|au cours de) (?:la |l')(?:journée|soirée|matinée|après-midi)"
                 r"|en (?:début|fin|milieu) (?:de |d')(?:journée|soirée|matinée|après-midi)"
                 r"|(?:le |la )(?:soir|jour|matin|nuit) même|le même jour"
                 r"|(?:quelques|\d+|une|deux|trois) (?:heures?|minutes) plus (?:tôt|tard)"),
    ("holiday", rf"(?:(?:le )?jour (?:de |d')|(?:la )?fête (?:de |du )|le |la |à )?(?P<holiday>{_HOLIDAY})\b"),
    ("this_part", r"\b(?:ce (?P<part>matin|soir)|cet (?P<part2>après-midi)|cette (?P<part3>nuit))\b"),
    ("now", r"pour l'heure|pour l'instant|pour le moment|aujourd'hui"),
    ("yesterday", rf"\b(?P<word>avant-hier|hier){_PART}?\b"),
    ("tomorrow", rf"\b(?P<word>après-demain|demain){_PART}?\b"),
    ("since_weekday", rf"depuis (?P<weekday>{_W}){_PART}?\b"),
    ("weekday_rel", rf"(?:dès )?\b(?P<weekday>{_W}){_PART}? (?P<rel>prochain|dernier|passé|suivant|précédent)\b"
                    rf"{_CLOCK}"),
    ("this_weekday", rf"(?:dès )?\bce (?P<weekday>{_W}){_PART}?\b{_CLOCK}"),
    ("weekday", rf"(?:dès )?\b(?P<weekday>{_W}){_PART}?\b{_CLOCK}"),
] + [(name, pattern) for name, pattern, _, _ in VAGUE_HORIZONS]
# "depuis la chute du mur, en 1989": an event dated by the expression in apposition right after it.
SINCE_EVENT = rf"[Dd]epuis (?:l'|le |la |les ){_NP}(?=, )"

KIND = {"deadline_date": "interval", "from_date": "interval", "since_date": "interval", "day_month": "date",
        "from_month": "interval", "since_month": "interval", "deadline_month": "interval", "month_part": "interval",
        "month_year": "interval", "since_year": "interval", "year": "interval", "month": "interval",
        "deadline_end": "interval", "since_weekday": "interval", "since_event": "interval", "holiday": "date",
        "season": "interval", "year_part": "interval", "deadline_year_part": "interval"}
# Expressions dated by an event rather than the calendar: left out when nothing dates the event.
EVENT_ANCHORED = frozenset({"eve", "morrow", "since_event", "until_then"})
# Expressions whose meaning never depends on when they are said ("en mai 2019", "en 1989", "dans la soirée":
# the day in focus). Every other one counts from the day a statement was made when it sits in one.
CALENDAR = frozenset({"month_year", "year", "year_part", "day_part", "night"})
DEICTIC = frozenset({name for name, _ in PATTERNS} | {"since_event"}) - CALENDAR
# Horizons: what a statement says will happen or has happened, counted from when it was said. Only these are
# anchored on the day in focus when a past reporting verb has no date in its sentence.
HORIZONS = frozenset({"hours", "horizon_range", "horizon_by", "horizon_in", "ago", "deadline_end", "unit_offset",
                      "unit_this", "unit_part", "tomorrow", "weekday_rel", "until_then"}
                     | {name for name, _, _, _ in VAGUE_HORIZONS})
# The day in focus dates an undated past statement only when it is this recent (days before publication).
FOCUS_MAX_AGE_DAYS = 7
# Expressions that can date a statement ("a déclaré mardi", "a annoncé le 3 mai", "annoncé la veille").
DATING = frozenset({"day_month", "weekday", "weekday_rel", "this_weekday", "yesterday", "now", "eve", "morrow",
                    "this_part", "day_part", "holiday"})
# Words before a weekday that make it a deadline, which points forward whatever the tense ("jusqu'à jeudi").
DEADLINE_BEFORE = r"(?:jusqu'(?:à|au)|d'ici|au plus tard|échéance\s*:)\s*$"
# Verbs of saying, as lemmas: a time expression attached to one dates a statement ("a déclaré mardi").
SPEECH_VERBS = frozenset({
    "accuser", "admettre", "affirmer", "ajouter", "annoncer", "assurer", "avertir", "avouer", "certifier",
    "commenter", "concéder", "confier", "confirmer", "critiquer", "déclarer", "démentir", "dénoncer", "déplorer",
    "dire", "écrire", "estimer", "évoquer", "exiger", "expliquer", "garantir", "indiquer", "insister", "jurer",
    "juger", "justifier", "marteler", "menacer", "mentionner", "nier", "noter", "observer", "plaider", "préciser",
    "prédire", "prévenir", "proclamer", "promettre", "qualifier", "rappeler", "réagir", "réclamer", "reconnaître",
    "regretter", "répéter", "répliquer", "répondre", "résumer", "révéler", "saluer", "signaler", "souligner",
    "suggérer", "tweeter", "twitter",
})
# What may stand between a reporting verb and the day it was said: nothing, or a name ("a déclaré Dupont le 3").
ADJACENT_NAME = r"\s*(?:[A-ZÀ-Ý][\w'.-]*\s+){0,2}"
# Verbs whose infinitive or participle complement takes their tense ("doit être reçu", "va se tenir").
TENSE_CARRIERS = frozenset({"pouvoir", "devoir", "aller"})
# Endings on the future stem: future ("viendra") and conditional ("viendrait"), longest first; the -er verbs whose
# future stem is not their infinitive.
FUTURE_ENDINGS = ("ons", "ont", "ai", "as", "ez", "a")
CONDITIONAL_ENDINGS = ("aient", "ions", "iez", "ais", "ait")
IRREGULAR_ER_FUTURES = {"aller": ("ir",), "envoyer": ("enverr",), "renvoyer": ("renverr",)}
# Demonstratives that point back to the day in focus ("au lendemain de ce vote").
DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
# Quote marks: opening → closing.
QUOTE_PAIRS = {"«": "»", "“": "”", "‹": "›"}
STRAIGHT_QUOTE = '"'
