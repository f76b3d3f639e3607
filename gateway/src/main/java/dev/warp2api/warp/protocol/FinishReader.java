package dev.warp2api.warp.protocol;

import dev.warp2api.core.ChatEvent;
import dev.warp2api.core.FinishReason;
import dev.warp2api.core.Usage;
import dev.warp2api.warp.protocol.pb.ResponseEvent.StreamFinished;
import java.util.List;

/**
 * Reads Warp's {@code finished} event: why the turn ended and what it cost. Pure.
 *
 * <p>Usage, in order of preference:
 *
 * <ol>
 *   <li>the legacy {@code token_usage} list (field 8, internal-only on today's servers): input = Σ
 *       {@code total_input}, output = Σ {@code output}, total = their sum;
 *   <li>today's {@code conversation_usage_metadata} (field 11): total = Σ {@code total_tokens} over
 *       the {@code warp_token_usage}, {@code byok_token_usage} and
 *       {@code custom_endpoint_token_usage} maps, or, when all maps are empty, over the deprecated
 *       {@code token_usage} list (the same numbers in another shape: never both); input =
 *       {@code total_input_tokens} (10) when non-zero; output = total − input when input is known
 *       and not above total, else -1.
 * </ol>
 *
 * Credits are {@code request_cost.exact + request_cost.platform_credits} when {@code request_cost}
 * is present, else -1.
 */
final class FinishReader {
  private FinishReader() {}

  static ChatEvent.Finished read(StreamFinished f) {
    FinishReason reason = switch (f.getReasonCase()) {
      case DONE -> FinishReason.DONE;
      case MAX_TOKEN_LIMIT -> FinishReason.MAX_TOKENS;
      case QUOTA_LIMIT -> FinishReason.QUOTA_LIMIT;
      case CONTEXT_WINDOW_EXCEEDED -> FinishReason.CONTEXT_WINDOW_EXCEEDED;
      case LLM_UNAVAILABLE -> FinishReason.LLM_UNAVAILABLE;
      case INTERNAL_ERROR -> FinishReason.INTERNAL_ERROR;
      case INVALID_API_KEY -> FinishReason.INVALID_API_KEY;
      case OTHER -> FinishReason.OTHER;
      case REASON_NOT_SET -> FinishReason.UNSPECIFIED;
    };
    String detail = switch (f.getReasonCase()) {
      case INTERNAL_ERROR -> emptyToNull(f.getInternalError().getMessage());
      case INVALID_API_KEY -> invalidKeyDetail(f.getInvalidApiKey());
      case DONE,
          MAX_TOKEN_LIMIT,
          QUOTA_LIMIT,
          CONTEXT_WINDOW_EXCEEDED,
          LLM_UNAVAILABLE,
          OTHER,
          REASON_NOT_SET -> null;
    };
    noteDrift(f);
    return new ChatEvent.Finished(reason, usage(f), detail, f.getShouldRefreshModelConfig());
  }

  /**
   * Counts what the {@code finished} event carries that this schema does not know: an unknown
   * message field while no reason is set is a new finish reason (every reason is a message); any
   * other unknown field, here or in the usage and cost messages, a new field. The legacy
   * {@code token_usage} list (internal-only since 2025-10) is counted as deprecated. Once per
   * stream, and the usual answer to each check is "nothing".
   */
  private static void noteDrift(StreamFinished f) {
    UpstreamDrift drift = UpstreamDrift.global();
    boolean noReason = f.getReasonCase() == StreamFinished.ReasonCase.REASON_NOT_SET;
    for (var field : f.getUnknownFields().asMap().entrySet()) {
      int number = field.getKey();
      if (noReason && !field.getValue().getLengthDelimitedList().isEmpty()) {
        drift.unknownField(UpstreamDrift.Kind.FINISH_REASON, "StreamFinished.reason", number);
      } else {
        drift.unknownField(UpstreamDrift.Kind.FIELD, "StreamFinished", number);
      }
    }
    if (f.hasConversationUsageMetadata()) {
      for (int number :
          f.getConversationUsageMetadata().getUnknownFields().asMap().keySet()) {
        drift.unknownField(
            UpstreamDrift.Kind.FIELD, "StreamFinished.conversation_usage_metadata", number);
      }
    }
    if (f.hasRequestCost()) {
      for (int number : f.getRequestCost().getUnknownFields().asMap().keySet()) {
        drift.unknownField(UpstreamDrift.Kind.FIELD, "StreamFinished.request_cost", number);
      }
    }
    if (f.getTokenUsageCount() > 0) {
      drift.deprecated(
          UpstreamDrift.Kind.FIELD,
          "StreamFinished",
          "token_usage (field 8, internal since 2025-10)");
    }
  }

  static Usage usage(StreamFinished f) {
    double credits = f.hasRequestCost()
        ? widen(f.getRequestCost().getExact()) + widen(f.getRequestCost().getPlatformCredits())
        : -1;
    if (f.getTokenUsageCount() > 0) {
      long in = 0;
      long out = 0;
      for (StreamFinished.TokenUsage u : f.getTokenUsageList()) {
        in += Integer.toUnsignedLong(u.getTotalInput());
        out += Integer.toUnsignedLong(u.getOutput());
      }
      return new Usage(in, out, in + out, credits);
    }
    if (f.hasConversationUsageMetadata()) {
      StreamFinished.ConversationUsageMetadata m = f.getConversationUsageMetadata();
      long total = mapTotal(m);
      if (total < 0) {
        total = listTotal(m.getTokenUsageList());
      }
      long in = m.getTotalInputTokens() > 0 ? Integer.toUnsignedLong(m.getTotalInputTokens()) : -1;
      long out = in >= 0 && total >= 0 && in <= total ? total - in : -1;
      return new Usage(in, out, total, credits);
    }
    return credits < 0 ? Usage.UNKNOWN : new Usage(-1, -1, -1, credits);
  }

  private static long mapTotal(StreamFinished.ConversationUsageMetadata m) {
    if (m.getWarpTokenUsageCount()
            + m.getByokTokenUsageCount()
            + m.getCustomEndpointTokenUsageCount()
        == 0) {
      return -1;
    }
    long total = 0;
    for (StreamFinished.ModelTokenUsage u : m.getWarpTokenUsageMap().values()) {
      total += Integer.toUnsignedLong(u.getTotalTokens());
    }
    for (StreamFinished.ModelTokenUsage u : m.getByokTokenUsageMap().values()) {
      total += Integer.toUnsignedLong(u.getTotalTokens());
    }
    for (StreamFinished.ModelTokenUsage u : m.getCustomEndpointTokenUsageMap().values()) {
      total += Integer.toUnsignedLong(u.getTotalTokens());
    }
    return total;
  }

  private static long listTotal(List<StreamFinished.ModelTokenUsage> list) {
    if (list.isEmpty()) {
      return -1;
    }
    long total = 0;
    for (StreamFinished.ModelTokenUsage u : list) {
      total += Integer.toUnsignedLong(u.getTotalTokens());
    }
    return total;
  }

  private static String invalidKeyDetail(StreamFinished.InvalidApiKey k) {
    String model = k.getModelName();
    String provider = k.getProvider().toString();
    return "invalid API key for provider " + provider + (model.isEmpty() ? "" : ", model " + model);
  }

  /** A float as the decimal it was written as ({@code 0.1f} → {@code 0.1}, not 0.10000000149). */
  private static double widen(float f) {
    return Double.parseDouble(Float.toString(f));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
