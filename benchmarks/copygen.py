"""Labelled copies of real articles, for the copy-detection benchmark (``copies.py``).

Every generator is a pure function of its input text and a :class:`random.Random`
seeded from ``(seed, source id, kind)``, so a corpus is the same whatever the
order in which it is built.  The kinds:

``exact``      the same body with whitespace, quote and letter-case noise;
``near``       boilerplate lines added at the top and bottom, a few words
               changed, typos, perhaps one short paragraph dropped;
``excerpt``    a truncation (first 30-70 %), a contiguous middle part, or the
               whole body embedded in a longer page (1-3 paragraphs of another
               article around it) -- the variant is recorded;
``reordered``  paragraphs shuffled, perhaps one dropped;
``rewrite``    a content farm's spun rewrite: synonym substitution from a
               hand-written table, number formats changed, quotes turned into
               reported speech, clauses moved, simple passive/active flips,
               sentences split or merged, 10-20 % of sentences dropped,
               paragraphs regrouped and reordered, subheadings and filler
               sentences added.  Names and figures survive; the surface does
               not (mean 5-shingle Jaccard with the original well under 0.3).

:func:`synthetic_corpus` makes large corpora (10k-100k articles) for the scaling
run: distinct articles re-sampled from a word-bigram model of the source
paragraphs (with a long tail of made-up names and numbers), plus a few percent of
copies made with the generators above.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "COPY_KINDS",
    "MIN_WORDS",
    "Source",
    "Doc",
    "load_sources",
    "build_corpus",
    "synthetic_corpus",
    "exact_copy",
    "near_copy",
    "excerpt_copy",
    "reordered_copy",
    "rewrite_copy",
    "shingles",
    "jaccard",
    "containment",
    "paragraphs",
    "names",
    "stable_int",
]

COPY_KINDS: tuple[str, ...] = ("exact", "near", "excerpt", "reordered", "rewrite")
MIN_WORDS = 80
"""Sources shorter than this (in ``\\w+`` words) are kept as originals but get no copies."""

_WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------- basics


def stable_int(*parts: object) -> int:
    """A process-independent 64-bit hash of ``parts`` (Python's ``hash`` is salted)."""
    key = "\x1f".join(map(str, parts)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big")


def shingles(text: str, k: int = 5) -> set[str]:
    """Set of ``k``-word shingles of the casefolded ``\\w+`` words (the MinHash unit)."""
    words = _WORD.findall(text.casefold())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def containment(inner: set[str], outer: set[str]) -> float:
    """Share of ``inner``'s shingles found in ``outer``."""
    return len(inner & outer) / len(inner) if inner else 0.0


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


_FUNCTION_WORDS = frozenset("the and of to a in is that for it on with as was are be this by".split())


def is_english(text: str) -> bool:
    """Crude language test: the synonym spinner only makes sense for English text."""
    words = _WORD.findall(text.lower())
    return bool(words) and sum(w in _FUNCTION_WORDS for w in words) >= 0.1 * len(words)


def paragraphs(text: str) -> list[str]:
    """Paragraphs: blank-line separated blocks, or lines when the text has no blank lines."""
    text = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def _separator(text: str) -> str:
    return "\n\n" if re.search(r"\n\s*\n", text) else "\n"


_SENTENCE = re.compile(r'.+?(?:[.!?]+["”’)]*(?=\s+["“‘(]?[A-Z0-9])|$)', re.S)


_ABBREV = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Gov|Rep|Gen|Col|Lt|Sgt|Prof|No|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec"
    r"|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ga|Ill|Ind|Kan|Ky|La|Mass|Md|Mich|Minn|Miss|Mo|Mont|Nev|Okla|Ore|Pa|Tenn|Tex"
    r"|Va|Vt|Wash|Wis|Inc|Co|Corp|Ltd|vs|a\.\s?m|p\.\s?m))\.$"
)


def sentences(paragraph: str) -> list[str]:
    """Rough sentence split: a stop followed by a space and a capital or digit, not after an abbreviation."""
    out: list[str] = []
    for piece in (s.strip() for s in _SENTENCE.findall(paragraph)):
        if not piece:
            continue
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence or line (mostly names), as single words."""
    out: set[str] = set()
    for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]{2,}", text):
        out.add(m.group(0))
    return out


# --------------------------------------------------------------------------- sources and docs


@dataclass(frozen=True, slots=True)
class Source:
    """One real article used as an original."""

    id: str
    """``sh:<id>`` (ScrapingHub) or ``ecb:<id>`` (ECB+)."""
    corpus: str
    text: str
    event: str | None = None
    url: str | None = None

    @property
    def part(self) -> str:
        """``dev`` or ``test``: by a hash of the id (of the event for ECB+, so same-event pairs stay together)."""
        key = self.event if self.event is not None else self.id
        return "dev" if stable_int("split", key) % 2 == 0 else "test"

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def english(self) -> bool:
        """ECB+ is English; a ScrapingHub page is when English function words are >= 10 % of its words."""
        return self.corpus == "ecbplus" or is_english(self.text)


@dataclass(slots=True)
class Doc:
    """One article of a generated corpus, with its gold label."""

    key: str
    """Unique, stable name: ``<source id>`` for an original, ``<source id>/<kind>`` for a copy."""
    text: str
    origin: str
    """Id of the source this document derives from (its own id for an original)."""
    kind: str
    """``original`` or one of :data:`COPY_KINDS`."""
    variant: str = ""
    """Sub-kind: ``truncation`` / ``middle`` / ``embedded`` for excerpts; ``synthetic`` in scale corpora."""
    donor: str | None = None
    """Source whose paragraphs were added around an ``embedded`` excerpt."""
    event: str | None = None
    corpus: str = ""


_URL_LINE = re.compile(r"^\s*https?:/+\s*\S.*$")


def load_sources(data: Path) -> list[Source]:
    """The ScrapingHub bodies and the ECB+ texts (a leading crawled URL line is moved to ``url``)."""
    out: list[Source] = []
    truth = json.loads((data / "extraction" / "scrapinghub" / "ground-truth.json").read_text(encoding="utf-8"))
    for key, item in sorted(truth.items()):
        out.append(Source(f"sh:{key}", "scrapinghub", item["articleBody"].strip(), None, item.get("url")))
    with (data / "clustering" / "ecbplus" / "ecbplus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            lines = row["text"].strip().split("\n")
            url = None
            if lines and _URL_LINE.match(lines[0]):
                url = re.sub(r"\s+", "", lines.pop(0))
            text = "\n".join(lines).strip()
            out.append(Source(f"ecb:{row['id']}", "ecbplus", text, f"{row['topic']}/{row['event']}", url))
    return out


# --------------------------------------------------------------------------- the synonym table

_SYNONYMS_TEXT = """
said: stated | noted | remarked | explained
says: states | notes | remarks | explains
say: state | claim | note
said that: stated that | indicated that | pointed out that
told: informed | advised
tells: informs
tell: inform
according to: as reported by | as stated by | citing
announced: revealed | declared | unveiled
announce: reveal | declare
asked: questioned | queried
added: continued | went on to say
help: assist | aid
helped: assisted | aided
helping: assisting | aiding
visit: trip | tour
visited: toured | went to
meeting: session | gathering | discussion
meetings: talks | sessions
talks: negotiations | discussions
people: individuals | persons | folks
police: authorities | law enforcement | officers
officials: authorities | representatives
official: representative | functionary
government: administration | authorities
president: leader | head of state
country: nation
countries: nations
city: town | municipality
children: kids | youngsters
man: male | individual
woman: female | lady
killed: fatally wounded | slain
died: passed away | perished
death: passing | demise
deaths: fatalities
injured: hurt | wounded
arrested: detained | apprehended
attack: assault | strike
attacks: assaults | strikes
big: large | huge | major
large: big | sizable | substantial
small: little | minor
new: fresh | novel | brand-new
first: initial | very first
last week: the previous week | the week before
last year: the previous year | a year earlier
last month: the previous month
next week: the following week | the coming week
next year: the coming year | the following year
many: numerous | plenty of | a lot of
more than: over | in excess of
less than: under | below
about: around | roughly | approximately
also: additionally | likewise
because: since | as
because of: due to | owing to
due to: because of | owing to
after: following | subsequent to
before: prior to | ahead of
during: throughout | amid
while: whereas | whilst
however: nevertheless | nonetheless
including: such as | among them
important: crucial | significant
major: key | significant
recent: latest | current
recently: lately | in recent times
expected: anticipated | projected
expect: anticipate
decision: choice | ruling
decided: chose | opted
problem: issue | difficulty
problems: issues | difficulties
issue: matter | concern
issues: matters | concerns
support: backing | assistance
team: squad | side
game: match | contest
won: secured | clinched
season: campaign
coach: manager | trainer
player: athlete
players: athletes
company: firm | business | corporation
companies: firms | businesses
market: marketplace
price: cost
prices: costs
money: funds | cash
increase: rise | growth | boost
increased: rose | grew | climbed
reported: described | indicated
report: account | study
reports: accounts
statement: announcement | declaration
spokesman: representative | spokesperson
spokeswoman: representative | spokesperson
investigation: probe | inquiry
investigators: detectives | probers
charged: accused | indicted
charges: counts | accusations
court: tribunal
judge: magistrate
trial: hearing | court case
prison: jail | penitentiary
jail: prison | lockup
fire: blaze | flames
fire department: fire service | firefighters
fire officials: fire chiefs
opened fire: started shooting | began firing
earthquake: quake | tremor
residents: locals | inhabitants
area: region | zone | district
home: house | residence
house: home | residence
car: vehicle | automobile
vehicle: car | automobile
hospital: medical center | infirmary
doctor: physician | medic
doctors: physicians | medics
today: this day | now
shows: demonstrates | reveals
showed: demonstrated | revealed
found: discovered | uncovered
find: discover | locate
began: started | commenced
begin: start | commence
started: began | commenced | kicked off
ended: concluded | finished
think: believe | reckon
thought: believed | figured
believe: think | feel
want: wish | desire
wanted: wished | desired
need: require
needed: required
needs: requires
get: obtain | receive
got: obtained | received
give: provide | offer
gave: provided | offered
make: create | produce
made: created | produced
used: utilized | employed
use: utilize | employ
try: attempt
tried: attempted
keep: maintain | retain
kept: maintained | retained
work: job | labor
worked: labored | toiled
job: position | role
jobs: positions | roles
world: globe | planet
family: household | relatives
families: households
friend: pal | buddy
friends: pals | companions
group: organization | collective
members: participants
member: participant
leader: chief | head
leaders: chiefs | heads
minister: secretary
election: vote | poll
elections: votes | polls
voters: electors | constituents
campaign: drive | bid
law: legislation | statute
laws: regulations | statutes
rule: regulation
rules: regulations
war: conflict
military: armed forces | army
soldiers: troops | servicemen
security: safety
economic: financial | fiscal
economy: financial system
high: elevated | lofty
low: reduced | minimal
good: great | fine | excellent
bad: poor | terrible
great: excellent | terrific
best: finest | top
several: a number of | multiple | various
each: every
every: each
quickly: rapidly | swiftly
again: once more | anew
now: currently | at present
currently: presently | right now
later: afterwards | subsequently
earlier: previously | beforehand
soon: shortly | before long
often: frequently | regularly
near: close to | nearby
around: roughly | about
across: throughout
among: amongst
despite: in spite of | notwithstanding
within: inside
whether: if
although: though | even though
though: although
could: might | may
should: ought to
must: have to | need to
will: shall | is set to
very: extremely | highly | really
really: truly | genuinely
just: simply | merely
only: just | merely
almost: nearly | virtually
nearly: almost | close to
happened: occurred | took place
happen: occur | take place
took place: happened | occurred
event: occasion | incident
events: occasions | incidents
incident: occurrence | episode
accident: crash | collision
crash: collision | wreck
victims: casualties | sufferers
victim: casualty
suspect: accused | alleged offender
shooting: gun attack | gunfire
gun: firearm | weapon
dead: deceased | lifeless
storm: weather system | tempest
building: structure | facility
plant: facility | factory
workers: employees | staff members | laborers
worker: employee | staffer
employees: workers | staff
staff: personnel | employees
school: institution | academy
students: pupils | learners
study: research | analysis
research: study | investigation
data: figures | information
information: info | details
story: tale | account
stories: tales | accounts
question: query
questions: queries
answer: response | reply
reason: cause | motive
result: outcome | consequence
results: outcomes | findings
change: shift | alteration
changes: shifts | alterations
changed: altered | modified
chance: opportunity | possibility
part: portion | section
place: location | spot
night: evening
town: city | village
community: neighborhood | locality
street: road | avenue
road: street | highway
region: area | zone
local: regional | nearby
national: nationwide | countrywide
international: global | worldwide
foreign: overseas | international
private: personal | confidential
powerful: mighty | influential
strong: robust | solid
difficult: hard | tough | challenging
hard: difficult | tough
easy: simple | straightforward
possible: feasible | potential
likely: probable | apt
clear: evident | obvious
different: distinct | various
similar: comparable | alike
whole: entire | complete
entire: whole | complete
total: overall | complete
main: primary | principal | chief
key: crucial | essential | vital
serious: severe | grave
former: previous | ex-
top: leading | highest
biggest: largest | greatest
largest: biggest | greatest
long: lengthy | extended
short: brief | concise
fast: rapid | quick
happy: glad | pleased
angry: furious | upset
worried: concerned | anxious
concerned: worried | troubled
afraid: scared | fearful
sure: certain | confident
ready: prepared | set
continue: carry on | proceed
continued: carried on | proceeded
remain: stay
remained: stayed
remains: stays
returned: came back | went back
arrived: showed up | turned up
described: characterized | portrayed
known as: referred to as | called
identified: named | recognized
released: issued | freed
raised: increased | lifted
fell: dropped | declined | slipped
rose: climbed | increased | went up
dropped: fell | declined
reached: hit | attained
received: got | obtained
sent: dispatched | delivered
bought: purchased | acquired
allowed: permitted | enabled
allow: permit | enable
refused: declined | rejected
agreed: consented | concurred
agreement: deal | accord | pact
deal: agreement | arrangement | pact
discussed: talked about | addressed
discuss: talk about | address
fight: battle | struggle
fighting: combat | battling
protest: demonstration | rally
protests: demonstrations | rallies
crowd: throng | gathering
fans: supporters | followers
supporters: backers | followers
critics: detractors | opponents
threat: danger | menace
risk: danger | hazard
danger: peril | risk
damage: destruction | harm
damaged: harmed | wrecked
destroyed: wrecked | demolished
built: constructed | erected
build: construct | erect
created: established | formed
launched: introduced | rolled out
opened: launched | unveiled
closed: shut | shut down
cost: price | expense
costs: expenses
tax: levy
taxes: levies
bill: legislation | measure
plan: proposal | scheme
plans: proposals | schemes
program: programme | initiative
system: framework | mechanism
power: energy | authority
emergency: crisis | urgent situation
crisis: emergency | catastrophe
disaster: catastrophe | calamity
huge: massive | enormous
massive: huge | enormous
dozens: scores
officer: agent | cop
officers: agents | cops
troops: soldiers | forces
forces: troops | units
bomb: explosive | device
explosion: blast | detonation
blast: explosion | detonation
hit: struck | slammed
struck: hit | slammed
caused: triggered | led to
led to: resulted in | caused
scored: netted | tallied
victory: win | triumph
defeat: loss | beating
beat: defeated | overcame
in order to: to | so as to
as well as: along with | together with
a number of: several | various
at least: no fewer than | a minimum of
in addition: additionally | furthermore
such as: like | including
so far: to date | thus far
for example: for instance
as a result: consequently | therefore
set to: poised to | slated to
went: headed | proceeded
come: arrive | show up
came: arrived | showed up
move: step | shift
moved: relocated | shifted
called for: urged | demanded
look: glance | check
looking: seeking | hoping
believed: thought | considered
face: confront | encounter
faces: confronts | encounters
faced: confronted | encountered
hope: wish | aspiration
hopes: wishes | aspirations
week: seven-day period
weeks: seven-day periods
month: period of a month
and@0.35: as well as | plus | along with
with@0.4: alongside | together with
role: part | position
take over: assume | inherit
took over: assumed | inherited
television: TV | broadcast
known: recognized | famous
best known: most famous | best recognized
appeared: featured | showed up
appearing: featuring | showing up
previously: formerly | before
youngest: most junior
oldest: most senior
actor: performer
actress: performer
replacing: succeeding | taking the place of
replaced: succeeded | took the place of
leaves: departs | exits
travel: journey | voyage
films: movies
film: movie | picture
movie: film | picture
theatre: stage | playhouse
at the end of: at the close of | when it comes to the end of
end: close | conclusion
because of this: for this reason
there are: there exist
there is: there exists
it is: it's
it was: it had been
has been: was
have been: were
had been: was
was not: wasn't
is not: isn't
did not: didn't
does not: doesn't
do not: don't
will not: won't
would not: wouldn't
could not: couldn't
early: initial
late: belated
yesterday: the day before
tonight: this evening
until: till | up until
other: additional | further
another: one more | an additional
own: personal
together: jointly
already: by now | previously
still: nevertheless | even so
better: superior | improved
most: the majority of
enough: sufficient
together with: along with
however,: nevertheless, | nonetheless,
area of: region of
man who: individual who
men: males | guys
women: females | ladies
boy: lad | youngster
girl: lass | young woman
son: boy | offspring
daughter: girl | offspring
wife: spouse | partner
husband: spouse | partner
mother: mom | parent
father: dad | parent
couple: pair | duo
life: existence | lifetime
married: wed
city's: town's
country's: nation's
company's: firm's
government's: administration's
"""


def _parse_synonyms(text: str) -> tuple[dict[str, tuple[str, ...]], dict[str, float]]:
    """``word[@weight]: alt | alt`` lines -> (table, weights); a weight scales the replacement probability."""
    table: dict[str, tuple[str, ...]] = {}
    weights: dict[str, float] = {}
    for line in text.strip().splitlines():
        head, _, alts = line.partition(": ")
        word, _, weight = head.strip().partition("@")
        table[word] = tuple(a.strip() for a in alts.split("|") if a.strip())
        if weight:
            weights[word] = float(weight)
    return table, weights


SYNONYMS, _WEIGHTS = _parse_synonyms(_SYNONYMS_TEXT)
"""Common news words and phrases and their spun replacements (lower case, form for form)."""

_SYN_RE = re.compile(
    r"(?<![\w'’-])(" + "|".join(re.escape(w) for w in sorted(SYNONYMS, key=len, reverse=True)) + r")(?![\w'’-])"
)


def _fix_articles(text: str) -> str:
    """Repair ``a``/``an`` before the word that follows (substitutions change it)."""

    def fix(m: re.Match[str]) -> str:
        art, word = m.group(1), m.group(2)
        an = word[0].lower() in "aeiou" and not word.lower().startswith(("uni", "use", "eu", "one"))
        new = ("an" if an else "a") if art.islower() else ("An" if an else "A")
        return f"{new} {word}"

    return re.sub(r"\b([Aa]n?) ([A-Za-z][\w-]*)", fix, text)


def substitute(text: str, rng: random.Random, p: float, limit: int | None = None) -> str:
    """Replace table words/phrases with a synonym, each with probability ``p`` (at most ``limit`` of them).

    Only lower-case occurrences are replaced, so capitalised names ("President Trump",
    "New York") are never touched; a sentence's first word is lowered, replaced and
    re-capitalised when it is a table word.
    """
    done = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal done
        if (limit is not None and done >= limit) or rng.random() >= p * _WEIGHTS.get(m.group(1), 1.0):
            return m.group(0)
        done += 1
        return rng.choice(SYNONYMS[m.group(1)])

    first = _WORD.match(text)
    lowered = False
    if first and first.group(0)[:1].isupper() and first.group(0).lower() in SYNONYMS and not first.group(0).isupper():
        text = text[0].lower() + text[1:]
        lowered = True
    text = _fix_articles(_SYN_RE.sub(repl, text))
    if lowered:
        text = text[0].upper() + text[1:]
    return text


# --------------------------------------------------------------------------- numbers

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
_SMALL_IDX = {w: i for i, w in enumerate(_SMALL)}
_NUM_RE = re.compile(
    r"(?<![\w.,:$/-])(\$)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"  # $, the number
    r"(\s?%| percent| per cent| (?:million|billion))?"  # its unit
    r"(?![\w/-]|[.,:]\d)"
)
_NUM_WORD_RE = re.compile(r"(?<![\w-])(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?![\w-])")


def change_numbers(text: str, rng: random.Random, p: float = 0.8) -> str:
    """Rewrite number formats, keeping their values: 5 <-> five, 1,500 -> 1500, 10% -> 10 percent, $5 -> 5 dollars."""

    def repl(m: re.Match[str]) -> str:
        dollar, num, unit = m.group(1), m.group(2), m.group(3) or ""
        if rng.random() >= p:
            return m.group(0)
        u = unit.strip()
        if u in ("%", "percent", "per cent"):
            unit = rng.choice([" percent", " per cent", "%"] if u == "%" else ["%", " pct"])
        elif u in ("million", "billion") and not dollar and "." not in num and "," not in num and int(num) < 1000:
            zeros = "000,000" if u == "million" else "000,000,000"
            return f"{num},{zeros}"
        if "," in num:
            num = num.replace(",", "") if rng.random() < 0.5 else num.replace(",", " ")
        elif num.isdigit() and 2 <= int(num) <= 12 and not dollar and not unit:
            return _SMALL[int(num)]
        if dollar:
            return f"{num}{unit} dollars" if rng.random() < 0.6 else f"US${num}{unit}"
        return f"{num}{unit}"

    text = _NUM_RE.sub(repl, text)
    return _NUM_WORD_RE.sub(lambda m: str(_SMALL_IDX[m.group(1)]) if rng.random() < p * 0.5 else m.group(0), text)


# --------------------------------------------------------------------------- sentence transforms

_SAY = r"(?:said|says|added|explained|noted|stated|told [A-Z]?\w+(?: [A-Z]\w+)?)"
_SPEAKER = (
    r"(?:(?:[a-z][\w-]* ){0,2}[A-Z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,7}"  # (coach) John Smith (of the club)
    r"|he|she|they|the \w+(?: \w+){0,5})"
)
_QUOTED = r"[\"“]\s?(?P<q>[^\"“”]{12,}?)[,.!?]?\s?[\"”]"
_QUOTE_AFTER = re.compile(rf"^{_QUOTED},?\s+(?P<s>{_SPEAKER}) (?P<v>{_SAY})(?P<t>[^.\"“”]*)\.$")
_QUOTE_SAID_AFTER = re.compile(rf"^{_QUOTED},?\s+(?P<v>said|says) (?P<s>{_SPEAKER})(?P<t>[^.\"“”]*)\.$")
_QUOTE_BEFORE = re.compile(rf"^(?P<s>{_SPEAKER}) (?P<v>{_SAY})[:,]\s+{_QUOTED}$")

_REPORTED = [
    (r"\bI'm\b|\bI’m\b|\bI am\b", "they were"),
    (r"\bwe're\b|\bwe’re\b|\bwe are\b", "they were"),
    (r"\bI've\b|\bI’ve\b|\bwe've\b|\bwe’ve\b", "they had"),
    (r"\bI'll\b|\bI’ll\b|\bwe'll\b|\bwe’ll\b", "they would"),
    (r"\bI was\b", "they were"),
    (r"\b[Ww]e\b|\bI\b", "they"),
    (r"\b[Oo]ur\b|\b[Mm]y\b", "their"),
    (r"\bus\b|\bme\b", "them"),
    (r"\bis\b", "was"),
    (r"\bare\b", "were"),
    (r"\bwill\b", "would"),
    (r"\bcan\b", "could"),
    (r"\bwon't\b|\bwon’t\b", "would not"),
    (r"\bcan't\b|\bcan’t\b", "could not"),
    (r"\bdon't\b|\bdon’t\b|\bdoesn't\b|\bdoesn’t\b", "did not"),
]
_REPORTED_RE = [(re.compile(a), b) for a, b in _REPORTED]

_COMMON_START = frozenset(
    "a an the this that these those it its there here we i our my he she they you his her their some many "
    "if when while after before as in on at for but and so yet no not all most one two police officials "
    "authorities officers investigators witnesses experts analysts residents scientists researchers".split()
)


def _lower_first(text: str) -> str:
    first = _WORD.match(text)
    if first and first.group(0).lower() in _COMMON_START and first.group(0) != "I":
        return text[0].lower() + text[1:]
    return text


def _upper_first(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
        if ch.isdigit():
            return text
    return text


def reported_speech(sentence: str) -> str | None:
    """``"We will win," X said.`` -> ``X said that they would win.``; None when the pattern does not fit."""
    for rx in (_QUOTE_AFTER, _QUOTE_SAID_AFTER, _QUOTE_BEFORE):
        m = rx.match(sentence.strip())
        if m:
            q = m.group("q").strip().rstrip(",.")
            for pat, rep in _REPORTED_RE:
                q = pat.sub(rep, q)
            speaker = _upper_first(m.group("s"))
            verb = m.group("v")
            if not verb.startswith(("told", "says")):
                verb = "said"
            tail = (m.groupdict().get("t") or "").rstrip()
            return f"{speaker} {verb}{tail} that {_lower_first(q)}."
    return None


_CLAUSE_SAID = re.compile(
    rf"^(?P<x>[^\"“”]{{20,}}), (?P<s>police|officials|authorities|{_SPEAKER}) "
    r"(?P<v>said|says|reported|told [A-Z]?\w+)(?P<t>(?: on)?(?: \w+day| \w+ night)?)\.$"
)
_SAID_CLAUSE = re.compile(
    rf"^(?P<s>{_SPEAKER}) (?P<v>said|says)(?P<t>(?: on)?(?: \w+day)?) (?:that )?(?P<x>[^\"“”]{{20,}})\.$"
)
_ACCORDING = re.compile(r"^(?P<x>[^\"“”]{20,}), according to (?P<s>[^,\"“”]{3,60})\.$")


def move_clause(sentence: str) -> str | None:
    """``X, Y said.`` -> ``Y said X.`` and back; ``X, according to Y.`` -> ``Y said X.``."""
    m = _CLAUSE_SAID.match(sentence)
    if m:
        return f"{_upper_first(m.group('s'))} {m.group('v')}{m.group('t')} that {_lower_first(m.group('x'))}."
    m = _ACCORDING.match(sentence)
    if m:
        return f"{_upper_first(m.group('s'))} said that {_lower_first(m.group('x'))}."
    m = _SAID_CLAUSE.match(sentence)
    if m and len(m.group("s").split()) <= 4:
        speaker = _lower_first(m.group("s"))
        return f"{_upper_first(m.group('x'))}, {speaker} {m.group('v')}{m.group('t')}."
    return None


_PARTICIPLES = (
    "arrested|killed|charged|named|identified|injured|fired|hired|signed|released|approved|rejected|launched|"
    "announced|confirmed|defeated|elected|appointed|treated|rescued|evacuated|destroyed|damaged|found|sentenced|"
    "convicted|acquitted|questioned|shot|taken|held|seen|caught"
)
_AGENT = r"(?:the [\w'’ -]{2,40}?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
_PATIENT = r"(?:The [\w'’ -]{2,40}?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
_PASSIVE = re.compile(
    rf"^(?P<p>{_PATIENT}) (?P<aux>was|were) (?P<v>{_PARTICIPLES}) by (?P<a>{_AGENT})(?P<rest>(?:[,;] [^\"“”]*)?\.)$"
)
_ACTIVE = re.compile(
    rf"^(?P<a>Police|Officials|Authorities|Officers|Investigators|{_AGENT}) (?P<v>{_PARTICIPLES}) "
    rf"(?P<p>the [\w'’ -]{{2,40}}?|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}})"
    r"(?P<rest>(?: (?:on|in|at|after) [^\"“”]*)?\.)$"
)
_BAD_AGENT = frozenset({"He", "She", "They", "It", "We", "I", "This", "That", "There"})


def flip_voice(sentence: str) -> str | None:
    """Simple passive <-> active flips: ``X was arrested by police.`` <-> ``Police arrested X.``."""
    m = _PASSIVE.match(sentence)
    if m:
        return f"{_upper_first(m.group('a'))} {m.group('v')} {_lower_first(m.group('p'))}{m.group('rest')}"
    m = _ACTIVE.match(sentence)
    if m and m.group("a").split()[0] not in _BAD_AGENT:
        patient = m.group("p")
        aux = "were" if patient.split()[-1].endswith("s") and patient.startswith("the ") else "was"
        agent = _lower_first(m.group("a"))
        return f"{_upper_first(patient)} {aux} {m.group('v')} by {agent}{m.group('rest')}"
    return None


_ADJUNCT = re.compile(
    r"^(?P<main>[^\"“”]{25,}?),? (?P<adj>(?:on|in|at|last|this|earlier|later|during|after|since|before) "
    r"(?:[A-Z]\w+day(?: night| morning)?|the \w+(?: \w+)?|\w+ (?:morning|night|week|year|month|season)|"
    r"[A-Z][a-z]+(?: \d{1,2})?(?:, \d{4})?|\d{4}))\.$"
)


def front_adjunct(sentence: str) -> str | None:
    """``X did Y on Sunday.`` -> ``On Sunday, x did Y.``"""
    m = _ADJUNCT.match(sentence)
    if not m:
        return None
    return f"{_upper_first(m.group('adj'))}, {_lower_first(m.group('main'))}."


_SPLIT_AT = re.compile(r", (and|but|while|although|as) (?=[a-z])")


def split_sentence(sentence: str, rng: random.Random) -> list[str]:
    """Split a long sentence at ``, and`` / ``, but`` / ``;`` into two."""
    if len(sentence.split()) < 18 or any(c in sentence for c in "\"“”"):
        return [sentence]
    cuts = [m for m in _SPLIT_AT.finditer(sentence) if len(sentence[: m.start()].split()) >= 6]
    semi = [m for m in re.finditer(r"; ", sentence) if len(sentence[: m.start()].split()) >= 6]
    options = cuts + semi
    if not options:
        return [sentence]
    m = rng.choice(options)
    head = sentence[: m.start()].rstrip(",;") + "."
    tail = sentence[m.end() :]
    if m.group(0).startswith(","):
        conj = m.group(1)
        lead = {"and": rng.choice(["Also, ", "In addition, ", ""]), "but": "However, ", "while": "Meanwhile, ",
                "although": "Even so, ", "as": "This comes as "}[conj]
        tail = lead + (tail if lead and lead != "" else _upper_first(tail))
    return [head, _upper_first(tail)]


def merge_sentences(a: str, b: str, rng: random.Random) -> str:
    """Join two short sentences into one."""
    joiner = rng.choice([", and ", "; ", ", while ", " -- "])
    return a.rstrip(".!? ") + joiner + _lower_first(b)


_OPENERS = ["Notably, ", "Meanwhile, ", "Furthermore, ", "Indeed, ", "Moreover, ", "Importantly, ", "Interestingly, "]

# --------------------------------------------------------------------------- fillers and subheadings

_INTROS = [
    "In this article, we will delve into {topic} and what it means.",
    "Here is everything you need to know about {topic}.",
    "In today's fast-paced world, {topic} has become a subject of great interest.",
    "Let us take a closer look at the latest news surrounding {topic}.",
]
_MIDDLES = [
    "This development has significant implications for {topic}.",
    "It is worth noting that this is a developing situation.",
    "Experts believe this could have far-reaching consequences.",
    "This has drawn widespread attention from observers.",
    "Let's take a closer look at what this means for {topic}.",
    "Needless to say, the news has sparked a lively debate.",
    "It goes without saying that many are watching closely.",
]
_ENDINGS = [
    "As the situation continues to unfold, it remains to be seen how {topic} will be affected.",
    "In conclusion, {topic} remains a topic of considerable debate.",
    "Stay tuned for more updates on {topic} as the story develops.",
    "Only time will tell what the future holds for {topic}.",
]
_HEADINGS = [
    "{a} and {b}",
    "What {a} Means for {b}",
    "{a}: {b} Explained",
    "The {a} {b} Question",
    "Inside the {a} {b}",
    "{a} {b}: Key Details",
    "Why {a} Matters",
]

_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only
    or other our out over own same she should so some such than that the their them then there these they this those
    through to too under until up very was we were what when where which while who whom why will with would you your
    said says told year years time new one two three last first week would could after since still told""".split()
)


