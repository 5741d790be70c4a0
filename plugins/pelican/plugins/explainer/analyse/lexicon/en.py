"""English word lists for the claim model. General English only: no story's words.

Every list is lower-case. Stems are not used here, so a list reads as English;
callers stem or match as they need.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a claim tentative, settled, future or negated.
TENTATIVE = _words(
    "consider considers considering considered weigh weighs weighing explore explores exploring "
    "discuss discusses discussing negotiate negotiates negotiating propose proposes proposing "
    "mull mulls mulling study studying seek seeks seeking eye eyes eyeing review reviews "
    "reviewing examine examines examining assess assesses assessing initialled initialed "
    "recommend recommends recommended recommending face faces facing await awaits awaiting"
)
SETTLED = _words(
    "signed agreed approved completed confirmed concluded finalised finalized sealed inked "
    "ratified awarded accepted adopted passed enacted closed ordered imposed began begun "
    "started launched opened introduced fined charged convicted sentenced acquired lodged filed "
    "issued granted"
)
FUTURE = _words("will shall")
EXPECTED = _words("expected likely set poised due")
REPORTED = _words("reportedly allegedly reported")
NEGATORS = _words("not no never n't neither nor")
# A status word after one of these is an adjective or a noun ("a proposed tax").
DETERMINERS = _words("a an the this that these those its their his her")
AUXILIARIES = _words("is are was were be been being has have had do does did")
# Before a participle these make it a state, not an act done: "is closed", "remains shut".
STATE_VERBS = _words("is are remain remains remained stay stays stayed")
# Verbs that tell someone to act: "advised passengers to rebook" does not rebook.
DIRECTIVES = _words(
    "advised asked told urged ordered instructed encouraged called invited allowed "
    "permitted required"
)
# A participle after these is a condition, not an act done: "once both have ratified it".
CONDITIONS = _words("once if unless until")

# Predicates that contradict each other when said of the same thing.
ANTONYMS: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (_words("accept accepts accepted accepting"), _words("reject rejects rejected rejecting")),
    (_words("approve approves approved approving"), _words("reject rejects rejected vetoed veto")),
    (_words("confirm confirms confirmed"), _words("deny denies denied")),
    (_words("win wins won"), _words("lose loses lost")),
    (_words("pass passes passed"), _words("fail fails failed defeated")),
    (_words("reached"), _words("lost missed")),
    (_words("survived"), _words("died killed")),
    (_words("open opened reopened"), _words("closed shut")),
    (
        _words("rise rises rose risen raised raise hike hiked increase increased"),
        _words("fall falls fell fallen cut cuts lowered lower reduce reduced decrease decreased"),
    ),
)

# Words that name one idea: measures and events written with different words
# compare as one. Each group's first word is its key.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    (
        "die",
        "dead",
        "died",
        "dies",
        "death",
        "deaths",
        "killed",
        "kill",
        "kills",
        "fatalities",
        "fatality",
        "toll",
        "lives",
        "perished",
    ),
    ("injure", "injured", "injuries", "injury", "hurt", "wounded", "wounding", "wounds"),
    ("evacuate", "evacuated", "evacuees", "evacuation", "displaced", "fled", "homeless"),
    ("quake", "earthquake", "tremor", "temblor"),
    ("visit", "visits", "visited", "trip", "trips", "tour", "journey", "stay"),
    (
        "buy",
        "bought",
        "buys",
        "acquire",
        "acquired",
        "acquires",
        "acquisition",
        "purchase",
        "purchased",
        "takeover",
    ),
    ("price", "value", "valued", "valuing", "worth", "cost", "costs", "fee", "sum"),
    (
        "aircraft",
        "aircrafts",
        "plane",
        "planes",
        "airplane",
        "airplanes",
        "aeroplanes",
        "jet",
        "jets",
        "airliner",
        "airliners",
    ),
    ("people", "persons", "residents", "person"),
    ("hit", "struck", "strike", "strikes", "jolted", "shook", "rocked"),
    ("say", "said", "says", "told", "stated"),
    ("rate", "rates"),
    ("vote", "votes", "ballots", "ballot"),
    ("seat", "seats"),
    ("share", "shares", "stock"),
    ("shareholder", "shareholders", "stockholder", "stockholders", "investors"),
    ("firm", "company", "group", "business", "maker", "manufacturer"),
    (
        "agreement",
        "agreements",
        "deal",
        "deals",
        "accords",
        "accord",
        "pacts",
        "pact",
        "memorandums",
    ),
    ("satellite", "satellites", "spacecraft", "payloads", "payload"),
    ("launch", "launched", "lifted", "liftoff", "blasted"),
    ("sentence", "sentenced", "jailed", "prison", "imprisonment", "jail"),
    ("pay", "wage", "wages", "salary", "salaries"),
    ("raise", "rise", "increase", "hike"),
    ("percent", "%", "per cent"),
    ("arrest", "arrested", "arrests", "detained", "detain", "detains", "detention", "custody"),
    ("exchange", "exchanged", "exchanges", "swap", "swapped", "swaps"),
    ("cut", "cuts", "shed", "sheds", "slash", "slashed", "axe", "axed", "eliminate", "eliminated"),
    ("ship", "ships", "vessel", "vessels"),
    ("job", "jobs", "posts", "positions"),
)

# Irregular past forms and their base verb, so "sent off" meets "did not send him off".
IRREGULAR_VERBS: dict[str, str] = {
    past: base
    for base, forms in {
        "send": "sent",
        "find": "found",
        "make": "made",
        "take": "took taken",
        "give": "gave given",
        "hold": "held",
        "meet": "met",
        "leave": "left",
        "pay": "paid",
        "sell": "sold",
        "buy": "bought",
        "bring": "brought",
        "build": "built",
        "begin": "began begun",
        "break": "broke broken",
        "choose": "chose chosen",
        "come": "came",
        "fall": "fell fallen",
        "fly": "flew flown",
        "go": "went gone",
        "grow": "grew grown",
        "keep": "kept",
        "know": "knew known",
        "lead": "led",
        "lose": "lost",
        "rise": "rose risen",
        "run": "ran",
        "see": "saw seen",
        "seek": "sought",
        "shoot": "shot",
        "show": "shown",
        "sink": "sank sunk",
        "speak": "spoke spoken",
        "spend": "spent",
        "stand": "stood",
        "strike": "struck",
        "swear": "swore sworn",
        "tell": "told",
        "think": "thought",
        "throw": "threw thrown",
        "win": "won",
        "write": "wrote written",
    }.items()
    for past in forms.split()
}

# Plurals without an -s: a counted noun phrase ends at one ("30 people lost their lives").
IRREGULAR_PLURALS = _words("people children men women police staff personnel cattle livestock")

# Words just before a figure that make it an earlier value ("the current 10% duty",
# "up from 8%"), and phrases that put a clause in an earlier period.
EARLIER_VALUE = _words("current currently from previous previously former old existing earlier")
EARLIER_PERIOD = (
    "last year",
    "last month",
    "last week",
    "a year earlier",
    "a year ago",
    "the year before",
    "the previous year",
    "at first",
    "initially",
    "first reported",
    "earlier in the day",
)

# Modifiers of a quantity, by what they say about the true value.
APPROXIMATE = _words("about around approximately roughly some estimated circa nearly almost")
AT_LEAST = ("more than", "over", "at least", "upwards of", "in excess of", "just over", "above")
AT_MOST = ("less than", "fewer than", "under", "at most", "below", "just under", "no more than")
UP_TO = ("up to", "as many as", "as much as", "as high as")
# Vague amounts and the range each can mean.
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "a few": (2, 9),
    "several": (3, 12),
    "a dozen": (10, 14),
    # Reporters write "thousands" of 12,000 evacuees, so the upper ends reach past 9,999.
    "dozens": (20, 150),
    "scores": (40, 200),
    "hundreds": (200, 1_999),
    "thousands": (2_000, 49_999),
    "tens of thousands": (20_000, 199_999),
    "hundreds of thousands": (200_000, 1_999_999),
    "millions": (2e6, 49e6),
}
# Fractions written as words, as percentages.
FRACTIONS: dict[str, float] = {
    "half": 50.0,
    "a third": 100 / 3,
    "one third": 100 / 3,
    "two-thirds": 200 / 3,
    "two thirds": 200 / 3,
    "a quarter": 25.0,
    "one quarter": 25.0,
    "three-quarters": 75.0,
    "three quarters": 75.0,
    "a fifth": 20.0,
}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

# Titles and honorifics: they do not change who a name refers to.
TITLES = _words(
    "president vice prime minister deputy secretary general chairman chairwoman chair ceo chief "
    "executive mr mrs ms dr sir dame king queen prince princess premier governor mayor senator "
    "representative rep sen gov foreign state judge justice councillor councilor councilman "
    "councilwoman coach captain commissioner director spokesman spokeswoman spokesperson "
    "general colonel lieutenant sergeant officer inspector professor minister's"
)
# Generic words inside names: two names that differ only in these are one actor
# ("the Ruritanian Army" / "the Ruritanian armed forces", "X district" / "X").
GENERIC_NAME_WORDS = _words(
    "the of and army armed forces force military navy party district province region county "
    "city town village state republic kingdom north south east west northern southern eastern "
    "western central upper lower greater new river lake mount mountain valley island islands "
    "group holdings company co corp corporation inc ltd plc limited sa ag nv club fc cf "
    "de del la el le les di da do dos das y e football futbol soccer association national "
    "international federal ministry department office agency authority commission council "
    "court municipal"
)
# Last words that make a name an organisation, not a person or place.
ORGANISATION_WORDS = _words(
    "airline airlines airways air bank group company co corp corporation inc ltd plc holdings "
    "ministry party university college council commission agency authority customs news times "
    "post press television radio institute foundation association federation union league club "
    "fund trust motors energy industries railways railway telecom court tribunal lines affairs "
    "office department directorate service services"
)
# Words before a name that make it a place ("in the capital"), not a party to a claim.
LOCATIVE = _words("in at near from across into to outside inside around toward towards via")
# Endings that turn a place name into its adjective or demonym ("Iceland" → "Icelandic").
DEMONYM_SUFFIXES = ("ese", "ian", "ean", "ish", "ic", "an", "i", "n")
# Words that name time zones, with their offset from UTC in minutes.
TIME_ZONES: dict[str, int | None] = {
    "gmt": 0,
    "greenwich": 0,
    "utc": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "ist": 330,
    "jst": 540,
    "kst": 540,
    "aest": 600,
    "local": None,
}
# Connectives that open a new clause inside a sentence.
CLAUSE_OPENERS = _words(
    "and but while whereas although though because after before since when which who where "
    "as if unless"
)
# Words that introduce an attribution ("said", "according to").
ATTRIBUTION = _words("said says say told according stated added claimed")

# Currency names as written, and the ISO code each stands for.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "francs": "CHF",
    "usd": "USD",
    "eur": "EUR",
    "gbp": "GBP",
    "cny": "CNY",
    "jpy": "JPY",
    # Currencies named in English by a common noun; a story names one of each, so the
    # code only has to tell them apart from the others.
    "crown": "CROWN",
    "crowns": "CROWN",
    "kronor": "SEK",
    "kroner": "NOK",
    "zloty": "PLN",
    "roubles": "RUB",
    "rubles": "RUB",
    "rand": "ZAR",
    "lira": "TRY",
    "pesos": "PESO",
    "dinars": "DINAR",
    "dirhams": "AED",
    "shekels": "ILS",
    "ringgit": "MYR",
    "baht": "THB",
    "rupiah": "IDR",
    "naira": "NGN",
    "forints": "HUF",
}
# Units of time, singular and plural, and the plural each is counted in.
DURATION_UNITS: dict[str, str] = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "century": "centuries",
    "fortnight": "fortnights",
    "centuries": "centuries",
}
