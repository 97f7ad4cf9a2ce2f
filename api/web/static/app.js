// dossier's pages work without this script; it only enhances them: the
// search form is submitted as soon as a filter box is ticked or the sort
// changes, and a document page gets previous/next match buttons.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("search");
  if (form) {
    form.addEventListener("change", function (e) {
      var t = e.target;
      if ((t.type === "checkbox" && t.closest(".facet")) || t.id === "sort") {
        var cursor = form.querySelector("input[name=cursor]");
        if (cursor) cursor.remove();
        form.submit();
      }
    });
  }
  var nav = document.getElementById("hitnav");
  if (nav) {
    var n = parseInt(nav.getAttribute("data-hits"), 10) || 0;
    var pos = document.getElementById("hit-pos");
    var i = 0;
    var m = /^#hit-(\d+)$/.exec(location.hash);
    if (m) i = parseInt(m[1], 10);
    var go = function (k) {
      if (k < 1) k = n;
      if (k > n) k = 1;
      var old = document.getElementById("hit-" + i);
      if (old) old.classList.remove("current");
      i = k;
      var el = document.getElementById("hit-" + k);
      if (!el) return;
      el.classList.add("current");
      el.scrollIntoView({ block: "center" });
      pos.textContent = "Match " + k + " of " + n;
      history.replaceState(null, "", "#hit-" + k);
    };
    document.getElementById("hit-prev").addEventListener("click", function () { go(i - 1); });
    document.getElementById("hit-next").addEventListener("click", function () { go(i + 1); });
    pos.textContent = n + (n === 1 ? " match" : " matches");
    nav.hidden = false;
  }
});
