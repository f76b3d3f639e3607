package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code usage [--from --to --by] [--csv]}: the running gateway's usage ledger ({@code GET
 * /admin/usage}) as a table, or as the CSV the gateway writes.
 */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Print the usage ledger of the running gateway (UTC days, inclusive).")
final class UsageCommand implements Callable<Integer> {
  private final CommandContext ctx;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day (default: today)")
  String from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day (default: today)")
  String to;

  @Option(
      names = "--by",
      paramLabel = "GROUP",
      defaultValue = "key",
      description = "key, credential, model or day (default: key)")
  String by;

  @Option(names = "--csv", description = "print CSV instead of a table")
  boolean csv;

  UsageCommand(CommandContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    StringBuilder path = new StringBuilder("/admin/usage?group_by=").append(encode(by));
    if (from != null) {
      path.append("&from=").append(encode(from));
    }
    if (to != null) {
      path.append("&to=").append(encode(to));
    }
    AdminClient client = new AdminClient(ctx.loadSettings().settings());
    if (csv) {
      AdminClient.Answer answer = client.call("GET", path.toString(), null, "text/csv");
      if (answer instanceof AdminClient.Answer.Body body) {
        ctx.out().print(body.text());
        return 0;
      }
      return KeysCommand.answer(ctx, answer, (json, out) -> {});
    }
    return KeysCommand.answer(
        ctx, client.call("GET", path.toString(), null, "application/json"), (json, out) -> {
          String group = json.path("group_by").asText();
          List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {
            group.toUpperCase(Locale.ROOT),
            "REQUESTS",
            "INPUT",
            "OUTPUT",
            "REASONING",
            "ESTIMATED",
            "ERRORS",
            "FAILOVERS",
            "UPSTREAM S"
          });
          for (JsonNode r : json.path("rows")) {
            rows.add(new String[] {
              r.path(group).asText(),
              r.path("requests").asText(),
              r.path("input_tokens").asText(),
              r.path("output_tokens").asText(),
              r.path("reasoning_tokens").asText(),
              r.path("estimated_requests").asText(),
              r.path("errors").asText(),
              r.path("failovers").asText(),
              Long.toString(r.path("upstream_ms").asLong() / 1000)
            });
          }
          out.println("usage " + json.path("from").asText() + " to "
              + json.path("to").asText() + " (UTC) by " + group);
          if (rows.size() == 1) {
            out.println("no requests");
          } else {
            Columns.print(rows, out);
          }
        });
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
