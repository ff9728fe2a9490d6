// Small behaviours on top of htmx and the DSFR; no inline scripts, so a strict CSP holds.
(function () {
  // After a swap, move keyboard focus to the first field in error, else to the swapped heading
  // (or image: [data-focus-on-swap]; first, if it is an answer: [data-focus-answer]). Once settled: htmx gives an element kept by its id its new
  // classes (…--error) only then. The event fires on each element swapped in: for an outerHTML
  // swap that is the new element, while detail.target is the old one, out of the page.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target && event.target.isConnected ? event.target : event.detail.target;
    if (!target || !target.querySelector) { return; }
    var error = target.querySelector(
      "[aria-invalid='true'], .fr-fieldset--error input:not([type=hidden]), " +
      ".fr-upload-group--error input:not([type=hidden])");
    var heading = target.querySelector("[data-focus-on-swap]");
    var active = document.activeElement;
    // An answer that says why a file is refused ([data-focus-answer]) is read first; the field
    // in error follows it.
    if (heading && heading.hasAttribute("data-focus-answer")) { error = null; active = document.body; }
    if (error && (!active || active === document.body || !target.contains(active))) { error.focus(); }
    else if (heading && (!active || active === document.body)) { heading.focus(); }
  });

  // A page loaded after an action (a redirect with its flashed message: « … est « Décidée » »):
  // focus goes to that message, which says what the action did, rather than to the page's top.
  document.addEventListener("DOMContentLoaded", function () {
    var notice = document.querySelector("#messages .fr-alert[tabindex='-1']");
    var active = document.activeElement;
    if (notice && (!active || active === document.body)) { notice.focus(); }
  });

  // A field's messages, rewritten out of band with a table's results (its filters are not
  // swapped, not to lose what is being typed): the field and its group take the state they say.
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    var group = event.target;
    if (!group || !group.id || !/-messages$/.test(group.id)) { return; }
    var error = !!group.querySelector(".fr-message--error");
    document.querySelectorAll("[aria-describedby~='" + group.id + "']").forEach(function (field) {
      if (error) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
      if (field.classList.contains("fr-input")) { field.classList.toggle("fr-input--error", error); }
    });
    var box = group.closest(".fr-fieldset, .fr-input-group");
    if (box) { box.classList.toggle(box.classList.contains("fr-fieldset") ? "fr-fieldset--error" : "fr-input-group--error", error); }
  });

  // A table wider than its frame scrolls there: the frame then takes the keyboard (Tab, then the
  // arrows scroll it) and names itself after the table's caption; a table that fits adds no stop.
  function markScrollingTables(root) {
    (root || document).querySelectorAll(".fr-table__container").forEach(function (frame) {
      if (frame.scrollWidth > frame.clientWidth + 1) {
        var caption = frame.querySelector("caption");
        frame.setAttribute("tabindex", "0");
        frame.setAttribute("role", "region");
        frame.setAttribute("aria-label", (caption ? caption.textContent.trim() + " : " : "") + "tableau défilant");
      } else if (frame.getAttribute("role") === "region") {
        frame.removeAttribute("tabindex");
        frame.removeAttribute("role");
        frame.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { markScrollingTables(); });
  document.addEventListener("htmx:afterSettle", function () { markScrollingTables(); });
  document.addEventListener("dsfr.disclose", function () { markScrollingTables(); }, true);
  window.addEventListener("resize", function () { window.requestAnimationFrame(function () { markScrollingTables(); }); });

  // htmx does not swap an error answer: show its French alert in the live region #messages
  // (or a generic one when the server could not be reached).
  function showError(html) {
    var messages = document.getElementById("messages");
    if (messages) { messages.innerHTML = html; messages.scrollIntoView({block: "nearest"}); }
  }
  document.addEventListener("htmx:responseError", function (event) {
    var text = event.detail.xhr && event.detail.xhr.responseText;
    if (text && text.indexOf("data-portal-error") !== -1) { showError(text); }
    else { showError('<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w"><p>Une erreur est survenue : rechargez la page et recommencez.</p></div>'); }
  });
  document.addEventListener("htmx:sendError", function () {
    showError('<div class="fr-alert fr-alert--error fr-alert--sm fr-mb-3w"><p>Le portail ne répond pas : vérifiez votre connexion et recommencez.</p></div>');
  });

  // Kept as one types (components/autosave.html, #brouillon): once the form is sent, a save
  // still waiting for its second must not store the values again after the send cleared them;
  // the next drawing of the form (errors to correct, the wizard's next step) saves again.
  function autosaveLine(elt) {
    var line = document.getElementById("brouillon");
    var scope = line && document.querySelector(line.getAttribute("hx-include"));
    return scope && elt && elt !== line && scope.contains(elt) ? line : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.id === "brouillon" && elt.dataset.sent) { event.preventDefault(); return; }
    var line = elt && elt.tagName === "FORM" && autosaveLine(elt);
    if (line) { line.dataset.sent = "oui"; }
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var line = autosaveLine(event.detail.target);
    if (line) { delete line.dataset.sent; }
  });

  // Upload progress, shown in the <progress> of the upload group.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var group = event.target.closest && event.target.closest(".fr-upload-group");
    var bar = group && group.querySelector("progress");
    if (bar && event.detail.lengthComputable) {
      bar.hidden = false;
      bar.value = Math.round(event.detail.loaded / event.detail.total * 100);
    }
  });

  // A submit button that opens a DSFR confirmation modal (aria-controls): with JavaScript the
  // modal asks first and its own button sends the form; without it the form is sent at once.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[type=submit][aria-controls]");
    var dialog = button && document.getElementById(button.getAttribute("aria-controls"));
    if (dialog && window.dsfr && dialog.classList.contains("fr-modal")) { event.preventDefault(); }
  });

  // A queue's row chosen for a grouped action belongs to another form (form="lot") than the
  // filters' form it is drawn in: its input must not reach the filters, which would reload the
  // results (and lose the choice).
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.form && field.closest && field.closest("form") !== field.form) { event.stopPropagation(); }
  }, true);

  // Dialogs that must open when the page opens (confirmation of a submitted request).
  function openOnLoad() {
    document.querySelectorAll("dialog[data-open-on-load]").forEach(function (dialog) {
      if (window.dsfr) { window.dsfr(dialog).modal.disclose(); }
    });
  }
  if (window.dsfr && window.dsfr.start) { window.addEventListener("dsfr.start", openOnLoad); }
  document.addEventListener("DOMContentLoaded", function () { setTimeout(openOnLoad, 300); });
  // The header's search (components/header_search.html): the arrows go from the field to its
  // results and between them, Escape back to the field.
  document.addEventListener("keydown", function (event) {
    var box = event.target.closest && event.target.closest(".portal-search");
    if (!box || ["ArrowDown", "ArrowUp", "Escape"].indexOf(event.key) === -1) { return; }
    var field = box.querySelector("input[type=search]");
    var links = Array.prototype.slice.call(box.querySelectorAll(".portal-search-results a"));
    var index = links.indexOf(event.target);
    if (event.key === "Escape" && index !== -1) { field.focus(); event.preventDefault(); return; }
    if (!links.length || event.key === "Escape") { return; }
    var next = event.key === "ArrowDown" ? index + 1 : index - 1;
    if (next < 0) { field.focus(); } else { links[Math.min(next, links.length - 1)].focus(); }
    event.preventDefault();
  });
})();
