// Loaded on pages with widgets, after require.js and before the widget renderer (embed-amd.js).
(function () {
  // The renderer and its fonts are served from the book's own _static/html-manager/, never from a CDN.
  var staticRoot = document.currentScript.src.replace(/[^/]*$/, "");
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": staticRoot + "html-manager" } });

  // The renderer typesets widget labels with the MathJax 2 API (MathJax.Hub.Queue); the book serves
  // MathJax 3. Route those calls to MathJax 3 once it is ready, and hold any that come earlier.
  var waiting = [];
  window.MathJax = {
    Hub: { Queue: function (command) { waiting.push(command[2]); } },
    startup: {
      ready: function () {
        MathJax.startup.defaultReady();
        MathJax.Hub = { Queue: function (command) { MathJax.typesetPromise([command[2]]); } };
        MathJax.typesetPromise(waiting);
      },
    },
  };
})();
