"""Language resources kept apart from logic: typography rules, cleaning patterns, word lists.

Every cleaning rule is a general pattern with a name and a description. None mentions an
article id, a file name or a line number: the rules must hold on French news never seen.
"""
from __future__ import annotations

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

# Single related-article links: the label, a separator (or an upper-case label) and the linked title.
RELATED_LINK = (r"^(?:[>»]\s*)?(?:(?:Lire aussi|À lire aussi|A lire aussi|Voir aussi|Sur le même sujet|À voir aussi|"
                r"A voir aussi|Lire également|À lire également|A lire également)\s*(?:[:|>»•/→-]|–|—)|"
                r"(?:LIRE AUSSI|À LIRE AUSSI|"
                r"A LIRE AUSSI|VOIR AUSSI|À VOIR AUSSI)\b\s*[:|>»•/–—-]?)\s*\S")

# Subheadings: short lines without closing punctuation (a question mark is allowed).
HEADING_MAX_WORDS = 14
HEADING_BAD_END = r"[.,;:»\"”)]$"

# --- Page furniture: word lists (the patterns are in furniture.py) --------------------------------------------
# News agencies as they sign dispatches and credit photos.
AGENCIES: tuple[str, ...] = (
    "AFP", "Reuters", "AP", "Associated Press", "Belga", "ATS", "Keystone-ATS", "SDA", "Bloomberg", "DPA", "dpa", "ANP",
    "APA", "EFE", "ANSA", "Xinhua", "TASS", "Tass", "RIA Novosti", "Interfax", "Anadolu", "UPI", "Kyodo", "Yonhap",
    "Agence France-Presse", "Agence Belga", "La Presse canadienne", "Presse canadienne", "La Presse Canadienne",
    "AFP-Services", "Relaxnews", "agence", "agences",
)
# Photo agencies, pools and picture desks that end a photo credit ("Nom / AFP", "Photo News/Belga").
PHOTO_AGENCIES: tuple[str, ...] = (
    "Getty Images", "Getty", "EPA", "EPA-EFE", "Sipa", "SIPA", "Sipa Press", "Hans Lucas", "MaxPPP", "MAXPPP", "Abaca",
    "ABACA", "ABACAPRESS", "Pool", "POOL", "Sputnik", "SPUTNIK", "Kremlin", "KREMLIN", "Keystone", "KEYSTONE",
    "Photo News", "PHOTO NEWS", "Shutterstock", "iStock", "Wikimedia Commons", "Divergence", "Leemage", "Bestimage",
    "Panoramic", "Icon Sport", "Imago", "IMAGO", "Alamy", "NurPhoto", "AP Photo", "Photononstop", "Starface",
    "Hollandse Hoogte", "Radio-Canada", "CBC", "Flickr", "Unsplash", "Gamma-Rapho", "Reuters Pictures", "REUTERS",
    "GETTY IMAGES", "BELGA", "BLOOMBERG", "AP PHOTO",
)
# Professions that make "X est …" an author's bio when it closes a page (see furniture.AUTHOR_BIO_TAIL);
# political offices only count with "ancien"/"ancienne" ("X est ancien ministre"), a body sentence may say
# "X est ministre".
BIO_ROLES: tuple[str, ...] = (
    "journaliste", "reporter", "correspondant", "correspondante", "chroniqueur", "chroniqueuse", "éditorialiste",
    "rédacteur", "rédactrice", "politologue", "politiste", "professeur", "professeure", "maître de conférences",
    "chercheur", "chercheuse", "historien", "historienne", "économiste", "sociologue", "géographe", "géopolitologue",
    "juriste", "avocat", "avocate", "essayiste", "écrivain", "écrivaine", "auteur", "autrice", "philosophe",
    "consultant", "consultante", "spécialiste", "docteur", "docteure", "enseignant", "enseignante", "anthropologue",
    "démographe", "directeur de recherche", "directrice de recherche", "chargé de recherche", "chargée de recherche",
    "chargé d'enseignement", "chargée d'enseignement", "analyste", "expert", "experte", "doctorant", "doctorante",
    "diplomate",
)
# Labels of related-content blocks, alone on their line (compared case-insensitively; "à …" also as "a …").
RELATED_LABELS: frozenset[str] = frozenset({
    "à lire aussi", "à lire également", "à lire sur le même sujet", "lire aussi", "lire également", "à voir aussi",
    "à voir également", "voir aussi", "sur le même sujet", "sur le même thème", "sur ce sujet", "dans la même rubrique",
    "nos abonnés ont aussi lu", "nos abonnés ont lu", "les abonnés ont aussi lu", "les plus lus", "les plus partagés",
    "les plus commentés", "les plus consultés", "les plus populaires", "les plus vus", "les articles les plus lus",
    "les dernières actualités", "les dernières actus", "les dernières infos", "les derniers articles",
    "les dernières vidéos", "les derniers podcasts", "dernières actualités", "dernières infos", "dernières nouvelles",
    "dernières vidéos", "nos dernières vidéos", "nos dernières actualités", "nos dernières infos", "à découvrir",
    "à découvrir aussi", "à écouter", "à écouter aussi", "à regarder", "à regarder aussi", "à lire", "à lire ensuite",
    "vous aimerez aussi", "vous pourriez aussi aimer", "vous pourrez aussi aimer", "vous aimerez peut-être aussi",
    "recommandé pour vous", "sélectionné pour vous", "ailleurs sur le web", "article similaire", "articles similaires",
    "article lié", "articles liés", "plus d'actualité", "plus d'actualités", "plus d'articles", "l'actu en continu",
    "en continu", "le fil info", "fil info", "valeurs associées", "ces articles peuvent vous intéresser",
    "ces articles pourraient vous intéresser", "pour aller plus loin", "en lien avec cet article", "sur le web",
    "contenu sponsorisé", "contenus sponsorisés", "nos partenaires", "tous les articles sur ce sujet",
    "nos articles sur le sujet", "dossier", "dossiers", "le dossier", "dans l'actualité", "à la une",
    "les plus récents", "nos vidéos", "vidéos", "la rédaction vous conseille", "la rédaction vous recommande",
    "nos lecteurs ont lu", "nos lecteurs ont aussi lu", "les lecteurs ont aussi lu", "à consulter aussi",
    "à consulter également", "d'autres articles", "autres articles", "également à la une", "suggestion",
    "suggestions", "notre sélection", "les incontournables", "tendances", "recommandé", "pour vous",
    "plus de contenus", "en ce moment", "plus de nouvelles", "toute l'actualité", "l'actualité en continu",
    "sujets associés", "thèmes associés", "mots-clés", "mots clés", "tags", "thèmes", "sur les mêmes thèmes",
})
# Whole lines (compared case-insensitively) that are buttons of share bars and reading tools.
TOOL_WORDS: frozenset[str] = frozenset({
    "partager", "partagez", "partager l'article", "partager cet article", "facebook", "x", "twitter", "whatsapp",
    "linkedin", "messenger", "telegram", "bluesky", "threads", "pinterest", "reddit", "flipboard", "instagram",
    "e-mail", "email", "mail", "courriel", "imprimer", "copier le lien", "copier", "lien copié", "copier l'url",
    "envoyer", "envoyer par e-mail", "envoyer par mail", "envoyer par courriel", "tweet", "tweeter", "lire plus tard",
    "sauvegarder", "enregistrer", "ajouter à mes favoris", "ajouter aux favoris", "mes favoris", "favoris",
    "offrir cet article", "offrir l'article", "offrir", "réutiliser ce contenu", "contribuer", "suivre", "s'abonner",
    "écouter", "écouter l'article", "écouter cet article", "ecouter cet article", "ecouter l'article", "lire",
    "lire l'article",
    "lire la suite", "voir plus", "afficher plus", "plus", "moins", "fermer", "retour", "haut de page",
    "retour en haut", "commenter", "réagir", "google actualités", "google news",
    "ajouter à l'écran d'accueil", "taille du texte", "a+", "a-", "a", "aa", "mode sombre", "version imprimable",
    "réduire", "agrandir", "recommander", "suivez-nous", "plus d'infos",
    "plus d'informations", "en savoir plus", "passer au contenu", "passer au contenu principal",
    "aller au contenu", "aller au contenu principal", "aller au menu", "menu", "rechercher", "recherche",
    "se déconnecter", "ajouter à vos sélections", "ajouter à ma sélection", "ajouter à ma liste", "ma liste",
    "sélections", "mes sélections", "chargement", "chargement...", "chargement en cours", "chargement en cours...",
    "imprimer l'article", "voir tous ses articles", "tous ses articles", "voir ses articles", "suivre cet auteur",
    "suivre ce journaliste", "suivre l'auteur", "envoyer l'article", "partager sur", "partager :",
    "partager sur :", "partage", "lien", "copier l'adresse", "voir les commentaires", "fermer la fenêtre",
})
# Labels standing alone on a line above or inside an article: live and exclusive flags, ad slots.
LABEL_WORDS: frozenset[str] = frozenset({
    "direct", "en direct", "live", "exclusif", "exclusivité", "alerte", "alerte info", "breaking", "urgent",
    "info", "flash", "mise à jour", "nouveau", "premium", "abonnés", "réservé aux abonnés", "décryptage",
    "publicité", "pub", "annonce", "sponsorisé", "contenu sponsorisé", "contenu partenaire", "article sponsorisé",
    "en partenariat avec", "partenaire", "communiqué", "publi-rédactionnel",
})
CONSENT_WORDS: frozenset[str] = frozenset({
    "j'accepte", "j'autorise", "accepter", "refuser", "tout accepter", "tout refuser", "accepter et fermer",
    "accepter et continuer", "continuer sans accepter", "gérer mes choix", "paramétrer les cookies",
    "paramétrer", "personnaliser", "personnaliser mes choix", "gérer les cookies", "préférences cookies",
    "j'accepte les cookies", "autoriser", "je refuse", "ok", "valider", "valider mes choix", "en savoir plus",
})
# Box labels not in resources.BOX_LABELS: the label goes, the lines under it stay as body.
MORE_BOX_LABELS: frozenset[str] = frozenset({
    "Ce qu'il faut savoir", "Les faits", "Repères", "Chronologie", "Contexte", "Le contexte", "Les enjeux",
    "En chiffres", "Les chiffres", "Les chiffres clés", "Chiffres clés", "En résumé", "Décryptage",
    "L'essentiel en bref",
    "Ce que l'on sait", "Ce qu'on sait", "Ce que nous savons", "Pour comprendre", "Le point", "Faits saillants",
    "En un coup d'oeil", "En un coup d'œil", "Les points à retenir", "Points à retenir", "Infos clés",
})

