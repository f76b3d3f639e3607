package dev.warp2api.api.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.core.ChatRequest;
import java.util.Objects;

/**
 * A Responses request, read.
 *
 * @param chat what Warp is asked
 * @param stream whether the answer is streamed
 * @param store whether the finished response is kept ({@code store}, default true)
 * @param owner who may read and continue the stored response (see {@code ResponsesApi#ownerOf})
 * @param reasoning whether the client asked for reasoning ({@code reasoning} present, effort not
 *     {@code none})
 * @param names how calls coming back are named
 * @param history the items of the continued response's conversation (empty without
 *     {@code previous_response_id})
 * @param input this request's input items as kept: each with an id, references resolved
 * @param echo the request fields a response object repeats ({@code instructions}, {@code tools},
 *     ...)
 */
record ParsedResponse(
    ChatRequest chat,
    boolean stream,
    boolean store,
    String owner,
    boolean reasoning,
    ToolNames names,
    ArrayNode history,
    ArrayNode input,
    ObjectNode echo) {
  ParsedResponse {
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(echo, "echo");
  }

  /** The model name as the client sent it. */
  String requestedModel() {
    return echo.path("model").asText();
  }
}
