"""Clauses of a sentence, and what the clause holding a deadline phrase says: its tense, a condition, a question.

A sentence is cut into *coordinated parts* at ``;``, ``:``, dashes and the
conjunctions that join two statements (", and", "but", "while", "et", "mais",
"alors que"...), and each part into *clauses* at commas, brackets and the words
that open a subordinate clause ("that", "which", "que", "qui", "when"...).  The
decision for a phrase is taken on the clause that holds it:

* **tense**: a future or reported-future marker of that clause ("will", "would",
  "to be", "is to", "is expected to", "plans to", "sera", "devrait", "prévoit de",
  "va" + infinitive, the future and conditional of French verbs) makes it forward;
  else a past marker of that clause ("was", "had", "has been", a verb of the past
  lexicon, "a lancé", "avait donné", the passé simple, the imparfait) makes it
  past.  A clause with neither takes the markers of its coordinated part; the
  reporting verb of another part ("avait déclaré Zuckerberg") does not count.  Markers are *verb forms*, read from
  verb lexicons and auxiliaries, never from a word's ending alone: "contenus" is a
  noun, not a participle.
* **condition**: "if", "unless", "si" + clause, "à condition que", "depends on" in
  the coordinated part that holds the phrase ("if" in another part does not count).
* **question**: the sentence ends with "?" (an emoji or a "??" in the middle is
  no question).

Every function looks at a bounded window around the phrase, so a sentence of any
length costs time in proportion to its length.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from ._language import words

__all__ = ["Clauses", "is_question", "past_reference"]

WINDOW = 400  # characters on each side of a phrase that a clause may reach

_PART_STOP = re.compile(  # the lookahead of first characters only skips, fast, where no stop can start
    r"(?=[;:–—.!?…,bm()\[\]\s])(?:"
    r"[;:–—]|[.!?…](?=\s)|\s-\s|,?\s(?=[abtwoem])(?:and|but|while|whereas|though|although|et|mais|alors que|tandis que|or|ou)\s"
    r"|\b(?=[bm])(?:but|mais)\b|[()\[\]])")  # matched on the lower-cased sentence
_CLAUSE_STOP = re.compile(
    r"(?=[,twbsaqlcpdoé«»“”\"])(?:,|\b(?=[twbsaqlcpdoé])(?:that|which|who|when|where|because|after|before|since|que|qu['’]|qui|lorsque|quand|car|parce que|"
    r"après|avant que|puisque|dont|où)\b|[«»“”\"])")  # matched on the lower-cased sentence (same length)


class Clauses:
    """The coordinated parts and clauses of one sentence, found once, looked up per phrase."""

    def __init__(self, sentence: str) -> None:
        from ._cues import quoted_spans

        self.sentence = sentence
        low = sentence.lower()
        if len(low) != len(sentence):  # a letter whose lower case is longer ("İ"): match the sentence as written
            low = sentence
        self._parts = _cuts(_PART_STOP, low)
        self._clauses = sorted(set(self._parts) | set(_cuts(_CLAUSE_STOP, low)))
        self._quotes = quoted_spans(sentence)

    @property
    def quotes(self) -> list[tuple[int, int]]:
        """The spans of the sentence's quoted words (see :func:`._cues.quoted_spans`), read once."""
        return self._quotes

    def _quote_of(self, start: int, end: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self._quotes, (start, len(self.sentence) + 1))
        if k and self._quotes[k - 1][0] <= start and end <= self._quotes[k - 1][1]:
            return self._quotes[k - 1]
        return None

    def part(self, start: int, end: int) -> tuple[int, int]:
        """The coordinated part around ``sentence[start:end]`` (at most :data:`WINDOW` each side)."""
        return _around(self._parts, start, end, len(self.sentence))

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``sentence[start:end]`` (at most :data:`WINDOW` each side)."""
        return _around(self._clauses, start, end, len(self.sentence))

    def tense(self, start: int, end: int, lang: str, blank: list[tuple[int, int]]) -> str:
        """``"future"``, ``"past"`` or ``""`` for the phrase at ``sentence[start:end]``: the markers
        of its clause, else of its coordinated part (phrases in
        ``blank`` are not read: "next month" is no verb).

        >>> c = Clauses("Meta, which released Llama 2 in July, will ship Llama 3 by June.")
        >>> c.tense(56, 63, "en", []), c.tense(29, 36, "en", [])
        ('future', 'past')
        """
        signals = _fr_signals if lang == "fr" else _en_signals
        if lang != "fr" and _governed_by_to(self.sentence, start):
            return "future"
        if lang == "fr" and _POUR_ETRE_BEFORE.search(self.sentence, max(0, start - 60), start) is not None:
            return "future"  # "bien parti pour être présenté lors du second semestre": an aim, reported
        if not _FORWARD_IN_PHRASE.isdisjoint(words(self.sentence[start:end])):
            return "future"  # "slated for mid-2026", "prévue pour mars": the phrase itself looks forward
        quote = self._quote_of(start, end)
        if quote is not None:  # the quoted words are the speaker's: their own clauses decide
            spans = [(max(a, quote[0]), min(b, quote[1])) for a, b in (self.clause(start, end), self.part(start, end))]
            hidden = blank
        else:  # words quoted elsewhere in the sentence are someone else's clauses
            n = len(self.sentence)
            spans = [self.clause(start, end), self.part(start, end), (max(0, start - WINDOW), min(n, end + WINDOW))]
            k = bisect.bisect_left(self._quotes, (start - 2 * WINDOW, 0))
            near = [q for q in self._quotes[k:k + 64] if q[1] > start - WINDOW and q[0] < end + WINDOW]
            hidden = sorted(_near(blank, start, end) + near) if near else blank
        seen: set[tuple[int, int]] = set()
        for a, b in spans:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            text = _blanked(self.sentence, a, b, hidden)
            past, future = signals(words(text))
            if future:
                return "future"
            if past:
                return "past"
        return ""

    def condition(self, start: int, end: int, blank: list[tuple[int, int]]) -> bool:
        """True when the coordinated part holding the phrase states a condition.

        >>> s = "Meta will ship Llama 3 by June, and if it works, it will open it by 2027."
        >>> Clauses(s).condition(23, 30, []), Clauses(s).condition(65, 72, [])
        (False, True)
        >>> Clauses("If the tests go well, Meta will ship Llama 3 within a month.").condition(45, 59, [])
        True
        """
        a, b = self.part(start, end)
        participle = _PARTICIPLE_CLAUSE.search(self.sentence, end, b)
        if participle is not None:  # ", raising the risk ... unless ...": the condition is that clause's own
            b = participle.start()
        if not is_condition(_blanked(self.sentence, a, b, blank)):
            return False
        c, d = self.clause(start, end)
        opening = words(self.sentence[c:min(d, c + 12)])
        if opening[:1] not in (["if"], ["si"], ["s'"]):
            return True
        rest = _blanked(self.sentence, a, c, blank) + " " + _blanked(self.sentence, d, b, blank)
        tokens = words(rest)
        return _en_signals(tokens)[1] or _fr_signals(tokens)[1] or not rest.strip(" ,")


# A participle clause after a comma ("..., raising the risk of ..."): it qualifies what precedes it.
_PARTICIPLE_CLAUSE = re.compile(r",[ \u00a0]+(?!(?:assuming|depending|pending|during|bring|sing|thing|nothing|something|anything|everything)\b)"
                                r"[^\W\d_]{3,}ing\b", re.IGNORECASE)


_BETWEEN = re.compile(r"\b(?:between|entre)[ \u00a0](?:[^,;:.!?()]|[.,](?=\d))*$")  # matched on the lower-cased sentence


def _cuts(pattern: re.Pattern[str], sentence: str) -> list[int]:
    """Boundary positions: 0, the start and end of every stop, the length."""
    cuts = [0]
    for match in pattern.finditer(sentence):
        if match.group().strip(" ,\u00a0") in ("and", "et") and _BETWEEN.search(sentence, max(0, match.start() - 60),
                                                                                 match.start()):
            continue  # "between $115 billion and $135 billion": one range, no second clause
        cuts += [match.start(), match.end()]
    cuts.append(len(sentence))
    return cuts


def _around(cuts: list[int], start: int, end: int, n: int) -> tuple[int, int]:
    k = bisect.bisect_right(cuts, start)
    a = cuts[k - 1] if k else 0
    m = bisect.bisect_left(cuts, end)
    b = cuts[m] if m < len(cuts) else n
    return max(a, start - WINDOW), min(b, end + WINDOW)


def _near(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the sorted ``spans`` that may fall in the window around ``start``-``end``."""
    a = bisect.bisect_left(spans, (start - 2 * WINDOW, 0))
    b = bisect.bisect_right(spans, (end + WINDOW, 0))
    return spans[a:b]


