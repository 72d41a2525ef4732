"""Keep the notices' attachments out of the Wagtail choosers (lecturers and reviewers choose
from the root collection, and so from every collection under it)."""

from wagtail import hooks

from lms.notices.selectors import library_without_notice_files


@hooks.register("construct_document_chooser_queryset")
def documents_chooser_without_notice_files(documents, request):
    return library_without_notice_files(queryset=documents, user=request.user)


@hooks.register("construct_image_chooser_queryset")
def images_chooser_without_notice_files(images, request):
    return library_without_notice_files(queryset=images, user=request.user)