DATE_LINE_WORDS: frozenset[str] = frozenset({
    "publié", "publiée", "publie", "publication", "le", "la", "les", "à", "a", "en", "ligne", "mis", "mise", "jour",
    "modifié", "modifiée", "actualisé", "actualisée", "dernière", "paru", "parue", "dans", "l'édition", "édition",
    "du", "de", "des", "et", "h", "heure", "heures", "hae", "hne", "hnc", "hap", "gmt", "utc", "cet", "cest",
    "paris", "locale", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "aujourd'hui",
    "hier", "posté", "postée", "créé", "créée", "mis_en_ligne", "print", "papier", "première", "update", "updated",
    "published", "on", "at", "il", "y", "depuis", "version", "initiale", "réactualisé",
})
# French function words (the stop list of the classifier, as in jusText: body text is dense in them).
STOP_WORDS: frozenset[str] = frozenset("""
a à au aux avec ce ces cet cette c' d' de des du dans elle elles en et eux il ils je j' l' la le les leur leurs
lui ma mais me même mes moi mon n' ne ni nos notre nous on ou où par pas pour qu' que qui s' sa sans se ses si son
sur ta te tes toi ton tu un une vos votre vous y est sont été être avait avaient a ont ai as avons avez aura
auront sera seront était étaient fait faire plus moins très tout tous toute toutes aussi comme alors donc car
dont selon après avant depuis pendant entre vers chez sous lors contre encore déjà ainsi puis quand si
""".split())
# --- Page furniture: the line classifier's cues and thresholds (see cleaning._classify) -------------------
# A sentence-like line: ends like a sentence and has at least this many words, one of them not capitalised.
SENTENCE_END = r"(?:[.!?:]|\.\.\.)\s*[»\"”)]?$"
SENTENCE_MIN_WORDS = 3
# A long line is body text even without a closing period (bullet points, standfirsts cut short).
LONG_MIN_WORDS = 20
LONG_MIN_STOP_SHARE = 0.25
# Weights of the features of a line no rule names; the score is their sum, the line is kept when
# score >= CLASSIFIER_THRESHOLD. Sentence-like lines are never scored: they always stay.
CLASSIFIER_WEIGHTS: dict[str, float] = {
    "header": -3.0,            # above the first sentence-like line of the page (after the title)
    "footer": -3.0,            # below the last sentence-like line of the page
    "body_above": 1.5,         # the nearest line above that no rule removed is body text
    "body_below": 1.5,         # the same below
    "blank_around": 1.0,       # a paragraph of its own: blank lines above and below (in a page that uses them)
    "packed_with_furniture": -1.5,  # per side: touches a removed line with no blank line between
    "name_like": -2.5,         # only capitalised words, like a byline or an author's name
    "no_words": -3.0,          # no word of letters: time codes, handles, symbols
    "tiny": -1.0,              # one or two words and no function word
    "question": 1.0,           # ends with "?": a question subheading
    "list_item": 5.0,          # a bullet or dash list item
    "box_item": 8.0,           # one of the lines right under a box label ("L'essentiel"): they are body
    "trails_paragraph": -3.0,  # glued under a paragraph, a blank line after it (a teaser, a caption), in a page
                               # that uses blank lines: a subheading stands before its paragraph, not after
    "short_run": -1.5,         # one of three or more short lines in a row, no blank line between (a link list)
}
CLASSIFIER_THRESHOLD = 0.5
SHORT_RUN_MIN = 3
LIST_ITEM = r"^(?:[-–—*+]\s+\S|\d{1,2}[.)]\s+\S)"

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
    "trancher", "préférer", "confesser", "objecter", "justifier", "parler", "constater", "rétorquer",
    "alerter", "fustiger", "protester", "inquiéter", "féliciter", "proposer", "attendre",
})
# Verbs that report speech only as an inverted incise (", a poursuivi M. Dupont"), never with "que".
INCISE_ONLY_VERBS: frozenset[str] = frozenset({
    "lancer", "poursuivre", "conclure", "renchérir", "résumer", "glisser", "ironiser", "s'exclamer", "trancher",
    "préférer", "objecter", "soutenir",
})
# Prepositions of attribution: "selon X", "d'après X". "cité par X" names a relay, not a source: it is no marker.
ATTRIBUTION_MARKERS = r"(?<!\w)(?:[Ss]elon|[Dd]'après)\s+"
# After a comma, words that open the reporter's infinitive clause: ", sans préciser", ", avant d'ajouter".
JOURNALIST_INFINITIVE_LINKS: frozenset[str] = frozenset({"sans", "avant"})
# Words that open a quote which is part of the journalist's sentence, not a clause of its own ("pour voir si …").
CLAUSE_OPENERS_IN_FRAGMENTS: frozenset[str] = frozenset({"pour", "afin", "sans", "avant", "après", "depuis", "dès",
                                                         "jusqu'à", "parce", "lorsque", "lorsqu'", "quand", "dont"})
