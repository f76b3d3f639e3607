package dev.warp2api.e2e.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.sim.RecordedRequest;
import dev.warp2api.sim.SimReply;
import dev.warp2api.testing.TestStack;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Image parts (data: URLs) reach Warp as input images and a web address is a clear 400;
 * {@code developer} messages join the system prompt; {@code tool_choice} {@code none} sends no
 * tools, a named tool is asked for in the system prompt.
 */
class ImagesAndToolChoiceReachWarpTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
  private static final String TOOL =
      "{\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"parameters\":{\"type\":\"object\"}}}";

  @AutoClose
  private final TestStack stack = OpenAiE2e.start("W2A_SYSTEM_PROMPT_PREFIX", "none");

  private static String image(String url) {
    return "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"developer\",\"content\":\"Describe images.\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + url + "\",\"detail\":\"low\"}}]}]}";
  }

  @Test
  void dataUrlImageReachesWarpAsAnInputImageBesideTheText() throws Exception {
    stack.sim.enqueue(SimReply.text("A PNG header."));
    String url = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
    HttpResponse<String> r = stack.post("/v1/chat/completions", image(url));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    RecordedRequest seen = stack.sim.takeRequest();
    var input = seen.request().getInput();
    assertThat(input.getContext().getImagesList()).singleElement().satisfies(img -> {
      assertThat(img.getMimeType()).isEqualTo("image/png");
      assertThat(img.getData().toByteArray()).isEqualTo(PNG);
    });
    var query = input.getUserInputs().getInputs(0).getUserQuery();
    assertThat(query.getQuery()).isEqualTo("What is this?");
    assertThat(query.getReferencedAttachmentsOrThrow("SYSTEM_PROMPT").getPlainText())
        .isEqualTo("Describe images.");
  }

  @Test
  void webAddressImageIsA400NamingThePart() {
    HttpResponse<String> r =
        stack.post("/v1/chat/completions", image("https://example.com/cat.png"));
    assertThat(r.statusCode()).isEqualTo(400);
    var error = OpenAiE2e.parse(r.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo("messages[1].content[1].image_url.url");
    assertThat(error.get("message").asText()).contains("data: URL");
    assertThat(stack.sim.requestCount()).isZero();
  }

  @Test
  @SuppressWarnings("deprecation") // mcp_context.tools, the form the gateway sends by default
  void toolChoiceNoneSendsNoToolsAndANamedToolIsRequiredInTheSystemPrompt() throws Exception {
    stack.sim.enqueue(SimReply.text("no tools")).enqueue(SimReply.text("with tool"));
    String ask =
        "{\"model\":\"claude-4-5-sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"Find it\"}],"
            + "\"tools\":[" + TOOL + "],\"tool_choice\":";
    assertThat(stack.post("/v1/chat/completions", ask + "\"none\"}").statusCode())
        .isEqualTo(200);
    assertThat(stack
            .post(
                "/v1/chat/completions",
                ask + "{\"type\":\"function\",\"function\":{\"name\":\"lookup\"}}}")
            .statusCode())
        .isEqualTo(200);

    RecordedRequest none = stack.sim.takeRequest();
    assertThat(none.request().hasMcpContext()).isFalse();
    RecordedRequest named = stack.sim.takeRequest();
    assertThat(named.request().getMcpContext().getToolsList())
        .extracting(t -> t.getName())
        .containsExactly("lookup");
    assertThat(named
            .request()
            .getInput()
            .getUserInputs()
            .getInputs(0)
            .getUserQuery()
            .getReferencedAttachmentsOrThrow("SYSTEM_PROMPT")
            .getPlainText())
        .contains("`lookup`");

    HttpResponse<String> unknown = stack.post(
        "/v1/chat/completions", ask + "{\"type\":\"function\",\"function\":{\"name\":\"nope\"}}}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(OpenAiE2e.parse(unknown.body()).at("/error/param").asText())
        .startsWith("tool_choice");
  }
}
