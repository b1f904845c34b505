// time.js: the time control: a slider over the dataset's dates, a date field, play, and "all dates".
var $ = RG.$, D = RG.data.raw, DATES = D.dates, RULE = D.snapshot.rule, WINDOW = D.snapshot.window;
var slider = $("date-slider"), dateField = $("as-of"), playButton = $("play"), known = $("known"), timer = null;
var message = $("as-of-message");
slider.max = Math.max(DATES.length - 1, 0);
slider.disabled = playButton.disabled = DATES.length === 0;
function setAsOf(day) { RG.set({asOf: day}); }

function refresh() {
  var day = RG.state.asOf, label = $("date-label");
  label.textContent = day ? "as of " + day + (RG.state.known ? ", as known then" : "") : "all dates";
  label.title = day ? "Relations in force under the \u201c" + RULE + "\u201d rule" +
    (WINDOW != null ? "; events within " + WINDOW + " days before" : "") : "";
  if (document.activeElement !== dateField || RG.dates.parse(dateField.value).day !== day) {
    dateField.value = day || "";
    say("", false);
  }
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
// the page ISO dates. A complete, real day applies as it is typed; a year or a month (its last day) when
// the entry is committed (Enter, or leaving the field); an empty field means all dates. What is wrong with
// an entry is said in words under it.
function say(text, isError) {
  message.textContent = text;
  message.className = isError ? "error" : "hint";
  if (isError) dateField.setAttribute("aria-invalid", "true"); else dateField.removeAttribute("aria-invalid");
}
function typed(committed) {
  var text = dateField.value.trim(), got = RG.dates.parse(text);
  if (got.error) {
    if (committed) say(got.error, true);
    return;
  }
  if (got.partial && !committed) { say("", false); return; }
  if (got.day !== RG.state.asOf) { stop(); setAsOf(got.day); }
  say(got.partial ? text + " means its last day, " + got.day + "." : "", false);
}
dateField.addEventListener("input", function () { typed(false); });
dateField.addEventListener("change", function () { typed(true); });
dateField.addEventListener("keydown", function (ev) { if (ev.key === "Enter") typed(true); });
$("all-dates").addEventListener("click", function () { stop(); setAsOf(null); });
known.addEventListener("change", function () { RG.set({known: known.checked}); });

refresh();
RG.onChange(refresh);