# Clitics before a verb that are not its subject: "se précipitait", "l'améliorer".
OBJECT_CLITICS: frozenset[str] = frozenset({"se", "s'", "me", "m'", "te", "t'", "le", "la", "l'", "les", "lui",
                                            "leur", "y", "en"})
# The cues of attribution statements, as the statement table writes them.
SELON_CUES: frozenset[str] = frozenset({"selon", "d'après"})
# Heads of a "selon X" phrase that attribute figures, not words: "selon des données de la place".
DATA_SOURCE_NOUNS: frozenset[str] = frozenset({
    "donnée", "données", "chiffre", "chiffres", "statistique", "statistiques", "calcul", "calculs", "relevé",
    "relevés", "indicateur", "indicateurs", "cours", "courbe", "classement", "carte", "image", "images",
})
# Negation of a reporting verb: "n'a pas annoncé", "ne s'est pas prononcé", "n'ont annoncé aucun accord".
NEGATION_PARTICLES: frozenset[str] = frozenset({"ne", "n'"})
NEGATIVE_DETERMINERS: frozenset[str] = frozenset({"aucun", "aucune", "nul", "nulle"})
# Before an infinitive cue, words that say nothing was said ("sans préciser") or that it is only an intention
# ("pour préciser leurs contributions").
NOT_SAID_BEFORE_INFINITIVE: frozenset[str] = frozenset({"sans", "pour", "afin"})
# Verbs that, governing a reporting verb, say it was not said: "a refusé de commenter", "s'est gardé de".
REFUSAL_VERBS: frozenset[str] = frozenset({"refuser", "garder", "éviter", "renoncer", "abstenir", "décliner"})
# Reporting verbs whose noun-phrase object is what was said ("a évoqué un sommet", "a promis des sanctions").
# With the others a noun-phrase object is only what the verb is about: "a salué la nouvelle", "a commenté
# l'absence d'accord", "assurent la moitié des exportations".
NOMINAL_CONTENT_VERBS: frozenset[str] = frozenset({
    "annoncer", "évoquer", "promettre", "proposer", "réclamer", "exiger", "demander", "dénoncer", "démentir",
    "menacer", "plaider", "prédire", "nier", "confirmer", "révéler", "critiquer", "regretter", "déplorer",
    "mentionner", "suggérer", "proclamer", "avertir", "insister", "faire", "souligner", "accuser", "rappeler",
    "signaler", "répéter", "réaffirmer", "réitérer", "exprimer", "sommer", "admettre", "reconnaître", "avouer",
})
# Verbs of qualification: "a jugé ce choix « logique »", "a qualifié la rencontre de « productive »",
# "a décrit le rendez-vous comme « un exercice »": the quoted words are an attribute, not a clause.
ATTRIBUTIVE_VERBS: frozenset[str] = frozenset({
    "juger", "qualifier", "décrire", "trouver", "estimer", "considérer", "présenter", "voir", "appeler",
})
# Small words inside a quoted title or name (« The Art of the Deal », « Pacte de stabilité »).
NAME_FUNCTION_WORDS: frozenset[str] = frozenset({"of", "the", "and", "de", "des", "du", "la", "le", "les", "et", "d'",
                                                 "l'", "à", "a", "in", "on", "for", "to"})
