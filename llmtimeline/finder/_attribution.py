"""Who said a sentence, read as a quotation-attribution system reads it (English and French).

For each sentence, a *reporting cue* is looked for: a reporting verb ("said",
"told", "noted", "predicted", "a déclaré", "a-t-il ajouté", "estime"...), "according
to", "selon", "d'après", "pour X,", a "NAME:" headline.  Its *subject* is read on
either side, in every word order: "X said", "said X", "X, CEO of Y, said",
"“…,” X said", "a déclaré X", "a-t-elle déclaré".  A subject is a *mention*: a run of
capitalised words, titles and organisations ("Microsoft President Brad Smith",
"a Meta spokesperson", "le PDG d'OpenAI, Sam Altman") split into a person, an
organisation and a role; or a pronoun ("he", "elle"); or a role noun ("the chief
executive", "le dirigeant", "the company").

A :class:`Context` carries what the article named: people by full name and surname
with their organisation and role, the last person, the last organisation.  A
pronoun or a role noun resolves to the last person named (of that role when one
is); "the company" to the last organisation.  The speaker of a paragraph carries
to its unattributed sentences, and to a following paragraph that is a standalone
quotation or a bullet, until another is named.  An outlet a quote was given to
("told Reuters") is never the subject.  With no person named the speaker is empty
and the organisation is the actor ("a spokesperson for X": actor X).
"""

from __future__ import annotations

import re

import attrs

from ._cues import _EN_VERBS, _FR_PRESENT, _OPENERS, _OPENING, cues, quoted_spans
from ._mentions import (
    _ORG_FOLDED,
    _PRONOUNS,
    _ROLE_NOUNS,
    ORGANISATIONS,
    _Mention,
    _org_in,
    _parse,
    _role_in,
    _role_mention,
    _tokens,
)

__all__ = ["ORGANISATIONS", "Attribution", "Context"]

_VERB_WORDS = frozenset(_EN_VERBS) | frozenset(_FR_PRESENT)
# Reporting verbs that are also plural nouns ("Various reports have said", "the company's shares"): a cue
# only when their subject is someone already named, a pronoun or a role, not a first-met lone word.
_NOUN_VERBS = frozenset("reports states notes posts shares details comments claims forecasts estimates projects "
                        "answers remarks signals hints highlights outlines counters promises tweets".split())
# A section label opening a sentence ("What he's saying:", "Why it matters:", "The big picture:").
_LABEL = re.compile(r"^[ \u00a0]*(?:[\w'’-]+[ \u00a0]+){0,4}[\w'’-]+[ \u00a0]?:[ \u00a0]")


@attrs.frozen
class Attribution:
    """Who a sentence is attributed to (empty strings when nobody is named)."""

    speaker: str = ""
    actor: str = ""


