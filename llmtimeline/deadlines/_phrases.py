"""The vocabulary of deadline phrases, English and French, as data.

Every entry is written as it reads, in lower case without accents; the grammar
(``_grammar.py``) folds the input the same way (accents, case, apostrophes,
hyphens between words) and splits both into the same tokens.  One word keeps
its accent, "dès" (not the article "des"): entries that hold it are listed in
both spellings by :func:`_with_des` (written with the accent, "dès 2028" is
a start in running text; without it, only as a whole phrase).  The productions
are shared by the two languages: only these tables differ.
"""

from __future__ import annotations


def _with_des(entries: tuple[str, ...]) -> tuple[str, ...]:
    """The entries, and those holding the word "des" (meaning "dès") also with the accent."""
    accented = tuple(" ".join("dès" if w == "des" else w for w in e.split(" ")) for e in entries
                     if "des" in e.split(" "))
    return entries + accented


# -- numbers ------------------------------------------------------------------------

#: Number words that stand alone (tens are combined by the grammar: "twenty four", "vingt et un").
UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "dix sept": 17, "dix huit": 18, "dix neuf": 19,
}
TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "soixante dix": 70,
    "quatre vingt": 80, "quatre vingts": 80, "quatre vingt dix": 90,
}
#: Multipliers of number words: "two hundred and forty", "deux cent quarante", "a thousand".
HUNDREDS = {"hundred": 100, "cent": 100, "cents": 100}
THOUSANDS = {"thousand": 1000, "mille": 1000}
#: What may join the parts of a number word ("twenty and one" is not English, but "vingt et un" is French).
NUMBER_JOINS = ("and", "et")
#: Amounts that only count units ("a month", "a couple of weeks", "une quinzaine de jours").
AMOUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "une dizaine de": 10, "une douzaine de": 12, "une quinzaine de": 15, "une vingtaine de": 20,
    "une trentaine de": 30, "a hundred": 100, "a thousand": 1000, "une centaine de": 100,
}
#: Ordinals for quarters, halves and days of the month ("the third quarter", "le 1er", "March 3rd").
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty first": 21, "twenty second": 22, "twenty third": 23, "twenty fourth": 24, "twenty fifth": 25,
    "twenty sixth": 26, "twenty seventh": 27, "twenty eighth": 28, "twenty ninth": 29, "thirtieth": 30,
    "thirty first": 31,
    "premier": 1, "premiere": 1, "deuxieme": 2, "seconde": 2, "troisieme": 3, "quatrieme": 4,
    "cinquieme": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
}
#: What may follow digits as an ordinal: 1st, 2nd, 3rd, 4th, 1er, 1re, 2e, 2eme.
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th", "er", "re", "e", "eme", "ieme", "em"})

#: Fractions written after a number ("3 1/2 months") or for a unit ("in 1/2 hour"): their value.
FRACTIONS = {"1 / 2": (1, 2), "1 / 4": (1, 4), "3 / 4": (3, 4), "½": (1, 2)}
#: "and a half": half a unit more; "half a": half a unit.
AND_A_HALF = ("and a half", "and one half", "et demi", "et demie", "and half")
HALF_A = ("half a", "half an", "a half", "une demi", "un demi", "demi")
#: "a year or two", "2-3 years": a second amount of the same unit.
AMOUNT_ALTERNATIVES = ("or", "to", "-", "a", "ou", "or maybe", "voire")
#: "a year or two", "un an ou deux": a second amount after the unit, joined by a word (never a dash:
#: "within 6 months — 42 engineers" is no range of 6 to 42 months).
UNIT_AMOUNT_ALTERNATIVES = ("or", "ou", "or maybe", "voire")
#: "1 year and 2 months": compounds add.
COMPOUND_JOINS = ("and", "et", ",")

# -- units of time --------------------------------------------------------------------

#: Span units: (months, days, minutes) per unit.
SPAN_UNITS = {
    **dict.fromkeys(("minute", "minutes", "min", "mins"), (0, 0, 1)),
    **dict.fromkeys(("hour", "hours", "hr", "hrs", "h", "heure", "heures"), (0, 0, 60)),
    **dict.fromkeys(("day", "days", "jour", "jours", "journee", "journees"), (0, 1, 0)),
    **dict.fromkeys(("week", "weeks", "semaine", "semaines", "wk", "wks"), (0, 7, 0)),
    **dict.fromkeys(("fortnight", "fortnights", "quinzaine"), (0, 14, 0)),
    **dict.fromkeys(("month", "months", "mois", "mo", "mos"), (1, 0, 0)),
    **dict.fromkeys(("quarter", "quarters", "trimestre", "trimestres"), (3, 0, 0)),
    **dict.fromkeys(("semester", "semesters", "semestre", "semestres", "half year", "half a year"), (6, 0, 0)),
    **dict.fromkeys(("year", "years", "yr", "yrs", "an", "ans", "annee", "annees"), (12, 0, 0)),
    **dict.fromkeys(("decade", "decades", "decennie", "decennies"), (120, 0, 0)),
}
#: Plural units of the vague phrases ("the coming weeks") and their soft horizon in months (None: none).
VAGUE_UNITS = {
    "days": 1, "jours": 1, "weeks": 3, "semaines": 3, "months": 12, "mois": 12,
    "quarters": None, "trimestres": None, "years": None, "ans": None, "annees": None, "decades": None,
}

#: Named periods ("this year", "le mois prochain", "the end of the decade").
GRAINS = {
    **dict.fromkeys(("year", "calendar year", "annee", "an", "annee civile", "yr"), "year"),
    **dict.fromkeys(("half", "half year", "semester", "semestre"), "half"),
    **dict.fromkeys(("quarter", "trimestre", "qtr"), "quarter"),
    **dict.fromkeys(("month", "mois"), "month"),
    **dict.fromkeys(("week", "semaine"), "week"),
    **dict.fromkeys(("weekend", "week end"), "weekend"),
    **dict.fromkeys(("decade", "decennie"), "decade"),
    **dict.fromkeys(("day", "journee"), "day"),
}
#: "this X": the period holding the day said.
THIS_BEFORE = ("this", "the current", "current", "the", "cette", "ce", "cet", "la", "le", "l", "this calendar",
               "the present", "this coming", "that")
THIS_AFTER = ("en cours", "courant", "courante", "actuel", "actuelle", "in progress", "ci", "current", "present")
#: "next X" / "X prochain": the period after it.
NEXT_BEFORE = ("next", "the following", "following", "la prochaine", "le prochain", "prochain", "prochaine",
               "coming", "the coming", "upcoming", "the upcoming", "this coming")
