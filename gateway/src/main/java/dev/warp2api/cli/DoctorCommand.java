package dev.warp2api.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code doctor [--chat] [--json]}: checks each step from the configuration to a working chat and
 * names what fails and what to do; exit 0 when a chat can work, else 1. See {@link Doctor}.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = {
      "Checks each step from the configuration to a working chat (configuration, DNS, TCP, TLS/ALPN,",
      "token refresh, quota, models, optionally one chat turn per tier, drift) and names what fails.",
      "Exit 0 when a chat can work, else 1."
    })
final class DoctorCommand implements Callable<Integer> {
  private final CommandContext ctx;

  @Option(names = "--chat", description = "also send one minimal chat turn per tier (costs credit)")
  boolean chat;

  @Option(names = "--json", description = "print the report as JSON")
  boolean json;

  DoctorCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    DoctorReport report = new Doctor(ctx.env(), ctx.workDir(), chat, Clock.systemUTC()).run();
    if (json) {
      ctx.out().println(report.json().toPrettyString());
    } else {
      report.printText(ctx.out());
    }
    return report.exitCode();
  }
}
