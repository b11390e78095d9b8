"""Language resources for reading a page's metadata: French date formats, header labels, agencies.

Patterns for families of pages (regional, national, Swiss, Belgian, Quebec, wire portals), never for the
strings of one page. The functions that use them are in analysis/metadata.py.
"""
from __future__ import annotations

MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
# Abbreviations as French sites print them ("23 oct. 2025", "16 oct 2025", "3 sept. 2025").
MONTH_ABBREVIATIONS = {"janv": 1, "jan": 1, "févr": 2, "fév": 2, "fevr": 2, "fev": 2, "avr": 4, "juil": 7,
                       "sept": 9, "sep": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12}
WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_MONTH_WORD = "|".join(sorted(list(MONTHS) + list(MONTH_ABBREVIATIONS), key=len, reverse=True))

# A calendar date in the forms French pages print: 09/08/2025, 24.11.2025, 9-8-2025, 16 août 2025, 23 oct. 2025,
# 1er août 2025.
DATE = (rf"(?:(?P<d1>\d{{1,2}})[/.\-](?P<m1>\d{{1,2}})[/.\-](?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}}|1er)\s+(?P<m2>{_MONTH_WORD})\.?\s+(?P<y2>\d{{4}}))")
# An optional time after the date: " à 07h30", ", 06h12", " à 7:01", " - 22:47".
TIME = r"(?:\s*(?:,|à|-)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*(?:HAE|HNE|CET|CEST|UTC|GMT))?)?"

# Header labels that introduce the publication date, strongest first. "Le" alone only at the start of a line.
PUBLICATION_LABELS = [
    ("published", rf"(?:Publié|Publiée|Mis en ligne|Posté)(?: en ligne)?(?: le)?\s*:?\s*(?:{WEEKDAY}\s+)?"),
    ("dated", rf"^(?:Le|Daté du)\s+(?:{WEEKDAY}\s+)?"),
]
UPDATE_LABELS = [("updated", rf"(?:Mis à jour|Modifié|Actualisé|Mise à jour)(?: le)?\s*:?\s*(?:{WEEKDAY}\s+)?")]

# Wire datelines opening the first body paragraph: "PARIS, 17 octobre (Reuters) -", "MOSCOU (AFP) -",
# "Genève, 16 oct 2025 (AFP) –". Agencies are named in AGENCIES.
AGENCIES = ["Reuters", "AFP", "AP", "ATS", "Belga", "Keystone-ATS", "Bloomberg", "DPA", "ANSA", "EFE", "Xinhua",
            "TASS", "RIA Novosti", "Interfax", "Anadolu", "APS", "MAP", "PC", "La Presse Canadienne"]
_AGENCY = "|".join(sorted((a.replace(" ", r"\s") for a in AGENCIES), key=len, reverse=True))
DATELINE = (rf"^(?:(?P<place>[A-ZÀ-Ý][\w'’\- ]{{1,40}}?)(?:\s*\([^)]*\))?,?\s+)?"
            rf"(?P<when>(?P<day>\d{{1,2}}|1er)\s+(?P<month>{_MONTH_WORD})\.?(?:\s+(?P<year>\d{{4}}))?)?\s*"
            rf"\((?P<agency>{_AGENCY})\)\s*(?:[-–—]\s*|$)")

# A line that is only a date (and a time): a portal's timestamp under the headline.
BARE_DATE_LINE = rf"^(?:{WEEKDAY}\s+)?{DATE}{TIME}\s*$"

# Lines of the page header that are not the headline.
NAVIGATION = r"[›>]|^(?:Accueil|Home)\b"
# Header lines that are page furniture though shaped like a headline: reading time, audio players, share bars.
HEADER_FURNITURE = (r"^(?:Temps de )?[Ll]ecture\b.*\d|^(?:Écouter|Ecouter|Lecture audio)\b|^Partager\b"
                    r"|^(?:Suivez-nous|Abonnez-vous|Newsletter)\b|\d+\s+commentaires?\b"
                    r"|^(?:Photo|Photos|Crédit|Crédits|Illustration|Image)\s*:")
# The project's own header prefix ("date 2025-08-07 <headline>"): the rest of the line is examined.
DATE_PREFIX = r"^date\s+\d{4}-\d{2}-\d{2}\s*"
SECTION_MAX_WORDS = 3
HEADLINE_MIN_WORDS = 4
HEADLINE_MAX_WORDS = 30
HEADER_LINES = 16  # the headline, byline and date sit in the first lines of a page copy
FOOTER_LINES = 8  # a copyright line this close to the end names the outlet, not a photographer

# Bylines: "Par Claire Vasseur (Anchorage, envoyée spéciale) et Julien Ferrand", "Par Thomas Brun avec AFP",
# "Marion LE GOFF.", "Lucien Berthoud, Genève", "Caroline Gagnon (Accéder à la page de l'auteur)".
BYLINE_PREFIX = r"^(?:Par|De notre envoyée? spéciale?,?|Propos recueillis par|By)\s+"
NAME_WORD = r"(?:[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ'’]+)*|[A-ZÀ-Ý]{2,}(?:[\-'’][A-ZÀ-Ý]+)?|[A-ZÀ-Ý]\.)"
PARTICLE = r"(?:de|du|des|da|di|van|von|der|le|la|ben|bin|el|al)"
PERSON_NAME = rf"{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,3}}"
# Words that make a capitalised run not a person ("Par la rédaction", "avec AFP").
COLLECTIVE_BYLINE = r"^(?:Par\s+)?(?:la|le|les|l['’])\s*(?:rédaction|service|équipe|desk)\b"

# Outlet names as pages print them: "© Le Courrier de l’Atlantique", "Info24 © 2025", "L’Écho du soir avec AFP",
# "Journaliste au service Monde de L’Éclaireur, …".
OUTLET_COPYRIGHT = (r"^(?:Copyright\s+)?©\s*(?:\d{4}\s+)?(?P<name>[^©|\d][^©|]{1,60}?)"
                    r"(?:\s*[-–]\s*Tous droits réservés\.?)?(?:\s+\d{4})?\s*$")
OUTLET_BEFORE_COPYRIGHT = r"^(?P<name>[^©]{2,60}?)\s*©\s*\d{4}\s*$"
OUTLET_WITH_AGENCY = rf"^(?P<name>(?:L['’]|Le |La |Les )?[A-ZÀ-Ý][^,.;:]{{1,50}}?)\s+avec\s+(?:l['’])?(?:{_AGENCY})\s*$"
OUTLET_IN_BIO = (r"^Journaliste\b[^,.]{0,60}?\b(?:de|à|au|pour)\s+"
                 r"(?P<name>(?:L['’]|Le |La |Les )?[A-ZÀ-Ý][\w'’\- ]{1,40}?)[,.]")
# Owners and legal names printed instead of the outlet ("Thomson Reuters"): the agency name is kept.
OUTLET_OWNERS = {"Thomson Reuters": "Reuters", "Agence France-Presse": "AFP"}
