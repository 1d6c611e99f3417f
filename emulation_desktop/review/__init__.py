"""The cluster's year-end review: criteria, self and agreed scores, ranking, acclaim and elections,
next year's cluster roles, commendation proposals, and what is still missing before the conference.

Qt-free; the CLI (``review``), the documents and the Tổng kết & suy tôn tab all call these operations.
Each writing operation is one transaction and raises a typed error with a message for the clerk.
"""
