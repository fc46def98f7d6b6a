"""A seeded generator of realistic news corpora for the performance benchmarks.

    python benchmarks/generate.py OUT --articles 1000 [--seed 7]

Speed measured on one paragraph repeated says little: the tokenizer's cache
and the components' early exits would see the same words every time. So an
event (a trade deal, a storm's toll, an election, a company's results, a
budget, a rate decision, a strike, a building project) is invented with its
people, places and figures, and then reported by several sources, each with
its own wording: figures in different forms (scale words and abbreviations,
currencies, per cent and percentage points, ranges, "about"/"more than"),
absolute and relative dates, quotes from the event's people, and now and then
a source that gives a different figure (a revised toll, a misreport). Names
are built from syllables, so a large corpus does not reuse a handful of them.
Files are `.md` with front matter (title, source, published), as checker
reads them. `articles(n, seed)` yields (name, text) without writing anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path

SYLLABLES = ["ka", "ro", "mi", "ta", "ne", "so", "la", "vi", "de", "ran", "mor", "tel", "bra", "gun", "fen",
             "hal", "ost", "vik", "lin", "dar", "sel", "mar", "ken", "tor"]
FIRST = ["Ana", "Tom", "Mara", "Ramon", "Elena", "Jun", "Laura", "Peter", "Sofia", "Daniel", "Aiko", "Omar",
         "Ingrid", "Luca", "Priya", "Kwame", "Hana", "Mateo", "Nadia", "Samuel", "Yara", "Felix", "Grace",
         "Tariq", "Lena", "Marco", "Chloe", "Ivan", "Amara", "Jonas"]
PLACES = ["Cagayan", "Aparri", "Valdora", "Sunport", "Kestria", "Lowmere", "Norhaven", "Tessaly", "Brightwater",
          "Ostrava", "Marenco", "Felsing", "Dunmore", "Calvada", "Riverton", "Port Elmar", "Santa Irena", "Greyhaven"]
COUNTRIES = ["Japan", "Canada", "Chile", "Germany", "Brazil", "India", "Kenya", "Norway", "Mexico", "Poland",
             "Vietnam", "Australia", "Indonesia", "Spain", "South Korea", "Ghana", "Peru", "Sweden"]
OUTLETS = ["Meridian Wire", "Continental Press Agency", "The Financial Ledger", "The Commerce Herald",
           "Luzon Daily Chronicle", "Atlantic Business Review", "The Capital Observer", "Pocket Economics",
           "Storm Desk", "ByteMarket", "Civic Brief", "The Morning Gazette", "Harbour Times", "Northern Post",
           "Evening Standard-Tribune", "Global Markets Daily", "The Policy Review", "Regional Courier"]
CURRENCIES = {"USD": ("$", "US$", "dollars"), "EUR": ("€", "€", "euros"), "GBP": ("£", "£", "pounds"),
              "JPY": ("¥", "¥", "yen"), "INR": ("₹", "Rs", "rupees"), "CAD": ("C$", "C$", "Canadian dollars")}
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
SHORT_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SAID = ["said", "told reporters", "said in a statement", "told a news conference", "added", "warned"]
FILLER = [
    "The announcement came after weeks of talks between {a} and {b}.",
    "Officials in {p} declined to comment further on the details.",
    "Analysts said the outcome had been widely expected by markets.",
    "Critics in {p} argued that the plan left too many questions unanswered.",
    "The move follows a similar decision that drew protests in {p}.",
    "{n} has faced pressure from {a} to show progress before the end of the year.",
    "Local residents said they had seen nothing like it in decades.",
    "The opposition called for an independent review of the figures.",
    "Further details are expected to be published in the coming weeks.",
    "Observers noted that the timing was unusual, coming so soon after the last round of talks.",
    "{n}'s office said more information would be made available once it had been verified.",
    "Shares in companies linked to {p} moved sharply in early trading.",
    "Business groups in {a} welcomed the news but warned that the details still mattered.",
    "Several smaller parties said they would wait for the full text before taking a position.",
    "The region has long depended on farming, fishing and a small but growing tourism industry.",
    "Economists cautioned that the effect on prices would take months to show up in the data.",
    "Volunteers and aid groups have set up kitchens in schools and churches across {p}.",
    "Diplomats from {b} said the talks had been difficult but constructive.",
    "In {p}, the mood on the streets was a mixture of relief and exhaustion.",
    "A spokesperson for the ministry said the government would publish a detailed plan.",
    "Trade unions said their members had not been consulted before the decision was taken.",
    "The figures could not be independently verified.",
    "Some lawmakers questioned whether the targets were realistic given the state of public finances.",
    "Investors will be watching closely for any sign of a change in direction.",
]
SPEAKERS = ["Officials in {p}", "Analysts at {c} Bank", "Residents of {p}", "The ministry", "{n}",
            "Opposition lawmakers", "Business leaders in {a}", "Aid workers", "Economists", "Diplomats from {b}"]
VERBS = ["said", "warned", "argued", "noted", "insisted", "suggested", "conceded", "complained"]
CLAUSES = ["the plan left important questions unanswered", "prices would take months to settle",
           "the government had acted too slowly", "the decision was the right one, if overdue",
           "smaller firms would struggle to adapt to the new rules", "the talks had been difficult but constructive",
           "more support would be needed before winter", "the data did not yet show a clear trend",
           "the costs would fall hardest on poorer households", "the outcome reflected months of careful work",
           "the numbers were provisional and could change", "confidence in the institutions had been shaken"]
TAILS = ["", "", " in interviews this week", ", pointing to earlier warnings", ", though few expected a quick fix",
         " at a briefing in {p}", ", citing internal estimates"]
HISTORY = [
    "In {y}, a similar event in {p} left {n} people without work for months.",
    "The last comparable agreement, signed in {y}, was worth {m}.",
    "Back in {y}, the figure was closer to {pct}%, according to official records.",
    "Since {y}, the region has received {m} in public investment.",
    "{n} years ago, officials promised that this would never happen again.",
]
QUOTES = [
    "We are still counting, and the numbers will rise", "This is a good day for {p}",
    "Nobody should be left behind", "We did what we promised to do", "The hard work starts now",
    "We will honour every commitment we have made", "There is no room for complacency",
    "The figures speak for themselves", "We expect a difficult few months ahead",
    "Our priority is the safety of every family in {p}", "This agreement protects jobs on both sides",
]


def name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {name(rng, rng.choice((2, 3)))}"


def words_or_digits(rng: random.Random, n: int) -> str:
    return SMALL[n] if n < len(SMALL) and rng.random() < 0.5 else f"{n:,}"


def amount(rng: random.Random, value: float) -> str:
    """A value in one of the ways news writes it: 2.9 million, 2,900,000, 2.9m, 550bn."""
    for scale, word, short in ((1e12, "trillion", "tn"), (1e9, "billion", "bn"), (1e6, "million", "m")):
        if value >= scale:
            figure = f"{value / scale:.3g}"
            return f"{figure}{short}" if rng.random() < 0.25 else f"{figure} {word}"
    return f"{value:,.0f}" if value >= 1000 or rng.random() < 0.7 else words_or_digits(rng, int(value))


def money(rng: random.Random, value: float, code: str) -> str:
    symbol, alt, plural = CURRENCIES[code]
    text = amount(rng, value)
    style = rng.random()
    if style < 0.5 or text[-1:].isalpha() and " " not in text:
        return f"{symbol}{text}"
    if style < 0.7:
        return f"{alt}{text}"
    if style < 0.85:
        return f"{text} {plural}"
    return f"{code} {text}"


def percent(rng: random.Random, value: float, points: bool = False) -> str:
    figure = f"{round(value, 1 if value >= 1 else 2):g}"
    if points:
        return f"{figure} percentage points" if rng.random() < 0.6 else f"{round(value * 100):g} basis points"
    return rng.choice([f"{figure}%", f"{figure}%", f"{figure} per cent", f"{figure} percent"])


def approx(rng: random.Random, text: str) -> str:
    return f"{rng.choice(['about', 'nearly', 'more than', 'roughly', 'almost', 'some'])} {text}" if rng.random() < 0.3 else text


def day(rng: random.Random, date: dt.date, published: dt.date) -> str:
    """A date as an article written on `published` may give it: absolute or relative."""
    gap = (published - date).days
    forms = [f"{MONTHS[date.month - 1]} {date.day}", f"{SHORT_MONTHS[date.month - 1]} {date.day}",
             f"{date.day} {MONTHS[date.month - 1]}", f"{MONTHS[date.month - 1]} {date.day}, {date.year}"]
    if 0 < gap < 7:
        forms += [WEEKDAYS[date.weekday()]] * 2 + ["yesterday"] * (gap == 1)
    return rng.choice(forms)


class Event:
    """One story: its kind, people, places, figures and date; sentences render its facts."""

    def __init__(self, rng: random.Random, index: int):
        self.rng = rng
        self.kind = rng.choice(["trade", "storm", "election", "results", "budget", "rates", "strike", "project"])
        self.date = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
        self.place, self.country, self.other = rng.choice(PLACES), *rng.sample(COUNTRIES, 2)
        self.company = f"{name(rng)} {rng.choice(['Systems', 'Holdings', 'Energy', 'Motors', 'Foods', 'Group'])}"
        self.people = [person(rng) for _ in range(3)]
        self.code = rng.choice(list(CURRENCIES))
        self.year = self.date.year
        self.index = index
        r = rng.uniform
        self.values = {
            "big": round(r(1, 900), rng.choice((0, 1))) * rng.choice((1e6, 1e9)), "pct": round(r(1, 40), 1),
            "old_pct": round(r(1, 30)), "people": rng.choice((rng.randint(3, 15), rng.randint(16, 400))),
            "crowd": round(r(0.1, 4), 1) * 1e6, "homes": rng.randint(200, 20000), "speed": rng.randrange(90, 260, 5),
            "seats": rng.randint(40, 300), "total": 350, "turnout": round(r(45, 80), 1), "pp": round(r(0.1, 2), 2),
            "quarter": rng.randint(1, 4), "km": rng.randint(5, 900), "jobs": rng.randrange(500, 40000, 100),
            "target": self.year + rng.randint(2, 8), "low": round(r(1, 5), 1),
        }

    def title(self) -> str:
        return {
            "trade": f"{self.country} and {self.other} agree trade terms", "storm": f"Storm batters {self.place}",
            "election": f"{self.country} votes in tight election", "results": f"{self.company} reports results",
            "budget": f"{self.country} unveils its budget", "rates": f"Central bank of {self.country} moves rates",
            "strike": f"Workers walk out in {self.place}", "project": f"{self.place} project gets green light",
        }[self.kind]

    def facts(self, published: dt.date, disagree: bool) -> list[str]:
        """The event's figure sentences, worded for one source (one value changed when `disagree`)."""
        rng, v, when = self.rng, dict(self.values), day(self.rng, self.date, published)
        if disagree:
            key = rng.choice(["big", "pct", "people", "homes", "seats"])
            v[key] = v[key] * rng.choice((0.8, 1.25, 2)) if isinstance(v[key], float) else v[key] + rng.randint(1, 9)
        m = lambda value: approx(rng, money(rng, value, self.code))
        c, p, lead = self.country, self.place, rng.choice(self.people)
        common = [f"The figure compares with {m(v['big'] * 0.7)} in {self.year - 1}, {lead} said.",
                  f"Around {v['jobs']:,} people in {p} are directly affected, {percent(rng, v['pct'] / 2)} of the local workforce.",
                  (f"Officials said {words_or_digits(rng, rng.randint(2, 12))} regions would be covered from "
                   f"{MONTHS[rng.randrange(12)]} {self.year + 1}.")]
        return common[: rng.randint(1, 3)] + {
            "trade": [f"{c} agreed on {when} to invest {m(v['big'])} in {self.other} over {words_or_digits(rng, rng.randint(3, 10))} years.",
                      f"The deal cuts tariffs on cars to {percent(rng, v['low'])} from {percent(rng, v['old_pct'])}.",
                      f"Exports from {c} rose {percent(rng, v['pct'])} last year, to {m(v['big'] / 3)}.",
                      f"Both governments aim to double trade by {v['target']}."],
            "storm": [f"The storm killed {words_or_digits(rng, v['people'])} people in {p} after making landfall on {when}.",
                      f"{approx(rng, amount(rng, v['crowd']))} people were evacuated, and {v['homes']:,} homes were damaged.",
                      f"Winds reached {v['speed']} km/h, with gusts of up to {v['speed'] + 40} km/h.",
                      f"Crop losses are estimated at {m(v['big'] / 10)}, officials said.",
                      f"A storm surge of {v['low']:g} metres hit the coast near {p}."],
            "election": [f"Turnout was {percent(rng, v['turnout'])} in the vote held on {when}.",
                         f"{lead}'s party won {v['seats']} of the {v['total']} seats in parliament.",
                         f"Its share of the vote rose by {percent(rng, v['pp'], points=True)} to {percent(rng, v['pct'] + 20)}.",
                         f"The next election is due by {v['target']}."],
            "results": [f"{self.company} reported revenue of {m(v['big'])} for the {['first', 'second', 'third', 'fourth'][v['quarter'] - 1]} quarter of {self.year} on {when}.",
                        f"Revenue was up {percent(rng, v['pct'])} year on year, and net income rose to {m(v['big'] / 8)} from {m(v['big'] / 10)}.",
                        f"For the next quarter, {self.company} forecast revenue between {money(rng, v['big'], self.code)} and {money(rng, v['big'] * 1.1, self.code)}.",
                        f"The company employs about {v['jobs']:,} people and its shares rose {percent(rng, v['low'])} in late trading."],
            "budget": [f"The budget for {self.year + 1}, presented on {when}, plans spending of {m(v['big'] * 20)}.",
                       f"The deficit is forecast at {percent(rng, v['low'])} of GDP, down from {percent(rng, v['low'] + 1.5)}.",
                       f"Defence spending rises to {m(v['big'])}, or {percent(rng, v['low'] / 2)} of GDP, by {v['target']}.",
                       f"Growth is expected to be between {v['low'] / 2:g}% and {v['low']:g}% next year."],
            "rates": [f"The central bank of {c} cut its key rate by {percent(rng, 0.25, points=True)} to {percent(rng, v['low'])} on {when}.",
                      f"Inflation slowed to {percent(rng, v['pct'] / 5)} in {MONTHS[self.date.month - 2]}, from {percent(rng, v['pct'] / 4)} a month earlier.",
                      f"The next meeting is on {MONTHS[(self.date.month + 1) % 12]} {rng.randint(1, 28)}.",
                      f"Markets had priced in a cut of {percent(rng, 0.5, points=True)} by the end of {self.year}."],
            "strike": [f"About {v['jobs']:,} workers in {p} walked out on {when}, demanding a pay rise of {percent(rng, v['pct'] / 2)}.",
                       f"The union said the strike would last {words_or_digits(rng, rng.randint(2, 14))} days.",
                       f"Employers offered {percent(rng, v['low'])}, which the union rejected.",
                       f"The dispute has cost the region an estimated {m(v['big'] / 50)} so far."],
            "project": [f"The {v['km']} km rail line between {p} and {rng.choice(PLACES)} will cost {m(v['big'])}, the ministry said on {when}.",
                        f"Construction starts in {self.year + 1} and is due to finish by {v['target']}.",
                        f"The project will create {v['jobs']:,} jobs, according to {lead}.",
                        f"Its budget has risen {percent(rng, v['pct'])} since {self.year - rng.randint(1, 4)}."],
        }[self.kind]

    def quote(self) -> str:
        rng, speaker = self.rng, self.rng.choice(self.people)
        words = rng.choice(QUOTES).format(p=self.place)
        if rng.random() < 0.4:
            words += rng.choice([", and we will keep going", " for everyone involved", ", whatever the cost"])
        forms = [f'"{words}," {speaker} {rng.choice(SAID)}.', f"“{words},” said {speaker}, who leads the talks.",
                 f'{speaker} said: "{words}."', f"According to {speaker}, “{words.lower()}” was the message."]
        return rng.choice(forms)

    def history(self) -> str:
        rng = self.rng
        return rng.choice(HISTORY).format(y=self.year - rng.randint(2, 30), p=self.place, n=rng.randint(2, 60),
                                          m=money(rng, rng.uniform(1, 90) * 1e6, self.code), pct=rng.randint(2, 60))

    def filler(self) -> str:
        rng = self.rng
        if rng.random() < 0.4:
            text = rng.choice(FILLER)
        else:
            text = f"{rng.choice(SPEAKERS)} {rng.choice(VERBS)} that {rng.choice(CLAUSES)}{rng.choice(TAILS)}."
        return text.format(a=self.country, b=self.other, p=self.place, n=rng.choice(self.people), c=name(rng))


