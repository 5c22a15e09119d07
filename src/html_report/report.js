// Grids are drawn from compact data attributes ("W,H,digits") into canvases when a task is opened.
(function () {
  var COLOURS = ["#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
                 "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25"];
  function draw(c) {
    if (c.dataset.drawn) return;
    var p = c.dataset.g.split(","), w = +p[0], h = +p[1], cells = p[2];
    var s = +c.dataset.s, ctx = c.getContext("2d");
    ctx.fillStyle = "#555555";
    ctx.fillRect(0, 0, c.width, c.height);
    for (var y = 0; y < h; y++) {
      for (var x = 0; x < w; x++) {
        ctx.fillStyle = COLOURS[+cells.charAt(y * w + x)] || "#ffffff";
        var gap = s >= 6 ? 1 : 0;
        ctx.fillRect(x * s, y * s, s - gap, s - gap);
      }
    }
    c.dataset.drawn = "1";
  }
  function drawIn(el) {
    var cs = el.querySelectorAll("canvas.g");
    for (var i = 0; i < cs.length; i++) draw(cs[i]);
  }
  var tasks = document.querySelectorAll("details.task");
  for (var i = 0; i < tasks.length; i++) {
    tasks[i].addEventListener("toggle", function (e) { if (e.target.open) drawIn(e.target); });
    if (tasks[i].open) drawIn(tasks[i]);
  }
  var state = { filter: "all", text: "" };
  function apply() {
    for (var i = 0; i < tasks.length; i++) {
      var t = tasks[i], st = t.dataset.status, show = true;
      if (state.filter === "solved") show = st === "solved";
      else if (state.filter === "unsolved") show = st !== "solved";
      else if (state.filter === "train-perfect") show = t.dataset.tp === "1";
      if (state.text && t.id.indexOf(state.text) < 0) show = false;
      t.style.display = show ? "" : "none";
    }
  }
  var buttons = document.querySelectorAll(".controls button");
  for (var j = 0; j < buttons.length; j++) {
    buttons[j].addEventListener("click", function (e) {
      for (var k = 0; k < buttons.length; k++) buttons[k].className = "";
      e.target.className = "on";
      state.filter = e.target.dataset.f;
      apply();
    });
  }
  var search = document.getElementById("search");
  if (search) search.addEventListener("input", function () { state.text = search.value.trim(); apply(); });
  var links = document.querySelectorAll("a.goto");
  for (var m = 0; m < links.length; m++) {
    links[m].addEventListener("click", function (e) {
      var d = document.getElementById(e.target.getAttribute("href").slice(1));
      if (d) { d.open = true; drawIn(d); }
    });
  }
})();
