package io.sophra.registry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.XmlConfigBuilder;
import io.sophra.registry.RegistryNode;
import io.sophra.registry.config.ClusterSettings;
import io.sophra.registry.config.EventBusSettings;
import io.sophra.registry.config.HttpSettings;
import io.sophra.registry.config.Setting;
import io.sophra.registry.config.Settings;
import io.sophra.registry.support.Http;
import io.sophra.registry.support.TestNodes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The files an operator deploys with (Dockerfile, deploy/compose.yaml, deploy/kubernetes/) agree with
 * the code: ports are the defaults the code uses, every setting they name exists, the probes answer
 * on a real node, and the container runs as the image's non-root user with a read-only root.
 */
@DisplayName("The Dockerfile, compose file and Kubernetes manifests agree with the code")
class DeploymentFilesTest {

  private static final Pattern SETTING_NAME = Pattern.compile("MODEL_REGISTRY_[A-Z0-9_]+");

  private static Dockerfile dockerfile;
  private static Manifests kubernetes;
  private static Map<String, Object> compose;

  @BeforeAll
  static void readFiles() throws IOException {
    dockerfile = Dockerfile.read(Path.of("Dockerfile"));
    kubernetes = Manifests.read(Path.of("deploy", "kubernetes"));
    compose = Manifests.yaml(Files.readString(Path.of("deploy", "compose.yaml")));
  }

  @Test
  @DisplayName("The image runs the jar as a numeric non-root user, exposes only the API's default port and probes /health/live")
  void image() {
    assertThat(dockerfile.user()).matches("[0-9]+(:[0-9]+)?");
    assertThat(dockerfile.uid()).isPositive();
    assertThat(dockerfile.exposed()).containsExactly(defaultPort(HttpSettings.PORT));
    assertThat(dockerfile.last("HEALTHCHECK")).contains("/health/live");
    assertThat(dockerfile.last("ENTRYPOINT")).startsWith("[\"java\"").contains("model-registry.jar");
    assertThat(dockerfile.instructions("ARG")).contains("BUILD_IMAGE=maven:3.9-eclipse-temurin-17",
        "RUNTIME_IMAGE=eclipse-temurin:17-jre");
    assertThat(dockerfile.env()).containsKeys(Setting.CONF_DIR, "MODEL_REGISTRY_DATA_DIR")
        .containsEntry("JDK_JAVA_OPTIONS", "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError");
  }

  @Test
  @DisplayName("The build context leaves out .git, target/, .model-registry/ and everything but pom.xml, src/ and conf/")
  void buildContext() throws IOException {
    List<String> rules = Files.readAllLines(Path.of(".dockerignore")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    assertThat(rules.get(0)).isEqualTo("*");
    assertThat(rules.stream().filter(rule -> rule.startsWith("!"))).containsExactlyInAnyOrder("!pom.xml", "!src/", "!conf/");
  }

  @Test
  @DisplayName("Every MODEL_REGISTRY_* name in the deployment files is a setting the code reads")
  void settingNames() throws IOException {
    Set<String> known = Settings.ALL.stream().map(Setting::variable).collect(Collectors.toCollection(TreeSet::new));
    known.add(Setting.CONF_DIR);
    Set<String> used = new TreeSet<>();
    for (Path file : deploymentFiles()) {
      Matcher matcher = SETTING_NAME.matcher(Files.readString(file));
      while (matcher.find()) {
        used.add(matcher.group());
      }
    }
    assertThat(used).hasSizeGreaterThan(10);
    assertThat(known).containsAll(used);
  }

  @Test
  @DisplayName("Container ports are the code's default HTTP, Hazelcast and event-bus ports, and the Services point at them")
  @SuppressWarnings("unchecked")
  void ports() {
    Map<String, Object> container = kubernetes.container();
    Map<String, Integer> ports = new TreeMap<>();
    for (Map<String, Object> port : (List<Map<String, Object>>) container.get("ports")) {
      ports.put((String) port.get("name"), (Integer) port.get("containerPort"));
    }
    assertThat(ports).isEqualTo(Map.of("http", defaultPort(HttpSettings.PORT),
        "hazelcast", defaultPort(ClusterSettings.PORT), "eventbus", defaultPort(EventBusSettings.PORT)));

    Map<String, Object> headless = kubernetes.spec("Service", "model-registry-hz");
    assertThat(headless).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
    assertThat(servicePorts(headless)).isEqualTo(Map.of("hazelcast", ports.get("hazelcast"), "eventbus", ports.get("eventbus")));
    assertThat(servicePorts(kubernetes.spec("Service", "model-registry"))).isEqualTo(Map.of("http", ports.get("http")));
    for (Map<String, Object> service : List.of(headless, kubernetes.spec("Service", "model-registry"))) {
      assertThat(service.get("selector")).isEqualTo(kubernetes.podLabels());
    }
    assertThat(((Map<String, Object>) kubernetes.spec("PodDisruptionBudget", "model-registry").get("selector"))
        .get("matchLabels")).isEqualTo(kubernetes.podLabels());
    assertThat(kubernetes.spec("StatefulSet", "model-registry")).containsEntry("serviceName", "model-registry-hz");
  }

  @Test
  @DisplayName("cluster.xml of the ConfigMap is valid for Hazelcast and discovers members through the headless Service")
  @SuppressWarnings("unchecked")
  void clusterDiscovery() {
    Map<String, Object> configMap = kubernetes.find("ConfigMap", "model-registry-conf");
    String xml = ((Map<String, String>) configMap.get("data")).get("cluster.xml");
    Config config = new XmlConfigBuilder(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).build();

    JoinConfig join = config.getNetworkConfig().getJoin();
    assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
    assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("model-registry-hz");
    assertThat(join.getKubernetesConfig().getProperty("service-port")).isEqualTo(String.valueOf(defaultPort(ClusterSettings.PORT)));
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getMapConfig("models").getBackupCount()).isEqualTo(1);
  }

