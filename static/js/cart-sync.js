// The same cart in every tab and device (README, "The same cart everywhere").
//
// The header's cart count says which shopper's cart, at which version, the page shows
// (data-cart-shopper, data-cart-version; cart changes swap it out of band). A page that learns of a
// newer version fetches the cart again (cart:refresh: the badge, and the cart page's lines and totals
// or the open mini-cart, all out of band). The news comes from
//   - the other tabs of this browser, told after every change (BroadcastChannel);
//   - the server, while the page is shown, of changes made on other devices (Server-Sent Events);
//   - a check when the page comes back (shown again, back from the back-forward cache, focused).
// Without JavaScript none of this runs: every page is fetched fresh.
(function () {
  const CHANNEL = "corner-store-cart";
  const LOGGED_OUT = "cart-sync:logged-out";
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;

  const cartLink = () => document.querySelector("a[data-cart-refresh-url]");
  const count = () => document.getElementById("cart-count");

  // The version the page shows, or null where no shopper is logged in.
  function shownVersion() {
    const element = count();
    return element && element.dataset.cartVersion !== undefined ? Number(element.dataset.cartVersion) : null;
  }

  // Every htmx request says which version the page shows: a change made from a page that is
  // behind is answered with the whole cart, so lines, badge and totals agree (cart/views.py).
  document.addEventListener("htmx:configRequest", (event) => {
    const version = shownVersion();
    if (version !== null) event.detail.headers["X-Cart-Version"] = String(version);
  });

  // A refresh says which version it shows: one that took longer than a change made meanwhile from
  // this page is older than what the page shows by then, and is dropped.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const answered = event.detail.xhr.getResponseHeader("X-Cart-Version");
    const shown = shownVersion();
    if (answered !== null && shown !== null && Number(answered) < shown) event.preventDefault();
  });

  // Fetch the cart again; one request at a time, and once more if news came in meanwhile.
  let refreshing = false;
  let wanted = 0;
  function refresh(version) {
    wanted = Math.max(wanted, version || 0);
    const link = cartLink();
    if (refreshing || !link) return;
    refreshing = true;
    const dialog = document.getElementById("mini-cart");
    const values = dialog && dialog.open ? { mini: "open" } : {};
    htmx
      .ajax("GET", link.dataset.cartRefreshUrl, { swap: "none", values })
      .catch(() => {})
      .finally(() => {
        refreshing = false;
        const shown = shownVersion();
        const again = shown !== null && shown < wanted;
        wanted = 0;
        if (again) refresh();
      });
  }

  // A tab in the background fetches nothing: it catches up when it is shown again.
  let behindWhileHidden = false;
  function learnedOf(version) {
    const shown = shownVersion();
    if (shown === null || version <= shown) return;
    if (document.hidden) {
      behindWhileHidden = true;
      return;
    }
    refresh(version);
  }

  // Tell this browser's other tabs whenever the version shown here moves on (after this tab's
  // own change, or after catching up: a tab already there ignores it). The badge goes with the news:
  // a tab in the same language that shows nothing else of the cart takes it as it is, with no request.
  let told = shownVersion();
  document.addEventListener("htmx:afterRequest", () => {
    const version = shownVersion();
    if (channel && version !== null && (told === null || version > told)) {
      const element = count();
      channel.postMessage({
        type: "version",
        shopper: element.dataset.cartShopper,
        version,
        language: document.documentElement.lang,
        badge: element.outerHTML,
      });
    }
    told = version;
  });

  // The cart's lines are on screen: the cart page, or the mini-cart open.
  function showsLines() {
    const link = cartLink();
    const dialog = document.getElementById("mini-cart");
    return (link && link.pathname === location.pathname) || (dialog && dialog.open);
  }

  function takeBadge(news) {
    const shown = shownVersion();
    if (shown === null || news.version <= shown) return;
    count().outerHTML = news.badge;
    told = news.version;
  }

  if (channel) {
    channel.addEventListener("message", (event) => {
      const news = event.data || {};
      const element = count();
      if (news.type === "logged-out") {
        // This shopper logged out in another tab: what this page shows of their cart goes.
        if (element && element.dataset.cartShopper !== undefined) location.reload();
      } else if (news.type === "version" && element && element.dataset.cartShopper === news.shopper) {
        if (news.language === document.documentElement.lang && !showsLines()) takeBadge(news);
        else learnedOf(news.version);
      }
    });
  }

  // Logging out: remembered in this tab on submit; the page it lands on, logged out, tells the others.
  document.addEventListener("submit", (event) => {
    if (event.target.matches("form[data-logout]")) sessionStorage.setItem(LOGGED_OUT, "1");
  });
  document.addEventListener("DOMContentLoaded", () => {
    if (!sessionStorage.getItem(LOGGED_OUT)) return;
    sessionStorage.removeItem(LOGGED_OUT);
    if (shownVersion() === null && channel) channel.postMessage({ type: "logged-out" });
  });

  // A page that comes back asks whether the cart moved on: 304 when it did not.
  let checking = false;
  async function check() {
    const link = cartLink();
    const element = count();
    const version = shownVersion();
    if (!link || version === null || checking) return;
    if (behindWhileHidden) {
      behindWhileHidden = false;
      refresh(version + 1);
      return;
    }
    checking = true;
    try {
      const response = await fetch(link.dataset.cartVersionUrl, {
        headers: { "If-None-Match": `"${element.dataset.cartShopper}.${version}"` },
        cache: "no-store",
        credentials: "same-origin",
      });
      if (response.status === 403) {
        location.reload(); // logged out meanwhile
      } else if (response.ok) {
        const current = await response.json();
        if (String(current.shopper) !== element.dataset.cartShopper) location.reload();
        else if (current.version !== version) refresh(current.version);
      }
    } catch {
      // Offline: the next time the page comes back asks again.
    } finally {
      checking = false;
    }
  }
  // Other devices: the server tells a page shown on screen of each new version at once (Server-Sent
  // Events, where the shop offers them: data-cart-events-url). Closed while the tab is in the background;
  // reopened with the version shown, so what happened meanwhile comes first. After a failure, tried
  // again later and later (1 s, 2 s, 4 s … a minute).
  let source = null;
  let failures = 0;
  let retry = null;
  function listen() {
    const link = cartLink();
    const version = shownVersion();
    if (source || retry || document.hidden || !link || !link.dataset.cartEventsUrl || version === null) return;
    if (!("EventSource" in window)) return;
    source = new EventSource(`${link.dataset.cartEventsUrl}?version=${version}`);
    source.addEventListener("open", () => {
      failures = 0;
    });
    source.addEventListener("version", (event) => learnedOf(Number(event.data)));
    source.addEventListener("error", () => {
      stopListening();
      const delay = Math.min(60_000, 1_000 * 2 ** failures) * (0.5 + Math.random() / 2);
      failures += 1;
      retry = setTimeout(() => {
        retry = null;
        listen();
      }, delay);
    });
  }
  function stopListening() {
    if (source) source.close();
    source = null;
  }
  document.addEventListener("DOMContentLoaded", listen);
  window.addEventListener("pagehide", stopListening);

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      stopListening();
    } else {
      check();
      listen();
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    check();
    listen();
  });
  window.addEventListener("focus", check);
})();
