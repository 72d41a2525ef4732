"""Who may enter the Wagtail admin at all (read by roles_sync, like every app's grants.py).

Every role in `Role` becomes a group even when it is granted nothing: parents, teachers,
station staff and partners work outside the admin.
"""

ACCESS_ADMIN = "wagtailadmin.access_admin"

MODEL_PERMISSIONS = {
    "Lecturer": [ACCESS_ADMIN],
    "Reviewer": [ACCESS_ADMIN],
    "SchoolAdmin": [ACCESS_ADMIN],
    "BureauAdmin": [ACCESS_ADMIN],
    "LedgerOfficer": [ACCESS_ADMIN],
}
