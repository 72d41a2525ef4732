"""Who may do what in the catalogue, by role name (plain data; lms.accounts applies it).

Lecturers add pages in the course and talk sections (and so edit only their own, see
courses.permissions) and submit them for review. Reviewers edit and publish anything in
those sections and approve submissions through the county review workflow, which covers
every page under the home page.
"""

_LECTURER_PAGES = ["add_page"]
_REVIEWER_PAGES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
_SECTIONS = ("courses.courseindexpage", "courses.talkindexpage")

# Page permission types on every page of each page type (app_label.model).
PAGE_PERMISSIONS = {
    "Lecturer": {section: _LECTURER_PAGES for section in _SECTIONS},
    "Reviewer": {section: _REVIEWER_PAGES for section in _SECTIONS},
}

_LECTURER_LIBRARY = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]

# Image and document permissions on the root collection.
COLLECTION_PERMISSIONS = {
    "Lecturer": _LECTURER_LIBRARY,
    "Reviewer": [
        *_LECTURER_LIBRARY,
        "wagtailimages.change_image",
        "wagtailimages.delete_image",
        "wagtaildocs.change_document",
        "wagtaildocs.delete_document",
    ],
}

MODEL_PERMISSIONS = {
    "Reviewer": [
        f"courses.{action}_{model}"
        for model in ("lecturer", "topic")
        for action in ("add", "change", "delete", "view")
    ],
}

# The county review workflow: one approval step by any Reviewer, on the home page (and so
# on everything under it).
WORKFLOWS = [
    {
        "name": "县级审核流程",
        "tasks": [{"name": "县级审核", "approvers": ["Reviewer"]}],
        "pages": ["courses.homepage"],
    },
]
