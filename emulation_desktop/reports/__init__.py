"""Vietnamese administrative documents (ReportLab PDFs) made from the data, without Qt.

``layout`` owns the administrative format and ``tables`` the long tables; one module per document;
``report_data`` and ``list_document`` hold what several documents share; ``registry`` maps each kind to
its builder and the scopes it accepts; ``jobs`` is the front door for a caller holding the ``Database``.
"""

from emulation_desktop.reports.registry import DOCUMENT_KINDS, DocumentKind, build_document, document_kind

__all__ = ["DOCUMENT_KINDS", "DocumentKind", "build_document", "document_kind"]
