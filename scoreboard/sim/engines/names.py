"""Squads for the simulated matches.

A few marquee teams have hand-written squads; every other team gets a squad
generated from a surname pool, seeded by the team's name only, so a team
fields the same players under every simulation seed.
"""

from __future__ import annotations

import random

import msgspec

# --- soccer ---------------------------------------------------------------

#: Positions, in squad order: 11 starters then the bench.
SOCCER_XI_POSITIONS = ("GK", "DF", "DF", "DF", "DF", "MF", "MF", "MF", "FW", "FW", "FW")
SOCCER_BENCH_POSITIONS = ("GK", "DF", "DF", "MF", "MF", "MF", "FW", "FW", "FW")


class SoccerPlayer(msgspec.Struct, frozen=True):
    name: str
    position: str  # GK, DF, MF, FW


class SoccerSquad(msgspec.Struct, frozen=True):
    starters: tuple[SoccerPlayer, ...]
    bench: tuple[SoccerPlayer, ...]


_SOCCER_SQUADS: dict[str, tuple[str, ...]] = {
    "Arsenal": (
        "D. Raya",
        "B. White",
        "W. Saliba",
        "Gabriel",
        "J. Timber",
        "M. Ødegaard",
        "D. Rice",
        "M. Merino",
        "B. Saka",
        "K. Havertz",
        "G. Martinelli",
        "Neto",
        "R. Calafiori",
        "J. Kiwior",
        "M. Lewis-Skelly",
        "Jorginho",
        "E. Nwaneri",
        "L. Trossard",
        "G. Jesus",
        "R. Sterling",
    ),
    "Chelsea": (
        "R. Sánchez",
        "M. Gusto",
        "W. Fofana",
        "L. Colwill",
        "M. Cucurella",
        "M. Caicedo",
        "E. Fernández",
        "C. Palmer",
        "N. Madueke",
        "N. Jackson",
        "P. Neto",
        "F. Jörgensen",
        "R. James",
        "T. Adarabioyo",
        "R. Lavia",
        "K. Dewsbury-Hall",
        "A. Santos",
        "J. Sancho",
        "C. Nkunku",
        "M. Mudryk",
    ),
}

_SURNAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Walker",
        "Stones",
        "Wright",
        "Barnes",
        "Hughes",
        "Foster",
        "Palmer",
        "Gordon",
        "Bailey",
        "Mitchell",
        "Turner",
        "Cole",
        "Phillips",
        "Rowe",
        "Eze",
        "Watkins",
        "Quansah",
        "Burn",
        "Ramsey",
        "Morgan",
        "Doherty",
        "Lamptey",
        "Onana",
        "Doucouré",
        "Maddison",
        "Bowen",
        "Kane",
        "Trippier",
        "Gallagher",
        "Mainoo",
    ),
    "es": (
        "García",
        "Martínez",
        "Rodríguez",
        "López",
        "Sánchez",
        "Pérez",
        "Gómez",
        "Ruiz",
        "Navarro",
        "Torres",
        "Iglesias",
        "Moreno",
        "Álvarez",
        "Romero",
        "Alonso",
        "Gil",
        "Vázquez",
        "Castro",
        "Ortega",
        "Rubio",
        "Molina",
        "Delgado",
        "Herrera",
        "Peña",
    ),
    "de": (
        "Müller",
        "Schmidt",
        "Schneider",
        "Fischer",
        "Weber",
        "Wagner",
        "Becker",
        "Hoffmann",
        "Schäfer",
        "Koch",
        "Richter",
        "Klein",
        "Wolf",
        "Schröder",
        "Neumann",
        "Brandt",
        "Köhler",
        "Krüger",
        "Zimmermann",
        "Hartmann",
        "Lange",
        "Werner",
        "Günther",
        "Baumann",
    ),
    "it": (
        "Rossi",
        "Russo",
        "Ferrari",
        "Esposito",
        "Bianchi",
        "Romano",
        "Colombo",
        "Ricci",
        "Marino",
        "Greco",
        "Bruno",
        "Gallo",
        "Conti",
        "De Luca",
        "Mancini",
        "Costa",
        "Barbieri",
        "Fontana",
        "Lombardi",
        "Moretti",
        "Rinaldi",
        "Caruso",
        "Ferri",
        "Vitale",
    ),
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefèbvre",
        "Michel",
        "Fournier",
        "Girard",
        "Bonnet",
        "Dupont",
        "Lambert",
        "Fontaine",
        "Rousseau",
        "Vincent",
        "Mbemba",
        "Koné",
    ),
    "pt": (
        "Silva",
        "Santos",
        "Ferreira",
        "Pereira",
        "Oliveira",
        "Costa",
        "Rodrigues",
        "Martins",
        "Jesus",
        "Sousa",
        "Fernandes",
        "Gonçalves",
        "Gomes",
        "Lopes",
        "Marques",
        "Alves",
        "Almeida",
        "Ribeiro",
        "Pinto",
        "Carvalho",
        "Teixeira",
        "Moreira",
        "Correia",
        "Mendes",
    ),
    "nl": (
        "de Jong",
        "Jansen",
        "de Vries",
        "van den Berg",
        "van Dijk",
        "Bakker",
        "Visser",
        "Smit",
        "Meijer",
        "de Boer",
        "Mulder",
        "de Groot",
        "Bos",
        "Vos",
        "Peters",
        "Hendriks",
        "van Leeuwen",
        "Dekker",
        "Brouwer",
        "de Wit",
        "Dijkstra",
        "Smits",
        "de Graaf",
        "Kok",
    ),
}

