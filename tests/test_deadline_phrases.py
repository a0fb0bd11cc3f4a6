"""The deadline grammar, family by family, English and French (DESIGN.md "Dates and deadlines").

Each table is data: (phrase, day said, last day of the window).  Said-days include
month ends, the leap day 2024-02-29 and 31 December.
"""

import datetime as dt

import pytest

import llmtimeline as lt

D = dt.date
S = "2024-04-09"  # a Tuesday
LEAP = "2024-02-29"
NYE = "2024-12-31"

SPANS = [
    ("within 6 months", "2024-08-31", D(2025, 2, 28)),
    ("in six months", LEAP, D(2024, 8, 29)),
    ("within a year", LEAP, D(2025, 2, 28)),
    ("within 18 months", S, D(2025, 10, 9)),
    ("in 2 years", NYE, D(2026, 12, 31)),
    ("two years from now", S, D(2026, 4, 9)),
    ("18 months from now", "2024-01-31", D(2025, 7, 31)),
    ("in the next 3 months", "2024-11-30", D(2025, 2, 28)),
    ("over the next two years", S, D(2026, 4, 9)),
    ("within the next year", S, D(2025, 4, 9)),
    ("in about two years", S, D(2026, 4, 9)),
    ("in roughly 18 months", S, D(2025, 10, 9)),
    ("within ~6 months", S, D(2024, 10, 9)),
    ("in two years' time", S, D(2026, 4, 9)),
    ("in two years’ time", S, D(2026, 4, 9)),
    ("1 year 2 months", S, D(2025, 6, 9)),
    ("within 1 year and 2 months", "2024-12-31", D(2026, 2, 28)),
    ("a year and a half", S, D(2025, 10, 9)),
    ("within a year and a half", "2024-08-31", D(2026, 2, 28)),
    ("in one and a half years", S, D(2025, 10, 9)),
    ("within 1.5 years", S, D(2025, 10, 9)),
    ("in two and a half years", S, D(2026, 10, 9)),
    ("less than a year", S, D(2025, 4, 9)),
    ("in less than two years", S, D(2026, 4, 9)),
    ("under 6 months", S, D(2024, 10, 9)),
    ("within 48 hours", S, D(2024, 4, 11)),
    ("within 36 hours", S, D(2024, 4, 11)),
    ("in 24h", NYE, D(2025, 1, 1)),
    ("within a week", NYE, D(2025, 1, 7)),
    ("within a fortnight", S, D(2024, 4, 23)),
    ("within a quarter", "2024-11-30", D(2025, 2, 28)),
    ("within a decade", S, D(2034, 4, 9)),
    ("within the next decade", S, D(2034, 4, 9)),
    ("in a couple of weeks", S, D(2024, 4, 23)),
    ("in a couple of years", S, D(2026, 4, 9)),
    ("within twenty four months", S, D(2026, 4, 9)),
    ("in the next 12 months", S, D(2025, 4, 9)),
    ("within half a year", S, D(2024, 10, 9)),
    ("six months out", S, D(2024, 10, 9)),
    ("d'ici 18 mois", S, D(2025, 10, 9)),
    ("d’ici six mois", "2024-08-31", D(2025, 2, 28)),
    ("dans deux ans", LEAP, D(2026, 2, 28)),
    ("sous 48 heures", S, D(2024, 4, 11)),
    ("sous huit jours", S, D(2024, 4, 17)),
    ("dans un délai de trois mois", S, D(2024, 7, 9)),
    ("au cours des trois prochains mois", S, D(2024, 7, 9)),
    ("dans les 12 prochains mois", S, D(2025, 4, 9)),
    ("dans les six mois", S, D(2024, 10, 9)),
    ("en moins de deux ans", S, D(2026, 4, 9)),
    ("en moins d'un an", S, D(2025, 4, 9)),
    ("d'ici un an et demi", S, D(2025, 10, 9)),
    ("dans un an et demi", S, D(2025, 10, 9)),
    ("d'ici deux ans et demi", S, D(2026, 10, 9)),
    ("dans vingt et un jours", S, D(2024, 4, 30)),
    ("d'ici une dizaine de jours", S, D(2024, 4, 19)),
    ("d'ici 1 an et 6 mois", S, D(2025, 10, 9)),
    ("dans les trois prochaines années", S, D(2027, 4, 9)),
    ("sur les 12 prochains mois", S, D(2025, 4, 9)),
    ("avant deux ans", S, D(2026, 4, 9)),
]