NEXT_AFTER = ("prochain", "prochaine", "suivant", "suivante", "d apres", "next", "qui suit", "qui vient")

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4, "mai": 5,
    "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "decembre": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lun": 0, "ven": 4,  # not "mar" (March), "mer" (la mer), "jeu" (le jeu), "sam" (Sam), "dim" (dim)
}
#: First month of each meteorological season (northern hemisphere).
SEASONS = {
    "spring": 3, "springtime": 3, "printemps": 3, "summer": 6, "summertime": 6, "ete": 6,
    "autumn": 9, "fall": 9, "automne": 9, "winter": 12, "wintertime": 12, "hiver": 12,
}
#: Holidays: (month, day) or (month, weekday, nth) for "the 4th Thursday of November".
HOLIDAYS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys(("christmas", "christmas day", "xmas", "noel", "jour de noel", "la noel"), (12, 25)),
    **dict.fromkeys(("christmas eve", "la veille de noel", "le reveillon de noel"), (12, 24)),
    **dict.fromkeys(("new year s day", "new year day", "new years day", "jour de l an", "le jour de l an",
                     "nouvel an", "le nouvel an", "le premier de l an"), (1, 1)),
    **dict.fromkeys(("new year s eve", "new years eve", "la saint sylvestre", "saint sylvestre",
                     "le reveillon du nouvel an"), (12, 31)),
    **dict.fromkeys(("independence day", "the fourth of july", "fourth of july", "july fourth", "july 4th"), (7, 4)),
    **dict.fromkeys(("le 14 juillet", "14 juillet", "la fete nationale", "fete nationale", "bastille day"), (7, 14)),
    **dict.fromkeys(("halloween",), (10, 31)),
    **dict.fromkeys(("la toussaint", "toussaint", "le jour de la toussaint", "jour de la toussaint"), (11, 1)),
    **dict.fromkeys(("thanksgiving", "thanksgiving day"), (11, 3, 4)),
}

# -- days -------------------------------------------------------------------------------

#: Days named from the day said: days after it.
DAYS = {
    **dict.fromkeys(("today", "tonight", "this evening", "this afternoon", "this morning", "aujourd hui",
                     "ce soir", "cet apres midi", "ce matin", "the end of today", "eod", "cob",
                     "close of business", "end of business", "the close of business", "dans la journee",
                     "d ici ce soir"), 0),
    **dict.fromkeys(("tomorrow", "tomorrow morning", "tomorrow evening", "tomorrow night", "tomorrow afternoon",
                     "demain", "demain matin", "demain soir", "demain apres midi"), 1),
    **dict.fromkeys(("the day after tomorrow", "day after tomorrow", "apres demain", "le surlendemain"), 2),
}

# -- pieces of periods --------------------------------------------------------------------

#: Thirds of a year (to 30 Apr / 31 Aug / 31 Dec) or a month (to the 10th / 20th / last day).
#: "end" words also end a week or a quarter; "before the end of X" ends on X's last day.
THIRDS = {
    **dict.fromkeys(("early", "the beginning of", "beginning of", "the start of", "start of", "at the start of",
                     "at the beginning of", "the early part of", "debut", "au debut de", "en debut de", "debut de",
                     "le debut de", "des le debut de", "dès le debut de", "au commencement de", "early in"), "early"),
    **dict.fromkeys(("mid to late", "mid or late", "mi a fin", "the middle to end of", "late to end"), "late"),
    **dict.fromkeys(("early to mid", "early or mid", "debut a mi"), "mid"),
    **dict.fromkeys(("mid", "the middle of", "middle of", "in the middle of", "mi", "milieu", "milieu de",
                     "au milieu de", "le milieu de", "a la mi", "en milieu de", "la mi"), "mid"),
    **dict.fromkeys(("late", "late in", "toward the end of", "towards the end of", "the latter part of",
                     "the later part of", "the tail end of", "latter part of", "later part of",
                     "vers la fin de"), "late"),
    **dict.fromkeys(("end of", "the end of", "at the end of", "the close of", "close of", "fin", "fin de",
                     "a la fin de", "en fin de", "la fin de", "the very end of", "the back end of", "a la fin",
                     "en fin"), "end"),
}
#: Words that may sit between a third or an end and its period ("the end of the year", "fin de l'année").
PERIOD_ARTICLES = ("of", "of the", "the", "de", "du", "d", "de la", "de l", "des", "l", "la", "le", "in", "in the")
#: "EOY", "year-end", "month end": the end of the current period.
END_ABBREVIATIONS = {
    **dict.fromkeys(("eoy", "ye", "year end", "year s end", "years end", "end of year", "end year", "fin d annee",
                     "fin annee", "end of the calendar year"), "year"),
    **dict.fromkeys(("eom", "month end", "end of month", "fin de mois", "fin du mois"), "month"),
    **dict.fromkeys(("eoq", "quarter end", "end of quarter", "fin de trimestre"), "quarter"),
    **dict.fromkeys(("eow", "end of week", "fin de semaine", "week s end"), "week"),
    **dict.fromkeys(("the decade s end", "decade s end", "decade end", "the decade end"), "decade"),
}
QUARTER_LETTERS = frozenset({"q", "t"})
HALF_LETTERS = frozenset({"h", "s"})
HALF_WORDS = {
    **dict.fromkeys(("first half", "the first half", "front half", "the front half", "first half of the year",
                     "premier semestre", "le premier semestre", "1er semestre", "premiere moitie",
                     "la premiere moitie", "1ere moitie"), 1),
    **dict.fromkeys(("second half", "the second half", "back half", "the back half", "latter half",
                     "the latter half", "second semestre", "le second semestre", "deuxieme semestre",
                     "le deuxieme semestre", "2e semestre", "2eme semestre", "seconde moitie", "la seconde moitie",
                     "deuxieme moitie", "la deuxieme moitie", "2nd half", "the 2nd half", "1st half"), 2),
}
QUARTER_WORDS = ("quarter", "trimestre", "qtr")
#: "of the year", "de l'année": a half or quarter of the current year.
OF_THIS_YEAR = ("of the year", "of this year", "de l annee", "de cette annee", "this year", "cette annee",
                "of the current year", "de l annee en cours")
OF_NEXT_YEAR = ("of next year", "next year", "de l annee prochaine", "l annee prochaine", "de l an prochain",
                "l an prochain", "of the following year", "de l annee suivante")

# -- connectors ------------------------------------------------------------------------

