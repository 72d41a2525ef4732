from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.snippets.views.snippets import DeleteView

from courses.selectors import lecturer_has_content


class LecturerDeleteView(DeleteView):
    """Refuses, with a message, to delete a lecturer who still has courses or talks."""

    def form_valid(self, form):
        if lecturer_has_content(lecturer=self.object):
            messages.error(
                self.request,
                _("%(name)s still has courses or talks. Move them to another lecturer first.")
                % {"name": self.object.name},
            )
            return redirect(
                reverse(self.model.snippet_viewset.get_url_name("edit"), args=[self.object.pk])
            )
        return super().form_valid(form)
