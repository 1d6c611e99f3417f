"""A record kind's fields are its model's columns: the model is the one place a table's columns are
spelled, and a text field's length is its column's."""

from __future__ import annotations

import pytest
from sqlalchemy import String

from emulation_desktop.domain import models as m
from emulation_desktop.domain.fields import Field
from emulation_desktop.domain.record_kinds import KINDS, RecordKind
from emulation_desktop.locale.i18n import N_


def test_every_field_is_a_column_and_text_fields_take_the_column_length() -> None:
    for kind in KINDS.values():
        columns = kind.model.__table__.c
        for field in kind.fields:
            assert field.name in columns, (kind.name, field.name)
            column_type = columns[field.name].type
            if field.kind == "text" and isinstance(column_type, String) and column_type.length:
                assert field.max_length == column_type.length, (kind.name, field.name)


def test_a_field_that_is_not_a_column_is_refused_when_the_kind_is_declared() -> None:
    with pytest.raises(TypeError, match="not a column of support_activity"):
        RecordKind("support_activity", m.SupportActivity, N_("Support"), (Field("benificiary", "text", "x"),))
    with pytest.raises(TypeError, match="search field"):
        RecordKind("donation", m.Donation, N_("Donation"), (), search_fields=("donor_nam",))
