"""Page furniture of French-language news sites: the patterns the cleaning uses, and the functions that match
one line against them.

Every pattern is a general family (share bars, paywalls, credits, sign-offs, …) written from how French,
Belgian, Swiss, Quebec and African news sites lay out a page, never from the strings of one page. Patterns
are matched on typography-normalised lines (’ → ', NBSP → space, U+2011 → -, … → ...). Word lists (agencies,
interface words, stop words, related-block labels) and the classifier's cues and thresholds are in
`resources`; the page-level logic (neighbours, blocks, the classifier, the audit log) is `analysis.cleaning`.
"""
from __future__ import annotations

import re

from . import resources as R

# --- Building blocks -------------------------------------------------------------------------------------
# News agencies as they sign dispatches and credit photos; photo agencies, pools and picture desks.
AGENCY = "(?:" + "|".join(sorted(map(re.escape, R.AGENCIES), key=len, reverse=True)) + ")"
PHOTO_AGENCY = "(?:" + "|".join(sorted(map(re.escape, R.AGENCIES + R.PHOTO_AGENCIES), key=len, reverse=True)) + ")"
# A person's name: 1 to 4 capitalised words (particles allowed), as in bylines and credits.
_NAME_WORD = r"(?:[A-ZÀ-Ý]\.|[A-ZÀ-Ý][\w'-]+)"
NAME = (_NAME_WORD + r"(?:(?:\s+|-)(?:(?:de|du|des|d'|le|la|van|von|der|di|da|dos|ben|al|el)\s*)?" + _NAME_WORD
        + r"){0,3}")
MONTH = (r"(?:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
         r"décembre|decembre|janv|févr|fév|avr|juil|sept|oct|nov|déc)\.?")

# --- Dates, times, reading time, update notes ------------------------------------------------------------
# Date and time tokens; a line made only of these and DATE_LINE_WORDS is a timestamp line.
DATE_TOKENS = (r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}(?:er)?\s+" + MONTH
               + r"(?:\s+\d{4})?|\b\d{1,2}\s*[h:]\s*\d{2}\b|\b\d{1,2}\s*h\b|\b[Ii]l y a \d+\s*"
               r"(?:min(?:utes?)?|mn|h|heures?|jours?|sem(?:aines?)?\.?)\b|\b(?:19|20)\d{2}\b")
# A timestamp line needs one of these: a numeric date, a time, "il y a …", a full date, or a publishing word.
DATE_STRONG = (r"\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s*[h:]\s*\d{2}\b|\b\d{1,2}\s*h\b"
               r"|\b[Ii]l y a \d|\b\d{1,2}(?:er)?\s+" + MONTH + r"\s+\d{4}\b|(?i:publi|mis à jour|mise à jour|modifi|"
               r"actualis|paru|posté|mis en ligne)")
# Separators a timestamp line may contain ("Publié le … | Mis à jour le …", "· Paru dans …").
DATE_LINE_SEPARATORS = r"[|·•,;:()\-–—/]"
DATE_LINE_MAX_WORDS = 30
# Reading time: "Lecture : 2 min.", "Temps de lecture: 3 min", "4 min de lecture", "Lecture 4 minutes".
READ_TIME = (r"^(?:(?:Temps de |Durée de )?[Ll]ecture|Lu en)\s*:?\s*(?:env(?:iron|\.)?\s*)?\d+\s*"
             r"(?:min(?:utes?)?|mn)\.?$"
             r"|^\d+\s*(?:min(?:utes?)?|mn)\.? (?:de lecture|à lire)\.?$")
# Update notes: "(Actualisé avec la réaction du Kremlin)", "(Mise à jour : …)", "Mis à jour le …".
UPDATE_NOTE = (r"^\((?:Actualisé|Actualisée|Actualisation|Mise à jour|Mis à jour|MISE À JOUR|Corrigé|Correction|"
               r"Rectificatif|Réactualisé|Recasté|Nouvelle version|Version actualisée|Précisions?)\b[^()]*\)\.?$")
# A timestamp line of its own ("Mis à jour le …"): kept as a header date.
UPDATE_LINE = (r"^(?=.*\d)(?:Mis à jour|Mise à jour|Actualisé|Modifié|Dernière mise à jour|Mis en ligne)\s*(?:le|:|à|,)"
               r"\s*(?:(?!\.\s).){0,80}$")

