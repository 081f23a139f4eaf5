// Toasts: dismissable, and gone after a few seconds. Without JavaScript they simply stay.
(function () {
  const TOAST_MS = 6000;

  function arm(root) {
    root.querySelectorAll("[data-toast]:not([data-armed])").forEach((toast) => {
      toast.dataset.armed = "1";
      setTimeout(() => toast.remove(), TOAST_MS);
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-dismiss]");
    if (button) button.closest("[data-toast]").remove();
  });
  document.addEventListener("DOMContentLoaded", () => arm(document));
  document.addEventListener("htmx:load", (event) => arm(event.detail.elt));
  document.addEventListener("htmx:oobAfterSwap", () => arm(document));

  // A failed htmx request (an error answer without the server's own toast, a network error, a
  // timeout) swaps nothing, so the page still shows how things were; say so, or the shopper
  // would think the click did nothing. hx-disabled-elt re-enables the controls by itself.
  const CART_FAILURE = "We couldn't update your cart — try again.";
  const OTHER_FAILURE = "Something went wrong — try again.";

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
    dismiss.setAttribute("aria-label", "Dismiss message");
    dismiss.textContent = "×";
    toast.append(message, dismiss);
    document.getElementById("messages").append(toast);
    arm(document);
  }

  function failed(event) {
    const path = event.detail.pathInfo.requestPath;
    showFailure(new URL(path, location.href).pathname.startsWith("/cart/") ? CART_FAILURE : OTHER_FAILURE);
  }

  document.addEventListener("htmx:responseError", (event) => {
    // 404 and 503 answers carry the server's own toast, already swapped in.
    if (!event.detail.xhr.responseText.includes("data-toast")) failed(event);
  });
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);
})();