def _blanked(sentence: str, a: int, b: int, blank: list[tuple[int, int]]) -> str:
    """``sentence[a:b]`` with the spans of ``blank`` inside it replaced by spaces."""
    k = bisect.bisect_left(blank, (a - WINDOW * 2, 0))
    pieces, cursor = [], a
    while k < len(blank) and blank[k][0] < b:
        s, e = blank[k]
        s, e = max(s, a), min(e, b)
        if s > cursor:
            pieces.append(sentence[cursor:s])
        if e > s:
            pieces.append(" " * (e - max(s, cursor)) if e > cursor else "")
            cursor = max(cursor, e)
        k += 1
    pieces.append(sentence[cursor:b])
    return "".join(pieces)


def is_question(sentence: str) -> bool:
    """True when the sentence asks: its last mark, before closing quotes, is "?".

    An emoji before the marks, or a detached "??" (an emoji lost to an encoding) in a
    sentence that asks nothing, is no question.

    >>> is_question("Will GPT-5 ship this year?"), is_question("OpenAI lancera-t-il GPT-5 d'ici juin ?")
    (True, True)
    >>> is_question("GPT-5 ships this year 🚀??"), is_question("GPT-5 ships this year ??")
    (False, False)
    """
    text = sentence.rstrip(" \u00a0\u202f»”\"')]")
    if not text.endswith("?"):
        return False
    marks = len(text) - len(text.rstrip("?"))
    before = text[:-marks].rstrip(" \u00a0\u202f")
    if before and unicodedata.category(before[-1]) in ("So", "Sk", "Cs", "Co"):
        return False
    if marks >= 2 and text[-marks - 1] in " \u00a0\u202f":
        return bool(_ASKS.search(sentence[:300]))
    return True