# --- Share bars, tools, interface words ------------------------------------------------------------------
# Share and follow prompts: "Partager l'article sur les réseaux sociaux", "Suivez-nous sur WhatsApp",
# "Rejoignez la chaîne … sur WhatsApp pour …", "Partager sur Facebook".
SHARE_PROMPT = (r"^(?:Partager|Partagez|Envoyer|Suivez(?:-nous)?|Suivre|Rejoignez(?:-nous)?|Retrouvez(?:-nous)?|"
                r"Abonnez-vous à notre (?:chaîne|compte|page)|Téléchargez l'application|Télécharger l'application)\b"
                r".{0,90}\b(?:Facebook|X|Twitter|WhatsApp|LinkedIn|Messenger|Telegram|Instagram|TikTok|YouTube|"
                r"Bluesky|Threads|Google(?: News| Actualités)?|réseaux sociaux|e-mail|mail|courriel|SMS|"
                r"(?:notre |l')appli(?:cation)?|(?:notre|la) chaîne)\b.{0,80}$"
                r"|^Vous avez aimé (?:cet|l') article\b|\bPartagez-le\b"
                r"|^(?:(?:Facebook|X|Twitter|WhatsApp|LinkedIn|E-?mail|Mail|Messenger|Telegram|Bluesky|Imprimer|"
                r"Copier le lien|Partager)\s*[|·•,/]?\s*){2,}$")
SHARE_MAX_WORDS = 25

# --- Paywall and subscription notices --------------------------------------------------------------------
PAYWALL = (r"^(?:Cet |L')?[Aa]rticle (?:est )?(?:réservé|reserve|accessible) (?:à nos|aux|à|uniquement aux) abonnés"
           r"|^(?:Édition|Edition|Contenu|Article|Espace|Offre) (?:abonnés?|premium|réservée? aux abonnés)\.?$"
           r"|\bDéjà abonné\s*\?|^Il vous reste \d+(?:[.,]\d+)?\s*% (?:de (?:cet |l')article )?à lire"
           r"|^La suite (?:de cet article |de l'article )?est réservée aux abonnés"
           r"|^Votre abonnement (?:vous permet|est|a expiré)|^Vous pouvez lire .{1,60} sur (?:un seul|plusieurs) "
           r"appareils?|^Pour (?:lire|accéder à|consulter) (?:la suite|cet article|l'intégralité)"
           r"|^(?:Abonnez-vous|Je m'abonne|Je m'abonne maintenant|S'abonner|Découvrez nos offres|Offre spéciale|"
           r"Essai gratuit|Sans engagement|Voir les offres|Profitez de)\b.{0,90}$"
           r"|^(?:Se connecter|Connectez-vous|Je me connecte|Identifiez-vous|Connexion|S'identifier|Créer un compte|"
           r"Mon compte)\.?$|^Vous êtes abonné|^Réservé aux abonnés|^Abonné\.?$|^Premium\.?$"
           r"|^Vous avez déjà un compte\b|^Déjà inscrit\b|^Cet article vous (?:est|a été) offert"
           r"|^Article (?:abonné|offert)\b"
           r"|^Pas encore abonné\b|^Vous n'êtes pas (?:encore )?abonné"
           r"|\b(?:Lecture|accès) (?:illimitée?|complète?) (?:à partir de|pour|dès) \d")
PAYWALL_MAX_WORDS = 30

# --- Cookie and consent walls ------------------------------------------------------------------------------
CONSENT = (r"\b(?:cookies?|traceurs)\b.*\b(?:vous|votre|vos|accept\w*|autoris\w*|consent\w*|paramétr\w*|navigation)\b"
           r"|\b(?:vous|votre|vos|accept\w*|autoris\w*|consent\w*|paramétr\w*|navigation)\b.*\b(?:cookies?|traceurs)\b"
           r"|^Ce contenu (?:est|n'est pas) (?:bloqué|disponible|hébergé|fourni|proposé)"
           r"|\ben cliquant sur\b.*\b(?:accept|autoris|j'accepte)"
           r"|\bvos données (?:personnelles )?(?:soient|seront|sont) (?:traitées|utilisées|collectées)"
           r"|\bpolitique de (?:confidentialité|protection des données|cookies)\b"
           r"|\b(?:Dailymotion|YouTube|Vimeo|Twitter|Instagram|Facebook|TikTok|Spotify|Deezer|Acast|Ausha)\b.{0,200}"
           r"\b(?:accepter|consentement|autoriser|finalités)\b")
CONSENT_MAX_WORDS = 160

# --- Newsletters ---------------------------------------------------------------------------------------------
# A newsletter box label; the short lines right under it (its name, its blurb) go with it.
NEWSLETTER_LABEL = (r"^(?:(?:La|Notre|Nos|Recevez (?:la|notre)) )?[Nn]ewsletters?\b.{0,60}$"
                    r"|^(?:Abonnez-vous|Inscrivez-vous) à (?:la|notre|nos) (?:newsletters?|lettres?)\b.{0,60}$"
                    r"|^(?:La|Notre) lettre (?:d'information|quotidienne|hebdomadaire)\b.{0,60}$")
