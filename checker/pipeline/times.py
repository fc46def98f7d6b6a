"""Times of day: "09:15 GMT", "10:15 a.m. local time", "just before 2 a.m.", "around
twenty to seven", "at noon".

A time's reading holds the clock as stated, in minutes after midnight on the 24-hour clock
("9.42am" is 582; a bare "2:30" stays 150, since no am or pm is guessed), the interval its
qualifier makes, the zone as a UTC offset ("UTC+02:00" for CEST; "local" for "local time" or
for an abbreviation whose offset is not settled, with the reason) and whether minutes were
stated. Precision first: a bare clock ("14:30") is a time only after "at", "from", "until",
"by" or a qualifier, and a score ("2-1"), a ratio ("3:2"), a race time ("2:03:45") or a
verse ("John 3:16") never has both the clock's shape and such a word before it. The
component runs before the figures and dates components, which leave its tokens alone, so a
time is never also a count. Results go to `doc.spans["times"]`; the word lists and the zone
table are rules/lexicon/times.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import Lexicon, load_lexicon
from .phrases import PhraseTable
from .place_zones import PlaceZones
from .readings import Reading, register_extensions
from .scan import Words, positions, starts_number

_CLOCK = re.compile(r"(?P<h>\d{1,2})(?:(?P<sep>[:.])(?P<m>\d{2}))?(?P<mer>[ap]\.?m\.?)?(?P<z>(?-i:Z))?", re.IGNORECASE)
_FOUR = re.compile(r"(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)(?P<z>Z)?")
_DAY = 1440


@dataclass(frozen=True)
class Clock:
    """A clock read from tokens start..end, before any qualifier is looked at."""

    start: int
    end: int
    hour: int
    minute: int | None = None  # None: an hour alone ("4 a.m.", "seven o'clock", "noon")
    meridiem: str | None = None  # "am" or "pm"
    unit: str | None = None
    resolution: str | None = None
    marked: bool = False  # a meridiem, zone, "local time", "o'clock" or "hours" says it is a time
    form: str = "clock"  # "clock", "words" ("twenty to seven") or "named" ("noon")

    def value(self) -> int:
        """Minutes after midnight, on the 24-hour clock when a meridiem says which half."""
        hour = self.hour % 12 + (12 if self.meridiem == "pm" else 0) if self.meridiem else self.hour
        return hour * 60 + (self.minute or 0)


class TimeFinder:
    """Read times of day, their qualifiers and zones."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        t = lexicon.times
        self.meridiem = {**{w.lower(): "am" for w in t.am}, **{w.lower(): "pm" for w in t.pm}}
        self.zones, self.ambiguous = t.zones, t.ambiguous_zones
        self.local = PhraseTable(nlp, {w: True for w in t.local_time})
        self.place_zones = PlaceZones(t.place_zones)
        self.hour_words = {w.lower() for w in t.hour_words}
        self.hours_words = {w.lower() for w in t.hours_words}
        self.named = {w.lower(): v for w, v in t.named.items()}
        self.day_end = {w.lower() for w in t.day_end_before}
        self.bare_after = PhraseTable(nlp, {w: True for w in t.bare_after})
        self.words_after = PhraseTable(nlp, {w: True for w in t.words_after})
        self.followers = {w.lower() for w in t.words_followed_by}
        self.minute_words = PhraseTable(nlp, t.minute_words)
        self.qualifiers = PhraseTable(nlp, {
            **{w: ("before", None) for w in t.before}, **{w: ("after", None) for w in t.after},
            **{w: ("approximate", None) for w in t.approximate}, **{w: ("offset", tuple(v)) for w, v in t.offsets.items()},
        })
        self.widths = (t.approximate_minutes, t.approximate_hour)
        self.joiners, self.openers = set(t.range_joiners), set(t.range_openers)
        self.past, self.to = set(t.past_words), set(t.to_words)
        self.hours = {w: v for w, v in lexicon.numbers.units.items() if 1 <= v <= 12}
        self.starters = Words([*self.minute_words.from_first, *self.hours, *self.named])

    def __call__(self, doc: Doc) -> Doc:
        found: list[tuple[Span, Clock]] = []
        end = 0
        for i in positions(starts_number(doc) | self.starters.mask(doc)):
            if i < end:
                continue
            clock = self.clock_at(doc, i) or self.words_at(doc, i) or self.named_at(doc, i)
            span = self.make_span(doc, clock) if clock else None
            if span is not None:
                found.append((span, clock))
                end = span.end
        spans = [span for span, _ in found] + self.partners(doc, found)
        doc.spans["times"] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    # -- the clock itself ------------------------------------------------------------------
    def clock_at(self, doc: Doc, i: int) -> Clock | None:
        """A clock written in digits at token i, with what is written after it."""
        text = doc[i].text
        m = _CLOCK.fullmatch(text)
        found = m or _FOUR.fullmatch(text)
        if not found:
            return None
        if m and not (m["sep"] or m["mer"] or m["z"]) and not self.hour_marker_at(doc, i + 1):
            return None  # a bare number, most numbers: "4" is a time only as "4 a.m." or "4 o'clock"
        glued = m["mer"] if m else None
        meridiem = self.meridiem.get(glued.lower().replace(".", "")[0] + "m") if glued else None
        clock = Clock(i, i + 1, int(found["h"]), int(found["m"]) if found["m"] else None, meridiem, marked=bool(meridiem))
        if found["z"]:
            clock = replace(clock, unit=self.zones.get("Z", "UTC+00:00"), marked=True)
        padded = bool(found["m"]) and (text[0] == "0" or (m is not None and m["sep"] == ":" and len(m["h"]) == 2))
        clock = self.markers_after(doc, clock, hours="marks" if padded else "needs a trigger" if not m else None)
        if not m and clock.end - clock.start == 1 and clock.unit is None:
            return None  # "1430" alone is a number; "1430 GMT" and "0930 hours" are times
        if m and m["sep"] == "." and not clock.marked:
            return None  # "6.40" alone is a decimal (a price, a score)
        return clock if self.valid(clock) else None

    def markers_after(self, doc: Doc, clock: Clock, hours: str | None = None) -> Clock:
        """Take in a meridiem, a zone or "local time", and "o'clock" or "hours" after the clock
        (`hours`: whether "hours" may follow, and whether it alone makes the clock a time)."""
        k = clock.end
        if clock.meridiem is None and k < len(doc) and doc[k].lower_ in self.meridiem:
            clock = replace(clock, meridiem=self.meridiem[doc[k].lower_], marked=True)
            k += 1
        k, unit, resolution = self.zone_after(doc, k)
        if unit is not None and clock.unit is None:
            clock = replace(clock, unit=unit, resolution=resolution, marked=True)
        if k < len(doc) and clock.minute is None and doc[k].lower_ in self.hour_words:
            clock, k = replace(clock, marked=True), k + 1
        elif k < len(doc) and hours and doc[k].lower_ in self.hours_words:
            clock, k = replace(clock, marked=clock.marked or hours == "marks"), k + 1
        return replace(clock, end=k)

    def hour_marker_at(self, doc: Doc, k: int) -> bool:
        """Whether a meridiem or "o'clock" stands at token k, as after a bare hour ("4 a.m.")."""
        return k < len(doc) and (doc[k].lower_ in self.meridiem or doc[k].lower_ in self.hour_words)

    def zone_after(self, doc: Doc, k: int) -> tuple[int, str | None, str | None]:
        """(end, unit, resolution) of "local time", a zone abbreviation or a place's time
        ("Paris time") starting at token k."""
        unit = resolution = None
        local = self.local.at(doc, k)
        if local:
            k, unit = local[1], "local"
        if k < len(doc) and doc[k].text in self.zones:
            return k + 1, self.zones[doc[k].text], None
        if k < len(doc) and doc[k].text in self.ambiguous:
            word = doc[k].text
            return k + 1, "local", f"zone {word} is ambiguous ({self.ambiguous[word]}): offset not guessed"
        if unit is None and k < len(doc) and (place := self.place_zones.at(doc, k, doc._.published)):
            return place  # "3:15 a.m. Paris time"
        return k, unit, resolution

    @staticmethod
    def valid(clock: Clock) -> bool:
        """An hour of the clock: 1-12 with am or pm, 0-23 (or 24:00) without; minutes 0-59."""
        if clock.minute is not None and clock.minute > 59:
            return False
        if clock.meridiem:
            return 1 <= clock.hour <= 12
        if clock.minute is None and clock.form == "clock" and not clock.marked:
            return False  # a bare number
        return clock.hour <= 23 or (clock.hour == 24 and not clock.minute)

    def hour_at(self, doc: Doc, i: int) -> int | None:
        """An hour of the 12-hour clock written at token i, in words or digits."""
        if i >= len(doc):
            return None
        word = doc[i].lower_
        if word in self.hours:
            return self.hours[word]
        return int(word) if word.isdigit() and 1 <= int(word) <= 12 and word[0] != "0" else None

    def words_at(self, doc: Doc, i: int) -> Clock | None:
        """"twenty to seven", "half past six", "seven o'clock"."""
        found = self.minute_words.at(doc, i)
        if found is None:
            hour = self.hour_at(doc, i) if doc[i].is_alpha else None
            if hour is None or i + 1 >= len(doc) or doc[i + 1].lower_ not in self.hour_words:
                return None
            return self.markers_after(doc, Clock(i, i + 1, hour, form="words"))
        minutes, j = found
        word = doc[j].lower_ if j < len(doc) else None
        hour = self.hour_at(doc, j + 1) if word in self.past or word in self.to else None
        if hour is None:
            return None
        if word in self.to:
            hour, minutes = (hour - 1) or 12, 60 - minutes
        clock = self.markers_after(doc, Clock(i, j + 2, hour, minutes, form="words"))
        return clock if self.valid(clock) else None

    def named_at(self, doc: Doc, i: int) -> Clock | None:
        """"noon", "midday", "midnight": lower case, or capitalised only to open a sentence."""
        token = doc[i]
        if token.lower_ not in self.named or not (token.is_lower or token.is_sent_start):
            return None
        if token.is_title and i + 1 < len(doc) and doc[i + 1].is_title:
            return None  # a name: "Midnight Oil"
        value = self.named[token.lower_]
        return self.markers_after(doc, Clock(i, i + 1, value // 60, form="named", marked=True))

    # -- what stands before it ---------------------------------------------------------------
    def triggered(self, doc: Doc, clock: Clock, start: int) -> bool:
        """Whether a clock with no marker has the word before it that makes it a time."""
        if clock.marked:
            return True
        if clock.form == "clock":
            return self.bare_after.ending_at(doc, start) is not None
        k = clock.end  # a time in words: also what follows must not make it a number ("to seven people")
        follows = k >= len(doc) or doc[k].is_punct or doc[k].lower_ in self.followers
        return follows and self.words_after.ending_at(doc, start) is not None

    def make_span(self, doc: Doc, clock: Clock) -> Span | None:
        if not self.triggered(doc, clock, clock.start):
            return None
        found = self.qualifiers.ending_at(doc, clock.start)
        (mode, shift), start = found if found else ((None, None), clock.start)
        value = clock.value()
        if clock.form == "named" and value == 0 and self.ends_day(doc, start, mode, shift):
            value = _DAY  # "just before midnight", "until midnight": the end of the day
        granularity = "hour" if clock.minute is None else "minute"
        low, high = self.interval(value, mode, shift)
        qualifier = doc[start : clock.start].text.lower() if found else None
        span = Span(doc, start, clock.end, label="TIME")
        span._.reading = Reading("time", float(value), low, high, clock.unit, qualifier, granularity,
                                 resolution=clock.resolution)
        return span

    def ends_day(self, doc: Doc, start: int, mode: str | None, shift) -> bool:
        before = doc[start - 1].lower_ if start > 0 else ""
        return mode == "before" or (mode == "offset" and shift[0] < 0) or before in self.day_end

    def interval(self, value: int, mode: str | None, shift) -> tuple[float | None, float | None]:
        """The minutes a qualifier makes of a time: "just before" the quarter-hour before it,
        "about" ten minutes either side (half an hour for a whole hour), "before"/"after" one side."""
        if mode == "offset":
            return float(value + shift[0]), float(value + shift[1])
        if mode == "approximate":
            width = self.widths[1] if value % 60 == 0 else self.widths[0]
            return float(value - width), float(value + width)
        if mode == "before":
            return None, float(value)
        if mode == "after":
            return float(value), None
        return float(value), float(value)

    # -- the other end of a range --------------------------------------------------------------
    def partners(self, doc: Doc, found: list[tuple[Span, Clock]]) -> list[Span]:
        """The first time of "from 9 to 11 a.m." / "between 9 and 10 a.m." takes the second's
        meridiem and zone; the second of "from 9:30 to 11:45" is a time as the first is."""
        taken = {i for span, _ in found for i in range(span.start, span.end)}
        partners = []
        for span, clock in found:
            for partner in (self.partner_before(doc, span, clock), self.partner_after(doc, span, clock)):
                if partner is not None and not taken & set(range(partner.start, partner.end)):
                    partners.append(partner)
                    taken.update(range(partner.start, partner.end))
        return partners

    def partner_before(self, doc: Doc, span: Span, clock: Clock) -> Span | None:
        c = span.start - 2
        if c < 1 or span._.reading.qualifier or doc[span.start - 1].lower_ not in self.joiners:
            return None
        m = _CLOCK.fullmatch(doc[c].text) if doc[c - 1].lower_ in self.openers else None
        if m is None or m["mer"] or m["z"] or m["sep"] == "." or clock.form != "clock" or not clock.marked:
            return None
        first = Clock(c, c + 1, int(m["h"]), int(m["m"]) if m["m"] else None, clock.meridiem, clock.unit,
                      clock.resolution, marked=True)
        return self.make_span(doc, first) if self.valid(first) else None

    def partner_after(self, doc: Doc, span: Span, clock: Clock) -> Span | None:
        k = span.end
        if k + 1 >= len(doc) or doc[k].lower_ not in self.joiners or clock.minute is None:
            return None
        m = _CLOCK.fullmatch(doc[k + 1].text)
        if m is None or not m["m"] or m["sep"] != ":" or m["mer"]:
            return None
        second = Clock(k + 1, k + 2, int(m["h"]), int(m["m"]), unit=clock.unit, resolution=clock.resolution, marked=True)
        second = self.markers_after(doc, second)
        return self.make_span(doc, second) if self.valid(second) else None


@Language.factory(
    "checker_times", default_config={"lexicon_dir": None},
    assigns=["doc.spans", "span._.reading"], requires=["doc.spans"],
)
def make_time_finder(nlp: Language, name: str, lexicon_dir: str | None) -> TimeFinder:
    register_extensions()
    return TimeFinder(nlp, load_lexicon(lexicon_dir))
