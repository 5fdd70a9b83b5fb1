"""From the attributions of an article to a draft graph: actors, propositions, statements.

The draft is written as a YAML authoring file (every statement with a comment quoting the
sentence it came from, and its character offsets in its note) and loaded with the ordinary
loader, so that what :func:`draft` returns and what ``claimgraph draft`` writes are the same
records.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..authoring import STANCE_KEYS
from ..dates import parse_partial_date
from ..exceptions import InvalidArgumentError
from ..graph import ClaimGraph
from ..io import loads
from ..models import Source, normalize_text, slugify
from ._rules import CHARGE_NOUNS, Attribution, _Reader
from ._text import prefix_end

__all__ = ["draft", "draft_yaml"]

GAZETTEER_PATH = Path(__file__).with_name("gazetteer.tsv")


# ---------------------------------------------------------------------------- gazetteer
@dataclass(frozen=True, slots=True)
class _Place:
    state: str  # display name of the state
    role: str  # state, demonym, capital, body


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, _Place]:
    out: dict[str, _Place] = {}
    for raw in GAZETTEER_PATH.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = [*raw.split("\t"), "", "", ""][:4]
        name, demonyms, capitals, bodies = cols
        out[name.lower()] = _Place(name, "state")
        for role, names in (("demonym", demonyms), ("capital", capitals), ("body", bodies)):
            for n in names.split(","):
                if n.strip():
                    out.setdefault(n.strip().lower(), _Place(name, role))
    return out


_PERSON_HEADS = frozenset(
    [
        "minister",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "president",
        "premier",
        "chancellor",
        "official",
        "chief",
        "leader",
        "secretary",
        "ambassador",
        "envoy",
        "commander",
        "general",
        "director",
        "governor",
        "mayor",
        "senator",
        "lawmaker",
        "diplomat",
        "negotiator",
        "adviser",
        "advisor",
        "king",
        "queen",
        "prince",
        "emir",
        "sheikh",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "head",
        "representative",
        "prosecutor",
        "judge",
        "analyst",
        "expert",
        "witness",
        "resident",
        "officer",
        "author",
        "researcher",
        "professor",
        "economist",
        "mediator",
    ]
)
_OFFICE_HEADS = frozenset(
    [
        "ministry",
        "office",
        "department",
        "agency",
        "council",
        "commission",
        "committee",
        "bureau",
        "directorate",
        "embassy",
        "foreign",
        "military",
        "army",
        "police",
        "court",
        "parliament",
        "presidency",
        "secretariat",
        "service",
        "forces",
        "command",
    ]
)
_GOVERNMENT_HEADS = frozenset(["government", "administration", "cabinet", "authorities", "regime"])
_GROUP_HEADS = frozenset(
    [
        "officials",
        "sources",
        "diplomats",
        "analysts",
        "experts",
        "residents",
        "witnesses",
        "people",
        "critics",
        "lawmakers",
        "members",
        "leaders",
        "ministers",
        "negotiators",
        "observers",
        "activists",
        "protesters",
        "authorities",
    ]
)
_ORG_WORDS = frozenset(
    [
        "watch",
        "council",
        "bank",
        "party",
        "group",
        "inc",
        "corp",
        "company",
        "association",
        "organization",
        "organisation",
        "union",
        "agency",
        "institute",
        "university",
        "times",
        "news",
        "post",
        "reuters",
        "press",
        "network",
        "foundation",
        "fund",
        "front",
        "movement",
        "alliance",
        "federation",
        "league",
        "committee",
        "coalition",
    ]
)
_OUTLET = re.compile(
    r"\b(?:news|times|post|press|reuters|agency|ap|afp|upi|bbc|cnn|nbc|cbs|abc|fox|msnbc"
    r"|npr|voa|rfe/rl|xinhua|tass|ria|interfax|al jazeera|dawn|tolo|ariana|pajhwok|geo"
    r"|television|tv|radio|channel|newspaper|daily|gazette|tribune|journal|herald|telegraph"
    r"|guardian|observer|chronicle|broadcaster|outlet|wire|magazine|newsweek|bloomberg"
    r"|associated press)\b",
    re.I,
)
"""Words that name a news outlet ("Reuters", "Tolo News", "state television"): what an
outlet says it relays (stance ``reports``), unless it denies."""
_PARTY_WORDS = re.compile(
    r"^(?:the|both)\s+(?:two\s+)?(?:sides|countries|neighbou?rs|governments|nations|parties"
    r"|capitals|delegations)$|^both$",
    re.I,
)
_ANAPHOR = re.compile(
    r"^(?:(?:the|this|that|those|these|such|its|their|his|her|a|an)\s+|(?P<owner>[\w.\-]+)['’]s\s+)"
    r"(?:(?P<mod>[A-Z][\w\-]*)\s+)?"
    r"(?:claims?|allegations?|accusations?|charges?|assertions?|suggestions?|versions?"
    r"|accounts?|reports?|statements?|story|stories|narrative|remarks?|comments?)\b",
)
_PRONOUN_CONTENT = frozenset({"it", "this", "that", "so", "them", "these", "those"})
_CLAIM_KINDS = frozenset({"claim", "accusation", "characterization", "report", "prediction"})
_NOUN_LEAD = re.compile(
    r"^(?:[\w'’]+['’]s\s+)?(?:(?:single|main|key|only|latest|new|central|core|longstanding)\s+)?"
    r"(?P<noun>demand|call|position|view|warning|offer|proposal|hope|message|stance|request)"
    r"\s*(?:-|—|–|:|that\b|,)\s*",
    re.I,
)
_NOUN_ACT = {
    "demand": "demand",
    "call": "demand",
    "request": "demand",
    "warning": "warning",
    "offer": "offer",
    "proposal": "proposal",
    "hope": "hope",
}
_QUOTED = re.compile(r"[“\"«‘]([^”\"»’]{2,})[”\"»’]")
_MARKS = re.compile(r"[“”\"«»]")


# ---------------------------------------------------------------------------- dates
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ]
    )
    for m in names.split()
}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_RES = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH_RE}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b", re.I
        ),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "my",
        re.compile(
            rf"\b(?:in|since|last|this|early|late|mid-?)\s+{_MONTH_RE}(?:\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "rel",
        re.compile(
            r"\b(?P<rel>today|tonight|this (?:morning|afternoon|evening)|yesterday|"
            r"(?:earlier |later )?this (?:week|month|year)|last (?:month|year)|"
            r"(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
            re.I,
        ),
    ),
]


def _date_of(frame: str, published: str | None) -> str | None:
    """The date a statement was made, from the words of its sentence outside the content."""
    pub: _dt.date | None = None
    pub_month: tuple[int, int] | None = None
    if published:
        if len(published) >= 10:
            pub = _dt.date.fromisoformat(published[:10])
            pub_month = (pub.year, pub.month)
        elif len(published) == 7:
            pub_month = (int(published[:4]), int(published[5:7]))
    for how, rx in _DATE_RES:
        m = rx.search(frame)
        if m is None:
            continue
        g = m.groupdict()
        try:
            if how == "iso":
                return parse_partial_date(m.group(0))
            if how in ("mdy", "dmy"):
                year = int(g["y"]) if g.get("y") else (pub_month[0] if pub_month else None)
                if year is None:
                    continue
                mon = _MONTHS[g["mon"].lower().rstrip(".")]
                return _dt.date(year, mon, int(g["d"])).isoformat()
            if how == "my":
                year = int(g["y"]) if g.get("y") else (pub_month[0] if pub_month else None)
                if year is None:
                    continue
                mon = _MONTHS[g["mon"].lower().rstrip(".")]
                return f"{year:04d}-{mon:02d}"
            rel = g["rel"].lower()
            if rel.endswith("month") or rel.endswith("year"):
                if pub_month is None:
                    continue
                y, mo = pub_month
                if rel == "last month":
                    y, mo = (y - 1, 12) if mo == 1 else (y, mo - 1)
                    return f"{y:04d}-{mo:02d}"
                if rel == "last year":
                    return f"{y - 1:04d}"
                if rel.endswith("year"):
                    return f"{y:04d}"
                return f"{y:04d}-{mo:02d}"
            if pub is None:
                continue
            if rel.endswith("week"):
                continue
            if rel in ("today", "tonight") or rel.startswith("this "):
                return pub.isoformat()
            if rel == "yesterday":
                return (pub - _dt.timedelta(days=1)).isoformat()
            day = rel.split()[-1]
            back = (pub.weekday() - _WEEKDAYS.index(day)) % 7
            if rel.startswith("last ") and back == 0:
                back = 7
            return (pub - _dt.timedelta(days=back)).isoformat()
        except (ValueError, KeyError):
            continue
    return None


# ---------------------------------------------------------------------------- actors
@dataclass
class _Actor:
    id: str
    name: str
    kind: str
    member_of: str | None = None
    plural: bool = False
    person: bool = False
    mentions: int = 0


@dataclass
class _Actors:
    """The actors of one article, with the light coreference that names them."""

    text: str
    by_id: dict[str, _Actor] = field(default_factory=dict)
    recent: list[str] = field(default_factory=list)  # actor ids, most recent last

    def parties(self) -> list[str]:
        """The two states the article mentions most (the sides of "the two sides")."""
        counts: dict[str, int] = {}
        gz = _gazetteer()
        for m in re.finditer(r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?", self.text):
            for cand in (m.group(0), m.group(0).split()[0]):
                place = gz.get(cand.lower())
                if place is not None:
                    counts[place.state] = counts.get(place.state, 0) + 1
                    break
        top = sorted(counts, key=lambda s: -counts[s])[:2]
        return [self.state(s) for s in top] if len(top) == 2 else []

    def add(self, actor: _Actor) -> str:
        if actor.id not in self.by_id:
            self.by_id[actor.id] = actor
        return actor.id

    def state(self, name: str) -> str:
        return self.add(_Actor(slugify(name), name, "state"))

    def touch(self, aid: str) -> None:
        self.recent.append(aid)
        self.by_id[aid].mentions += 1

    def resolve(self, mention: str) -> list[str]:
        """The actor ids a source mention names (two for "the sides"; none if unknown)."""
        words = mention.replace("’", "'").strip()
        low = words.lower()
        if _PARTY_WORDS.match(low):
            parties = self.parties()
            if parties:
                return parties
        if low in ("he", "she", "him", "her"):
            return self._last(lambda a: a.person)
        if low == "it":
            return self._last(lambda a: not a.person and not a.plural)
        if low == "they":
            return self._last(lambda a: a.plural) or self._last(lambda a: True)
        if low in ("we", "i", "you", "who"):
            return []
        bare = re.sub(r"^the\s+", "", words, flags=re.I)
        bare_low = bare.lower()
        # "the ministry", "the minister": the last actor with that head
        if words[:4].lower() == "the " and " " not in bare and bare.islower():
            found = self._last(lambda a: a.name.lower().split()[-1] == bare_low)
            if found:
                return found
        # "Asif" after "Khawaja Asif"
        if " " not in bare and bare[:1].isupper():
            found = self._last(lambda a: a.person and a.name.split()[-1] == bare)
            if found:
                return found
        return [self._new(bare)]

    def _last(self, test: Any) -> list[str]:
        for aid in reversed(self.recent):
            if test(self.by_id[aid]):
                return [aid]
        return []

    def _new(self, name: str) -> str:
        gz = _gazetteer()
        low = name.lower()
        place = gz.get(low)
        if place is not None:
            if place.role in ("state", "demonym"):
                return self.state(place.state)
            state = self.state(place.state)
            return self.add(_Actor(slugify(name) or "actor", name, "government", state))
        words = name.split()
        head = words[-1].lower() if words else ""
        owner = None
        m = re.match(r"^(.+?)'s\s+(.+)$", name)
        if m is not None:
            owner_name = re.sub(r"^the\s+", "", m.group(1), flags=re.I)
            op = gz.get(owner_name.lower())
            if op is not None and op.role in ("state", "demonym"):
                owner = self.state(op.state)
            elif op is not None:
                owner = self.add(
                    _Actor(slugify(owner_name), owner_name, "government", self.state(op.state))
                )
            else:
                owner = self.add(_Actor(slugify(owner_name), owner_name, "organization"))
        elif words:
            first = gz.get(words[0].lower())
            two = gz.get(" ".join(words[:2]).lower()) if len(words) > 2 else None
            hit = two or first
            if hit is not None and len(words) > 1:
                owner = self.state(hit.state)
        plural = head in _GROUP_HEADS or (head.endswith("s") and head in _GROUP_HEADS)
        person = head in _PERSON_HEADS
        if _OUTLET.search(name) and not person and head not in _OFFICE_HEADS:
            kind = "outlet"
        elif head in _GOVERNMENT_HEADS:
            kind = "government"
        elif head in _GROUP_HEADS:
            kind = "group"
        elif head in _OFFICE_HEADS or (person and not name[:1].isupper()) or person:
            kind = "office"
        elif all(w[:1].isupper() for w in words) and head in _ORG_WORDS:
            kind = "organization"
        elif all(w[:1].isupper() for w in words) and 2 <= len(words) <= 4:
            kind, person = "person", True
        else:
            kind = "other"
        display = name[:1].upper() + name[1:] if name[:1].islower() else name
        aid = slugify(display) or "actor"
        return self.add(_Actor(aid, display, kind, owner, plural, person))

    def side(self, aid: str) -> str:
        seen = set()
        while aid not in seen:
            seen.add(aid)
            up = self.by_id[aid].member_of
            if up is None:
                return aid
            aid = up
        return aid


# ---------------------------------------------------------------------------- wording
def _canonical(text: str) -> str:
    """A clean wording of a content: no quote marks, a capital, a full stop."""
    t = _MARKS.sub("", text).replace("’", "'").replace("‘", "'")
    t = re.sub(r"\s+", " ", t).strip(" ,;:-—")
    t = re.sub(r"^(?:that|to)\s+", "", t, flags=re.I)
    t = t.rstrip(".,;:!? ")
    if not t:
        return ""
    t = t[0].upper() + t[1:]
    return t + "."


@dataclass
class _Stmt:
    id: str
    actor: str
    prop: str  # proposition key
    stance: str
    kind: str
    hedge: str | None
    said: str | None
    quote: str | None
    responds_to: list[str]
    note: str
    sentence: str
    att: Attribution


def draft_yaml(text: str, *, source: Source | Mapping[str, Any] | None = None) -> str:
    """The draft of an article as a YAML authoring file, a comment above each statement.

    Parameters
    ----------
    text : str
        The article.
    source : Source or mapping, optional
        The article as a source: ``url``, ``publisher``, ``published``, ``title`` (the
        first line of the text when it looks like a headline), ``kind``. ``published``
        places relative dates ("yesterday", "last month").

    Examples
    --------
    >>> print(draft_yaml("Officials said Kabul had denied the report."))
    # A draft made by claimgraph draft: check every line against the article.
    claimgraph: 1
    <BLANKLINE>
    actors:
      officials: {name: Officials, kind: group}
    <BLANKLINE>
    propositions:
      kabul-had-denied-the-report: Kabul had denied the report.
    <BLANKLINE>
    sources:
      article:
        statements:
          # Officials said Kabul had denied the report.
          - id: officials-kabul-had-denied
            actor: officials
            asserts: kabul-had-denied-the-report
            kind: claim
            note: 'offsets: source 0-9, cue 10-14, content 15-42'
    <BLANKLINE>
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"draft() takes a str, not {type(text).__name__}")
    src = _source_fields(source)
    lines_ = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if "title" not in src and lines_ and len(lines_[0]) < 200 and not lines_[0].endswith("."):
        src["title"] = lines_[0][prefix_end(lines_[0], 0) :]  # not "Assalamu Alaikum - "
    published = src.get("published")
    atts = _Reader(text, actions=True).read() if text.strip() else []
    atts, charged = _charges(atts)
    made: dict[int, _Stmt] = {}  # id() of an attribution -> its (first) statement
    actors = _Actors(text)
    props: dict[str, str] = {}  # key (normalised) -> canonical wording
    stmts: list[_Stmt] = []
    used_ids: set[str] = set()
    for att in atts:
        if att.source is None:
            continue
        ids = actors.resolve(att.source.text)
        if not ids:
            continue
        content = att.content.text
        kind = att.act
        # "Pakistan's single demand - the attacks must stop"
        lead = _NOUN_LEAD.match(_MARKS.sub("", content))
        if lead is not None:
            kind = _NOUN_ACT.get(lead.group("noun").lower(), kind)
            content = _MARKS.sub("", content)[lead.end() :]
        stance = "reports" if att.stance == "neutral" else att.stance
        if stance == "denies" and kind == "claim":
            kind = "denial"
        # what an outlet says it passes on: "Reuters said", "according to Tolo News"
        if (
            stance == "asserts"
            and kind in ("claim", "report")
            and all(actors.by_id[x].kind == "outlet" for x in ids)
        ):
            stance, kind = "reports", "report"
        hedge = None if att.hedge is None else re.sub(r"\s+", " ", att.hedge.text)
        if att.hedged and hedge is None:
            hedge = att.cue.text
        notes = [
            f"offsets: source {att.source.start}-{att.source.end},"
            f" cue {att.cue.start}-{att.cue.end}, content {att.content.start}-{att.content.end}"
        ]
        # what the content refers back to: "those claims", "the Afghan account", "it"
        inner = charged.get(id(att))
        target = None
        if inner is not None:  # "denied U.S. charges that he …": what the charge says
            target = made.get(id(inner))
            if target is None:
                content = inner.content.text
        if target is None:
            target = _antecedent(content, ids, stmts, actors)
        quote: str | None = None
        if att.kind == "direct":
            quote = att.content.text
        else:
            q = _QUOTED.search(att.content.text)
            if q is not None:
                quote = q.group(1).strip().rstrip(".,")
        if target is not None:
            key = target.prop
            responds = [target.id]
            restated = re.search(r"\bthat\s+(.{8,})$", content)
            if restated is not None:
                notes.append(f"restates it as: {_canonical(restated.group(1))}")
        else:
            wording = _canonical(_infinitive(content, att) if kind == "demand" else content)
            if not wording or len(wording) < 8:
                continue
            key = normalize_text(wording)
            props.setdefault(key, wording)
            responds = []
            if stance == "denies":
                responds = [
                    s.id
                    for s in stmts
                    if s.prop == key
                    and s.stance != "denies"
                    and actors.side(s.actor) != actors.side(ids[0])
                ][-1:]
        if not responds and stmts and att.cue.text.lower().endswith("ing"):
            prev = stmts[-1]
            if prev.actor in ids and prev.att.sentence == att.sentence:
                responds = list(prev.responds_to)
        frame = (
            text[att.sentence.start : att.content.start]
            + " "
            + text[att.content.end : att.sentence.end]
        )
        said = _date_of(frame, published)
        for aid in ids:
            actors.touch(aid)
            words = slugify(" ".join(props.get(key, key).split()[:3]))
            base = f"{aid}-{words}"
            if len(base) > 50:
                base = base[:50].rsplit("-", 1)[0]
            sid = base
            n = 2
            while sid in used_ids:
                sid = f"{base}-{n}"
                n += 1
            used_ids.add(sid)
            stmt_ = _Stmt(
                sid,
                aid,
                key,
                stance,
                kind,
                hedge,
                said,
                quote,
                responds,
                "; ".join(notes),
                att.sentence.text,
                att,
            )
            made.setdefault(id(att), stmt_)
            stmts.append(stmt_)
    return _write(src, actors, props, stmts)