NEWSLETTER = (r"\b(?:abonnez-vous|inscrivez-vous) à (?:la|notre|nos) newsletters?\b|^Pour ne rien manquer\b.{0,80}$"
              r"|^Recevez\b.{0,80}\b(?:newsletter|lettre|chaque (?:matin|jour|soir|semaine|midi)|actualité|essentiel|"
              r"alertes?|boîte)\b.{0,60}$|^(?:Votre|Entrez votre|Saisissez votre|Indiquez votre) (?:adresse )?"
              r"(?:e-?mail|courriel)\b.{0,40}$|^(?:Je m'inscris|S'inscrire|Inscrivez-vous|M'inscrire|"
              r"Inscription|Je m'abonne à la newsletter)\.?!?$|^Adresse (?:e-?mail|électronique|courriel)\s*\*?$"
              r"|^Chaque (?:matin|jour|soir|semaine)\b.{0,60}\bdans votre boîte")
NEWSLETTER_MAX_WORDS = 30
# The newsletter box: at most this many short lines under its label, none a sentence over this many words.
NEWSLETTER_BLOCK_MAX_LINES = 4
NEWSLETTER_ITEM_MAX_WORDS = 16

# --- Related-content blocks ---------------------------------------------------------------------------------
# A label alone on its line; the short title lines under it, up to a body paragraph, are links.
RELATED_LABEL = (r"^(?:[>»]\s*)?(?i:" + "|".join(sorted(map(re.escape, R.RELATED_LABELS | {
    label.replace("à ", "a ", 1) for label in R.RELATED_LABELS}), key=len, reverse=True)) + r")\s*:?$")
RELATED_BLOCK_MAX_LINES = 10
RELATED_TITLE_MAX_WORDS = 30
# A title line ends a related block when it ends like a declarative sentence (a "?" title is still a link).
BODY_SENTENCE_END = r"(?:[.!]|\.\.\.)\s*[»\"”)]?$"

# --- Captions and credits ------------------------------------------------------------------------------------
# A credit closing a caption line or standing alone: "(Photo : X / AFP)", "© Reuters / X", "NAME / AGENCY VIA AFP",
# "KEYSTONE/Nom", "Photo News/Belga", "Nom/AFP", "… via Getty Images".
CREDIT_TAIL = (r"(?P<credit>\((?:Photo|Photos|Crédits?|Crédits? photo|Illustration|Image|Infographie|Vidéo|"
               r"Archives|Source)\s*:\s*[^()]{2,90}\)"
               r"|\((?:Photo|Photos|Image|Images)s? d'(?:archives?|illustration)\)|\(Archives?\)"
               r"|©\s*[^©]{2,90}"
               r"|[A-ZÀ-Ý][A-ZÀ-Ý'.-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'.-]+)+\s*/\s*[A-ZÀ-Ý][\w'.&-]*(?:\s+[\w'.&-]+){0,5}"
               r"|" + PHOTO_AGENCY + r"\s*/\s*" + NAME + r"(?:\s*/\s*" + PHOTO_AGENCY + r")?"
               r"|(?:" + NAME + r"\s*/\s*)+" + PHOTO_AGENCY + r"(?:\s+(?:via|VIA)\s+" + PHOTO_AGENCY + r")?"
               r"|\b(?:via|VIA)\s+" + PHOTO_AGENCY + r")$")
# A caption with its credit on the same line is short; its text before the credit is the caption.
CAPTION_CREDIT_MAX_WORDS = 70
# A credit alone on its line (the whole line is the credit); at most this many words.
CREDIT_LINE_MAX_WORDS = 12
# "Crédit : …" style labels (the old PHOTO_CREDIT) only when what follows looks like a credit, not a sentence.
CREDIT_LABEL_BODY = r"^[A-ZÀ-Ý0-9©(@\"«]"
CREDIT_LABEL_MAX_WORDS = 14
# An agency or outlet alone on its line after the body: "Belga", "(AFP)", "AFP", "— Reuters".
AGENCY_SIGNOFF = r"^(?:[-–—]\s*)?\(?(?:avec |Avec )?" + AGENCY + r"(?:\s*(?:,|/|et)\s*" + AGENCY + r")*\)?\.?$"
# Copyright marks that make a "©" line a copyright notice even when it names an agency.
COPYRIGHT_STRONG = r"\bCopyright\b|\bTous droits\b|©\s*\d{4}|\b(?:19|20)\d{2}\s*$|\bReproduction\b"
# A writer or outlet "avec AFP": "Anne Dupuis avec AFP", "Le Quotidien avec Reuters", "La rédaction avec AFP".
AGENCY_SIGNATURE = (r"^(?P<name>[A-ZÀ-Ý][^.!?]{1,60}?)\s*\(?\b(?:avec|Avec|et|&)\s+(?:l'|les )?" + AGENCY
                    + r"(?:\s*(?:,|et)\s*(?:l'|les )?" + AGENCY + r")*\)?\.?$")
