"""The cluster's criteria set for a year: groups, criteria, maximum points, bonus and penalty, and the
link of a criterion to an indicator and target. The cluster head prepares it; members receive it.

Every change is one transaction with its audit entry, checked against the version the clerk saw, and
refused (``ReadOnlyError``) where this installation may not change the set: a set received from the
cluster head in a package, a set at a member's installation, or a year a member here has locked.

This module is the criteria set's one name for the rest of the app (documents, packages, the demo, the
tab): it gathers what the rooms below hold.

- ``criteria_view``: the set as read (``CriteriaView``, ``find_set``, ``load_set``);
- ``criteria_values``: the values as the clerk types them, checked, and their limits;
- ``criteria_guard``: who may change a set, and the audit entry of a change;
- ``default_criteria``: the cluster's default table, offered as a template;
- ``set_edits``, ``group_edits``, ``criterion_edits``: the changes to a whole set, its groups and its
  criteria.
"""

from __future__ import annotations

from emulation_desktop.review.criteria_guard import edit_refusal, editing_refusal, set_source
from emulation_desktop.review.criteria_values import (
    DEFAULT_TITLE,
    FULL_MARKS,
    FULL_RATE,
    MAX_CODE,
    MAX_GROUP_NAME,
    MAX_NAME,
    MAX_TARGET_TEXT,
    MAX_TITLE,
    criterion_values,
    free_number,
    roman,
    target_input,
)
from emulation_desktop.review.criteria_view import CriteriaView, find_set, load_set
from emulation_desktop.review.criterion_edits import (
    add_criterion,
    move_criterion,
    remove_criterion,
    update_criterion,
)
from emulation_desktop.review.group_edits import add_group, remove_group, update_group
from emulation_desktop.review.set_edits import (
    copy_last_year,
    create_criteria_set,
    update_set,
    use_default_criteria,
)

__all__ = [
    "DEFAULT_TITLE",
    "FULL_MARKS",
    "FULL_RATE",
    "MAX_CODE",
    "MAX_GROUP_NAME",
    "MAX_NAME",
    "MAX_TARGET_TEXT",
    "MAX_TITLE",
    "CriteriaView",
    "add_criterion",
    "add_group",
    "copy_last_year",
    "create_criteria_set",
    "criterion_values",
    "edit_refusal",
    "editing_refusal",
    "find_set",
    "free_number",
    "load_set",
    "move_criterion",
    "remove_criterion",
    "remove_group",
    "roman",
    "set_source",
    "target_input",
    "update_criterion",
    "update_group",
    "update_set",
    "use_default_criteria",
]
