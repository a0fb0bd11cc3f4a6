"""A mention of a person or an organisation, read from the words around a reporting cue.

A mention is a run of capitalised words, titles and organisations ("Microsoft President
Brad Smith", "a Meta spokesperson", "le PDG d'OpenAI, Sam Altman") split into a person, an
organisation and a role, initials, particles and family-name-first names kept; or a pronoun
("he", "elle"); or a role noun ("the chief executive", "le dirigeant", "the company").
What the article already named (the :class:`~._attribution.Context`) decides a lone word:
a surname, or an organisation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from ._attribution import Context

__all__ = ["ORGANISATIONS"]

#: Organisations of the field, as written.  Others are recognised by their shape: a name
#: followed by a title ("Acme CEO"), a possessive ("Acme's"), "at"/"of"/"chez" after a title,
#: a company suffix ("Acme Inc.", "Acme Labs").
ORGANISATIONS: tuple[str, ...] = (
    "Meta", "Facebook", "OpenAI", "Google", "Google DeepMind", "DeepMind", "Alphabet", "Microsoft", "Anthropic",
    "Mistral AI", "Mistral", "Apple", "Amazon", "Amazon Web Services", "AWS", "Nvidia", "IBM", "Intel",
    "AMD", "xAI", "Tesla", "Hugging Face", "Stability AI", "Cohere", "AI21 Labs", "Inflection", "Baidu", "Alibaba",
    "Tencent", "ByteDance", "DeepSeek", "Samsung", "Oracle", "Salesforce", "Adobe", "LightOn", "Aleph Alpha",
    "Perplexity", "Midjourney", "Runway", "Databricks", "Qualcomm", "SoftBank", "Huawei", "Zhipu", "Moonshot",
    "TSMC", "Arm", "Broadcom", "CoreWeave", "Scale AI", "Safe Superintelligence", "Thinking Machines", "Figure",
    "Character.AI", "Snowflake", "Palantir", "Uber", "X", "Twitter", "Netflix", "Spotify", "Orange", "Free",
    "Capgemini", "Atos", "Dassault Systèmes", "Thales", "Kyutai", "Poolside", "Helsing", "H Company",
    "Reuters", "Bloomberg", "The Verge", "CNBC", "TechCrunch", "AFP", "Les Echos", "Le Monde", "Le Figaro",
)
_OUTLETS = frozenset(o.casefold() for o in (
    "Reuters", "Bloomberg", "The Verge", "CNBC", "TechCrunch", "AFP", "Les Echos", "Le Monde", "Le Figaro", "CNN",
    "BBC", "Axios", "Wired", "Fortune", "Forbes", "Business Insider", "The Information", "Financial Times", "FT",
    "The New York Times", "New York Times", "The Wall Street Journal", "Wall Street Journal", "WSJ", "Associated Press",
    "AP", "The Guardian", "Semafor", "Stratechery", "Fox Business", "Bloomberg Television", "CNBC's", "France Inter",
    "BFM", "BFM Business", "franceinfo", "Libération", "L'Express", "Le Parisien", "La Tribune", "L'Usine Nouvelle",
    "Challenges", "Le Point", "Numerama", "Journal du Net", "publication", "newspaper", "outlet", "press"))
_ORG_FOLDED = {o.casefold(): o for o in ORGANISATIONS}
# Capitals that name no organisation: "a leading AI executive", "US regulators", "l'IA".
_NOT_ORGS = frozenset("AI IA US UK EU UN GPU GPUs LLM LLMs AGI IAG ASI CEO PDG CFO CTO".split())
_ORG_SUFFIX = frozenset("inc inc. corp corp. ltd llc labs lab ai group technologies systems holdings sa sas gmbh "
                        "capital partners ventures research bank university institute foundation commission "
                        "ministry agency council".split())

# Title and role words: stripped from a name, remembered as the person's role.
_ROLES = {
    "ceo": "ceo", "chief": "ceo", "pdg": "ceo", "patron": "ceo", "patronne": "ceo", "boss": "ceo",
    "cto": "cto", "cfo": "cfo", "coo": "coo", "cso": "cso", "cpo": "cpo",
    "president": "president", "président": "president", "présidente": "president", "chairman": "chair",
    "chairwoman": "chair", "chair": "chair", "founder": "founder", "co-founder": "founder", "cofounder": "founder",
    "fondateur": "founder", "fondatrice": "founder", "cofondateur": "founder", "cofondatrice": "founder",
    "co-fondateur": "founder", "director": "director", "directeur": "director", "directrice": "director",
    "head": "head", "responsable": "head", "lead": "head", "manager": "head", "vice": "vp", "vp": "vp",
    "svp": "vp", "evp": "vp", "executive": "exec", "officer": "exec", "dirigeant": "exec", "dirigeante": "exec",
    "spokesperson": "spokesperson", "spokesman": "spokesperson", "spokeswoman": "spokesperson",
    "porte-parole": "spokesperson", "analyst": "analyst", "analyste": "analyst", "researcher": "researcher",
    "chercheur": "researcher", "chercheuse": "researcher", "scientist": "researcher", "engineer": "engineer",
    "ingénieur": "engineer", "professor": "professor", "professeur": "professor", "minister": "minister",
    "ministre": "minister", "secretary": "minister", "senator": "senator", "sénateur": "senator",
    "commissioner": "commissioner", "commissaire": "commissioner", "governor": "governor", "partner": "partner",
    "associé": "partner", "investor": "investor", "investisseur": "investor", "economist": "analyst",
    "économiste": "analyst", "billionaire": "exec", "milliardaire": "exec", "entrepreneur": "exec",
    "entrepreneuse": "exec", "executives": "exec", "général": "", "générale": "", "general": "", "senior": "",
    "principal": "", "managing": "", "deputy": "", "adjoint": "", "adjointe": "", "délégué": "", "déléguée": "",
    "mr": "", "mrs": "", "ms": "", "dr": "", "prof": "", "m.": "", "mme": "", "sir": "", "dame": "",
    "global": "", "product": "", "technology": "", "technical": "", "financial": "", "operating": "",
    "scientific": "", "research": "", "investment": "", "strategy": "", "affairs": "", "officers": "",
    "produit": "", "technique": "", "financier": "", "financière": "", "scientifique": "", "exécutif": "",
}
_PRONOUNS = {"he": "m", "she": "f", "il": "m", "elle": "f", "they": "", "ils": "", "elles": "", "we": "", "nous": "",
             "lui": "m", "eux": "", "him": "m", "her": "f", "them": ""}
_ROLE_NOUNS = re.compile(
    r"\b(?:(?:the|this|our|their|its|le|la|son|sa|leur|notre|ce|cette)[ \u00a0]+|l['’][ \u00a0]*)(?:[\w'’-]+['’]s[ \u00a0]+)?"
    r"(?:(?:company|firm|startup|start-up|group)['’]s[ \u00a0]+)?(?:co-?)?(?P<role>premier ministre|première ministre|"
    r"prime minister|chief executive|chief|ceo|cto|cfo|executive|"
    r"boss|founder|cofounder|co-founder|president|chairman|billionaire|entrepreneur|pair|duo|exec|executives|"
    r"pdg|patron|patronne|dirigeant|dirigeante|fondateur|fondatrice|cofondateur|président|présidente|"
    r"milliardaire|entrepreneur|directeur|directrice|chercheur|chercheuse|researcher|scientist|analyst|analyste|"
    r"ministre|minister|economist|économiste|porte-parole|spokesperson|spokesman|spokeswoman|investor|"
    r"company|firm|startup|start-up|group|société|firme|entreprise|groupe|géant|giant|maker|chipmaker|lab|"
    r"laboratoire|éditeur|constructeur|fabricant)\b", re.IGNORECASE)
_ORG_NOUNS = frozenset("company firm startup start-up group société firme entreprise groupe géant giant maker "
                       "chipmaker lab laboratoire éditeur constructeur fabricant".split())
# Words of places and institutions: a capitalised run holding one names no person ("United States").
_NOT_PERSON = frozenset("""states kingdom union republic emirates nations house forum university street valley summit
    conference council commission court congress senate parliament department ministry agency island islands city
    county america europe asia africa world center centre school college institute hall park year day eve week""".split())

# A word of a mention: capitalised words, initials, particles, "'s", titles.
_TOKEN = re.compile(r"\b[dlDL]['’](?=[A-ZÀ-ÖØ-Þ])|[A-Za-zÀ-ÖØ-öø-ÿĀ-žƀ-ɏ](?:[\w.-]|['’](?![sS]\b))*|[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u3000-\u9fff\uac00-\ud7af]+|,|\(|\)|['’]s\b")
_PARTICLES = frozenset("de du des van von der den da di del della le la bin al el ben ter dos das".split())
_CONNECTORS = frozenset("of at for from de d' d’ du chez of the".split())
_NON_LATIN = re.compile(r"[\u0370-\u03ff\u0400-\u04ff\u0590-\u06ff\u3000-\u9fff\uac00-\ud7af]")
_STOP_CAPS = frozenset(
    """the this that these those it he she we they there his her its our their a an but and so in on at for if
    when while after before as however meanwhile still also then now today yesterday tomorrow last next
    le la les l un une des ce cet cette ces il elle ils elles on nous vous je mais et donc selon pour en au aux
    dans son sa ses leur leurs notre votre tout tous dès depuis lors après avant hier aujourd demain
    monday tuesday wednesday thursday friday saturday sunday lundi mardi mercredi jeudi vendredi samedi dimanche
    january february march april may june july august september october november december janvier février mars
    avril mai juin juillet août septembre octobre novembre décembre malgré pendant avec sans chez vers comme
    despite during with without like although because unlike""".split())


@attrs.frozen
class _Mention:
    person: str = ""
    org: str = ""
    role: str = ""
    pronoun: str = ""  # "m", "f" or "" for a pronoun subject
    is_pronoun: bool = False
    is_role: bool = False
    lone: bool = False  # the person is one word met for the first time: a surname, or an organisation


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("\u00a0", " "))


def _is_cap(token: str) -> bool:
    """A capitalised word that can be part of a name ("L’entreprise", "D’après", "The" cannot)."""
    if token[1:2] in ("'", "’") and token[2:3].islower():
        return False
    return token[:1].isupper() and token.casefold() not in _STOP_CAPS


def _org_name(words: list[str], ctx: Context) -> str:
    """The organisation ``words`` name ("" when they do not)."""
    name = " ".join(words).strip(" ,")
    folded = name.casefold()
    if not words:
        return ""
    if folded in _ORG_FOLDED:
        return _ORG_FOLDED[folded]
    if name in ctx.orgs:
        return name
    if len(words) >= 2 and words[-1].casefold().rstrip(".") in _ORG_SUFFIX:
        return name.rstrip(".") if words[-1].casefold() not in ("ai",) or words[0].casefold() not in _ORG_FOLDED \
            else _ORG_FOLDED[words[0].casefold()]
    if len(words) == 1 and words[0] in _NOT_ORGS:
        return ""
    if len(words) == 1 and len(words[0].rstrip(".")) > 1 and "." not in words[0] \
            and (any(c.isupper() for c in words[0][1:]) or words[0].isupper()) and words[0] not in ctx.people:
        return words[0]  # OpenAI, xAI, IBM: capitals inside a word
    return ""


def _person_name(words: list[str], ctx: Context) -> str:
    """The person ``words`` name, family-name-first, initials and particles included; "" when none."""
    words = [w for w in words if not _NON_LATIN.search(w)]
    if not words:
        return ""
    name = " ".join(words).rstrip(",")
    if name in ctx.people:
        return ctx.people[name]
    if len(words) == 1:
        return ""
    if any(w.casefold() in _ROLES or w.casefold() in _STOP_CAPS or w.casefold() in _NOT_PERSON for w in words):
        return ""
    if any(c.isdigit() for w in words for c in w):
        return ""  # "Sam Altman Discusses GPT-5": a headline in title case, not a name
    if words[0].casefold() in _OUTLETS or (words[0].casefold() in _ORG_FOLDED and len(words) == 2):
        return ""  # "Bloomberg TV", "Google Cloud": an outlet's or a company's unit, no person
    return name


def _parse(tokens: list[str], ctx: Context, side: str) -> _Mention:
    """A mention's person, organisation and role, from its tokens (titles and organisations stripped).

    ``side`` is where the mention sits from the cue: "left" reads the words just before
    it (the mention is at their end), "right" the words just after it (at their start).
    """
    if not tokens:
        return _Mention()
    if side == "left":
        # the mention is the longest tail of name words, titles, connectors, possessives
        k = len(tokens)
        while k > 0:
            t = tokens[k - 1]
            low = t.casefold()
            if _is_cap(t) or low in _ROLES or t in ("'s", "’s") or _NON_LATIN.search(t) or t in ("(", ")") \
                    or (low in _CONNECTORS and k - 2 >= 0 and (tokens[k - 2].casefold() in _ROLES)) \
                    or (low in _PARTICLES and k < len(tokens) and _is_cap(tokens[k])):
                k -= 1
                continue
            break
        words = tokens[k:]
        first_word = tokens[k - 1].casefold() if k else ""
    else:
        k = 0
        while k < len(tokens):
            t = tokens[k]
            low = t.casefold()
            if _is_cap(t) or low in _ROLES or t in ("'s", "’s") or _NON_LATIN.search(t) or t in ("(", ")") \
                    or (low in _CONNECTORS and k + 1 < len(tokens) and _is_cap(tokens[k + 1])) \
                    or (low in _PARTICLES and k + 1 < len(tokens) and _is_cap(tokens[k + 1])) \
                    or (low in ("the", "le", "la", "l'", "l’", "a", "an", "un", "une") and k == 0):
                k += 1
                continue
            break
        words = tokens[:k]
        first_word = ""
    words = [w for w in words if w not in ("(", ")")]
    if not words:
        return _Mention()
    low_words = [w.casefold() for w in words]
    if len(words) == 1 and low_words[0] in _PRONOUNS:
        return _Mention(pronoun=_PRONOUNS[low_words[0]], is_pronoun=True)
    # Split into runs: titles/roles, connectors, capitalised runs (possessive ends a run).
    role = ""
    org = ""
    person = ""
    runs: list[list[str]] = []
    current: list[str] = []
    kinds: list[str] = []  # after each run: what follows it ("role", "'s", "conn", "end")
    of_role: set[int] = set()  # runs after "title of" ("PDG d'Acme", "chief executive of Acme"): organisations
    last_kind = ""
    for w in words:
        low = w.casefold()
        if not current and last_kind == "role-conn":
            of_role.add(len(runs))
        if low in _ROLES:
            last_kind = "role"
            if current:
                runs.append(current)
                kinds.append("role")
                current = []
            role = role or _ROLES[low]
        elif w in ("'s", "’s"):
            if current:
                runs.append(current)
                kinds.append("'s")
                current = []
        elif low in _CONNECTORS or low in ("the", "le", "la", "a", "an", "un", "une"):
            last_kind = "role-conn" if last_kind == "role" and low in _CONNECTORS and not current else last_kind
            if current:
                runs.append(current)
                kinds.append("conn")
                current = []
        elif low in _PARTICLES and current:
            current.append(w)
        else:
            current.append(w)
            last_kind = "" if last_kind != "role-conn" else last_kind
    if current:
        runs.append(current)
        kinds.append("end")
    people, orgs = [], []
    for i, (run, kind) in enumerate(zip(runs, kinds, strict=True)):
        as_org = _org_name(run, ctx)
        if i in of_role and len(run) <= 3 and not (len(run) > 1 and " ".join(run) in ctx.people):
            found = as_org or " ".join(run)
            orgs.append(found)
            ctx.add_org(found)
            continue
        if (kind == "role" and len(run) == 1 and run[0] in _NOT_ORGS) or (i in of_role and run[0] in _NOT_ORGS):
            continue  # "a leading AI executive": an adjective, no organisation
        if kind == "'s" and " ".join(run) in ctx.people:
            continue  # "Musk's comments": a person named before owns them, no organisation
        if kind in ("'s",) or (kind == "role" and not _person_name(run, ctx)):
            found = as_org or " ".join(run)
            orgs.append(found)
            ctx.add_org(found)
            continue
        if as_org:
            orgs.append(as_org)
            continue
        # a known organisation at the head of a run: "Microsoft President" handled above; "Meta Nick Clegg"
        if len(run) > 2 and _org_name(run[:1], ctx):
            orgs.append(_org_name(run[:1], ctx))
            run = run[1:]
        name = _person_name(run, ctx)
        if name:
            people.append(name)
        elif len(run) == 1 and run[0] in ctx.people:
            people.append(ctx.people[run[0]])
        elif len(run) == 1:
            people.append("?" + run[0])  # a lone word: a surname or an organisation, decided below
    # after a connector ("chief executive of Acme"), a capitalised run is the organisation
    person = next((p for p in people if not p.startswith("?")), "")
    lone = [p[1:] for p in people if p.startswith("?")]
    if not person and lone:
        word = lone[-1]
        if word.casefold() in _OUTLETS:
            pass
        elif (role or kinds[-1:] == ["end"]) and len(runs) > 1 and orgs:
            person = word if word in ctx.people else ""
        elif word in ctx.orgs or word.casefold() in _ORG_FOLDED:
            orgs.append(word)
        else:
            person = ctx.people.get(word, "")
            if not person and first_word not in _PARTICLES:
                person = "?" + word
    org = orgs[0] if orgs else ""
    if org.casefold() in _OUTLETS:
        org = ""
    if not person and not org and role:
        return _Mention(role=role, is_role=True)
    if person.startswith("?"):
        return _Mention(person=person[1:], org=org, role=role, lone=True)
    if person and not org:
        org = ctx.employer.get(person, "")
    return _Mention(person=person, org=org, role=role)


def _org_in(text: str, ctx: Context) -> str:
    """An organisation named in an apposition: "chief executive of Acme", "Acme's CEO", "chez OpenAI"."""
    for match in re.finditer(r"\b(?:of|at|de|d['’]|chez|du groupe|du|for)[ \u00a0]*(?P<org>[A-ZÀ-ÖØ-Þ][\w.&'’-]*(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w.&-]*){0,2})"
                             r"|(?P<org2>[A-ZÀ-ÖØ-Þ][\w.&-]*(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w.&-]*){0,2})['’]s\b"
                             r"|(?P<org3>[A-ZÀ-ÖØ-Þ][\w.&-]*(?:[ \u00a0][A-ZÀ-ÖØ-Þ][\w.&-]*){0,2})[ \u00a0](?:CEO|CTO|CFO|chief|president|founder)",
                             text):
        name = (match.group("org") or match.group("org2") or match.group("org3")).strip()
        if name.casefold() in _OUTLETS or name.casefold() in _STOP_CAPS:
            continue
        found = _org_name(name.split(), ctx) or name
        ctx.add_org(found)
        return found
    return ""


def _role_in(text: str) -> str:
    for word in re.findall(r"[\w-]+", text.casefold()):
        if _ROLES.get(word):
            return _ROLES[word]
    return ""


def _role_mention(word: str) -> _Mention:
    low = word.casefold()
    if low in _ORG_NOUNS:
        return _Mention(role="company", is_role=True)
    if low in ("chief executive", "chief", "boss", "ceo", "pdg", "patron", "patronne"):
        return _Mention(role="ceo", is_role=True)
    if low in ("premier ministre", "première ministre", "prime minister"):
        return _Mention(role="minister", is_role=True)
    return _Mention(role=_ROLES.get(low, ""), is_role=True)