def _salient(text: str, n: int) -> list[str]:
    """The paragraph's most telling words: names first, then frequent long content words."""
    found: list[str] = []
    for name in Counter(names(text)).most_common():
        if name[0] not in found:
            found.append(name[0])
    words = Counter(w for w in _WORD.findall(text.lower()) if len(w) >= 5 and w not in _STOP and not w.isdigit())
    for w, _ in words.most_common():
        if w.title() not in found:
            found.append(w.title())
    return found[:n]


def _topic(text: str) -> str:
    counts = Counter(m.group(0) for m in re.finditer(r"(?<=[a-z,;] )[A-Z][a-z]+(?: [A-Z][a-z]+)+", text))
    if counts:
        return counts.most_common(1)[0][0]
    single = Counter(names(text))
    return single.most_common(1)[0][0] if single else "this story"


def subheading(paragraph: str, rng: random.Random) -> str | None:
    """A Title Case subheading built from the paragraph's own words."""
    words = _salient(paragraph, 3)
    if len(words) < 2:
        return None
    a, b = rng.sample(words, 2)
    return rng.choice(_HEADINGS).format(a=a, b=b)


# --------------------------------------------------------------------------- the generators

_QUOTE_SWAP = {"“": '"', "”": '"', "‘": "'", "’": "'", '"': "“", "'": "’"}