#: Words before a time that do not move it.  "strong" ones mark a deadline even before a
#: bare month, year, weekday or holiday in running text; "weak" ones ("in", "on") only
#: before a month, year, weekday or holiday; "article" ones never.
CONNECTORS = {
    **dict.fromkeys((
        "by", "no later than", "not later than", "on or before",
        "by no later than", "sometime before", "some time before", "in time for", "ahead of", "prior to",
        "between now and", "from now until", "from now to", "from now through", "d ici", "d ici a", "d ici au",
        "d ici le", "d ici la", "au plus tard le", "au plus tard en", "available by", "available in", "through",
        "thru", "jusqu a la fin de", "until the end of", "till the end of",
        "au plus tard d ici", "d ici a la", "at the latest by", "by the latest", "deadline", "due", "due by",
        "target", "targeted for", "targeting", "scheduled for", "planned for", "expected by", "expected in",
        "slated for", "sometime in", "some time in", "sometime during", "at some point in", "at some point during",
        "sometime", "some time", "at some point", "over the course of", "in the course of", "au cours de",
        "au cours du", "au cours des", "lors de", "lors du", "lors des", "au courant de", "au courant du", "dans le courant de", "dans le courant du",
        "courant", "courant de", "courant du", "courant d", "throughout", "during", "over", "within", "a l horizon", "a l horizon de", "horizon",
        "a horizon", "d ici l horizon", "by the time of", "no later than the", "in time for the",
    ), "strong"),
    **dict.fromkeys(("in", "at", "for", "en", "dans", "pour", "au", "aux", "a l", "durant", "pendant",
                     "inside", "inside of", "in calendar", "on"), "weak"),
}
#: Words that end a window the day before the time that follows starts.
BEFORE = ("before", "avant", "avant le", "avant la", "avant l", "prior to", "ahead of", "sometime before",
          "some time before", "anytime before", "any time before", "sometimes before",
          # "by the start of next year": the day before it starts
          "by the start of", "by the beginning of", "by the start of the", "by the beginning of the",
          "d ici le debut de", "d ici le debut du", "d ici le debut d", "d ici au debut de", "d ici au debut du",
          "avant le debut de", "avant le debut du", "before the start of", "before the beginning of")
#: What "by" may not be read before ("by the start of X" is the day before X, not early X).
START_WORDS = ("the start of", "the beginning of", "start of", "beginning of", "le debut de", "le debut du",
               "le debut d", "debut de", "debut du", "au debut de", "au debut du")
#: "before the end of X" ends on X's last day: these are read as "by".
BEFORE_END = ("before the end of", "before end of", "avant la fin de", "avant la fin du", "avant fin",
              "before the close of", "no later than the end of", "avant la fin")
#: Separators of alternatives and ranges: the window ends with the later one.
ALTERNATIVES = ("or", "to", "through", "thru", "-", "/", "ou", "a", "au", "jusqu a", "jusqu au", "or in",
                "or by", "ou en", "ou d ici", "or the", "ou le", "ou la", ",", ", or", ", ou")
RANGE_STARTS = ("between", "from", "entre", "de", "du", "des")
#: "in June, July or August": a list of periods of one grain (the later bound).
LIST_SEPARATORS = (",",)
RANGE_JOINS = ("and", "to", "through", "until", "-", "et", "a", "au", "jusqu a", "jusqu au", "and the", "et le", "et la")

#: Span prefixes: what may come before a duration ("within 3 months", "d'ici 18 mois").
SPAN_BEFORE = (
    "within", "in", "inside", "inside of", "in the next", "within the next", "over the next", "during the next",
    "in the coming", "over the coming", "within the coming", "in the following", "over the following",
    "the next", "next", "the coming", "in less than", "within less than", "less than", "under", "in under",
    "in fewer than", "fewer than", "in no more than", "no more than", "not more than", "up to", "within up to",
    "in the space of", "within the space of", "by", "over", "for the next", "d ici", "d ici a", "dans", "sous",
    "en", "en moins de", "moins de", "dans moins de", "d ici moins de", "en moins d", "moins d", "dans moins d",
    "d ici moins d", "sous moins de", "dans un delai de",
    "dans un delai maximum de", "dans un delai d", "au cours des", "dans les", "durant les", "sur les",
    "d ici les", "pendant les", "avant", "before", "au cours des prochains", "d ici a moins de", "en l espace de", "sur",
)
#: Spans named by one phrase: "this time next year", "sous quinzaine" (within a fortnight).
SAME_DAY = {"sous quinzaine": (0, 14, 0), "sous huitaine": (0, 7, 0), "d ici quinzaine": (0, 14, 0),
            "this time next year": (12, 0, 0), "by this time next year": (12, 0, 0), "this time next month": (1, 0, 0),
            "this time next week": (0, 7, 0), "a la meme epoque l annee prochaine": (12, 0, 0),
            "a la meme epoque l an prochain": (12, 0, 0), "a la meme date l an prochain": (12, 0, 0)}
#: What may follow a duration ("two years from now", "les trois mois à venir").
SPAN_AFTER = ("from now", "from today", "from right now", "suivant", "suivants", "suivantes", "from here", "from here on", "hence", "s time", "time", "ahead", "away",
              "out", "a venir", "prochains", "prochaines", "qui viennent", "from now on", "a compter d aujourd hui",
              "a partir d aujourd hui", "from the day said", "down the road", "down the line", "or so", "or less")
#: Words inside a span: "the 3 next months", "les trois prochains mois", "three more months".
SPAN_INSIDE = ("next", "coming", "following", "prochains", "prochaines", "prochain", "prochaine", "suivants",
               "suivantes", "upcoming", "more", "additional", "further", "extra")
#: Determiners between a span's prefix and its amount ("over the next two years", "dans les six mois").
SPAN_DETS = ("the", "les", "des")
#: "within the next year (or two)": a singular unit after these prefixes is one unit.
NEXT_SINGULAR = ("the next", "the coming", "the following")
#: "(in) the year to come", "l'année qui vient": one unit from the day said.
SINGULAR_ARTICLES = ("the", "l", "le", "la")
COMING = ("qui vient", "a venir", "to come", "ahead")

# -- vague, conditions, lower bounds, past ---------------------------------------------

