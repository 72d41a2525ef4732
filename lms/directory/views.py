from django.conf import settings
from django.shortcuts import render

from courses.vocabulary import MAX_CHILD_AGE
from lms.directory.models import Venue
from lms.directory.selectors import directory_filters_parse, townships, venues_listed


def directory(request):
    filters = directory_filters_parse(request.GET)
    venues = list(venues_listed(filters=filters))
    return render(
        request,
        "directory/directory.html",
        {
            "venues": venues,
            "filters": filters,
            "townships": townships(),
            "kinds": Venue.Kind.choices,
            "ages": range(0, MAX_CHILD_AGE + 1),
            "tiles": settings.DIRECTORY_MAP_TILES,
            "tiles_attribution": settings.DIRECTORY_MAP_ATTRIBUTION,
            "points": [
                {"id": v.pk, "name": v.name, "lat": float(v.latitude), "lng": float(v.longitude)}
                for v in venues
                if v.has_location
            ],
        },
    )
