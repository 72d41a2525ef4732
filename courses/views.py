from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.snippets.views.snippets import DeleteView

from courses.models import TalkPage
from courses.selectors import lecturer_has_content
from courses.services import CatalogueError, talk_signup


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


@login_required
@require_POST
def talk_signup_view(request, talk_id: int):
    talk = get_object_or_404(TalkPage.objects.live().public(), pk=talk_id)
    try:
        created = talk_signup(talk=talk, user=request.user)
    except CatalogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("You are signed up.") if created else _("You were already signed up.")
        )
    return redirect(talk.url)