AGENCY_SIGNATURE_MAX_WORDS = 10
# Writing credits of wire copy: "(Rédigé par …, édité par …)", "(Reportage X ; version française Y)".
WIRE_SIGNATURE = (r"^\((?:Rédigé|Reportage|Version française|Édité|Edité|Rédaction|Avec|Traduit|Texte|Écrit|"
                  r"Par|Propos recueillis|Informations? de|Avec la contribution|Édition|Edition)\b[^()]*\)\.?$"
                  r"|^(?:Avec|Selon) (?:les informations|des informations) (?:de|d')\s*.{2,80}$"
                  r"|^(?:Propos recueillis par|Texte|Rédaction|Édition|Traduction|Version française)\s*:?\s+"
                  + NAME + r"(?:\s*(?:,|et)\s*" + NAME + r")*\.?$")
# AFP desk signatures: "burs-lb/mm", "ob/sba", "pz/cls/bds".
DESK_SIGNATURE = r"^[a-z]{2,6}(?:-[a-z]{2,6})*(?:/[a-z]{2,6}(?:-[a-z]{2,6})*)+$"
# Sign-offs cut from the end of the last body paragraph (inline), each with its name.
INLINE_SIGNOFFS: list[tuple[str, str]] = [
    ("agency_signoff", r"(?<=[.!?»\"”)])\s*\((?:avec |Avec )?(?:" + AGENCY + r"|(?i:afp|ats|sda|belga|apa|ap))"
     r"(?:\s*(?:,|/|et)\s*(?:" + AGENCY + r"|[a-z]{2,6}))*\)\.?$"),
    ("wire_signature", r"(?<=[.!?»\"”)])\s*\((?:Rédigé|Reportage|Version française|Édité|Edité|Avec|Par|"
                       r"Rédaction|Traduit)\b[^()]*\)\.?$"),
    ("desk_signature", r"(?<=[.!?»\"”)])\s+[a-z]{2,6}(?:-[a-z]{2,6})*(?:/[a-z]{2,6}(?:-[a-z]{2,6})*)+$"),
    ("agency_signoff", r"(?<=[.!?»\"”)])\s+(?:[-–—]\s*)?(?:[Aa]vec (?:l')?)?" + AGENCY + r"\.?$"),
]
# Wire datelines opening the first body paragraph: "MOSCOU, 23 octobre (Reuters) - ", "Genève (ATS) - ".
DATELINE = (r"^(?P<dateline>[A-ZÀ-Ý][\w'.-]*(?:[ -][A-ZÀ-Ý\w'.-]+){0,3}(?:\s*\([^()]{1,40}\))?,?\s*(?:\d{1,2}(?:er)?\s+"
            + MONTH + r"(?:\s+\d{4})?\s*)?\(" + AGENCY + r"(?:/[^()]{1,20})?\)\s*[-–—]+\s*)(?=\S)")
# Canadian and agency style without the agency: an upper-case city and a long dash ("OTTAWA — Le …").
DATELINE_CITY = r"^(?P<dateline>[A-ZÀ-Ý][A-ZÀ-Ý'.-]{2,}(?: [A-ZÀ-Ý][A-ZÀ-Ý'.-]+){0,2},?\s+[—–]\s+)(?=[A-ZÀ-Ý«\"])"
DATELINE_MAX_PARAGRAPH = 3  # looked for in the first paragraphs of the body only
# Copyright lines: "© Le Journal du Centre", "MaChaîne © 2024", "Copyright © 2024 Agence X", "Tous droits réservés".
COPYRIGHT = (r"^(?:Copyright|©|\(c\)|\(C\))|©\s*(?:\d{4}|Tous droits)|\bTous droits réservés\b|"
             r"\bReproduction interdite\b|\bdroits de reproduction\b")
COPYRIGHT_MAX_WORDS = 20

# --- Tags, breadcrumbs, comments, authors, media players --------------------------------------------------------
TAGS = (r"^(?:Mots-clés|Mots clés|Mots-clefs|Tags?|Thèmes?|Thématiques?|Sujets?|Sur les mêmes thèmes|Lire plus sur|"
        r"Plus sur|Catégories?|Rubriques?|Dans cet article|Personnalités|Lieux|Keywords)\s*:")
