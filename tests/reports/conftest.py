"""The demo (Cluster No. 3, 2021–2022) loaded once per test session; every document built once over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from demo_documents import DOCUMENTS, ISSUED_ON


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    from emulation_desktop.demo import load_demo
    from emulation_desktop.storage.database import open_database

    folder = tmp_path_factory.mktemp("demo-data")
    db = open_database(folder)
    try:
        load_demo(db)
    finally:
        db.close()
    return folder


@pytest.fixture(scope="session")
def demo_db(demo_dir):
    from emulation_desktop.storage.database import open_database

    db = open_database(demo_dir)
    yield db
    db.close()


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