RANGES = [
    ("in 2-3 years", S, D(2027, 4, 9)),
    ("in 2 to 3 years", S, D(2027, 4, 9)),
    ("within 12 to 18 months", S, D(2025, 10, 9)),
    ("in 18-24 months", S, D(2026, 4, 9)),
    ("within one or two years", S, D(2026, 4, 9)),
    ("in a year or two", S, D(2026, 4, 9)),
    ("within 6 months or a year", S, D(2025, 4, 9)),
    ("deux à trois ans", S, D(2027, 4, 9)),
    ("d'ici deux à trois ans", S, D(2027, 4, 9)),
    ("dans un an ou deux", S, D(2026, 4, 9)),
    ("d'ici deux ou trois ans", S, D(2027, 4, 9)),
    ("2025 or 2026", S, D(2026, 12, 31)),
    ("by 2025 or 2026", S, D(2026, 12, 31)),
    ("2026-2027", S, D(2027, 12, 31)),
    ("2025-26", S, D(2026, 12, 31)),
    ("next year or the year after", S, D(2026, 12, 31)),
    ("this year or next", S, D(2025, 12, 31)),
    ("this year or next year", S, D(2025, 12, 31)),
    ("between June and August", S, D(2024, 8, 31)),
    ("between 2025 and 2027", S, D(2027, 12, 31)),
    ("June or July", S, D(2024, 7, 31)),
    ("Q3 or Q4", S, D(2024, 12, 31)),
    ("Q3-Q4 2025", S, D(2025, 12, 31)),
    ("late 2025 or early 2026", S, D(2026, 4, 30)),
    ("cette année ou l'année prochaine", S, D(2025, 12, 31)),
    ("entre 2025 et 2027", S, D(2027, 12, 31)),
    ("de juin à août", S, D(2024, 8, 31)),
    ("en 2025 ou 2026", S, D(2026, 12, 31)),
]