_ASKS = re.compile(r"^\W*(?:who|what|when|where|why|how|will|would|can|could|do|does|did|is|are|should|qui|que|quoi|quand|"
                   r"comment|pourquoi|où|combien|quel|quelle|quels|quelles|est-ce)\b|-t-(?:il|elle|on)\b|\w-(?:il|elle|ils|elles)\b",
                   re.IGNORECASE)


# -- past references of the phrase itself --------------------------------------------

_PAST_AFTER = re.compile(r"^[ \u00a0]*(?:dernier|dernière|derniers|dernières|passé|passée|précédent|précédente|ago|earlier|before)\b",
                         re.IGNORECASE)
_PAST_BEFORE = re.compile(r"(?:\bil y a|\bdepuis|\bsince|\blast|\bago)[ \u00a0]*$", re.IGNORECASE)
# Verbs that narrate a past event when their participle stands right before a date ("lancée en février",
# "released in July"): a lexicon of verbs, so that a noun ending like a participle ("contenus") is no verb.
_EN_DONE = ("released launched unveiled introduced announced shipped published debuted founded created acquired raised "
            "reported posted signed opened closed completed finished started began begun made built trained delivered "
            "presented revealed filed approved passed adopted enacted held hosted issued rolled unveiled discontinued "
            "retired deprecated sold bought merged listed valued priced updated upgraded released").split()
_FR_DONE_STEMS = ("lancé sorti publié dévoilé présenté annoncé déployé introduit fondé créé racheté levé signé ouvert fermé "
                  "achevé terminé commencé débuté entraîné livré mis adopté voté approuvé tenu organisé révélé acquis "
                  "vendu conclu rendu proposé mis à jour inauguré dévoilé").split()
