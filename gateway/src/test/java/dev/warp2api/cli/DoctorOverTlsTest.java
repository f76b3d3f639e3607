package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimServing;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * {@code doctor} against the simulator on the production path (TLS with HTTP/2 by ALPN) and against
 * one that lost HTTP/2.
 */
class DoctorOverTlsTest {
  @AutoClose
  final DoctorFixture f = new DoctorFixture(SimConfig.defaults(), SimServing.tls(100));

  @Test
  void everyStepPassesOverTlsAndTheTlsStepReportsHttp2AndTheCertificate() {
    CliRun run = f.doctor("--chat");

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(f.sim.baseUrl()).startsWith("https://");
    assertThat(DoctorFixture.line(run, "tls"))
        .startsWith("[ok  ]")
        .contains("ALPN h2", "certificate", "NOT verified");
    assertThat(DoctorFixture.line(run, "refresh personal-1")).startsWith("[ok  ]");
    assertThat(DoctorFixture.line(run, "chat personal (personal-1)"))
        .startsWith("[ok  ]")
        .contains("finished done");
    assertThat(f.sim.connections())
        .as("the simulator's own record: the chat went over HTTP/2")
        .anySatisfy(c -> assertThat(c.protocol()).isEqualTo("h2"));
    assertThat(run.out()).contains("a chat can work").doesNotContain(DoctorFixture.REFRESH);
  }

  @Test
  void anUpstreamOfferingOnlyHttp11IsNamedAtTheTlsStepAndAChatStillWorks() {
    try (DoctorFixture http11 =
        new DoctorFixture(SimConfig.defaults(), SimServing.tlsHttp11Only())) {
      CliRun run = http11.doctor("--chat");

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(DoctorFixture.line(run, "tls"))
          .startsWith("[warn]")
          .contains("ALPN agreed http/1.1 instead of h2");
      assertThat(http11.sim.connections())
          .isNotEmpty()
          .allSatisfy(c -> assertThat(c.protocol()).isEqualTo("http/1.1"));
    }
  }
}
