"""Language resources kept apart from logic: typography rules, cleaning patterns, word lists.

Every cleaning rule is a general pattern with a name and a description. None mentions an
article id, a file name or a line number: the rules must hold on French news never seen.
"""
from __future__ import annotations

# Study periods, in chronological order. A metadata row with another period is rejected.
PERIODS: tuple[str, ...] = ("august", "november")

# --- Typography: (name, regex, replacement, description), applied in this order --------------
TYPOGRAPHY_RULES: list[tuple[str, str, str, str]] = [
    ("invisible_chars", "[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "",
     "zero-width characters, word joiners, BOMs and soft hyphens removed"),
    ("apostrophe", "[\u2019\u2018\u02bc]", "'", "typographic apostrophes ’ ‘ ʼ → '"),
    ("nonbreaking_space", "[\u00a0\u202f\u2007\u2009]", " ",
     "non-breaking and thin spaces (U+00A0, U+202F, U+2007, U+2009) → space"),
    ("nonbreaking_hyphen", "[\u2011\u2010]", "-", "non-breaking hyphen U+2011 and U+2010 → -"),
    ("ellipsis", "\u2026", "...", "ellipsis … → ..."),
    ("bullet", r"^\s*[•◦▪‣●·]\s*", "", "list bullets at the start of a line removed"),
    ("whitespace", r"[ \t]{2,}", " ", "runs of spaces and tabs collapsed to one space"),
    ("edge_spaces", r"^[ \t]+|[ \t]+$", "", "spaces at the start and end of a line removed"),
]

# --- Line rules -----------------------------------------------------------------------------
# Header prefix: "date 2025-08-07 <title or credit>"; the prefix is removed, the rest re-examined.
DATE_HEADER = r"^date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*"

# Image file slugs left by the scraper in place of an image: lower-case words joined by hyphens.
IMAGE_SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+){2,}(?:\.(?:jpe?g|png|webp|gif))?$"

# Photo credits: a "Photo:" style label followed by the agency or photographer.
PHOTO_CREDIT = (r"^(?:Photo|Photos|Crédit|Crédits|Crédit photo|Crédits photo|Illustration|Image|"
                r"Source photo)\s*:\s*\S")

# Descriptive captions that name the photo itself (no credit line needed to spot them); a caption is short.
CAPTION_MAX_WORDS = 60
PHOTO_CAPTION_CUE = (r"\bphotographi(?:é|ée|és|ées)\b|^(?:À|A) (?:gauche|droite)\b|^Ci-(?:dessus|contre|dessous)\b"
                     r"|\b(?:sur|Sur) (?:cette|la) photo\b|^\(?(?:Photo|Image) d'illustration")

# Interface words and labels that stand alone on a line.
UI_WORDS: frozenset[str] = frozenset({
    "Plus", "Exclusif", "EXCLUSIF", "Partager", "Publicité", "Lire la suite", "Voir plus",
    "Afficher plus", "Newsletter", "Abonnez-vous", "S'abonner", "Commenter", "Réagir",
    "Écouter", "Écouter l'article", "En direct", "Vidéo", "Direct",
})

# Box labels: the label goes, the bullet points under it stay as body.
BOX_LABELS: frozenset[str] = frozenset({
    "Principaux renseignements", "À retenir", "A retenir", "L'essentiel", "Ce qu'il faut retenir",
    "En bref", "Points clés", "Les points clés", "Résumé",
})

# Video players replaced by a placeholder at the start of a paragraph; the paragraph stays.
VIDEO_PLACEHOLDER = r"^(?:Fichier|Lecteur|Lecture) vidéo\b[\s:.-]*"

# Credit lines at the end of wire-based articles.
CONTRIBUTION_CREDIT = (r"^[A-ZÀ-Ý][\w'.-]+(?: [A-ZÀ-Ý][\w'.-]+){0,3}(?: et [A-ZÀ-Ý][\w'.-]+(?: [A-ZÀ-Ý][\w'.-]+){0,3})?"
                       r" (?:a|ont) contribué à (?:la rédaction de )?cet article\.?$")
AGENCY_CREDIT = (r"^(?:Avec|Source|Sources)\s*:?\s*(?:l'|les )?(?:AFP|Reuters|AP|Belga|ATS|Keystone-ATS|"
                 r"agences?|Bloomberg|DPA)(?:\s*(?:,|et)\s*(?:l'|les )?(?:AFP|Reuters|AP|Belga|ATS|"
                 r"Keystone-ATS|agences?|Bloomberg|DPA))*\.?$")

# Author boxes: "Prénom Nom est une journaliste ..." and "Par Prénom Nom".
AUTHOR_BIO = (r"^(?P<name>[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+){1,3}) est (?:un|une|le|la) "
              r"(?:journaliste|reporter|reporteur|reporteuse|rédacteur|rédactrice|correspondant|"
              r"correspondante|chroniqueur|chroniqueuse|éditeur|éditrice|envoyé|envoyée)\b")
