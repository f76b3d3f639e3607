package dev.warp2api.api.openai;

import static dev.warp2api.api.openai.OpenAiFixtures.IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.Usage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The exact chunk text of a plain text reply, with and without {@code include_usage}. */
class OpenAiStreamTextReplyTest {
  private static final String ENVELOPE =
      "{\"id\":\"chatcmpl-test\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-4o\",";

  private static String render(OpenAiStreamRenderer r, Usage usage) {
    return r.head()
        + r.onEvent(new ChatEvent.Started("conv", "req"))
        + r.onEvent(new ChatEvent.TextDelta("Hello"))
        + r.keepAlive()
        + r.onEvent(new ChatEvent.TextDelta(", wörld"))
        + r.onEvent(new ChatEvent.Finished(FinishReason.DONE, usage, null, false));
  }

  @Test
  void textReplyWithoutUsageHasNoUsageKeys() {
    String text = render(new OpenAiStreamRenderer(IDENTITY, "gpt-4o", false, 10), Usage.UNKNOWN);
    assertThat(text)
        .isEqualTo("data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            + ": keep-alive\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\", wörld\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n");
  }

  @Test
  void textReplyWithUsageCarriesNullUsageThenAUsageChunkWithEmptyChoices() {
    String text = render(
        new OpenAiStreamRenderer(IDENTITY, "gpt-4o", true, 10), new Usage(1200, -1, 1234, 1.0));
    assertThat(text)
        .isEqualTo("data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + ": keep-alive\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\", wörld\"},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null}\n\n"
            + "data: " + ENVELOPE
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":1200,\"completion_tokens\":34,\"total_tokens\":1234}}\n\n"
            + "data: [DONE]\n\n");
  }

  @Test
  void usageFallsBackToTheRequestEstimateAndOutputLength() {
    String text = render(new OpenAiStreamRenderer(IDENTITY, "gpt-4o", true, 77), Usage.UNKNOWN);
    // "Hello" + ", wörld" = 12 characters = 3 tokens
    assertThat(text)
        .contains("\"usage\":{\"prompt_tokens\":77,\"completion_tokens\":3,\"total_tokens\":80}");
  }

  @Test
  void eventsBeforeTheHeadGetTheHeadFirstAndEmptyTextYieldsNothing() {
    OpenAiStreamRenderer r = new OpenAiStreamRenderer(IDENTITY, "gpt-4o", false, 0);
    String first = r.onEvent(new ChatEvent.TextDelta(""));
    assertThat(first)
        .startsWith("data: ")
        .contains("\"role\":\"assistant\"")
        .doesNotContain("\"content\":\"Hello\"");
    assertThat(first.split("\n\n")).hasSize(1);
    assertThat(r.onEvent(new ChatEvent.TextDelta(""))).isEmpty();
  }

  @Test
  void everyChunkSharesIdAndCreatedFromAFreshIdentity() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
    ParsedChat parsed = OpenAiFixtures.parse(
        "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    OpenAiStreamRenderer r = OpenAiStreamRenderer.forRequest(parsed, clock);
    String text = r.head()
        + r.onEvent(new ChatEvent.TextDelta("x"))
        + r.onEvent(new ChatEvent.Finished(FinishReason.DONE, Usage.UNKNOWN, null, false));
    var ids = Pattern.compile("\"id\":\"(chatcmpl-[A-Za-z0-9]{24})\"")
        .matcher(text)
        .results()
        .map(m -> m.group(1))
        .distinct()
        .toList();
    assertThat(ids).hasSize(1);
    assertThat(text.split("\"created\":1800000000,", -1)).hasSize(4);
    assertThat(text).contains("\"model\":\"auto\"");
    assertThat(r.ended()).isTrue();
  }
}