NAMED_PERIODS = [
    ("this year", NYE, D(2024, 12, 31)),
    ("this calendar year", S, D(2024, 12, 31)),
    ("the current quarter", S, D(2024, 6, 30)),
    ("this month", LEAP, D(2024, 2, 29)),
    ("this week", S, D(2024, 4, 14)),
    ("this half", S, D(2024, 6, 30)),
    ("by the end of the week", S, D(2024, 4, 14)),
    ("by end of month", "2024-01-31", D(2024, 1, 31)),
    ("by the end of the quarter", "2024-12-31", D(2024, 12, 31)),
    ("before the end of the year", S, D(2024, 12, 31)),
    ("EOY", S, D(2024, 12, 31)),
    ("by EOY", S, D(2024, 12, 31)),
    ("EOY 2025", S, D(2025, 12, 31)),
    ("EOM", LEAP, D(2024, 2, 29)),
    ("EOQ", S, D(2024, 6, 30)),
    ("year-end", S, D(2024, 12, 31)),
    ("by year end", S, D(2024, 12, 31)),
    ("by month-end", S, D(2024, 4, 30)),
    ("by year-end 2025", S, D(2025, 12, 31)),
    ("next year", NYE, D(2025, 12, 31)),
    ("next month", "2024-01-31", D(2024, 2, 29)),
    ("next quarter", "2024-12-31", D(2025, 3, 31)),
    ("next week", S, D(2024, 4, 21)),
    ("by the end of next year", S, D(2025, 12, 31)),
    ("by the end of next month", NYE, D(2025, 1, 31)),
    ("the year after next", S, D(2026, 12, 31)),
    ("the month after next", "2024-12-31", D(2025, 2, 28)),
    ("later this year", S, D(2024, 12, 31)),
    ("later this month", S, D(2024, 4, 30)),
    ("later in the year", S, D(2024, 12, 31)),
    ("later in 2025", S, D(2025, 12, 31)),
    ("late this year", S, D(2024, 12, 31)),
    ("sometime next year", S, D(2025, 12, 31)),
    ("at some point next year", S, D(2025, 12, 31)),
    ("at some point in 2025", S, D(2025, 12, 31)),
    ("over the course of 2025", S, D(2025, 12, 31)),
    ("over the course of the year", S, D(2024, 12, 31)),
    ("sometime in 2026", S, D(2026, 12, 31)),
    ("the rest of the year", S, D(2024, 12, 31)),
    ("for the rest of the year", S, D(2024, 12, 31)),
    ("the second half of the year", S, D(2024, 12, 31)),
    ("the back half of the year", S, D(2024, 12, 31)),
    ("the first half of 2025", S, D(2025, 6, 30)),
    ("in the second half of next year", S, D(2025, 12, 31)),
    ("H1 2025", S, D(2025, 6, 30)),
    ("H2", S, D(2024, 12, 31)),
    ("in H2", "2024-07-01", D(2024, 12, 31)),
    ("by H1", "2024-07-01", D(2025, 6, 30)),
    ("2H 2025", S, D(2025, 12, 31)),
    ("by the end of the decade", S, D(2030, 12, 31)),
    ("by the end of the decade", "2030-06-01", D(2030, 12, 31)),
    ("by the end of the decade", "2031-01-01", D(2040, 12, 31)),
    ("in 2025", S, D(2025, 12, 31)),
    ("by 2030", S, D(2030, 12, 31)),
    ("in the 2030s", S, D(2039, 12, 31)),
    ("cette année", S, D(2024, 12, 31)),
    ("l'année prochaine", NYE, D(2025, 12, 31)),
    ("l’an prochain", S, D(2025, 12, 31)),
    ("le mois prochain", "2024-01-31", D(2024, 2, 29)),
    ("la semaine prochaine", S, D(2024, 4, 21)),
    ("le trimestre prochain", S, D(2024, 9, 30)),
    ("d'ici la fin de l'année", S, D(2024, 12, 31)),
    ("d'ici la fin de l'année prochaine", S, D(2025, 12, 31)),
    ("d’ici à la fin de l’année prochaine", S, D(2025, 12, 31)),
    ("d'ici la fin du mois", LEAP, D(2024, 2, 29)),
    ("avant la fin de l'année", S, D(2024, 12, 31)),
    ("d'ici fin 2025", S, D(2025, 12, 31)),
    ("fin d'année", S, D(2024, 12, 31)),
    ("en fin d'année", S, D(2024, 12, 31)),
    ("à la fin de l'année", S, D(2024, 12, 31)),
    ("plus tard cette année", S, D(2024, 12, 31)),
    ("plus tard dans l'année", S, D(2024, 12, 31)),
    ("dans le courant de l'année", S, D(2024, 12, 31)),
    ("courant 2025", S, D(2025, 12, 31)),
    ("au cours de l'année 2025", S, D(2025, 12, 31)),
    ("le reste de l'année", S, D(2024, 12, 31)),
    ("à l'horizon 2030", S, D(2030, 12, 31)),
    ("à l’horizon 2027", S, D(2027, 12, 31)),
    ("d'ici 2030", S, D(2030, 12, 31)),
    ("au second semestre 2025", S, D(2025, 12, 31)),
    ("au premier semestre", S, D(2024, 6, 30)),
    ("au deuxième semestre de l'année prochaine", S, D(2025, 12, 31)),
    ("S2 2025", S, D(2025, 12, 31)),
    ("d'ici la fin de la décennie", S, D(2030, 12, 31)),
    ("l'année d'après", S, D(2025, 12, 31)),
    ("dans l'année", S, D(2024, 12, 31)),
    ("en 2026", S, D(2026, 12, 31)),
]