@attrs.define
class Context:
    """What an article has named so far, and the speaker of the current paragraph."""

    people: dict[str, str] = attrs.field(factory=dict)  # full name and surname -> full name
    employer: dict[str, str] = attrs.field(factory=dict)  # full name -> organisation
    role: dict[str, str] = attrs.field(factory=dict)  # full name -> role
    orgs: set[str] = attrs.field(factory=set)  # organisations met by their shape
    last_person: str = ""
    last_org: str = ""
    paragraph_speaker: Attribution = attrs.field(factory=Attribution)
    previous_paragraph_speaker: Attribution = attrs.field(factory=Attribution)
    last_speaker: Attribution = attrs.field(factory=Attribution)  # the last one a cue or a headline named
    # the person the previous sentence is about: the first person it names (a subject comes first)
    last_subject: str = ""
    previous_subject: str = ""  # the person the sentence before the current one is about
    sentence_org: str = ""  # the first known organisation the current sentence names (for "a spokesperson said")
    following: str = ""  # the next sentence, for a role named before its holder
    # mentions parsed once: text -> (mention, len(added) then); a parse is read again only when a name
    # added since (a person, a surname, an organisation, an employer) occurs in its text
    parsed: dict[str, tuple[_Mention, int]] = attrs.field(factory=dict, repr=False)
    added: list[str] = attrs.field(factory=list, repr=False)

    def new_paragraph(self) -> None:
        self.previous_paragraph_speaker = self.paragraph_speaker
        self.paragraph_speaker = Attribution()

    def remember(self, person: str, org: str = "", role: str = "") -> None:
        if person:
            keys = [person]
            if " " in person:
                keys.append(person.split()[-1])
                if person.split()[0].isupper():
                    keys.append(person.split()[0])
            for key in keys:
                if key not in self.people:
                    self.people[key] = person
                    self.added.append(key)
            if org and person not in self.employer:
                self.employer[person] = org
                self.added.extend(keys)
            if role:
                self.role[person] = role
            self.last_person = person
        if org:
            self.last_org = org

    def by_role(self, role: str, org: str = "") -> str:
        """The last person remembered in ``role`` (at ``org`` when given), else the person the next
        sentence names in that role ("..., the chief executive said. Chief Executive Rick Tsai told ..."),
        else the speaker of the paragraph, the last speaker, the last person."""
        if role:
            for person in reversed(list(self.role)):
                if self.role[person] == role and (not org or self.employer.get(person, org) == org):
                    return person
            ahead = self.ahead(role, org)
            if ahead:
                return ahead
            subject = self.last_subject
            if org and subject and subject not in self.role and self.employer.get(subject, org) == org:
                # "Sundar Pichai a pris la parole. Le patron de Google estime ...": the person just spoken of,
                # whose role the article has not given
                return subject
        if org:
            return ""
        return (self.paragraph_speaker.speaker or self.previous_paragraph_speaker.speaker or self.last_speaker.speaker
                or self.last_person)

    def ahead(self, role: str, org: str) -> str:
        """The person the next sentence names with ``role`` (and ``org`` if it names one), remembered; else ""."""
        following = self.following[:300]
        for match in _NAME_RUN.finditer(following):
            mention = _parse(_tokens(match.group()), self, side="left")
            title, employer = mention.role, mention.org
            rest = following[match.end():]
            if title and not mention.person and rest.lstrip(" \u00a0").startswith(","):
                # "Le PDG de Google DeepMind, Demis Hassabis, estime": the name in apposition holds the role
                named = _NAME_RUN.match(rest.lstrip(" \u00a0,"))
                if named is not None:
                    person = _parse(_tokens(named.group()), self, side="left")
                    mention = _Mention(person=person.person, org=employer or person.org, role=title,
                                       lone=person.lone) if person.person and not person.role else mention
            if not title and rest.lstrip(" \u00a0").startswith(","):  # "Dario Amodei, CEO of Anthropic, said"
                apposition = rest.lstrip(" \u00a0,")[:60].split(",", 1)[0]
                title = _role_in(apposition)
                employer = employer or (_org_in(apposition, self) if title else "")
            if mention.person and not mention.lone and _same_role(title, role) and (not org or employer in ("", org)):
                self.remember(mention.person, employer or org, title)
                return mention.person
        return ""

    def attribute(self, sentence: str, *, new_paragraph: bool, bullet: bool = False, following: str = "") -> Attribution:
        """The speaker and organisation of ``sentence``, the next sentence of the article.

        ``new_paragraph``: the sentence starts a paragraph; ``bullet``: that paragraph is a
        bullet of a list; ``following``: the next sentence (an embedded post's signature
        "– Name (@handle) date" names its author).

        >>> ctx = Context()
        >>> ctx.attribute("« Ce sera prêt », a déclaré Nick Clegg, président des affaires internationales de Meta.",
        ...               new_paragraph=True)
        Attribution(speaker='Nick Clegg', actor='Meta')
        >>> ctx.attribute("Microsoft President Brad Smith told Reuters the deal will close by June.", new_paragraph=True)
        Attribution(speaker='Brad Smith', actor='Microsoft')
        >>> ctx.attribute("“It will ship in 2027,” a Nvidia spokesperson said.", new_paragraph=True)
        Attribution(speaker='', actor='Nvidia')
        """
        if new_paragraph:
            self.new_paragraph()
        self.following = following
        self.previous_subject = self.last_subject
        self.sentence_org = _known_org(sentence, self) if "spokes" in sentence or "porte-parole" in sentence else ""
        found = _attribute(sentence, self)
        self._learn(sentence)
        if found is None and ":" in sentence:
            found = self._colon_quote(sentence)
        if found is None and "(@" in following:
            tweet = _TWEET.match(following)
            if tweet:
                mention = _parse(_tokens(tweet.group("name")), self, side="left")
                if mention.person:
                    found = Attribution(mention.person, mention.org)
        if found is None:
            carried = self.paragraph_speaker
            if not carried.speaker and not carried.actor and (bullet or _is_quote(sentence.lstrip())):
                # a standalone quotation or a bullet: the speaker of the paragraph before, or of the list's lead
                carried = self.previous_paragraph_speaker if (
                    self.previous_paragraph_speaker.speaker or not bullet) else self.last_speaker
                if not carried.speaker and not carried.actor and new_paragraph and self.previous_subject:
                    # a quotation opening a paragraph after one about a person: that person's
                    carried = Attribution(self.previous_subject, self.employer.get(self.previous_subject, ""))
            found = carried
            if carried.speaker or carried.actor:
                self.paragraph_speaker = carried
            return found
        self.paragraph_speaker = found
        if found.speaker:
            self.last_speaker = found
        return found

    def _colon_quote(self, sentence: str) -> Attribution | None:
        """A quotation a colon introduces takes the subject of the clause before the colon ("Ce mercredi, Sam
        Altman a publié un message : « ... »", "He put it simply: “...”"), a person named or a pronoun."""
        match = _COLON_QUOTE.search(sentence)
        if match is None:
            return None
        before = sentence[:sentence.rfind(":", 0, match.end())]
        subject = self.last_subject  # the first person the sentence names out of quotes and company phrases
        if subject and subject.split()[-1] in before:
            return Attribution(subject, self.employer.get(subject, ""))
        first = _CLAUSE_PRONOUN.search(before)
        if first is not None and first.group(1).casefold() in _PRONOUNS:
            return _resolve(_Mention(pronoun=_PRONOUNS[first.group(1).casefold()], is_pronoun=True), self)
        return None

    def parse(self, text: str, side: str) -> _Mention:
        """The mention ``text`` holds (see :func:`._mentions._parse`), read once while what the
        article named (people, organisations) is unchanged."""
        if len(text) > _MENTION_SPAN:  # a mention is a run of words at the end (left) or start (right) of text
            text = (text[-_MENTION_SPAN:].split(None, 1)[-1] if side == "left"
                    else text[:_MENTION_SPAN].rsplit(None, 1)[0])
        key = text if side == "left" else "\x00" + text
        known = self.parsed.get(key)
        now = len(self.added)
        if known is not None:
            mention, then = known
            if then == now or not any(name in text for name in self.added[then:]):
                if then != now:
                    self.parsed[key] = (mention, now)
                return mention
        mention = _parse(_tokens(text), self, side=side)
        self.parsed[key] = (mention, len(self.added))
        return mention

    def add_org(self, org: str) -> None:
        """Remember ``org`` as an organisation's name."""
        if org not in self.orgs:
            self.orgs.add(org)
            self.added.append(org)

    def _learn(self, sentence: str) -> None:
        """Remember full names met in ``sentence`` (for surnames and pronouns later), and the person
        the sentence is about (the first it names: "Zuckerberg harked back ..., bringing in Alexandr Wang")."""
        subject, subject_at = "", len(sentence)
        quoted = quoted_spans(sentence) if _OPENING.search(sentence) else []
        low = sentence.lower()
        company = any(word in low for word in _COMPANY_WORDS)  # "alongside", "aux côtés de": a name may be no subject
        for match in _NAME_RUN.finditer(sentence):
            run = match.group()
            if run in self.people and " " in run:  # a full name met before: no need to read it again
                self.last_person = self.people[run]
                if match.start() < subject_at and not any(a <= match.start() < b for a, b in quoted) \
                        and not (company and _after_preposition(sentence, match.start())):
                    subject, subject_at = self.last_person, match.start()
                continue
            parsed = self.parse(run, "left")
            if parsed.person and " " in parsed.person:
                role, org = parsed.role, parsed.org
                rest = sentence[match.end():match.end() + 80]
                if not role and rest.startswith(","):  # "Jean Dupont, directeur financier de Chipco, ..."
                    apposition = rest[1:].split(",", 1)[0]
                    role = _role_in(apposition)
                    org = org or (_org_in(apposition, self) if role else "")
                self.remember(parsed.person, org, role)
                if match.start() < subject_at and not any(a <= match.start() < b for a, b in quoted) \
                        and not (company and _after_preposition(sentence, match.start())):
                    subject, subject_at = parsed.person, match.start()
            elif parsed.org and not parsed.person:
                self.last_org = parsed.org
        if self.people and not self.people.keys().isdisjoint(_possessor(w) for w in _CAP_WORD.findall(sentence, 0, subject_at)):
            for match in _CAP_WORD.finditer(sentence, 0, subject_at):
                if quoted and any(a <= match.start() < b for a, b in quoted):
                    continue
                person = self.people.get(_possessor(match.group()))  # "Musk's announcement" is about Musk
                if person and not (company and _after_preposition(sentence, match.start())):
                    subject = person
                    break
        self.last_subject = subject