def article(event: Event, outlet: str, published: dt.date | None, disagree: bool) -> str:
    rng = event.rng
    lines = event.facts(published or event.date, disagree)
    rng.shuffle(lines)
    lines = lines[: rng.randint(len(lines) - 2, len(lines))]
    lines += [event.quote() for _ in range(rng.randint(1, 3))] + [event.filler() for _ in range(rng.randint(8, 14))]
    lines += [event.history() for _ in range(rng.randint(1, 3))]
    rng.shuffle(lines)
    dateline = f"{event.place.upper()}, {SHORT_MONTHS[event.date.month - 1]} {event.date.day} ({outlet}) - " if rng.random() < 0.3 else ""
    paragraphs, i = [], 0
    while i < len(lines):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(lines[i : i + size]))
        i += size
    paragraphs[0] = dateline + paragraphs[0]
    shown = published.isoformat() if published else "null"
    head = f'---\ntitle: "{event.title()}"\nsource: "{outlet}"\npublished: {shown}\nurl: null\n---\n\n'
    return head + "\n\n".join(paragraphs) + "\n"


def articles(n: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """`n` articles as (file name, text): events reported by 2 to 8 sources each."""
    rng = random.Random(seed)
    made, index = 0, 0
    while made < n:
        event = Event(rng, index)
        for outlet in rng.sample(OUTLETS, min(rng.randint(2, 8), n - made)):
            published = event.date + dt.timedelta(days=rng.randint(0, 3)) if rng.random() < 0.92 else None
            slug = outlet.lower().replace(" ", "-").replace("the-", "")
            yield f"e{index:05d}-{slug}.md", article(event, outlet, published, disagree=rng.random() < 0.15)
            made += 1
        index += 1


def generate(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write `n` articles into `folder` (created) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file, text in articles(n, seed):
        path = folder / file
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = generate(args.folder, args.articles, args.seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    print(f"{len(paths):,} articles, {words:,} words in {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
