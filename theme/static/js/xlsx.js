/* A minimal spreadsheet (.xlsx, Office Open XML) writer for the browser, shared by the site's exports.
 * No library: the few parts a spreadsheet needs, in an uncompressed ("stored") zip. Under a strict CSP
 * (no eval). Every text cell is an inline string, so nothing in it can become a formula.
 *
 * xlsx({created: "YYYY-MM-DD", sheets: [sheet, ...]}) -> Uint8Array, where a sheet is
 *   {name, filter: true|false, columns: [{header, width, type}], rows: [[cell, ...], ...]}
 * and a column type is "text" (default), "number", "date" ("YYYY-MM-DD" text), "boolean", "url" (the text
 * is the link) or "email" (a mailto: link). A cell may also be {text, link}. Empty cells are null or "".
 * Links stop at Excel's 65,530 per sheet: whole link columns are kept, first ones first. */

var LINK_LIMIT = 65530;
var URL_LIMIT = 2000;
var TEXT_LIMIT = 32767;
var STYLE = { header: 1, date: 2, link: 3, wrap: 4 };
var NS = "http://schemas.openxmlformats.org/";
var REL = NS + "officeDocument/2006/relationships";

function escape(text) {
  return String(text)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function columnName(index) {
  var name = "";
  for (var n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + (n - 1) % 26) + name;
  }
  return name;
}

function serial(isoDate) {
  var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  return parts ? Date.UTC(+parts[1], parts[2] - 1, +parts[3]) / 86400000 + 25569 : null;
}

function inline(ref, text, style) {
  return '<c r="' + ref + '" t="inlineStr"' + (style ? ' s="' + style + '"' : "") + '><is><t xml:space="preserve">'
    + escape(String(text).slice(0, TEXT_LIMIT)) + "</t></is></c>";
}

function linkOf(cell, type) {
  if (cell !== null && typeof cell === "object") {
    return { text: cell.text, target: cell.link };
  }
  if (type === "url" && /^https?:\/\//.test(cell)) {
    return { text: cell, target: cell };
  }
  if (type === "email") {
    return { text: cell, target: "mailto:" + cell };
  }
  return null;
}

/* The cell's XML, and its hyperlink (pushed onto `links`) when it has one and `linked` allows it. */
function cellXml(ref, cell, column, linked, links) {
  var type = column.type || "text";
  if (cell === null || cell === undefined || cell === "") {
    return "";
  }
  var link = linkOf(cell, type);
  if (link) {
    if (linked && link.target.length <= URL_LIMIT) {
      links.push({ ref: ref, target: link.target });
      return inline(ref, link.text, STYLE.link);
    }
    return inline(ref, link.text, column.wrap ? STYLE.wrap : 0);
  }
  if (type === "number" && typeof cell === "number" && isFinite(cell)) {
    return '<c r="' + ref + '"><v>' + cell + "</v></c>";
  }
  if (type === "boolean" && typeof cell === "boolean") {
    return '<c r="' + ref + '" t="b"><v>' + (cell ? 1 : 0) + "</v></c>";
  }
  if (type === "date" && serial(cell) !== null) {
    return '<c r="' + ref + '" s="' + STYLE.date + '"><v>' + serial(cell) + "</v></c>";
  }
  return inline(ref, cell, column.wrap ? STYLE.wrap : 0);
}

function sheetXml(sheet) {
  var links = [];
  var budget = LINK_LIMIT;
  var linked = sheet.columns.map(function (column, index) {
    var count = sheet.rows.filter(function (row) {
      return row[index] !== null && row[index] !== undefined && row[index] !== "" && linkOf(row[index], column.type);
    }).length;
    var fits = count <= budget;
    budget -= fits ? count : 0;
    return fits;
  });
  var lastColumn = columnName(sheet.columns.length - 1);
  var last = lastColumn + (sheet.rows.length + 1);
  var header = '<row r="1">' + sheet.columns.map(function (column, index) {
    return inline(columnName(index) + "1", column.header, STYLE.header);
  }).join("") + "</row>";
  var rows = sheet.rows.map(function (row, r) {
    return '<row r="' + (r + 2) + '">' + sheet.columns.map(function (column, index) {
      return cellXml(columnName(index) + (r + 2), row[index], column, linked[index], links);
    }).join("") + "</row>";
  });
  var xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="' + NS + 'spreadsheetml/2006/main" xmlns:r="' + REL + '">'
    + '<dimension ref="A1:' + last + '"/>'
    + '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
    + ' state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
    + "<cols>" + sheet.columns.map(function (column, index) {
      return '<col min="' + (index + 1) + '" max="' + (index + 1) + '" width="' + (column.width || 12)
        + '" customWidth="1"/>';
    }).join("") + "</cols>"
    + "<sheetData>" + header + rows.join("") + "</sheetData>"
    + (sheet.filter ? '<autoFilter ref="A1:' + last + '"/>' : "")
    + (links.length ? "<hyperlinks>" + links.map(function (link, n) {
      return '<hyperlink ref="' + link.ref + '" r:id="rId' + (n + 1) + '"/>';
    }).join("") + "</hyperlinks>" : "")
    + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
  var rels = links.length ? relationships(links.map(function (link, n) {
    return '<Relationship Id="rId' + (n + 1) + '" Type="' + REL + '/hyperlink" Target="' + escape(link.target)
      + '" TargetMode="External"/>';
  })) : null;
  return { xml: xml, rels: rels, range: "$A$1:$" + lastColumn + "$" + (sheet.rows.length + 1) };
}

function relationships(items) {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
    + NS + 'package/2006/relationships">' + items.join("") + "</Relationships>";
}

