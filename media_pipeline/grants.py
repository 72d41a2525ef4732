"""Who may do what with uploaded media, by role name (plain data; lms.accounts applies it).

Lecturers add and edit their own recordings; reviewers see and remove everyone's.
"""

_OWN = [
    "media_pipeline.add_mediaasset",
    "media_pipeline.change_mediaasset",
    "media_pipeline.view_mediaasset",
]

MODEL_PERMISSIONS = {
    "Lecturer": _OWN,
    "Reviewer": [*_OWN, "media_pipeline.delete_mediaasset", "media_pipeline.view_all_media"],
}
