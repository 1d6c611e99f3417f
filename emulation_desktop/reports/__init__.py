"""Vietnamese administrative documents (ReportLab PDFs) made from the data, without Qt.

``layout`` owns the administrative format; one module per document; ``registry`` maps each kind to its
builder and the scopes it accepts.
"""

from emulation_desktop.reports.registry import DOCUMENT_KINDS, DocumentKind, build_document, document_kind

__all__ = ["DOCUMENT_KINDS", "DocumentKind", "build_document", "document_kind"]