#: Vague phrases with their soft horizon in months (None: no horizon).
VAGUE: dict[str, int | None] = {
    **dict.fromkeys((
        "imminently", "imminent", "imminente", "any day now", "any day", "any time now", "any moment now",
        "any moment", "sous peu", "d ici peu", "dans les jours qui viennent", "very shortly", "tres prochainement",
        "in the coming days", "the coming days", "in the next few days", "in a few days", "within days",
        "within a few days", "dans quelques jours", "d ici quelques jours", "dans les tout prochains jours",
        "incessamment", "incessamment sous peu", "momentarily",
    ), 1),
    **dict.fromkeys((
        "within weeks", "in a few weeks", "within a few weeks", "in the coming weeks", "d ici quelques semaines",
        "dans quelques semaines", "dans les prochaines semaines", "in a matter of weeks", "in weeks",
        "within a matter of weeks", "dans les semaines qui viennent", "en quelques semaines",
    ), 3),
    **dict.fromkeys((
        "soon", "very soon", "quite soon", "pretty soon", "sometime soon", "some time soon", "really soon",
        "fairly soon", "relatively soon", "soon enough", "shortly", "bientot", "tres bientot", "prochainement",
        "in short order", "before long", "dans peu de temps", "dans tres peu de temps", "sooner rather than later",
        "at some point soon", "dans un tres proche avenir", "real soon",
    ), 6),
    **dict.fromkeys((
        "within months", "in a few months", "within a few months", "in the coming months", "dans les prochains mois",
        "dans quelques mois", "d ici quelques mois", "in the near future", "the near future", "a court terme",
        "in the short term", "short term", "near term", "in the near term", "dans un proche avenir",
        "dans un avenir proche", "in the not too distant future", "in the not so distant future",
        "in the not distant future", "in a not too distant future", "in a not so distant future",
        "dans un avenir pas si lointain", "dans un avenir pas lointain", "dans un avenir pas trop lointain",
        "dans un futur pas si lointain", "dans un futur pas lointain",
        "a tres court terme", "in a matter of months", "in months", "en quelques mois",
        "over the short term", "over the near term", "dans un futur proche", "in the short run",
    ), 12),
    **dict.fromkeys((
        "eventually", "one day", "someday", "some day", "un jour", "one of these days", "un de ces jours",
        "a terme", "a moyen terme", "a long terme", "a moyen ou long terme", "a moyen et long terme",
        "in the long run", "in the long term", "long term", "in the medium term", "medium term",
        "over the long term", "over the medium term", "in the medium to long term", "on the horizon",
        "a l horizon", "se profile a l horizon", "in the future", "dans le futur", "a l avenir", "dans l avenir",
        "down the road", "down the line", "sooner or later", "tot ou tard", "in due course", "in due time",
        "en temps voulu", "en temps utile", "later", "later on", "plus tard", "ulterieurement", "at some point",
        "a un moment donne", "at a later date", "a une date ulterieure", "in time", "in the coming years",
        "in a few years", "within a few years", "dans les prochaines annees", "dans quelques annees",
        "in the years ahead", "in the years to come", "dans les annees a venir", "in a few thousand days",
        "in the next few years", "over the next few years", "in the coming decades", "dans les decennies a venir",
        "in years", "within years", "tbd", "tba", "tbc", "to be determined", "to be announced", "unknown",
        "inconnu", "unspecified", "non precise", "a preciser", "someday soon", "in the fullness of time",
        "in the foreseeable future", "dans un avenir previsible",
    ), None),
}
#: Terms that may be joined ("à court et moyen terme", "in the short to medium term", "short- and long-term"):
#: each one's soft horizon in months (None: none); a joined phrase takes the later (DESIGN: alternatives
#: and ranges take the later bound).
TERM_WORDS = {"court": 12, "tres court": 12, "short": 12, "near": 12, "very short": 12,
              "moyen": None, "medium": None, "mid": None, "long": None, "tres long": None, "very long": None}
TERM_JOINS = ("et", "ou", "a", "to", "and", "or", "/", "et a", "ou a", "and to", ",")
TERM_NOUNS = ("terme", "termes", "term", "terms", "run")
TERM_BEFORE = ("a", "in the", "over the", "sur le", "dans le", "in", "on the", "for the", "within the", "au")
#: Before a vague quantity of units ("in the coming weeks", "dans quelques mois").
VAGUE_BEFORE = ("in", "within", "over", "during", "for", "dans", "d ici", "sous", "au cours des", "durant",
                "pendant", "sur", "in the course of", "over the course of", "au cours de")
VAGUE_DETS = ("the", "les", "des")
#: "in a few thousand days": no horizon.
VAGUE_MANY = ("thousand", "hundred", "mille", "centaines")
#: "in days or weeks", "dans quelques jours ou semaines": the longer horizon.
VAGUE_JOINS = ("or", "to", "ou", "a", "or even", "voire")
#: Vague phrases too common in running text to mark a deadline there.
VAGUE_LOOSE = frozenset({"later", "later on", "plus tard", "in time", "one day", "un jour", "some day", "unknown",
                         "inconnu", "at some point", "near term", "short term", "long term", "medium term",
                         "any day", "any moment", "in weeks", "in months", "in years", "the near future",
                         "tbd", "tba", "tbc", "a terme"})
#: Words of a vague quantity ("the coming weeks", "les prochains mois", "several months").
VAGUE_QUANTITIES = ("coming", "upcoming", "next few", "next several", "few", "a few", "several", "some",
                    "following", "coming few", "next", "the next few", "prochains", "prochaines", "quelques",
                    "plusieurs", "quelques prochains", "quelques prochaines", "tout prochains", "tout prochaines",
                    "a matter of")
VAGUE_AFTER = ("ahead", "to come", "a venir", "qui viennent", "prochains", "prochaines", "suivants", "suivantes",
               "that follow", "qui suivent", "from now", "from today", "d ici", "hence")
#: Conditions: "when it is ready", "dès que possible".  Vague, no horizon.
CONDITIONS = _with_des(("asap", "as soon as possible", "des que possible", "au plus vite", "au plus tot",
                        "le plus tot possible", "le plus vite possible", "as soon as we can", "as soon as they can",
                        "des que nous pourrons", "when ready", "when it s done", "quand ce sera pret", "in good time"))
CONDITION_WORDS = _with_des(("when", "once", "as soon as", "whenever", "if", "des que", "quand", "lorsque", "lorsqu",
                             "une fois que", "une fois", "after"))
CONDITION_FILLERS = ("it", "it s", "its", "it is", "it ll", "it will", "they", "they re", "they are", "we", "we re",
                     "we are", "this", "that", "the product", "the model", "is", "are", "will", "be", "been", "gets",
                     "get", "has", "have", "truly", "really", "fully", "ll", "ce", "c", "ca", "sera", "seront",
                     "il", "elle", "ils", "elles", "est", "sont", "tout", "everything", "all", "le produit",
                     "le modele", "serons", "nous", "on", "aura", "auront", "ete", "good", "and", "et")
READY_WORDS = ("ready", "done", "finished", "complete", "completed", "possible", "safe", "feasible", "pret",
               "prete", "prets", "pretes", "termine", "terminee", "fini", "finie", "finalise", "finalisee",
               "au point", "sur", "sure", "achieved", "solved", "resolved", "approved")