# A name right after a preposition of company is no subject: "Aux côtés de Laurence Fink, Elon Musk a livré ...".
_AFTER_PREPOSITION = re.compile(r"(?:^|[^\w'’])(?:avec|(?:aux|à)[ \u00a0]+côtés[ \u00a0]+d(?:e|['’])|face[ \u00a0]+à|contre|with|"
                                r"alongside|beside|against)[ \u00a0]*$", re.IGNORECASE)
_COMPANY_WORDS = ("avec", "côtés", "face", "contre", "with", "alongside", "beside", "against")  # one of them must be there
_CAP_RUN_END = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*[ \u00a0]+)*$")


def _after_preposition(sentence: str, start: int) -> bool:
    """The name at ``start`` (or the run of capitalised words it ends) follows a preposition."""
    window = sentence[max(0, start - 60):start]
    low = window.lower()
    if not any(word in low for word in _COMPANY_WORDS):
        return False
    run = _CAP_RUN_END.search(window)
    return _AFTER_PREPOSITION.search(window, 0, run.start() if run else len(window)) is not None


_NAME_RUN = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*(?:[ \u00a0]+(?:(?:de|van|von|da|di|del|le|bin|al)[ \u00a0]+)?"
                       r"[A-ZÀ-ÖØ-Þ][\w'’.-]*)+)")
