package io.sophra.registry.bench.support;

import io.sophra.registry.model.ModelConfig;
import io.sophra.registry.model.ModelDraft;
import io.sophra.registry.model.ModelStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The models the benchmarks store: deterministic, about 1 KB each as compact JSON (the size the
 * measured costs in DESIGN.md were taken at), with eight base models and the four statuses spread.
 */
public final class ModelFactory {

  private static final String[] BASE_MODELS = {"llama-3-8b", "llama-3-70b", "mistral-7b", "mixtral-8x7b",
      "gemma-2-9b", "qwen-2-7b", "phi-3-mini", "bert-base-uncased"};
  private static final String PROMPT = "You rank search results for a retail catalogue. Prefer items in "
      + "stock, then items whose title matches the query terms exactly, then items with recent positive "
      + "reviews. Never rank an item the user has hidden. Answer with the item ids in order, separated "
      + "by commas, without any other text. Break ties by the lower price, then by the newer listing.";

  private ModelFactory() {
  }

  /** The id of the {@code index}-th model: sorts in index order. */
  public static String id(int index) {
    return String.format("model-%07d", index);
  }

  public static ModelDraft draft(int index) {
    return draft(id(index), index);
  }

  public static ModelDraft draft(String id, int index) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("temperature", 0.7);
    parameters.put("topP", 0.9);
    parameters.put("maxTokens", 4096);
    parameters.put("learningRate", 0.0003);
    parameters.put("epochs", 3 + index % 5);
    parameters.put("batchSize", 64);
    parameters.put("stop", List.of("</answer>", "\n\n"));
    parameters.put("systemPrompt", PROMPT);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("owner", "team-" + index % 17);
    metadata.put("dataset", "catalogue-2024-" + (1 + index % 12));
    metadata.put("accuracy", 0.8 + (index % 100) / 1000.0);
    metadata.put("tags", List.of("search", "ranking", "experiment-" + index % 31));
    ModelStatus status = ModelStatus.values()[index % ModelStatus.values().length];
    return ModelDraft.of(id, BASE_MODELS[index % BASE_MODELS.length], "1." + index % 50 + ".0",
        parameters, metadata, status);
  }

  /** The model as the registry would store it, built without a registry (for plain baselines). */
  public static ModelConfig model(int index) {
    return model(id(index), index);
  }

  /** As {@link #model(int)}, under the id {@code id}. */
  public static ModelConfig model(String id, int index) {
    return ModelConfig.register(draft(id, index), UUID.randomUUID().toString(), Instant.now());
  }
}