  @Test
  @DisplayName("Pods run as the image's non-root user on a read-only root file system, with writable data and temporary directories")
  @SuppressWarnings("unchecked")
  void securityContext() {
    Map<String, Object> pod = kubernetes.podSpec();
    Map<String, Object> podSecurity = (Map<String, Object>) pod.get("securityContext");
    assertThat(podSecurity).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", dockerfile.uid());
    Map<String, Object> container = kubernetes.container();
    assertThat((Map<String, Object>) container.get("securityContext"))
        .containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);

    Map<String, String> mounts = new HashMap<>();
    for (Map<String, Object> mount : (List<Map<String, Object>>) container.get("volumeMounts")) {
      mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
    }
    Map<String, Map<String, Object>> volumes = new HashMap<>();
    for (Map<String, Object> volume : (List<Map<String, Object>>) pod.get("volumes")) {
      volumes.put((String) volume.get("name"), volume);
    }
    assertThat(volumes.get(mounts.get(dockerfile.env().get("MODEL_REGISTRY_DATA_DIR")))).containsKey("emptyDir");
    assertThat(volumes.get(mounts.get("/tmp"))).containsKey("emptyDir");
    assertThat(((Map<String, Object>) volumes.get(mounts.get(dockerfile.env().get(Setting.CONF_DIR))).get("configMap")))
        .containsEntry("name", "model-registry-conf");
  }

  @Test
  @DisplayName("The token secret comes from a Secret, never from the manifests")
  @SuppressWarnings("unchecked")
  void secretFromSecret() {
    Map<String, Object> secret = kubernetes.env().get("MODEL_REGISTRY_JWT_SECRET");
    assertThat(secret).doesNotContainKey("value");
    assertThat(((Map<String, Object>) secret.get("valueFrom"))).containsKey("secretKeyRef");
    assertThat(kubernetes.documents()).noneMatch(document -> "Secret".equals(document.get("kind")));
  }

  @Test
  @DisplayName("The probes' paths answer on a real node: live 200, ready 200 once it takes traffic")
  @SuppressWarnings("unchecked")
  void probesAnswer() {
    Map<String, Object> container = kubernetes.container();
    Map<String, String> paths = new TreeMap<>();
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> httpGet = (Map<String, Object>) ((Map<String, Object>) container.get(probe)).get("httpGet");
      assertThat(httpGet.get("port")).as(probe).isEqualTo("http");
      paths.put(probe, (String) httpGet.get("path"));
    }
    assertThat(paths).containsEntry("readinessProbe", "/health/ready").containsEntry("livenessProbe", "/health/live");

    RegistryNode node = TestNodes.single();
    try {
      Http http = new Http(TestNodes.url(node));
      paths.forEach((probe, path) -> assertThat(http.get(path).status()).as(probe + " " + path).isEqualTo(200));
    } finally {
      TestNodes.stop(node);
    }
  }

  @Test
  @DisplayName("The compose file publishes only nginx, joins the nodes on the default Hazelcast port and balances over the default HTTP port")
  @SuppressWarnings("unchecked")
  void composeFile() throws IOException {
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertThat(services).containsKeys("registry-1", "registry-2", "registry-3", "redis", "nginx");
    services.forEach((name, service) -> assertThat(service.containsKey("ports")).as(name).isEqualTo(name.equals("nginx")));
    String members = (String) ((Map<String, Object>) compose.get("x-registry-environment")).get("MODEL_REGISTRY_CLUSTER_MEMBERS");
    assertThat(members.split(",")).hasSize(3).allMatch(member -> member.endsWith(":" + defaultPort(ClusterSettings.PORT)));
    String nginx = Files.readString(Path.of("deploy", "nginx.conf"));
    for (String node : List.of("registry-1", "registry-2", "registry-3")) {
      assertThat(nginx).contains("server " + node + ":" + defaultPort(HttpSettings.PORT) + " ");
    }
  }

  private static int defaultPort(Setting setting) {
    return Integer.parseInt(Settings.defaultOf(setting));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Integer> servicePorts(Map<String, Object> serviceSpec) {
    Map<String, Integer> ports = new TreeMap<>();
    Map<String, Integer> containerPorts = new HashMap<>();
    for (Map<String, Object> port : (List<Map<String, Object>>) kubernetes.container().get("ports")) {
      containerPorts.put((String) port.get("name"), (Integer) port.get("containerPort"));
    }
    for (Map<String, Object> port : (List<Map<String, Object>>) serviceSpec.get("ports")) {
      assertThat(port.get("port")).as("service port %s", port.get("name")).isEqualTo(containerPorts.get((String) port.get("targetPort")));
      ports.put((String) port.get("name"), containerPorts.get((String) port.get("targetPort")));
    }
    return ports;
  }

  private static List<Path> deploymentFiles() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("Dockerfile"), Path.of("deploy", "compose.yaml")));
    try (Stream<Path> manifests = Files.list(Path.of("deploy", "kubernetes"))) {
      manifests.sorted().forEach(files::add);
    }
    return files;
  }
}
