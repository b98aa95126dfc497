package io.sophra.registry.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The instructions of a Dockerfile (continuation lines joined, comments dropped), enough to check it. */
record Dockerfile(List<String[]> lines) {

  private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

  static Dockerfile read(Path file) throws IOException {
    List<String[]> lines = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String[] parts = current.toString().strip().split("\\s+", 2);
      lines.add(new String[] {parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""});
      current.setLength(0);
    }
    return new Dockerfile(List.copyOf(lines));
  }

  List<String> instructions(String name) {
    return lines.stream().filter(line -> line[0].equals(name)).map(line -> line[1]).toList();
  }

  String last(String name) {
    List<String> all = instructions(name);
    return all.isEmpty() ? "" : all.get(all.size() - 1);
  }

  /** The runtime stage's user, as written. */
  String user() {
    return last("USER");
  }

  int uid() {
    return Integer.parseInt(user().split(":")[0]);
  }

  List<Integer> exposed() {
    return instructions("EXPOSE").stream().flatMap(ports -> Arrays.stream(ports.split("\\s+")))
        .map(port -> Integer.valueOf(port.replace("/tcp", ""))).toList();
  }

  /** Every {@code ENV name=value} of the file, quotes removed. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String assignments : instructions("ENV")) {
      Matcher matcher = ASSIGNMENT.matcher(assignments);
      while (matcher.find()) {
        env.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
      }
    }
    return env;
  }
}
