"""Where a sentence reports speech: the reporting cues and the quoted words (English and French).

A *reporting cue* is a reporting verb ("said", "told", "a déclaré", "estime"), an
inversion ("a-t-il ajouté", "estime-t-elle"), or a preposition of attribution
("according to", "as per", "selon", "d'après", "selon les mots de", "Pour X,").  Who the cue
points at is :mod:`._attribution`'s business; the tense and the day said read the
cues too.
"""

from __future__ import annotations

import functools
import re

__all__ = ["cues", "quoted_spans"]

_EN_VERBS = (
    "said say says saying told tell tells added adds noted notes wrote writes explained explains stated states "
    "stressed stresses emphasized emphasised emphasizes emphasises confirmed confirms revealed reveals predicted "
    "predicts promised promises announced announces claimed claims insisted insists argued argues warned warns "
    "disclosed discloses acknowledged acknowledges admitted admits suggested suggests indicated indicates "
    "estimated estimates forecast forecasts projected projects expects expected believes believed "
    "tweeted tweets posted posts replied replies responded responds continued continues recalled recalls "
    "observed observes pointed remarked remarks reiterated reiterates asserted asserts maintained maintains "
    "declared declares vowed vows pledged pledges hinted hints teased teases signaled signalled signals "
    "reckoned reckons contended contends conceded concedes cautioned cautions boasted boasts mused muses "
    "reported reports shared shares highlighted highlights underlined underlines outlined outlines detailed "
    "details commented comments joked jokes told clarified clarifies elaborated elaborates retorted quipped quips "
    "recounted recounts denied denies countered counters answered answers explained specified specifies "
    "acknowledged conceded predicted forecasted insisted telling").split()
_FR_PARTICIPLES = (
    "déclaré annoncé affirmé expliqué précisé indiqué ajouté tweeté écrit dit estimé assuré confié souligné "
    "promis prédit confirmé révélé insisté martelé rappelé prévenu averti reconnu admis répondu poursuivi "
    "détaillé résumé jugé lancé glissé avancé expliqué commenté observé noté relevé concédé reconnu "
    "fait savoir laissé entendu plaidé esquissé évoqué mentionné signalé déclarée clarifié nuancé tranché réagi "
    "répliqué rétorqué lâché raconté démenti communiqué partagé twitté posté argué avoué garanti "
    "dévoilé cité suggéré soutenu regretté salué déploré dénoncé tempéré répété conclu").split()
_FR_PRESENT = (
    "déclare annonce affirme explique précise indique ajoute estime assure confie souligne promet prédit insiste "
    "poursuit prévient martèle résume rappelle détaille tweete écrit juge pense croit dit prévoit anticipe "
    "avance observe note relève concède reconnaît admet répond plaide évoque mentionne signale commente "
    "table compte espère affirment estiment expliquent indiquent assurent déclarent prévoient jugent "
    "pensent croient soulignent clarifie nuance tranche réagit réplique rétorque lâche raconte dément "
    "argue avoue garantit "
    "déclarant affirmant expliquant précisant indiquant ajoutant estimant assurant soulignant prévoyant "
    "promettant prédisant rappelant jugeant").split()
_FR_AUX = frozenset("a ont avait avaient aurait auraient".split())
# Adverbs between the auxiliary and the participle: "a-t-il même précisé", "a en effet déclaré", "a bien précisé".
_FR_BETWEEN = frozenset("également aussi déjà encore ainsi alors pour sa part même bien en effet ensuite enfin toutefois "
                        "cependant néanmoins notamment d'ailleurs d’ailleurs d'abord d’abord par ailleurs".split())
_EN_SET = frozenset(_EN_VERBS)
_FR_PRESENT_SET = frozenset(_FR_PRESENT)
_FR_PARTICIPLES_SET = frozenset(_FR_PARTICIPLES)
_INVERTED_PRONOUNS = frozenset("il elle ils elles on".split())
_CUE_WORDS = _EN_SET | _FR_PRESENT_SET | _FR_PARTICIPLES_SET | frozenset("according selon d'après d’après yeux words per".split())
_TRIGGERS = _EN_SET | _FR_PRESENT_SET | _FR_AUX | frozenset("according selon d'après d’après yeux words per".split())
_CUE_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_WORDISH = re.compile(r"[^\W\d_][\w'’]*")

_OPENERS = {"«": "»", "“": "”", "\"": "\""}
_OPENING = re.compile("[«“\"]")


def _may_cue(low: str, words: list[str]) -> bool:
    """A cheap test on the case-folded sentence and its cue tokens: can it hold a reporting cue at all?

    A word of ``low`` (a letter, then letters, digits and apostrophes) lies inside one cue token
    (the same with hyphens): the token itself, or a piece of a hyphenated token from its first letter on."""
    if not _CUE_WORDS.isdisjoint(words):
        return True
    for word in words:
        if "-" in word:
            for piece in word.split("-"):
                match = _WORDISH.search(piece)
                if match is not None and match.group() in _CUE_WORDS:
                    return True
    return "-t-" in low or "-il" in low or "-elle" in low or low.startswith(("pour ", "for "))


