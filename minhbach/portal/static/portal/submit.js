/* The submit form's helpers. The form works without them; they only make it easier, with no library and no outside
   service:
   - file rows: one empty row is shown at a time; "This file shows who I am" is ticked for a denunciation on the
     rows the sender has not touched;
   - proof of work: only while the page carries a challenge (many items are being sent), a Web Worker solves it while
     the citizen types, and the form is sent once it is solved. Texts come from the page, in its language. */
(function () {
  "use strict";
  var form = document.getElementById("submit-form");
  if (!form) return;
  var status = document.getElementById("submit-status");

  // --- file rows -------------------------------------------------------------------------------------------
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-file-row]"));
  function fileInput(row) { return row.querySelector("input[type=file]"); }
  function markBox(row) { return row.querySelector("input[type=checkbox]"); }
  function showRows() {
    var emptyShown = false;  // every row holding a file, and the first empty one
    rows.forEach(function (row) {
      var hasFile = fileInput(row).files && fileInput(row).files.length > 0;
      row.hidden = !hasFile && emptyShown;
      if (!hasFile) emptyShown = true;
    });
  }
  rows.forEach(function (row) {
    fileInput(row).addEventListener("change", showRows);
    markBox(row).addEventListener("change", function () { markBox(row).setAttribute("data-touched", "1"); });
  });
  showRows();
  Array.prototype.forEach.call(form.querySelectorAll("input[name=type]"), function (radio) {
    radio.addEventListener("change", function () {
      var denunciation = radio.checked && radio.value === "to_cao";
      rows.forEach(function (row) {
        if (!markBox(row).hasAttribute("data-touched")) markBox(row).checked = denunciation;
      });
    });
  });

  // --- proof of work ---------------------------------------------------------------------------------------
  var challengeInput = form.querySelector("input[name=pow_challenge]");
  var nonceInput = form.querySelector("input[name=pow_nonce]");
  var workerUrl = form.getAttribute("data-pow-worker");
  if (!challengeInput || !nonceInput || !workerUrl) return;
  var FRESH_MS = 12 * 60 * 1000;  // a challenge is valid 15 minutes: past 12, ask for a new one before sending
  var worker = null, solved = false, failed = false, sending = false, issuedAt = Date.now();

  function bitsOf(challenge) { return parseInt(challenge.split(".")[2], 10) || 0; }

  function fail() {
    sending = false;
    status.textContent = form.getAttribute("data-prepare-failed");
  }

  function send() {
    status.textContent = form.getAttribute("data-preparing");
    form.submit();  // not a "submit" event: this handler does not run again
  }

  function solve(challenge) {
    solved = false;
    failed = false;
    challengeInput.value = challenge;
    nonceInput.value = "";
    if (worker) worker.terminate();
    try {
      worker = new Worker(workerUrl);
    } catch (e) {
      failed = true;
      return;
    }
    worker.onmessage = function (event) {
      if (event.data.challenge !== challengeInput.value) return;
      nonceInput.value = event.data.nonce;
      solved = true;
      if (sending) send();
    };
    worker.onerror = function () {
      failed = true;
      if (sending) fail();
    };
    worker.postMessage({challenge: challenge, bits: bitsOf(challenge)});
  }

  function refresh() {
    fetch(form.getAttribute("data-pow-refresh"), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (answer) {
        issuedAt = Date.now();
        if (!answer.difficulty) {  // no longer needed: the server takes the item without a proof
          solved = true;
          send();
        } else {
          solve(answer.challenge);
        }
      })
      .catch(fail);
  }

  form.addEventListener("submit", function (event) {
    var fresh = Date.now() - issuedAt < FRESH_MS;
    if (solved && fresh) return;  // the proof is in the form: send it as usual
    event.preventDefault();
    if (sending) return;
    sending = true;
    status.textContent = form.getAttribute("data-preparing");
    if (!fresh) {
      refresh();
    } else if (failed) {  // try once more; the worker sends the form when it is done
      solve(challengeInput.value);
      if (failed) fail();
    }
    // else: the worker is still busy and sends the form when it is done
  });

  solve(challengeInput.value);
})();
