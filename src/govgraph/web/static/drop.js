// Drop a workbook anywhere on the drop zone: it goes into the file field and the form is sent.
(function () {
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("workbook");
  var form = document.getElementById("upload");
  if (!zone || !input || !form) { return; }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      document.getElementById("era").value = "";
      form.submit();
    }
  });
  input.addEventListener("change", function () { document.getElementById("era").value = ""; });
})();