BYLINE = r"^(?:Par|By)\s+(?P<name>[A-ZÀ-Ý][\w'-]+(?: [A-ZÀ-Ý][\w'-]+){1,3})(?:,.{0,60})?$"

# A list of the author's other articles: this line and everything after it is page furniture.
AUTHOR_ARTICLES_BLOCK = (r"^(?:Articles actuels de l'auteur|Articles récents de l'auteur|Du même auteur|"
                         r"Plus d'articles de l'auteur|Derniers articles de l'auteur|Les articles de l'auteur)$")

# Single related-article links.
RELATED_LINK = r"^(?:Lire aussi|À lire aussi|A lire aussi|Voir aussi|Sur le même sujet|LIRE AUSSI)\b\s*:?"

# Subheadings: short lines without closing punctuation (a question mark is allowed).
HEADING_MAX_WORDS = 14
HEADING_BAD_END = r"[.,;:»\"”)]$"

# --- Sentence splitting (French news) ---------------------------------------------------------
SENTENCE_FINAL: frozenset[str] = frozenset({".", "!", "?", "...", "…", "?!", "!?", "!!"})
CLOSING_QUOTES: frozenset[str] = frozenset({"»", '"', "”", "'", ")", "›"})
OPENING_MARKS: frozenset[str] = frozenset({"«", '"', "“", "-", "—", "–", "(", "‹", "'"})
# A period after these is not the end of a sentence ("M. Poutine", "Mme Leavitt", "p. 3").
ABBREVIATIONS: frozenset[str] = frozenset({"M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste",
                                           "p", "cf", "etc", "av", "apr", "J.-C", "env", "n°", "art", "vol"})

# --- Reported speech ----------------------------------------------------------------------------
# Reporting verbs (lemmas) that introduce a statement in any position: "X a annoncé que ...".
REPORTING_VERBS: frozenset[str] = frozenset({
    "accuser", "admettre", "affirmer", "ajouter", "annoncer", "assurer", "avertir", "avouer", "confier",
    "confirmer", "considérer", "critiquer", "déclarer", "démentir", "dénoncer", "dire", "écrire",
    "estimer", "évoquer", "exiger", "expliquer", "indiquer", "insister", "juger", "marteler", "menacer",
    "mentionner", "nier", "noter", "observer", "prévenir", "préciser", "proclamer", "promettre", "qualifier",
    "rappeler", "réclamer", "reconnaître", "regretter", "répéter", "répliquer", "répondre",
    "révéler", "saluer", "signaler", "sommer", "souligner", "soutenir", "suggérer", "tweeter",
    "twitter", "déplorer", "commenter", "réagir", "plaider", "prédire", "certifier", "garantir", "jurer",
    "lancer", "poursuivre", "conclure", "renchérir", "résumer", "glisser", "ironiser", "s'exclamer",
    "trancher", "préférer", "confesser", "objecter",
})
# Verbs that report speech only as an inverted incise (", a poursuivi M. Dupont"), never with "que".
INCISE_ONLY_VERBS: frozenset[str] = frozenset({
    "lancer", "poursuivre", "conclure", "renchérir", "résumer", "glisser", "ironiser", "s'exclamer", "trancher",
    "préférer", "objecter", "soutenir",
})
# Prepositions of attribution: "selon X", "d'après X"; and "cité par X".
ATTRIBUTION_MARKERS = r"(?<!\w)(?:[Ss]elon|[Dd]'après|[Cc]itée?s? par)\s+"
# Connectives left out at the start of a reported clause ("En revanche, Moscou n'envisage pas ...").
LEADING_CONNECTIVES = (r"^(?:En revanche|Par ailleurs|Cependant|Toutefois|Néanmoins|Mais|Et|Or|Ainsi|Enfin|De plus|"
                       r"En outre)\s*,?\s+")
