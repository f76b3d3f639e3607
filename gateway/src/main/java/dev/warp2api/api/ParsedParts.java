package dev.warp2api.api;

import dev.warp2api.core.ChatRequest;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ChatTranslation#parsed}: a parsed request whose renderers and aggregators come from
 * suppliers.
 */
record ParsedParts(
    ChatRequest chat,
    boolean stream,
    Supplier<? extends ChatTranslation.StreamRenderer> renderers,
    Supplier<? extends ChatTranslation.ResponseAggregator> aggregators,
    String answerId)
    implements ChatTranslation.Parsed {

  ParsedParts {
    Objects.requireNonNull(chat, "chat");
    Objects.requireNonNull(renderers, "renderers");
    Objects.requireNonNull(aggregators, "aggregators");
  }

  @Override
  public ChatTranslation.StreamRenderer streamRenderer() {
    return renderers.get();
  }

  @Override
  public ChatTranslation.ResponseAggregator aggregator() {
    return aggregators.get();
  }
}