# Irregular participles that narrate only after "has"/"have" ("Acme has become a key player in two years"): alone
# they are presents and infinitives too ("costs become lower").
_HAVE_DONE = frozenset("become grown gone come seen taken given done risen fallen won lost spent left run got gotten "
                       "shown known led brought kept sent drawn driven grown overtaken undergone".split())
_DONE = frozenset(_EN_DONE) | frozenset(f"{s}{e}" for s in _FR_DONE_STEMS for e in ("", "e", "s", "es"))
# Future-minded participles and auxiliaries: "attendu pour mars", "expected in 2027", "to be released in 2027".
_FUTURE_BEFORE = re.compile(
    r"\b(?:sera|seront|serait|seraient|être|will|would|be|to|va|vont|devrait|devraient|doit|doivent|could|might|may|"
    r"should|shall|pourrait|pourraient)\b", re.IGNORECASE)
_PREPOSITIONS = frozenset("in on en le au by at dans".split())
_WORD_TOKEN = re.compile(r"[\w'’-]+")


def past_reference(sentence: str, start: int, end: int) -> bool:
    """True when the phrase at ``sentence[start:end]`` names the past: "last month", "il y a deux
    ans", "since 2023", or a date right after a participle of the past lexicon ("lancée en février",
    "released in July"), unless a future auxiliary governs it ("will be released in June").

    >>> past_reference("Comme la première version lancée en février, Llama 2 est ouvert.", 33, 43)
    True
    >>> past_reference("Les contenus en 2027 seront nombreux.", 13, 20)
    False
    >>> past_reference("Llama 4 is to be released in 2027.", 26, 33)
    False
    """
    if _PAST_AFTER.match(sentence[end:end + 20]) or _PAST_BEFORE.search(sentence[max(0, start - 12):start]):
        return True
    before = sentence[max(0, start - 60):start]
    if not before or before[-1] not in " \u00a0":
        return False
    tokens = before.split()
    if tokens and tokens[-1] in _PREPOSITIONS and len(tokens) > 1:
        tokens.pop()
    if not tokens or tokens[-1].casefold() not in _DONE or not _WORD_TOKEN.fullmatch(tokens[-1]):
        return False
    aux = tokens[-2].casefold() if len(tokens) > 1 and _WORD_TOKEN.fullmatch(tokens[-2]) else ""
    governed = before[:before.rfind(tokens[-1])]
    return not (_FUTURE_BEFORE.search(governed[-25:]) or aux in ("be", "être", "been"))


# -- conditions ------------------------------------------------------------------

_EN_CONDITION = frozenset({"if", "unless"})
_EN_CONDITION_PAIRS = frozenset({("provided", "that"), ("as", "long"), ("only", "if"), ("in", "case")})
_NOT_CONDITION_BEFORE = frozenset({"even", "as", "même", "what"})
# After "si", these begin a clause: "si les offres...", "si un modèle...", "si Meta...".
_FR_CLAUSE_START = frozenset(
    "le la les l' un une des on nous vous je tu il ils elle elles ce c' cet cette ces mon ma mes ton ta tes son sa ses "
    "leur leurs notre nos votre vos tout tous toute toutes rien personne aucun aucune chaque".split()
)
# "nous ne savons pas s'il sera...", "se demande si": an indirect question, not a condition.
_FR_ASK = frozenset("savoir sais sait savons savez savent demande demandent demandait demandaient ignore ignorent "
                    "voir verra reste".split())
_EN_ASK = frozenset("know knows wonder wonders asked ask unclear see whether".split())
_FR_CONDITION_PAIRS = frozenset(
    {("condition", "que"), ("condition", "qu'"), ("moins", "que"), ("moins", "qu'"), ("pourvu", "que"), ("pourvu", "qu'"),
     ("sauf", "si"), ("au", "cas"), ("dans", "l'hypothèse"), ("pour", "peu")}
)
_DEPENDS = frozenset({"dépend", "dépendra", "dépendront", "dépendent", "depends", "depend"})
# The words that alone, and the pairs that together, can make is_condition true (its quick refusal).
_CONDITION_WORDS = _EN_CONDITION | _DEPENDS | frozenset({"si", "s'"})
_CONDITION_PAIRS = _EN_CONDITION_PAIRS | _FR_CONDITION_PAIRS


