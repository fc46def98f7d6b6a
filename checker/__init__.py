"""checker: claim extraction and fact-consistency checking for news text."""

from .documents import load_documents, read_document
from .errors import CheckerError
from .extract import Extraction, Extractor, extract, extract_text
from .models import Claim, Document, Kind, TimeRef

__all__ = [
    "CheckerError",
    "Claim",
    "Document",
    "Extraction",
    "Extractor",
    "Kind",
    "TimeRef",
    "extract",
    "extract_text",
    "load_documents",
    "read_document",
]
__version__ = "0.2.0"