@functools.lru_cache(maxsize=16)
def cues(sentence: str) -> tuple[tuple[str, int, int, str], ...]:
    """The reporting cues of ``sentence``, in order: (kind, start, end, pronoun of an inversion).

    Kinds: ``"inv"`` ("a-t-il déclaré", "estime-t-elle"), ``"verb"`` ("said", "a déclaré",
    "estime"), ``"prep"`` ("according to", "as per", "selon", "d'après", "selon les mots de", "Pour X,").
    """
    low = sentence.casefold()
    words = _CUE_TOKEN.findall(low)
    if not _may_cue(low, words):
        return ()
    tokens = []
    at = 0
    for word in words:  # no letter lies between two tokens: the next occurrence of a token's word is the token
        at = low.find(word, at)
        tokens.append((word, at, at + len(word)))
        at += len(word)
    found = []
    n = len(tokens)
    triggers = [i for i, token in enumerate(tokens) if token[0] in _TRIGGERS or "-" in token[0]]
    if n and tokens[0][0] in ("pour", "for") and (not triggers or triggers[0]):
        triggers.insert(0, 0)
    for i in triggers:
        w, a, b = tokens[i]
        nxt = tokens[i + 1][0] if i + 1 < n else ""
        if "-" in w and w.rsplit("-", 1)[-1] in _INVERTED_PRONOUNS:
            head = w.split("-", 1)[0]
            pron = w.rsplit("-", 1)[-1]
            if head in _FR_AUX:
                k = i + 1
                while k < n and tokens[k][0] in _FR_BETWEEN:
                    k += 1
                if k < n and tokens[k][0] in _FR_PARTICIPLES_SET:
                    found.append(("inv", a, tokens[k][2], pron))
            elif head in _FR_PRESENT_SET:
                found.append(("inv", a, b, pron))
        elif w in _FR_AUX:
            k = i + 1
            while k < n and tokens[k][0] in _FR_BETWEEN:
                k += 1
            if k < n and tokens[k][0] in _FR_PARTICIPLES_SET:
                found.append(("verb", a, tokens[k][2], ""))
        elif w in _EN_SET or w in _FR_PRESENT_SET:
            if a and sentence[a:a + 1].isupper() and sentence[:a].strip(" \u00a0\"“«'‘") != "":
                continue  # a capitalised word inside a sentence is part of a name: "the United States"
            found.append(("verb", a, b, ""))
        elif w == "according" and nxt == "to":
            found.append(("prep", a, tokens[i + 1][2], ""))
        elif w == "per" and i and tokens[i - 1][0] == "as":  # "as per the company's CEO Jensen Huang"
            found.append(("prep", tokens[i - 1][1], b, ""))
        elif w == "selon":
            if i + 3 < n and tokens[i + 1][0] == "les" and tokens[i + 2][0] in ("mots", "propos", "termes") \
                    and tokens[i + 3][0] in ("de", "du", "d'", "d’"):
                found.append(("prep", a, tokens[i + 3][2], ""))
            elif i + 3 < n and tokens[i + 1][0] == "les" and tokens[i + 2][0] in ("mots", "propos", "termes") \
                    and tokens[i + 3][0].startswith(("d'", "d’")):
                found.append(("prep", a, tokens[i + 3][1] + 2, ""))
            else:
                found.append(("prep", a, b, ""))
        elif w in ("d'après", "d’après"):
            found.append(("prep", a, b, ""))
        elif w == "yeux" and i and tokens[i - 1][0] == "aux" and nxt in ("de", "du"):
            found.append(("prep", tokens[i - 1][1], tokens[i + 1][2], ""))
        elif w == "words" and i > 1 and tokens[i - 1][0] == "the" and tokens[i - 2][0] == "in" and nxt == "of":
            found.append(("prep", tokens[i - 2][1], tokens[i + 1][2], ""))
        elif i == 0 and a == 0 and w in ("pour", "for"):
            found.append(("prep", a, b, ""))
    return tuple(found)


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the words inside « », “ ” and " " quotes (quotes left out).

    >>> s = 'Il a dit : « Ce sera prêt bientôt » et "vite".'
    >>> [s[a:b] for a, b in quoted_spans(s)]
    ['Ce sera prêt bientôt', 'vite']
    """
    spans = []
    n = len(sentence)
    i = 0
    while True:
        match = _OPENING.search(sentence, i)
        if match is None:
            break
        i = match.start()
        close = _OPENERS[sentence[i]]
        end = sentence.find(close, i + 1)
        if end < 0:  # an unclosed quotation runs to the end of the sentence
            end = n
        a, b = i + 1, end
        while a < b and sentence[a].isspace():
            a += 1
        while b > a and sentence[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        i = end + 1
    return spans
