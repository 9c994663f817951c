from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from frontlijn.core import navigation


def navigation_context(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "today": timezone.localdate()}
    items = []
    for item in navigation.items_for(user):
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append(
            {
                "url": url,
                "label": item.label,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    return {"nav_items": items, "today": timezone.localdate()}
