// The little JavaScript the shop has. Without it every page still works: toasts simply stay,
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

  // Keyboard users stay where they were. A cart line's controls are disabled while it is being
  // changed, which drops focus to the page; once the answer is in, focus goes back to the same
  // control in the new line, or, when the line is gone, to the toast's Undo or the next line.
  let changing = null;

  document.addEventListener("htmx:beforeRequest", (event) => {
    const line = event.detail.elt.closest("[data-cart-line]");
    if (!line) return;
    // The button that submitted the form, else the field or control that has focus.
    const submitter = event.detail.requestConfig.triggeringEvent?.submitter;
    const focused = submitter || document.activeElement;
    changing = {
      controlId: line.contains(focused) ? focused.id : "",
      nextLineId: line.nextElementSibling ? line.nextElementSibling.id : "",
      // Where the Undo of a removal shows: inside the mini-cart, or in the page's toasts.
      messages: line.closest("dialog") ? "#mini-cart-messages" : "#messages",
      form: event.detail.elt,
    };
  });

  // Fired once htmx has swapped the answer in and enabled the controls again, in the same task.
  document.addEventListener("htmx:afterRequest", (event) => {
    if (!changing) return;
    const { controlId, nextLineId, messages, form } = changing;
    changing = null;
    const status = event.detail.xhr.status;
    if (status >= 400 || status === 0) {
      // Refused, or never answered (network error, timeout: status 0): the field goes back to
      // what the cart really holds.
      const quantity = form.querySelector("input[name=quantity]");
      if (quantity) quantity.value = quantity.defaultValue;
    }
    if (!controlId) return;
    const nextLine = nextLineId && document.getElementById(nextLineId);
    const target =
      document.getElementById(controlId) ||
      document.querySelector(`${messages} [data-toast-action] button[type=submit]`) ||
      (nextLine && nextLine.querySelector("button, input")) ||
      document.getElementById("main");
    if (target && document.activeElement !== target) target.focus();
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

  // A failed htmx request (an error answer without the server's own toast, a network error, a
  // timeout) swaps nothing, so the page still shows how things were; say so, or the shopper
  // would think the click did nothing. hx-disabled-elt re-enables the controls by itself.
  // The words come from the page, in its language: data attributes of the toast region (partials/messages.html).
  const failureText = (name) => document.getElementById("messages").dataset[name];

  // The same look as an error toast from partials/messages.html.
  function showFailure(text) {
    const toast = document.createElement("div");
    toast.dataset.toast = "";
    toast.className =
      "pointer-events-auto flex w-full max-w-md items-center gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ring-1 bg-red-50 text-red-900 ring-red-200";
    const message = document.createElement("p");
    message.className = "flex-1";
    message.textContent = text;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.dataset.dismiss = "";
    dismiss.className = "rounded px-1 opacity-70 hover:opacity-100";
    dismiss.setAttribute("aria-label", failureText("dismissLabel"));
    dismiss.textContent = "×";
    toast.append(message, dismiss);
    document.getElementById("messages").append(toast);
    arm(document);
  }

  function failed(event) {
    const path = event.detail.pathInfo.requestPath;
    const inCart = new URL(path, location.href).pathname.startsWith("/cart/");
    showFailure(failureText(inCart ? "cartFailure" : "otherFailure"));
  }

  document.addEventListener("htmx:responseError", (event) => {
    // 404 and 503 answers carry the server's own toast, already swapped in.
    if (!event.detail.xhr.responseText.includes("data-toast")) failed(event);
  });
  document.addEventListener("htmx:sendError", failed);
  // Back or Forward to a page htmx could not get again (an error answer, no network): load it as a page.
  document.addEventListener("htmx:historyCacheMissLoadError", () => location.reload());
  document.addEventListener("htmx:timeout", failed);
})();
