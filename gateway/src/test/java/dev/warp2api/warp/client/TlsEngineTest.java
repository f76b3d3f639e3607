package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.net.OpenSSLEngineOptions;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TlsEngineTest {

  @Test
  void boringSslSpeaksToWarpOnLinuxX64() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    // The jar carries BoringSSL for this platform only (the machines CI and the image run on).
    assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64")));

    assertThat(TlsEngine.preferred()).isInstanceOf(OpenSSLEngineOptions.class);
  }
}
