// Small behaviours on top of htmx; no inline scripts so that a strict CSP holds.
document.addEventListener("htmx:afterSwap", function (event) {
  // Move keyboard focus to the first error of a swapped form, or to its heading.
  var target = event.detail.target;
  var error = target.querySelector(".fr-input-group--error input, .fr-select-group--error select, .fr-upload-group--error input, .fr-fieldset--error input");
  var focusable = error || target.querySelector("[data-focus-on-swap]");
  if (focusable) { focusable.focus(); }
});