function quotedName(name) {
  return "'" + name.replace(/'/g, "''") + "'";
}

var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<styleSheet xmlns="' + NS + 'spreadsheetml/2006/main">'
  + '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
  + '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
  + '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
  + '<alignment vertical="top" wrapText="1"/></xf></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/* --- zip (stored entries, CRC-32) --- */

var CRC_TABLE = (function () {
  var table = new Uint32Array(256);
  for (var n = 0; n < 256; n += 1) {
    var c = n;
    for (var k = 0; k < 8; k += 1) {
      c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c >>> 0;
  }
  return table;
}());

function crc32(bytes) {
  var crc = 0xFFFFFFFF;
  for (var i = 0; i < bytes.length; i += 1) {
    crc = CRC_TABLE[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
  }
  return (crc ^ 0xFFFFFFFF) >>> 0;
}

function zip(files, isoDate) {
  var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "") || [null, 1980, 1, 1];
  var dosDate = ((Math.max(+parts[1], 1980) - 1980) << 9) | (+parts[2] << 5) | +parts[3];
  var encoder = new TextEncoder();
  var chunks = [];
  var central = [];
  var offset = 0;
  function header(size, fields) {
    var buffer = new DataView(new ArrayBuffer(size));
    fields.forEach(function (field) {
      buffer[field[0] === 2 ? "setUint16" : "setUint32"](field[1], field[2], true);
    });
    return new Uint8Array(buffer.buffer);
  }
  files.forEach(function (file) {
    var name = encoder.encode(file.name);
    var data = encoder.encode(file.data);
    var crc = crc32(data);
    var common = [[2, 4, 20], [2, 6, 0x0800], [2, 8, 0], [2, 10, 0], [2, 12, dosDate], [4, 14, crc],
                  [4, 18, data.length], [4, 22, data.length], [2, 26, name.length]];
    var local = header(30, [[4, 0, 0x04034b50]].concat(common));
    chunks.push(local, name, data);
    central.push(header(46, [[4, 0, 0x02014b50], [2, 4, 20]].concat(common.map(function (field) {
      return [field[0], field[1] + 2, field[2]];
    }), [[4, 42, offset]])), name);
    offset += local.length + name.length + data.length;
  });
  var size = central.reduce(function (sum, chunk) { return sum + chunk.length; }, 0);
  var end = header(22, [[4, 0, 0x06054b50], [2, 8, files.length], [2, 10, files.length], [4, 12, size],
                        [4, 16, offset]]);
  var all = chunks.concat(central, [end]);
  var out = new Uint8Array(offset + size + end.length);
  all.reduce(function (at, chunk) { out.set(chunk, at); return at + chunk.length; }, 0);
  return out;
}

/* The workbook's bytes. */
export function xlsx(book) {
  var sheets = book.sheets.map(sheetXml);
  var created = /^\d{4}-\d{2}-\d{2}$/.test(book.created || "") ? book.created : "1980-01-01";
  var files = [
    { name: "[Content_Types].xml", data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<Types xmlns="' + NS + 'package/2006/content-types">'
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + sheets.map(function (sheet, n) {
        return '<Override PartName="/xl/worksheets/sheet' + (n + 1)
          + '.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
      }).join("")
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      + "</Types>" },
    { name: "_rels/.rels", data: relationships([
      '<Relationship Id="rId1" Type="' + REL + '/officeDocument" Target="xl/workbook.xml"/>',
      '<Relationship Id="rId2" Type="' + NS + 'package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>']) },
    { name: "docProps/core.xml", data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<cp:coreProperties xmlns:cp="' + NS + 'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
      + ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
      + (book.title ? "<dc:title>" + escape(book.title) + "</dc:title>" : "")
      + '<dcterms:created xsi:type="dcterms:W3CDTF">' + created + "T00:00:00Z</dcterms:created>"
      + '<dcterms:modified xsi:type="dcterms:W3CDTF">' + created + "T00:00:00Z</dcterms:modified>"
      + "</cp:coreProperties>" },
    { name: "xl/workbook.xml", data: '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
      + '<workbook xmlns="' + NS + 'spreadsheetml/2006/main" xmlns:r="' + REL + '"><bookViews><workbookView/></bookViews>'
      + "<sheets>" + book.sheets.map(function (sheet, n) {
        return '<sheet name="' + escape(sheet.name) + '" sheetId="' + (n + 1) + '" r:id="rId' + (n + 1) + '"/>';
      }).join("") + "</sheets>"
      + (book.sheets.some(function (sheet) { return sheet.filter; }) ? "<definedNames>" + book.sheets.map(function (sheet, n) {
        return sheet.filter ? '<definedName name="_xlnm._FilterDatabase" localSheetId="' + n + '" hidden="1">'
          + escape(quotedName(sheet.name)) + "!" + sheets[n].range + "</definedName>" : "";
      }).join("") + "</definedNames>" : "")
      + "</workbook>" },
    { name: "xl/_rels/workbook.xml.rels", data: relationships(sheets.map(function (sheet, n) {
      return '<Relationship Id="rId' + (n + 1) + '" Type="' + REL + '/worksheet" Target="worksheets/sheet' + (n + 1) + '.xml"/>';
    }).concat(['<Relationship Id="rId' + (sheets.length + 1) + '" Type="' + REL + '/styles" Target="styles.xml"/>'])) },
    { name: "xl/styles.xml", data: STYLES }
  ];
  sheets.forEach(function (sheet, n) {
    files.push({ name: "xl/worksheets/sheet" + (n + 1) + ".xml", data: sheet.xml });
    if (sheet.rels) {
      files.push({ name: "xl/worksheets/_rels/sheet" + (n + 1) + ".xml.rels", data: sheet.rels });
    }
  });
  return zip(files, created);
}
