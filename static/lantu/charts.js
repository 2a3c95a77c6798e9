/* Lantu charts: render every [data-chart] element with the global `echarts` (served locally).
 *
 * <div id="x" data-chart="x-options"></div><script type="application/json" id="x-options">{…}</script>
 * Option strings "fn:NAME" in a `formatter` are replaced by the functions below (JSON has none).
 * A top-level "link" (e.g. "/indicators/?status={key}") makes a click on a data item with a `key`
 * open that address. A top-level "map": {"name", "url"} fetches a GeoJSON of this site and registers it
 * under that name before the option is set (the project map). Charts are (re)initialised on load and
 * after htmx swaps, resized with the window and before printing.
 */
(function () {
  "use strict";

  var lang = document.documentElement.lang || undefined;

  function number(value) {
    var n = Number(value);
    if (!isFinite(n)) return String(value);
    return n.toLocaleString(lang, { maximumFractionDigits: 2 });
  }

  var FORMATTERS = {
    year: function (value) { return String(Math.round(value)); },
    number: function (value) { return number(value); },
    point: function (p) {
      var v = Array.isArray(p.value) ? p.value[1] : p.value;
      return p.marker + p.seriesName + "<br>" + (p.name ? p.name + ": " : "") + "<b>" + number(v) + "</b>";
    },
    place: function (p) {
      return p.seriesType === "scatter" ? p.marker + escapeHtml(p.name) + "<br>" + escapeHtml(p.seriesName) : escapeHtml(p.name);
    },
  };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  var maps = {};  // name -> promise of its registration

  function withMap(spec, then) {
    if (!spec) return then();
    if (!maps[spec.name]) {
      maps[spec.name] = fetch(spec.url, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (geojson) { window.echarts.registerMap(spec.name, geojson); });
    }
    maps[spec.name].then(then, function () { delete maps[spec.name]; then(false); });
  }

  function withFunctions(node) {
    if (Array.isArray(node)) return node.map(withFunctions);
    if (node && typeof node === "object") {
      var out = {};
      Object.keys(node).forEach(function (key) {
        var value = node[key];
        if (key === "formatter" && typeof value === "string" && value.indexOf("fn:") === 0) {
          out[key] = FORMATTERS[value.slice(3)] || undefined;
        } else {
          out[key] = withFunctions(value);
        }
      });
      return out;
    }
    return node;
  }

  // Canvas text needs a real font list ("inherit" would fall back to 10px sans-serif).
  function base() {
    var font = window.getComputedStyle(document.body).fontFamily || "sans-serif";
    return { textStyle: { fontFamily: font, fontSize: 12 }, animationDuration: 400 };
  }

  function render(root, onlyNew) {
    if (typeof window.echarts === "undefined") return;
    var scope = root && root.querySelectorAll ? root : document;
    var elements = Array.prototype.slice.call(scope.querySelectorAll("[data-chart]"));
    if (scope.matches && scope.matches("[data-chart]")) elements.push(scope);
    elements.forEach(function (el) {
      if (onlyNew && el.hasAttribute("data-chart-ready")) return;
      var source = document.getElementById(el.getAttribute("data-chart"));
      if (!source) return;
      var option;
      try {
        option = withFunctions(JSON.parse(source.textContent));
      } catch (err) {
        el.textContent = "Chart data could not be read.";
        return;
      }
      var chart = window.echarts.getInstanceByDom(el) || window.echarts.init(el, null, { renderer: "canvas" });
      var link = option.link;
      var spec = option.map;
      delete option.link;
      delete option.map;
      withMap(spec, function (loaded) {
        if (loaded === false) {
          el.textContent = el.getAttribute("data-map-error") || "The map could not be loaded.";
          return;
        }
        chart.setOption(Object.assign(base(), option), true);
        chart.off("click");
        if (link) {
          chart.on("click", function (params) {
            var key = params.data && params.data.key;
            if (key) window.location.href = link.replace("{key}", encodeURIComponent(key));
          });
        }
        el.setAttribute("data-chart-ready", "1");
      });
    });
  }

  function resizeAll() {
    if (typeof window.echarts === "undefined") return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  }

  function disposeIn(root) {
    if (typeof window.echarts === "undefined" || !root || !root.querySelectorAll) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = window.echarts.getInstanceByDom(el);
      if (chart) chart.dispose();
    });
  }

  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(resizeAll, 120);
  });
  // Printing lays the page out anew (print.css): draw each chart at its printed size first, and
  // back at the screen's afterwards, so that none is cut off or left at the screen's width.
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
  if (window.matchMedia) {
    var printing = window.matchMedia("print");
    if (printing.addEventListener) printing.addEventListener("change", resizeAll);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { render(document); });
  } else {
    render(document);
  }
  document.addEventListener("htmx:beforeSwap", function (event) { disposeIn(event.detail.target); });
  // After a swap the swapped-in elements are new: render those, leave the others alone.
  document.addEventListener("htmx:afterSettle", function () { render(document, true); });

  window.lantuCharts = { render: render, resize: resizeAll };
})();
