import { Command, CommanderError } from "commander";
import { registerDump } from "./commands/dump.js";
import { registerEdit } from "./commands/edit.js";
import { registerDeidentify } from "./commands/deidentify.js";
import { registerProfile } from "./commands/profile.js";
import { registerDemo } from "./commands/demo.js";
import { registerRender } from "./commands/render.js";
import { registerEval } from "./commands/eval.js";
import { EXIT } from "./run-command.js";
import { cliStreams, handleStdoutClosed } from "./io.js";
import { VERSION } from "../core/version.js";

/** Runs the CLI with the given arguments and resolves to the exit code (0 ok, 1 bad input, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  // A closed pipe (e.g. `dump ... | head`) ends the command quietly, unless a running batch takes it (io.ts).
  process.stdout.on("error", (e: NodeJS.ErrnoException) => { if (e.code === "EPIPE" && !handleStdoutClosed()) process.exit(0); });
  let code: number = EXIT.ok;
  const setExit = (c: number) => { code = c; };
  const program = new Command();
  program
    .name("dicom-deid")
    .description("De-identify DICOM headers and burned-in pixel text, byte-faithfully.")
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride()
    .showHelpAfterError()
    // Help and usage errors go where the commands write (subcommands inherit this).
    .configureOutput({ writeOut: (s) => void cliStreams().stdout.write(s), writeErr: (s) => void cliStreams().stderr.write(s) });
  registerDump(program, setExit);
  registerEdit(program, setExit);
  registerDeidentify(program, setExit);
  registerProfile(program, setExit);
  registerRender(program, setExit);
  registerEval(program, setExit);
  registerDemo(program, setExit, main);
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw e;
  }
  return code;
}