# Personal pronouns that can stand for a speaker: surface → (gender, number); None = either.
SPEAKER_PRONOUNS: dict[str, tuple[str | None, str]] = {
    "il": ("m", "sg"), "-il": ("m", "sg"), "elle": ("f", "sg"), "-elle": ("f", "sg"), "lui": ("m", "sg"),
    "ils": ("m", "pl"), "-ils": ("m", "pl"), "elles": ("f", "pl"), "-elles": ("f", "pl"), "eux": ("m", "pl"),
}
# Time words the parser may take for the object of a verb ("a annoncé jeudi").
TIME_NOUNS: frozenset[str] = frozenset({
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "matin", "soir", "hier",
    "aujourd'hui", "demain", "semaine", "mois", "année", "an", "jour", "journée", "soirée", "matinée", "fois",
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
})
# Subjects that say nobody spoke: "rien n'indique que ...".
NEGATIVE_SUBJECTS: frozenset[str] = frozenset({"rien", "personne", "aucun", "aucune", "nul"})
# Multi-word reporting cues: verb lemma → the word that makes it one ("faire part de", "faire savoir que").
REPORTING_MULTIWORD: dict[str, tuple[str, ...]] = {"faire": ("part", "savoir")}
# Head nouns of a subject that can speak when the text names nobody: "une source diplomatique".
SPEAKER_NOUNS: frozenset[str] = frozenset({
    "source", "responsable", "porte-parole", "ministre", "syndicaliste", "syndicat", "diplomate", "expert",
    "analyste", "dirigeant", "dirigeante", "gouvernement", "autorité", "officiel", "manifestant", "habitant",
    "témoin", "député", "sénateur", "élu", "président", "présidente", "conseiller", "conseillère", "négociateur",
    "ambassadeur", "juge", "avocat", "procureur", "policier", "entreprise", "direction", "patron", "salarié",
    "militant", "observateur", "chercheur", "spécialiste", "fonctionnaire", "entourage", "proche", "médecin",
    "commission", "ministère", "parquet", "opposition", "majorité", "parti", "délégation", "agence", "média",
    "journal", "chancelier", "chancelière", "secrétaire", "premier", "première", "maire", "préfet", "général",
    "commandant", "représentant", "représentante", "participant", "organisateur", "délégué", "déléguée",
    "interlocuteur", "collaborateur", "membre", "chef", "cheffe", "directeur", "directrice", "fédération",
    "présidence", "commissaire", "association", "club", "groupe", "organisation",
})
# Verbs whose reported content follows "sur": "a insisté sur la nécessité de ...".
CONTENT_AFTER_SUR: frozenset[str] = frozenset({"insister", "revenir", "s'exprimer"})
# News outlets that appear in a reporting clause ("a déclaré à Reuters ...", "sur France Inter").
NEWS_OUTLETS: frozenset[str] = frozenset({
    "AFP", "Reuters", "AP", "TASS", "RIA Novosti", "Interfax", "Bloomberg", "BFM", "BFM Business", "BFMTV",
    "France Inter", "France Info", "Franceinfo", "France 2", "France 24", "RFI", "RTL", "Europe 1", "LCI", "TF1",
    "Le Monde", "Le Figaro", "Libération", "Les Echos", "Le Parisien", "Ouest-France", "CNN", "BBC", "Fox News",
    "RTS", "Keystone-ATS", "ATS", "Belga", "X", "Telegram", "Truth Social", "CNBC", "NBC", "CBS", "ABC",
})
# Possessive determiners: "son organisation" designates nobody by itself.
POSSESSIVES: frozenset[str] = frozenset({"son", "sa", "ses", "leur", "leurs", "notre", "nos", "votre", "vos"})

# --- Tone ----------------------------------------------------------------------------------------
# News-domain words the book-review lexicon scores although they carry no tone in news: "premier" (+0.5,
# as in "Premier ministre"), "international", "grave" (as in "situation grave" it is negative, the lexicon
# says +0.4). Neutralised only where a notebook says so, and always shown with and without.
DOMAIN_NEUTRAL: frozenset[str] = frozenset({
    "premier", "première", "premiers", "premières", "international", "internationale", "internationaux",
    "internationales", "grave", "graves", "dernier", "dernière", "derniers", "dernières", "prochain", "prochaine",
    "prochains", "prochaines", "national", "nationale", "nationaux", "nationales", "général", "générale",
    "militaire", "militaires", "politique", "politiques", "diplomatique", "diplomatiques", "russe", "russes",
    "américain", "américaine", "américains", "américaines", "ukrainien", "ukrainienne", "européen", "européens",
})
# Forward-looking expressions: a statement about what will happen.
FORWARD_LOOKING = (r"dans les prochains jours|la semaine prochaine|dès la semaine prochaine|très bientôt|bientôt|"
                   r"prochainement|à venir|d'ici|dès que|à terme|dans le futur|à l'avenir|"
                   r"dans les \d+ (?:à \d+ )?heures|le mois prochain|l'an prochain|l'année prochaine|"
                   r"prochaine rencontre|prochain sommet")
ATTRIBUTION_HEDGES = r"(?<!\w)(?:[Ss]elon|[Dd]'après)\b"
MODAL_LEMMAS: frozenset[str] = frozenset({"pouvoir", "devoir"})

# --- Claims -----------------------------------------------------------------------------------------
# Conditions: "sous peine de", "dès que", "si ... ", "à condition", "indispensable".
CONDITION_MARKERS = (r"\bsous peine de\b|\bdès que\b|\bà condition\b|\bindispensable\b|\bpréalable\b|"
                     r"(?<![\w'])si (?!bien|peu|tôt|longtemps)")
# Lemmas of planning and arranging: a sentence with one of them states a plan.
PLAN_LEMMAS: frozenset[str] = frozenset({
    "prévoir", "organiser", "planifier", "préparer", "envisager", "proposer", "viser", "chercher", "souhaiter",
    "vouloir", "compter", "projet", "planification", "préparatif", "ultimatum", "menacer", "sommer",
})
