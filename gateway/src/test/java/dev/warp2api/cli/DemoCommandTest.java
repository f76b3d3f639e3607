package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir
  Path dir;

  @Test
  void demoStreamsAnAnswerAndFailsOverOnQuotaThenExitsZero() {
    CliRun r = CliRun.run(Map.of(), dir, "demo");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("streamed", "served by personal account")
        .contains("personal account (HTTP 429), shared account (HTTP 200)")
        .contains("Demo finished: streaming and quota failover both worked.")
        .doesNotContain("demo-personal-refresh-token", "demo-shared-refresh-token");
  }

  @Test
  void demoRunsOverTlsAndHttp2() {
    CliRun r = CliRun.run(Map.of(), dir, "demo", "--tls");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("https://127.0.0.1:", "TLS + HTTP/2")
        .contains("Demo finished: streaming and quota failover both worked.");
  }
}