BARE_PERIODS = [
    ("by June", S, D(2024, 6, 30)),
    ("by June", "2024-06-30", D(2024, 6, 30)),
    ("by June", "2024-07-01", D(2025, 6, 30)),
    ("in March", NYE, D(2025, 3, 31)),
    ("in February", "2024-01-31", D(2024, 2, 29)),
    ("next June", S, D(2024, 6, 30)),  # the first June that starts after the day said
    ("next June", "2024-06-01", D(2025, 6, 30)),
    ("next June", "2024-05-31", D(2024, 6, 30)),
    ("June next year", S, D(2025, 6, 30)),
    ("in June of next year", S, D(2025, 6, 30)),
    ("June 2025", S, D(2025, 6, 30)),
    ("by September 2025", S, D(2025, 9, 30)),
    ("in Q3", S, D(2024, 9, 30)),
    ("Q1", S, D(2025, 3, 31)),
    ("Q2", S, D(2024, 6, 30)),
    ("by Q4 2025", S, D(2025, 12, 31)),
    ("in the third quarter", S, D(2024, 9, 30)),
    ("the fourth quarter of 2025", S, D(2025, 12, 31)),
    ("in the first quarter of next year", S, D(2025, 3, 31)),
    ("next Q1", NYE, D(2025, 3, 31)),
    ("Q3 '25", S, D(2025, 9, 30)),
    ("3Q 2025", S, D(2025, 9, 30)),
    ("2025-Q3", S, D(2025, 9, 30)),
    ("this fall", S, D(2024, 11, 30)),
    ("this summer", S, D(2024, 8, 31)),
    ("by summer", "2024-08-31", D(2024, 8, 31)),
    ("next spring", S, D(2025, 5, 31)),
    ("next spring", "2024-02-29", D(2024, 5, 31)),
    ("this winter", NYE, D(2025, 2, 28)),
    ("by winter", LEAP, D(2024, 2, 29)),
    ("summer 2025", S, D(2025, 8, 31)),
    ("winter 2025-26", S, D(2026, 2, 28)),
    ("en mars", S, D(2025, 3, 31)),
    ("en mars", "2024-03-31", D(2024, 3, 31)),
    ("d'ici juin", S, D(2024, 6, 30)),
    ("juin prochain", S, D(2024, 6, 30)),
    ("juin prochain", "2024-06-30", D(2025, 6, 30)),
    ("en juin prochain", "2024-05-01", D(2024, 6, 30)),
    ("en juin 2025", S, D(2025, 6, 30)),
    ("juin de l'année prochaine", S, D(2025, 6, 30)),
    ("au printemps", S, D(2024, 5, 31)),
    ("au printemps prochain", S, D(2025, 5, 31)),
    ("au printemps prochain", "2024-02-29", D(2024, 5, 31)),
    ("l'été prochain", S, D(2024, 8, 31)),
    ("l'été prochain", "2024-07-14", D(2025, 8, 31)),
    ("cet automne", S, D(2024, 11, 30)),
    ("cet hiver", S, D(2025, 2, 28)),
    ("d'ici l'automne 2025", S, D(2025, 11, 30)),
    ("au T3", S, D(2024, 9, 30)),
    ("au 4e trimestre", S, D(2024, 12, 31)),
    ("au premier trimestre 2025", S, D(2025, 3, 31)),
    ("au dernier trimestre 2025", S, D(2025, 12, 31)),
]

THIRDS = [
    ("early 2025", S, D(2025, 4, 30)),
    ("mid-2025", S, D(2025, 8, 31)),
    ("mid 2025", S, D(2025, 8, 31)),
    ("mid–2025", S, D(2025, 8, 31)),
    ("late 2025", S, D(2025, 12, 31)),
    ("by mid-year", S, D(2024, 8, 31)),
    ("early next year", S, D(2025, 4, 30)),
    ("by mid next year", S, D(2025, 8, 31)),
    ("late next year", S, D(2025, 12, 31)),
    ("the beginning of next year", S, D(2025, 4, 30)),
    ("the middle of next year", S, D(2025, 8, 31)),
    ("toward the end of 2025", S, D(2025, 12, 31)),
    ("towards the end of the year", S, D(2024, 12, 31)),
    ("early June", S, D(2024, 6, 10)),
    ("mid-June", S, D(2024, 6, 20)),
    ("late June", S, D(2024, 6, 30)),
    ("early next month", "2024-01-31", D(2024, 2, 10)),
    ("mid-February", LEAP, D(2025, 2, 20)),
    ("late February", LEAP, D(2024, 2, 29)),
    ("the end of February", S, D(2025, 2, 28)),
    ("early this month", S, D(2024, 4, 10)),
    ("by the end of Q3", S, D(2024, 9, 30)),
    ("début 2025", S, D(2025, 4, 30)),
    ("mi-2025", S, D(2025, 8, 31)),
    ("mi 2025", S, D(2025, 8, 31)),
    ("fin 2025", S, D(2025, 12, 31)),
    ("début juillet", S, D(2024, 7, 10)),
    ("mi-juin", S, D(2024, 6, 20)),
    ("fin juin", S, D(2024, 6, 30)),
    ("à la mi-juin", S, D(2024, 6, 20)),
    ("au début de l'année prochaine", S, D(2025, 4, 30)),
    ("en début d'année prochaine", S, D(2025, 4, 30)),
    ("courant de l'été", S, D(2024, 8, 31)),
    ("vers la fin de l'année", S, D(2024, 12, 31)),
    ("au milieu de l'année prochaine", S, D(2025, 8, 31)),
    ("d'ici la mi-2025", S, D(2025, 8, 31)),
    ("fin de l'année prochaine", S, D(2025, 12, 31)),
    ("en fin de semaine", S, D(2024, 4, 14)),
]

