package dev.warp2api.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Test support: runs {@link Main} in-process with a given environment and captures its output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(
      Map<String, String> env, Path workDir, CommandBackends backends, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandContext ctx = new CommandContext(
        env, workDir, new PrintWriter(out, true), new PrintWriter(err, true), backends);
    int code = Main.run(args, ctx);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(Map<String, String> env, Path workDir, String... args) {
    return run(env, workDir, CommandBackends.standard(), args);
  }
}
