"""Vietnamese administrative documents (ReportLab PDFs) made from the data, without Qt.

``layout`` owns the administrative format; one module per document; ``registry`` maps each kind to its
builder and the scopes it accepts.
"""

from emulation_desktop.reports.registry import KINDS, DocumentKind, build_document, kind_of

__all__ = ["KINDS", "DocumentKind", "build_document", "kind_of"]