# A definite article right before a quoted term: "la « flotte fantôme »", "l'« Africa Corps »", "du « plan »".
DEFINITE_BEFORE_TERM = r"(?:^|[\s'’(])(?:le|la|les|l'|l’|du|au|aux)$"
# Adjectives placed before the noun: a quote that opens with one is somebody's wording ("la « prochaine
# rencontre »"), not a term's name (the parser's tags are unreliable inside quote marks, so words, not tags).
PRENOMINAL_ADJECTIVES: frozenset[str] = frozenset({
    "prochain", "prochaine", "prochains", "prochaines", "nouveau", "nouvel", "nouvelle", "nouveaux", "nouvelles",
    "grand", "grande", "grands", "grandes", "petit", "petite", "petits", "petites", "bon", "bonne", "bons", "bonnes",
    "vrai", "vraie", "vrais", "vraies", "seul", "seule", "seuls", "seules", "premier", "première", "premiers",
    "premières", "dernier", "dernière", "derniers", "dernières", "véritable", "véritables", "simple", "simples",
    "long", "longue", "mauvais", "mauvaise", "meilleur", "meilleure", "meilleurs", "pire", "pires", "énorme",
    "énormes", "immense", "fameux", "fameuse", "prétendu", "prétendue", "soi-disant", "total", "totale",
    "parfait", "parfaite", "pur", "pure", "belle", "beau", "bel", "gros", "grosse", "haut", "haute", "jeune",
    "vieux", "vieille", "ancien", "ancienne", "faux", "fausse", "terrible", "incroyable", "magnifique", "excellent",
    "excellente", "formidable", "historique", "unique",
})
# Determiners that make a noun phrase plural: "les deux présidents" is "ils", not "il".
PLURAL_DETERMINERS: frozenset[str] = frozenset({"les", "des", "ces", "leurs", "plusieurs", "certains", "certaines",
                                                "deux", "trois", "quatre", "nombreux", "nombreuses", "quelques"})
