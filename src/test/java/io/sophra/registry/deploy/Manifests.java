package io.sophra.registry.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The Kubernetes objects of every YAML file in a folder, and the parts of the registry's pod. */
record Manifests(List<Map<String, Object>> documents) {

  static Manifests read(Path folder) throws IOException {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
          if (document != null) {
            documents.add(cast(document));
          }
        }
      }
    }
    return new Manifests(List.copyOf(documents));
  }

  static Map<String, Object> yaml(String text) {
    return cast(new Yaml().load(text));
  }

  Map<String, Object> find(String kind, String name) {
    return documents.stream()
        .filter(document -> kind.equals(document.get("kind")) && name.equals(cast(document.get("metadata")).get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  Map<String, Object> spec(String kind, String name) {
    return cast(find(kind, name).get("spec"));
  }

  Map<String, Object> podSpec() {
    return cast(cast(spec("StatefulSet", "model-registry").get("template")).get("spec"));
  }

  Map<String, Object> podLabels() {
    return cast(cast(cast(spec("StatefulSet", "model-registry").get("template")).get("metadata")).get("labels"));
  }

  Map<String, Object> container() {
    List<Object> containers = castList(podSpec().get("containers"));
    return containers.stream().map(Manifests::cast).filter(container -> "registry".equals(container.get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no container 'registry'"));
  }

  /** The registry container's environment by name: each entry as written ({@code value} or {@code valueFrom}). */
  Map<String, Map<String, Object>> env() {
    Map<String, Map<String, Object>> env = new LinkedHashMap<>();
    castList(container().get("env")).stream().map(Manifests::cast).forEach(entry -> env.put((String) entry.get("name"), entry));
    return env;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castList(Object value) {
    return (List<Object>) value;
  }
}
