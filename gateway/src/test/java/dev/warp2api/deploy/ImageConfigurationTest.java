package dev.warp2api.deploy;

import static dev.warp2api.deploy.RepoFiles.child;
import static dev.warp2api.deploy.RepoFiles.children;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.Ports;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The container image of {@code ./mvnw -Pimage package}. Its one source of truth is the Jib
 * configuration in the gateway pom's {@code image} profile; no registry is reachable here, so this
 * test builds that same configuration with jib-core onto an empty base into a tar, reads the
 * image's own config back from the tar, and holds it against what running it needs.
 */
class ImageConfigurationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ImageSpec spec;
  private static JsonNode config;
  private static Map<String, TarEntry> rootLayer;

  /** The {@code image} profile's Jib configuration, as read from the pom. */
  record ImageSpec(
      String from,
      String to,
      String format,
      String user,
      String mainClass,
      List<String> args,
      List<String> jvmFlags,
      List<String> ports,
      Map<String, String> environment,
      List<String> volumes,
      String workingDirectory,
      Map<String, String> labels,
      Map<String, String> permissions) {

    /**
     * The entry point Jib's Maven plugin writes for a main class: {@code java}, the JVM flags, the
     * class path from the argument file it puts in the image, the main class.
     */
    List<String> entrypoint() {
      List<String> e = new ArrayList<>();
      e.add("java");
      e.addAll(jvmFlags);
      e.addAll(List.of("-cp", "@/app/jib-classpath-file", mainClass));
      return e;
    }
  }

  record TarEntry(int mode, boolean directory, byte[] content) {}

  @BeforeAll
  static void buildTheImageOntoAnEmptyBase() throws Exception {
    spec = readImageProfile();
    Path work = Path.of("target", "image-check").toAbsolutePath();
    Path extra = work.resolve("root");
    Files.createDirectories(extra);
    Path tar = work.resolve("warp2api-image.tar");
    Files.deleteIfExists(tar);

    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("extra files");
    for (Map.Entry<String, String> p : spec.permissions().entrySet()) {
      Path source = extra.resolve(p.getKey().substring(1));
      Files.createDirectories(source);
      layer.addEntry(
          source, AbsoluteUnixPath.get(p.getKey()), FilePermissions.fromOctalString(p.getValue()));
    }
    Set<AbsoluteUnixPath> volumes = spec.volumes().stream()
        .map(AbsoluteUnixPath::get)
        .collect(Collectors.toCollection(LinkedHashSet::new));
    JibContainerBuilder image = Jib.fromScratch()
        .setFormat(ImageFormat.valueOf(spec.format()))
        .setUser(spec.user())
        .setEntrypoint(spec.entrypoint())
        .setProgramArguments(spec.args())
        .setExposedPorts(Ports.parse(spec.ports()))
        .setEnvironment(spec.environment())
        .setVolumes(volumes)
        .setWorkingDirectory(AbsoluteUnixPath.get(spec.workingDirectory()))
        .setLabels(spec.labels())
        .addFileEntriesLayer(layer.build());
    image.containerize(Containerizer.to(TarImage.at(tar).named(spec.to()))
        .setBaseImageLayersCache(work.resolve("cache"))
        .setApplicationLayersCache(work.resolve("cache"))
        .setOfflineMode(true));

    Map<String, TarEntry> files = readTar(Files.readAllBytes(tar));
    JsonNode index = JSON.readTree(files.get("index.json").content());
    JsonNode manifest = JSON.readTree(blob(files, index.path("manifests").path(0)));
    config = JSON.readTree(blob(files, manifest.path("config")));
    JsonNode layers = manifest.path("layers");
    assertThat(layers).hasSize(1);
    rootLayer = readTar(gunzip(blob(files, layers.path(0))));
  }

  @Test
  void runsAsANumericNonRootUser() {
    assertThat(config.path("config").path("User").asText()).isEqualTo("10001:10001");
    assertThat(spec.user()).doesNotStartWith("0:").isNotEqualTo("0").isNotEqualTo("root");
  }

  @Test
  void startsServeWithTheLaunchersJvmFlags() {
    assertThat(strings(config.path("config").path("Entrypoint")))
        .containsExactlyElementsOf(spec.entrypoint());
    assertThat(spec.jvmFlags()).containsExactlyElementsOf(launchersUnconditionalFlags());
    assertThat(spec.mainClass()).isEqualTo("dev.warp2api.cli.Main");
    assertThat(strings(config.path("config").path("Cmd"))).containsExactly("serve");
  }

  @Test
  void exposesTheGatewayPortAndListensOnEveryAddress() {
    assertThat(fieldNames(config.path("config").path("ExposedPorts"))).containsExactly("28889/tcp");
    assertThat(env()).containsEntry("W2A_HOST", "0.0.0.0").containsEntry("W2A_PORT", "28889");
  }

  @Test
  void keepsTheStateDirectoryInAVolumeTheUserCanWrite() {
    assertThat(fieldNames(config.path("config").path("Volumes"))).containsExactly("/data");
    assertThat(env().get("W2A_STATE_DIR")).startsWith("/data/");
    // The gateway makes its state directory (0700) inside the volume itself: a volume mounted at
    // /data starts with the image's /data, which any user may write.
    TarEntry data = rootLayer.get("data/");
    assertThat(data).isNotNull();
    assertThat(data.directory()).isTrue();
    assertThat(data.mode() & 0777).isEqualTo(0777);
  }

  @Test
  void namesOnlyDocumentedSettings() {
    assertThat(RepoFiles.documentedSettings()).containsAll(spec.environment().keySet());
  }

  @Test
  void isTaggedWithTheProjectVersionOnAJava21RuntimePinnedByDigest() {
    assertThat(spec.to()).isEqualTo("warp2api:" + RepoFiles.projectVersion());
    assertThat(spec.from()).matches("eclipse-temurin:21-jre@sha256:[0-9a-f]{64}");
    assertThat(spec.format()).isEqualTo("OCI");
    assertThat(config
            .path("config")
            .path("Labels")
            .path("org.opencontainers.image.version")
            .asText())
        .isEqualTo(RepoFiles.projectVersion());
  }

  private static Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String kv : strings(config.path("config").path("Env"))) {
      int eq = kv.indexOf('=');
      env.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return env;
  }

  /**
   * The flags {@code ./warp2api} gives every JDK: its top-level {@code flags=(...)} and
   * {@code flags+=(...)} lines (the indented ones depend on the JDK's version or the command).
   */
  private static List<String> launchersUnconditionalFlags() {
    List<String> flags = new ArrayList<>();
    for (String line : RepoFiles.lines(RepoFiles.root().resolve("warp2api"))) {
      if (line.startsWith("flags=(") || line.startsWith("flags+=(")) {
        String inside = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
        Arrays.stream(inside.split("\\s+"))
            .map(f -> f.replace("\"", ""))
            .filter(f -> !f.isEmpty())
            .forEach(flags::add);
      }
    }
    assertThat(flags).as("the launcher's flags").isNotEmpty();
    return flags;
  }

  private static ImageSpec readImageProfile() {
    Element profile = children(child(RepoFiles.gatewayPom(), "profiles")).stream()
        .filter(p -> child(p, "id").getTextContent().strip().equals("image"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("gateway/pom.xml has no `image` profile"));
    Element jib = children(child(child(profile, "build"), "plugins")).stream()
        .filter(p -> child(p, "artifactId").getTextContent().strip().equals("jib-maven-plugin"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the `image` profile has no jib-maven-plugin"));
    Element conf = child(jib, "configuration");
    Element container = child(conf, "container");
    String version = RepoFiles.projectVersion();
    Map<String, String> labels = map(child(container, "labels"));
    labels.replaceAll((k, v) -> v.replace("${project.version}", version));
    Map<String, String> permissions = new LinkedHashMap<>();
    for (Element p : children(child(child(conf, "extraDirectories"), "permissions"))) {
      permissions.put(text(p, "file"), text(p, "mode"));
    }
    return new ImageSpec(
        text(child(conf, "from"), "image"),
        text(child(conf, "to"), "image").replace("${project.version}", version),
        text(container, "format"),
        text(container, "user"),
        text(container, "mainClass"),
        list(child(container, "args")),
        list(child(container, "jvmFlags")),
        list(child(container, "ports")),
        map(child(container, "environment")),
        list(child(container, "volumes")),
        text(container, "workingDirectory"),
        labels,
        permissions);
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().strip();
  }

  private static List<String> list(Element parent) {
    return children(parent).stream().map(e -> e.getTextContent().strip()).toList();
  }

  private static Map<String, String> map(Element parent) {
    Map<String, String> out = new LinkedHashMap<>();
    children(parent).forEach(e -> out.put(e.getTagName(), e.getTextContent().strip()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static byte[] blob(Map<String, TarEntry> files, JsonNode descriptor) {
    String digest = descriptor.path("digest").asText();
    TarEntry entry = files.get("blobs/" + digest.replace(':', '/'));
    assertThat(entry).as(digest).isNotNull();
    return entry.content();
  }

  private static byte[] gunzip(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  /** A ustar reader: 512-byte headers, names with their prefix, sizes and modes in octal. */
  private static Map<String, TarEntry> readTar(byte[] tar) {
    Map<String, TarEntry> entries = new LinkedHashMap<>();
    int at = 0;
    while (at + 512 <= tar.length && tar[at] != 0) {
      String name = field(tar, at, 100);
      String prefix = field(tar, at + 345, 155);
      int mode = Integer.parseInt(field(tar, at + 100, 8).strip(), 8);
      int size = Integer.parseInt(field(tar, at + 124, 12).strip(), 8);
      char type = (char) tar[at + 156];
      String path = prefix.isEmpty() ? name : prefix + "/" + name;
      ByteArrayOutputStream content = new ByteArrayOutputStream();
      content.write(tar, at + 512, size);
      entries.put(path, new TarEntry(mode, type == '5', content.toByteArray()));
      at += 512 + (size + 511) / 512 * 512;
    }
    return entries;
  }

  private static String field(byte[] tar, int offset, int length) {
    int end = offset;
    while (end < offset + length && tar[end] != 0) {
      end++;
    }
    return new String(tar, offset, end - offset, StandardCharsets.US_ASCII);
  }
}
