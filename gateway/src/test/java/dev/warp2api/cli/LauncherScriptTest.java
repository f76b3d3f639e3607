package dev.warp2api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./warp2api} launcher at the repo root. It never builds here: the run test gives a copy
 * of the launcher a jar of its own (a probe that prints what it was started with) and no sources,
 * so a fresh clone runs it too, before any jar of the project exists.
 */
class LauncherScriptTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path SCRIPT = ROOT.resolve("warp2api");

  @TempDir
  Path home;

  private static String run(Path dir, List<String> command) throws Exception {
    Process p = new ProcessBuilder(command)
        .directory(dir.toFile())
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
    run(ROOT, List.of("bash", "-n", SCRIPT.toString()));
  }

  @Test
  void runsAFreshJarOnAJdkOf21OrNewerWithTheArgumentsAndWithoutBuilding() throws Exception {
    Path launcher = home.resolve("warp2api");
    Files.copy(SCRIPT, launcher);
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Path jar = home.resolve("gateway/target/warp2api.jar");
    probeJar(jar);

    String out = run(home, List.of(launcher.toString(), "--version", "two words"));

    assertThat(out)
        .doesNotContain("building the jar")
        .contains("probe jar=" + jar)
        .contains("args=[--version, two words]")
        .containsPattern("java=(2[1-9]|[3-9][0-9])")
        .contains("heap=256m"); // the launcher's own JVM flags reached the JVM
  }

  /** A jar whose main class prints its jar, arguments, Java version and maximum heap. */
  private void probeJar(Path jar) throws Exception {
    Path src = home.resolve("src/Probe.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, """
        public class Probe {
          public static void main(String[] args) {
            System.out.println("probe jar=" + System.getProperty("java.class.path")
                + " args=" + java.util.Arrays.toString(args)
                + " java=" + Runtime.version().feature()
                + " heap=" + (Runtime.getRuntime().maxMemory() >> 20) + "m");
          }
        }
        """);
    Path classes = home.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(
            null, null, null, "--release", "21", "-d", classes.toString(), src.toString()))
        .isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Probe");
    Files.createDirectories(jar.getParent());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("Probe.class"));
      out.write(Files.readAllBytes(classes.resolve("Probe.class")));
      out.closeEntry();
    }
  }
}