# A breadcrumb: 2 to 7 short capitalised segments joined by › > » (or "Accueil / …").
BREADCRUMB = (r"^(?!.*«)(?:[A-ZÀ-Ý0-9][^›>»|]{0,40}\s*[›>»]\s*){1,6}[A-ZÀ-Ý0-9][^›>»|.!?]{0,40}$"
              r"|^(?:Accueil|Home)\s*[/|:›>»-]")
# A tags list without a label: at least 3 short capitalised segments joined by | or ;.
TAG_LIST = r"^[A-ZÀ-Ý][^|;.!?]{0,40}(?:\s*[|;]\s*[A-ZÀ-Ý][^|;.!?]{0,40}){2,}$"
# Comment counts, comment tools and the reader comments section label.
COMMENTS = (r"^(?:\d+\s+)?(?:[Cc]ommentaires?|[Rr]éactions?)(?:\s*\(\d+\))?\s*:?$"
            r"|^(?:Voir|Afficher|Lire|Masquer) (?:les |tous les )?(?:\d+ )?(?:commentaires|réactions)\b.{0,20}$"
            r"|^(?:Ajouter|Laisser|Écrire|Rédiger|Publier) un commentaire\b.{0,30}$"
            r"|^Les commentaires sont (?:fermés|clos)"
            r"|^(?:Connectez-vous|Abonnez-vous|Identifiez-vous) pour (?:commenter|réagir)|^Réagissez\b.{0,40}$"
            r"|^Vous avez (?:trouvé|repéré|constaté|vu) une (?:erreur|faute|coquille)\b.{0,60}$"
            r"|^Vous (?:voulez|souhaitez) (?:signaler|nous signaler) une (?:erreur|faute|coquille)\b.{0,60}$"
            r"|^(?:Écrivez-nous|Contactez-nous|Nous joindre|Une erreur \?|Une remarque \?)\b.{0,40}$"
            r"|^(?:Signaler|Signalez) (?:une erreur|un abus|ce commentaire|une faute)\b.{0,30}$"
            r"|^(?:Répondre|Signaler|J'aime|Je n'aime pas)(?:\s*\(?\d+\)?)?$|^\d+\s+(?:réponses?|j'aime|likes?)$")
# Labels that open a reader comments section; the section runs to the end of the page when it comes
# after most of the body (COMMENTS_BLOCK_MIN_SHARE of the sentence-like lines are above it).
COMMENTS_SECTION = (r"^(?:\d+\s+)?(?:[Cc]ommentaires|[Rr]éactions|Les commentaires|Vos réactions|Vos commentaires|"
                    r"Commentaires des lecteurs|Réactions des lecteurs|Le débat|Débat|Participer au débat)"
                    r"(?:\s*\(\d+\))?\s*:?$")
# The section runs to the end of the page when comments follow its label: within COMMENTS_LOOKAHEAD lines,
# at least COMMENTS_MIN_META lines are comment furniture (a pseudonym, "il y a 2 h", "Répondre", "Signaler"),
# or one is and the label comes after COMMENTS_MIN_SHARE of the page's sentence-like lines.
COMMENTS_LOOKAHEAD = 4
COMMENTS_MIN_META = 2
COMMENTS_MIN_SHARE = 0.5
COMMENTS_MIN_ABOVE = 3  # sentence-like lines above the label, at least
# A comment's header: a pseudonym or name and a timestamp, short ("Paul L. · il y a 3 h").
COMMENT_HEADER_MAX_WORDS = 8
# A reader's pseudonym alone on its line: "Claire_75", "jmd44", "Jean-Marc D.".
PSEUDONYM = r"^(?:[\w.-]*[\d_][\w.-]*|[A-ZÀ-Ý][\w'-]+(?:[ -][A-ZÀ-Ý][\w'-]+)? [A-ZÀ-Ý]\.)$"
# Author boxes: a role line under a name line ("Paul Girard" / "Journaliste au service Économie").
AUTHOR_ROLE = (r"^(?:Journaliste|Correspondante?|Rédacteur|Rédactrice|Reporter|Grand reporter|Grande reporter|"
               r"Chroniqueur|Chroniqueuse|Éditorialiste|Envoyée? spéciale?|Chef|Cheffe|Directeur|Directrice|"
               r"Rédacteur en chef|Rédactrice en chef|Responsable|Pigiste|Photographe|Vidéaste|Cheffe? de service|"
               r"Spécialiste|Politologue|Professeure?|Chercheuse|Chercheur|Historienne?|Économiste|Analyste)\b.{0,160}$")
