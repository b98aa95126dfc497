package io.sophra.registry;

import io.sophra.registry.config.ConfigException;
import io.sophra.registry.config.ConfigLoader;
import io.sophra.registry.config.RegistryConfig;
import io.sophra.registry.config.Settings;
import io.sophra.registry.tokens.TokenCommand;
import io.sophra.registry.logging.LogFormat;
import io.sophra.registry.logging.LogShutdown;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jar's commands. Without one it starts a registry node and keeps it running until SIGTERM,
 * which drains and leaves the cluster cleanly; {@code token ...} mints a token ({@link TokenCommand});
 * {@code subscribe} runs a {@link SubscriberNode}, a lite member that prints model events;
 * {@code --help} lists the commands and every setting with its default. A bad configuration or a
 * failed start prints one line and exits with status 1 ({@link CommandRunner}).
 */
public final class Main {

  static final String NAME = "model-registry";
  private static final String HAZELCAST_LOGGING = "hazelcast.logging.type";

  private Main() {
  }

  public static void main(String[] args) {
    // Hazelcast's static loggers (before a member reads its config) default to java.util.logging, whose
    // lines would bypass logback and its JSON format
    if (System.getProperty(HAZELCAST_LOGGING) == null) {
      System.setProperty(HAZELCAST_LOGGING, "slf4j");
    }
    String command = args.length > 0 ? args[0] : "";
    switch (command) {
      case "token" -> mintToken(List.of(args).subList(1, args.length));
      case "subscribe" -> SubscriberNode.run(List.of(args).subList(1, args.length));
      case "--help", "-h", "help" -> System.out.print(help());
      case "" -> serve();
      default -> {
        System.err.print(help());
        CommandRunner.fail(NAME, "unknown command '" + command + "'");
      }
    }
  }

  private static void serve() {
    CommandRunner.runUntilStopped(NAME, () -> {
      RegistryConfig config = ConfigLoader.fromProcess();
      // logback chose from the variable or property already; config.json may name the format too
      LogFormat.select(LogFormat.valueOf(config.logging().format().name()));
      return RegistryNode.start(config, new VertxOptions());
    }, Main::announce, node -> {
      log().info("Shutting down: leaving the cluster");
      return node.stop().onComplete(stopped -> LogShutdown.flush());
    });
  }

  private static void announce(RegistryNode node) {
    RegistryConfig config = node.config();
    log().info("Model Registry ready on {}://{}:{} (cluster '{}', members: {})",
        config.tls().enabled() ? "https" : "http", config.http().host(),
        config.http().port(), config.cluster().name(), node.hazelcast().getCluster().getMembers().stream()
            .map(member -> member.getAddress().toString()).collect(Collectors.joining(", ")));
  }

  private static void mintToken(List<String> args) {
    try {
      System.exit(TokenCommand.run(args, ConfigLoader.fromProcess(), System.out, System.err));
    } catch (ConfigException e) {
      CommandRunner.fail(NAME, "configuration error: " + e.getMessage());
    }
  }

  /** The commands, then every setting with its default, from the same definitions the reader uses. */
  static String help() {
    return """
        usage: java -jar model-registry.jar [COMMAND]

        Commands:
          (none)      start a registry node; SIGTERM drains it and leaves the cluster
          token       print a token: token --sub NAME --roles ROLE[,ROLE...] [--ttl 1h]
          subscribe   join the cluster as a lite member and print every model event as a JSON line,
                      from now on, or every one after a sequence: subscribe --after SEQ
          --help      this text

        Settings (an environment variable, or a system property of the same name):
        """ + Settings.helpText();
  }

  /** Not a static field: {@code subscribe} points logging at standard error before the first logger exists. */
  private static Logger log() {
    return LoggerFactory.getLogger(Main.class);
  }
}
