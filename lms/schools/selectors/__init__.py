"""Reads for schools, by sub-domain: families, classes, staff.

Nothing is re-exported here: import from the sub-module (lms.schools.selectors.families, …).
"""
