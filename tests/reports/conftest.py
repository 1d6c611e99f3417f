"""Every document built once over the demo (``demo_db``, loaded once per session by tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_documents import DOCUMENTS, ISSUED_ON


@pytest.fixture(scope="session")
def built(demo_db, tmp_path_factory) -> dict[tuple[str, str], Path]:
    """Every document of DOCUMENTS as a PDF file, keyed by (kind, scope)."""
    from emulation_desktop.reports import build_document

    folder = tmp_path_factory.mktemp("pdfs")
    out = {}
    for kind, scope, code in DOCUMENTS:
        with demo_db.session() as session:
            document = build_document(session, kind, scope, code, 2022, issued_on=ISSUED_ON)
        path = folder / f"{kind}-{scope}.pdf"
        path.write_bytes(document.pdf)
        out[(kind, scope)] = path
    return out