AUTHOR_ROLE_MAX_WORDS = 30
# A name line of an author box: 2 to 4 capitalised words, maybe a trailing period.
NAME_LINE = r"^" + NAME + r"(?:\s*,\s*(?:à\s+)?[A-ZÀ-Ý][\w' -]{1,30})?\.?$"
# Author bios after an opinion column: "X est politologue, …", "X est professeur à …" (short, naming a person,
# only after the last body paragraph).
AUTHOR_BIO_TAIL = (r"^(?P<name>" + NAME + r") (?:est|était|a été) (?:un |une |le |la |l')?(?:actuel |actuelle |aussi |"
                   r"également )?(?:(?:ancien|ancienne) \w+|" + "|".join(map(re.escape, R.BIO_ROLES)) + r")\b")
AUTHOR_BIO_MAX_WORDS = 70
# An author box label: the name, role and bio lines right under it (no blank line between) go with it.
AUTHOR_LABEL = (r"^(?i:(?:à|a) propos de l'auteur|(?:à|a) propos des auteurs|l'auteur|les auteurs|l'autrice|"
                r"qui est l'auteur \?|biographie|bio)\s*:?$")
AUTHOR_BOX_MAX_LINES = 3
AUTHOR_HANDLE = r"^@[\w.]{2,30}$"
# Disclaimers under opinion pieces, print-edition notes, notices that an article is old.
DISCLAIMER = (r"^Prenez note que cet article\b|^(?:Attention|Avertissement)\s*:?\s*cet article (?:date|a été publié)\b"
              r"|^Cet article a (?:été publié|plus) (?:il y a )?(?:plus d[e'] ?)?\w+ (?:ans?|mois)\b|"
              r"\bn'engagent? que (?:leurs?|son|ses|sa) auteur|^Les (?:opinions|propos|tribunes|textes) .{0,60}"
              r"n'engagent|^Cet article (?:est paru|a été publié|a paru) dans\b.{0,80}$"
              r"|^(?:Article|Chronique|Tribune) (?:paru|parue|publié|publiée) dans\b.{0,80}$")
# Video and audio players: time codes, player states, media teasers ("VIDÉO - …", "Vidéo. …").
MEDIA_PLAYER = (r"^\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?$|^\d{1,2}:\d{2}(?::\d{2})?$"
                r"|^(?:Lecture en cours|Lire la vidéo|Regarder la vidéo|Voir la vidéo|Lancer la vidéo|Play|Pause|"
                r"Plein écran|Sous-titres|Passer la publicité|Revoir|Replay|Durée\s*:.{0,20}|"
                r"(?:La|Votre) vidéo (?:va commencer|commence|démarre)\b.{0,40}|Votre (?:vidéo|podcast|audio)\b.{0,40}|"
                r"Écouter (?:le|ce) (?:podcast|épisode|reportage)\b.{0,60}|Écouter\b.{0,30})$")
_MEDIA = (r"(?:VIDÉO|VIDÉOS|VIDEO|Vidéo|Vidéos|PODCAST|Podcast|AUDIO|Audio|INFOGRAPHIE|Infographie|DIAPORAMA|"
          r"Diaporama|EN IMAGES|En images|PHOTOS|Photos|REPLAY|Replay|CARTE|Carte|DIRECT|LIVE|EN DIRECT|En direct|"
          r"Direct)")
MEDIA_TEASER = r"^(?:" + _MEDIA + r"\s*[-–—.:|]|[\[(]" + _MEDIA + r"[\])]\s*[-–—.:|]?)\s*\S.{0,160}$"
MEDIA_TEASER_MAX_WORDS = 25
# Bylines beyond resources.BYLINE: "Par X (Ville, envoyée spéciale) et Y", "Par X avec AFP", "Par X - à Ville".
BYLINE = (r"^(?:Par|PAR|par|By|Un texte de|Une chronique de|Un reportage de|Propos recueillis par)\s+(?P<names>" + NAME
          + r"(?:\s*\([^()]{0,60}\))?(?:\s*(?:,|et|and|&)\s*" + NAME
          + r"(?:\s*\([^()]{0,60}\))?)*)(?:\s*(?:[-–—,|]|\(?avec\b)\s*[^.!?]{0,100})?$")
BYLINE_MAX_WORDS = 18
# Collective bylines: "La rédaction", "Par la rédaction de …", "Le service Politique".
COLLECTIVE_BYLINE = (r"^(?:[Pp]ar )?(?:la |La )?[Rr]édaction(?: de| d'| du| des)?\b[^.!?]{0,40}$"
                     r"|^(?:[Pp]ar )?(?:le |Le )?[Ss]ervice (?:[A-ZÀ-Ý][\w-]+)(?: [\w-]+){0,3}$")

