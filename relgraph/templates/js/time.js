// time.js: the time control: a slider over the dataset's dates, a date field, play, and "all dates".
var $ = RG.$, D = RG.data.raw, DATES = D.dates, RULE = D.snapshot.rule, WINDOW = D.snapshot.window;
var slider = $("date-slider"), dateField = $("as-of"), playButton = $("play"), known = $("known"), timer = null;
slider.max = Math.max(DATES.length - 1, 0);
slider.disabled = playButton.disabled = DATES.length === 0;
function setAsOf(day) { RG.set({asOf: day}); }

function refresh() {
  var day = RG.state.asOf, label = $("date-label");
  label.textContent = day ? "as of " + day + (RG.state.known ? ", as known then" : "") : "all dates";
  label.title = day ? "Relations in force under the \u201c" + RULE + "\u201d rule" +
    (WINDOW != null ? "; events within " + WINDOW + " days before" : "") : "";
  dateField.value = day || "";
  dateField.removeAttribute("aria-invalid");
  var pos = 0;
  if (day) while (pos + 1 < DATES.length && DATES[pos + 1] <= day) pos++;
  slider.value = pos;
  slider.classList.toggle("inactive", !day);
  slider.setAttribute("aria-valuetext", day || "all dates");
  $("all-dates").disabled = !day;
  known.checked = RG.state.known;
  known.disabled = !day;
}

// Play takes at most about 120 steps, so a dataset with thousands of dates still plays in minutes.
var STRIDE = Math.max(1, Math.ceil(DATES.length / 120));
function step(fromStart) {
  var i = 0, day = fromStart ? null : RG.state.asOf;
  if (day) {
    while (i < DATES.length && DATES[i] <= day) i++;
    i = Math.min(i - 1 + STRIDE, DATES.length - 1);
  }
  setAsOf(DATES[i]);
  if (i === DATES.length - 1) stop();
}
function stop() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  playButton.textContent = "Play";
  playButton.setAttribute("aria-pressed", "false");
}
playButton.addEventListener("click", function () {
  if (timer !== null) { stop(); return; }
  playButton.textContent = "Pause";
  playButton.setAttribute("aria-pressed", "true");
  step(RG.state.asOf && RG.state.asOf >= DATES[DATES.length - 1]);  // at the end: replay from the start
  if (playButton.getAttribute("aria-pressed") === "true") timer = setInterval(function () { step(false); }, 900);
});
slider.addEventListener("input", function () { stop(); setAsOf(DATES[+slider.value]); });

// A text field, not <input type=date>: that shows the browser's locale format (mm/dd/yyyy), the rest of
// the page ISO dates. A complete, real date applies as it is typed; an empty field means all dates.
function isoDay(text) {
  var d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(text + "T00:00:00Z") : null;
  return d && !isNaN(d) && d.toISOString().slice(0, 10) === text ? text : null;
}
function typed(committed) {
  var text = dateField.value.trim(), day = isoDay(text);
  if (day || !text) {
    dateField.removeAttribute("aria-invalid");
    if (day !== RG.state.asOf) { stop(); setAsOf(day); }
  } else if (committed) {
    dateField.setAttribute("aria-invalid", "true");
  }
}
dateField.addEventListener("input", function () { typed(false); });
dateField.addEventListener("change", function () { typed(true); });
$("all-dates").addEventListener("click", function () { stop(); setAsOf(null); });
known.addEventListener("change", function () { RG.set({known: known.checked}); });

refresh();
RG.onChange(refresh);
