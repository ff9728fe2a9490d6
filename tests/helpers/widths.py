"""What a person sees at a given width: the pages a role reaches by following links, and, on each,
whatever sticks out of the viewport or a button whose words are cut."""
from urllib.parse import urlsplit

WIDTHS = (320, 768, 1280, 1920)
SKIPPED = ("/static/", "/deconnexion", "/courriels-demo/", "/sante")
SKIPPED_ENDINGS = (".csv", ".xlsx", ".zip", ".pdf", ".png", ".jpg", ".txt", ".wav", "/rib", "/audio",
                   "/image")

# Run in the page: the element sticking out furthest right of the viewport (outside any box that
# scrolls or clips it), and the buttons whose text overflows their own box.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  // Scrolled or clipped by a box that itself fits in the viewport: not sticking out.
  const clipped = el => {
    for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
      if (getComputedStyle(box).overflowX !== "visible"
          && box.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                          && getComputedStyle(el).visibility !== "hidden"; };
  const describe = (el, right) => ({right: Math.round(right), tag: el.tagName.toLowerCase(),
    id: el.id, cls: String(el.className).slice(0, 80), text: (el.innerText || "").slice(0, 60)});
  let widest = null, furthest = null;  // furthest: even inside a box that should clip it
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el)) continue;
    const right = el.getBoundingClientRect().right;
    if (right <= width + 1) continue;
    if (!furthest || right > furthest.right) furthest = describe(el, right);
    if (!clipped(el) && (!widest || right > widest.right)) widest = describe(el, right);
  }
  widest = widest || furthest;
  const cut = [];
  for (const el of document.querySelectorAll(".fr-btn, button, .fr-link")) {
    if (!shown(el) || el.closest("[aria-hidden=true]")) continue;
    // DSFR's own icon buttons, named by their title: the header's « Menu » and « Rechercher un
    // dossier » (staff) on small screens,
    // the search bar's « Rechercher », the tooltips' « i », the tables' sort buttons.
    if (/fr-btn--tooltip|fr-btn--close|fr-link--close|fr-btn--menu|fr-btn--search|fr-btn--sort/.test(el.className)
        || el.closest(".fr-search-bar")) continue;
    const words = (el.innerText || "").trim();
    if (!words) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 2) {
      cut.push(words.slice(0, 60));
    }
  }
  return {page: document.documentElement.scrollWidth, viewport: width, widest, cut};
}"""

# Run in the page after a resize: resolves once a frame has been laid out at the new width and no
# finite CSS transition or animation is running (the DSFR's header, collapses and modals move on a
# width change: measured mid-way, they stick out for a few frames).
SETTLED = """() => new Promise(resolve => {
  const still = () => document.getAnimations().every(a => a.playState !== "running"
    || a.effect.getComputedTiming().iterations === Infinity);
  const check = () => still() ? resolve(true) : requestAnimationFrame(check);
  requestAnimationFrame(() => requestAnimationFrame(check));
})"""


def links(page, base: str) -> list[str]:
    """The portal's own pages linked from this one: paths without query, downloads left out."""
    found = page.eval_on_selector_all(
        "a[href]:not([download])", "links => links.map(a => a.href)")
    paths = []
    for href in found:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != base or parts.query:
            continue
        path = parts.path
        if path.startswith(SKIPPED) or path.endswith(SKIPPED_ENDINGS):
            continue
        paths.append(path)
    return paths


def crawl(app, page, base: str, start: str, limit: int = 120) -> list[str]:
    """Every page reached from `start` by following links (breadth first), as this role: one
    per route (the first request of a list stands for the others)."""
    routes = app.url_map.bind("localhost")
    seen, endpoints, queue, pages = set(), set(), [start], []
    while queue and len(pages) < limit:
        path = queue.pop(0)
        try:
            endpoint = routes.match(path)[0]
        except Exception:  # noqa: BLE001 - not a route: the page will say 404, as to anybody
            endpoint = path
        if path in seen or endpoint in endpoints:
            continue
        seen.add(path)
        endpoints.add(endpoint)
        response = page.goto(base + path)
        if not response or response.status != 200 or "text/html" not in response.headers.get(
                "content-type", ""):
            continue
        pages.append(path)
        queue += [p for p in links(page, base) if p not in seen]
    return pages


def problems(page, path: str) -> list[str]:
    """At each width: the page wider than the viewport (with its widest element), cut buttons."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(SETTLED)
        seen = page.evaluate(MEASURE)
        if seen["page"] > seen["viewport"] + 1:
            found.append(f"{path} à {width} px : page de {seen['page']} px, "
                         f"élément le plus large : {seen['widest']}")
        if seen["cut"]:
            found.append(f"{path} à {width} px : boutons coupés {seen['cut']}")
    return found
