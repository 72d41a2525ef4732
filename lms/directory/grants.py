"""The bureau keeps the directory of venues (applied by roles_sync)."""

MODEL_PERMISSIONS = {
    "BureauAdmin": [f"directory.{action}_venue" for action in ("add", "change", "delete", "view")],
}
