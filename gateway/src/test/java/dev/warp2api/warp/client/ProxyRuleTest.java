package dev.warp2api.warp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ProxyRuleTest {
  private static final URI WARP = URI.create("https://app.warp.dev/ai/multi-agent");

  @Test
  void httpsTargetGoesThroughTheProxyWithCredentials() {
    var proxy = ProxyRule.forTarget(WARP, "http://user:pa55@proxy.corp:3128", null);
    assertThat(proxy).isNotNull();
    assertThat(proxy.getHost()).isEqualTo("proxy.corp");
    assertThat(proxy.getPort()).isEqualTo(3128);
    assertThat(proxy.getUsername()).isEqualTo("user");
    assertThat(proxy.getPassword()).isEqualTo("pa55");
  }

  @Test
  void proxyWithoutSchemeIsAccepted() {
    assertThat(ProxyRule.forTarget(WARP, "proxy.corp:8080", "").getPort()).isEqualTo(8080);
  }

  @Test
  void noProxyExcludesHostsAndDomainSuffixes() {
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "localhost, .warp.dev")).isNull();
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "warp.dev")).isNull();
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "*.warp.dev")).isNull();
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "app.warp.dev:443")).isNull();
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "*")).isNull();
    assertThat(ProxyRule.forTarget(WARP, "http://p:1", "notwarp.dev,example.com"))
        .isNotNull();
  }

  @Test
  void plainHttpTargetsAndUnsetProxyConnectDirectly() {
    assertThat(ProxyRule.forTarget(
            URI.create("http://127.0.0.1:8080/ai/multi-agent"), "http://p:1", null))
        .isNull();
    assertThat(ProxyRule.forTarget(WARP, null, null)).isNull();
    assertThat(ProxyRule.forTarget(WARP, " ", null)).isNull();
  }
}
