"""The lexicons under rules/lexicon/, validated and compiled once.

Every word list the pipeline matches on lives in a YAML file there, so a
newsroom can extend currencies, units or aliases without touching code. A
malformed file is reported as `file:line [field] message`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .errors import LexiconError
from .yamlfile import load_model


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Numbers(_Strict):
    units: dict[str, int]
    tens: dict[str, int]
    hundred: list[str]
    scales: dict[str, float]
    scale_abbreviations: dict[str, float]
    specials: dict[str, float]
    article_as_one: list[str]
    vague: dict[str, tuple[float, float]]
    negative_words: list[str]
    decimal_point: list[str] = []  # "one point seven"
    fractions: dict[str, float] = {}  # after a whole number: "nine and a half thousand"
    fractions_of_one: dict[str, float] = {}  # before a scale word or a unit: "half a million", "half a mile"


class Currency(_Strict):
    code: str
    before: list[str] = []
    after: list[str] = []
    after_scale: list[str] = []  # names read as this currency only after a scale word
    minor: list[str] = []  # names of its hundredth part, after the number ("412 pence")
    # its symbol as text folded to ASCII writes it ("PS2.7m" for "£2.7m", "Y=5,182" for "¥5,182"):
    # read before a number it is glued to, never before a lone digit ("PS5" is a console)
    folded: list[str] = []


class SharedCurrency(_Strict):
    """A symbol or name several currencies use ("$", "francs"): read as `default` unless the
    article establishes exactly one of `codes` (checker/extract/currency.py)."""

    before: list[str] = []
    after: list[str] = []
    after_scale: list[str] = []
    minor: list[str] = []
    codes: list[str] = Field(min_length=1)
    default: str | None  # None: money only where the article establishes one of `codes`

    @field_validator("default")
    @classmethod
    def _default_is_one_of_codes(cls, default: str | None, info: ValidationInfo) -> str | None:
        codes = info.data.get("codes", [])
        if default is not None and default not in codes:
            raise ValueError(f"default {default!r} is not one of codes {codes}")
        return default


class Currencies(_Strict):
    currencies: list[Currency]
    shared: list[SharedCurrency] = []

    @field_validator("shared")
    @classmethod
    def _shared_codes_are_listed(cls, shared: list[SharedCurrency], info: ValidationInfo) -> list[SharedCurrency]:
        listed = {c.code for c in info.data.get("currencies", [])}
        for i, entry in enumerate(shared):
            if unknown := [code for code in entry.codes if code not in listed]:
                raise ValueError(f"entry {i} names {', '.join(unknown)}, not among the currencies")
        return shared


@dataclass(frozen=True)
class CurrencyName:
    """A currency symbol or name as the pipeline reads it: where it stands ("before",
    "after", "after_scale", "minor"), the code it is read as (a shared name's default, else
    its first currency) and, for a shared one, its entry."""

    surface: str
    position: str
    code: str
    shared: SharedCurrency | None = None


@dataclass(frozen=True)
class CurrencyNames:
    """Every currency symbol and name, by where it stands to the number."""

    before: tuple[CurrencyName, ...]
    after: tuple[CurrencyName, ...]
    after_scale: tuple[CurrencyName, ...]
    minor: tuple[CurrencyName, ...]
    folded: tuple[CurrencyName, ...] = ()  # ASCII spellings of symbols, also among `before`


class Units(_Strict):
    percent: list[str]
    percentage_points: list[str]
    basis_points: list[str]
    ratio_bases: dict[str, list[str]]
    ratio_words: dict[str, float]
    ratio_multipliers: list[str]
    fraction_words: dict[str, float] = {}
    fraction_not_after: list[str] = []
    possessives: list[str]
    measures: dict[str, list[str]]
    conversions: dict[str, dict[str, float | tuple[float, float]]] = {}  # dimension -> measure -> size or [size, zero]
    attached_suffixes: list[str]
    label_words: list[str]
    address_words: list[str]
    model_suffixes: list[str] = []  # "11 Pro", "737 Max": a model's name
    units_before: list[str] = []  # "magnitude 6.4": a unit written before the number
    code_words: list[str] = []  # "90049 ZIP Code": a postcode
    count_adjectives: list[str]
    unmarked_plurals: list[str] = []  # "300 staff", "20 aircraft": counted though not written plural
    generic_nouns: list[str] = []  # "14,812 people": counts anyone, so may be another outlet's "runners"
    durations: list[str]
    rate_words: list[str]
    rate_nouns: list[str]
    video_resolutions: list[int] = []  # "1080p" is a picture, not pence
    metre_after: list[str] = []  # "37m long": "m" a metre, not a million
    metre_before: list[str] = []  # "a fall of 45m"
    symbol_senses: dict[str, dict[str, list[str]]] = {}  # "F" -> {"farad": [capacitor, ...]}: see pipeline/symbols.py
    age_words: list[str] = []  # "aged 38", "turned 40": the bare number after is an age


class Qualifiers(_Strict):
    tolerance: float
    qualifiers: dict[str, list[str]]
    range_joiners: list[str]
    range_openers: list[str]
    change_words: list[str]


class Speech(_Strict):
    verbs: list[str]
    nouns: list[str]
    according: list[str]
    pronouns: list[str]
    meaning_words: list[str] = []  # small words that change what a quote says ("not", "may", "most")


class Predicates(_Strict):
    light_words: list[str]
    object_prepositions: list[str]
    content_stop_words: list[str]
    auxiliaries: list[str]


class Events(_Strict):
    """rules/lexicon/events.yaml: the words that tell which event a date, a time of day
    or a place belongs to, where a word's form (its lookup lemma) cannot."""

    event_nouns: list[str]
    light_verbs: list[str]
    aspect_verbs: list[str]
    light_phrases: list[str]
    particles: list[str]
    same_form_past: list[str]
    verb_openers: list[str]
    clause_words: list[str]
    prepositions: list[str]
    relative_words: list[str]
    determiners: list[str]
    day_parts: list[str]
    empty_heads: list[str]
    families: list[list[str]]  # derivational families: one event in words of different form


