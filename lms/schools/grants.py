"""Who may do what with schools in the admin, by role name (applied by roles_sync).

The bureau registers schools and appoints their administrators; it does not edit classes,
families or assignments (those pages are read-only for it).
"""

MODEL_PERMISSIONS = {
    "BureauAdmin": [
        f"schools.{action}_{model}"
        for model in ("school", "schoolstaff")
        for action in ("add", "change", "view")
    ],
}
