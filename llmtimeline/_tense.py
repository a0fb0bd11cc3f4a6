"""Clues in a sentence: its language, whether it looks forward, states a condition or asks.

Word lists, no model: a sentence is *past* when it has a past-tense verb form
(EN: was, were, had, did, an -ed verb, an irregular past; FR: passé composé,
imparfait, plus-que-parfait, passé simple) and no marker of the future (EN: will,
would, going to, plans to...; FR: futur, conditionnel, aller + infinitive,
prévoit de, compte, espère...).  Reported speech about the future ("a déclaré que
... sera") is therefore forward-looking.  The verbs that report speech ("said",
"a déclaré") are not counted as past.
"""

from __future__ import annotations

import re

__all__ = ["detect_lang", "is_condition", "is_past", "is_question", "words"]

_WORD = re.compile(r"[^\W\d_]+'?")

_EN_STOP = frozenset(
    "the an and of to in is within are was were will would be been has have had it this that with for on by at from "
    "its their they he she we not but or as which who said says".split()
)
_FR_STOP = frozenset(
    "le la les l' un une des du de d' et est sont à au aux en dans pour par sur avec qui que qu' ne pas il elle "
    "ils nous vous ce cette ces son sa ses leur se s' ont été sera plus d'ici".split()
)


_FR_LETTERS = re.compile("[éèêàùçœâîôû]")


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded; a French elision keeps its apostrophe ("l'", "qu'").

    >>> words("Qu’il l'a dit : GPT-5 arrive.")
    ["qu'", 'il', "l'", 'a', 'dit', 'gpt', 'arrive']
    """
    return _WORD.findall(text.replace("’", "'").casefold())


def detect_lang(text: str, default: str = "en") -> str:
    """``"fr"`` or ``"en"``, whichever language's common words are more frequent in ``text``
    (``default`` on a tie).

    >>> detect_lang("Meta a présenté Llama 2 mardi.")
    'fr'
    >>> detect_lang("Meta said it will ship Llama 3 within a month.")
    'en'
    """
    en = fr = 0
    for word in words(text):
        en += word in _EN_STOP
        fr += word in _FR_STOP or bool(_FR_LETTERS.search(word))
    return "fr" if fr > en else "en" if en > fr else default


def is_question(sentence: str) -> bool:
    """True when the sentence asks (its last mark, before closing quotes, is "?").

    >>> is_question("Will GPT-5 ship this year?")
    True
    """
    return sentence.rstrip(" \u00a0\u202f»”\"')]").endswith("?")


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
_EN_ASK = frozenset("know knows wonder wonders asked ask unclear see".split())
_FR_CONDITION_PAIRS = frozenset(
    {("condition", "que"), ("condition", "qu'"), ("moins", "que"), ("moins", "qu'"), ("pourvu", "que"), ("pourvu", "qu'"),
     ("sauf", "si"), ("au", "cas"), ("dans", "l'hypothèse"), ("pour", "peu")}
)


def is_condition(sentence: str) -> bool:
    """True when the sentence makes its claim depend on a condition ("if", "si", "unless",
    "à condition que"); "even if" / "même si" and "si" as an adverb ("si importante") are not.

    >>> is_condition("Si les tests sont bons, Llama 3 sortira en juin.")
    True
    >>> is_condition("La recherche ouverte est si importante qu'elle sortira bientôt.")
    False
    """
    tokens = words(sentence)
    original = _WORD.findall(sentence.replace("’", "'"))
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if before in _NOT_CONDITION_BEFORE or before in _FR_ASK or before in _EN_ASK or (k > 1 and tokens[k - 2] in _FR_ASK):
            continue
        if word in _EN_CONDITION or (before, word) in _EN_CONDITION_PAIRS or (word, after) in _EN_CONDITION_PAIRS:
            return True
        if (word, after) in _FR_CONDITION_PAIRS:
            return True
        if word in ("dépend", "dépendra", "dépendront", "dépendent", "depends", "depend") and after in ("de", "des", "du", "d'", "on", "upon"):
            return True
        if word == "s'" and after in ("il", "ils"):
            return True
        if word == "si" and (after in _FR_CLAUSE_START or (k + 1 < len(original) and original[k + 1][:1].isupper())):
            return True
    return False


# -- tense -------------------------------------------------------------------------

_EN_PAST = frozenset(
    """was were had did wasn't weren't hadn't didn't made gave took came went began became wrote showed saw knew thought
    brought built led left met ran sent spent stood won got unveiled released launched shipped debuted""".split()
)
_EN_REPORTING = frozenset(
    """said told announced added explained noted stated claimed wrote tweeted posted predicted promised confirmed
    revealed insisted argued suggested warned indicated estimated reported acknowledged""".split()
)
_EN_FUTURE = frozenset("will would 'll won't wouldn't shall gonna upcoming forthcoming".split())
_EN_FUTURE_PAIRS = frozenset(
    {("going", "to"), ("plans", "to"), ("plan", "to"), ("planning", "to"), ("expects", "to"), ("expect", "to"),
     ("expected", "to"), ("aims", "to"), ("intends", "to"), ("hopes", "to"), ("hope", "to"), ("set", "to"),
     ("is", "due"), ("are", "due"), ("on", "track"), ("is", "coming"), ("are", "coming"), ("is", "slated"),
     ("are", "slated"), ("due", "to"), ("poised", "to"), ("promises", "to"), ("promise", "to"), ("vows", "to"),
     ("scheduled", "for"), ("scheduled", "to"), ("planned", "for"), ("coming", "soon")}
)
_ED_NOT_VERB = frozenset(
    """need indeed speed embed seed feed breed proceed exceed succeed bed red shed hundred sacred based advanced
    limited related detailed dedicated expected supposed planned scheduled slated interested used skilled""".split()
)
_ED_ADJECTIVE_AFTER = frozenset(
    "the a an most more less very is are am be being become becomes get gets so too well fully".split()
)
_FR_AUX = frozenset("a ai as avons avez ont avait avaient avais avions aviez eut eurent".split())
_FR_ETRE_REFLEXIVE = frozenset({"s'", "se", "me", "m'", "te", "t'"})
_FR_ETRE = frozenset("est sont suis es sommes êtes était étaient".split())
_FR_MOTION = re.compile(
    r"(?:sorti|arrivé|devenu|né|parti|venu|resté|passé|mort|tombé|entré|monté|revenu|apparu|intervenu|survenu|"
    r"descendu|retourné|rentré)(?:e|s|es)?"
)
# Participles that report speech: "a déclaré que ...", "a annoncé vouloir ..." report, they do not narrate.
_FR_REPORTING = frozenset(
    """déclaré annoncé affirmé expliqué précisé indiqué ajouté tweeté écrit dit estimé assuré confié souligné
    martelé promis prédit confirmé révélé laissé entendu assuré répété insisté""".split()
)
_FR_ADVERBS = frozenset(
    "déjà également aussi pas bien encore toujours récemment enfin notamment ensuite ainsi d'ailleurs alors "
    "jamais plus longtemps finalement même vraiment".split()
)
_FR_PARTICIPLE = re.compile(r"[^\W\d_]{2,}(?:ée?s?|ie?s?|ue?s?|ite?s?|erte?s?|eint|aint|oint|ert)")
_FR_NOT_PARTICIPLE = frozenset("y si ni qui aussi lui plus".split())
_FR_FUTURE_WORDS = frozenset(
    """sera seront serai serons serez aura auront aurai aurons fera feront ferons pourra pourront pourrons devra
    devront devrons ira iront irons viendra viendront faudra saura sauront voudra voudront verra verront tiendra
    prendra prendront mettra mettront permettra permettront deviendra deviendront prévoit
    prévoient prévoyons compte comptent comptons espère espèrent espérons entend entendent souhaite souhaitent
    vise visent envisage envisagent promet promettent doit doivent devons prochain prochaine prochains prochaines
    bientôt prochainement avenir futur future""".split()
)
_FR_FUTURE_PAIRS = frozenset({("à", "venir"), ("est", "prévu"), ("est", "prévue"), ("sont", "prévus"), ("sont", "prévues"),
                              ("est", "attendu"), ("est", "attendue"), ("sont", "attendus"), ("est", "censé"),
                              ("s'engage", "à"), ("s'engagent", "à")})
_FR_FUTURE_END = re.compile(r"[^\W\d_]+(?:eront|iront|eras?|erai|erez|erons|irons|irai|iras?|drait|drai|vrait|erait|"
                            r"eraient|iraient|rrait|rraient|draient|vraient|ttrait|ttraient|urait|uraient)")
_FR_FUTURE_NOT = frozenset("caméra opéra chimera ère era mira tiras".split())
_FR_IMPARFAIT = re.compile(r"[^\W\d_]{2,}(?:ait|aient)")
_FR_NOT_IMPARFAIT = frozenset(
    "fait faits lait trait souhait attrait portrait abstrait parfait extrait retrait bienfait forfait distrait "
    "méfait surfait contrefait satisfait".split()
)
_FR_PASSE_SIMPLE = re.compile(r"[^\W\d_]{2,}(?:èrent|irent|urent|ça|gea)")
_FR_PASSE_SIMPLE_WORDS = frozenset("fut furent eut eurent fit firent vint vinrent dut durent put purent".split())


def _en_signals(tokens: list[str]) -> tuple[bool, bool]:
    past = future = False
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if word in _EN_FUTURE or (word, after) in _EN_FUTURE_PAIRS or (before, word) in _EN_FUTURE_PAIRS:
            future = True
        elif word in _EN_REPORTING:
            continue
        elif word in _EN_PAST:
            past = True
        elif word in ("has", "have") and (after == "been" or (after.endswith("ed") and after not in _ED_NOT_VERB)):
            past = True
        elif len(word) > 4 and word.endswith("ed") and word not in _ED_NOT_VERB and before not in _ED_ADJECTIVE_AFTER:
            past = True
    return past, future


def _fr_participle(tokens: list[str], k: int) -> bool:
    """Is there a past participle within two adverbs after position ``k``?"""
    for m in range(k + 1, min(k + 4, len(tokens))):
        word = tokens[m]
        if word in _FR_ADVERBS or word in ("ne", "n'"):
            continue
        if word in _FR_REPORTING and m + 1 < len(tokens) and (tokens[m + 1] in ("que", "qu'") or _INFINITIVE.fullmatch(tokens[m + 1])):
            return False
        return word == "été" or (word not in _FR_NOT_PARTICIPLE and bool(_FR_PARTICIPLE.fullmatch(word)))
    return False


_FR_ALLER = frozenset("va vont vais vas allons allez".split())
_INFINITIVE = re.compile(r"[^\W\d_]{2,}(?:er|ir|re|oir)")


def _fr_aller(tokens: list[str], k: int) -> bool:
    """"va/vont + infinitive" (le futur proche), an adverb or a negation allowed between."""
    if tokens[k] not in _FR_ALLER:
        return False
    for m in range(k + 1, min(k + 4, len(tokens))):
        if tokens[m] in _FR_ADVERBS or tokens[m] in ("ne", "n'", "se", "s'", "le", "la", "les", "l'", "en", "y"):
            continue
        return bool(_INFINITIVE.fullmatch(tokens[m]))
    return False


def _fr_signals(tokens: list[str]) -> tuple[bool, bool]:
    past = future = False
    for k, word in enumerate(tokens):
        before = tokens[k - 1] if k else ""
        after = tokens[k + 1] if k + 1 < len(tokens) else ""
        if (word in _FR_FUTURE_WORDS or (word, after) in _FR_FUTURE_PAIRS or _fr_aller(tokens, k)
                or (_FR_FUTURE_END.fullmatch(word) and word not in _FR_FUTURE_NOT)):
            future = True
        elif word in _FR_AUX and before not in ("y", "il") and _fr_participle(tokens, k):
            past = True  # passé composé, plus-que-parfait: "a lancé", "avait donné", "ont été"
        elif word in _FR_ETRE and (before in _FR_ETRE_REFLEXIVE or _FR_MOTION.fullmatch(after)):
            past = True  # "s'est rallié", "est sorti"
        elif word in _FR_PASSE_SIMPLE_WORDS or _FR_PASSE_SIMPLE.fullmatch(word):
            past = True
        elif _FR_IMPARFAIT.fullmatch(word) and word not in _FR_NOT_IMPARFAIT:
            past = True
    return past, future


def is_past(sentence: str, lang: str) -> bool:
    """True when the sentence reports the past and says nothing of the future.

    >>> is_past("Meta a lancé Llama 2 en juillet.", "fr")
    True
    >>> is_past("Clegg a déclaré que Llama 3 sera lancé cette année.", "fr")
    False
    >>> is_past("Meta released Llama 2 in July.", "en")
    True
    >>> is_past("Meta said it would release Llama 3 by June.", "en")
    False
    """
    tokens = words(sentence)
    past, future = (_fr_signals if lang == "fr" else _en_signals)(tokens)
    return past and not future
