// reportgen's page: a little vanilla script — upload limits and busy buttons, the findings
// filter, and the progress of a running job. The pages work without it, only less kindly.
"use strict";

function megabytes(size) {
  const value = size / 1048576;
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

function guardUploads() {
  for (const form of document.querySelectorAll("form.upload")) {
    form.addEventListener("submit", (event) => {
      const limit = Number(form.dataset.maxBytes);
      let total = 0;
      for (const input of form.querySelectorAll("input[type=file]")) {
        for (const file of input.files) total += file.size;
      }
      const error = form.querySelector(".form-error");
      if (limit && total > limit) {
        event.preventDefault();
        // the server's own sentence (U-WEB-UPLOAD-SIZE), with this upload's size written in
        error.textContent = form.dataset.tooLarge.replace("{size}", megabytes(total));
        error.hidden = false;
        return;
      }
      error.hidden = true;
      const button = form.querySelector("button[type=submit]");
      if (button) {
        button.disabled = true;
        button.textContent = button.dataset.busy || "正在处理…";
      }
    });
  }
}

function showChosenFiles() {
  for (const zone of document.querySelectorAll("label.drop")) {
    const input = zone.querySelector("input[type=file]");
    const names = zone.querySelector(".drop-names");
    const update = () => {
      const files = [...input.files].map((f) => f.name);
      if (files.length) names.textContent = files.length > 3 ? `${files.length} 个文件：${files.join("、")}` : files.join("、");
      zone.classList.toggle("chosen", files.length > 0);
    };
    input.addEventListener("change", update);
    input.addEventListener("dragenter", () => zone.classList.add("over"));
    for (const end of ["dragleave", "drop"]) input.addEventListener(end, () => zone.classList.remove("over"));
    update();
  }
}

function filterFindings() {
  const table = document.getElementById("findings");
  if (!table) return;
  const boxes = document.querySelectorAll("#filters input[type=checkbox]");
  const text = document.getElementById("filter-text");
  const count = document.getElementById("filter-count");
  const rows = table.tBodies[0].rows;
  const apply = () => {
    const levels = new Set([...boxes].filter((b) => b.checked).map((b) => b.value));
    const words = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const content = row.textContent.toLowerCase();
      const visible = levels.has(row.dataset.level) && words.every((w) => content.includes(w));
      row.hidden = !visible;
      if (visible) shown += 1;
    }
    count.textContent = shown === rows.length ? `共 ${rows.length} 条` : `显示 ${shown} / ${rows.length} 条`;
  };
  boxes.forEach((b) => b.addEventListener("change", apply));
  text.addEventListener("input", apply);
}

function followProgress() {
  const panel = document.getElementById("progress");
  if (!panel) return;
  const fill = panel.querySelector(".bar-fill");
  const steps = panel.querySelectorAll(".steps li");
  const seconds = panel.querySelector(".seconds");
  const show = (status) => {
    steps.forEach((li, n) => {
      li.className = n < status.step ? "done" : n === status.step ? "now" : "";
    });
    fill.style.width = `${Math.max(5, ((status.step + 0.5) / Math.max(1, steps.length)) * 100)}%`;
    seconds.textContent = status.seconds;
  };
  const poll = async () => {
    try {
      const answer = await fetch(panel.dataset.status, { cache: "no-store" });
      const status = await answer.json();
      if (status.state !== "running") {
        window.location.reload();
        return;
      }
      show(status);
    } catch (error) {
      // the server is busy or restarting: try again on the next tick
    }
    window.setTimeout(poll, 700);
  };
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  guardUploads();
  showChosenFiles();
  filterFindings();
  followProgress();
});
