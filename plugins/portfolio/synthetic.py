"""Write a complete portfolio root with N synthetic, valid enterprise records (tests, benchmarks).

    python -m portfolio.synthetic N DEST [--seed S]

DEST receives `data/` (vocabulary, results), `schema/` and `institutions/` copied from this repository, and
`enterprises/` with N invented records (`example: true`) and a small PNG logo each. The output depends
only on N, the seed and the reference date (`today`, default: the current date), and takes time
linear in N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import clock
from .records.vocabulary import Vocabulary
from .site.urls import slugify

REPO = Path(__file__).resolve().parents[2]
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
HEADER = "# yaml-language-server: $schema=../schema/enterprise.schema.json\n"

# Per sector: words that start an enterprise's name, and products/services as (fr, en) names.
SECTORS = {
    "alimentation-traiteur": (["Traiteur", "Cuisine", "Boulangerie", "Café"], [
        ("Boîtes à lunch", "Boxed lunches"), ("Buffets froids", "Cold buffets"),
        ("Pauses-café", "Coffee breaks"), ("Repas de réunion", "Meeting meals"),
        ("Plateaux de bouchées", "Finger food platters")]),
    "entretien-menager": (["Entretien", "Conciergerie", "Services ménagers"], [
        ("Entretien de bureaux", "Office cleaning"), ("Lavage de vitres", "Window washing"),
        ("Désinfection de locaux", "Premises disinfection"), ("Grand ménage saisonnier", "Seasonal deep cleaning")]),
    "recuperation-recyclage": (["Récupération", "Ressourcerie", "Recyclerie"], [
        ("Collecte de matériel informatique", "Computer equipment collection"),
        ("Récupération de mobilier", "Furniture recovery"), ("Déchiquetage de documents", "Document shredding"),
        ("Tri des matières résiduelles", "Waste sorting")]),
    "impression-graphisme": (["Imprimerie", "Atelier graphique", "Studio"], [
        ("Impression de documents", "Document printing"), ("Conception graphique", "Graphic design"),
        ("Affiches grand format", "Large-format posters"), ("Reliure et finition", "Binding and finishing")]),
    "informatique": (["Informatique", "Techno", "Atelier numérique"], [
        ("Reconditionnement d'ordinateurs", "Computer refurbishing"), ("Soutien technique", "Technical support"),
        ("Développement web", "Web development"), ("Saisie de données", "Data entry")]),
    "mobilier-amenagement": (["Ébénisterie", "Atelier du meuble", "Menuiserie"], [
        ("Remise à neuf de mobilier", "Furniture refurbishing"), ("Mobilier sur mesure", "Custom furniture"),
        ("Aménagement de bureaux", "Office fit-out"), ("Réparation de chaises", "Chair repair")]),
    "transport-livraison": (["Livraison", "Déménagement", "Messagerie"], [
        ("Livraison locale", "Local delivery"), ("Déménagement de bureaux", "Office moving"),
        ("Messagerie à vélo", "Bicycle courier"), ("Entreposage temporaire", "Temporary storage")]),
    "paysagement-deneigement": (["Jardins", "Paysagement", "Horticulture"], [
        ("Entretien paysager", "Landscape maintenance"), ("Déneigement de trottoirs", "Sidewalk snow clearing"),
        ("Verdissement de cours", "Schoolyard greening"), ("Plantation d'arbres", "Tree planting")]),
    "evenementiel": (["Productions", "Événements", "Scène"], [
        ("Sonorisation", "Sound systems"), ("Organisation d'événements", "Event planning"),
        ("Captation vidéo", "Video recording"), ("Location d'équipement", "Equipment rental")]),
    "formation": (["Formation", "Académie", "Carrefour"], [
        ("Ateliers de français au travail", "Workplace French workshops"),
        ("Formation en secourisme", "First-aid training"), ("Accompagnement d'équipes", "Team coaching"),
        ("Formation bureautique", "Office software training")]),
    "communication-marketing": (["Communications", "Agence", "Médias"], [
        ("Stratégie de communication", "Communication strategy"), ("Rédaction et révision", "Writing and editing"),
        ("Gestion des médias sociaux", "Social media management"), ("Traduction", "Translation")]),
    "textile-couture": (["Couture", "Atelier textile", "Fil"], [
        ("Uniformes de travail", "Work uniforms"), ("Retouches et réparations", "Alterations and repairs"),
        ("Sacs réutilisables", "Reusable bags"), ("Broderie de logos", "Logo embroidery")]),
    "arts-culture": (["Théâtre", "Arts", "Musique"], [
        ("Animation culturelle", "Cultural activities"), ("Murales participatives", "Participatory murals"),
        ("Spectacles en milieu de travail", "Workplace performances"), ("Ateliers d'art", "Art workshops")]),
    "tourisme-hebergement": (["Auberge", "Salles", "Maison"], [
        ("Location de salles", "Room rental"), ("Hébergement de groupes", "Group lodging"),
        ("Visites guidées", "Guided tours"), ("Forfaits de réunion", "Meeting packages")]),
    "services-administratifs": (["Services administratifs", "Bureau", "Secrétariat"], [
        ("Numérisation de documents", "Document scanning"), ("Tenue de livres", "Bookkeeping"),
        ("Réception d'appels", "Call answering"), ("Envois postaux", "Mailing services")]),
    "construction-renovation": (["Rénovation", "Construction", "Chantiers"], [
        ("Peinture intérieure", "Interior painting"), ("Petits travaux de rénovation", "Minor renovation work"),
        ("Pose de cloisons", "Partition installation"), ("Entretien de bâtiments", "Building maintenance")]),
    "environnement": (["Éco", "Environnement", "Énergie"], [
        ("Diagnostic énergétique", "Energy assessment"), ("Gestion des matières organiques", "Organic waste management"),
        ("Sensibilisation à l'environnement", "Environmental awareness"), ("Ruches urbaines", "Urban beehives")]),
    "services-personnes": (["Soins", "Aide à domicile", "Services"], [
        ("Aide à domicile", "Home help"), ("Accompagnement de personnes âgées", "Support for older people"),
        ("Répit pour proches aidants", "Respite for caregivers"), ("Entretien domestique", "Housekeeping")]),
    "petite-enfance": (["Garderie", "Petite enfance", "Halte"], [
        ("Halte-garderie", "Drop-in childcare"), ("Animation pour enfants", "Children's activities"),
        ("Places en service de garde", "Childcare places"), ("Ateliers parents-enfants", "Parent-child workshops")]),
    "velo-mobilite": (["Vélo", "Cyclo", "Mobilité"], [
        ("Entretien de flottes de vélos", "Bike fleet maintenance"), ("Vélos-cargos", "Cargo bikes"),
        ("Ateliers de réparation", "Repair workshops"), ("Stationnements pour vélos", "Bike parking")]),
}

EMBLEMS = ["La Ruche", "Le Phare", "L'Érable", "Le Castor", "La Boussole", "Le Tournesol", "La Passerelle",
           "L'Envol", "Le Fil d'Ariane", "La Marelle", "Le Pignon", "La Sève", "Le Carrefour", "La Lanterne",
           "L'Étincelle", "Le Quai", "La Source", "Le Rucher", "La Clé", "L'Atelier", "Le Tremplin",
           "La Courtepointe", "Le Colibri", "La Virée", "L'Orme", "Le Héron", "La Bourrasque", "Le Lilas",
           "La Grange", "Le Moulin", "L'Escale", "La Brigade", "Le Nid", "La Fourmi", "L'Aube", "Le Sillon",
           "La Vigne", "Le Marronnier", "La Roue", "L'Îlot"]
# Borough -> (neighbourhoods as they follow « de », postal code prefixes, latitude, longitude of a central point).
BOROUGHS = {
    "ahuntsic-cartierville": (["d'Ahuntsic", "de Cartierville", "du Sault-au-Récollet"], ["H2C", "H3L", "H4J"], 45.555, -73.665),
    "anjou": (["d'Anjou"], ["H1J", "H1K"], 45.605, -73.560),
    "cote-des-neiges-notre-dame-de-grace": (["de Côte-des-Neiges", "de Notre-Dame-de-Grâce"],
                                            ["H3S", "H3T", "H4A", "H4B"], 45.485, -73.620),
    "lachine": (["de Lachine"], ["H8S", "H8T"], 45.440, -73.690),
    "lasalle": (["de LaSalle"], ["H8N", "H8P", "H8R"], 45.430, -73.630),
    "le-plateau-mont-royal": (["du Plateau", "du Mile End"], ["H2H", "H2J", "H2T", "H2W"], 45.522, -73.585),
    "le-sud-ouest": (["de Saint-Henri", "de Pointe-Saint-Charles", "de la Petite-Bourgogne"],
                     ["H3J", "H3K", "H4C", "H4E"], 45.475, -73.580),
    "mercier-hochelaga-maisonneuve": (["d'Hochelaga", "de Maisonneuve", "de Tétreaultville", "de Mercier"],
                                      ["H1L", "H1N", "H1V", "H1W"], 45.565, -73.530),
    "montreal-nord": (["de Montréal-Nord"], ["H1G", "H1H"], 45.595, -73.630),
    "outremont": (["d'Outremont"], ["H2V"], 45.518, -73.605),
    "pierrefonds-roxboro": (["de Pierrefonds", "de Roxboro"], ["H8Y", "H8Z", "H9H"], 45.495, -73.845),
    "riviere-des-prairies-pointe-aux-trembles": (["de Rivière-des-Prairies", "de Pointe-aux-Trembles"],
                                                 ["H1A", "H1B", "H1E"], 45.650, -73.550),
    "rosemont-la-petite-patrie": (["de Rosemont", "de la Petite-Patrie"], ["H1X", "H1Y", "H2G", "H2S"], 45.545, -73.585),
    "saint-laurent": (["de Saint-Laurent"], ["H4L", "H4M", "H4N", "H4R"], 45.505, -73.690),
    "saint-leonard": (["de Saint-Léonard"], ["H1P", "H1R", "H1S"], 45.585, -73.595),
    "verdun": (["de Verdun", "de l'Île-des-Sœurs"], ["H3E", "H4G", "H4H"], 45.455, -73.570),
    "ville-marie": (["du Centre-Sud", "du Vieux-Montréal", "du Quartier latin"], ["H2L", "H2X", "H3A", "H3B"], 45.505, -73.565),
    "villeray-saint-michel-parc-extension": (["de Villeray", "de Saint-Michel", "de Parc-Extension"],
                                             ["H2E", "H2P", "H2R", "H3N"], 45.550, -73.625),
}
STREETS = ["rue Sherbrooke Est", "rue Ontario Est", "boulevard Saint-Laurent", "rue Notre-Dame Ouest",
           "rue Jarry Est", "rue Beaubien Est", "avenue du Mont-Royal Est", "rue Wellington", "rue Fleury Ouest",
           "boulevard Henri-Bourassa Est", "rue Jean-Talon Est", "rue Saint-Denis", "rue Masson",
           "chemin de la Côte-des-Neiges", "rue Sainte-Catherine Est", "boulevard Décarie", "rue Ontario Ouest",
           "avenue Papineau", "rue Saint-Hubert", "boulevard Pie-IX"]
LDU_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"

GOALS = {
    "creation-emplois": ("Chaque contrat crée des heures de travail pour des personnes du quartier.",
                         "Every contract creates working hours for people from the neighbourhood."),
    "lutte-pauvrete": ("Nos salaires et nos services contribuent à sortir des familles de la pauvreté.",
                       "Our wages and services help families out of poverty."),
    "inclusion-sociale": ("Nos parcours d'insertion rémunérés mènent vers un emploi durable.",
                          "Our paid integration programmes lead to lasting employment."),
    "perseverance-scolaire": ("Des jeunes y concilient études et premier emploi, avec un suivi scolaire.",
                              "Young people combine school and a first job here, with academic follow-up."),
    "egalite-femmes-hommes": ("L'équipe est paritaire et les postes de direction sont partagés.",
                              "The team has gender parity and leadership roles are shared."),
    "integration-immigrants": ("Des personnes nouvellement arrivées y acquièrent une première expérience québécoise.",
                               "Newcomers gain a first work experience in Québec here."),
    "developpement-durable": ("Nous réduisons les déchets, les déplacements et l'énergie consommée.",
                              "We cut waste, travel and the energy we use."),
    "vitalite-quartiers": ("Nos profits sont réinvestis dans la vie du quartier.",
                           "Our surplus is reinvested in neighbourhood life."),
    "entrepreneuriat-collectif": ("Les membres décident ensemble des orientations de l'entreprise.",
                                  "Members decide together on the enterprise's direction."),
}
STRENGTHS = [
    ("équipe formée et encadrée par des professionnels", "a team trained and supervised by professionals"),
    ("facturation simple et soumissions en 48 heures", "simple invoicing and quotes within 48 hours"),
    ("service en français et en anglais", "service in French and English"),
    ("matériaux et fournitures d'origine locale", "locally sourced materials and supplies"),
    ("interventions le soir et la fin de semaine", "evening and weekend service"),
    ("suivi personnalisé par une personne-ressource", "personal follow-up by a single contact"),
    ("rapport d'impact social remis chaque année", "a yearly social impact report"),
    ("véhicules électriques pour les déplacements", "electric vehicles for travel"),
]
QUALITIES = [("soigné", "careful"), ("fiable", "reliable"), ("adapté à vos besoins", "tailored to your needs"),
             ("offert partout sur l'île", "available anywhere on the island"), ("à prix juste", "fairly priced")]
# Sentence templates as (fr, en); {name}, {year}, {sector}, {quality} are filled in.
OPENINGS = [
    ("{name} est active depuis {year} dans le secteur « {sector} ».", "{name} has worked in {sector} since {year}."),
    ("Fondée en {year}, {name} œuvre dans le secteur « {sector} ».", "Founded in {year}, {name} works in {sector}."),
    ("Depuis {year}, {name} met son savoir-faire au service des organisations, dans le secteur « {sector} ».",
     "Since {year}, {name} has put its know-how in {sector} at the service of organisations."),
]
OFFER_TEXTS = [
    ("{name} pour les institutions, un service {quality}, sur devis selon le volume et le lieu.",
     "{name} for institutions, a service that is {quality}, quoted by volume and location."),
    ("{name} : un service {quality}, assuré par une équipe formée et encadrée.",
     "{name}: a service that is {quality}, delivered by a trained and supervised team."),
    ("Service « {name} » en petite ou en grande quantité, {quality}, avec une soumission détaillée en deux jours.",
     "{name} in small or large quantities, {quality}, with a detailed quote within two days."),
]
PEOPLE = ["Camille", "Jean", "Fatima", "Luc", "Nadia", "Marc", "Sofia", "Hugo", "Aïcha", "Pierre", "Mei", "Samuel"]
SURNAMES = ["Exemple", "Fictif", "Modèle", "Essai", "Démo", "Témoin"]
ROLES = [("Directrice générale", "Executive director"), ("Directeur général", "Executive director"),
         ("Responsable des ventes", "Sales manager"), ("Coordonnatrice", "Coordinator")]
CERTIFICATIONS = [("Entreprise d'insertion accréditée", "Accredited work-integration enterprise",
                   "Collectif des entreprises d'insertion du Québec"),
                  ("Certification environnementale", "Environmental certification", "Organisme de certification fictif")]


def _names(rng: random.Random, sectors: list[str]):
    """Endless stream of (name, slug, main sector, borough, neighbourhood) with unique slugs, hence names
    unique once case and accents are folded (the slug is made from the folded name)."""
    seen: set[str] = set()
    while True:
        sector, borough = rng.choice(sectors), rng.choice(list(BOROUGHS))
        for _ in range(5):  # prefer another draw; number the name only when the draws keep colliding
            place = rng.choice(BOROUGHS[borough][0])
            name = f"{rng.choice(SECTORS[sector][0])} {rng.choice(EMBLEMS)} {place}"
            if slugify(name) not in seen:
                break
        number = 1
        while slugify(name) in seen:
            number += 1
            name = f"{name.rsplit(' no ', 1)[0]} no {number}"
        slug = slugify(name)
        seen.add(slug)
        yield name, slug, sector, borough, place


def _lower(text: str) -> str:
    """`text` with its first letter in lower case, unless it starts an acronym (« IT »)."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _join(items: list[str], word: str) -> str:
    """« a, b and c » with `word` as the last separator."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _list(items) -> str:
    """A Markdown list, items ended by semicolons and the last by a full stop."""
    return ";\n".join(f"- {item}" for item in items) + ".\n"


def _postal_code(rng: random.Random, prefixes: list[str]) -> str:
    return f"{rng.choice(prefixes)} {rng.randrange(10)}{rng.choice(LDU_LETTERS)}{rng.randrange(10)}"


def enterprise(rng: random.Random, identity: tuple[str, str, str, str, str], vocabulary: Vocabulary,
               institutions: list[str], today: dt.date) -> dict:
    """One synthetic enterprise record (plain data, as YAML would load it) for an identity drawn by _names."""
    name, slug, sector, borough, place = identity
    terms = {section: list(vocabulary[section]) for section in vocabulary.sections}
    sectors = [sector] + rng.sample([s for s in SECTORS if s != sector], rng.randrange(3))
    prefixes, lat, lon = BOROUGHS[borough][1:]
    legal_form = vocabulary["legal_forms"][rng.choice(terms["legal_forms"])]
    founded = rng.randrange(1975, 2022)
    offers = rng.sample(SECTORS[sector][1], rng.randrange(2, 5))
    goals = rng.sample(list(GOALS), rng.randrange(1, 4))
    strengths = rng.sample(STRENGTHS, 3)
    territories = rng.choice([["ile-de-montreal"], [borough], [borough, "ile-de-montreal"], ["grand-montreal"]])
    where = vocabulary["territories"][borough]
    sector_label = vocabulary["sectors"][sector]
    offer_names = [_lower(o[0]) for o in offers], [_lower(o[1]) for o in offers]
    person = f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}"
    role = rng.choice(ROLES)
    opening, quality = rng.choice(OPENINGS), rng.choice(QUALITIES)
    orders, days = rng.randrange(2, 40) * 10, rng.randrange(2, 15)
    domain = slug[:63].rstrip("-")
    max_value = rng.choice([10000, 25000, 50000, 100000, 250000, 500000])
    modes = ["gre-a-gre", "carte-achat"] if max_value <= 25000 else rng.sample(terms["contracting_modes"], rng.randrange(2, 5))
    record = {
        "name": name,
        "example": True,
        "legal_form": legal_form.key,
        "neq": f"11{rng.randrange(10 ** 8):08d}",
        "founded": founded,
        "cohorts": rng.choice([["2016-2017"], ["pilote-2013-2015"], ["pilote-2013-2015", "2016-2017"]]),
        "sectors": sectors,
        "summary": {
            "fr": f"{legal_form.fr} {place} qui offre {_join(offer_names[0], 'et')} aux institutions et aux entreprises.",
            "en": f"A {_lower(legal_form.en)} in {where.en} offering {_join(offer_names[1], 'and')} to institutions and businesses.",
        },
        "description": {
            "fr": (opening[0].format(name=name, year=founded, sector=_lower(sector_label.fr)) +
                   f" {GOALS[goals[0]][0]} Nous servons les acheteurs publics avec un travail {quality[0]}.\n\n" +
                   _list(s[0] for s in strengths)),
            "en": (opening[1].format(name=name, year=founded, sector=_lower(sector_label.en)) +
                   f" {GOALS[goals[0]][1]} We serve public buyers with work that is {quality[1]}.\n\n" +
                   _list(s[1] for s in strengths)),
        },
        "offer": [{
            "name": {"fr": fr, "en": en},
            "description": {"fr": text[0].format(name=fr, quality=q[0]), "en": text[1].format(name=en, quality=q[1])},
        } for (fr, en), q, text in ((o, rng.choice(QUALITIES), rng.choice(OFFER_TEXTS)) for o in offers)],
        "impact": {
            "goals": goals,
            "text": {"fr": " ".join(GOALS[g][0] for g in goals), "en": " ".join(GOALS[g][1] for g in goals)},
            "employees": rng.randrange(3, 120),
            "people_in_integration": rng.randrange(0, 40),
        },
        "territories": territories,
        "address": {
            "street": f"{rng.randrange(10, 9000)}, {rng.choice(STREETS)}",
            "city": "Montréal",
            "postal_code": _postal_code(rng, prefixes),
            "borough": borough,
            "coordinates": {"lat": round(lat + rng.uniform(-0.01, 0.01), 4),
                            "lon": round(lon + rng.uniform(-0.01, 0.01), 4)},
        },
        "contact": {
            "email": f"info@{domain}.example",
            "phone": f"514 555-01{rng.randrange(100):02d}",
            "person": {"name": person, "role": {"fr": role[0], "en": role[1]}},
        },
        "website": f"https://{domain}.example",
        "logo": "logo.png",
        "procurement": {
            "contracting_modes": modes,
            "max_contract_value": max_value,
            "capacity": {"fr": f"Jusqu'à {orders} commandes par mois", "en": f"Up to {orders} orders a month"},
            "lead_time": {"fr": f"{days} jours ouvrables", "en": f"{days} business days"},
            "insurance": {"fr": "Responsabilité civile de 2 millions de dollars",
                          "en": "2 million dollar general liability"},
        },
        "languages": rng.choice([["fr"], ["fr", "en"], ["fr", "en", "es"], ["fr", "ar"]]),
        "last_verified": (today - dt.timedelta(days=rng.randrange(300))).isoformat(),
    }
    if founded % 2:  # half of the contact people agreed to be published, the day the listing was verified
        record["contact"]["person"]["consent"] = record["last_verified"]
    if rng.random() < 0.3:
        cert = rng.choice(CERTIFICATIONS)
        record["certifications"] = [{"name": {"fr": cert[0], "en": cert[1]}, "issuer": cert[2],
                                     "expires": (today + dt.timedelta(days=rng.randrange(60, 900))).isoformat()}]
    if institutions and rng.random() < 0.4:
        record["clients"] = sorted(rng.sample(institutions, min(len(institutions), rng.randrange(1, 4))))
    if rng.random() < 0.1:  # some records without English for a field, to exercise the fallback
        del record["description"]["en"]
    return record


_KEY = re.compile(r"[a-z][a-z0-9-]*|[0-9]{4}-[0-9]{4}")  # vocabulary keys and cohorts, plain in YAML
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def _scalar(value) -> str:
    """A scalar as YAML: plain when YAML reads it back as the same string, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return str(value)
    plain = (value[:1].isalpha() and ": " not in value and " #" not in value and not value.endswith(":")
             and value.strip() == value and value.lower() not in _RESERVED)
    return value if plain else json.dumps(value, ensure_ascii=False)


