// Runs a Python script in the vendored Pyodide under Node, at build time (py/sitebuild/bytecode.py).
//
//   node pyodide_node.js <pyodide dir> <script.py> <host dir mounted at /host> [packages,comma,separated]
//
// The browser runs this very Pyodide (Python 3.12.7), so what the script makes here (bytecode,
// matplotlib's font list) is exactly what a page would make for itself, without needing a
// CPython 3.12 on the build machine. The script reads and writes the host folder through /host;
// its stdout and stderr go to this process's. Exit status 1 when the script raises.
"use strict";
const path = require("path");
const fs = require("fs");

async function main() {
  const [dir, script, host, packages] = process.argv.slice(2);
  const { loadPyodide } = require(path.resolve(dir, "pyodide.js"));
  const pyodide = await loadPyodide({
    indexURL: path.resolve(dir) + path.sep,
    lockFileURL: path.resolve(dir, "pyodide-lock.json"),
    // Bytecode without column tables (as `python -X no_debug_ranges`): a fifth smaller;
    // a traceback then lacks only its ^^^^ markers.
    env: { PYTHONNODEBUGRANGES: "1" },
    stdout: (line) => process.stdout.write(line + "\n"),
    stderr: (line) => process.stderr.write(line + "\n"),
  });
  if (packages) await pyodide.loadPackage(packages.split(","), { messageCallback: () => {} });
  pyodide.FS.mkdirTree("/host");
  pyodide.mountNodeFS("/host", path.resolve(host));
  try {
    await pyodide.runPythonAsync(fs.readFileSync(script, "utf8"), { filename: script });
  } catch (error) {
    process.stderr.write(String(error && error.message || error) + "\n");
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack || error) + "\n");
  process.exit(1);
});
