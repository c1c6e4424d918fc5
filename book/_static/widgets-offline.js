// Loaded on pages with widgets, after require.js and before the widget renderer (embed-amd.js).
(function () {
  // The renderer and its fonts are served from the book's own _static/html-manager/, never from a CDN.
  var staticRoot = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": staticRoot + "html-manager" } });

  // The renderer typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue); the book serves
  // MathJax 3. Route those calls to MathJax 3 once it is ready, and hold any that come earlier.
  // The page has already configured MathJax (which elements to typeset): add to that configuration,
  // never replace it, or MathJax skips the page's maths.
  var waiting = [];
  window.MathJax = Object.assign(window.MathJax || {}, {
    Hub: { Queue: function (command) { waiting.push(command[2]); } },
    startup: {
      ready: function () {
        MathJax.startup.defaultReady();
        MathJax.Hub = { Queue: function (command) { MathJax.typesetPromise([command[2]]); } };
        MathJax.typesetPromise(waiting);
      },
    },
  });

  // What the renderer leaves out for readers of assistive technology: a name on each slider handle
  // (the control's description, and which end of a range it sets), a text alternative for the chart an
  // explorer draws, and no "null" tooltip on a description.
  var CHART_ALT = "Chart drawn by the explorer for the choices above; the static figure before it carries the same message.";
  function describe(root) {
    root.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])").forEach(function (handle) {
      var label = handle.closest(".widget-slider").querySelector(".widget-label");
      var name = (label && label.textContent.trim()) || "Slider";
      var ends = { "noUi-handle-lower": ", from", "noUi-handle-upper": ", to" };
      var range = handle.closest(".noUi-target").querySelectorAll(".noUi-handle").length > 1;
      var end = range ? Object.keys(ends).filter(function (c) { return handle.classList.contains(c); }) : [];
      handle.setAttribute("aria-label", name + (end.length ? ends[end[0]] : ""));
    });
    root.querySelectorAll(".jupyter-widgets img:not([alt])").forEach(function (image) {
      image.setAttribute("alt", CHART_ALT);
    });
    root.querySelectorAll('.widget-label[title="null"]').forEach(function (label) {
      label.removeAttribute("title");
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.setTimeout(function () { pending = false; describe(document); }, 0);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
