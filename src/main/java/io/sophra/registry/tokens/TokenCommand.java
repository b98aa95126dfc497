package io.sophra.registry.tokens;

import io.sophra.registry.config.RegistryConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar model-registry.jar token --sub NAME --roles r1,r2 [--ttl 1h]}: prints one token
 * signed with the configured HS256 secret (and issuer, audience, roles claim), or with the
 * development secret when no key is configured. Starts no node.
 */
public final class TokenCommand {

  static final String USAGE = "usage: java -jar model-registry.jar token --sub NAME --roles ROLE[,ROLE...] [--ttl 1h]";
  private static final Pattern TTL = Pattern.compile("(\\d{1,6})([smhd])");

  private TokenCommand() {
  }

  /** Runs the command with {@code args} after the word {@code token}; answers the exit status. */
  public static int run(List<String> args, RegistryConfig config, PrintStream out, PrintStream err) {
    String subject = null;
    List<String> roles = List.of();
    Duration ttl = Duration.ofHours(1);
    String ttlText = "1h";
    for (int i = 0; i < args.size(); i += 2) {
      String value = i + 1 < args.size() ? args.get(i + 1) : null;
      if (value == null) {
        return usage(err, args.get(i) + " needs a value");
      }
      switch (args.get(i)) {
        case "--sub" -> subject = value;
        case "--roles" -> roles = Arrays.stream(value.split(",")).map(String::trim).filter(r -> !r.isEmpty()).toList();
        case "--ttl" -> {
          ttl = ttl(value);
          ttlText = value;
        }
        default -> {
          return usage(err, "unknown option " + args.get(i));
        }
      }
      if (ttl == null) {
        return usage(err, "--ttl must look like 30m, 1h or 7d");
      }
    }
    if (subject == null || subject.isBlank()) {
      return usage(err, "--sub is required");
    }
    if (config.jwt().secret().isEmpty() && config.jwt().hasKey()) {
      err.println("model-registry: the token command signs with HS256, and only public keys are configured;"
          + " set MODEL_REGISTRY_JWT_SECRET, or get RS256/ES256 tokens from your identity provider");
      return 1;
    }
    TokenSetup setup = TokenSetup.resolve(config);
    if (ttl.compareTo(setup.rules().maxLifetime()) > 0) {
      return usage(err, "--ttl " + ttlText + " is longer than the maximum token lifetime of "
          + setup.rules().maxLifetimeText() + " (MODEL_REGISTRY_JWT_MAX_LIFETIME); the node would refuse the token");
    }
    roles.stream().filter(role -> !config.roles().containsKey(role))
        .forEach(role -> err.println("model-registry: note: role '" + role + "' grants no permission here"));
    out.println(setup.minter().orElseThrow().mint(subject, roles, ttl));
    return 0;
  }

  private static Duration ttl(String value) {
    Matcher matcher = TTL.matcher(value.toLowerCase(Locale.ROOT));
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      return null;
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static int usage(PrintStream err, String problem) {
    err.println("model-registry: " + problem);
    err.println(USAGE);
    return 2;
  }
}
