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
})();