# "if you look at the rate of progress", "si l'on en croit": the speaker's way of looking, no condition
_LOOKING = frozenset("look looks looking consider compare think ask listen believe extrapolate take regarde regardez "
                     "regardons considère compare croit croire écoute".split())


def _epistemic(tokens: list[str], k: int) -> bool:
    following = tokens[k + 1:k + 5]
    if not following or following[0] not in ("you", "we", "one", "l'", "on", "vous", "nous"):
        return False
    return any(word in _LOOKING for word in following[1:4])


def is_condition(text: str) -> bool:
    """True when ``text`` makes its claim depend on a condition ("if", "si", "unless",
    "à condition que"); "even if" / "même si" and "si" as an adverb ("si importante") are not.

    >>> is_condition("Si les tests sont bons, Llama 3 sortira en juin.")
    True
    >>> is_condition("La recherche ouverte est si importante qu'elle sortira bientôt.")
    False
    """
    tokens = words(text)
    present = set(tokens)
    if present.isdisjoint(_CONDITION_WORDS) and not any(a in present and b in present for a, b in _CONDITION_PAIRS):
        return False  # no word that can open a condition: the loop below would find none
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if before in _NOT_CONDITION_BEFORE or before in _FR_ASK or before in _EN_ASK or (k > 1 and tokens[k - 2] in _FR_ASK):
            continue
        if word in ("if", "si") and _epistemic(tokens, k):
            continue
        if word in _EN_CONDITION or (before, word) in _EN_CONDITION_PAIRS or (word, after) in _EN_CONDITION_PAIRS:
            return True
        if (word, after) in _FR_CONDITION_PAIRS:
            return True
        if word in _DEPENDS and after in ("de", "des", "du", "d'", "on", "upon"):
            return True
        if word == "s'" and after in ("il", "ils"):
            return True
        if word == "si" and after in _FR_CLAUSE_START:
            return True
    return False


# -- tense markers ---------------------------------------------------------------------

_EN_FUTURE = frozenset("will would 'll won't wouldn't shall gonna could might should slated poised".split())
# "to" + one of these verbs looks forward: "the first chip to launch in 2025", "set to arrive by June".
_EN_TO_VERBS = frozenset(
    """launch release ship arrive open start begin reach hit deliver debut roll go be become have make build deploy offer
    introduce unveil come return expand enter complete finish produce sell raise list close double triple grow
    cut add hire invest spend achieve surpass exceed replace power support follow""".split())
_EN_FUTURE_PAIRS = frozenset(
    {("going", "to"), ("plans", "to"), ("plan", "to"), ("planning", "to"), ("planned", "for"), ("expects", "to"),
     ("expect", "to"), ("expected", "to"), ("expected", "in"), ("expected", "by"), ("expected", "later"),
     ("aims", "to"), ("aim", "to"), ("aiming", "to"), ("intends", "to"), ("intend", "to"), ("hopes", "to"),
     ("hope", "to"), ("hoping", "to"), ("set", "to"), ("is", "due"), ("are", "due"), ("due", "to"), ("due", "in"),
     ("due", "by"), ("on", "track"), ("is", "coming"), ("are", "coming"), ("coming", "soon"), ("promises", "to"),
     ("promise", "to"), ("promised", "to"), ("vows", "to"), ("vowed", "to"), ("scheduled", "for"), ("scheduled", "to"),
     ("to", "be"), ("is", "to"), ("are", "to"), ("wants", "to"), ("want", "to"), ("looking", "to"), ("preparing", "to"),
     ("prepares", "to"), ("targets", "a"), ("targeting", "a"), ("forecast", "to"), ("forecasts", "that"),
     ("projected", "to"), ("anticipates", "that"), ("anticipated", "to"), ("likely", "to"), ("predicts", "that"),
     ("predicted", "that"), ("bound", "to"), ("committed", "to"), ("gearing", "up"), ("will", "be"),
     ("preparation", "for"), ("preparing", "for"), ("prepares", "for")}
)
# Verbs that look forward when "to" follows their object: "expects this to rise", "wants the chip to ship".
_EN_EXPECTING = frozenset("expects expect expecting forecasts wants".split())
# Verbs in the present whose object is what they see coming, with or without "to" (none of them a common noun).
_EN_EXPECTS_OBJECT = frozenset("expects expect anticipates anticipate predicts predict foresees foresee envisions "
                               "envisages".split())
