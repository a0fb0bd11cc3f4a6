"""Who said a sentence: speaker, organisation and quoted words, in English and French.

An article is read sentence by sentence with a :class:`Context` that remembers the
people and organisations already named, so that "Clegg" is the "Nick Clegg" met
earlier, "a-t-il déclaré" is the last speaker, and "la firme" is the organisation
last named.  Rules only: a reporting verb next to a name ("said X", "X a déclaré",
"selon X", "d'après X", "Pour X, ..."), a quotation next to a name, an apposition
naming an organisation ("Nick Clegg, président ... de Meta", "Meta's Nick Clegg",
"OpenAI CEO Sam Altman", "chez OpenAI").
"""

from __future__ import annotations

import re

import attrs

__all__ = ["ORGANISATIONS", "Attribution", "Context", "attribute", "quoted_spans"]

#: Organisations of the field, as written; a single capitalised word not listed here is a
#: person only when the article named that person in full before.
ORGANISATIONS: tuple[str, ...] = (
    "Meta", "Facebook", "OpenAI", "Google", "Google DeepMind", "DeepMind", "Alphabet", "Microsoft", "Anthropic",
    "Mistral AI", "Mistral", "Apple", "Amazon", "Amazon Web Services", "AWS", "Nvidia", "NVIDIA", "IBM", "Intel",
    "AMD", "xAI", "Tesla", "Hugging Face", "Stability AI", "Cohere", "AI21 Labs", "Inflection", "Baidu", "Alibaba",
    "Tencent", "ByteDance", "DeepSeek", "Samsung", "Oracle", "Salesforce", "Adobe", "LightOn", "Aleph Alpha",
    "Perplexity", "Midjourney", "Runway", "Databricks", "Qualcomm", "SoftBank", "Huawei", "Zhipu", "Moonshot",
    "TechCrunch", "Reuters", "Bloomberg", "The Verge",
)
_ORG_FOLDED = {o.casefold(): o for o in ORGANISATIONS}
_GENERIC_ORG = re.compile(
    r"\b(?:la firme|la société|l['’]entreprise|le groupe|le géant|the company|the firm|the group|le communiqué|"
    r"la start-up|the startup)\b", re.IGNORECASE)
_TITLE_WORDS = frozenset(
    """ceo cto cfo coo pdg président présidente directeur directrice chief officer president founder fondateur
    head vice responsable patron patronne chercheur executive director manager""".split()
)
# A capitalised word: "Nick", "LeCun", "OpenAI", "Zuckerberg", "O'Brien".
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_NAME = rf"{_CAP}(?:[ \u00a0](?:de |van |von |da |di |del |le )?{_CAP}){{0,3}}"
_EN_VERBS = (r"said|says|told|tells|announced|announces|added|adds|explained|explains|noted|notes|wrote|writes|"
             r"tweeted|posted|predicted|predicts|promised|promises|stated|states|claimed|claims|insisted|argued|"
             r"believes|expects|confirmed|revealed|warned")
_FR_VERBS = (r"déclaré|annoncé|affirmé|expliqué|précisé|indiqué|ajouté|tweeté|écrit|estimé|assuré|confié|souligné|"
             r"promis|prédit|confirmé|révélé|insisté")
_FR_PRESENT = (r"déclare|annonce|affirme|explique|précise|indique|ajoute|estime|assure|confie|souligne|promet|prédit|"
               r"insiste|poursuit|prévient|martèle|résume|rappelle|détaille|tweete|écrit|juge|pense|croit")
_PATTERNS = [
    # "« ... », a annoncé Nick Clegg" / ", said Nick Clegg" / "précise Meta"
    re.compile(rf"(?:\b(?:a|avait|ont|avaient)[ \u00a0](?:{_FR_VERBS})|\b(?:{_FR_PRESENT}|{_EN_VERBS}))[ \u00a0](?:la firme |l['’]entreprise |le PDG |la société )?(?P<name>{_NAME})"),
    # "Nick Clegg, président ... de Meta, a déclaré" / "Clegg said" / "Meta assure"
    re.compile(rf"(?P<name>{_NAME})(?:,[^,;:«»\"“”]{{1,120}},)?[ \u00a0](?:(?:a|avait|ont|has|had)[ \u00a0](?:également[ \u00a0]|aussi[ \u00a0]|also[ \u00a0])?)?(?:{_FR_VERBS}|{_FR_PRESENT}|{_EN_VERBS}|also said)\b"),
    # "selon Meta", "d'après l'entrepreneur", "according to Sam Altman", "Pour Yann LeCun, ..."
    re.compile(rf"(?:\b[Ss]elon|\b[Dd]['’]après|\b[Aa]ccording to|^Pour|\b[Aa]ux yeux de)[ \u00a0](?P<name>{_NAME})"),
]
_PRONOUN = re.compile(r"\b(?:a-t-(?:il|elle)|avait-(?:il|elle)|ont-ils|(?:he|she) (?:said|says|added|told)|"
                      r"(?:said|says|added) (?:he|she)|explique-t-(?:il|elle)|précise-t-(?:il|elle)|ajoute-t-(?:il|elle))\b")