_INITIALS = "ABCDEFGHJKLMNOPRSTVWY"


def _generated_names(team: str, locale: str, count: int) -> list[str]:
    rng = random.Random(f"squad:{team}")
    pool = list(_SURNAMES.get(locale, _SURNAMES["en"]))
    rng.shuffle(pool)
    names: list[str] = []
    for i in range(count):
        surname = pool[i % len(pool)]
        names.append(f"{rng.choice(_INITIALS)}. {surname}")
    return names


def soccer_squad(team: str, locale: str = "en") -> SoccerSquad:
    """Eleven starters (goalkeeper first) and nine substitutes."""
    names = list(_SOCCER_SQUADS.get(team, ())) or _generated_names(team, locale, 20)
    starters = tuple(
        SoccerPlayer(n, p) for n, p in zip(names[:11], SOCCER_XI_POSITIONS, strict=True)
    )
    bench = tuple(
        SoccerPlayer(n, p) for n, p in zip(names[11:20], SOCCER_BENCH_POSITIONS, strict=True)
    )
    return SoccerSquad(starters, bench)


# --- cricket --------------------------------------------------------------


class CricketSquad(msgspec.Struct, frozen=True):
    """A playing XI in batting order."""

    players: tuple[str, ...]
    #: Index of the wicket-keeper in `players`.
    keeper: int
    #: Indexes of the bowlers, front-line first; the last one is a part-timer.
    bowlers: tuple[int, ...]
    #: Indexes of spin bowlers (they may have batters stumped).
    spinners: frozenset[int]


_CRICKET_SQUADS: dict[str, CricketSquad] = {
    "Mumbai Indians": CricketSquad(
        (
            "Rohit Sharma",
            "Ryan Rickelton",
            "Suryakumar Yadav",
            "Tilak Varma",
            "Hardik Pandya",
            "Naman Dhir",
            "Will Jacks",
            "Mitchell Santner",
            "Deepak Chahar",
            "Trent Boult",
            "Jasprit Bumrah",
        ),
        keeper=1,
        bowlers=(10, 9, 8, 4, 7, 6),
        spinners=frozenset({7, 6}),
    ),
    "Chennai Super Kings": CricketSquad(
        (
            "Ruturaj Gaikwad",
            "Devon Conway",
            "Rachin Ravindra",
            "Shivam Dube",
            "Ravindra Jadeja",
            "MS Dhoni",
            "Sam Curran",
            "Ravichandran Ashwin",
            "Noor Ahmad",
            "Matheesha Pathirana",
            "Khaleel Ahmed",
        ),
        keeper=5,
        bowlers=(10, 9, 6, 4, 8, 7),
        spinners=frozenset({4, 8, 7}),
    ),
}