_EN_PAST = frozenset(
    """was were had did wasn't weren't hadn't didn't made gave took came went began became showed saw knew thought
    brought built led left met ran sent spent stood won got grew fell rose sold bought paid hit set""".split()
)
_EN_SPEECH = frozenset("said says told tells added adds wrote writes noted notes stated stressed emphasized "
                       "explained argued insisted suggested warned indicated estimated acknowledged".split())
_EN_NOT_PAST_BEFORE = frozenset(
    "the a an most more less very is are am be being been become becomes get gets so too well fully to will would "
    "'s it's has have had "
    # a participle after a possessive or a preposition is an adjective: "its increased investment in 2026"
    "its their his her our your my these those s this of with for".split())
_ED_NOT_VERB = frozenset(
    """need indeed speed embed seed feed breed proceed exceed succeed bed red shed hundred sacred based advanced
    limited related detailed dedicated expected supposed planned scheduled slated interested used skilled
    proposed anticipated projected unprecedented unlimited unexpected""".split()
)
_HAVE = frozenset({"has", "have", "hasn't", "haven't"})
_EN_PASSIVE = frozenset("is are am be being 's isn't aren't get gets".split())
# Words of a deadline phrase that make it look forward whatever its clause narrates.
_FORWARD_IN_PHRASE = frozenset("slated scheduled due expected planned targeted prévu prévue prévus prévues attendu attendue "
                               "attendus attendues programmé programmée programmés programmées".split())
_FR_FUTURE_WORDS = frozenset(
    """sera seront serai serons serez aura auront aurai aurons fera feront ferons pourra pourront pourrons devra
    devront devrons ira iront irons viendra viendront faudra saura sauront voudra voudront verra verront tiendra
    prendra prendront mettra mettront permettra permettront deviendra deviendront prévoit prévoient prévoyons
    compte comptent comptons espère espèrent espérons entend entendent souhaite souhaitent vise visent envisage
    envisagent promet promettent doit doivent devons
    serait seraient aurait auraient pourrait pourraient devrait devraient faudrait voudrait ambitionne ambitionnent
    projette projettent table tablent""".split()
)
_FR_FUTURE_PAIRS = frozenset({("est", "prévu"), ("est", "prévue"), ("sont", "prévus"), ("sont", "prévues"),
                              ("est", "attendu"), ("est", "attendue"), ("sont", "attendus"), ("sont", "attendues"),
                              ("est", "censé"), ("est", "censée"), ("s'engage", "à"), ("s'engagent", "à"),
                              ("s'apprête", "à"), ("s'apprêtent", "à"), ("attendu", "pour"), ("attendue", "pour"),
                              ("prévu", "pour"), ("prévue", "pour"), ("prévus", "pour"), ("prévues", "pour"),
                              ("programmé", "pour"), ("programmée", "pour"), ("à", "venir"),
                              # reported plans in the imparfait: "une présentation était programmée vers la fin"
                              *((aux, p) for aux in ("était", "étaient") for p in (
                                  "prévu", "prévue", "prévus", "prévues", "programmé", "programmée", "programmés",
                                  "programmées", "attendu", "attendue", "attendus", "attendues", "censé", "censée",
                                  "censés", "censées"))})
# Verbs conjugated in the future or the conditional: an infinitive (or its stem) and a future ending.
_FR_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont", "ais", "ait", "ions", "iez", "aient")
_FR_FUTURE_STEM = re.compile(r"[^\W\d_]{2,}(?:er|ir|r)(?:ai|as|a|ons|ez|ont|ais|ait|ions|iez|aient)")
_FR_FUTURE_NOT = frozenset(
    """caméra opéra chimera ère era mira tiras hiver faire dira lira jira aira mars cours alors lors dehors
    trésor encore pour sur leur leurs plusieurs acteur moteur secteur auteur lecteur serveur chercheur
    ordinateur hors fort ira pira fera sera aura extra ultra sahara tiara camera riviera""".split())