class Synonyms(_Strict):
    groups: list[list[str]]


class Entities(_Strict):
    entities: dict[str, list[str]]
    titles: list[str]
    not_names: list[str]
    combining_words: list[str]


class Holiday(_Strict):
    """When a holiday falls: a fixed day (`month`, `day`), the `nth` `weekday` (0 Monday) of
    `month` (-1 the last) moved by `offset` days, or `easter` days from Easter Sunday."""

    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    weekday: int | None = Field(default=None, ge=0, le=6)
    nth: int = Field(default=1, ge=-1, le=5)
    offset: int = 0
    easter: int | None = None

    @model_validator(mode="after")
    def one_rule(self) -> Holiday:
        rules = (self.day is not None, self.weekday is not None, self.easter is not None)
        if sum(rules) != 1 or (self.easter is None and self.month is None):
            raise ValueError("give month and day, month and weekday (with nth), or easter")
        return self


class Dates(_Strict):
    months: dict[int, list[str]]
    weekdays: dict[int, list[str]]
    quarters: dict[int, list[str]]
    relative_days: dict[str, int]
    relative_periods: dict[str, int]
    period_words: list[str]
    ago_words: list[str]
    deadline: list[str]
    since: list[str]
    span_openers: list[str]
    future_markers: list[str]
    past_markers: list[str]
    present_markers: list[str] = []  # "is", "are": a date's own verb in the present points neither way
    time_references: dict[Literal["PRESENT_REF", "PAST_REF", "FUTURE_REF"], list[str]] = {}  # "now", "recently"
    seasons: dict[Literal["SP", "SU", "FA", "WI"], list[str]] = {}
    season_verbs: list[str] = []  # season words that are also verbs: "did rates last fall?"
    holidays: dict[str, Holiday] = {}
    decade_words: dict[str, int] = {}  # "nineties": 9 (the 1990s)
    period_ends: list[str] = []  # "year-end": the year it ends
    reporting_periods: dict[str, int] = {}  # "the latest quarter": 0, "the year-ago period": -1 (years)
    year_before: list[str] = []  # "a year earlier": the reported quarter a year before, once one is written
    datelines: list[str]
    narrative_years: dict[str, int] = {}  # "later that year": a shift from the last year written before it
    day_ordinals: dict[str, int] = {}  # "seventh": 7, a day of the month in words ("January twenty-seventh")
    spoken_year_before: list[str] = []  # "in two thousand and nine": the words that make a number said aloud a year


Offset = Annotated[str, StringConstraints(pattern=r"^UTC[+-](0\d|1[0-4]):[0-5]\d$")]


class Times(_Strict):
    zones: dict[str, Offset]  # abbreviation -> "UTC+02:00"
    ambiguous_zones: dict[str, str]  # abbreviation -> the offsets it may mean, in words
    place_zones: dict[str, str] = {}  # "Beijing": "Asia/Shanghai", places the zone database names otherwise
    am: list[str]
    pm: list[str]
    hour_words: list[str]
    hours_words: list[str]
    local_time: list[str]
    named: dict[str, int]
    day_end_before: list[str]
    bare_after: list[str]
    words_after: list[str]
    words_followed_by: list[str]
    past_words: list[str]
    to_words: list[str]
    minute_words: dict[str, int]
    offsets: dict[str, tuple[int, int]]
    approximate: list[str]
    approximate_minutes: int
    approximate_hour: int
    before: list[str]
    after: list[str]
    range_joiners: list[str]
    range_openers: list[str]


