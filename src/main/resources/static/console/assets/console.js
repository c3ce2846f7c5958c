// Outbound console: charts fed by the live fragment, and the upload with a progress bar.
(function () {
  "use strict";
  var COLORS = {
    PENDING: "#f79009", DUPLICATE: "#98a2b3", INITIATED: "#2e90fa", CONNECTED: "#1849a9",
    COMPLETED: "#12b76a", FAILED: "#d92d20", CANCELED: "#6941c6", INVALID: "#f38744", SKIPPED: "#667085"
  };
  var charts = {};

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function draw() {
    var data = document.getElementById("live-data");
    if (!data || typeof Chart === "undefined") return;
    var d = JSON.parse(data.textContent);
    var status = document.getElementById("status-chart");
    if (status) {
      if (!charts.status) {
        charts.status = new Chart(status, {
          type: "doughnut",
          data: { labels: [], datasets: [{ data: [], backgroundColor: [] }] },
          options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: "right" } } }
        });
      }
      charts.status.data.labels = d.statuses;
      charts.status.data.datasets[0].data = d.counts;
      charts.status.data.datasets[0].backgroundColor = d.statuses.map(function (s) { return COLORS[s] || "#667085"; });
      charts.status.update();
    }
    var hours = document.getElementById("hours-chart");
    if (hours) {
      if (!charts.hours) {
        charts.hours = new Chart(hours, {
          type: "bar",
          data: { labels: [], datasets: [{ label: "Attempts", data: [], backgroundColor: "#1d4ed8" }] },
          options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } },
                     scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
        });
      }
      charts.hours.data.labels = d.hours;
      charts.hours.data.datasets[0].data = d.attempts;
      charts.hours.update();
    }
  }

  function upload(form) {
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar");
    var percent = document.getElementById("upload-percent");
    var outcome = document.getElementById("outcome");
    var button = form.querySelector('button[type="submit"]');
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    xhr.setRequestHeader("X-CSRF-Token", csrf());
    box.hidden = false;
    bar.value = 0;
    percent.textContent = "0%";
    button.disabled = true;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var p = Math.round((e.loaded / e.total) * 100);
        bar.value = p;
        bar.textContent = p + "%";
        percent.textContent = p + "%";
      }
    });
    xhr.addEventListener("load", function () {
      bar.value = 100;
      percent.textContent = xhr.status < 300 ? "100%, done" : "finished with problems";
      outcome.innerHTML = xhr.responseText;
      button.disabled = false;
      var focus = outcome.querySelector(".summary, .done h2");
      if (focus) { focus.setAttribute("tabindex", "-1"); focus.focus(); }
    });
    xhr.addEventListener("error", function () {
      percent.textContent = "failed: the connection was lost";
      button.disabled = false;
    });
    xhr.send(new FormData(form));
  }

  document.addEventListener("DOMContentLoaded", function () {
    draw();
    // The problem page's "Go back": a listener, since the Content-Security-Policy runs no javascript: URL.
    Array.prototype.forEach.call(document.querySelectorAll("[data-history-back]"), function (a) {
      a.addEventListener("click", function (e) { e.preventDefault(); history.back(); });
    });
    var form = document.getElementById("new-batch") || document.getElementById("suppression-upload");
    if (form) {
      form.addEventListener("submit", function (e) { e.preventDefault(); upload(form); });
    }
  });
  document.addEventListener("htmx:configRequest", function (e) { e.detail.headers["X-CSRF-Token"] = csrf(); });
  document.addEventListener("htmx:afterSwap", draw);
})();
