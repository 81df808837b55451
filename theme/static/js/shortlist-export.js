/* The shortlist's exports, loaded by shortlist.js only when the visitor asks for one: a spreadsheet
 * (.xlsx, through xlsx.js) or a CSV (UTF-8 with BOM, formulas neutralised as in the open-data export).
 * `spec` comes from the page (its words are in the page's language); the rows, fetched from `spec.source`
 * only now, hold each enterprise's cells in the spec's column order. */
import { xlsx } from "./xlsx.js";

/* The table: the rows of `slugs` from `data` (slug -> cells in the spec's column order but the note's),
 * each with the buyer's note (`notes`: slug -> text) in the column `spec.note`, and the site-absolute page
 * addresses made absolute. */
export function rows(spec, data, slugs, origin, notes) {
  return slugs.filter(function (slug) { return Object.prototype.hasOwnProperty.call(data, slug); }).map(function (slug) {
    var cells = data[slug].slice();
    cells.splice(spec.note, 0, typeof notes[slug] === "string" ? notes[slug] : "");
    return cells.map(function (cell, index) {
      return spec.columns[index].type === "url" && typeof cell === "string" && cell.charAt(0) === "/" ? origin + cell : cell;
    });
  });
}

function csvCell(cell, spec) {
  var text;
  if (cell === null || cell === "") {
    text = "";
  } else if (typeof cell === "boolean") {
    text = spec.booleans[cell ? 1 : 0];
  } else if (typeof cell === "number") {
    text = String(cell).replace(".", spec.csv.decimal);
  } else {
    text = String(cell);
    if (/^[=+\-@\t\r]/.test(text) && !/^-?[0-9]+(\.[0-9]+)?$/.test(text)) {
      text = "'" + text;
    }
  }
  return '"' + text.replace(/"/g, '""') + '"';
}

export function csv(spec, table) {
  var header = spec.columns.map(function (column) { return column.header; });
  return "\ufeff" + [header].concat(table).map(function (row) {
    return row.map(function (cell) { return csvCell(cell, spec); }).join(spec.csv.separator);
  }).join("\r\n") + "\r\n";
}

/* The workbook: the list (header frozen, filters on), then what each column holds and the licence. */
export function workbook(spec, table) {
  var dates = table.map(function (row) {
    return row.filter(function (cell, index) { return spec.columns[index].type === "date" && cell; });
  }).reduce(function (all, some) { return all.concat(some); }, []).sort();
  return xlsx({
    title: spec.title,
    created: dates[dates.length - 1],
    sheets: [
      { name: spec.sheets[0], filter: true, columns: spec.columns, rows: table },
      { name: spec.sheets[1], columns: [{ header: spec.about[0], width: 32 }, { header: spec.about[1], width: 80, wrap: true }],
        rows: spec.columns.map(function (column) { return [column.header, column.description]; })
          .concat([["", ""]], spec.notes.map(function (note) {
            return [note[0], note[2] ? { text: note[1], link: note[2] } : note[1]];
          })) }
    ]
  });
}

/* Download `data` as a file named `name` (the matchmaking sheet uses it too). */
export function save(name, type, data) {
  var url = URL.createObjectURL(new Blob([data], { type: type }));
  var link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

/* Fetch the rows, then make and download the list of `slugs` with their `notes` in `format` ("xlsx" or
 * "csv"). */
export function download(format, spec, slugs, origin, notes) {
  return fetch(spec.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var table = rows(spec, data, slugs, origin, notes);
      if (format === "xlsx") {
        save(spec.names.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", workbook(spec, table));
      } else {
        save(spec.names.csv, "text/csv;charset=utf-8", csv(spec, table));
      }
    });
}
