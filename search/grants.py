"""Who may edit the search synonyms, by role name (plain data; lms.accounts applies it)."""

_SYNONYMS = [f"search.{action}_synonymgroup" for action in ("add", "change", "delete", "view")]

MODEL_PERMISSIONS = {
    "Reviewer": _SYNONYMS,
    "BureauAdmin": _SYNONYMS,
}