_TO_INF = re.compile(
    r"^(?P<np>(?:[\w'’\-]+\s+){0,5}?[\w'’\-]+)\s+(?P<neg>not\s+)?to\s+(?P<vp>\w.+)$"
)


def _infinitive(content: str, att: Attribution) -> str:
    """ "urged Kabul not to allow …" → "Kabul should not allow …" (not for "called for …")."""
    if att.cue.text.lower().endswith(("for", "of")):
        return content
    m = _TO_INF.match(content.strip())
    if m is None or m.group("np").lower().startswith(("an ", "a ", "the end")):
        return content
    neg = "not " if m.group("neg") else ""
    return f"{m.group('np')} should {neg}{m.group('vp')}"


def _charges(atts: list[Attribution]) -> tuple[list[Attribution], dict[int, Attribution]]:
    """The denials whose content is a charge found inside it ("denied U.S. charges that he
    …"): each maps (by ``id()``) to that charge, which is moved before it so that the denial
    answers the charge's own statement."""
    charged: dict[int, Attribution] = {}
    order = list(atts)
    for outer in atts:
        if outer.stance != "denies":
            continue
        oc = outer.content
        for inner in atts:
            if (
                inner is not outer
                and inner.cue.text.lower() in CHARGE_NOUNS
                and oc.start <= inner.cue.start < inner.content.start
                and inner.content.end <= oc.end
                and inner.cue.start - oc.start < 40
            ):
                charged[id(outer)] = inner
                order.remove(inner)
                order.insert(order.index(outer), inner)
                break
    return order, charged


