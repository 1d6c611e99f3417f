"""The Tổng kết & suy tôn tab (``tab.ReviewTab``) and its five steps, a module each: the criteria set
(``criteria_page`` and its parts), scores and ranking, acclaim and elections, next year's roles, and
commendation proposals. The steps read through ``emulation_desktop.review.screens`` and write through
the review's operations; none of them touches the data file itself."""
