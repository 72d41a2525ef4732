"""Reads for schools, by sub-domain: families, classes, staff, reminders.

Nothing is re-exported here: import from the sub-module (lms.schools.selectors.families, …).
"""
