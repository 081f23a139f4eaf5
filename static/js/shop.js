// What htmx does not do for the shop. Without JavaScript every page still works: toasts simply stay,
// and forms post and come back.
(function () {
  const TOAST_MS = 6000;

  // Toasts leave after a while, but not while the pointer or the keyboard is on them;
  // a toast that offers an action (Undo) stays until it is used or dismissed.
  function arm(root) {
    root.querySelectorAll("[data-toast]:not([data-armed])").forEach((toast) => {
      toast.dataset.armed = "1";
      if (toast.hasAttribute("data-toast-action")) return;
      let timer = setTimeout(() => toast.remove(), TOAST_MS);
      const pause = () => clearTimeout(timer);
      const resume = () => {
        if (toast.matches(":hover, :focus-within")) return;
        clearTimeout(timer);
        timer = setTimeout(() => toast.remove(), TOAST_MS);
      };
      toast.addEventListener("mouseenter", pause);
      toast.addEventListener("focusin", pause);
      toast.addEventListener("mouseleave", resume);
      toast.addEventListener("focusout", resume);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-dismiss]");
    if (button) button.closest("[data-toast]").remove();
  });
  document.addEventListener("DOMContentLoaded", () => arm(document));
  document.addEventListener("htmx:load", (event) => arm(event.detail.elt));
  document.addEventListener("htmx:oobAfterSwap", () => arm(document));

  // The header and the toasts under it stick to the top together (styles.css): their height is the scroll padding, so
  // focus scrolls a control below them; a focused control that a new toast pushed off the screen is brought back.
  const pageTop = new ResizeObserver(([entry]) => {
    document.documentElement.style.setProperty("--page-top", `${Math.ceil(entry.target.offsetHeight)}px`);
    const focused = document.activeElement;
    if (focused && focused !== document.body && !entry.target.contains(focused)) {
      focused.scrollIntoView({ block: "nearest" });
    }
  });
  document.addEventListener("DOMContentLoaded", () => pageTop.observe(document.querySelector(".page-top")));

  // htmx puts focus back on the control that had it when the answer replaces it (same id). A removed line
  // leaves no such control: focus goes to the Undo of its toast, else to the next line, else to the content.
  let leaving = null;

  document.addEventListener("htmx:beforeRequest", (event) => {
    const line = event.detail.elt.closest("[data-cart-line]");
    leaving = line && line.contains(document.activeElement)
      ? {
          nextLineId: line.nextElementSibling ? line.nextElementSibling.id : "",
          // Where the Undo of a removal shows: inside the mini-cart, or in the page's toasts.
          messages: line.closest("dialog") ? "#mini-cart-messages" : "#messages",
        }
      : null;
  });

  // Fired once htmx has swapped the answer in (and restored focus), in the same task.
  document.addEventListener("htmx:afterRequest", (event) => {
    const status = event.detail.xhr.status;
    if (status >= 400 || status === 0) {
      // Refused, or never answered (network error, timeout: status 0): a typed quantity goes back to
      // what the cart really holds.
      const quantity = event.detail.elt.querySelector("input[name=quantity]");
      if (quantity) quantity.value = quantity.defaultValue;
    }
    if (!leaving) return;
    const { nextLineId, messages } = leaving;
    leaving = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const nextLine = nextLineId && document.getElementById(nextLineId);
    const target =
      document.querySelector(`${messages} [data-toast-action] button[type=submit]`) ||
      (nextLine && nextLine.querySelector("button, input")) ||
      document.getElementById("main");
    target.focus();
  });

  // The mini-cart: the header's cart link opens it as a modal dialog (focus stays inside, Escape
  // closes it, focus returns to the link) and loads its content. A modifier click still opens the page.
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-mini-cart-url]");
    const dialog = document.getElementById("mini-cart");
    if (!link || !dialog || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    document.getElementById("mini-cart-body").replaceChildren();
    dialog.showModal();
    htmx.ajax("GET", link.dataset.miniCartUrl, { target: "#mini-cart-body", swap: "innerHTML" }).then(() => {
      const first = dialog.querySelector("#mini-cart-body a, #mini-cart-body button");
      if (first && dialog.open) first.focus();
    });
  });

  document.addEventListener("click", (event) => {
    const close = event.target.closest("[data-close-dialog]");
    if (close) close.closest("dialog").close();
    // A click on the backdrop lands on the dialog element itself.
    if (event.target.matches("dialog[open]")) event.target.close();
  });

  // The category bar scrolls sideways on narrow screens: its edge fades while more pills are
  // hidden, and the current category starts in view.
  function hintScroll(bar) {
    // Right to left, scrollLeft runs from 0 at the start down to negative numbers.
    const more = Math.abs(bar.scrollLeft) + bar.clientWidth < bar.scrollWidth - 1;
    bar.dataset.scrollHint = more ? "more" : "";
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-scroll-hint]").forEach((bar) => {
      const current = bar.querySelector("[aria-current=page]");
      if (current) current.scrollIntoView({ block: "nearest", inline: "center" });
      hintScroll(bar);
      bar.addEventListener("scroll", () => hintScroll(bar), { passive: true });
      window.addEventListener("resize", () => hintScroll(bar));
    });
  });

  // A failed htmx request (an error answer without a toast of the server's own, a network error, a
  // timeout) swaps nothing, so the page still shows how things were; say so, or the shopper would think
  // the click did nothing. The toast is the page's own (base.html), in its language; what failed may name
  // its own words (data-failure-message on the element or one around it).
  function showFailure(elt) {
    const toast = document.getElementById("failure-toast").content.firstElementChild.cloneNode(true);
    const message = elt.closest("[data-failure-message]");
    if (message) toast.querySelector("[data-toast-text]").textContent = message.dataset.failureMessage;
    document.getElementById("messages").append(toast);
    arm(document);
  }

  // The server names the toast it sent along with an error answer (HX-Trigger: {"toast": …}, web.http).
  function answeredWithToast(xhr) {
    const triggers = xhr.getResponseHeader("HX-Trigger");
    return Boolean(triggers) && "toast" in JSON.parse(triggers);
  }

  document.addEventListener("htmx:responseError", (event) => {
    if (!answeredWithToast(event.detail.xhr)) showFailure(event.detail.elt);
  });
  document.addEventListener("htmx:sendError", (event) => showFailure(event.detail.elt));
  // Back or Forward to a page htmx could not get again (an error answer, no network): load it as a page.
  document.addEventListener("htmx:historyCacheMissLoadError", () => location.reload());
  document.addEventListener("htmx:timeout", (event) => showFailure(event.detail.elt));
})();
