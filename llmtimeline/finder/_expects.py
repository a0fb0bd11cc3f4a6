"""Propose what a claim expects ("release llama-3") when an action and a product are clear.

An action verb (EN/FR) and a product name (a known model family with its version,
or a capitalised name followed by a version number) in the same clause give
``KIND SUBJECT``; a negation before the verb ("won't", "ne ... pas") gives
``not KIND SUBJECT``.  Anything less clear gives "" for a person to fill.
"""

from __future__ import annotations

import re

from ..names import normalise

__all__ = ["propose_expects", "segment"]

_RELEASE = (
    r"releas(?:e|es|ed|ing)|launch(?:es|ed|ing)?|ship(?:s|ped|ping)?|roll(?:s|ed|ing)? out|unveil(?:s|ed|ing)?|"
    r"debut(?:s|ed)?|open[- ]sourc(?:ed|ing)|"
    r"lanc(?:er|e|ent|era|eront|é|ée|és|ées|ement)|lançons|sort(?:ir|ira|iront|ie|ies|i|is)|"
    r"déploi(?:e|ent|era|eront|ement)|déploy(?:er|é|ée|és|ées|ons)|publi(?:er|e|era|eront|é|ée|és|ées|cation)|"
    r"dévoil(?:er|e|era|eront|é|ée)|arriv(?:er|era|eront)|débarqu(?:er|era|eront)|mettre en ligne|mis en ligne"
)
_AVAILABLE = r"available|disponibles?"
# Letters every action of _ACTION starts with: a sentence holding none of them proposes nothing.
_ACTION_STEMS = ("releas", "launch", "ship", "roll", "unveil", "debut", "open", "lanc", "lanç", "sort", "déplo", "publi",
                 "dévoil", "arriv", "débarqu", "mis en ligne", "mettre en ligne", "availab", "disponib")
_ACTION = re.compile(rf"(?=[adlmoprsu])(?:\b(?P<release>{_RELEASE})\b|\b(?P<available>{_AVAILABLE})\b)", re.IGNORECASE)
_FAMILIES = (
    r"Llama|LLaMA|LLaMa|GPT|Gemini|Claude|Mistral|Mixtral|Codestral|Pixtral|Grok|Falcon|Sora|DALL[-·]E|Copilot|"
    r"ChatGPT|Bard|PaLM|Phi|Qwen|DeepSeek|Gemma|Beluga|Imagen|Veo|Midjourney|Bing Chat|Meta AI|o\d"
)
_VERSION = r"(?:[ \u00a0-]?\d+(?:\.\d+)*(?:[ \u00a0-](?:Turbo|Pro|Ultra|Mini|Nano|Flash|Sonnet|Opus|Haiku|Large|Small|\d+B))?)"
_PRODUCT = re.compile(
    rf"\b(?=[A-Zo])(?:(?:{_FAMILIES})(?:{_VERSION}|[ \u00a0](?:Large|Medium|Small|Turbo|Pro|Ultra|Mini|Nano|Flash))?|[A-Z][A-Za-z]{{2,20}}[ \u00a0-]\d+(?:\.\d+)*)(?![\w.]*\d)(?!\w)"
)
_WINDOW = 300
_NEGATION = re.compile(r"\b(?:not|won't|never|no plans?|pas|plus|jamais|aucun(?:e)?)\b", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r"[;:–—]|\b(?:but|mais|while|alors que|tandis que)\b|\b(?:and|et)[ \u00a0]+(?=[A-ZÀ-Ö])")


def segment(sentence: str, start: int, end: int, stops: re.Pattern[str]) -> tuple[int, int]:
    """The part of ``sentence`` around ``sentence[start:end]`` between the nearest ``stops`` matches."""
    a, b = 0, len(sentence)
    for match in stops.finditer(sentence):
        if match.end() <= start:
            a = match.end()
        elif match.start() >= end:
            b = match.start()
            break
    return a, b


def propose_expects(sentence: str, start: int, end: int) -> str:
    """``KIND SUBJECT`` for the claim around the deadline at ``sentence[start:end]``, or "".

    >>> s = "D’ici un mois, nous espérons commencer à déployer notre suite de modèles, Llama 3."
    >>> propose_expects(s, 0, 13)
    'release llama-3'
    >>> s = "OpenAI will not ship GPT-5 this year."
    >>> propose_expects(s, 27, 36)
    'not release gpt-5'
    >>> propose_expects("Les choses vont changer au cours des prochains mois.", 24, 51)
    ''
    """
    if len(sentence) > 2 * _WINDOW:  # a bounded window around the phrase: the cost stays linear
        offset = max(0, start - _WINDOW)
        sentence, start, end = sentence[offset:end + _WINDOW], start - offset, end - offset
    low = sentence.lower()
    if not any(stem in low for stem in _ACTION_STEMS):
        return ""
    a, b = segment(sentence, start, end, _CLAUSE_STOP)  # up to a ";", ":", dash or "but"
    clause = sentence[a:b]
    actions = list(_ACTION.finditer(clause))
    if not actions:
        return ""
    products = list(_PRODUCT.finditer(clause))
    if not products:  # a passive clause may name the product earlier in the sentence
        products = list(_PRODUCT.finditer(sentence[:a]))
        if len({normalise(p.group()) for p in products}) != 1:
            return ""
        product = products[-1].group()
        action = actions[0]
    else:
        action = actions[0]
        after = [p for p in products if p.start() >= action.end()]
        product = (after[0] if after else products[-1]).group()
    kind = "release" if action.group("release") else "availability"
    negated = bool(_NEGATION.search(clause[max(0, action.start() - 30):action.start()]))
    return f"{'not ' if negated else ''}{kind} {normalise(product)}"