def exact_copy(text: str, rng: random.Random) -> str:
    """The same body, with whitespace / quote / case noise that a normalised hash ignores."""
    noise = rng.sample(["quotes", "spaces", "breaks", "case", "trailing"], rng.randint(1, 3))
    if "quotes" in noise:
        text = "".join(_QUOTE_SWAP.get(c, c) if c in "“”‘’" or rng.random() < 0.5 else c for c in text)
    if "spaces" in noise:
        text = re.sub(r" (?=\w)", lambda m: "  " if rng.random() < 0.05 else " ", text)
    if "breaks" in noise:
        text = re.sub(r"\n\s*\n", "\n", text) if "\n\n" in text else text.replace("\n", "\n\n")
    if "case" in noise:
        paras = paragraphs(text)
        if paras and len(paras[0].split()) <= 15:
            text = text.replace(paras[0], paras[0].upper(), 1)
        else:
            text = text.replace("\n", " \n")
    if "trailing" in noise:
        text = "  " + text.replace("\n", "  \n") + "\n\n"
    return text


_SITES = ["The Daily Ledger", "Metro Newswire", "NewsNow24", "Global Post Online", "City Chronicle", "WorldBrief",
          "The Informer", "HeadlineHub", "Newsday Digest", "Pulse Media"]
