package dev.warp2api.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml and deploy/kubernetes/: two gateways of this version's image behind a
 * balancer, one Redis, the probes on the gateway's routes, and only settings the gateway reads
 * (docs/CONFIGURATION.md's tables).
 */
class DeploymentFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path DEPLOY = RepoFiles.root().resolve("deploy");
  private static final String IMAGE = "warp2api:" + RepoFiles.projectVersion();
  private static final int PORT = 28889;

  @Test
  void composeRunsTwoGatewaysOfThisImageWithRedisBehindABalancer() throws IOException {
    JsonNode services = YAML.readTree(DEPLOY.resolve("compose.yaml").toFile()).path("services");
    List<String> gateways = gatewayServices(services);
    assertThat(gateways).hasSize(2);

    Set<String> volumes = new LinkedHashSet<>();
    for (String name : gateways) {
      JsonNode gateway = services.path(name);
      String redisUrl = gateway.path("environment").path("W2A_REDIS_URL").asText();
      assertThat(services.has(URI.create(redisUrl).getHost())).as(redisUrl).isTrue();
      assertThat(gateway.path("env_file").asText()).isEqualTo("gateway.env");
      assertThat(gateway.path("healthcheck").path("test").toString())
          .contains("http://127.0.0.1:" + PORT + "/healthz");
      JsonNode mounts = gateway.path("volumes");
      assertThat(mounts).hasSize(1);
      assertThat(mounts.path(0).asText()).endsWith(":/data");
      volumes.add(mounts.path(0).asText());
    }
    assertThat(volumes).as("each gateway has a state volume of its own").hasSize(2);

    JsonNode balancer = services.path("balancer");
    assertThat(balancer.path("ports").path(0).asText()).isEqualTo(PORT + ":" + PORT);
    assertThat(strings(balancer.path("depends_on"))).containsExactlyInAnyOrderElementsOf(gateways);
    String nginx = Files.readString(DEPLOY.resolve("nginx.conf"));
    assertThat(upstreamServers(nginx))
        .containsExactlyInAnyOrderElementsOf(
            gateways.stream().map(g -> g + ":" + PORT).toList());
    assertThat(nginx).contains("listen " + PORT + ";").contains("proxy_buffering off;");
  }

  @Test
  void composeNamesOnlyDocumentedSettings() throws IOException {
    JsonNode services = YAML.readTree(DEPLOY.resolve("compose.yaml").toFile()).path("services");
    Set<String> named = new LinkedHashSet<>();
    for (String name : gatewayServices(services)) {
      services.path(name).path("environment").fieldNames().forEachRemaining(named::add);
    }
    for (String line : RepoFiles.lines(DEPLOY.resolve("gateway.env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        named.add(line.substring(0, line.indexOf('=')));
      }
    }
    assertThat(named).contains("W2A_REDIS_URL", "W2A_SECRET_KEY", "WARP_REFRESH_TOKEN");
    assertThat(named).allMatch(n -> RepoFiles.SETTING_NAME.matcher(n).matches());
    assertThat(RepoFiles.documentedSettings()).containsAll(named);
  }

  @Test
  void kubernetesRunsTwoReplicasProbedOnReadyzAndHealthz() throws IOException {
    List<JsonNode> docs = kubernetesDocuments();
    JsonNode deployment = one(docs, "Deployment", "warp2api");
    assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode pod = deployment.path("spec").path("template");
    JsonNode container = pod.path("spec").path("containers").path(0);
    assertThat(container.path("image").asText()).isEqualTo(IMAGE);
    assertThat(container.path("ports").path(0).path("containerPort").asInt()).isEqualTo(PORT);

    JsonNode ready = container.path("readinessProbe").path("httpGet");
    assertThat(ready.path("path").asText()).isEqualTo("/readyz");
    assertThat(ready.path("port").asInt()).isEqualTo(PORT);
    JsonNode live = container.path("livenessProbe").path("httpGet");
    assertThat(live.path("path").asText()).isEqualTo("/healthz");
    assertThat(live.path("port").asInt()).isEqualTo(PORT);

    JsonNode security = pod.path("spec").path("securityContext");
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.path("runAsUser").asInt()).isEqualTo(10001);
    assertThat(strings(container.path("volumeMounts"), "mountPath")).contains("/data");

    JsonNode service = one(docs, "Service", "warp2api");
    assertThat(service.path("spec").path("ports").path(0).path("targetPort").asInt())
        .isEqualTo(PORT);
    assertThat(service.path("spec").path("selector"))
        .isEqualTo(pod.path("metadata").path("labels"));
  }

  @Test
  void kubernetesKeepsTokensAndKeysInASecretAndSharesOneRedis() throws IOException {
    List<JsonNode> docs = kubernetesDocuments();
    JsonNode container = one(docs, "Deployment", "warp2api")
        .path("spec")
        .path("template")
        .path("spec")
        .path("containers")
        .path(0);
    String secretName =
        container.path("envFrom").path(0).path("secretRef").path("name").asText();
    JsonNode secret = one(docs, "Secret", secretName);
    List<String> secretKeys = new ArrayList<>();
    secret.path("stringData").fieldNames().forEachRemaining(secretKeys::add);
    assertThat(secretKeys)
        .contains("WARP_REFRESH_TOKEN", "API_TOKEN", "W2A_ADMIN_TOKEN", "W2A_SECRET_KEY");

    String redisUrl = null;
    for (JsonNode env : container.path("env")) {
      if (env.path("name").asText().equals("W2A_REDIS_URL")) {
        redisUrl = env.path("value").asText();
      }
    }
    assertThat(redisUrl).isNotNull();
    String redisHost = URI.create(redisUrl).getHost();
    JsonNode redisService = one(docs, "Service", redisHost);
    assertThat(redisService.path("spec").path("ports").path(0).path("port").asInt())
        .isEqualTo(URI.create(redisUrl).getPort());
    JsonNode redis = docs.stream()
        .filter(d -> d.path("kind").asText().equals("Deployment"))
        .filter(d -> d.path("spec")
            .path("template")
            .path("metadata")
            .path("labels")
            .equals(redisService.path("spec").path("selector")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Deployment behind Service " + redisHost));
    JsonNode redisContainer =
        redis.path("spec").path("template").path("spec").path("containers").path(0);
    assertThat(redisContainer.path("image").asText()).startsWith("redis:");
  }

  @Test
  void kubernetesNamesOnlyDocumentedSettings() throws IOException {
    Set<String> named = new LinkedHashSet<>();
    for (JsonNode doc : kubernetesDocuments()) {
      if (doc.path("kind").asText().equals("Secret")) {
        doc.path("stringData").fieldNames().forEachRemaining(named::add);
      }
      for (JsonNode c : doc.path("spec").path("template").path("spec").path("containers")) {
        c.path("env").forEach(e -> named.add(e.path("name").asText()));
      }
    }
    assertThat(named).contains("W2A_REDIS_URL", "W2A_SECRET_KEY");
    assertThat(named).allMatch(n -> RepoFiles.SETTING_NAME.matcher(n).matches());
    assertThat(RepoFiles.documentedSettings()).containsAll(named);
  }

  /** The services that run this version's gateway image. */
  private static List<String> gatewayServices(JsonNode services) {
    List<String> out = new ArrayList<>();
    services.fieldNames().forEachRemaining(name -> {
      if (services.path(name).path("image").asText().equals(IMAGE)) {
        out.add(name);
      }
    });
    return out;
  }

  private static List<String> upstreamServers(String nginx) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(nginx);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static List<JsonNode> kubernetesDocuments() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (Stream<Path> files = Files.list(DEPLOY.resolve("kubernetes"))) {
      for (Path file :
          files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        YAML.readerFor(JsonNode.class)
            .readValues(file.toFile())
            .forEachRemaining(d -> docs.add((JsonNode) d));
      }
    }
    return docs;
  }

  private static JsonNode one(List<JsonNode> docs, String kind, String name) {
    List<JsonNode> found = docs.stream()
        .filter(d -> d.path("kind").asText().equals(kind))
        .filter(d -> d.path("metadata").path("name").asText().equals(name))
        .toList();
    assertThat(found).as(kind + " " + name).hasSize(1);
    return found.get(0);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> strings(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }
}
