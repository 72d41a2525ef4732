"""Naming ledger staff is the ledger officer's alone (台账管理员, named at set-up): no other
role, not even the bureau administrator, may, so nobody can hand themselves the ledger.
Applied by roles_sync, which also takes these permissions from any other role."""

MODEL_PERMISSIONS = {
    "LedgerOfficer": [
        f"support.{action}_designation" for action in ("add", "change", "delete", "view")
    ],
}
