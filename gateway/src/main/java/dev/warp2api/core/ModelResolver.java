package dev.warp2api.core;

import java.util.Optional;

/**
 * Resolves a model name as a client sent it to the Warp model id to use (docs/API.md, "Model
 * names": {@code W2A_MODEL_ALIASES}, then the built-in alias table, then the Warp ids;
 * case-insensitive).
 */
@FunctionalInterface
public interface ModelResolver {
  /** The Warp model id for {@code requested}, or empty when the model is unknown. */
  Optional<String> resolve(String requested);
}