def _yaml_lines(data: dict, indent: str = "") -> list[str]:
    """Block YAML of a record mapping, in the style of the shipped records."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines += [f"{indent}{key}:", *_yaml_lines(value, indent + "  ")]
        elif isinstance(value, list) and all(isinstance(v, str) and _KEY.fullmatch(v) for v in value):
            lines.append(f"{indent}{key}: [{', '.join(value)}]")
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                first, *rest = _yaml_lines(item, indent + "    ")
                lines += [f"{indent}  - {first.lstrip()}", *rest]
        elif isinstance(value, str) and "\n" in value:
            chomp = "" if value.endswith("\n") else "-"
            lines.append(f"{indent}{key}: |{chomp}")
            lines += [f"{indent}  {line}" if line else "" for line in value.rstrip("\n").split("\n")]
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return lines


def to_yaml(record: dict) -> str:
    """The text of a record file: the editor's schema line, then readable block YAML."""
    return HEADER + "\n".join(_yaml_lines(record)) + "\n"


def logo(initials: str, colour: tuple[int, int, int], font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> Image.Image:
    """A small two-colour PNG logo: a white disc with initials on a coloured square."""
    image = Image.new("P", (96, 96), 0)
    image.putpalette([*colour, 255, 255, 255])
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, 90, 90), fill=1)
    draw.text((48, 48), initials, font=font, fill=0, anchor="mm")
    return image


