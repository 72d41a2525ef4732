"""The bureau manages community stations and their communities (applied by roles_sync)."""

MODEL_PERMISSIONS = {
    "BureauAdmin": [
        f"activities.{action}_{model}"
        for model in ("station", "community")
        for action in ("add", "change", "view")
    ],
}