_MENTION_SPAN = 100  # characters that hold the longest mention ("Microsoft Vice Chair and President Brad Smith")
_CAP_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]+")
_TWEET = re.compile(r"^[–—-]?\s*(?P<name>[^()\n]{2,60}?)\s*\(@\w{1,30}\)")


# A person's written or spoken piece as the subject of a reporting verb ("Altman's message said", "Jane Roe's
# memo noted"): the person.
_POSSESSIVE_WRITING = re.compile(r"(?P<name>[A-ZÀ-ÖØ-Þ][\w.-]*(?:[ \u00a0]+[A-ZÀ-ÖØ-Þ][\w.-]*){0,3})['’]s[ \u00a0]+"
                                 r"(?:\w+[ \u00a0]+)?(?:message|memo|post|letter|note|email|e-mail|tweet|statement|"
                                 r"remarks|comments|blog[ \u00a0]+post|keynote|speech|presentation)$")
# After a role and what it heads, a name in apposition: "le patron d'OpenAI, Sam Altman,".
_APPOSED_NAME = re.compile(r"[^,;:«»“”\"]{0,60},[ \u00a0]*(?P<name>[A-ZÀ-ÖØ-Þ][\w.'’-]*(?:[ \u00a0]+[A-ZÀ-ÖØ-Þ][\w.'’-]*){1,3})"
                           r"[ \u00a0]*[,)]")
