package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code keys create|list|revoke}: the running gateway's named client keys, through its admin API
 * ({@code /admin/keys}). The secret of a new key is printed once, by {@code create}.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionInfo.class,
    description = "Create, list and revoke named client keys of the running gateway.")
final class KeysCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: create, list or revoke");
  }

  /** Prints the failure, or hands the body to {@code onBody}; the command's exit code. */
  static int answer(CommandContext ctx, AdminClient.Answer answer, BodyPrinter onBody)
      throws Exception {
    return switch (answer) {
      case AdminClient.Answer.Failed f -> {
        ctx.err().println("error: " + f.message());
        yield Main.FAILURE;
      }
      case AdminClient.Answer.Body b -> {
        onBody.print(JSON.readTree(b.text()), ctx.out());
        yield 0;
      }
      case AdminClient.Answer.Pool p -> {
        ctx.err().println("error: unexpected answer");
        yield Main.FAILURE;
      }
    };
  }

  @FunctionalInterface
  interface BodyPrinter {
    void print(JsonNode body, PrintWriter out);
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = VersionInfo.class,
      description = "Create a key; its secret is printed once.")
  static final class Create implements Callable<Integer> {
    private final CommandContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "the key's name, e.g. team-a")
    String name;

    @Option(
        names = "--models",
        split = ",",
        paramLabel = "PATTERN",
        description = "allowed Warp model ids, comma-separated; '*' matches anything (claude-*)")
    List<String> models;

    @Option(
        names = "--daily-tokens",
        paramLabel = "N",
        description = "input + output tokens per UTC day")
    Long dailyTokens;

    @Option(
        names = {"--rpm", "--requests-per-minute"},
        paramLabel = "N",
        description = "requests per minute")
    Integer perMinute;

    Create(CommandContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode().put("name", name);
      if (models != null) {
        ArrayNode list = body.putArray("models");
        models.forEach(list::add);
      }
      if (dailyTokens != null) {
        body.put("daily_tokens", dailyTokens);
      }
      if (perMinute != null) {
        body.put("requests_per_minute", perMinute);
      }
      AdminClient client = new AdminClient(ctx.loadSettings().settings());
      return answer(
          ctx,
          client.call("POST", "/admin/keys", body.toString(), "application/json"),
          (json, out) -> {
            out.println("created key '" + json.path("name").asText() + "'");
            out.println("secret: " + json.path("secret").asText());
            out.println("(shown this once: only its SHA-256 is kept)");
          });
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = VersionInfo.class,
      description = "List the named keys and their limits (never a secret).")
  static final class ListKeys implements Callable<Integer> {
    private final CommandContext ctx;

    ListKeys(CommandContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
      AdminClient client = new AdminClient(ctx.loadSettings().settings());
      return answer(
          ctx, client.call("GET", "/admin/keys", null, "application/json"), KeysCommand::table);
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      versionProvider = VersionInfo.class,
      description = "Revoke a key: its secret admits nothing from now on.")
  static final class Revoke implements Callable<Integer> {
    private final CommandContext ctx;

    @Parameters(index = "0", paramLabel = "NAME", description = "the key's name")
    String name;

    Revoke(CommandContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
      AdminClient client = new AdminClient(ctx.loadSettings().settings());
      String path = "/admin/keys/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
      return answer(
          ctx,
          client.call("DELETE", path, null, "application/json"),
          (json, out) -> out.println("revoked key '" + json.path("revoked").asText() + "'"));
    }
  }

  static void table(JsonNode body, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"NAME", "MODELS", "DAILY TOKENS", "USED TODAY", "PER MINUTE", "CREATED"});
    for (JsonNode k : body.path("keys")) {
      List<String> models = new ArrayList<>();
      k.path("models").forEach(m -> models.add(m.asText()));
      rows.add(new String[] {
        k.path("name").asText(),
        models.isEmpty() ? "any" : String.join(",", models),
        k.path("daily_tokens").isNull() ? "-" : k.path("daily_tokens").asText(),
        k.path("tokens_today").asText("0"),
        k.path("requests_per_minute").isNull()
            ? "-"
            : k.path("requests_per_minute").asText(),
        k.path("created").asText()
      });
    }
    if (rows.size() == 1) {
      out.println("no named keys");
      return;
    }
    Columns.print(rows, out);
  }
}
