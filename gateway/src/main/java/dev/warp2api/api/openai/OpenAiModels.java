package dev.warp2api.api.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warp2api.api.ModelCatalog;
import dev.warp2api.api.ModelInfo;
import dev.warp2api.core.ErrorKind;
import dev.warp2api.core.GatewayException;
import java.util.List;
import java.util.Optional;

/**
 * The bodies of {@code GET /v1/models} and {@code GET /v1/models/{id}}: OpenAI model objects
 * {@code {"id","object":"model","created","owned_by":"warp"}} plus, where Warp gives them,
 * {@code display_name}, {@code context_window}, {@code vision} and {@code provider}. Stateless.
 */
public final class OpenAiModels {
  /**
   * Warp publishes no creation dates; a fixed value (2025-01-01T00:00:00Z) keeps responses stable.
   */
  static final long CREATED = 1_735_689_600L;

  private OpenAiModels() {}

  /** {@code {"object":"list","data":[...]}} in the given order. */
  public static ObjectNode list(List<ModelInfo> models) {
    ObjectNode root = OpenAiJson.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    models.forEach(m -> data.add(model(m)));
    return root;
  }

  /** One model object. */
  public static ObjectNode model(ModelInfo info) {
    ObjectNode m = OpenAiJson.object();
    m.put("id", info.id());
    m.put("object", "model");
    m.put("created", CREATED);
    m.put("owned_by", "warp");
    if (info.displayName() != null) {
      m.put("display_name", info.displayName());
    }
    if (info.contextWindow() != null) {
      m.put("context_window", info.contextWindow());
    }
    if (info.vision() != null) {
      m.put("vision", info.vision());
    }
    if (info.provider() != null) {
      m.put("provider", info.provider());
    }
    return m;
  }

  /**
   * The object for {@code GET /v1/models/{id}}: a listed Warp id, or any name the catalogue
   * resolves (an alias answers with the requested name as {@code id} and its target's facts, so a
   * client that checks its model first can use the same name to chat).
   *
   * @throws GatewayException {@link ErrorKind#MODEL_NOT_FOUND} when the name does not resolve
   */
  public static ObjectNode get(ModelCatalog catalog, String id) {
    Optional<ModelInfo> listed = catalog.find(id);
    if (listed.isPresent()) {
      return model(listed.get());
    }
    String target = catalog
        .resolve(id)
        .orElseThrow(() -> GatewayException.about(
            ErrorKind.MODEL_NOT_FOUND, "The model `" + id + "` does not exist", "model"));
    ModelInfo facts = catalog.find(target).orElse(ModelInfo.of(target, null));
    return model(new ModelInfo(
        id, facts.displayName(), facts.vision(), facts.contextWindow(), facts.provider()));
  }
}
