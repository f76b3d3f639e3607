package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.testing.TestStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keys create|list|revoke} through a running gateway's admin API. */
class KeysCommandAgainstGatewayTest {
  private static final String ADMIN = "admin-cli-keys-7e1f02";

  @AutoClose
  final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of("rt-cli-keys-1", "one", 100)),
      Map.of("WARP_REFRESH_TOKEN", "rt-cli-keys-1", "W2A_ADMIN_TOKEN", ADMIN));

  @TempDir
  Path dir;

  private CliRun run(String... args) {
    return CliRun.run(
        Map.of("W2A_PORT", Integer.toString(stack.gateway.port()), "W2A_ADMIN_TOKEN", ADMIN),
        dir,
        args);
  }

  @Test
  void createPrintsTheSecretOnceListShowsTheLimitsAndRevokeEndsTheKey() {
    CliRun created = run(
        "keys",
        "create",
        "team-a",
        "--models",
        "claude-*,auto",
        "--daily-tokens",
        "5000",
        "--rpm",
        "30");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String secret = created
        .out()
        .lines()
        .filter(l -> l.startsWith("secret: "))
        .findFirst()
        .orElseThrow()
        .substring(8);
    assertThat(secret).startsWith("w2a-");
    assertThat(stack.chat(false, "hi", "x-api-key", secret).statusCode()).isEqualTo(200);

    CliRun list = run("keys", "list");
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().toList().get(0)).startsWith("NAME").contains("DAILY TOKENS");
    assertThat(list.out().lines().toList().get(1).split("\\s+"))
        .startsWith("team-a", "claude-*,auto", "5000")
        .contains("30");
    assertThat(list.out()).doesNotContain(secret.substring(4, 14));

    assertThat(run("keys", "create", "team-b").exitCode()).isZero();
    CliRun revoked = run("keys", "revoke", "team-a");
    assertThat(revoked.exitCode()).as(revoked.err()).isZero();
    assertThat(revoked.out()).contains("revoked key 'team-a'");
    assertThat(stack.chat(false, "hi", "x-api-key", secret).statusCode()).isEqualTo(401);
    assertThat(run("keys", "revoke", "team-b").exitCode()).isZero();
    assertThat(run("keys", "list").out()).contains("no named keys");
  }

  @Test
  void usagePrintsTheLedgerByTheAskedGroupAndAsCsv() {
    String secret = run("keys", "create", "counted")
        .out()
        .lines()
        .filter(l -> l.startsWith("secret: "))
        .findFirst()
        .orElseThrow()
        .substring(8);
    stack.chat(false, "one", "x-api-key", secret);
    stack.chat(false, "two", "x-api-key", secret);

    CliRun byKey = run("usage");
    assertThat(byKey.exitCode()).as(byKey.err()).isZero();
    List<String> lines = byKey.out().lines().toList();
    assertThat(lines.get(1)).startsWith("KEY").contains("REQUESTS", "INPUT", "OUTPUT");
    assertThat(lines.get(2).split("\\s+")).startsWith("counted", "2");

    CliRun byModel = run("usage", "--by", "model", "--csv");
    assertThat(byModel.exitCode()).as(byModel.err()).isZero();
    assertThat(byModel.out().lines().toList().get(0)).startsWith("model,requests,");

    CliRun bad = run("usage", "--from", "12/06/2026");
    assertThat(bad.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(bad.err()).contains("HTTP 400", "from");
  }

  @Test
  void badInputAndUnknownNamesFailNamingTheProblem() {
    CliRun bad = run("keys", "create", "team-b", "--daily-tokens", "-4");
    assertThat(bad.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(bad.err()).contains("HTTP 400", "daily_tokens");
    CliRun unknown = run("keys", "revoke", "nobody");
    assertThat(unknown.exitCode()).isEqualTo(Main.FAILURE);
    assertThat(unknown.err()).contains("HTTP 404", "nobody");
  }
}