BEFORE = [
    ("before mid-2025", S, D(2025, 4, 30)),
    ("before 2026", S, D(2025, 12, 31)),
    ("before June", S, D(2024, 5, 31)),
    ("before the summer", S, D(2024, 5, 31)),
    ("before the end of 2025", S, D(2025, 12, 31)),
    ("before the end of next year", S, D(2025, 12, 31)),
    ("before Q3", S, D(2024, 6, 30)),
    ("before late 2025", S, D(2025, 8, 31)),
    ("before the end of the month", LEAP, D(2024, 2, 29)),
    ("before next year", S, D(2024, 12, 31)),
    ("before Christmas", S, D(2024, 12, 24)),
    ("before March 2025", S, D(2025, 2, 28)),
    ("avant 2026", S, D(2025, 12, 31)),
    ("avant l'été", S, D(2024, 5, 31)),
    ("avant la fin de l'année prochaine", S, D(2025, 12, 31)),
    ("avant fin 2025", S, D(2025, 12, 31)),
    ("avant mi-2025", S, D(2025, 4, 30)),
    ("avant juin", S, D(2024, 5, 31)),
    ("avant le 1er juillet", S, D(2024, 6, 30)),
]

DATES = [
    ("2025-06-30", S, D(2025, 6, 30)),
    ("by 2025-06-30", S, D(2025, 6, 30)),
    ("2024-02", S, D(2024, 2, 29)),
    ("May 15", S, D(2024, 5, 15)),
    ("May 15", "2024-05-16", D(2025, 5, 15)),
    ("on May 15", "2024-05-15", D(2024, 5, 15)),
    ("March 3rd", S, D(2025, 3, 3)),
    ("by March 3rd, 2025", S, D(2025, 3, 3)),
    ("June 30, 2025", S, D(2025, 6, 30)),
    ("the 15th of May", S, D(2024, 5, 15)),
    ("15 May 2025", S, D(2025, 5, 15)),
    ("Feb 29", S, D(2028, 2, 29)),
    ("Feb 29", LEAP, D(2024, 2, 29)),
    ("by February 29", "2024-03-01", D(2028, 2, 29)),
    ("7/7", S, D(2024, 7, 7)),
    ("by 11/30/2025", S, D(2025, 11, 30)),
    ("30/11/2025", S, D(2025, 11, 30)),
    ("on 12/25", S, D(2024, 12, 25)),
    ("by 25/12", NYE, D(2025, 12, 25)),
    ("no later than June 30", S, D(2024, 6, 30)),
    ("on or before December 31", NYE, D(2024, 12, 31)),
    ("until January 1", NYE, D(2025, 1, 1)),
    ("between now and June 30", S, D(2024, 6, 30)),
    ("between now and the end of the year", S, D(2024, 12, 31)),
    ("Tuesday, May 14", S, D(2024, 5, 14)),
    ("by the 15th", S, D(2024, 4, 15)),
    ("by the 15th", "2024-04-16", D(2024, 5, 15)),
    ("le 30 juin 2025", S, D(2025, 6, 30)),
    ("le 1er mars", S, D(2025, 3, 1)),
    ("au plus tard le 30 juin", S, D(2024, 6, 30)),
    ("d'ici le 15 mai", S, D(2024, 5, 15)),
    ("le deux mars 2025", S, D(2025, 3, 2)),
    ("jusqu'au 31 décembre", NYE, D(2024, 12, 31)),
    ("le 31 mai", "2024-05-31", D(2024, 5, 31)),
    ("pour le 15 septembre", S, D(2024, 9, 15)),
    ("vendredi 14 juin 2024", S, D(2024, 6, 14)),
]

