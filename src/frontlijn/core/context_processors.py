from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from frontlijn.core import navigation
from frontlijn.lib import clock

# The phone's bottom bar shows this many items and "Meer" for the rest: the inbox (where work
# arrives) and the first others in menu order.
NAV_PRIMARY = 4
NAV_ALWAYS = frozenset({"core:inbox"})

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
        return {"nav_items": [], "nav_primary": [], "nav_more": [], "today": clock.today()}
    items = []
    for item in navigation.items_for(user):
        url = _url(item.url_name)
        if url is None:
            continue
        items.append(
            {
                "name": item.url_name,
                "url": url,
                "label": item.label,
                "active": request.path == url or (url != "/" and request.path.startswith(url)),
            }
        )
    always = [i for i in items if i["name"] in NAV_ALWAYS]
    first = [i for i in items if i["name"] not in NAV_ALWAYS][: max(NAV_PRIMARY - len(always), 0)]
    primary = [i for i in items if i in first or i in always]
    more = [i for i in items if i not in primary]
    if len(more) == 1:  # "Meer" for a single item is a tap too many
        primary, more = items, []
    return {
        "nav_items": items,
        "nav_primary": primary,
        "nav_more": more,
        "nav_more_active": any(i["active"] for i in more),
        "today": clock.today(),
    }