#: Lower bounds: not a deadline ("not before 2026", "après 2026", "2026 at the earliest").
LOWER_BEFORE = ("not before", "no earlier than", "not earlier than", "not until", "no sooner than", "not sooner than",
                "after", "apres", "pas avant", "pas avant le", "pas avant la", "beyond", "au dela de", "au dela du",
                "later than", "sometime after", "some time after", "anytime after", "any time after", "as early as", "at the earliest in", "pas avant l",
                "apres le", "apres la", "apres l", "post", "not expected until", "not expected before", "not due until",
                "not due before", "pas attendu avant", "pas prevu avant", "pas attendue avant", "pas prevue avant",
                "au plus tot en", "au plus tot le", "au plus tot d ici", "at the earliest by", "as soon as")
#: Starts stated as dates ("starting in June", "à partir de juin", "dès 2027"): the window ends on the last day
#: of the period named.  The value says how much context the phrase needs in running text (as ``Time.loose``):
#: 0, none; 1, found only before a time that names its year ("from 2028", "as of Q3 2027": "the data from
#: November" is no start); 3, only as a whole phrase ("des" written without its accent is also an article).
STARTS = {
    **dict.fromkeys(("starting in", "starting from", "starting on", "starting", "beginning in", "beginning on",
                     "beginning", "available from", "available starting", "available beginning", "to start in",
                     "will start in", "effective", "effective from", "a compter de", "a compter du", "a partir de",
                     "a partir du", "rolling out from", "rolling out starting", "launching in", "from the start of",
                     "a partir", "a compter", "dès", "dès le", "dès la", "dès l", "dès le mois de"), 0),
    **dict.fromkeys(("from", "as of", "starting with", "commencing", "as from"), 1),
    **dict.fromkeys(("des", "des le", "des la", "des l", "des le mois de"), 3),
}
#: Before "from", words that make it a baseline or a distance, not a start ("up from 2025", "away from").
STARTS_NOT_AFTER = frozenset({"up", "down", "rise", "rose", "risen", "rising", "fall", "fell", "fallen", "falling",
                              "increase", "increased", "decrease", "decreased", "grow", "grew", "grown", "growth",
                              "decline", "declined", "drop", "dropped", "away", "apart", "far", "different",
                              "differ", "differs", "compared", "change", "changed", "jump", "jumped", "climb",
                              "climbed", "%", "data", "figures", "numbers", "results", "emissions", "estimates",
                              "forecast", "forecasts"})
#: "until X": the day before X starts when X is a relative period, X's last day for an end or a day; "until"
#: a named year or month is refused (it may or may not include it).
UNTIL = ("until", "till", "til", "untill", "up until", "jusqu a", "jusqu au", "jusqu en", "jusqu a la", "jusqu a l",
         "jusqu aux", "up to")
LOWER_AFTER = ("at the earliest", "at the soonest", "au plus tot", "or later", "or after", "onwards", "onward",
               "and beyond", "and later", "ou plus tard", "ou apres", "et au dela", "au mieux", "et plus",
               "and after", "at best", "dans le meilleur des cas", "or beyond")
#: Lower-bound openings too common in running text ("data from 2025").
LOWER_LOOSE = frozenset({"post", "after", "apres", "apres le", "apres la", "apres l"})
#: Before a phrase, words that make it a past reference ("since June", "last year"); after it, words that
#: count it from another event or the past ("two weeks ago", "a few days after the launch").
PAST_BEFORE = ("since", "depuis", "last", "past", "previous", "dernier", "derniere", "ago")
PAST_AFTER = ("ago", "dernier", "derniere", "derniers", "dernieres", "passe", "passee", "passes", "passees",
              "precedent", "precedente", "earlier", "auparavant", "plus", "after", "apres", "before", "avant",
              "later")
#: Of ``PAST_AFTER``, the words that only tie a time to an event after it: they count a span from that event
#: ("two weeks after the launch") but leave a time that names its year as it is ("in 2026 after the vote",
#: "en 2027 avant les élections").
EVENT_AFTER = frozenset({"after", "apres", "before", "avant"})
#: Past references: never a deadline.
PAST = ("last", "past", "previous", "the previous", "this past", "the past", "earlier this", "earlier in",
        "earlier today", "ago", "yesterday", "the day before yesterday", "hier", "avant hier", "il y a", "since",
        "depuis", "recently", "recemment", "already", "deja", "dernier", "derniere", "derniers", "dernieres",
        "passe", "passee", "passes", "passees", "precedent", "precedente", "precedents", "precedentes",
        "the other day", "l autre jour", "la veille", "plus tot cette", "plus tot dans", "in the past",
        "dans le passe", "auparavant", "jadis", "autrefois", "formerly", "previously")
#: Hedges: words anywhere in a phrase that do not move its window.
HEDGES = (
    "voire moins", "voire avant", "voire plus tot", "voire bien avant", "voire bien moins", "voire meme avant",
    "or even sooner", "or even earlier", "or sooner", "or earlier", "or less", "or even less", "or before",
    "or even before", "ou moins", "ou avant", "ou plus tot", "ou meme avant", "if not sooner", "if not earlier",
    "if not before", "sinon avant", "sinon plus tot", "si ce n est avant", "perhaps earlier", "perhaps sooner",
    "perhaps before", "maybe sooner", "maybe earlier", "possibly sooner", "possibly earlier", "peut etre avant",
    "peut etre plus tot", "peut etre moins", "at the latest", "at the very latest", "latest", "au plus tard",
    "au grand maximum", "au maximum", "maximum", "max", "tout au plus", "at most", "at the outside", "probably",
    "probablement", "most probably", "very probably", "likely", "most likely", "very likely", "more likely",
    "sans doute", "tres probablement", "vraisemblablement", "hopefully", "we hope", "i hope", "on l espere",
    "on espere", "j espere", "nous l esperons", "if all goes well", "if everything goes well", "if all goes to plan",
    "if things go well", "if all goes according to plan", "si tout va bien", "si tout se passe bien",
    "si tout se passe comme prevu", "roughly", "about", "around", "approximately", "approx", "circa", "~",
    "environ", "a peu pres", "approximativement", "vers", "autour de", "aux alentours de", "aux environs de",
    "give or take", "or so", "ish", "or thereabouts", "plus or minus", "normalement", "en principe",
    "en theorie", "in theory", "theoretically", "ideally", "idealement", "i think", "i believe", "we believe", "we think", "i expect",
    "we expect", "je pense", "je crois", "nous pensons", "i d say", "i would say", "just", "only", "seulement",
    "juste", "with luck", "with any luck", "avec un peu de chance", "realistically", "optimistically",
    "conservatively", "en gros", "grosso modo", "estimated", "an estimated", "quelque", "tops", "at the very most",
    "perhaps a little earlier", "perhaps a little sooner", "perhaps a bit earlier", "perhaps a bit sooner",
    "maybe a little earlier", "maybe a little sooner", "maybe a bit earlier", "maybe a bit sooner",
    "possibly a little earlier", "or a little earlier", "or a little sooner", "or a bit sooner", "a little earlier",
    "a little sooner", "peut etre un peu avant", "peut etre un peu plus tot", "voire un peu avant",
    "voire un peu plus tot", "un peu avant", "un peu plus tot", "at the earliest possible", "more or less",
    "plus ou moins", "give or take a few weeks", "give or take a few months",
    # intensifiers do not break a phrase: "dans un avenir très proche", "in the very near future"
    "very", "tres", "really", "vraiment",
)
#: Hedges that correct what comes before ("by May, or by August at the latest", "d'ici juin, au plus tard fin
#: septembre"): between two times they read as "or" (the later bound), not as nothing.
CORRECTIONS = ("at the latest", "at the very latest", "au plus tard", "latest", "au grand maximum", "at most")
#: "by the end of this year, so within a few months": a restatement; its explicit part decides.
RESTATEMENTS = ("so", "that is", "i e", "ie", "i . e", "i . e .", "i . e . ,", "i e ,", "that is ,", "that s", "meaning", "in other words", "soit", "donc", "c est a dire",
                "autrement dit", "ou encore", "namely", "which means", "which is", "i e by", "so by", "so in")