DAYS_AND_HOLIDAYS = [
    ("today", S, D(2024, 4, 9)),
    ("by tonight", NYE, D(2024, 12, 31)),
    ("tomorrow", NYE, D(2025, 1, 1)),
    ("by tomorrow", LEAP, D(2024, 3, 1)),
    ("the day after tomorrow", "2024-02-28", D(2024, 3, 1)),
    ("by the end of the day", S, D(2024, 4, 9)),
    ("by end of day", S, D(2024, 4, 9)),
    ("EOD", S, D(2024, 4, 9)),
    ("on Monday", S, D(2024, 4, 15)),
    ("by Wednesday", S, D(2024, 4, 10)),
    ("by Tuesday", S, D(2024, 4, 9)),
    ("next Tuesday", S, D(2024, 4, 16)),
    ("Friday next week", S, D(2024, 4, 19)),
    ("this Friday", S, D(2024, 4, 12)),
    ("d'ici mardi", "2024-04-10", D(2024, 4, 16)),
    ("lundi", S, D(2024, 4, 15)),
    ("lundi prochain", S, D(2024, 4, 15)),
    ("mardi prochain", S, D(2024, 4, 16)),
    ("jeudi de la semaine prochaine", S, D(2024, 4, 18)),
    ("aujourd'hui", S, D(2024, 4, 9)),
    ("demain", NYE, D(2025, 1, 1)),
    ("après-demain", S, D(2024, 4, 11)),
    ("d'ici ce soir", S, D(2024, 4, 9)),
    ("by Christmas", S, D(2024, 12, 25)),
    ("by Christmas", "2024-12-26", D(2025, 12, 25)),
    ("Christmas 2025", S, D(2025, 12, 25)),
    ("by New Year's Day", NYE, D(2025, 1, 1)),
    ("by New Year’s Day", S, D(2025, 1, 1)),
    ("by Thanksgiving", S, D(2024, 11, 28)),
    ("Thanksgiving 2025", S, D(2025, 11, 27)),
    ("by Independence Day", S, D(2024, 7, 4)),
    ("by the Fourth of July", "2024-07-05", D(2025, 7, 4)),
    ("pour Noël", S, D(2024, 12, 25)),
    ("d'ici Noël", NYE, D(2025, 12, 25)),
    ("le 14 juillet", S, D(2024, 7, 14)),
    ("d'ici le 14 juillet", "2024-07-15", D(2025, 7, 14)),
    ("au nouvel an", S, D(2025, 1, 1)),
    ("by Halloween", S, D(2024, 10, 31)),
]

HEDGED = [
    ("d'ici un mois, voire moins", S, D(2024, 5, 9)),
    ("within a month or even sooner", S, D(2024, 5, 9)),
    ("by June at the latest", S, D(2024, 6, 30)),
    ("by June at the very latest", S, D(2024, 6, 30)),
    ("au plus tard en 2026", S, D(2026, 12, 31)),
    ("en 2026 au plus tard", S, D(2026, 12, 31)),
    ("probably next year", S, D(2025, 12, 31)),
    ("probablement l'an prochain", S, D(2025, 12, 31)),
    ("hopefully by the end of the year", S, D(2024, 12, 31)),
    ("roughly two years", S, D(2026, 4, 9)),
    ("about 6 months", S, D(2024, 10, 9)),
    ("around mid-2025", S, D(2025, 8, 31)),
    ("~2026", S, D(2026, 12, 31)),
    ("by ~Q3", S, D(2024, 9, 30)),
    ("by the end of the year if all goes well", S, D(2024, 12, 31)),
    ("next year, if not sooner", S, D(2025, 12, 31)),
    ("in two years, perhaps earlier", S, D(2026, 4, 9)),
    ("next month or so", S, D(2024, 5, 31)),
    ("2025-ish", S, D(2025, 12, 31)),
    ("d'ici 2027, si tout va bien", S, D(2027, 12, 31)),
    ("dans environ deux ans", S, D(2026, 4, 9)),
    ("vers 2030", S, D(2030, 12, 31)),
    ("dans un an maximum", S, D(2025, 4, 9)),
    ("sans doute d'ici la fin de l'année", S, D(2024, 12, 31)),
    ("within a year — maybe sooner", S, D(2025, 4, 9)),
    ("BY THE END OF NEXT YEAR", S, D(2025, 12, 31)),
    ("d\u2019ici\u00a0la fin de l\u2019année", S, D(2024, 12, 31)),
    ("By  June ,  2025", S, D(2025, 6, 30)),
]

EXAMPLES = SPANS + RANGES + NAMED_PERIODS + BARE_PERIODS + THIRDS + BEFORE + DATES + DAYS_AND_HOLIDAYS + HEDGED

