// The saran take about a second to work out: the page asks for them once it has shown.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("saran");
  if (!box || !box.dataset.src) { return; }
  box.classList.add("loading");
  fetch(box.dataset.src, {credentials: "same-origin"})
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) { box.innerHTML = html; box.classList.remove("loading"); })
    .catch(function () { box.classList.remove("loading"); });
});
