package io.sophra.registry.http;

import io.sophra.registry.alias.AliasName;
import io.sophra.registry.events.ChangeRecord;
import io.sophra.registry.model.ModelId;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@code GET /v1/events} asks for, each part checked with a message naming it: where to resume
 * ({@code Last-Event-ID}, which wins unless empty, or {@code ?after=}; neither: from the current end), and the
 * optional filters {@code id=} (repeatable; model ids, and alias names as {@code alias:<name>}) and
 * {@code type=} (repeatable; the feed's event names).
 */
record FeedParameters(OptionalLong after, FeedFilter filter) {

  static final String LAST_EVENT_ID = "Last-Event-ID";
  static final int MAX_IDS = 100;
  static final List<String> EVENT_NAMES = List.of("registered", "updated", "deleted",
      "alias.created", "alias.updated", "alias.deleted");
  private static final String SEQUENCE_RULE = "must be a sequence: a whole number, 0 or more";

  static FeedParameters of(RoutingContext ctx) {
    MultiMap params = RequestTarget.queryParams(ctx);
    OptionalLong after = sequence("after", single(params, "after"));
    String lastEventId = ctx.request().getHeader(LAST_EVENT_ID);
    if (lastEventId != null && !lastEventId.isBlank()) {
      after = sequence(LAST_EVENT_ID, lastEventId.trim());
    }
    return new FeedParameters(after, new FeedFilter(subjects(params.getAll("id")), names(params.getAll("type"))));
  }

  private static OptionalLong sequence(String pointer, String value) {
    if (value == null) {
      return OptionalLong.empty();
    }
    if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw HttpProblem.invalid(pointer, SEQUENCE_RULE);
    }
    return OptionalLong.of(Long.parseLong(value));
  }

  private static Set<String> subjects(List<String> ids) {
    if (ids.size() > MAX_IDS) {
      throw HttpProblem.invalid("id", "may be given at most " + MAX_IDS + " times");
    }
    Set<String> subjects = new LinkedHashSet<>();
    for (String id : ids) {
      if (id.startsWith(ChangeRecord.ALIAS_PREFIX)) {
        String name = id.substring(ChangeRecord.ALIAS_PREFIX.length());
        AliasName.parse(name).orElseThrow(() -> HttpProblem.invalid("id", "'" + shorten(id) + "' names an alias"
            + " whose name " + AliasName.RULE));
      } else {
        ModelId.parse(id).orElseThrow(() -> HttpProblem.invalid("id", "'" + shorten(id) + "' is neither a model id"
            + " nor alias:<name>"));
      }
      subjects.add(id);
    }
    return subjects;
  }

  private static Set<String> names(List<String> types) {
    Set<String> names = new LinkedHashSet<>();
    for (String type : types) {
      if (!EVENT_NAMES.contains(type)) {
        throw HttpProblem.invalid("type", "must be one of " + String.join(", ", EVENT_NAMES));
      }
      names.add(type);
    }
    return names;
  }

  private static String single(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.size() > 1) {
      throw HttpProblem.invalid(name, "may be given once");
    }
    return values.isEmpty() ? null : values.get(0);
  }

  private static String shorten(String value) {
    return value.length() <= 140 ? value : value.substring(0, 140) + "…";
  }
}