# phrase, day said, soft horizon in months (None: none)
VAGUE = [
    ("soon", S, 6), ("very soon", NYE, 6), ("shortly", S, 6), ("bientôt", LEAP, 6), ("prochainement", S, 6),
    ("in short order", S, 6), ("très bientôt", S, 6), ("soon, hopefully", S, 6),
    ("in the coming days", S, 1), ("any day now", S, 1), ("imminently", S, 1), ("dans les prochains jours", S, 1),
    ("sous peu", S, 1), ("in the next few days", S, 1),
    ("in the coming weeks", S, 3), ("within weeks", S, 3), ("in a few weeks", S, 3),
    ("d'ici quelques semaines", S, 3), ("dans les prochaines semaines", S, 3), ("in the next few weeks", S, 3),
    ("dans les semaines à venir", S, 3), ("over the coming weeks", "2024-08-31", 3),
    ("in the coming months", S, 12), ("within months", S, 12), ("in a few months", S, 12),
    ("dans les prochains mois", S, 12), ("in the near future", S, 12), ("à court terme", S, 12),
    ("dans les mois à venir", S, 12), ("au cours des prochains mois", S, 12), ("in the next several months", S, 12),
    ("dans quelques mois", S, 12), ("in the months ahead", S, 12),
    ("eventually", S, None), ("one day", S, None), ("à terme", S, None), ("à moyen terme", S, None),
    ("in the long run", S, None), ("on the horizon", S, None), ("à l'horizon", S, None),
    ("in a few thousand days", S, None), ("in the coming years", S, None), ("later", S, None),
    ("sooner or later", S, None), ("tôt ou tard", S, None), ("someday", S, None),
    ("when it is ready", S, None), ("when it's ready", S, None), ("as soon as possible", S, None),
    ("dès que possible", S, None), ("quand ce sera prêt", S, None), ("ASAP", S, None),
    ("not before 2026", S, None), ("no earlier than 2026", S, None), ("après 2026", S, None),
    ("pas avant 2026", S, None), ("2026 at the earliest", S, None), ("2027 au plus tôt", S, None),
    ("after next year", S, None), ("not until 2027", S, None),
    # joined terms take the later horizon (medium and long have none)
    ("à moyen et court termes", S, None), ("à court et moyen terme", S, None), ("in the short to medium term", S, None),
    ("à court ou moyen terme", S, None), ("short- and long-term", S, None), ("à court, moyen et long terme", S, None),
    ("in the near to medium term", S, None), ("in the short and near term", S, 12), ("à très court et court terme", S, 12),
]

BAD_EXAMPLES = [
    # past references
    "last year", "last month", "yesterday", "il y a deux semaines", "l'an dernier", "l'année dernière",
    "two years ago", "hier", "earlier this year", "since 2020", "la semaine dernière",
    # punctuation alone, hedges alone, nonsense
    ".", ";", "!!!", "-", "—", "?", "...", "probably", "at the latest", "blah", "when pigs fly",
    "d'ici la saint-glinglin", "within a month, voire deux", "by Octember", "we", "Sam", "42",
    # impossible or undecided dates
    "by June 31", "Q5", "Q0 2025", "2024-13", "February 30", "7/8", "31/31/2025", "Feb 29 2025",
    "winter 2025", "early Q3", "next decade", "by Tuesday, May 15, 2024",
]


def _ids(table):
    return [f"{p}@{s}" for p, s, _ in table]


@pytest.mark.parametrize(("phrase", "said", "latest"), EXAMPLES, ids=_ids(EXAMPLES))
def test_phrase_ends_on_the_last_day_of_its_window(phrase, said, latest):
    window = lt.parse_deadline(phrase, said=said)
    assert (window.latest, window.vague, window.horizon) == (latest, False, None)
    assert window.phrase == phrase
    assert window.kind in ("date", "span", "period")


@pytest.mark.parametrize(("phrase", "said", "months"), VAGUE, ids=_ids(VAGUE))
def test_vague_phrase_has_no_day_and_its_soft_horizon(phrase, said, months):
    window = lt.parse_deadline(phrase, said=said)
    assert window.vague and window.latest is None and window.kind == "vague"
    day = lt.parse_date(said).latest
    expected = None if months is None else lt.parse_deadline(f"within {months} months", said=day).latest
    assert window.horizon == expected


@pytest.mark.parametrize("phrase", BAD_EXAMPLES)
def test_not_a_deadline_is_an_error_naming_the_phrase(phrase):
    with pytest.raises(lt.DeadlineError) as info:
        lt.parse_deadline(phrase, said=S)
    assert info.value.phrase == phrase
    assert repr(phrase) in str(info.value)
    assert info.value.reason