class Places(_Strict):
    prepositions: list[str]
    relations: dict[str, str]  # preposition -> the relation it makes ("off" -> offshore)
    speaking_from: list[str]
    speaker_verbs: list[str]
    on_words: list[str]
    feature_words: list[str]
    not_after_in: list[str]
    not_after_at: list[str]
    type_words: dict[str, str]  # "province" -> region
    kind_of: dict[str, str]  # "the town of Zams": "town" -> place
    modified_nouns: list[str]
    adjective_endings: list[str]
    organisation_words: list[str]
    organisations: list[str]
    not_places: list[str]
    towns: dict[str, list[str]]
    countries: list[str]
    regions: list[str]


_FILES = {
    "numbers": Numbers,
    "currencies": Currencies,
    "units": Units,
    "qualifiers": Qualifiers,
    "speech": Speech,
    "entities": Entities,
    "dates": Dates,
    "predicates": Predicates,
    "events": Events,
    "synonyms": Synonyms,
    "times": Times,
    "places": Places,
}


class Lexicon:
    """All lexicons, with the lookup tables the pipeline derives from them."""

    def __init__(self, **parts: BaseModel):
        self.numbers: Numbers = parts["numbers"]
        self.currencies: Currencies = parts["currencies"]
        self.units: Units = parts["units"]
        self.qualifiers: Qualifiers = parts["qualifiers"]
        self.speech: Speech = parts["speech"]
        self.entities: Entities = parts["entities"]
        self.dates: Dates = parts["dates"]
        self.predicates: Predicates = parts["predicates"]
        self.events: Events = parts["events"]
        self.synonyms: Synonyms = parts["synonyms"]
        self.times: Times = parts["times"]
        self.places: Places = parts["places"]

    @cached_property
    def dateline_pattern(self) -> re.Pattern[str]:
        words = "|".join(re.escape(w) for w in sorted(self.dates.datelines, key=len, reverse=True))
        return re.compile(rf"(?:{words})\s*(?:on\b|:)?\s*(?P<date>[A-Za-z0-9 ,./-]{{6,40}})$", re.IGNORECASE)

    @cached_property
    def month_of(self) -> dict[str, int]:
        return {w: m for m, words in self.dates.months.items() for w in words}

    @cached_property
    def weekday_of(self) -> dict[str, int]:
        return {w: d for d, words in self.dates.weekdays.items() for w in words}

    @cached_property
    def alias_of(self) -> dict[str, str]:
        """Alias -> canonical entity name."""
        return {alias: name for name, aliases in self.entities.entities.items() for alias in aliases}

    @cached_property
    def qualifier_mode(self) -> dict[str, str]:
        """Qualifier phrase (lower case) -> interval mode."""
        return {w.lower(): mode for mode, words in self.qualifiers.qualifiers.items() for w in words}

    @cached_property
    def synonym_group(self) -> dict[str, int]:
        """Predicate word or phrase (lower case) -> the index of its synonym group."""
        return {w.lower(): i for i, group in enumerate(self.synonyms.groups) for w in group}

    @cached_property
    def currency_names(self) -> CurrencyNames:
        """The currencies' symbols and names, the shared ones with them."""
        c = self.currencies

        def names(field: str) -> tuple[CurrencyName, ...]:
            own = [CurrencyName(s, field, x.code) for x in c.currencies for s in getattr(x, field)]
            shared = [CurrencyName(s, field, x.default or x.codes[0], x) for x in c.shared for s in getattr(x, field)]
            return (*own, *shared)

        folded = tuple(CurrencyName(s, "before", x.code) for x in c.currencies for s in x.folded)
        return CurrencyNames((*names("before"), *folded), names("after"), names("after_scale"), names("minor"), folded)

    @cached_property
    def measure_of(self) -> dict[str, str]:
        """Unit surface -> canonical unit of measure."""
        return {form: name for name, forms in self.units.measures.items() for form in forms}


def _read(directory: Path | resources.abc.Traversable, name: str, model: type[BaseModel]) -> BaseModel:
    path = directory / f"{name}.yaml"
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read lexicon: {exc}", path=shown) from None
    return load_model(text, model, shown, LexiconError)


def lexicon_version(directory: str | None = None) -> str:
    """A fingerprint of the lexicon files: claims extracted with other lexicons are stale."""
    folder = Path(directory) if directory else default_lexicon_dir()
    digest = hashlib.sha256()
    for name in sorted(_FILES):
        digest.update(name.encode() + b"\0" + (folder / f"{name}.yaml").read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def default_lexicon_dir() -> resources.abc.Traversable:
    """The lexicon folder shipped inside the installed package."""
    return resources.files("checker.rules") / "lexicon"


def load_lexicon(directory: str | None = None) -> Lexicon:
    """Load and validate every lexicon file (from `directory`, else the defaults), once."""
    return _load(str(directory) if directory else None)


@lru_cache(maxsize=4)
def _load(directory: str | None) -> Lexicon:
    folder = Path(directory) if directory else default_lexicon_dir()
    return Lexicon(**{name: _read(folder, name, model) for name, model in _FILES.items()})
