package dev.warp2api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentPrecedenceTest {
  @TempDir
  Path dir;

  private Settings load(Map<String, String> env, String dotEnv) throws Exception {
    Files.writeString(dir.resolve(".env"), dotEnv);
    return SettingsLoader.load(env, dir).settings();
  }

  @Test
  void environmentBeatsDotEnv() throws Exception {
    Settings s = load(Map.of("W2A_PORT", "30000"), "W2A_PORT=30001\nW2A_HOST=0.0.0.0\n");
    assertThat(s.listen().port()).isEqualTo(30000);
    assertThat(s.listen().host()).isEqualTo("0.0.0.0");
  }

  @Test
  void blankEnvironmentValueFallsBackToDotEnv() throws Exception {
    assertThat(load(Map.of("W2A_PORT", " "), "W2A_PORT=30001\n").listen().port())
        .isEqualTo(30001);
  }

  @Test
  void originalHostAndPortAreReadWhenOursAreUnset() throws Exception {
    Settings s = load(Map.of("HOST", "0.0.0.0", "PORT", "8002"), "");
    assertThat(s.listen().host()).isEqualTo("0.0.0.0");
    assertThat(s.listen().port()).isEqualTo(8002);
  }

  @Test
  void oursWinOverOriginalHostAndPort() throws Exception {
    Settings s =
        load(Map.of("HOST", "0.0.0.0", "PORT", "8002", "W2A_HOST", "::1", "W2A_PORT", "9000"), "");
    assertThat(s.listen().host()).isEqualTo("::1");
    assertThat(s.listen().port()).isEqualTo(9000);
  }

  @Test
  void stateDirResolvesAgainstWorkingDirectory() throws Exception {
    assertThat(load(Map.of(), "").store().stateDir()).isEqualTo(dir.resolve("data"));
    assertThat(load(Map.of("W2A_STATE_DIR", "state/x"), "").store().stateDir())
        .isEqualTo(dir.resolve("state/x"));
    Path abs = dir.resolve("elsewhere").toAbsolutePath();
    assertThat(load(Map.of("W2A_STATE_DIR", abs.toString()), "").store().stateDir())
        .isEqualTo(abs);
  }

  @Test
  void lowerCaseProxyVariablesAreRead() throws Exception {
    Settings s =
        load(Map.of("https_proxy", "proxy.local:3128", "no_proxy", "localhost,127.0.0.1"), "");
    assertThat(s.upstream().httpsProxy()).isEqualTo("http://proxy.local:3128");
    assertThat(s.upstream().noProxy()).isEqualTo("localhost,127.0.0.1");
  }
}
