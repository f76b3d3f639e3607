package dev.warp2api.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.config.AccessSettings;
import dev.warp2api.config.Settings;
import dev.warp2api.warp.protocol.UpstreamDrift;
import dev.warp2api.warp.protocol.UpstreamDrift.Sighting;
import dev.warp2api.warp.protocol.UpstreamDrift.Status;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code doctor}'s drift steps: what Warp sent during this run that this version does not know (or
 * knows as deprecated), and what the running gateway on {@code W2A_PORT} has seen since it started
 * ({@code GET /admin/drift}), each with first seen, last seen and count. Never content.
 */
final class DriftSteps {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Enough lines to read at a glance; the full list is {@code GET /admin/drift}. */
  private static final int SHOWN = 8;

  private final Map<String, Long> countsBefore = new HashMap<>();

  private DriftSteps() {}

  /**
   * Remembers what the process had seen before the run, so that only this run's sightings are
   * reported.
   */
  static DriftSteps before() {
    DriftSteps d = new DriftSteps();
    for (Sighting s : UpstreamDrift.global().snapshot()) {
      d.countsBefore.put(key(s), s.count());
    }
    return d;
  }

  List<DoctorStep> after(Settings settings) {
    List<String> unknown = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    for (Sighting s : UpstreamDrift.global().snapshot()) {
      long count = s.count() - countsBefore.getOrDefault(key(s), 0L);
      if (count <= 0) {
        continue;
      }
      String line = s.kind().label() + " " + s.where() + " " + s.value() + " (" + count
          + "x, first seen " + s.firstSeen() + ", last seen " + s.lastSeen() + ")";
      (s.status() == Status.UNKNOWN ? unknown : deprecated).add(line);
    }
    List<DoctorStep> steps = new ArrayList<>();
    String old = deprecated.isEmpty() ? "" : "; parts of the 2025 protocol: " + shown(deprecated);
    steps.add(
        unknown.isEmpty()
            ? DoctorStep.ok("drift (this run)", "nothing this version does not know" + old)
            : DoctorStep.warn(
                "drift (this run)",
                "Warp sent what this version does not know: " + shown(unknown) + old,
                "the gateway skips it and keeps serving; see docs/PROTOCOL.md 'When Warp changes'"));
    steps.add(gateway(settings));
    return steps;
  }

  /** The running gateway's {@code GET /admin/drift}, or why it could not be read. */
  private static DoctorStep gateway(Settings settings) {
    AccessSettings access = settings.access();
    URI url = URI.create("http://127.0.0.1:" + settings.listen().port() + "/admin/drift");
    String step = "drift (gateway at 127.0.0.1:" + settings.listen().port() + ")";
    String key = access.adminKey() != null
        ? access.adminKey()
        : access.apiKeys().isEmpty() ? null : access.apiKeys().getFirst();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET();
    if (key != null) {
      request.header("authorization", "Bearer " + key);
    }
    HttpResponse<String> response;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return DoctorStep.skipped(
          step, "no gateway answers there (start it with './warp2api serve' to collect drift)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DoctorStep.skipped(step, "interrupted");
    }
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      return DoctorStep.warn(
          step,
          "the gateway refused the admin request (HTTP " + response.statusCode() + ")",
          "set W2A_ADMIN_TOKEN to the gateway's admin key to see its drift report");
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (response.statusCode() != 200 || body == null || !body.path("entries").isArray()) {
      return DoctorStep.warn(
          step,
          "no drift report (HTTP " + response.statusCode() + ")",
          "the gateway there may be an older version");
    }
    List<String> unknown = new ArrayList<>();
    List<String> deprecated = new ArrayList<>();
    for (JsonNode e : body.path("entries")) {
      String line = e.path("kind").asText() + " " + e.path("where").asText() + " "
          + e.path("value").asText() + " ("
          + e.path("count").asLong() + "x, first seen " + e.path("first_seen").asText()
          + ", last seen "
          + e.path("last_seen").asText() + ")";
      (e.path("status").asText().equals("unknown") ? unknown : deprecated).add(line);
    }
    String old = deprecated.isEmpty() ? "" : "; parts of the 2025 protocol: " + shown(deprecated);
    return unknown.isEmpty()
        ? DoctorStep.ok(step, "nothing unknown since it started" + old)
        : DoctorStep.warn(
            step,
            "Warp sent what this version does not know: " + shown(unknown) + old,
            "GET /admin/drift has the full list; see docs/PROTOCOL.md 'When Warp changes'");
  }

  private static String shown(List<String> lines) {
    return String.join("; ", lines.subList(0, Math.min(SHOWN, lines.size())))
        + (lines.size() > SHOWN ? "; and " + (lines.size() - SHOWN) + " more" : "");
  }

  private static String key(Sighting s) {
    return s.status() + "|" + s.kind() + "|" + s.where() + "|" + s.value();
  }
}
