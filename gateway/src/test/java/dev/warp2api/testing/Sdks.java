package dev.warp2api.testing;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;

/**
 * The official SDKs pointed at a test stack's gateway, with their own retries off: a retry would
 * hide what the gateway answered.
 */
public final class Sdks {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private Sdks() {}

  /** The OpenAI SDK ({@code /v1} on the gateway) sending {@code apiKey}. */
  public static OpenAIClient openAi(TestStack stack, String apiKey) {
    return OpenAIOkHttpClient.builder()
        .baseUrl(stack.baseUrl() + "/v1")
        .apiKey(apiKey)
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }

  /** The Anthropic SDK sending {@code apiKey}. */
  public static AnthropicClient anthropic(TestStack stack, String apiKey) {
    return AnthropicOkHttpClient.builder()
        .baseUrl(stack.baseUrl())
        .apiKey(apiKey)
        .maxRetries(0)
        .timeout(TIMEOUT)
        .build();
  }
}