#: Alternatives of whole phrases ("by May, or by August"): the later bound.
PHRASE_ALTERNATIVES = ("or", "ou", "or even", "or maybe", "ou meme", "ou bien", "or else", "or possibly")
#: Hedges that may close a phrase in running text after a comma ("d'ici un mois, voire moins").
TRAILING_HEDGES = frozenset(h for h in HEDGES if h.split()[0] in {"voire", "or", "ou", "if", "sinon", "si", "at",
                                                                    "au", "perhaps", "maybe", "possibly", "peut",
                                                                    "probably", "probablement", "hopefully", "tops"})

# -- small tables of the time rules ------------------------------------------------------

YEAR_WORDS = ("the year", "year", "l an", "l annee", "annee", "an", "calendar year", "the calendar year", "cy")
YEAR_LINKS = ("of", "de", "d", "en", "in", ",", "of the year", "de l annee", "de l an")
MONTH_BEFORE = {"next": "next", "this": "this", "this coming": "next", "the coming": "next", "coming": "next",
                "the month of": "this", "le mois de": "this", "the next": "next", "ce mois de": "this",
                "mois de": "this", "mois d": "this", "le mois d": "this", "month of": "this",
                "the": "article", "le": "article", "la": "article"}
SEASON_BEFORE = {"next": "next", "the next": "next", "this": "this", "current": "this", "the current": "this", "this coming": "next", "the coming": "next",
                 "this year s": "this", "cet": "this", "cette": "this", "ce": "this", "the": "article",
                 "l": "article", "le": "article", "la": "article", "this past": "past"}
NEXT_WORDS = ("prochain", "prochaine", "next", "qui vient", "a venir", "suivant", "suivante")
WEEKDAY_BEFORE = {"this": 0, "ce": 0, "this coming": 1, "coming": 1, "next": "next?", "the next": "next?",
                  "the coming": 1}
WEEKDAY_AFTER = {"prochain": 1, "qui vient": 1, "suivant": "next", "d apres": "next", "la semaine suivante": "next",
                 "la semaine d apres": "next", "de la semaine d apres": "next", "la semaine prochaine": "next",
                 "after next": "after next", "this week": "this", "cette semaine": "this",
                 "de cette semaine": "this", "of this week": "this", "next week": "next", "of next week": "next",
                 "de la semaine prochaine": "next", "de la semaine suivante": "next"}
DAY_ARTICLES = ("the", "le", "on the", "du")
#: "this December 3", "ce 3 décembre": the first one on or after the day said.
DATE_THIS = ("this", "ce", "this coming")
#: "by March 13, a Friday", "Jul 18, Fri", "(a Friday)": a weekday after a date, checked against it.
WEEKDAY_AFTER_DATE = (",", "(", ", a", ", un", "a", "(a", ", which is a", "which is a", ", soit un")
#: Positions of a day in a period: "the second Monday of March", "le dernier vendredi de juin",
#: "the last day of March", "le premier mercredi du mois prochain" (-1: the last).
POSITIONS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
             "5th": 5, "last": -1, "final": -1, "premier": 1, "premiere": 1, "deuxieme": 2,
             "seconde": 2, "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "dernier": -1, "derniere": -1,
             "1er": 1, "1re": 1, "2e": 2, "3e": 3, "4e": 4, "2eme": 2, "3eme": 3, "4eme": 4}
POSITION_ARTICLES = ("the", "le", "la", "on the")
DAY_WORDS = ("day", "jour", "journee")
POSITION_LINKS = ("of", "in", "de", "du", "d", "of the", "in the", "de la", "de l", "of this", "of next")
#: Times of day after or before a day ("tomorrow at 7:25 pm", "demain à 18h", "by midnight Friday"): they
#: name the day, so the window ends on it.
CLOCK_WORDS = ("noon", "midnight", "midday", "midi", "minuit", "mid day", "end of day", "close of business",
               "the close of business", "cob", "eod", "market close", "the end of the day", "in the morning",
               "in the afternoon", "in the evening", "en debut de journee", "en milieu de journee",
               "en fin de journee", "en debut de matinee", "en fin de matinee", "dans la matinee",
               "dans l apres midi", "dans la soiree", "en soiree", "en fin d apres midi", "au matin", "au soir")
CLOCK_BEFORE = ("at", "a", "by", "vers", "around", "about", "before", "avant", "until", "d ici", "on")
CLOCK_SUFFIXES = ("am", "pm", "a m", "p m", "h", "hrs", "heures", "heure", "o clock", "gmt", "utc", "pt", "et",
                  "pst", "est", "cet", "cest", "bst", "du matin", "du soir", "de l apres midi", "in the morning",
                  "in the evening", "in the afternoon", "at night", "tonight")
CLOCK_AFTER_DAY = ("at", "a", "by", "vers", ",", "on", "before", "avant")
DAY_MONTH_LINKS = ("of", "de", "d")
AFTER_NEXT = ("after next", "d apres", "after the next one")
REST_OF = ("the rest of", "rest of", "the remainder of", "remainder of", "le reste de", "le reste du",
           "the balance of", "what remains of", "what s left of", "ce qui reste de")