def _antecedent(content: str, ids: list[str], stmts: list[_Stmt], actors: _Actors) -> _Stmt | None:
    """The earlier statement a content refers back to, if it is "those claims" and the like."""
    c = content.strip()
    m = _ANAPHOR.match(c)
    pron = c.lower().rstrip(".") in _PRONOUN_CONTENT
    if m is None and not pron:
        return None
    side_of_speaker = actors.side(ids[0]) if ids else None
    want: str | None = None
    if m is not None:
        for g in (m.group("owner"), m.group("mod")):
            if g:
                place = _gazetteer().get(g.lower())
                if place is not None:
                    want = slugify(place.state)
    for s in reversed(stmts):
        if s.stance == "denies" or s.kind not in _CLAIM_KINDS:
            continue
        side = actors.side(s.actor)
        if want is not None and side != want:
            continue
        if want is None and side == side_of_speaker:
            continue
        return s
    return None


def _source_fields(source: Source | Mapping[str, Any] | None) -> dict[str, Any]:
    if source is None:
        return {}
    if isinstance(source, Source):
        data = source.model_dump(exclude_defaults=True, exclude={"id"})
        data.pop("note", None)
        return {k: v for k, v in data.items() if v not in (None, (), [])}
    if isinstance(source, Mapping):
        out = {k: v for k, v in source.items() if v is not None}
        try:
            checked = Source(**out)
        except ValueError as exc:
            raise InvalidArgumentError(f"draft(): bad source: {exc}") from None
        if checked.published is not None:
            out["published"] = checked.published
        return out
    raise InvalidArgumentError(
        f"draft(): source must be a Source or a mapping, not {type(source).__name__}"
    )


