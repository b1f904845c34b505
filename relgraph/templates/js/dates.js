// dates.js: a date typed by the reader, YYYY, YYYY-MM or YYYY-MM-DD, as the day it means for "as of" (the
// last day of a year or month), or what is wrong with it, in words.
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"];
var FORMS = "Write a date as YYYY-MM-DD (2024-11-25), YYYY-MM (2024-11) or YYYY (2024).";

function pad(n) { return (n < 10 ? "0" : "") + n; }
function daysIn(year, month) { return new Date(Date.UTC(year, month, 0)).getUTCDate(); }

// {day: "YYYY-MM-DD" or null (empty: all dates), partial: bool} or {error: "what is wrong"}.
function parse(text) {
  var t = String(text || "").trim(), m;
  if (!t) return {day: null, partial: false};
  if ((m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(t)) === null) {
    if (/^\d{1,3}(-|$)/.test(t)) return {error: "Write the year with four digits, e.g. 2024. " + FORMS};
    if (/^\d{1,2}[./-]\d{1,2}[./-]\d{4}$/.test(t)) return {error: "Write the year first: YYYY-MM-DD, e.g. 2024-11-25."};
    return {error: FORMS};
  }
  var year = +m[1];
  if (m[2] === undefined) return {day: year + "-12-31", partial: true};
  if (m[2].length !== 2) return {error: "Write the month with two digits: " + year + "-" + pad(+m[2]) + "."};
  var month = +m[2];
  if (month < 1 || month > 12) return {error: "There is no month " + m[2] + ": months go from 01 to 12."};
  var last = daysIn(year, month);
  if (m[3] === undefined) return {day: year + "-" + m[2] + "-" + pad(last), partial: true};
  if (m[3].length !== 2) return {error: "Write the day with two digits: " + year + "-" + m[2] + "-" + pad(+m[3]) + "."};
  var dayOf = +m[3];
  if (dayOf < 1) return {error: "There is no day 00: days start at 01."};
  if (dayOf > last) return {error: MONTHS[month - 1] + " " + year + " has " + last + " days."};
  return {day: t, partial: false};
}

RG.dates = {parse: parse};
