"""Metadata read from page copies: date, headline, byline and outlet, each with the text it rests on."""
import pytest

from analysis import paths
from analysis.metadata import infer, infer_byline, infer_outlet, infer_published, infer_title

# The twelve development-set pages (tests/data/devset): value and basis per field. d08 prints only a time
# ("Publié à 6 h 05 HAE"): its date is left empty, with the reason, never guessed.
DEVSET = [
    ('d01_regional.txt', '2025-08-09', 'Publié le 09/08/2025 à 07h30', 'Sommet Trump-Poutine : rendez-vous en Alaska le 15 août', 'Marion LE GOFF', "Le Courrier de l'Atlantique"),
    ('d02_evening_paywall.txt', '2025-08-16', 'Publié le 16 août 2025 à 05h30', 'En Alaska, Vladimir Poutine obtient la photo, Donald Trump repart sans cessez-le-feu', 'Claire Vasseur, Julien Ferrand', "L'Écho du soir"),
    ('d03_business.txt', '2025-10-23', 'Publié le 23 oct. 2025 à 7:01', 'Pétrole : les sanctions américaines contre Rosneft et Lukoil font bondir le Brent', 'Antoine Delorme', 'Les Nouvelles économiques'),
    ('d04_newsweekly.txt', '2025-08-19', 'Publié le 19/08/2025 à 18:40', 'Ukraine : après Washington, le casse-tête des garanties de sécurité', 'Sophie Arnal', "L'Éclaireur"),
    ('d05_tv_news.txt', '2025-08-18', 'Le 18/08/2025 à 22:47', 'Zelensky à la Maison Blanche: Trump dit avoir appelé Poutine pour préparer une rencontre avec le président ukrainien', 'Thomas Brun', 'Info24'),
    ('d06_swiss.txt', '2025-11-24', 'Publié: 24.11.2025, 06h12', 'À Genève, Américains et Ukrainiens remanient le plan de paix de Washington', 'Lucien Berthoud', 'La Tribune du Léman'),
    ('d07_belgian.txt', '2025-10-22', 'Publié le 22/10/2025 à 06:00', 'Trump enterre le sommet de Budapest, les Européens reprennent la main', 'Pauline Dethier', 'La Gazette de Bruxelles'),
    ('d08_quebec.txt', None, '', "Rencontre Trump-Poutine : l'Ukraine craint d'être la grande absente d'Anchorage", 'Caroline Gagnon', 'Réseau Info Québec'),
    ('d09_african.txt', '2025-11-22', 'Publié le 22 novembre 2025 à 16:45', "Plan Trump pour l'Ukraine : à Johannesburg, le G20 s'invite dans la négociation", 'Kossi Mensah', 'Afrique Actuelle'),
    ('d10_wire.txt', '2025-10-17', 'PARIS, 17 octobre (Reuters) -', "Trump et Poutine conviennent d'un sommet à Budapest, Zelensky attendu à la Maison blanche", 'Camille Hervé', 'Reuters'),
    ('d11_opinion.txt', '2025-11-25', 'Publié en ligne le 25 novembre 2025 à 17h00', "« D'Anchorage à Genève, la diplomatie de l'instant »", 'Hélène Marchetti', 'Le Courrier des idées'),
    ('d12_explainer.txt', '2025-08-12', 'Mis à jour le mardi 12 août 2025 à 14:20', "Sommet Trump-Poutine en Alaska : ce qu'il faut savoir avant la rencontre de vendredi", None, 'Actu Express'),
]


@pytest.mark.parametrize("file,published,basis,title,byline,outlet", DEVSET, ids=[r[0][:3] for r in DEVSET])
def test_development_set_pages(file, published, basis, title, byline, outlet):
    raw = (paths.DEVSET_DIR / "raw" / file).read_bytes().decode("utf-8-sig")
    got = infer(raw)
    assert (got["published"].value, got["published"].basis) == (published, basis)
    assert (got["title"].value, got["byline"].value, got["outlet"].value) == (title, byline, outlet)
    if published is None:
        assert got["published"].note == "the header gives a time but no date ('Publié à 6 h 05 HAE')"