_FR_AUX = frozenset("a ai as avons avez ont avait avaient avais avions aviez eut eurent".split())
_FR_ETRE = frozenset("est sont suis es sommes êtes était étaient".split())
_FR_ETRE_REFLEXIVE = frozenset({"s'", "se", "me", "m'", "te", "t'"})
# Past participles of common verbs (regular -é forms are read by their ending after an auxiliary:
# "a lancé"; the others must be listed: "a pris", "a mis", "ont été").
_FR_IRREGULAR = frozenset(
    """été eu fait dit pris mis vu su pu dû voulu venu sorti ouvert offert écrit produit conduit construit atteint
    rejoint permis promis compris obtenu tenu maintenu reçu perdu rendu vendu attendu entendu choisi fini réussi
    investi conclu inclus exclu lu cru connu paru disparu vécu battu suivi servi réuni établi franchi saisi acquis
    apparu devenu parti resté passé né mort tombé entré monté revenu intervenu survenu descendu retourné rentré
    fallu valu couru offert découvert souffert dépassé""".split())
_FR_MOTION = frozenset(
    f"{s}{e}" for s in "sorti arrivé devenu né parti venu resté passé mort tombé entré monté revenu apparu intervenu "
                       "survenu descendu retourné rentré".split() for e in ("", "e", "s", "es"))
_FR_REPORTING = frozenset(
    """déclaré annoncé affirmé expliqué précisé indiqué ajouté tweeté écrit dit estimé assuré confié souligné
    martelé promis prédit confirmé révélé laissé répété insisté prévenu averti assuré rappelé""".split())
_FR_ADVERBS = frozenset(
    "déjà également aussi pas bien encore toujours récemment enfin notamment ensuite ainsi d'ailleurs alors "
    "jamais plus longtemps finalement même vraiment ne n' y".split())
_FR_DETERMINERS = frozenset("le la les l' un une des du de d' ce cet cette ces son sa ses leur leurs au aux".split())
_FR_IMPARFAIT_NOT = frozenset(
    """fait faits lait trait souhait attrait portrait abstrait parfait extrait retrait bienfait forfait distrait
    méfait surfait contrefait satisfait""".split())
_FR_PASSE_SIMPLE_WORDS = frozenset("fut furent eut eurent fit firent vint vinrent dut durent put purent "
                                   "lança lancèrent annonça annoncèrent devint devinrent".split())
_FR_ALLER = frozenset("va vont vais vas allons allez".split())
_INFINITIVE = re.compile(r"[^\W\d_]{2,}(?:er|ir|re|oir)")


def _en_signals(tokens: list[str]) -> tuple[bool, bool]:
    past = future = weak = False
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if word in _EN_FUTURE or (word, after) in _EN_FUTURE_PAIRS or (before, word) in _EN_FUTURE_PAIRS:
            return False, True
        if word in _EN_EXPECTING and "to" in tokens[k + 2:k + 4]:
            return False, True
        if word in _EN_EXPECTS_OBJECT:  # "the company expects 15% growth in 2025": a view of what comes
            return False, True
        if word == "to" and after in _EN_TO_VERBS:
            weak = True  # "the first chip to launch in 2025": forward unless the clause narrates ("began to ship")
            continue
        if word in _EN_SPEECH:
            continue
        if word in _EN_PAST:
            past = past or before not in _EN_PASSIVE  # "is built as": a passive present, no past
        elif word in _HAVE and (after == "been" or after in _DONE or after in _HAVE_DONE
                                or (after.endswith("ed") and after not in _ED_NOT_VERB)):
            past = True
        elif (word in _DONE or (len(word) > 4 and word.endswith("ed") and word not in _ED_NOT_VERB)) \
                and before not in _EN_NOT_PAST_BEFORE:
            past = True
    return past, future or (weak and not past)