_TWEET = re.compile(rf"^[–—-]?\s*(?P<name>{_NAME})\s*\(@\w{{1,30}}\)")
_APPOSITION_ORG = re.compile(rf"\b(?:de|chez|d['’]|of|at|du groupe|for)[ \u00a0]?(?P<org>{_CAP}(?: {_CAP})?)|(?P<org2>{_CAP})['’]s\b")
_POSSESSIVE_ORG = re.compile(rf"(?P<org>{_CAP}(?: {_CAP})?)['’]s[ \u00a0](?:[a-z -]{{0,40}}[ \u00a0])?$")
_OPENERS = {"«": "»", "“": "”", "\"": "\""}


@attrs.frozen
class Attribution:
    """Who a sentence is attributed to (empty strings when nobody is named)."""

    speaker: str = ""
    actor: str = ""


@attrs.define
class Context:
    """What an article has named so far: people (by last name), their organisations, the last ones."""

    people: dict[str, str] = attrs.field(factory=dict)  # last name (and full name) -> full name
    employer: dict[str, str] = attrs.field(factory=dict)  # full name -> organisation
    last_speaker: str = ""
    last_org: str = ""
    last_actor: str = ""  # the organisation of the last attributed sentence
    last_person: str = ""  # the last full name met

    def read(self, sentence: str) -> None:
        """Remember the full names and organisations of a sentence (call after :func:`attribute`)."""
        for match in re.finditer(_NAME, sentence):
            name = match.group().rstrip(".")
            org = organisation(name)
            if org:
                self.last_org = org
            elif _is_full_name(name):
                self.last_person = name
                self.people.setdefault(name, name)
                self.people.setdefault(name.split()[-1], name)


def organisation(name: str) -> str:
    """The organisation ``name`` is (as listed in :data:`ORGANISATIONS`), or ""."""
    folded = name.casefold().replace("\u00a0", " ")
    if folded in _ORG_FOLDED:
        return _ORG_FOLDED[folded]
    first = folded.split()[0] if folded.split() else ""
    if first in _ORG_FOLDED and len(folded.split()) <= 2 and folded.split()[-1] in ("ai", "labs", "research", "inc", "inc."):
        return _ORG_FOLDED[first]
    if len(folded.split()) >= 2 and folded.split()[-1].rstrip(".") in ("inc", "corp", "ltd", "labs", "llc", "sa", "sas", "gmbh"):
        return name.replace("\u00a0", " ").rstrip(".")
    return ""