# Header shapes written for these tests, never used to tune the patterns.
@pytest.mark.parametrize("header,value,basis", [
    ("Publié le 3 sept. 2025 à 10h00", "2025-09-03", "Publié le 3 sept. 2025 à 10h00"),
    ("Mis en ligne le 1er octobre 2025", "2025-10-01", "Mis en ligne le 1er octobre 2025"),
    ("Publiée le jeudi 6 novembre 2025 à 8 h 15", "2025-11-06", "Publiée le jeudi 6 novembre 2025 à 8 h 15"),
    ("Publié : 05-12-2025 - 14:02", "2025-12-05", "Publié : 05-12-2025 - 14:02"),
    ("Le 2/9/2025 à 6:30 | Mis à jour le 3/9/2025", "2025-09-02", "Le 2/9/2025 à 6:30"),
    ("Mis à jour le 14/08/2025 à 09h00", "2025-08-14", "Mis à jour le 14/08/2025 à 09h00"),
])
def test_date_lines(header, value, basis):
    got = infer_published(f"Rubrique\nUn titre de quatre mots au moins\n{header}\n\nLe corps de l'article commence ici.")
    assert (got.value, got.basis) == (value, basis)


def test_dateline_with_its_own_year_and_without_one():
    body = "BRUXELLES, 4 novembre 2025 (Belga) - La Commission a proposé mardi un nouveau paquet de sanctions."
    assert (infer_published(body).value, infer_outlet(body).value) == ("2025-11-04", "Belga")
    alone = "KIEV, 3 mars (AFP) - Les sirènes ont retenti toute la nuit."
    got = infer_published(alone)
    assert got.value is None and got.note == "a dateline without a year, and no header date gives it"


@pytest.mark.parametrize("line,value,agency", [
    ("Genève, 16 oct 2025 (AFP) - Les négociations ont repris.", "2025-10-16", "AFP"),
    ("16 oct 2025 (AFP)", "2025-10-16", "AFP"),
    ("Washington (AP) - 3 novembre 2025", None, "AP"),
])
def test_dateline_shapes(line, value, agency):
    page = f"Un titre de quatre mots au moins\n\n{line}\n\nLe texte."
    assert (infer_published(page).value, infer_outlet(page).value) == (value, agency)


def test_an_impossible_date_is_not_a_date():
    assert infer_published("Un titre de quatre mots\nPublié le 31/02/2025 à 10h00\n\nCorps.").value is None


@pytest.mark.parametrize("line,names", [
    ("Par Jean-Pierre DUPONT et Marie Curie", "Jean-Pierre DUPONT, Marie Curie"),
    ("Par Aïcha Ben Salah, à Tunis", "Aïcha Ben Salah"),
    ("Propos recueillis par Louis de Funès", "Louis de Funès"),
    ("Par la rédaction", None),
    ("Par notre service Économie", None),
])
def test_bylines(line, names):
    assert infer_byline(f"Un titre de quatre mots au moins\n{line}\n\nCorps de l'article.").value == names


def test_outlet_from_a_footer_copyright_and_not_from_a_photo_credit():
    page = "Un titre de quatre mots au moins\n© Sophie Marchand / AFP\n\nCorps de l'article.\n\n© Le Progrès de Lyon 2025"
    assert infer_outlet(page).value == "Le Progrès de Lyon"
    assert infer_outlet("Un titre de quatre mots au moins\n© Sophie Marchand / AFP\n\nCorps.").value is None


def test_headline_is_never_a_subheading_after_the_body():
    long = " ".join(["mot"] * 40) + "."
    page = f"Monde\n{long}\nUne dynamique amorcée par Washington\n{long}"
    got = infer_title(page)
    assert got.value is None and got.note == "no header line is shaped like a headline"