# A quotation opened right after a colon, the words before it holding no quotation.
_COLON_QUOTE = re.compile(r"^[^«“\"]{8,300}?[ \u00a0]?:[ \u00a0]*[«“\"]")
# The pronoun that begins a clause (the sentence, or after a comma): "Il a écrit", ", she wrote".
_CLAUSE_PRONOUN = re.compile(r"(?:^|,)[ \u00a0]*(he|she|il|elle)\b", re.IGNORECASE)
# A role noun followed by what it heads, without a name ("the head of one of the world's leading AI companies",
# "le patron d'une grande entreprise"): the role alone, its holder named later.
_ROLE_OF = re.compile(r"^(?i:the|a|le|la|l['’])[ \u00a0]*(?P<role>(?i:head|chief|boss|chief executive|founder|patron|patronne|"
                      r"dirigeant|dirigeante|fondateur|fondatrice))[ \u00a0]+(?:of|de|d['’]|du|des)\b[^A-ZÀ-ÖØ-Þ]{3,80}$")


def _known_org(sentence: str, ctx: Context) -> str:
    """The first organisation of ``sentence`` known by name (a well-known one, or one the article named)."""
    for match in _CAP_WORD.finditer(sentence):
        word = _possessor(match.group())
        known = _ORG_FOLDED.get(word.casefold()) or (word if word in ctx.orgs else "")
        if known:
            return known
    return ""


