// dossier's pages work without this script; it only submits the search
// form as soon as a filter box is ticked or the sort changes.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("search");
  if (!form) return;
  form.addEventListener("change", function (e) {
    var t = e.target;
    if ((t.type === "checkbox" && t.closest(".facet")) || t.id === "sort") {
      var cursor = form.querySelector("input[name=cursor]");
      if (cursor) cursor.remove();
      form.submit();
    }
  });
});
