package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./warp2api} launcher at the repo root. Never builds: the run test needs a fresh jar.
 */
class LauncherScriptTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path SCRIPT = ROOT.resolve("warp2api");

  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command)
        .directory(ROOT.toFile())
        .redirectErrorStream(true)
        .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void scriptIsExecutableValidBash() throws Exception {
    assertThat(Files.isExecutable(SCRIPT)).isTrue();
    run(List.of("bash", "-n", SCRIPT.toString()));
  }

  @Test
  void printsVersionAndJarPathWhenJarIsFresh() throws Exception {
    Path jar = ROOT.resolve("gateway/target/warp2api.jar");
    assumeTrue(
        Files.exists(jar) && newestSource().compareTo(Files.getLastModifiedTime(jar)) < 0,
        "no fresh jar; the launcher would build one");
    String out = run(List.of(SCRIPT.toString(), "--version"));
    assertThat(out).contains("warp2api ").contains(jar.toString());
  }

  private static FileTime newestSource() throws IOException {
    FileTime newest = FileTime.fromMillis(0);
    for (Path dir : List.of(ROOT.resolve("gateway/src"), ROOT.resolve("bench/src"))) {
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          FileTime t = Files.getLastModifiedTime(f);
          newest = t.compareTo(newest) > 0 ? t : newest;
        }
      }
    }
    for (Path pom : List.of(
        ROOT.resolve("pom.xml"), ROOT.resolve("gateway/pom.xml"), ROOT.resolve("bench/pom.xml"))) {
      if (Files.exists(pom) && Files.getLastModifiedTime(pom).compareTo(newest) > 0) {
        newest = Files.getLastModifiedTime(pom);
      }
    }
    return newest;
  }
}