_CRICKET_SURNAMES: dict[str, tuple[str, ...]] = {
    "in": (
        "Sharma",
        "Kumar",
        "Patel",
        "Singh",
        "Iyer",
        "Pandey",
        "Yadav",
        "Chahar",
        "Rahane",
        "Shaw",
        "Kishan",
        "Gill",
        "Jaiswal",
        "Samson",
        "Chakravarthy",
        "Bishnoi",
        "Siraj",
        "Arora",
        "Tewatia",
        "Rana",
    ),
    "au": (
        "Smith",
        "Warner",
        "Head",
        "Marsh",
        "Carey",
        "Cummins",
        "Starc",
        "Hazlewood",
        "Lyon",
        "Zampa",
        "Maxwell",
        "Green",
        "Inglis",
        "Short",
        "Abbott",
        "Ellis",
        "Labuschagne",
        "Khawaja",
        "Stoinis",
        "Agar",
    ),
    "en": (
        "Root",
        "Stokes",
        "Buttler",
        "Brook",
        "Salt",
        "Duckett",
        "Archer",
        "Wood",
        "Rashid",
        "Curran",
        "Jacks",
        "Livingstone",
        "Topley",
        "Atkinson",
        "Carse",
        "Pope",
        "Crawley",
        "Smith",
        "Overton",
        "Foakes",
    ),
    "pk": (
        "Azam",
        "Rizwan",
        "Zaman",
        "Afridi",
        "Rauf",
        "Naseem",
        "Khan",
        "Shadab",
        "Iftikhar",
        "Saim",
        "Abdullah",
        "Salman",
        "Imad",
        "Usama",
        "Haris",
        "Wasim",
        "Nawaz",
        "Hasnain",
        "Shafique",
        "Mir",
    ),
    "za": (
        "de Kock",
        "Markram",
        "Bavuma",
        "Klaasen",
        "Miller",
        "Rabada",
        "Nortje",
        "Maharaj",
        "Jansen",
        "Ngidi",
        "Shamsi",
        "van der Dussen",
        "Stubbs",
        "Rickelton",
        "Coetzee",
        "Hendricks",
        "Linde",
        "Mulder",
        "Verreynne",
        "Burger",
    ),
    "nz": (
        "Williamson",
        "Conway",
        "Latham",
        "Mitchell",
        "Phillips",
        "Santner",
        "Southee",
        "Boult",
        "Henry",
        "Ferguson",
        "Young",
        "Ravindra",
        "Chapman",
        "Neesham",
        "Sodhi",
        "Bracewell",
        "Blundell",
        "Jamieson",
        "Seifert",
        "Allen",
    ),
}


def cricket_squad(team: str, locale: str = "en") -> CricketSquad:
    """A playing XI: openers first, keeper at five, bowlers from six to eleven."""
    known = _CRICKET_SQUADS.get(team)
    if known is not None:
        return known
    rng = random.Random(f"squad:{team}")
    pool = list(_CRICKET_SURNAMES.get(locale, _CRICKET_SURNAMES["en"]))
    rng.shuffle(pool)
    players = tuple(f"{rng.choice(_INITIALS)}{rng.choice(_INITIALS)} {s}" for s in pool[:11])
    return CricketSquad(
        players,
        keeper=4,
        bowlers=(10, 9, 8, 7, 6, 5),
        spinners=frozenset({7, 6}),
    )