def _flow(value: Any) -> str:
    return str(
        yaml.safe_dump(
            value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6
        )
    ).strip()


def _scalar(value: Any) -> str:
    s = _flow(value)
    return s[:-4].rstrip() if s.endswith("\n...") else s.removesuffix("...").strip()


def _write(src: dict[str, Any], actors: _Actors, props: dict[str, str], stmts: list[_Stmt]) -> str:
    out = [
        "# A draft made by claimgraph draft: check every line against the article.",
        "claimgraph: 1",
    ]
    if src.get("title"):
        out.append(f"title: {_scalar(src['title'])}")
    used = {s.actor for s in stmts}
    # actors used, and the actors they belong to
    keep: set[str] = set()
    for aid in used:
        while aid and aid not in keep:
            keep.add(aid)
            aid = actors.by_id[aid].member_of or ""
    out.append("")
    out.append("actors:")
    if not keep:
        out[-1] = "actors: {}"
    for aid, a in actors.by_id.items():
        if aid not in keep:
            continue
        d: dict[str, Any] = {"name": a.name, "kind": a.kind}
        if a.member_of:
            d["member_of"] = a.member_of
        out.append(f"  {aid}: {_flow(d)}")
    prop_ids: dict[str, str] = {}
    taken: set[str] = set()
    out.append("")
    out.append("propositions:" if props else "propositions: {}")
    for key in dict.fromkeys(s.prop for s in stmts):
        wording = props[key]
        base = slugify(" ".join(wording.split()[:5]))[:40].strip("-") or "p"
        pid = base
        n = 2
        while pid in taken:
            pid = f"{base}-{n}"
            n += 1
        taken.add(pid)
        prop_ids[key] = pid
        out.append(f"  {pid}: {_scalar(wording)}")
    out.append("")
    out.append("sources:")
    sid = (
        slugify(str(src.get("publisher") or src.get("title") or "article"))[:40].strip("-")
        or "article"
    )
    out.append(f"  {sid}:")
    for k in ("url", "title", "publisher", "published", "kind"):
        if src.get(k) is not None:
            out.append(f"    {k}: {_scalar(str(src[k]))}")
    if not stmts:
        out.append("    statements: []")
    else:
        out.append("    statements:")
    for s in stmts:
        sentence = re.sub(r"\s+", " ", s.sentence).strip()
        if len(sentence) > 300:
            sentence = sentence[:299] + "…"
        out.append(f"      # {sentence}")
        d = {"id": s.id, "actor": s.actor, STANCE_KEYS[s.stance]: prop_ids[s.prop], "kind": s.kind}
        if s.hedge:
            d["hedge"] = s.hedge
        if s.said:
            d["said"] = s.said
        if s.quote:
            d["quote"] = s.quote
        if s.responds_to:
            d["responds_to"] = s.responds_to if len(s.responds_to) > 1 else s.responds_to[0]
        d["note"] = s.note
        body = yaml.safe_dump([d], allow_unicode=True, sort_keys=False, width=10**6)
        for _i, line in enumerate(body.rstrip("\n").splitlines()):
            out.append("      " + line)
    return "\n".join(out) + "\n"


def draft(text: str, *, source: Source | Mapping[str, Any] | None = None) -> ClaimGraph:
    """A draft graph of an article: its actors, propositions and statements.

    Parameters
    ----------
    text : str
        The article.
    source : Source or mapping, optional
        The article as a source (``url``, ``publisher``, ``published``, ``title``, ...);
        ``published`` places relative dates.

    Raises
    ------
    InvalidArgumentError
        If ``text`` is not a string, or ``source`` is not a source.

    Examples
    --------
    >>> g = draft("Pakistan said militants are sheltered in Afghanistan. "
    ...           "Afghanistan denied the claim.")
    >>> [(s.actor, s.stance) for s in g.statements()]
    [('pakistan', 'asserts'), ('afghanistan', 'denies')]
    """
    return loads(draft_yaml(text, source=source), format="yaml")
