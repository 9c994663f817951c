from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from frontlijn.core import navigation
from frontlijn.lib import clock

# url name -> path, per URLconf and script prefix: the menu's URLs take no arguments.
_urls: dict[tuple[str, str, str], str | None] = {}


def _url(url_name: str) -> str | None:
    key = (url_name, str(get_urlconf() or settings.ROOT_URLCONF), get_script_prefix())
    if key not in _urls:
        try:
            _urls[key] = reverse(url_name)
        except NoReverseMatch:
            _urls[key] = None
    return _urls[key]


def navigation_context(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "today": clock.today()}
    items = []
    for item in navigation.items_for(user):
        url = _url(item.url_name)
        if url is None:
            continue
        items.append(
            {
                "url": url,
                "label": item.label,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    return {"nav_items": items, "today": clock.today()}
