from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses.vocabulary import CURATED_TOPICS, MAX_CHILD_AGE
from search.selectors import search_query_parse, search_run, search_suggest


@require_GET
def search_page(request, child_ages=None):
    """`child_ages(user=...)` (given where the urls are mounted, as search imports no lms)
    lists the signed-in parent's children's ages: the picker starts at the first one."""
    query = search_query_parse(request.GET)
    response = search_run(query) if (query.text or query.filters()) else None
    age = request.GET.get("age", "")
    if response is None and "age" not in request.GET and child_ages is not None:
        # Only before a search: with results shown, the picker says what filtered them.
        age = str(next(iter(child_ages(user=request.user)), ""))
    return render(
        request,
        "search/search_page.html",
        {
            "query": query,
            "response": response,
            "ages": range(0, MAX_CHILD_AGE + 1),
            "age": age if age.isdigit() else "",
            "topics": CURATED_TOPICS,
            "pages": _pages(response),
        },
    )


def _pages(response):
    if response is None:
        return []
    last = min(100, (response.total + response.page_size - 1) // response.page_size)
    return list(range(1, last + 1)) if last > 1 else []


@require_GET
def search_api(request):
    """GET /api/v1/search?q=&stage=&age=&topic=&type=&page="""
    response = search_run(search_query_parse(request.GET))
    return JsonResponse(response.as_json(), json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    return JsonResponse(
        {"suggestions": search_suggest(text=str(request.GET.get("q", "")))},
        json_dumps_params={"ensure_ascii": False},
    )
