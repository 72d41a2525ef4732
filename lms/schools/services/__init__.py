"""Writes for schools, by sub-domain: classes, joining, assignments, staff.

Nothing is re-exported here: import from the sub-module (lms.schools.services.classes, …).
"""
