import { runCli } from './cli/main.js';

const code = await runCli(process.argv);
// `serve` keeps the process alive through its listening socket; everything else exits.
if (code !== 0) process.exit(code);