def _font():
    return ImageFont.truetype(str(FONT), 36) if FONT.exists() else ImageFont.load_default(36)


def _copy_shared(dest: Path) -> None:
    shutil.copytree(REPO / "data", dest / "data", dirs_exist_ok=True)
    shutil.copytree(REPO / "schema", dest / "schema", dirs_exist_ok=True)
    shutil.copytree(REPO / "institutions", dest / "institutions", dirs_exist_ok=True)


def write_portfolio(dest: Path | str, n: int, seed: int = 0, today: dt.date | None = None) -> list[str]:
    """Write a complete portfolio root with `n` synthetic enterprises in `dest`; return their slugs."""
    dest = Path(dest)
    enterprises = dest / "enterprises"
    if enterprises.exists() and any(enterprises.iterdir()):
        raise FileExistsError(f"{enterprises} is not empty")
    _copy_shared(dest)
    today = today or clock.today()
    vocabulary = Vocabulary.load(dest / "data" / "vocabulary.yaml")
    institutions = sorted(p.stem for p in (dest / "institutions").glob("*.yaml"))
    rng = random.Random(seed)
    names = _names(rng, [s for s in SECTORS if s in vocabulary["sectors"]])
    font = _font()
    slugs = []
    for _ in range(n):
        identity = next(names)
        slug = identity[1]
        record = enterprise(rng, identity, vocabulary, institutions, today)
        media = enterprises / "media" / slug
        media.mkdir(parents=True)
        initials = "".join(word[0] for word in slug.split("-")[:2]).upper()
        logo(initials, (rng.randrange(20, 140), rng.randrange(20, 140), rng.randrange(20, 140)), font).save(
            media / "logo.png", compress_level=1)
        (enterprises / f"{slug}.yaml").write_text(to_yaml(record), encoding="utf-8")
        slugs.append(slug)
    return slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portfolio.synthetic", description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of enterprises to write")
    parser.add_argument("dest", type=Path, help="folder of the portfolio root to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed and date, same records)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="reference date YYYY-MM-DD for last_verified and expiry dates (default: today)")
    args = parser.parse_args(argv)
    write_portfolio(args.dest, args.n, args.seed, args.today)
    return 0


if __name__ == "__main__":
    sys.exit(main())