LATER = ("later", "plus tard", "later on")
LATER_LINKS = ("in", "dans", "en", "during", "in the course of")
DECADE_WORDS = ("the", "les annees", "the decade of the", "la decennie des annees")
#: "the 2027 second quarter": an article before a year before an ordinal quarter or half.
QUARTER_BEFORE = ("next", "the", "le", "la", "l", "les", "in the")
ELLIPTIC = ("next", "the next one", "the following", "the following one", "the one after", "the one after that",
            "prochain", "prochaine", "la suivante", "le suivant", "celle d apres", "celui d apres",
            "l annee d apres", "l annee suivante", "l an d apres", "the year after", "the year after that",
            "the month after", "le mois suivant", "le mois d apres", "the quarter after", "le trimestre suivant",
            "the following year", "the following month", "the following quarter", "the week after",
            "la semaine suivante", "the day after", "le lendemain", "the next year", "the next month",
            "the next quarter")

# -- refused: two common readings ---------------------------------------------------------

#: Phrases with two common readings that give different days, and the readings, named in the error.
AMBIGUOUS = [
    *((p, "it reads as 30 days from the day said, or as the end of this month") for p in (
        "within the month", "dans le mois", "in the month", "within a month s time", "sous le mois")),
    *((p, "it reads as 12 months from the day said, or as the end of this year") for p in (
        "within the year", "dans l annee", "dans l an", "sous l annee")),
    *((p, "it reads as 10 years from the day said, or as the end of this decade") for p in (
        "within the decade", "dans la decennie", "within this decade")),
    *((p, "it reads as 7 days from the day said, or as the end of this week") for p in (
        "within the week", "dans la semaine")),
    *((p, "it reads as 12 months from the day said, or as the next calendar year") for p in (
        "over the coming year", "in the coming year", "the coming year", "during the coming year",
        "l annee a venir", "l annee qui vient", "dans l annee qui vient", "au cours de l annee a venir",
        "dans l annee a venir", "the year ahead", "in the year ahead", "over the year ahead")),
    *((p, "a fiscal year depends on the company's fiscal calendar, which the phrase does not give") for p in (
        "fy", "fiscal", "fiscal year", "the fiscal year", "exercice", "l exercice", "exercice fiscal",
        "annee fiscale", "l annee fiscale", "exercice budgetaire")),
    *((p, "a holiday whose date differs by country (or by church) is not dated by the grammar") for p in (
        "labor day", "labour day", "memorial day", "easter", "paques", "mother s day", "father s day",
        "fete des meres", "fete des peres", "boxing day", "thanksgiving canada", "la rentree", "rentree",
        "victoria day", "pentecost", "la pentecote", "l ascension", "whitsun", "chinese new year",
        "lunar new year", "ramadan", "diwali")),
    *((p, "it is tied to an event the grammar cannot date; give the event's date") for p in (
        "google i o", "i o", "google i / o", "i / o", "wwdc", "ces", "build", "microsoft build", "computex", "gtc", "nvidia gtc",
        "dev day", "devday", "openai devday", "re invent", "reinvent", "neurips", "vivatech", "mwc",
        "the next earnings call", "earnings", "the election", "the elections", "the ipo", "l ipo",
        "the super bowl", "the olympics", "les jeux olympiques", "the launch", "le lancement", "the release",
        "ignite", "dreamforce", "web summit", "the keynote", "launch event", "the event")),
]
#: Before a refused phrase: "by Google I/O", "in FY2027", "d'ici la rentrée".
AMBIGUOUS_BEFORE = ("by", "before", "in", "at", "for", "during", "over", "until", "ahead of", "in time for", "d ici",
                    "d ici la", "d ici le", "avant", "pour", "en", "au", "a", "lors de", "au cours de", "pendant",
                    "within", "sometime in", "the", "la", "le", "l", "de l")

# -- context in running text --------------------------------------------------------------

#: After a time that names its year, words that make it the subject of a future clause ("2027 will be the
#: year", "2025 sera une année cruciale", "2026 is expected to see"): the time is a deadline (hedges such as
#: "likely" are read apart, so "is likely to" reads as "is to").
FUTURE_AFTER = ("will", "will be", "would", "would be", "won t", "is expected to", "is set to", "is going to",
                "is to", "is poised to", "should", "could", "is shaping up", "promises to", "looks set to",
                "is when", "will see", "sera", "serait", "seront", "devrait", "devraient", "va", "verra",
                "pourrait", "marquera", "s annonce", "doit", "devra")
#: Adverbs between such a time and its future verb ("2027 also will be", "2026 aussi sera", "2025 then
#: should"); hedges ("really", "probably") are read apart already.
FUTURE_ADVERBS = ("also", "again", "then", "finally", "truly", "certainly", "surely", "definitely", "indeed",
                  "aussi", "egalement", "enfin", "alors", "donc", "encore", "certainement", "surement",
                  "assurement", "vraiment", "reellement")
#: Before such a time, words that make it the complement of another word ("the class of 2025 will"), not
#: the subject.
FUTURE_NOT_AFTER = frozenset({"of", "de", "d", "du", "des", "for", "pour", "since", "depuis", "than", "after",
                              "apres", "before", "avant", "from", "until", "to", "a", "the", "in"})
#: Between the times of a list ("in 2025 and 2027, respectively").
LIST_JOINS = (",", "and", "et", ", and", ", et", "or", "ou")
#: After a list of times: each time is its own window, the connector before the first one carrying to
#: the others ("in 2025 and 2027, respectively": 2025 for the first thing, 2027 for the second).
RESPECTIVELY = ("respectively", ", respectively", "respectivement", ", respectivement")
#: Days that are deadlines in running text after a word of their clause ("we launch tomorrow", "ce qu'on va
#: lancer demain"), unless that word makes them figurative (``DAY_NOT_AFTER``: "the world of tomorrow",
#: "l'IA de demain", "aujourd'hui et demain") or the day is possessive ("tomorrow's").
DAYS_IN_CLAUSE = ("tomorrow", "tomorrow morning", "tomorrow evening", "tomorrow night", "tomorrow afternoon",
                  "demain", "demain matin", "demain soir", "demain apres midi", "the day after tomorrow",
                  "apres demain")
DAY_NOT_AFTER = frozenset({"of", "de", "d", "du", "des", "and", "et", "or", "ou", "for", "pour", "today", "hui",
                           "hier", "yesterday", "than", "que", "qu", "like", "comme", "the", "le", "la", "l", "a",
                           "s", "world", "monde"})
