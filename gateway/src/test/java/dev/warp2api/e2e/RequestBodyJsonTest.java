package dev.warp2api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warp2api.sim.SimAccountSpec;
import dev.warp2api.sim.SimConfig;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Every route that reads a JSON body (both chat dialects, count_tokens, the admin routes, the
 * bridge) answers a body Jackson refuses with a 400 in its own error shape that says where, never a
 * 500, and never quotes the body.
 */
class RequestBodyJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "rt-request-body-json-0001";
  private static final String OPENAI = "/v1/chat/completions";
  private static final String MESSAGES = "/v1/messages";
  private static final String COUNT = "/v1/messages/count_tokens";
  private static final String ADMIN = "/admin/pool/credentials";
  private static final String BRIDGE = "/api/encode";
  private static final List<String> ROUTES = List.of(OPENAI, MESSAGES, COUNT, ADMIN, BRIDGE);

  @AutoClose
  private final TestStack stack = TestStack.start(
      SimConfig.defaults().withAccounts(SimAccountSpec.of(TOKEN, "alpha", 100)),
      Map.of("WARP_REFRESH_TOKEN", TOKEN));

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /**
   * The answer is a 400 in the route's error shape whose message says where the JSON is malformed.
   */
  private static String rejected(String route, HttpResponse<String> r) {
    assertThat(r.statusCode()).as(route + " " + r.body()).isEqualTo(400);
    JsonNode root = parse(r.body());
    if (route.equals(MESSAGES) || route.equals(COUNT)) {
      assertThat(root.path("type").asText()).as(r.body()).isEqualTo("error");
    }
    assertThat(root.at("/error/type").asText()).as(r.body()).contains("invalid_request");
    String message = root.at("/error/message").asText();
    assertThat(message).as(route).startsWith("malformed JSON at line ").contains(", column ");
    return message;
  }

  @Test
  void jsonNestedBeyondTheParsersDepthIsA400NamingTheFieldOnEveryRoute() {
    String deep = "{\"model\":\"gpt-4o\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
    for (String route : ROUTES) {
      HttpResponse<String> r = stack.post(route, deep);
      assertThat(r.statusCode()).as(route + " " + r.body()).isEqualTo(400);
      String message = parse(r.body()).at("/error/message").asText();
      assertThat(message)
          .as(route)
          .startsWith("`x[0][0][0][0][0]...` is nested deeper than 128 levels at line 1");
    }
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  void aNumberLongerThanTheParserAllowsIsA400SayingWhereOnEveryRoute() {
    String body = "{\"model\":\"gpt-4o\",\"max_tokens\":" + "7".repeat(1200) + "}";
    for (String route : ROUTES) {
      assertThat(rejected(route, stack.post(route, body)))
          .contains("a number longer than 1000 characters");
    }
  }

  @Test
  void aStringLongerThanTwentyMillionCharactersUnderTheBodyLimitParses() {
    stack.sim.enqueue(SimReply.text("ok"));
    String body =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"padding\":\""
            + "x".repeat(20_100_000) + "\"}";
    HttpResponse<String> r = stack.post(OPENAI, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(parse(r.body()).at("/choices/0/message/content").asText()).isEqualTo("ok");
  }

  @Test
  void aMalformedBodyIsNeverQuotedBackNorTheParsersInternals() {
    String secret = "AMfvSECRETunquoted98";
    for (String body : List.of(
        "{\"tier\":\"shared\",\"refresh_token\":" + secret + "}",
        "{\"tier\":\"shared\",\"refresh_token\":\"" + secret + "\" " + secret + "}",
        "{\"" + secret + "\" 1}")) {
      for (String route : ROUTES) {
        HttpResponse<String> r = stack.post(route, body);
        String message = rejected(route, r);
        assertThat(r.body())
            .doesNotContain("SECRET")
            .doesNotContain("AMfv")
            .doesNotContain("unquoted98")
            .doesNotContain("Source")
            .doesNotContain("StreamReadFeature")
            .doesNotContain("REDACTED");
        assertThat(message).matches("malformed JSON at line \\d+, column \\d+: [a-z ]+");
      }
    }
  }

  @Test
  void anythingAfterTheJsonValueIsA400OnEveryRoute() {
    // Valid for both chat dialects and for adding a credential: only the trailing content is wrong.
    String valid =
        "{\"model\":\"gpt-4o\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + "\"tier\":\"shared\",\"refresh_token\":\"rt-trailing-content-0002\"}";
    for (String trailing : List.of(" xyz", " {}", "\n[1]", " 5")) {
      for (String route : ROUTES) {
        rejected(route, stack.post(route, valid + trailing));
      }
    }
    assertThat(stack.sim.requestCount()).isZero();
    assertThat(parse(stack.get("/admin/pool").body()).path("credentials").size())
        .as("nothing added")
        .isEqualTo(1);
  }
}