# Rules whose line is a credit (kept in `credits`); the first two also take the caption next to them.
CAPTIONED_CREDITS = ("photo_credit", "credit_line")
CREDIT_RULES = CAPTIONED_CREDITS + ("caption_credit", "contribution_credit", "agency_credit", "agency_signature",
                                    "agency_signoff", "wire_signature", "desk_signature")
DATE_RULES = ("date_line",)  # timestamp lines, kept as printed in `header_dates`

# --- Line rules, in the order they are tried (after the rules of resources.py) -----------------------------------
# (rule name, pattern, most words a matching line may have)
LINE_RULES: list[tuple[str, str, int]] = [
    ("media_player", MEDIA_PLAYER, 10),
    ("read_time", READ_TIME, 8),
    ("update_note", UPDATE_NOTE, 25),
    ("share_bar", SHARE_PROMPT, SHARE_MAX_WORDS),
    ("newsletter", NEWSLETTER_LABEL, NEWSLETTER_MAX_WORDS),
    ("newsletter", NEWSLETTER, NEWSLETTER_MAX_WORDS),
    ("paywall", PAYWALL, PAYWALL_MAX_WORDS),
    ("consent", CONSENT, CONSENT_MAX_WORDS),
    ("comments", COMMENTS, 12),
    ("tags", TAGS, 60),
    ("breadcrumb", BREADCRUMB, 20),
    ("tags", TAG_LIST, 40),
    ("byline", BYLINE, BYLINE_MAX_WORDS),
    ("byline", COLLECTIVE_BYLINE, 8),
    ("agency_signoff", AGENCY_SIGNOFF, 8),
    ("agency_signature", AGENCY_SIGNATURE, AGENCY_SIGNATURE_MAX_WORDS),
    ("wire_signature", WIRE_SIGNATURE, 40),
    ("desk_signature", DESK_SIGNATURE, 1),
    ("disclaimer", DISCLAIMER, 40),
    ("media_teaser", MEDIA_TEASER, MEDIA_TEASER_MAX_WORDS),
    ("author_handle", AUTHOR_HANDLE, 1),
]
# Rules whose line opens a block: the block's short lines under the label take the same rule.
BLOCK_RULES: dict[str, tuple[str, int, int, bool]] = {
    # block rule: (pattern of the label, most lines, most words per line, whether a sentence ends the block)
    "related_block": (RELATED_LABEL, RELATED_BLOCK_MAX_LINES, RELATED_TITLE_MAX_WORDS, True),
    "newsletter": (NEWSLETTER_LABEL, NEWSLETTER_BLOCK_MAX_LINES, NEWSLETTER_ITEM_MAX_WORDS, True),
    "author_box": (AUTHOR_LABEL, AUTHOR_BOX_MAX_LINES, AUTHOR_BIO_MAX_WORDS, False),
}



# --- Matching one line ----------------------------------------------------------------------------------------
def is_sentence(line: str) -> bool:
    """Body-text-like: ends like a sentence with a few words, one not capitalised; or long and dense in function
    words (a bullet point or a standfirst without its period)."""
    for pattern in _SIGNOFFS:
        line = pattern.sub("", line)
    words = line.split()
    if len(words) >= R.LONG_MIN_WORDS and stop_share(words) >= R.LONG_MIN_STOP_SHARE:
        return True
    return (len(words) >= R.SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line))
            and any(w[0].islower() for w in words[1:]))


def stop_share(words: list[str]) -> float:
    """The share of function words (resources.STOP_WORDS) among the tokens of these words ("l'" counts)."""
    tokens = _WORD_TOKEN.findall(" ".join(words).lower())  # a token never spans a space: word by word, the same
    return sum(t in R.STOP_WORDS for t in tokens) / max(len(tokens), 1)


# Compiled once: the cleaner tests every line of every article against them.
_SIGNOFFS = [re.compile(pattern) for _, pattern in INLINE_SIGNOFFS]
_SENTENCE_END = re.compile(R.SENTENCE_END)
_WORD_TOKEN = re.compile(r"\w+'|\w+")


