package dev.warp2api.server;

import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.RequestIds;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.anthropic.CountTokens;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiTranslation;

/**
 * The dialect routes (docs/API.md): OpenAI's {@code /v1/models} and {@code /v1/chat/completions},
 * Anthropic's {@code /v1/messages} and {@code /v1/messages/count_tokens}. Each chat route is one
 * {@link ChatExchange} with its dialect's translation; Anthropic's depends on the request's
 * {@code anthropic-beta} headers.
 */
final class ChatRoutes {
  private final ChatExchange exchange;
  private final OpenAiDialect openAi;
  private final AnthropicTranslation anthropic;
  private final CountTokens countTokens;

  ChatRoutes(ChatExchange exchange, OpenAiDialect openAi, AnthropicTranslation anthropic) {
    this.exchange = exchange;
    this.openAi = openAi;
    this.anthropic = anthropic;
    this.countTokens = new CountTokens(anthropic.parser());
  }

  void mount(Routes routes) {
    routes.get("/v1/models", ctx -> Routes.json(ctx, 200, openAi.models()));
    routes.get("/v1/models/:id", ctx -> Routes.json(ctx, 200, openAi.model(ctx.pathParam("id"))));
    routes.chat("/v1/chat/completions", exchange, new OpenAiTranslation(openAi));
    routes.chatPerRequest(
        "/v1/messages",
        exchange,
        request -> anthropic.forBetas(request.headers().getAll("anthropic-beta")));
    routes.post(
        "/v1/messages/count_tokens",
        (ctx, body, id) -> RequestIds.write(ctx.response(), id)
            .putHeader("content-type", "application/json")
            .end(countTokens.respond(ChatExchange.parseJson(body))));
  }
}
