// Compile every schema with ajv (draft 2020-12, strict mode, ajv-formats) and validate records and data files.
// stdin: {"schemaDir": "...", "records": [{"id": "...", "kind": "<schema name>", "data": {...}}]}
// stdout: {"<id>": [{"instancePath": "...", "keyword": "..."}], ...}  (empty list when valid)
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const file of fs.readdirSync(input.schemaDir).filter((name) => name.endsWith(".schema.json"))) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(input.schemaDir, file), "utf8")), file);
}
const result = {};
for (const record of input.records) {
  const validate = ajv.getSchema(`${record.kind}.schema.json`);
  result[record.id] = validate(record.data)
    ? []
    : validate.errors.map((e) => ({ instancePath: e.instancePath, keyword: e.keyword }));
}
process.stdout.write(JSON.stringify(result));