_FIRST = ["Sarah", "James", "Maria", "David", "Aisha", "Tom", "Elena", "Raj", "Laura", "Kevin", "Nadia", "Chris"]
_LAST = ["Miller", "Okafor", "Garcia", "Chen", "Novak", "Smith", "Haddad", "Brown", "Kowalski", "Rossi", "Patel"]
_HEADLINES = ["Stocks rally as investors weigh rate outlook", "Ten gadgets that will change your kitchen",
              "Council approves new budget after long debate", "Local team clinches title in overtime thriller",
              "Scientists find water ice in unexpected place", "How to save on your energy bill this winter",
              "Opinion: the case for four-day weeks", "Storm warnings issued for coastal towns",
              "Celebrity couple announce split", "Five things to know before you travel"]


def _boilerplate(rng: random.Random, where: str) -> list[str]:
    site = rng.choice(_SITES)
    if where == "top":
        pool = [
            f"By {rng.choice(_FIRST)} {rng.choice(_LAST)} | {site}",
            f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}, Staff Writer",
            "Advertisement",
            f"Posted {rng.randint(1, 28)} {rng.choice(['Jan', 'Mar', 'May', 'Jul', 'Sep', 'Nov'])} "
            f"{rng.randint(2008, 2021)}, {rng.randint(1, 12)}:{rng.randint(0, 59):02d} pm",
            "Share on Facebook  Share on Twitter  Email",
        ]
    else:
        pool = [
            f"Read more: {rng.choice(_HEADLINES)}",
            f"© {rng.randint(2008, 2021)} {site}. All rights reserved.",
            "Advertisement",
            f"Related: {rng.choice(_HEADLINES)}",
            f"Follow {site} on Twitter and Facebook for the latest news.",
            "This article was originally published elsewhere and is reproduced with permission.",
        ]
    return rng.sample(pool, rng.randint(1, 3))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    op = rng.choice(["swap", "drop", "double"])
    if op == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def near_copy(text: str, rng: random.Random) -> str:
    """Boilerplate at top and bottom, a few words changed, typos, perhaps one short paragraph dropped."""
    sep = _separator(text)
    paras = paragraphs(text)
    total = word_count(text)
    if len(paras) >= 4 and rng.random() < 0.6:
        small = [i for i in range(1, len(paras)) if word_count(paras[i]) <= 0.15 * total]
        if small:
            paras.pop(rng.choice(small))
    body = sep.join(paras)
    body = substitute(body, rng, p=0.3, limit=rng.randint(1, max(2, total // 120)))
    words = list(re.finditer(r"\b[a-z]{5,}\b", body))
    for m in sorted(rng.sample(words, min(len(words), rng.randint(1, max(2, total // 150)))), key=lambda m: -m.start()):
        body = body[: m.start()] + _typo(m.group(0), rng) + body[m.end() :]
    paras = paragraphs(body)
    if len(paras) >= 4 and rng.random() < 0.5:
        paras.insert(rng.randrange(2, len(paras) - 1), "Advertisement")
    return sep.join(_boilerplate(rng, "top") + paras + _boilerplate(rng, "bottom"))


def excerpt_copy(text: str, rng: random.Random, donor: str | None = None) -> tuple[str, str]:
    """A truncation, a middle excerpt, or the body embedded in a longer page; returns (text, variant)."""
    variants = ["truncation", "middle"] + (["embedded"] if donor else [])
    variant = rng.choice(variants)
    if variant == "embedded":
        assert donor is not None
        sep = _separator(text)
        # 1-3 paragraphs (at least ~30 words each), at most a third of the donor, so that the
        # page is a copy of the original only, not of the donor as well.
        extra = paragraphs(donor)
        budget = word_count(donor) / 3
        k = rng.randint(1, 3)
        start = rng.randrange(max(1, len(extra) - k + 1))
        chunk = extra[start : start + k]
        while word_count(sep.join(chunk)) < 30 * k and start + len(chunk) < len(extra):
            chunk.append(extra[start + len(chunk)])
        while len(chunk) > 1 and word_count(sep.join(chunk)) > budget:
            chunk.pop()
        where = rng.choice(["before", "after", "both"])
        if where == "before":
            return sep.join(chunk) + sep + text, variant
        if where == "after":
            return text + sep + sep.join(chunk), variant
        cut = max(1, len(chunk) // 2)
        return sep.join(chunk[:cut]) + sep + text + sep + sep.join(chunk[cut:]), variant
    ends = [m.end() for m in re.finditer(r'[.!?]["”’)]*(?=\s)|\n', text)] + [len(text)]
    if variant == "truncation":
        target = rng.uniform(0.3, 0.7) * len(text)
        cut = min((e for e in ends if e >= target), default=len(text))
        return text[:cut].rstrip(), variant
    starts = [0] + [e for e in ends if e < len(text)]
    lo = rng.uniform(0.15, 0.35) * len(text)
    begin = min((s for s in starts if s >= lo), default=0)
    target = begin + rng.uniform(0.3, 0.6) * len(text)
    end = min((e for e in ends if e >= target), default=len(text))
    return text[begin:end].strip(), variant


def reordered_copy(text: str, rng: random.Random) -> str:
    """Paragraphs shuffled (never left in order), perhaps one dropped."""
    sep = _separator(text)
    paras = paragraphs(text)
    if len(paras) >= 5 and rng.random() < 0.4:
        paras.pop(rng.randrange(len(paras)))
    order = list(range(len(paras)))
    for _ in range(10):
        rng.shuffle(order)
        if order != sorted(order):
            break
    return sep.join(paras[i] for i in order)


def _regroup(paras: list[str], rng: random.Random) -> list[list[str]]:
    """Paragraphs as lists of sentences; line-per-sentence texts (ECB+) are grouped into 2-4 sentence paragraphs."""
    sents = [sentences(p) for p in paras]
    if len(paras) > 3 and sum(len(s) for s in sents) <= 1.3 * len(paras):
        flat = [s for group in sents for s in group]
        out: list[list[str]] = []
        while flat:
            k = rng.randint(2, 4)
            out.append(flat[:k])
            flat = flat[k:]
        return out
    return [s for s in sents if s]


def rewrite_copy(text: str, rng: random.Random) -> str:
    """A content farm's spun rewrite of ``text`` (see the module docstring)."""
    groups = _regroup(paragraphs(text), rng)
    topic = _topic(text)
    # Drop 10-20 % of the sentences, never the lead, keeping one per paragraph.
    slots = [(i, j) for i, g in enumerate(groups) for j in range(len(g)) if (i, j) != (0, 0)]
    drop = set(rng.sample(slots, min(len(slots), round(rng.uniform(0.10, 0.20) * (len(slots) + 1)))))
    groups = [[s for j, s in enumerate(g) if (i, j) not in drop] or g[:1] for i, g in enumerate(groups)]
    out_groups: list[list[str]] = []
    for g in groups:
        new: list[str] = []
        for s in g:
            for fn, p in ((reported_speech, 0.8), (move_clause, 0.7), (flip_voice, 0.8), (front_adjunct, 0.7)):
                if rng.random() < p:
                    t = fn(s)
                    if t:
                        s = t
            new.extend(split_sentence(s, rng) if rng.random() < 0.6 else [s])
        merged: list[str] = []
        for s in new:
            if (
                merged
                and 4 <= len(s.split()) < 14
                and 4 <= len(merged[-1].split()) < 14
                and merged[-1].endswith(".")
                and not re.search("[\"“”]", merged[-1] + s)
                and rng.random() < 0.4
            ):
                merged[-1] = merge_sentences(merged[-1], s, rng)
            else:
                merged.append(s)
        final = []
        for s in merged:
            s = change_numbers(substitute(s, rng, p=0.9), rng)
            if rng.random() < 0.2 and s[:1].isupper() and not s.startswith(("I ", "\"", "“")):
                s = rng.choice(_OPENERS) + _lower_first(s)
            final.append(_upper_first(s))
        out_groups.append(final)
    # Reorder some paragraphs (the lead stays first).
    for _ in range(rng.randint(1, 2)):
        if len(out_groups) >= 4:
            i = rng.randrange(1, len(out_groups) - 1)
            out_groups[i], out_groups[i + 1] = out_groups[i + 1], out_groups[i]
    blocks: list[str] = [rng.choice(_INTROS).format(topic=topic)]
    for n, g in enumerate(out_groups):
        para = " ".join(g)
        if n > 0 and rng.random() < 0.45:
            head = subheading(para, rng)
            if head:
                blocks.append(head)
        if n > 0 and rng.random() < 0.25:
            para += " " + rng.choice(_MIDDLES).format(topic=topic)
        blocks.append(para)
    blocks.append(rng.choice(_ENDINGS).format(topic=topic))
    return re.sub(r"[ \t]{2,}", " ", "\n\n".join(blocks))


# --------------------------------------------------------------------------- corpus


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(stable_int(seed, *parts))


def make_copy(kind: str, text: str, rng: random.Random, donor: str | None = None) -> tuple[str, str]:
    """One copy of ``text`` of the given kind; returns (text, variant)."""
    if kind == "exact":
        return exact_copy(text, rng), ""
    if kind == "near":
        return near_copy(text, rng), ""
    if kind == "excerpt":
        return excerpt_copy(text, rng, donor)
    if kind == "reordered":
        return reordered_copy(text, rng), ""
    if kind == "rewrite":
        return rewrite_copy(text, rng), ""
    raise ValueError(f"unknown copy kind {kind!r}")


def build_corpus(sources: Sequence[Source], seed: int = 0, kinds: Iterable[str] = COPY_KINDS) -> list[Doc]:
    """Every source as an original, plus one copy of each kind per source of >= MIN_WORDS words, shuffled.

    Non-English sources get no ``rewrite`` (the spinner is English).  An ``embedded``
    excerpt borrows paragraphs from another source of >= 250 words (of another event).
    The result depends on ``seed`` and on the set of sources, not on their order.
    """
    kinds = tuple(kinds)
    words = {s.id: s.words for s in sources}
    donors = sorted((s for s in sources if words[s.id] >= 250), key=lambda s: s.id)
    docs: list[Doc] = []
    for src in sources:
        docs.append(Doc(src.id, src.text, src.id, "original", event=src.event, corpus=src.corpus))
        if words[src.id] < MIN_WORDS:
            continue
        for kind in kinds:
            if kind == "rewrite" and not src.english:
                continue  # the spinner's synonym table is English
            rng = _rng(seed, src.id, kind)
            donor = None
            if kind == "excerpt":
                others = [s for s in donors if s.id != src.id and (s.event is None or s.event != src.event)]
                donor = rng.choice(others) if others else None
            text, variant = make_copy(kind, src.text, rng, donor.text if donor else None)
            docs.append(Doc(f"{src.id}/{kind}", text, src.id, kind, variant,
                            donor.id if donor and variant == "embedded" else None, src.event, src.corpus))
    docs.sort(key=lambda d: d.key)  # independent of the order of ``sources``
    _rng(seed, "shuffle").shuffle(docs)
    return docs


def _pseudo_words(n: int, gen: Any) -> list[str]:
    """``n`` made-up words for the long tail of a large corpus: 40 % capitalised (names), 10 % numbers."""
    onsets = ["b", "k", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "sh", "ch", "gr"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ia"]
    codas = ["", "", "n", "r", "s", "l", "k", "m", "nd", "st"]
    parts = gen.integers(0, [len(onsets), len(vowels), len(codas)] * 3, size=(n, 9))
    sizes = gen.integers(2, 4, size=n)
    kind = gen.random(n)
    numbers = gen.integers(2, 99_999, size=n)
    out = []
    for i in range(n):
        if kind[i] < 0.1:
            out.append(f"{numbers[i]:,}")
            continue
        p = parts[i]
        word = "".join(onsets[p[3 * j]] + vowels[p[3 * j + 1]] + codas[p[3 * j + 2]] for j in range(sizes[i]))
        out.append(word.capitalize() if kind[i] < 0.5 else word)
    return out


def synthetic_corpus(
    sources: Sequence[Source],
    n: int,
    seed: int = 0,
    copy_share: float = 0.03,
    jump: float = 0.3,
    rare: float = 0.1,
    progress: Callable[[str], None] | None = None,
) -> list[Doc]:
    """``n`` articles for the scaling run: distinct bigram-resampled articles plus ``copy_share`` copies.

    The paragraphs of the sources are tokenised into one word stream; each synthetic
    paragraph is a random walk on its word-bigram successors, jumping to a random
    position of the stream with probability ``jump`` per word, and each word is
    replaced with probability ``rare`` by one of ~n made-up words (names, numbers,
    rare words: the long tail that a real corpus of n articles has and 643 sources
    do not).  Articles keep the sources' vocabulary and paragraph lengths but are all
    different, and a source phrase is not repeated in thousands of them.  The walk is
    vectorised over articles with numpy (100k articles in ~10 s).  The copies are made
    with the generators above from randomly chosen synthetic articles.
    """
    import numpy as np

    gen = np.random.default_rng(stable_int(seed, "synthetic", n) % 2**63)
    stream_words: list[str] = []
    para_lengths: list[int] = []
    for src in sources:
        for p in paragraphs(src.text):
            tokens = p.split()
            stream_words.extend(tokens)
            para_lengths.append(len(tokens))
    vocab, stream = np.unique(np.array(stream_words, dtype=object), return_inverse=True)
    stream = stream.astype(np.int32)
    # successors[start[w] : start[w] + count[w]] are the words that follow w in the stream
    order = np.argsort(stream[:-1], kind="stable")
    successors = stream[1:][order]
    count = np.bincount(stream[:-1], minlength=len(vocab))
    start = np.concatenate([[0], np.cumsum(count)[:-1]])
    lengths = np.clip(np.array(para_lengths), 25, 120)
    vocab_list = vocab.tolist() + _pseudo_words(max(n, 1000), gen)
    n_pseudo = len(vocab_list) - len(vocab)

    n_copies = int(round(n * copy_share))
    n_base = n - n_copies
    docs: list[Doc] = []
    chunk = 5000
    for lo in range(0, n_base, chunk):
        m = min(chunk, n_base - lo)
        n_paras = gen.integers(4, 13, size=m)
        plen = gen.choice(lengths, size=(m, 12))
        total = (plen * (np.arange(12)[None, :] < n_paras[:, None])).sum(axis=1)
        width = int(total.max())
        walk = np.empty((m, width), dtype=np.int32)
        cur = stream[gen.integers(0, len(stream), size=m)]
        for t in range(width):
            walk[:, t] = cur
            cnt = count[cur]
            pick = start[cur] + (gen.random(m) * np.maximum(cnt, 1)).astype(np.int64)
            nxt = successors[np.minimum(pick, len(successors) - 1)]
            jumps = (gen.random(m) < jump) | (cnt == 0)
            nxt[jumps] = stream[gen.integers(0, len(stream), size=int(jumps.sum()))]
            cur = nxt
        tail = gen.random(walk.shape) < rare
        walk[tail] = len(vocab) + gen.integers(0, n_pseudo, size=int(tail.sum()))
        for i in range(m):
            row = walk[i, : total[i]].tolist()
            words = [vocab_list[w] for w in row]
            paras, pos = [], 0
            for k in range(n_paras[i]):
                paras.append(" ".join(words[pos : pos + plen[i, k]]))
                pos += plen[i, k]
            text = "\n\n".join(paras)
            text = text[0].upper() + text[1:] if text else text
            key = f"syn:{lo + i}"
            docs.append(Doc(key, text, key, "original", "synthetic", corpus="synthetic"))
        if progress:
            progress(f"generated {lo + m} of {n_base} synthetic articles")
    rng = _rng(seed, "synthetic-copies", n)
    pool = [d for d in docs if word_count(d.text) >= MIN_WORDS]
    for c in range(n_copies):
        orig = rng.choice(pool)
        kind = rng.choice(COPY_KINDS)
        donor = rng.choice(pool).text if kind == "excerpt" else None
        text, variant = make_copy(kind, orig.text, rng, donor)
        docs.append(Doc(f"{orig.key}/{kind}{c}", text, orig.key, kind, variant, corpus="synthetic"))
    rng.shuffle(docs)
    return docs