# Fixed adverbial phrases that stand between a verb and its content or inverted subject.
ADVERBIAL_PHRASES = r"^(?:de son côté|de leur côté|pour sa part|pour leur part|à son tour|à leur tour|quant à lui|" \
                    r"quant à elle|lui aussi|elle aussi|de nouveau|à nouveau|une nouvelle fois)\b,?\s*"
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
REPORTING_MULTIWORD: dict[str, tuple[str, ...]] = {"faire": ("part", "savoir"), "laisser": ("entendre",)}
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

# --- Conditional mood (analysis.conditional; irregular future stems: data/lexicon/future_stems.csv) -----------
# A conditional is a verb's future stem, which ends in -r, plus an imperfect ending (longest first).
CONDITIONAL_ENDINGS: tuple[str, ...] = ("aient", "ions", "iez", "ais", "ait")
# Spelling alternations of regular -er future stems (pattern on the infinitive, replacement): lever → lèver,
# appeler → appeller, jeter → jetter, céder → cèder (1990 spelling), employer → emploier, payer → paier.
FUTURE_STEM_VARIANTS: tuple[tuple[str, str], ...] = (
    (r"e([^aeiouyéèêëîïôû]+)er$", r"è\1er"), (r"e([lt])er$", r"e\1\1er"), (r"é([^aeiouyéèêëîïôû]+)er$", r"è\1er"),
    (r"([ou])yer$", r"\1ier"), (r"ayer$", "aier"),
)
# Parts of speech a word absent from the lexicon cannot be a conditional verb under.
NOT_VERB_POS: frozenset[str] = frozenset({"PROPN", "PUNCT", "NUM", "SYM", "X", "DET", "ADP", "CCONJ", "SCONJ", "PRON"})