@pytest.mark.parametrize(("phrase", "reason"), [
    ("by June 31", "June 31 is not a day of the calendar"),
    ("Q5", "Q5 is not a quarter: quarters run from Q1 to Q4"),
    ("last year", "refers to the past: not a deadline"),
    (".", "punctuation alone is not a deadline"),
    ("at the latest", "a hedge alone ('probably', 'at the latest') is not a deadline"),
    ("7/8", "7/8 could be day/month or month/day: write the month in words or an ISO date"),
])
def test_refusals_say_why(phrase, reason):
    with pytest.raises(lt.DeadlineError) as info:
        lt.parse_deadline(phrase, said=S)
    assert info.value.reason == reason


def test_kinds():
    assert lt.parse_deadline("May 15, 2025").kind == "date"
    assert lt.parse_deadline("within 18 months", said=S).kind == "span"
    assert lt.parse_deadline("by the end of next year", said=S).kind == "period"
    assert lt.parse_deadline("soon", said=S).kind == "vague"


def test_a_soft_horizon_needs_the_day_said_but_no_horizon_does_not():
    with pytest.raises(lt.DeadlineError, match="said="):
        lt.parse_deadline("in the coming weeks")
    assert lt.parse_deadline("eventually").vague


def test_a_very_long_phrase_is_refused_at_once():
    with pytest.raises(lt.DeadlineError, match="too long"):
        lt.parse_deadline("within " + "very " * 20_000 + "soon", said=S)


# -- properties -----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402 - the properties come after the tables
from hypothesis import strategies as st  # noqa: E402

#: Pieces of the grammar's own vocabulary, to build near-miss phrases from.
PIECES = sorted({w for p, _, _ in EXAMPLES + VAGUE for w in p.split()} | {"31", "29", "13", "0", "9999", "/", "-", ",",
                                                                          "Q5", "H3", "last", "ago", "not", "~"})


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.sampled_from([S, LEAP, NYE, "9999-12-31", "0001-01-01"]))
def test_near_miss_phrases_raise_nothing_but_a_deadline_error(words, said):
    phrase = " ".join(words)
    try:
        window = lt.parse_deadline(phrase, said=said)
    except lt.Error as exc:
        assert isinstance(exc, lt.DeadlineError) and exc.phrase == phrase
        return
    day = lt.parse_date(said).latest
    assert window.latest is None or window.kind == "date" or window.latest >= day
    assert window.vague == (window.latest is None) or window.kind == "none"


@given(st.text(max_size=80), st.sampled_from([S, NYE]))
def test_any_text_raises_nothing_but_a_deadline_error(text, said):
    try:
        lt.parse_deadline(text, said=said)
    except lt.Error as exc:
        assert isinstance(exc, lt.DeadlineError)


@given(st.lists(st.tuples(st.sampled_from([p for p, _, _ in EXAMPLES + VAGUE] + ["by June 31", "within 6 weeks ago"]),
                          st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31))), min_size=1, max_size=12))
@settings(max_examples=40)
def test_a_loaded_table_reads_each_deadline_as_parse_deadline_does(rows):
    """The loader reads a phrase from many days at once; each row gets what parse_deadline gives it alone."""
    import pandas as pd

    table = pd.DataFrame({"id": [f"c{k}" for k in range(len(rows))], "type": "prediction",
                          "date": [d.isoformat() for _, d in rows], "actor": "Meta", "expects": "release llama-9",
                          "deadline": [p for p, _ in rows], "title": "Llama 9", "source": "Reuters"})
    expected = {}
    for k, (phrase, day) in enumerate(rows):
        try:
            expected[f"c{k}"] = lt.parse_deadline(phrase, said=day)
        except lt.DeadlineError as exc:
            expected[f"c{k}"] = exc.reason
    tl = lt.load(table, errors="keep")
    problems = tl.problems
    assert set(problems["column"]) <= {"deadline"}
    refused = dict(zip(problems["id"], problems["reason"], strict=True))
    typed = tl.typed.set_index(tl.cells["id"].to_numpy())

    def day(number):
        return None if number == lt.dates.NO_DAY else lt.dates.EPOCH + dt.timedelta(days=int(number))

    for claim_id, row in typed.iterrows():
        window = expected.pop(claim_id)
        assert not isinstance(window, str), (claim_id, window)
        assert (day(row["deadline"]), bool(row["vague"]), day(row["horizon"])) == (window.latest, window.vague,
                                                                                   window.horizon)
    assert refused == expected  # the rows left out were refused, each with parse_deadline's reason