def _is_full_name(name: str) -> bool:
    parts = name.replace("\u00a0", " ").split()
    if not 2 <= len(parts) <= 4:
        return False
    return not any(p.casefold() in _TITLE_WORDS or p.casefold() in _ORG_FOLDED or p.casefold() in _NOT_NAMES
                   or (p.isupper() and len(p.rstrip(".")) > 1) for p in parts)


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the words inside « », “ ” and " " quotes (quotes left out).

    >>> s = 'Il a dit : « Ce sera prêt bientôt » et "vite".'
    >>> [s[a:b] for a, b in quoted_spans(s)]
    ['Ce sera prêt bientôt', 'vite']
    """
    spans = []
    i, n = 0, len(sentence)
    while i < n:
        close = _OPENERS.get(sentence[i])
        if close is None:
            i += 1
            continue
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


_NOT_NAMES = frozenset(
    """the this that these those it he she we they there his her its our their a an but and so in on at for if
    le la les l un une des ce cet cette ces il elle ils elles on nous vous je mais et donc selon pour en au aux
    dans son sa ses leur leurs notre votre tout tous""".split()
)


def _person_or_org(name: str, ctx: Context, verb_after: bool = False) -> tuple[str, str]:
    """Read a matched name as (speaker, actor); ``verb_after``: a reporting verb follows it directly."""
    name = name.rstrip(".").strip()
    possessive = re.match(rf"(?P<org>{_CAP}(?: {_CAP})?)['’]s[ \u00a0]+(?P<rest>.+)$", name)
    if possessive and organisation(possessive.group("org")):  # "Meta's Nick Clegg"
        speaker, _ = _person_or_org(possessive.group("rest"), ctx, verb_after)
        return speaker, organisation(possessive.group("org"))
    org = organisation(name)
    if org:
        return "", org
    words = name.split()
    for k in range(len(words), 0, -1):  # "Nick Clegg Meta" -> "Nick Clegg"
        head = " ".join(words[:k])
        if head in ctx.people:
            return ctx.people[head], ""
        if _is_full_name(head):
            return head, ""
    if verb_after and len(words) == 1 and words[0].casefold() not in _NOT_NAMES | _TITLE_WORDS and not words[0].isupper():
        return words[0], ""  # "Altman said", "Clegg a déclaré": a surname right before the verb
    return "", ""  # an unknown single word: a place, a product, a first word


def _actor_near(sentence: str, start: int, end: int, speaker: str, ctx: Context) -> str:
    """The organisation named with the speaker at ``sentence[start:end]``: in the apposition
    after it, in "ORG's NAME" / "ORG CEO NAME" / "le PDG de ORG, NAME" before it, or remembered."""
    after = re.split(r"[.;:«»\"“”]", sentence[end:end + 160])[0]
    apposition = after.split(",")[1] if after.startswith(",") else ""
    for match in _APPOSITION_ORG.finditer(apposition):
        org = organisation(match.group("org") or match.group("org2"))
        if org:
            return org
    before = sentence[max(0, start - 80):start]
    possessive = _POSSESSIVE_ORG.search(before)
    if possessive and organisation(possessive.group("org")):
        return organisation(possessive.group("org"))
    tail = re.split(r"[.;:«»\"“”]", before)[-1]
    for match in re.finditer(_NAME, tail):
        org = organisation(match.group())
        if org and re.search(r"(?:CEO|PDG|chief|président|fondateur|founder|head|patron|de|of)\W*$", tail[: match.start()] + " " + tail[match.end():], re.IGNORECASE):
            return org
    return ctx.employer.get(speaker, "")


def attribute(sentence: str, ctx: Context, following: str = "") -> Attribution:
    """The speaker and organisation of ``sentence``; ``following`` is the next sentence
    (an embedded post's signature "– Name (@handle) date" names its author).

    >>> ctx = Context()
    >>> attribute("« Ce sera prêt », a déclaré Nick Clegg, président des affaires internationales de Meta.", ctx)
    Attribution(speaker='Nick Clegg', actor='Meta')
    >>> attribute("Clegg a déclaré que Llama 3 sortira cette année.", ctx)
    Attribution(speaker='Nick Clegg', actor='Meta')
    >>> attribute("Selon Meta, le modèle sortira bientôt.", ctx)
    Attribution(speaker='', actor='Meta')
    """
    ctx.read(sentence)
    result = Attribution()
    for n, pattern in enumerate(_PATTERNS):
        for match in pattern.finditer(sentence):
            speaker, actor = _person_or_org(match.group("name"), ctx, verb_after=n == 1 and "," not in match.group())
            name = match.group("name").strip().rstrip(".")
            if not speaker and not actor and n == 0 and " " not in name and not name.isupper():
                speaker = name  # "…», avait déclaré Zuckerberg": a surname after the reporting verb
            if speaker:
                actor = _actor_near(sentence, match.start("name"), match.end("name"), speaker, ctx) or actor
                result = Attribution(speaker, actor)
                break
            if actor and not result.actor:
                result = Attribution("", actor)
        if result.speaker:
            break
    if not result.speaker and not result.actor:
        tweet = _TWEET.match(following)
        if tweet:
            result = Attribution(*_person_or_org(tweet.group("name"), ctx))
            if not result.speaker and _is_full_name(tweet.group("name").strip()):
                result = Attribution(tweet.group("name").strip(), "")
        elif _PRONOUN.search(sentence) and (ctx.last_speaker or ctx.last_person):
            person = ctx.last_speaker or ctx.last_person
            result = Attribution(person, ctx.employer.get(person, ""))
        elif _GENERIC_ORG.search(sentence) and (ctx.last_actor or ctx.last_org) and re.search(
                rf"(?:{_FR_PRESENT}|{_FR_VERBS}|{_EN_VERBS}|selon|d['’]après|according to)\W+(?:la|le|l['’]|the)?\W*\w+", sentence):
            result = Attribution("", ctx.last_actor or ctx.last_org)
    if result.actor:
        ctx.last_actor = result.actor
    if result.speaker:
        ctx.last_speaker = result.speaker
        if result.actor:
            ctx.employer.setdefault(result.speaker, result.actor)
    return result