#: A part of a period ("the second half", "the first quarter", "la seconde moitié") that is followed by one of
#: ``PART_OF`` the grammar did not read is a part of something else ("the second half of the decade", "the
#: first quarter of the fiscal year"): no deadline is found in it.
PART_NOUNS = frozenset({"half", "halves", "quarter", "quarters", "trimestre", "trimestres", "semestre", "semestres",
                        "moitie", "part", "partie", "third", "tiers"})
#: The letters of the business forms of a part ("Q3", "H2", "T3", "S2").
PART_LETTERS = frozenset({"q", "h", "t", "s"})
PART_OF = frozenset({"of", "de", "du", "des", "d"})
#: Hedges that say what the speaker thinks of the whole claim, not of its time ("I think 2027 will be the
#: year", "we hope by June"): in running text they are not taken into the phrase before it.
STANCE_HEDGES = frozenset({"i think", "i believe", "we believe", "we think", "i expect", "we expect", "je pense",
                           "je crois", "nous pensons", "i d say", "i would say", "we hope", "i hope", "on l espere",
                           "on espere", "j espere", "nous l esperons"})
#: The tables of words read only before a phrase, never in one (not in the grammar's vocabulary).
BEFORE_TABLES = ("STARTS_NOT_AFTER", "FUTURE_NOT_AFTER", "DAY_NOT_AFTER")

# -- the scan of running text --------------------------------------------------------------

#: Tables whose words name times, units and vague horizons: every deadline phrase holds one of them (or a
#: digit), so ``find_deadlines`` reads only around them.
ANCHOR_TABLES = ("MONTHS", "WEEKDAYS", "SEASONS", "HOLIDAYS", "DAYS", "SPAN_UNITS", "GRAINS", "VAGUE", "VAGUE_UNITS",
                 "END_ABBREVIATIONS", "TERM_NOUNS", "CONDITIONS", "SAME_DAY", "HALF_WORDS", "CLOCK_WORDS",
                 "DECADE_WORDS")
#: The entries of ``AMBIGUOUS``.  (Not anchors: a refused phrase is never found in running text.)
AMBIGUOUS_WORDS = tuple(entry for entry, _ in AMBIGUOUS)
#: Words of those tables too common in prose to be worth a look: every phrase that holds one also holds
#: another anchor ("the end of the year" holds "year"), or is found through ``ANCHOR_PHRASES``.
NOT_ANCHORS = frozenset({
    # function words and words common in prose
    "the", "and", "for", "one", "may", "new", "eve", "day", "time", "end", "des", "les", "dans", "une", "this",
    "that", "not", "too", "its", "are", "all", "has", "was", "now", "good", "sur", "when", "whenever", "once",
    "after", "nous", "tout", "est", "sont", "sera", "elle", "ils", "can", "they", "que", "qui", "plus",
    "than", "these", "any", "over", "down", "due", "non", "ici", "hui", "cet", "apres", "before", "within",
    "next", "sous", "peu", "tres", "very", "really", "real", "quite", "pretty", "fairly", "relatively", "rather",
    "enough", "come", "coming", "ahead", "course", "order", "line", "road", "matter", "moment", "date",
    "donne", "temps", "utile", "voulu", "venir", "viennent", "quelques", "prochains", "prochaines",
    "prochain", "prochaine", "proche", "profile", "precise", "preciser", "determined", "announced",
    "distant", "pas", "fullness", "thousand", "tot", "court", "moyen", "sometime", "meme", "epoque", "pourrons",
    "quand", "vite", "mid", "near", "short", "long", "run", "medium", "future", "point", "some", "few", "later",
    "term", "terms", "ready", "done", "complete", "completed", "possible", "safe", "finished", "resolved",
    "approved", "achieved", "solved", "feasible", "sure", "fini", "finie", "termine", "terminee",
    # words of holidays, days and halves that never name a time alone
    "fourth", "jour", "premier", "premiere", "saint", "fete", "nationale", "nouvel", "veille", "independence",
    "matin", "morning", "afternoon", "evening", "night", "close", "business", "market", "half", "back", "front",
    "latter", "first", "second", "seconde", "eme", "ere", "calendar", "journee", "journees", "ces", "fin",
    # "été" is also "been", "termes" also "terms" ("en termes de"): found in their phrases (ANCHOR_PHRASES)
    "ete", "termes",
})
#: Short or common anchors found only in these phrases (``NOT_ANCHORS`` leaves "day", "may", "later" and
#: "an" out of the scan).
ANCHOR_PHRASES = ("this half", "next half", "current half", "the half", "un an", "l an", "d un an", "one day", "any day", "a day", "next day", "the day", "this may",
                  "in may", "by may", "of may", "early may", "mid may", "late may", "until may",
                  "before may", "next may", "from may", "end of may", "d ici may", "later this", "later in", "later on", "plus tard",
                  "tot ou tard", "the near future", "the future", "short term", "near term", "long term",
                  "medium term", "long run", "short run", "court terme", "moyen terme", "long terme", "end of day",
                  "year end", "when ready", "when it is ready", "when it s ready", "when it s done",
                  "des que possible", "as soon as possible", "mid day", "day after", "le jour", "plus tot", "au plus vite",
                  "second half", "first half", "back half", "front half", "latter half", "moitie", "later this",
                  "the coming", "near future", "distant future", "premier semestre", "end of the day", "tot ou tard",
                  "sooner or later", "when it is done", "un jour", "any moment", "un de ces jours", "l ete",
                  "cet ete", "d ete", "ete prochain", "ete 2", "ete dernier", "de l ete", "en ete", "court termes",
                  "moyen termes", "long termes", "courts termes", "quand ce sera pret", "when it s ready")

# -- small words of the rules ------------------------------------------------------------------

#: Articles alone ("the year" is this year only where the context says so).
ARTICLES = ("the", "le", "la", "l", "les")
LAST_WORDS = ("last", "dernier")
NEXT_QUARTER = ("next",)
#: "May 3-6", "du 3 au 6 mai": a range of days, read as its last day.
DAY_RANGE_JOINS = ("-", "to", "au", "a", "et le", "and", "through", "thru", "jusqu au", "and the", "to the")
#: "by midnight (on) Friday".
CLOCK_ON = ("on", "le", "ce", "this")
#: After a lower-bound word, what makes it no lower bound ("après-demain" is a day).
LOWER_NOT_BEFORE = ("demain",)
#: "tonight at 11", "demain à 18": a bare hour after these.
CLOCK_BARE_AFTER = ("at", "a", "vers")
#: "next Halloween" (the first one that starts after the day said), "this Thanksgiving".
HOLIDAY_BEFORE = {"next": "next", "this": "this", "this coming": "next", "the next": "next"}
#: "the last weekend of October": a weekend by its Sunday.
WEEKEND_WORDS = ("weekend", "week end", "wkend", "week ends")
