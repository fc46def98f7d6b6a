"""Assemble the extraction pipeline: spaCy's blank English or a trained one.

Nothing here needs a trained pipeline. With `model=None` the pipeline is
`spacy.blank("en")`, lookup lemmas from spacy-lookups-data, and
checker's own components; with a model name, the trained pipeline's sentence
boundaries and lemmas are used and checker's components are added after it.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..lexicon import load_lexicon
from . import (  # noqa: F401  (registers factories)
    dates,
    entities,
    figures,
    lemmas,
    numbers,
    places,
    quotes,
    sentences,
    times,
)
from .readings import register_extensions
from .tokenizer import customize_tokenizer  # also registers checker_unit_splitter

# times before figures and dates, which leave a time's tokens alone; places after the
# entities and quotes they are read from
COMPONENTS = ("checker_numbers", "checker_times", "checker_figures", "checker_dates", "checker_entities",
              "checker_quotes", "checker_places")


def _load_model(model: str) -> Language:
    """A trained pipeline by name or folder, or a one-line `ModelError`. A folder's broken
    config.cfg or meta.json fails inside spaCy and confection as a ValueError (a config
    validation error, a JSON error), KeyError or TypeError, not only as a missing package."""
    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError, KeyError, TypeError) as exc:
        first = next((line.strip() for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
        raise ModelError(f"cannot load spaCy pipeline {model!r}: {first}") from None


@lru_cache(maxsize=4)
def build_pipeline(model: str | None = None, lexicon_dir: str | None = None) -> Language:
    """The pipeline that turns article text into a Doc with claim spans."""
    register_extensions()
    lexicon = load_lexicon(lexicon_dir)
    if model:
        nlp = _load_model(model)
    else:
        nlp = spacy.blank("en")
    customize_tokenizer(nlp, lexicon)
    if not nlp.has_pipe("lemmatizer"):
        nlp.add_pipe("checker_lemmas")  # spaCy's lookup lemmas, set a Doc at a time
    if not any(nlp.has_pipe(p) for p in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("checker_sentences", first=True)
    nlp.add_pipe("checker_unit_splitter", first=True, config={"lexicon_dir": lexicon_dir})
    for name in COMPONENTS:
        config = {"lexicon_dir": lexicon_dir}
        nlp.add_pipe(name, config=config)
    return nlp