def line_rule(line: str) -> str | None:
    """The name of the rule that removes this whole line on its own, or None."""
    rule = _resources_rule(line)
    if rule == "related_link" and re.search(RELATED_LABEL, line):
        return "related_block"
    if rule:
        return rule
    folded = line.casefold()
    if folded in R.TOOL_WORDS:
        return "share_bar"
    if folded in R.CONSENT_WORDS:
        return "consent"
    if folded in R.LABEL_WORDS:
        return "label"
    if line.rstrip(" :") in R.MORE_BOX_LABELS | R.BOX_LABELS:
        return "box_label"
    for name, (label, *_) in BLOCK_RULES.items():
        if re.search(label, line):
            return name
    n_words = len(line.split())
    for name, pattern, max_words in LINE_RULES:
        if n_words <= max_words and re.search(pattern, line):
            return name
    if is_date_line(line) or re.search(UPDATE_LINE, line):
        return "date_line"
    return credit_rule(line)


def _resources_rule(line: str) -> str | None:
    """The rules of resources.py (the first ones the cleaning had), tried first."""
    if line in R.UI_WORDS:
        return "ui_label"
    if line in R.BOX_LABELS:
        return "box_label"
    checks = [
        ("image_slug", R.IMAGE_SLUG),
        ("photo_credit", R.PHOTO_CREDIT),
        ("contribution_credit", R.CONTRIBUTION_CREDIT),
        ("agency_credit", R.AGENCY_CREDIT),
        ("author_bio", R.AUTHOR_BIO),
        ("byline", R.BYLINE),
        ("related_link", R.RELATED_LINK),
    ]
    for name, pattern in checks:
        if re.search(pattern, line) and (name != "photo_credit" or _credit_label_body(line)):
            return name
    if (re.search(R.PHOTO_CAPTION_CUE, line) and not re.search(r"[.!?»\"]$", line)
            and len(line.split()) <= R.CAPTION_MAX_WORDS):
        return "photo_caption"
    return None


def _credit_label_body(line: str) -> bool:
    """After "Photo :", "Crédit :": a credit (capitalised, short), not a sentence ("Crédit : voilà ce qui …")."""
    body = line.split(":", 1)[1].strip()
    return bool(re.match(CREDIT_LABEL_BODY, body)) and len(body.split()) <= CREDIT_LABEL_MAX_WORDS


def is_date_line(line: str) -> bool:
    """A timestamp line: date and time tokens, a few words such as "Publié le", "mis à jour", nothing else."""
    words = line.split()
    if len(words) > DATE_LINE_MAX_WORDS or not re.search(DATE_STRONG, line) or not re.search(DATE_TOKENS, line):
        return False
    rest = re.sub(DATE_LINE_SEPARATORS, " ", re.sub(DATE_TOKENS, " ", line))
    return all(w.casefold() in R.DATE_LINE_WORDS for w in rest.split())


def credit_rule(line: str) -> str | None:
    """A credit alone on its line, a caption ending with its credit, or a copyright line."""
    m = re.search(CREDIT_TAIL, line)
    n_words = len(line.split())
    if re.search(COPYRIGHT, line) and n_words <= COPYRIGHT_MAX_WORDS and (
            re.search(COPYRIGHT_STRONG, line) or not (m and re.search(r"/|" + PHOTO_AGENCY, m.group("credit")))):
        return "copyright"
    if not m:
        return None
    if m.start() == 0:
        return "credit_line" if n_words <= CREDIT_LINE_MAX_WORDS else None
    caption = line[:m.start()].strip()
    return "caption_credit" if len(caption.split()) >= 2 and n_words <= CAPTION_CREDIT_MAX_WORDS else None


def names_in(rule: str, text: str) -> list[str]:
    """Person names in a byline, an author bio or an author box name line."""
    for pattern in {"author_bio": (R.AUTHOR_BIO, AUTHOR_BIO_TAIL), "byline": (R.BYLINE,)}.get(rule, ()):
        if m := re.match(pattern, text):
            return [m.group("name")]
    if rule == "byline" and (m := re.match(BYLINE, text)):
        return re.findall(NAME, re.sub(r"\([^()]*\)", "", m.group("names")))
    name = rule == "author_box" and re.search(NAME_LINE, text) and not re.search(AUTHOR_ROLE, text)
    return [text.rstrip(".")] if name else []


def dateline_in(line: str) -> re.Match | None:
    """A wire dateline opening the line ("MOSCOU, 23 octobre (Reuters) - ", "OTTAWA — ")."""
    return re.match(DATELINE, line) or re.match(DATELINE_CITY, line)


def signoff_in(line: str) -> tuple[str, re.Match] | None:
    """The sign-off ending a paragraph ("… (ATS)", "… burs-lb/mm") with its rule name, or None."""
    for name, pattern in INLINE_SIGNOFFS:
        if (m := re.search(pattern, line)) and m.start() > 0:
            return name, m
    return None