# "the first chip to launch in 2025", "Orion, to be released in 2027": an infinitive right before the phrase.
_TO_BEFORE = re.compile(r"(?:^|[^\w'’])([\w'’]+)[ \u00a0]+to[ \u00a0]+(?:be[ \u00a0]+([\w]+)|([\w]+))[ \u00a0]+$", re.IGNORECASE)
# Verbs that narrate what the infinitive did: "began to ship in 2023", "managed to launch in May".
_TO_NARRATED = frozenset("began started continued tried failed managed attempted ceased stopped used decided chose "
                         "was were had did".split())


# "pour être présenté fin 2026": a passive infinitive of purpose right before the phrase.
_POUR_ETRE_BEFORE = re.compile(r"\bpour[ \u00a0]+être[ \u00a0]+[^\W\d_]+(?:é|ée|és|ées)[ \u00a0]+$", re.IGNORECASE)


def _governed_by_to(sentence: str, start: int) -> bool:
    """True when the phrase at ``start`` follows "to" + a verb of :data:`_EN_TO_VERBS` (or "to be" +
    a participle) that no narrating verb governs ("began to ship in 2023" narrates)."""
    match = _TO_BEFORE.search(sentence, max(0, start - 60), start)
    if match is None:
        return False
    verb = (match.group(3) or "").casefold()
    if match.group(2) is None and verb not in _EN_TO_VERBS:
        return False
    if match.group(2) is not None and match.group(2).casefold() not in _DONE and not match.group(2).casefold().endswith("ed"):
        return False
    return match.group(1).casefold() not in _TO_NARRATED


def _fr_participle(tokens: list[str], k: int) -> bool:
    """A past participle after the auxiliary at ``k`` (adverbs and "ne" allowed between)?
    A reporting verb followed by "que" or an infinitive reports, it does not narrate."""
    for m in range(k + 1, min(k + 4, len(tokens))):
        word = tokens[m]
        if word in _FR_ADVERBS:
            continue
        if word in _FR_REPORTING and m + 1 < len(tokens) and (_INFINITIVE.fullmatch(tokens[m + 1])
                                                              or _reports_that(tokens, m + 1)):
            return False
        return word in _FR_IRREGULAR or word in _DONE or word.endswith(("é", "ée", "és", "ées"))
    return False


def _reports_that(tokens: list[str], k: int) -> bool:
    """A "que" that opens the reported words within a few words from ``k``, with only the addressee or the place
    between ("a déclaré au forum de Davos que ...")."""
    for word in tokens[k:k + 9]:
        if word in ("que", "qu'"):
            return True
        if word in _FR_AUX or word in _FR_ETRE or word in _FR_FUTURE_WORDS:
            return False  # another verb: the reporting verb's own clause ended
    return False


def _fr_future_verb(word: str) -> bool:
    if word in _FR_FUTURE_NOT or len(word) < 5:
        return False
    return bool(_FR_FUTURE_STEM.fullmatch(word)) and word.endswith(("rai", "ras", "ra", "rons", "rez", "ront", "rais",
                                                                  "rait", "rions", "riez", "raient"))


def _fr_signals(tokens: list[str]) -> tuple[bool, bool]:
    past = False
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if word in _FR_FUTURE_WORDS or (word, after) in _FR_FUTURE_PAIRS or _fr_future_verb(word) or (
                word in _FR_ALLER and _INFINITIVE.fullmatch(after or "") is not None):
            return False, True
        if word in _FR_AUX and before not in ("y", "il") and _fr_participle(tokens, k):
            past = True  # passé composé, plus-que-parfait: "a lancé", "avait donné", "ont été"
        elif word in _FR_AUX and before == "il" and _fr_participle(tokens, k):
            past = True
        elif word in _FR_ETRE and (before in _FR_ETRE_REFLEXIVE or after in _FR_MOTION):
            past = True  # "s'est rallié", "est sorti"
        elif word in ("était", "étaient", "avait", "avaient") or word in _FR_PASSE_SIMPLE_WORDS:
            past = True
        elif (len(word) > 5 and word.endswith(("ait", "aient")) and not word.endswith(("rait", "raient"))
              and word not in _FR_IMPARFAIT_NOT and before not in _FR_DETERMINERS):
            past = True  # the imparfait: "il prenait", "OpenAI dominait" (not "le souhait")
        elif word.endswith(("èrent",)) and len(word) > 6:
            past = True
    return past, False
