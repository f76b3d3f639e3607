package dev.warp2api.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.Caller;
import dev.warp2api.api.ChatExchange;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.RequestIds;
import dev.warp2api.api.anthropic.AnthropicTranslation;
import dev.warp2api.api.anthropic.CountTokens;
import dev.warp2api.api.openai.OpenAiDialect;
import dev.warp2api.api.openai.OpenAiTranslation;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.util.Iterator;

/**
 * The dialect routes (docs/API.md): OpenAI's {@code /v1/models} and {@code /v1/chat/completions},
 * Anthropic's {@code /v1/messages} and {@code /v1/messages/count_tokens}. Each chat route is one
 * {@link ChatExchange} with its dialect's translation; Anthropic's depends on the request's
 * {@code anthropic-beta} headers. A named key sees only the models its list allows.
 */
final class ChatRoutes {
  private final ChatExchange exchange;
  private final OpenAiDialect openAi;
  private final AnthropicTranslation anthropic;
  private final CountTokens countTokens;
  private final ModelCatalog catalog;

  ChatRoutes(
      ChatExchange exchange,
      OpenAiDialect openAi,
      AnthropicTranslation anthropic,
      ModelCatalog catalog) {
    this.exchange = exchange;
    this.catalog = catalog;
    this.openAi = openAi;
    this.anthropic = anthropic;
    this.countTokens = new CountTokens(anthropic.parser());
  }

  void mount(Routes routes) {
    routes.get(
        "/v1/models",
        ctx -> Routes.json(ctx, 200, onlyAllowed(openAi.models(), Routes.caller(ctx))));
    routes.get("/v1/models/:id", ctx -> {
      String id = ctx.pathParam("id");
      ObjectNode model = openAi.model(id);
      String target = catalog.resolve(id).orElse(id);
      if (!Routes.caller(ctx).allows(target)) {
        throw GatewayException.about(
            ErrorKind.MODEL_NOT_ALLOWED,
            "The key '" + Routes.caller(ctx).keyName() + "' may not use the model '" + target
                + "'.",
            "model");
      }
      Routes.json(ctx, 200, model);
    });
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

  /** The model list without the models {@code caller}'s key may not use. */
  private static ObjectNode onlyAllowed(ObjectNode list, Caller caller) {
    if (caller.named() == null) {
      return list;
    }
    JsonNode data = list.get("data");
    if (data instanceof ArrayNode array) {
      for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
        if (!caller.allows(it.next().path("id").asText())) {
          it.remove();
        }
      }
    }
    return list;
  }
}