def _possessor(word: str) -> str:
    """``word`` without a possessive "'s" ("Musk's" → "Musk")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _is_quote(sentence: str) -> bool:
    return sentence[:1] in _OPENERS


_LEFT_UNIT = re.compile(
    r"(?:[ \u00a0]+(?:on|le|ce|this|last|lors de)?[ \u00a0]*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|today|yesterday|hier|"
    r"aujourd['’]hui)|[ \u00a0]+(?:also|later|previously|then|has|had|have|a|avait|ont|again|"
    r"également|aussi|encore|déjà|in a statement|in an interview|in a blog post|"
    r"(?:was|were|is|has been|had been) quoted as|[a-z]+ly))[ \u00a0]*$")
_TAIL = 48  # characters that hold the longest unit of _LEFT_UNIT


def _left(sentence: str, start: int) -> str:
    """The words before a cue, back to a clause mark, with the adverbs, auxiliaries and time words
    that sit between the subject and its verb ("Jane Roe also said on Tuesday") taken off."""
    window = sentence[max(0, start - 200):start]
    while True:
        tail = window[-_TAIL:]
        match = _LEFT_UNIT.search(tail)
        if match is None:
            return window
        window = window[:len(window) - len(tail) + match.start()]


def _subject_left(sentence: str, start: int, ctx: Context) -> _Mention | None:
    before = _left(sentence, start).rstrip()
    if not before:
        return None
    # "“...,” X said": the words after the closing quote
    cut = max(before.rfind(c) for c in "»”\"")
    tail = before[cut + 1:] if cut >= 0 else before
    tail = tail.strip(" ,\u00a0")
    if not tail:
        return None
    # the apposition: "X, CEO of Y, said"
    appo = None
    if before.endswith(",") and tail.count(",") >= 1:
        head, _, appo = tail.rpartition(",")
        tail = head.rstrip(" ,")
    else:
        pieces = re.split(r"[;:]|,(?![^,]*$)", tail)
        tail = pieces[-1] if pieces else tail
        if "," in tail:
            tail = tail.rsplit(",", 1)[-1]
    last = tail.split()[-1].casefold() if tail.split() else ""
    written = _POSSESSIVE_WRITING.search(tail)
    if written is not None:  # "Altman's message said": the writer
        tail = written.group("name")
        last = tail.split()[-1].casefold()
    outlet = _outlet_at_end(tail)
    if outlet:  # "The Verge reported": the outlet makes the claim (it is no speaker's organisation)
        return _Mention(org=outlet)
    if last in _PRONOUNS:
        return _Mention(pronoun=_PRONOUNS[last], is_pronoun=True)
    role_match = _ROLE_NOUNS.search(tail[-80:])
    mention = ctx.parse(tail, "left")
    if appo is not None and (mention.person or mention.org or mention.is_role):
        extra = ctx.parse(appo, "right")
        if extra.person and not mention.person:  # "Le PDG de Mistral AI, Arthur Mensch, a affirmé"
            org = mention.org or _org_in(tail, ctx) or extra.org
            mention = _Mention(person=extra.person, org=org, role=mention.role or extra.role)
        else:
            mention = _Mention(person=mention.person, org=mention.org or extra.org or _org_in(appo, ctx),
                               role=mention.role or extra.role or _role_in(appo))
    if not mention.person and not mention.org and not mention.is_pronoun and role_match and role_match.end() >= len(tail[-80:]) - 1:
        return _role_mention(role_match.group("role"))
    if not mention.person and not mention.org and not mention.is_pronoun:
        role_of = _ROLE_OF.match(tail)
        if role_of is not None:  # "The head of one of the world's leading AI companies says"
            role = _role_mention(role_of.group("role"))
            return _Mention(role=role.role or "head", is_role=True)
    if mention.is_pronoun or mention.person or mention.org or mention.is_role:
        return mention
    return None


def _subject_right(sentence: str, end: int, ctx: Context) -> _Mention | None:
    after = sentence[end:end + 200]
    after = re.sub(r"^[ \u00a0]*(?:on[ \u00a0]+\w+day|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|today|hier|"
                   r"yesterday|in a statement|dans un communiqué|in an interview|à l['’]AFP|au Monde)?[ \u00a0,]*", "", after)
    first = after.split(None, 1)[0].strip(",.;:").casefold() if after.strip() else ""
    if first in _PRONOUNS:  # "selon lui", "according to her"
        return _Mention(pronoun=_PRONOUNS[first], is_pronoun=True)
    role_match = _ROLE_NOUNS.match(after)
    piece = re.split(r"[;:!?«»“”\"]|\.(?=\s|$)", after, maxsplit=1)[0]  # "Amazon.com CEO" keeps its dot
    head, _, appo = piece.partition(",")
    mention = ctx.parse(head, "right")
    if role_match and not mention.person:
        named = _parse(_tokens(re.split(r"[,;:!?«»“”\"()]|\.(?=\s|$)", after[role_match.end():role_match.end() + 120],
                                        maxsplit=1)[0]), ctx, side="right")
        if named.person and not named.lone:  # "son cofondateur Arthur Mensch", "Chief Executive Rick Tsai"
            role_mention = _role_mention(role_match.group("role"))
            return _Mention(person=named.person, org=named.org, role=named.role or role_mention.role)
        org = _org_in(after[role_match.end():role_match.end() + 60], ctx) if re.match(
            r"[ \u00a0]*(?:de|d['’]|of|at|chez|du)\b", after[role_match.end():]) else ""
        role_mention = _role_mention(role_match.group("role"))
        apposed = _APPOSED_NAME.match(after, role_match.end())
        if apposed is not None and role_mention.role not in ("company", "spokesperson"):
            # "selon le patron d'OpenAI, Sam Altman, ...": the name in apposition holds the role
            named = _parse(_tokens(apposed.group("name")), ctx, side="right")
            if named.person and not named.lone:
                return _Mention(person=named.person, org=org or named.org, role=named.role or role_mention.role)
        if org and role_mention.is_role and role_mention.role not in ("company",):
            person = ctx.by_role(role_mention.role) if role_mention.role else ctx.last_person
            if person and ctx.employer.get(person, org) == org:
                return _Mention(person=person, org=org, role=role_mention.role)
            return _Mention(org=org, role=role_mention.role)
        if org:
            return _Mention(org=org)
        return role_mention
    if appo and (mention.person or mention.org):
        mention = _Mention(person=mention.person, org=mention.org or _org_in(appo, ctx), role=mention.role or _role_in(appo),
                           lone=mention.lone)
    if mention.person or mention.org or mention.is_pronoun:
        return mention
    return None


_OUTLET_NAMES = {o.casefold(): o for o in (
    "Reuters", "Bloomberg", "The Verge", "CNBC", "TechCrunch", "AFP", "Les Echos", "Le Monde", "Le Figaro", "CNN", "BBC",
    "Axios", "Wired", "Fortune", "Forbes", "Business Insider", "The Information", "Financial Times", "The New York Times",
    "The Wall Street Journal", "Wall Street Journal", "Associated Press", "The Guardian", "Semafor", "Nikkei Asia",
    "Nikkei", "Bloomberg News", "Le Parisien", "La Tribune", "L'Usine Nouvelle", "Numerama", "Kyodo News")}
_OUTLET_END = re.compile(r"(?:^|\s)(?P<name>" + "|".join(re.escape(o) for o in sorted(_OUTLET_NAMES, key=len, reverse=True))
                         + r")\s*$", re.IGNORECASE)


def _outlet_at_end(text: str) -> str:
    match = _OUTLET_END.search(text[-40:])
    return _OUTLET_NAMES[match.group("name").casefold()] if match else ""


def _resolve(mention: _Mention, ctx: Context) -> Attribution | None:
    if mention.is_pronoun:
        # the person the previous sentence is about, else the speaker of this paragraph, else of the one
        # before ("• He added"), else the last person named
        person = (ctx.last_subject or ctx.paragraph_speaker.speaker or ctx.previous_paragraph_speaker.speaker
                  or ctx.last_person)
        if not person:
            return Attribution("", ctx.paragraph_speaker.actor) if ctx.paragraph_speaker.actor else None
        return Attribution(person, ctx.employer.get(person, ""))
    if mention.is_role:
        if mention.role == "company":
            org = ctx.paragraph_speaker.actor or ctx.last_org
            return Attribution("", org) if org else None
        if mention.role == "spokesperson":  # a spokesperson speaks for an organisation, never for a person
            return Attribution("", ctx.sentence_org or ctx.last_org)
        person = ctx.by_role(mention.role)
        return Attribution(person, ctx.employer.get(person, "")) if person else None
    if mention.person:
        if mention.role == "spokesperson" and mention.org and " " not in mention.person:
            return Attribution("", mention.org)
        ctx.remember(mention.person, mention.org, mention.role)
        return Attribution(mention.person, mention.org or ctx.employer.get(mention.person, ""))
    if mention.org:
        ctx.last_org = mention.org
        if mention.role and mention.role != "spokesperson":  # "Google CEO declares ...": the CEO of Google
            person = ctx.by_role(mention.role, mention.org)
            if person:
                return Attribution(person, mention.org)
        return Attribution("", mention.org)
    return None


def _attribute(sentence: str, ctx: Context) -> Attribution | None:
    """The attribution of the first reporting cue of ``sentence`` that has a subject."""
    label = _LABEL.match(sentence)
    label_end = label.end() if label and not any(q in label.group() for q in "«“\"") else 0
    found = cues(sentence)
    if len(found) > 1:  # "Acme expects ... by 2027, the chief executive said": the reporting verb speaks first
        found = tuple(sorted(found, key=lambda c: sentence[c[1]:c[2]].rsplit(None, 1)[-1].casefold() in _WEAK_CUES))
    for kind, start, end, pron in found:
        if start < label_end:
            continue  # "What he's saying:" labels a section, it reports nothing
        mention: _Mention | None = None
        if kind == "inv":
            mention = _subject_right(sentence, end, ctx) if pron == "on" else _Mention(
                pronoun=_PRONOUNS.get(pron, ""), is_pronoun=True)
        elif kind == "prep":
            mention = _subject_right(sentence, end, ctx)
            if mention is not None and mention.person and mention.lone and mention.person not in ctx.people:
                # "According to Electrek, ...": one word met for the first time names a source, not a person (and
                # what follows its comma is the claim, no apposition)
                mention = _Mention(org=mention.person)
        else:
            word = sentence[start:end].split()[-1].casefold()
            mention = _subject_left(sentence, start, ctx)
            invertible = word not in ("told", "tells", "tell", "says", "say") and not word.endswith("ing")
            before = sentence[:start].rstrip()
            if (mention is None or mention.lone) and invertible and (not before or before[-1] in ",»”\""):
                mention = _subject_right(sentence, end, ctx) or mention
            if (mention is None or (not mention.person and not mention.is_pronoun and not mention.is_role)) \
                    and _NO_CLAUSE_MARK.fullmatch(before) and _INITIAL_NAME.match(before):
                # "Google CEO Sundar Pichai in a message to employees has said": the sentence's subject
                initial = _subject_right(sentence, 0, ctx)
                if initial is not None and initial.person and not initial.lone:
                    mention = initial
            if (mention is None or mention.lone) and _shares_subject(before, word):
                # "Lehane didn't commit ... but said", "Lehane listed ..., telling Fried": the clause's subject
                comma = sentence.find(",", label_end, start)
                mention = (_subject_right(sentence, label_end, ctx) or (
                    _subject_right(sentence, comma + 1, ctx) if comma >= 0 else None) or mention)
            if word in _NOUN_VERBS and (mention is None or mention.lone):
                continue
        if mention is None:
            continue
        resolved = _resolve(mention, ctx)
        if resolved is not None:
            return resolved
    headline = _HEADLINE.match(sentence) or _HEADLINE_QUOTE.match(sentence)
    if headline:
        mention = _parse(_tokens(headline.group("name")), ctx, side="left")
        if (mention.person and not mention.lone) or (mention.org and not mention.person):
            return _resolve(mention, ctx)
    return None


# Verbs that report a view more than a statement: another cue of the sentence names the speaker first.
_WEAK_CUES = frozenset("expects expected believes believed estimates estimated forecast forecasts projected projects "
                       "pense croit estime prévoit anticipe compte espère table".split())
_EXECUTIVES = frozenset("ceo cfo cto coo cso cpo president founder chair exec head vp director".split())


def _same_role(named: str, said: str) -> bool:
    """``named`` (a title met with a name) fits ``said`` (a role noun): the same, or any executive title for
    "an executive", "the head", "a leading AI executive"."""
    return named == said or (said in ("exec", "head") and named in _EXECUTIVES)


_NO_CLAUSE_MARK = re.compile(r"[^,;:«»“”\"()]*")
_INITIAL_NAME = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*[ \u00a0]+){1,5}(?:in|at|on|during|for|lors|dans|en|à|au)\b")
_COORDINATED = re.compile(r"(?:\b(?:and|but|et|mais)|,)[ \u00a0]*$", re.IGNORECASE)


def _shares_subject(before: str, verb: str) -> bool:
    """The cue's subject is the one of the sentence's first clause: a verb coordinated by "and"/"but"
    ("... but said"), or a participle after a comma (", telling Fried")."""
    if _COORDINATED.search(before[-12:]) is None:
        return False
    return not before.endswith(",") or verb.endswith(("ing", "ant"))


# "Altman: GPT-5 will ship this summer", "Sam Altman : « ... »"
_HEADLINE = re.compile(r"^(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*[ \u00a0]?){1,5})[ \u00a0]?:[ \u00a0]")
# "Google DeepMind CEO Demis Hassabis “AGI to appear in 5-10 years”": a name, then a quotation to the end
_HEADLINE_QUOTE = re.compile(r"^(?P<name>(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*[ \u00a0]){2,7})[ \u00a0]?[“«\"][^“”«»\"]+[”»\"][ \u00a0.]*$")
