package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainUsageTest {
  @TempDir
  Path dir;

  private final List<String> calls = new ArrayList<>();
  private final CommandBackends recording = new CommandBackends(
      settings -> calls.add("serve port=" + settings.listen().port()),
      (port, config, serving) -> calls.add("sim port=" + port + " config=" + config
          + (serving.tls() ? " tls max=" + serving.h2MaxStreams() : "")),
      (action, settings, out) -> {
        calls.add("offline " + action.label());
        return 0;
      },
      (out, tls) -> {
        calls.add(tls ? "demo tls" : "demo");
        return 0;
      });

  private CliRun run(String... args) {
    return CliRun.run(Map.of(), dir, recording, args);
  }

  @Test
  void helpListsEveryCommand() {
    CliRun r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("serve", "pool", "sim", "demo", "--version");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args : new String[][] {
      {"serve", "--help"},
      {"pool", "--help"},
      {"pool", "status", "--help"},
      {"pool", "check", "--help"},
      {"pool", "recover", "--help"},
      {"sim", "--help"},
      {"demo", "--help"}
    }) {
      CliRun r = run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage:");
    }
    assertThat(run("pool", "check", "--help").out()).contains("--offline");
    assertThat(run("sim", "--help").out())
        .contains("--port", "28880", "--config", "--tls", "--h2-max-streams");
    assertThat(calls).isEmpty();
  }

  @Test
  void versionPrintsVersionAndLocation() {
    CliRun r = run("--version");
    assertThat(r.exitCode()).isZero();
    String[] lines = r.out().strip().split("\\R");
    assertThat(lines[0]).matches("warp2api \\d+\\.\\d+\\.\\d+.*");
    assertThat(lines[1]).contains("gateway");
  }

  @Test
  void unknownCommandIsUsageError() {
    CliRun r = run("frobnicate");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("frobnicate").contains("Usage:");
  }

  @Test
  void poolWithoutSubcommandAndBadSimPortAreUsageErrors() {
    assertThat(run("pool").exitCode()).isEqualTo(2);
    assertThat(run("sim", "--port", "0").exitCode()).isEqualTo(2);
    assertThat(run("sim", "--port", "x").exitCode()).isEqualTo(2);
    assertThat(run("sim", "--h2-max-streams", "0").exitCode()).isEqualTo(2);
    assertThat(calls).isEmpty();
  }

  @Test
  void noArgumentMeansServe() {
    assertThat(run().exitCode()).isZero();
    assertThat(run("serve").exitCode()).isZero();
    assertThat(calls).containsExactly("serve port=28889", "serve port=28889");
  }

  @Test
  void commandsReachTheirBackends() {
    assertThat(run("sim").exitCode()).isZero();
    assertThat(run("sim", "--tls", "--h2-max-streams", "50").exitCode()).isZero();
    assertThat(run("pool", "status", "--offline").exitCode()).isZero();
    assertThat(run("demo").exitCode()).isZero();
    assertThat(run("demo", "--tls").exitCode()).isZero();
    assertThat(calls)
        .containsExactly(
            "sim port=28880 config=null",
            "sim port=28880 config=null tls max=50",
            "offline status",
            "demo",
            "demo tls");
  }

  @Test
  void configurationErrorPrintsEveryProblemAndExitsTwo() {
    CliRun r = CliRun.run(
        Map.of("W2A_PORT", "abc", "W2A_VERBOSE", "maybe", "WARP_REFRESH_TOKEN", "AMf-secret"),
        dir,
        recording,
        "serve");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("W2A_PORT: 'abc'", "W2A_VERBOSE: 'maybe'")
        .doesNotContain("at dev.warp2api")
        .doesNotContain("AMf-secret");
    assertThat(calls).isEmpty();
  }

  @Test
  void warningsGoToStandardError() {
    CliRun r = CliRun.run(Map.of("WARP_SHARED_TOKENS", "s1,"), dir, recording, "serve");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).contains("warning: WARP_SHARED_TOKENS: item 2 of 2 is empty; skipped");
  }

  @Test
  void aFailingBackendExitsOneWithItsMessage() {
    CommandBackends failing = new CommandBackends(
        recording.serve(), recording.sim(), recording.offlinePool(), (out, tls) -> {
          throw new IllegalStateException("demo: the simulator could not start");
        });
    CliRun r = CliRun.run(Map.of(), dir, failing, "demo");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("error: demo: the simulator could not start")
        .doesNotContain("Exception");
  }

  @Test
  void serveThatCannotStartExitsOneWithMessageWithOrWithoutTheCommandName() {
    CommandBackends failing = new CommandBackends(
        settings -> {
          throw new IllegalStateException(
              "could not start the gateway on 127.0.0.1:28889: Address already in use");
        },
        recording.sim(),
        recording.offlinePool(),
        recording.demo());
    for (String[] args : new String[][] {{}, {"serve"}}) {
      CliRun r = CliRun.run(Map.of(), dir, failing, args);
      assertThat(r.exitCode()).as("args %s", List.of(args)).isEqualTo(1);
      assertThat(r.err())
          .contains("error: could not start the gateway on 127.0.0.1:28889: Address already in use")
          .doesNotContain("Exception");
    }
  }

  @Test
  void serveWithAPlainFileAsStateDirIsAConfigurationErrorExitingTwo() throws Exception {
    Path plain = Files.writeString(dir.resolve("not-a-dir"), "x");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r = CliRun.run(
        Map.of("W2A_STATE_DIR", plain.toString(), "W2A_PORT", Integer.toString(port)),
        dir,
        CommandBackends.standard(),
        "serve");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("configuration error:")
        .contains("W2A_STATE_DIR: " + plain + " is not a directory", "a directory of its own")
        .doesNotContain("could not start the gateway")
        .doesNotContain("Exception");
  }

  @Test
  void simWithAConfigFileOfUnknownKeysOrInvalidJsonIsAConfigurationErrorExitingTwo()
      throws Exception {
    Files.writeString(dir.resolve("unknown.json"), "{\"no_such_key\": 1}");
    Files.writeString(dir.resolve("broken.json"), "{not json");
    for (String file : new String[] {"unknown.json", "broken.json"}) {
      CliRun r = CliRun.run(
          Map.of(), dir, CommandBackends.standard(), "sim", "--port", "1", "--config", file);
      assertThat(r.exitCode()).as(file + ": " + r.err()).isEqualTo(2);
      assertThat(r.err())
          .as(file)
          .startsWith("configuration error:")
          .contains("sim --config", file)
          .doesNotContain("at dev.warp2api");
    }
  }
}
