// armsgraph web view: name pickers (suggestions from /api/names) and copy buttons. No framework, no CDN.
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function setupPicker(picker) {
    var input = picker.querySelector("input");
    var list = picker.querySelector(".suggestions");
    var kind = picker.getAttribute("data-kind") || "entity";
    var serial = 0;

    function close() { list.hidden = true; list.textContent = ""; }

    function show(items) {
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "suggestion";
        button.setAttribute("data-id", item.id);
        button.setAttribute("data-name", item.name);
        button.textContent = item.name;  // text, never HTML
        var id = document.createElement("span");
        id.className = "sid";
        id.textContent = item.label + " · " + item.id;
        button.appendChild(id);
        button.addEventListener("click", function () {
          // a picked name goes into the URL as the name (readable, resolved by the server); a name several
          // entities share goes as the id
          var same = items.filter(function (o) { return o.name === item.name; }).length;
          input.value = same > 1 ? item.id : item.name;
          close();
          input.focus();
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
    }

    var ask = debounce(function () {
      var text = input.value.trim();
      var mine = ++serial;
      if (!text) { close(); return; }
      fetch("/api/names?kind=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(text))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) { if (mine === serial) { show(items); } })
        .catch(function () { close(); });
    }, 150);

    input.addEventListener("input", ask);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { close(); }
      if (ev.key === "ArrowDown" && !list.hidden) {
        var first = list.querySelector("button");
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    document.addEventListener("click", function (ev) { if (!picker.contains(ev.target)) { close(); } });
  }

  function setupCopy(button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      var text = source.textContent;
      function done() { button.textContent = "copied"; setTimeout(function () { button.textContent = "copy for Neo4j Browser"; }, 1500); }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else { fallback(); }
      function fallback() {
        var area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        try { document.execCommand("copy"); done(); } finally { document.body.removeChild(area); }
      }
    });
  }

  document.querySelectorAll(".picker").forEach(setupPicker);
  document.querySelectorAll("button.copy").forEach(setupCopy);
})();
